/**
 * A Pulumi program: the example specs on AWS with the lbkit component, placed as the CDK app places them
 * (examples/cdk/placements.ts): one `lbkit:aws:LoadBalancer` per spec that has a placement.
 *
 *   pulumi stack init dev && pulumi config set aws:region eu-west-1 && pulumi up
 *
 * In an application, import the component from 'lbkit/aws-pulumi'.
 */
import * as pulumi from '@pulumi/pulumi';
import { LoadBalancer } from '../../providers/aws/pulumi';
import { PLACEMENTS, pulumiArgs } from '../cdk/placements';

const config = new pulumi.Config();

/** One load balancer per placed example spec, named after the spec. */
export const loadBalancers: Record<string, LoadBalancer> = Object.fromEntries(
  Object.keys(PLACEMENTS).map((spec) => {
    const args = pulumiArgs(spec);
    return [spec, new LoadBalancer(spec, { ...args, vpcId: config.get('vpcId') ?? args.vpcId })];
  }),
);

export const dnsNames = Object.fromEntries(Object.entries(loadBalancers).map(([spec, lb]) => [spec, lb.dnsName]));
