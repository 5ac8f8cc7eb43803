/** Global load balancing: targets, their capability columns, plans. Constructs: ./cdk (AWS), ./pulumi. */
export { GLOBAL_BACKEND, GLOBAL_TARGET_IDS, planGlobal, type GlobalPlan, type GlobalOptions } from './backend';
export { GLOBAL_TARGETS, type GlobalTargetId } from './targets';
export type { Route53Options, Route53Plan, Route53RegionPlacement } from './plan/route53';
export type { AcceleratorOptions, AcceleratorPlan, AcceleratorRegionPlacement } from './plan/global-accelerator';
