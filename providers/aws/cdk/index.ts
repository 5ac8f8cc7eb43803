/** lbkit/aws-cdk: the lbkit spec as an aws-cdk-lib construct (ALB and/or NLB, target groups, rules, WAFv2). */
export { LoadBalancer, type LoadBalancerProps, type PoolBinding } from './load-balancer';
export { PlannedCondition } from './render';
export type { SpecInput } from '../../../lib/backend';
export { planAws, AwsPlanError, AwsPlacementError, type AwsPlan, type PlanOptions, type MemberBinding } from '../plan';
