/**
 * `GlobalAccelerator`: a global spec as AWS Global Accelerator (target aws-global-accelerator), anycast: an
 * accelerator, a TCP listener, one endpoint group per region with its load balancer, and Route 53 alias
 * records for the host names. L1 resources, each exposed.
 */
import { Annotations, Stack, Tags, Token } from 'aws-cdk-lib';
import type * as elbv2 from 'aws-cdk-lib/aws-elasticloadbalancingv2';
import * as ga from 'aws-cdk-lib/aws-globalaccelerator';
import * as route53 from 'aws-cdk-lib/aws-route53';
import { Construct } from 'constructs';
import { problemsError, type CapabilityDiagnostic } from '../../../lib/errors';
import type { GlobalSpecInput } from '../../../lib/global-backend';
import { planGlobal } from '../backend';
import type { AcceleratorPlan, AcceleratorRegionPlacement } from '../plan/global-accelerator';
import { globalModelAt, zoneProblems } from './input';

/** The hosted zone id of every accelerator's DNS name (alias target). SOURCE: https://docs.aws.amazon.com/general/latest/gr/global_accelerator.html */
export const GLOBAL_ACCELERATOR_ZONE_ID = 'Z2BJ6XQ5FK7U4H';

export type AcceleratorRegionProps =
  { readonly awsRegion: string; readonly loadBalancer: elbv2.IApplicationLoadBalancer | elbv2.INetworkLoadBalancer } | AcceleratorRegionPlacement;

export interface GlobalAcceleratorProps extends GlobalSpecInput {
  readonly hostedZone: route53.IHostedZone;
  readonly regions: Readonly<Record<string, AcceleratorRegionProps>>;
}

export class GlobalAccelerator extends Construct {
  readonly plan: AcceleratorPlan;
  readonly warnings: readonly CapabilityDiagnostic[];
  readonly accelerator: ga.CfnAccelerator;
  readonly listener: ga.CfnListener;
  /** Endpoint groups by region name. */
  readonly endpointGroups: Readonly<Record<string, ga.CfnEndpointGroup>>;
  readonly records: Readonly<Record<string, route53.CfnRecordSet>>;

  constructor(scope: Construct, id: string, props: GlobalAcceleratorProps) {
    super(scope, id);
    const model = globalModelAt(this, props);
    const regions = Object.fromEntries(
      Object.entries(props.regions ?? {}).map(([k, v]) => [
        k,
        'loadBalancer' in v ? { awsRegion: v.awsRegion, loadBalancerArn: v.loadBalancer.loadBalancerArn } : v,
      ]),
    );
    const result = planGlobal(model, 'aws-global-accelerator', { hostedZoneId: props.hostedZone?.hostedZoneId, regions });
    // Accelerators are created through the US West (Oregon) endpoint only.
    // SOURCE: https://docs.aws.amazon.com/global-accelerator/latest/dg/preserve-client-ip-address.regions.html
    const stackRegion = Stack.of(this).region;
    const problems = [...result.problems, ...zoneProblems(props.hostedZone, model.zone)];
    if (!Token.isUnresolved(stackRegion) && stackRegion !== 'us-west-2') {
      problems.push({
        code: 'LBKIT_GLOBAL_PLACEMENT',
        path: 'stack.region',
        message: `the stack is in ${stackRegion}; Global Accelerator resources are created in us-west-2 only`,
        fix: "put this construct in a stack with env: { region: 'us-west-2' }",
      });
    }
    if (problems.length) throw problemsError(problems).at(this.node.path);
    const plan = (result.plan as { accelerator: AcceleratorPlan }).accelerator;
    this.plan = plan;
    this.warnings = result.warnings;
    for (const w of result.warnings) Annotations.of(this).addWarningV2(`@lbkit/global:${w.feature}`, `${w.path}: ${w.message}`);

    this.accelerator = new ga.CfnAccelerator(this, 'Accelerator', { name: plan.name, enabled: true, ipAddressType: plan.ipAddressType });
    this.listener = new ga.CfnListener(this, plan.listener.id, {
      acceleratorArn: this.accelerator.attrAcceleratorArn,
      protocol: plan.listener.protocol,
      portRanges: [{ fromPort: plan.listener.port, toPort: plan.listener.port }],
      clientAffinity: 'NONE',
    });
    const groups: Record<string, ga.CfnEndpointGroup> = {};
    for (const g of plan.endpointGroups) {
      groups[g.region] = new ga.CfnEndpointGroup(this, g.id, {
        listenerArn: this.listener.attrListenerArn,
        endpointGroupRegion: regions[g.region].awsRegion,
        trafficDialPercentage: g.trafficDialPercentage,
        endpointConfigurations: [{ endpointId: regions[g.region].loadBalancerArn, clientIpPreservationEnabled: g.clientIpPreservation }],
      });
    }
    this.endpointGroups = groups;
    const records: Record<string, route53.CfnRecordSet> = {};
    for (const r of plan.records) {
      records[r.id] = new route53.CfnRecordSet(this, r.id, {
        hostedZoneId: props.hostedZone.hostedZoneId,
        name: r.name,
        type: r.type,
        aliasTarget: { dnsName: this.accelerator.attrDnsName, hostedZoneId: GLOBAL_ACCELERATOR_ZONE_ID, evaluateTargetHealth: true },
      });
    }
    this.records = records;
    for (const [k, v] of Object.entries(plan.tags)) Tags.of(this).add(k, v);
  }
}
