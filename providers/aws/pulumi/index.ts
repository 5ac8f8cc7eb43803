/** lbkit/aws-pulumi: the lbkit spec as a Pulumi component (`lbkit:aws:LoadBalancer`) on @pulumi/aws. */
export { LoadBalancer, type LoadBalancerArgs } from './load-balancer';
export type { SpecInput } from '../../../lib/backend';
export { planAws, AwsPlanError, AwsPlacementError, type AwsPlan, type PlanOptions, type MemberBinding } from '../plan';
