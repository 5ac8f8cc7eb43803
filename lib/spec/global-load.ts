/**
 * Reading and validating a global spec (global-schema.ts): from an object, a YAML or a JSON file, with every
 * problem at once, each with its path, line and fix, as load.ts does for LoadBalancer specs.
 */
import { readFileSync } from 'node:fs';
import { isAbsolute, resolve } from 'node:path';
import { SpecLoadError, SpecValidationError, type SpecIssue } from '../errors';
import { globalSpecSchema, type GlobalSpec } from './global-schema';
import { globalSemanticIssues } from './global-semantic';
import { jsonSchemaOf, propertyNamesOf } from './json-schema';
import { parseSpecText, type ValidateOptions } from './load';
import { structuralIssues } from './structural';

export const GLOBAL_SCHEMA_ID = 'https://lbkit.dev/schema/lbkit-global.schema.json';

let cached: Record<string, unknown> | undefined;

/** JSON Schema (draft 2020-12) of a global spec file. */
export function globalJsonSchema(): Record<string, unknown> {
  cached ??= jsonSchemaOf(globalSpecSchema, GLOBAL_SCHEMA_ID, 'lbkit global spec');
  return cached;
}

let fields: Set<string> | undefined;
const globalFieldNames = (): ReadonlySet<string> => (fields ??= propertyNamesOf(globalJsonSchema()));

/** True when parsed spec data says `kind: global` (the CLI uses it to tell the two kinds of file apart). */
export function isGlobalSpecData(data: unknown): boolean {
  return typeof data === 'object' && data !== null && (data as { kind?: unknown }).kind === 'global';
}

/** Every problem of a global spec (structural first; cross-field only when the structure is sound). */
export function globalSpecIssues(input: unknown, options: ValidateOptions = {}): SpecIssue[] {
  const parsed = globalSpecSchema.safeParse(input);
  const issues = parsed.success ? globalSemanticIssues(parsed.data as GlobalSpec) : structuralIssues(parsed.error.issues, globalFieldNames(), input);
  const locate = options.locate;
  return locate ? issues.map((i) => ({ ...i, ...locate(i.path) })) : issues;
}

/** Validates a global spec object; returns it typed, or throws SpecValidationError listing every problem. */
export function validateGlobalSpec(input: unknown, options: ValidateOptions = {}): GlobalSpec {
  const issues = globalSpecIssues(input, options);
  if (issues.length) throw new SpecValidationError(issues, options.file);
  return input as GlobalSpec;
}

/** The text of a global spec file (relative to the working directory); a SpecLoadError naming it when it cannot be read. */
export function readGlobalSpecText(path: string): string {
  try {
    return readFileSync(isAbsolute(path) ? path : resolve(path), 'utf8');
  } catch (e) {
    throw new SpecLoadError(`cannot read ${path}: ${(e as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (e as Error).message}`, path);
  }
}

/** Reads and validates a global spec file. */
export function loadGlobalSpecFile(path: string): GlobalSpec {
  const { data, locate } = parseSpecText(readGlobalSpecText(path), path);
  return validateGlobalSpec(data, { file: path, locate });
}
