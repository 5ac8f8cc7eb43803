export * from './schema';
export * from './errors';
export { specIssues, validateSpec, parseSpecText, loadSpecFile, type Locator, type ManyLocator, type Position, type ValidateOptions } from './load';
export { SPEC_LIMITS, SPECIAL_KEYS } from './limits';
export { specJsonSchema, SCHEMA_ID } from './json-schema';
export { L7_PROTOCOLS, POOL_PROTOCOLS_FOR } from './semantic';
export { SpecLoadError, SpecValidationError, formatIssue, type SpecIssue } from '../errors';
