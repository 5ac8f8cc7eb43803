/**
 * lbkit/gcp: an lbkit spec on Google Cloud, as the Pulumi component `lbkit:gcp:LoadBalancer`
 * (@pulumi/gcp 9.x). `GCP_BACKEND` (./backend, without Pulumi) plans a model with every problem and describes
 * the resources for `lbkit plan`.
 */
export { LoadBalancer, compileForGcp } from './loadBalancer';
export type {
  GcpBackendCapacity,
  GcpCertificate,
  GcpInstanceGroup,
  GcpLoadBalancerProps,
  GcpNotificationChannel,
  GcpPlacement,
  GcpPoolBinding,
  GcpServerless,
  GcpTrustStore,
  GcpZonalEndpoints,
} from './props';
export { GcpPlacementError, type PlacementProblem } from '../../lib/errors';
export { planGcp, defaultNetworkLoadBalancerKind, HEALTH_CHECK_RANGES, PASSTHROUGH_HEALTH_CHECK_RANGES } from './plan';
export type { GcpPlan, GcpPlanOptions, NetworkLoadBalancerKind } from './plan/types';
export { describePlan } from './describe';
export { GCP_BACKEND } from './backend';
export { GCP_TARGETS, type GcpTargetId } from './targets';
