/**
 * The AWS global deployments the tests build with both CDK constructs and both Pulumi components: the
 * examples on Route 53 (latency, geo, two-region failover, DNS for one load balancer) and on Global
 * Accelerator (the latency example over anycast), plus dualstack and tagged variants. aws-cdk.test.ts
 * cfn-lints each one's template; aws-equivalence.test.ts holds the Pulumi resources equal to it.
 */
import type { GlobalSpecInput } from '../../../lib/global-backend';
import { loadModel } from '../../../lib/model/build';
import { buildGlobalModel, loadGlobalModel } from '../../../lib/model/global';
import { readSpec, SPECS } from './specs';

const AWS_REGION: Record<string, string> = {
  'us-east': 'us-east-1',
  'eu-west': 'eu-west-1',
  'ap-south': 'ap-south-1',
  'eu-central': 'eu-central-1',
  main: 'eu-west-1',
};
/** The canonical hosted zone ids of Application Load Balancers per region (ELB endpoints and quotas). */
const ALB_ZONE: Record<string, string> = {
  'us-east-1': 'Z35SXDOTRQ7X7K',
  'eu-west-1': 'Z32O12XQLNTSW2',
  'ap-south-1': 'ZP97RAFLXTNZK',
  'eu-central-1': 'Z215JYRZR1TBD5',
};
export const HOSTED_ZONE_ID = 'Z0123456789ABCDEFGHIJ';

/** Placement of a region's deployed load balancer, as plain strings both the constructs and the components take. */
export function awsRegions(names: readonly string[]) {
  return Object.fromEntries(
    names.map((name) => [
      name,
      {
        awsRegion: AWS_REGION[name],
        dnsName: `shop-${name}-123456.${AWS_REGION[name]}.elb.amazonaws.com`,
        canonicalHostedZoneId: ALB_ZONE[AWS_REGION[name]],
        loadBalancerArn: `arn:aws:elasticloadbalancing:${AWS_REGION[name]}:123456789012:loadbalancer/app/shop/0123456789abcdef`,
      },
    ]),
  );
}
export const regionsOf = (file: string) => awsRegions(loadGlobalModel(`${SPECS}/${file}`).regions.map((r) => r.name));

export interface AwsCase {
  /** The stack name of its CDK template. */
  readonly name: string;
  readonly target: 'aws-route53' | 'aws-global-accelerator';
  readonly input: GlobalSpecInput;
  readonly regions: ReturnType<typeof awsRegions>;
}

/** The latency example with every region's load balancer dualstack (A and AAAA records). */
function dualstack(spec: object) {
  const lb = { ...loadModel(`${SPECS}/global-region.yaml`), ipAddressType: 'dualstack' as const };
  const names = (spec as { regions: Array<{ name: string }> }).regions.map((r) => r.name);
  return buildGlobalModel(spec, { baseDir: SPECS, loadBalancers: Object.fromEntries(names.map((n) => [n, lb])) });
}

export function awsCases(): AwsCase[] {
  const latency = readSpec('global-latency.yaml');
  const failover = { ...readSpec('global-failover.yaml'), delivery: 'dns' };
  failover.regions = failover.regions.slice(0, 2);
  const latencyOptIn = { allowNearest: ['aws-route53:global.ttl', 'aws-route53:global.health.timeout'] };
  const dns = (name: string, input: GlobalSpecInput, regions: ReturnType<typeof awsRegions>): AwsCase => ({ name, target: 'aws-route53', input, regions });
  const anycast = { ...latency, delivery: 'anycast' };
  return [
    dns('global-latency', { spec: latency, baseDir: SPECS, ...latencyOptIn }, regionsOf('global-latency.yaml')),
    // The geo example fails closed, which Route 53 cannot (unsupported): on AWS it fails open instead.
    dns('global-geo', { spec: { ...readSpec('global-geo.yaml'), whenAllUnhealthy: 'fail-open' }, baseDir: SPECS, strict: false }, regionsOf('global-geo.yaml')),
    dns('dns-one', { spec: readSpec('dns-one.yaml'), baseDir: SPECS, strict: false }, regionsOf('dns-one.yaml')),
    dns('global-failover-dns', { spec: failover, baseDir: SPECS }, awsRegions(['us-east', 'eu-west'])),
    dns(
      'global-weighted-dualstack-tagged',
      { model: dualstack({ ...latency, steering: { policy: 'weighted' }, tags: { team: 'shop' } }), ...latencyOptIn },
      regionsOf('global-latency.yaml'),
    ),
    {
      name: 'global-anycast',
      target: 'aws-global-accelerator',
      input: { spec: anycast, baseDir: SPECS, strict: false },
      regions: regionsOf('global-latency.yaml'),
    },
    {
      name: 'global-anycast-dualstack-tagged',
      target: 'aws-global-accelerator',
      input: { model: dualstack({ ...anycast, tags: { team: 'shop' } }), strict: false },
      regions: regionsOf('global-latency.yaml'),
    },
  ];
}
