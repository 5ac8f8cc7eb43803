/** lbkit/aws-pulumi: the lbkit spec as a Pulumi component (`lbkit:aws:LoadBalancer`) on @pulumi/aws. */
export { LoadBalancer, type LoadBalancerArgs } from './load-balancer';
export {
  planAws, AwsPlanError, AwsPlacementError, type AwsPlan, type PlanOptions, type MemberBinding, type SpecInput,
} from '../plan';
