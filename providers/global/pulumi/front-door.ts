/**
 * `lbkit:global:FrontDoor` (target azure-front-door): a Front Door Standard profile, an endpoint, an origin
 * group with one origin per region, a route for every path, custom domains for the host names, and Azure DNS
 * CNAMEs to the endpoint (an alias A record at the apex).
 */
import * as cdn from '@pulumi/azure-native/cdn';
import * as dns from '@pulumi/azure-native/dns';
import * as pulumi from '@pulumi/pulumi';
import type { GlobalSpecInput } from '../../../lib/global-backend';
import { GlobalComponent, keyedBy } from './component';
import { planComponent } from './plan';
import { azurePlaceholders } from './placeholders';
import type { FrontDoorPlan } from '../plan/front-door';

export interface FrontDoorRegionArgs {
  readonly hostName: pulumi.Input<string>;
}

export interface FrontDoorArgs extends GlobalSpecInput {
  readonly resourceGroupName: pulumi.Input<string>;
  /** The Azure DNS zone (named as the spec's `zone`) and its resource group. @default no DNS records or custom domains */
  readonly dnsZone?: { readonly resourceGroupName: pulumi.Input<string>; readonly id: pulumi.Input<string> };
  readonly regions: Readonly<Record<string, FrontDoorRegionArgs>>;
}

export class FrontDoor extends GlobalComponent<FrontDoorPlan> {
  readonly profile: cdn.Profile;
  readonly endpoint: cdn.AFDEndpoint;
  readonly originGroup: cdn.AFDOriginGroup;
  readonly origins: Readonly<Record<string, cdn.AFDOrigin>>;
  readonly route: cdn.Route;

  constructor(name: string, args: FrontDoorArgs, opts?: pulumi.ComponentResourceOptions) {
    const { model, plan, warnings, problems } = planComponent(args, 'azure-front-door', azurePlaceholders(args, ['hostName']));
    super('lbkit:global:FrontDoor', name, { plan, warnings, problems }, opts);
    const parent = { parent: this };
    const rg = args.resourceGroupName;
    this.profile = new cdn.Profile(
      name,
      { resourceGroupName: rg, profileName: plan.profileName, location: 'Global', sku: { name: 'Standard_AzureFrontDoor' }, tags: plan.tags },
      parent,
    );
    const profileName = this.profile.name;
    this.endpoint = new cdn.AFDEndpoint(
      `${name}-endpoint`,
      { resourceGroupName: rg, profileName, endpointName: plan.endpointName, location: 'Global', enabledState: 'Enabled' },
      parent,
    );
    const g = plan.originGroup;
    this.originGroup = new cdn.AFDOriginGroup(
      `${name}-${g.name}`,
      {
        resourceGroupName: rg,
        profileName,
        originGroupName: g.name,
        healthProbeSettings: {
          probeProtocol: g.probe.protocol,
          probePath: g.probe.path,
          probeIntervalInSeconds: g.probe.intervalInSeconds,
          probeRequestType: g.probe.requestType,
        },
        loadBalancingSettings: {
          sampleSize: g.sampleSize,
          successfulSamplesRequired: g.successfulSamplesRequired,
          additionalLatencyInMilliseconds: g.additionalLatencyInMilliseconds,
        },
      },
      parent,
    );
    this.origins = keyedBy(
      plan.origins,
      (o) => o.region,
      (o) =>
        new cdn.AFDOrigin(
          `${name}-${o.region}`,
          {
            resourceGroupName: rg,
            profileName,
            originGroupName: this.originGroup.name,
            originName: o.name,
            hostName: args.regions[o.region].hostName,
            originHostHeader: args.regions[o.region].hostName,
            httpPort: o.httpPort,
            httpsPort: o.httpsPort,
            priority: o.priority,
            weight: o.weight,
            enabledState: 'Enabled',
          },
          parent,
        ),
    );
    const domains = args.dnsZone
      ? plan.customDomains.map(
          (d) =>
            new cdn.AFDCustomDomain(
              `${name}-${d.id}`,
              {
                resourceGroupName: rg,
                profileName,
                customDomainName: d.id.toLowerCase(),
                hostName: d.hostName,
                azureDnsZone: { id: args.dnsZone!.id },
                tlsSettings: { certificateType: 'ManagedCertificate', minimumTlsVersion: 'TLS12' },
              },
              parent,
            ),
        )
      : [];
    this.route = new cdn.Route(
      `${name}-route`,
      {
        resourceGroupName: rg,
        profileName,
        endpointName: this.endpoint.name,
        routeName: 'all',
        originGroup: { id: this.originGroup.id },
        patternsToMatch: ['/*'],
        supportedProtocols: ['Http', 'Https'],
        forwardingProtocol: plan.forwardingProtocol,
        linkToDefaultDomain: 'Enabled',
        httpsRedirect: 'Disabled',
        customDomains: domains.map((d) => ({ id: d.id })),
      },
      { parent: this, dependsOn: Object.values(this.origins) },
    );
    if (args.dnsZone) {
      plan.customDomains.forEach(
        (d) =>
          new dns.RecordSet(
            `${name}-${d.id}-record`,
            {
              resourceGroupName: args.dnsZone!.resourceGroupName,
              zoneName: model.zone,
              relativeRecordSetName: d.relativeName,
              ttl: model.ttlSeconds,
              ...(d.relativeName === '@'
                ? { recordType: 'A', targetResource: { id: this.endpoint.id } }
                : { recordType: 'CNAME', cnameRecord: { cname: this.endpoint.hostName } }),
            },
            parent,
          ),
      );
    }
    this.registerOutputs({ hostName: this.endpoint.hostName });
  }
}
