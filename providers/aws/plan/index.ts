/** The AWS plan: the model compiled once into ELBv2 and WAFv2 terms (no aws-cdk-lib or Pulumi import). */
export * from './types';
export { planAws, actionPlan, QUOTAS, SSL_POLICY, type PlanOptions } from './build';
export { compileConditions, chunkSizes, LIMITS } from './conditions';
export { planTargetGroup, targetGroupAttributeMap, loadBalancerKindOf } from './target-groups';
export { planWebAcl, matchStatement, resolveIpSets, wafRule, webAclVisibility } from './waf';
export { checkBindingNames, resolveBinding, isMemberBinding, memberId, type MemberBinding, type ResolvedBinding } from './bindings';
export { AwsPlanError, AwsPlacementError } from '../../../lib/errors';
export { loadSpecInput, type SpecInput } from './spec-input';
export { ELB_LOG_ACCOUNTS, accessLogsBucketPolicy, partitionOf } from './access-logs';
