/** The AWS plan: the model compiled once into ELBv2 and WAFv2 terms (no aws-cdk-lib or Pulumi import). */
export * from './types';
export { planAws } from './build';
export type { PlanOptions } from './options';
export { compileAws, QUOTAS, type CompileOptions } from './compile';
export { actionPlan, SSL_POLICY } from './alb-listener';
export { sharedListener, NO_FRONTEND } from './host-listeners';
export { compileConditions, chunkSizes, distinctGroups, LIMITS, MATCH_EVERY_REQUEST } from './conditions';
export { assignPriorities, ledgerOf, PRIORITY_RANGE, type PriorityLedger } from './priorities';
export { planTargetGroup, targetGroupAttributeMap, loadBalancerKindOf } from './target-groups';
export { planHealthCheck, probeSettings, type ProbeSettings } from './health-check';
export { planWebAcl, matchStatement, resolveIpSets, wafRule, webAclVisibility } from './waf';
export { bindingProblems, resolveBinding, isMemberBinding, memberId, type MemberBinding, type OtherBindings, type ResolvedBinding } from './bindings';
export { placementProblems, CERTIFICATE_ARN, type AwsPlacement, type PlacementTerms } from './placement';
export { AwsPlanError, AwsPlacementError } from '../../../lib/errors';
export { ELB_LOG_ACCOUNTS, accessLogsBucketPolicy, partitionOf } from './access-logs';
