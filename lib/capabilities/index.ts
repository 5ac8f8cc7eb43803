export { FEATURES, FEATURE_IDS, type FeatureDef, type ModelScope } from './features';
export { native, nearest, unsupported, type Support, type TargetColumn, type RangeViolation } from './support';
export { checkTarget, judge, scopeOf, assertReport, type CapabilityReport, type Judgement, type ScopeOptions } from './check';
