/**
 * lbkit: one provider-neutral load balancer spec, its model, the capability table of every registered target,
 * and the backend contract. Backends: lbkit/aws-cdk, lbkit/aws-pulumi, lbkit/azure, lbkit/gcp, lbkit/local.
 */
export * from './lib';
export {
  BACKENDS,
  TARGETS,
  TARGET_INFO,
  CAPABILITIES,
  isTarget,
  backendOf,
  scopeFor,
  checkCapabilities,
  assertCapabilities,
  describeTarget,
  type TargetId,
} from './providers';
