/**
 * `lbkit:global:GlobalAccelerator` (target aws-global-accelerator): accelerator, TCP listener, one endpoint
 * group per region, Route 53 alias records. Global Accelerator is managed through us-west-2 only
 * (https://docs.aws.amazon.com/global-accelerator/latest/dg/preserve-client-ip-address.regions.html): give
 * `opts.provider` an aws.Provider for us-west-2 unless the stack's region is us-west-2.
 */
import * as globalaccelerator from '@pulumi/aws/globalaccelerator';
import * as route53 from '@pulumi/aws/route53';
import * as pulumi from '@pulumi/pulumi';
import type { GlobalSpecInput } from '../../../lib/global-backend';
import { GlobalComponent } from './component';
import { planComponent } from './plan';
import { placeholder, placeholderRegions } from './placeholders';
import type { AcceleratorPlan } from '../plan/global-accelerator';

export interface AcceleratorRegionArgs {
  readonly awsRegion: string;
  readonly loadBalancerArn: pulumi.Input<string>;
}

export interface GlobalAcceleratorArgs extends GlobalSpecInput {
  readonly hostedZoneId: pulumi.Input<string>;
  readonly regions: Readonly<Record<string, AcceleratorRegionArgs>>;
}

export class GlobalAccelerator extends GlobalComponent<AcceleratorPlan> {
  readonly accelerator: globalaccelerator.Accelerator;
  readonly listener: globalaccelerator.Listener;
  readonly endpointGroups: Readonly<Record<string, globalaccelerator.EndpointGroup>>;
  readonly records: Readonly<Record<string, route53.Record>>;

  constructor(name: string, args: GlobalAcceleratorArgs, opts?: pulumi.ComponentResourceOptions) {
    const { plan, warnings, problems } = planComponent(args, 'aws-global-accelerator', {
      hostedZoneId: placeholder(args.hostedZoneId),
      regions: placeholderRegions(args.regions, ['loadBalancerArn']),
    });
    super('lbkit:global:GlobalAccelerator', name, { plan, warnings, problems }, opts);
    const parent = { parent: this };
    this.accelerator = new globalaccelerator.Accelerator(name, { name: plan.name, enabled: true, ipAddressType: plan.ipAddressType, tags: plan.tags }, parent);
    this.listener = new globalaccelerator.Listener(
      `${name}-listener`,
      {
        acceleratorArn: this.accelerator.arn,
        protocol: plan.listener.protocol,
        clientAffinity: 'NONE',
        portRanges: [{ fromPort: plan.listener.port, toPort: plan.listener.port }],
      },
      parent,
    );
    const groups: Record<string, globalaccelerator.EndpointGroup> = {};
    for (const g of plan.endpointGroups) {
      groups[g.region] = new globalaccelerator.EndpointGroup(
        `${name}-${g.region}`,
        {
          listenerArn: this.listener.arn,
          endpointGroupRegion: args.regions[g.region].awsRegion,
          trafficDialPercentage: g.trafficDialPercentage,
          endpointConfigurations: [{ endpointId: args.regions[g.region].loadBalancerArn, clientIpPreservationEnabled: g.clientIpPreservation }],
        },
        parent,
      );
    }
    this.endpointGroups = groups;
    const records: Record<string, route53.Record> = {};
    for (const r of plan.records) {
      records[r.id] = new route53.Record(
        `${name}-${r.id}`,
        {
          zoneId: args.hostedZoneId,
          name: r.name.replace(/\.$/, ''),
          type: r.type,
          aliases: [{ name: this.accelerator.dnsName, zoneId: this.accelerator.hostedZoneId, evaluateTargetHealth: true }],
        },
        parent,
      );
    }
    this.records = records;
    this.registerOutputs({ dnsName: this.accelerator.dnsName });
  }
}
