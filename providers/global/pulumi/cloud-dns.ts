/**
 * `lbkit:global:CloudDns` (target gcp-cloud-dns): a health check on the regions' load balancer addresses and
 * one A record set per host name (and one AAAA record set when every region is dualstack) with the steering
 * policy's routing policy.
 */
import * as compute from '@pulumi/gcp/compute';
import * as dns from '@pulumi/gcp/dns';
import * as pulumi from '@pulumi/pulumi';
import type { GlobalSpecInput } from '../../../lib/global-backend';
import { GlobalComponent } from './component';
import { planComponent } from './plan';
import { placeholder, placeholderRegions } from './placeholders';
import type { CloudDnsPlan } from '../plan/cloud-dns';
import { healthCheckInputs } from './health-check';

export interface CloudDnsRegionArgs {
  readonly gcpRegion: string;
  readonly ipAddress: pulumi.Input<string>;
  /** The load balancer's IPv6 address; required when every region's load balancer is dualstack. */
  readonly ipv6Address?: pulumi.Input<string>;
}

export interface CloudDnsArgs extends GlobalSpecInput {
  readonly project?: pulumi.Input<string>;
  readonly managedZone: pulumi.Input<string>;
  readonly regions: Readonly<Record<string, CloudDnsRegionArgs>>;
  /**
   * The three Google Cloud regions the health check probes from (a health check of external endpoints needs
   * exactly three). @default the regions' own GCP regions, when there are three or more
   */
  readonly healthCheckSourceRegions?: readonly [string, string, string];
}

export class CloudDns extends GlobalComponent<CloudDnsPlan> {
  readonly healthCheck?: compute.HealthCheck;
  readonly records: Readonly<Record<string, dns.RecordSet>>;

  constructor(name: string, args: CloudDnsArgs, opts?: pulumi.ComponentResourceOptions) {
    const { plan, warnings, problems } = planComponent(args, 'gcp-cloud-dns', {
      managedZone: placeholder(args.managedZone),
      regions: placeholderRegions(args.regions, ['ipAddress', 'ipv6Address']),
    });
    const plannedCheck = plan.healthCheck;
    const ownRegions = [...new Set(Object.values(args.regions ?? {}).map((r) => r.gcpRegion))];
    const sourceRegions = args.healthCheckSourceRegions ?? (ownRegions.length >= 3 ? ownRegions.slice(0, 3) : undefined);
    if (plannedCheck && !sourceRegions) {
      // SOURCE: https://cloud.google.com/compute/docs/reference/rest/v1/healthChecks (sourceRegions: 'exactly 3 regions should be specified')
      problems.push({
        code: 'LBKIT_GLOBAL_PLACEMENT',
        path: 'healthCheckSourceRegions',
        message: `the health check needs three source regions; the regions use ${ownRegions.length}`,
        fix: "add healthCheckSourceRegions: ['us-east4', 'europe-west2', 'asia-southeast1'] (any three Google Cloud regions)",
      });
    }
    super('lbkit:global:CloudDns', name, { plan, warnings, problems }, opts);
    const parent = { parent: this };
    const project = args.project ? { project: args.project } : {};
    const h = plan.healthCheck;
    if (h) {
      this.healthCheck = new compute.HealthCheck(
        `${name}-hc`,
        {
          ...project,
          ...healthCheckInputs(h, { port: h.port }),
          // Health checks of external endpoints probe from three source regions over the internet.
          // SOURCE: https://cloud.google.com/dns/docs/zones/manage-routing-policies
          sourceRegions: [...sourceRegions!],
        },
        parent,
      );
    }
    const records: Record<string, dns.RecordSet> = {};
    for (const r of plan.records) {
      // The AAAA record set answers (and health-checks) the IPv6 addresses, the A record set the IPv4 ones.
      const ip = (region: string) => (r.type === 'AAAA' ? args.regions[region].ipv6Address! : args.regions[region].ipAddress);
      const checked = (region: string) => ({ externalEndpoints: [ip(region)] });
      const p = r.policy;
      const routingPolicy =
        p.kind === 'simple'
          ? undefined
          : p.kind === 'wrr'
            ? { healthCheck: this.healthCheck?.id, wrrs: p.items.map((i) => ({ weight: i.weight, healthCheckedTargets: checked(i.region) })) }
            : p.kind === 'geo'
              ? {
                  healthCheck: this.healthCheck?.id,
                  geos: p.items.map((i) => ({ location: args.regions[i.region].gcpRegion, healthCheckedTargets: checked(i.region) })),
                }
              : {
                  healthCheck: this.healthCheck?.id,
                  primaryBackup: {
                    primary: checked(p.primary),
                    backupGeos: [{ location: args.regions[p.backup].gcpRegion, healthCheckedTargets: checked(p.backup) }],
                  },
                };
      records[r.id] = new dns.RecordSet(
        `${name}-${r.id}`,
        {
          ...project,
          managedZone: args.managedZone,
          name: r.name,
          type: r.type,
          ttl: r.ttl,
          ...(routingPolicy ? { routingPolicy } : { rrdatas: [ip((p as { region: string }).region)] }),
        },
        parent,
      );
    }
    this.records = records;
    this.registerOutputs({ records: Object.keys(records) });
  }
}
