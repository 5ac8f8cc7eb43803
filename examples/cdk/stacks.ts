/**
 * One CDK stack per example spec (examples/specs/*.yaml), placed as examples/cdk/placements.ts says, with
 * every cdk-nag AwsSolutions finding the spec leads to acknowledged, with its reason.
 */
import { readdirSync } from 'node:fs';
import { basename, join } from 'node:path';
import { Annotations, Stack, Validations, type App, type StackProps } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import type { Construct } from 'constructs';
import { LoadBalancer } from '../../providers/aws/cdk';
import { CapabilityError } from '../../lib/errors';
import { defaultPlacement, NETWORK, PLACEMENTS, REGION, type Placement } from './placements';

export const SPECS_DIR = join(__dirname, '..', 'specs');
export { PLACEMENTS, REGION, type Placement };

export interface SpecStackProps extends StackProps {
  readonly specFile: string;
  readonly placement: Placement;
  /** Acknowledge the cdk-nag findings that follow from the spec (tests turn it off to see them). @default true */
  readonly acknowledgeFindings?: boolean;
}

/** The examples' existing VPC (placements.ts NETWORK), by its attributes: no lookup, so synth needs no account. */
export function exampleVpc(scope: Construct): ec2.IVpc {
  return ec2.Vpc.fromVpcAttributes(scope, 'Vpc', {
    vpcId: NETWORK.vpcId,
    vpcCidrBlock: NETWORK.cidr,
    availabilityZones: [...NETWORK.availabilityZones],
    publicSubnetIds: [...NETWORK.publicSubnetIds],
    privateSubnetIds: [...NETWORK.privateSubnetIds],
    publicSubnetRouteTableIds: [...NETWORK.publicRouteTableIds],
    privateSubnetRouteTableIds: [...NETWORK.privateRouteTableIds],
  });
}

export class SpecStack extends Stack {
  readonly loadBalancer: LoadBalancer;

  constructor(scope: Construct, id: string, props: SpecStackProps) {
    super(scope, id, props);
    const vpc = exampleVpc(this);
    this.loadBalancer = new LoadBalancer(this, 'LoadBalancer', {
      specFile: props.specFile,
      vpc,
      bindings: props.placement.bindings,
      certificates: props.placement.certificates,
      trustStores: props.placement.trustStores,
      allowNearest: props.placement.allowNearest,
      alarmTopics: props.placement.alarmTopics,
      dashboard: props.placement.dashboard,
      targetCidrs: [NETWORK.cidr],
    });
    if (props.acknowledgeFindings !== false) this.acknowledgeFindings();
  }

  /** cdk-nag AwsSolutions findings that follow from the spec, each acknowledged with its reason. */
  private acknowledgeFindings(): void {
    const { plan, securityGroups, applicationLoadBalancer, networkLoadBalancer } = this.loadBalancer;
    for (const lb of plan.loadBalancers) {
      const openToAll = lb.securityGroup.ingress.some((r) => r.cidr === '0.0.0.0/0' || r.cidr === '::/0');
      if (openToAll) {
        Validations.of(securityGroups[lb.id]).acknowledge({
          id: 'AwsSolutions-EC23',
          reason:
            lb.scheme === 'internet-facing'
              ? 'An internet-facing load balancer: the spec opens these frontends to every client.'
              : 'An internal load balancer, reachable from inside the VPC only: the spec allows every client there.',
        });
      }
      if (!lb.accessLogs) {
        Validations.of(lb.kind === 'application' ? applicationLoadBalancer! : networkLoadBalancer!).acknowledge({
          id: 'AwsSolutions-ELB2',
          reason: 'The spec turns access logs off for this load balancer.',
        });
      }
    }
  }
}

export const stackName = (spec: string) => `lbkit-${spec}`;

/** Every example spec, by name (file name without extension). */
export function exampleSpecs(): string[] {
  return readdirSync(SPECS_DIR)
    .filter((f) => /\.(ya?ml|json)$/.test(f))
    .map((f) => basename(f).replace(/\.(ya?ml|json)$/, ''))
    .sort();
}

export interface ExampleStacks {
  readonly stacks: Readonly<Record<string, SpecStack>>;
  /** Specs without a placement above that do not compile to AWS, with the reason (warned about at synth). */
  readonly skipped: Readonly<Record<string, string>>;
}

/**
 * Adds one stack per example spec to the app. A spec with a placement above must compile; any other spec gets
 * the default placement, and when it cannot compile to AWS as written (a spec written for another cloud) it
 * gets a synth warning instead of a stack.
 */
export function addExampleStacks(app: App, options: { acknowledgeFindings?: boolean } = {}): ExampleStacks {
  const stacks: Record<string, SpecStack> = {};
  const skipped: Record<string, string> = {};
  for (const spec of exampleSpecs()) {
    const specFile = specPath(spec);
    const props = { specFile, env: { region: REGION }, description: `lbkit example: examples/specs/${basename(specFile)}`, ...options };
    const placement = PLACEMENTS[spec];
    if (placement) {
      stacks[spec] = new SpecStack(app, stackName(spec), { ...props, placement });
      continue;
    }
    try {
      stacks[spec] = new SpecStack(app, stackName(spec), { ...props, placement: defaultPlacement(specFile) });
    } catch (e) {
      if (!(e instanceof CapabilityError)) throw e;
      app.node.tryRemoveChild(stackName(spec));
      skipped[spec] = e.message;
      Annotations.of(app).addWarningV2('@lbkit/examples:not-for-aws', `examples/specs/${basename(specFile)} does not compile to AWS, no stack: ${e.message}`);
    }
  }
  return { stacks, skipped };
}

/** The file of an example spec. */
export function specPath(spec: string): string {
  const file = readdirSync(SPECS_DIR).find((f) => f.replace(/\.(ya?ml|json)$/, '') === spec);
  if (!file) throw new Error(`no example spec '${spec}' in ${SPECS_DIR}`);
  return join(SPECS_DIR, file);
}
