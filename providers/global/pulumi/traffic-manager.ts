/**
 * `lbkit:global:TrafficManager` (target azure-traffic-manager): a Traffic Manager profile, one external
 * endpoint per region, and Azure DNS records for the host names (CNAME; an alias A record at the apex).
 */
import * as dns from '@pulumi/azure-native/dns';
import * as trafficmanager from '@pulumi/azure-native/trafficmanager';
import * as pulumi from '@pulumi/pulumi';
import type { GlobalSpecInput } from '../../../lib/global-backend';
import { GlobalComponent, keyedBy } from './component';
import { planComponent } from './plan';
import { azurePlaceholders } from './placeholders';
import type { TrafficManagerPlan } from '../plan/traffic-manager';

export interface TrafficManagerRegionArgs {
  readonly azureLocation: string;
  readonly target: pulumi.Input<string>;
}

export interface TrafficManagerArgs extends GlobalSpecInput {
  readonly resourceGroupName: pulumi.Input<string>;
  /** The Azure DNS zone (its name is the spec's `zone`) and its resource group. @default no records */
  readonly dnsZone?: { readonly resourceGroupName: pulumi.Input<string> };
  readonly regions: Readonly<Record<string, TrafficManagerRegionArgs>>;
}

export class TrafficManager extends GlobalComponent<TrafficManagerPlan> {
  readonly profile: trafficmanager.Profile;
  readonly endpoints: Readonly<Record<string, trafficmanager.Endpoint>>;
  readonly records: Readonly<Record<string, dns.RecordSet>>;

  constructor(name: string, args: TrafficManagerArgs, opts?: pulumi.ComponentResourceOptions) {
    const { model, plan, warnings, problems } = planComponent(args, 'azure-traffic-manager', azurePlaceholders(args, ['target']));
    super('lbkit:global:TrafficManager', name, { plan, warnings, problems }, opts);
    const parent = { parent: this };
    this.profile = new trafficmanager.Profile(
      name,
      {
        resourceGroupName: args.resourceGroupName,
        profileName: plan.profileName,
        location: 'global',
        profileStatus: 'Enabled',
        trafficRoutingMethod: plan.routingMethod,
        dnsConfig: { relativeName: plan.relativeName, ttl: plan.ttl },
        monitorConfig: {
          protocol: plan.monitor.protocol,
          port: plan.monitor.port,
          ...(plan.monitor.path ? { path: plan.monitor.path } : {}),
          intervalInSeconds: plan.monitor.intervalInSeconds,
          timeoutInSeconds: plan.monitor.timeoutInSeconds,
          toleratedNumberOfFailures: plan.monitor.toleratedNumberOfFailures,
        },
        tags: plan.tags,
      },
      parent,
    );
    this.endpoints = keyedBy(
      plan.endpoints,
      (e) => e.region,
      (e) =>
        new trafficmanager.Endpoint(
          `${name}-${e.region}`,
          {
            resourceGroupName: args.resourceGroupName,
            profileName: this.profile.name.apply((n) => n ?? plan.profileName),
            endpointType: 'ExternalEndpoints',
            endpointName: e.name,
            target: args.regions[e.region].target,
            endpointLocation: args.regions[e.region].azureLocation,
            endpointStatus: 'Enabled',
            ...(e.priority !== undefined ? { priority: e.priority } : {}),
            ...(e.weight !== undefined ? { weight: e.weight } : {}),
            ...(e.geoMapping ? { geoMapping: [...e.geoMapping] } : {}),
          },
          parent,
        ),
    );
    const records: Record<string, dns.RecordSet> = {};
    if (args.dnsZone) {
      for (const r of plan.records) {
        records[r.id] = new dns.RecordSet(
          `${name}-${r.id}`,
          {
            resourceGroupName: args.dnsZone.resourceGroupName,
            zoneName: model.zone,
            relativeRecordSetName: r.relativeName,
            ttl: plan.ttl,
            ...(r.kind === 'CNAME'
              ? { recordType: 'CNAME', cnameRecord: { cname: pulumi.interpolate`${plan.relativeName}.trafficmanager.net` } }
              : { recordType: 'A', targetResource: { id: this.profile.id } }),
          },
          parent,
        );
      }
    }
    this.records = records;
    this.registerOutputs({ fqdn: this.profile.dnsConfig.apply((d) => d?.fqdn) });
  }
}
