/** lbkit: one provider-neutral load balancer spec, its model and the capability table. Backends: lbkit/aws-cdk, lbkit/aws-pulumi, lbkit/azure, lbkit/gcp, lbkit/local. */
export * from './spec';
export * from './model';
export * from './capabilities';
