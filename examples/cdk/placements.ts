/**
 * Where the example specs are deployed: an existing VPC (by its ids, no lookups), the members of each pool and
 * the certificates of an imaginary environment. Shared by the CDK app and the Pulumi program.
 */
import { join } from 'node:path';
import { loadModel } from '../../lib/model/build';
import type { MemberBinding } from '../../providers/aws/plan';
import type { LoadBalancerArgs } from '../../providers/aws/pulumi';

export const REGION = 'eu-west-1';
const ACCOUNT = '123456789012';

/** Where a spec is deployed: members, certificates, and the approximations this deployment accepts. */
export interface Placement {
  readonly bindings: Readonly<Record<string, MemberBinding>>;
  readonly certificates?: Readonly<Record<string, string>>;
  readonly trustStores?: Readonly<Record<string, string>>;
  readonly allowNearest?: readonly string[];
  /** SNS topic ARNs by the notification names the spec's alarms use. */
  readonly alarmTopics?: Readonly<Record<string, string>>;
  /** A CloudWatch dashboard of the load balancer and its alarms. @default false */
  readonly dashboard?: boolean;
}

const certificateArn = (id: string) => `arn:aws:acm:${REGION}:${ACCOUNT}:certificate/${id}`;

export const PLACEMENTS: Readonly<Record<string, Placement>> = {
  web: {
    certificates: { site: certificateArn('0f1e2d3c-4b5a-6978-8899-aabbccddeeff') },
    bindings: {
      web: { ips: ['10.0.1.10', '10.0.2.10'] },
      'web-canary': { ips: ['10.0.1.20'] },
      api: { instanceIds: ['i-0123456789abcdef0', 'i-0123456789abcdef1'] },
      static: { ips: ['10.0.1.30', '10.0.2.30'] },
    },
  },
  // The Azure variant of web.yaml (no canary pool) compiles to AWS as well. Its rate limit counts the https
  // frontend only; a WAF web ACL covers the whole ALB, so requests to the http frontend (which only redirects)
  // count too: accepted for this deployment.
  'web-azure': {
    certificates: { site: certificateArn('0f1e2d3c-4b5a-6978-8899-aabbccddeeff') },
    bindings: {
      web: { ips: ['10.0.1.10', '10.0.2.10'] },
      api: { instanceIds: ['i-0123456789abcdef0', 'i-0123456789abcdef1'] },
      static: { ips: ['10.0.1.30', '10.0.2.30'] },
    },
    allowNearest: ['aws-alb:rate-limit.frontend-subset'],
  },
  'internal-tcp': { bindings: { pgbouncer: { instanceIds: ['i-0123456789abcdef2', 'i-0123456789abcdef3'] } } },
  udp: { bindings: { resolvers: { ips: ['10.0.1.53', '10.0.2.53'] } } },
  // Alarms to two SNS topics, protection and rate limits in one web ACL, and the dashboard. WAF's rate-based
  // rule estimates the rate rather than counting exactly: accepted for this deployment.
  ops: {
    allowNearest: ['aws-alb:rate-limit.client-ip'],
    bindings: { app: { ips: ['10.0.1.40', '10.0.2.40'] } },
    alarmTopics: { ops: `arn:aws:sns:${REGION}:${ACCOUNT}:ops`, pager: `arn:aws:sns:${REGION}:${ACCOUNT}:pager` },
    dashboard: true,
  },
};

/** A spec without a placement above gets members registered later and placeholder certificates. */
export function defaultPlacement(file: string): Placement {
  const model = loadModel(file);
  return {
    bindings: Object.fromEntries(model.pools.filter((p) => p.usedBy.length).map((p) => [p.name, { targetType: 'ip' as const }])),
    certificates: Object.fromEntries(model.certificates.map((c, i) => [c.name, certificateArn(`00000000-0000-0000-0000-${String(i).padStart(12, '0')}`)])),
    trustStores: Object.fromEntries(
      model.trustStores.map((t) => [t.name, `arn:aws:elasticloadbalancing:${REGION}:${ACCOUNT}:truststore/${t.name}/0123456789abcdef`]),
    ),
    alarmTopics: Object.fromEntries(model.alarms.flatMap((a) => (a.notify ? [[a.notify, `arn:aws:sns:${REGION}:${ACCOUNT}:${a.notify}`]] : []))),
  };
}

/** The network every example is placed in. */
export const NETWORK = {
  vpcId: 'vpc-0123456789abcdef0',
  cidr: '10.0.0.0/16',
  availabilityZones: [`${REGION}a`, `${REGION}b`],
  publicSubnetIds: ['subnet-0123456789abcdef0', 'subnet-0123456789abcdef1'],
  privateSubnetIds: ['subnet-0123456789abcdef2', 'subnet-0123456789abcdef3'],
  publicRouteTableIds: ['rtb-0123456789abcdef0', 'rtb-0123456789abcdef0'],
  privateRouteTableIds: ['rtb-0123456789abcdef1', 'rtb-0123456789abcdef2'],
} as const;

/** The Pulumi component's arguments for a placed example spec (the CDK stacks take the same placement). */
export function pulumiArgs(spec: string, placement: Placement = PLACEMENTS[spec]): LoadBalancerArgs {
  return {
    specFile: join(__dirname, '..', 'specs', `${spec}.yaml`),
    vpcId: NETWORK.vpcId,
    // External specs get the public subnets, internal ones the private subnets.
    subnetIds: [...(loadModel(join(__dirname, '..', 'specs', `${spec}.yaml`)).scheme === 'internal' ? NETWORK.privateSubnetIds : NETWORK.publicSubnetIds)],
    bindings: placement.bindings,
    certificates: placement.certificates,
    trustStores: placement.trustStores,
    allowNearest: placement.allowNearest,
    alarmTopics: placement.alarmTopics,
    dashboard: placement.dashboard,
    targetCidrs: [NETWORK.cidr],
    region: REGION,
  };
}
