/** The global spec (kind: global), its model, its steering decision and its capability engine. */
export { globalSpecSchema, type GlobalSpec, type RegionSpec, type SteeringSpec, type GlobalHealthCheckSpec, type LocationSpec } from './spec/global-schema';
export { validateGlobalSpec, globalSpecIssues, loadGlobalSpecFile, globalJsonSchema, isGlobalSpecData } from './spec/global-load';
export { buildGlobalModel, loadGlobalModel, globalModelFromText, type GlobalBuildOptions } from './model/global';
export type { GlobalModel, RegionModel, SteeringModel, LocationModel, GlobalHealthCheckModel } from './model/global-types';
export { GLOBAL_DEFAULTS } from './model/global-defaults';
export { steer, preference, latencyMs, type SteeringClient, type SteeringDecision } from './model/global-steer';
export { GLOBAL_FEATURES, type GlobalFeature } from './capabilities/global-features';
export { judgeGlobal, type GlobalColumn, type GlobalTargetDef, type GlobalJudgement } from './capabilities/global-check';
export type { GlobalBackend, GlobalPlanScope, GlobalSpecInput } from './global-backend';
export { globalModelOf } from './global-input';
