/** The provider-neutral core: the spec, the model, the capability engine, the backend contract and the errors. */
export * from './spec';
export * from './model';
export * from './capabilities';
export * from './errors';
export type { Backend, PlanResult, PlanScope, PlannedResource, SpecInput, TargetDef, TargetInfo } from './backend';
export * from './global';
