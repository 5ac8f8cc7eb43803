export { TARGETS, TARGET_INFO, isTarget, type TargetId, type TargetInfo } from './targets';
export { FEATURES, FEATURE_IDS, type FeatureDef, type ModelScope } from './features';
export { CAPABILITIES } from './table';
export { native, nearest, unsupported, type Support, type TargetColumn, type RangeViolation } from './support';
export {
  checkCapabilities, assertCapabilities, scopeFor, CapabilityError,
  type CapabilityDiagnostic, type CapabilityReport, type ScopeOptions,
} from './check';
