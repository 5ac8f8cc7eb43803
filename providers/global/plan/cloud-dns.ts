/**
 * The gcp-cloud-dns plan: one health check (when asked) on the regions' load balancer addresses, and per host
 * name one A record set (plus one AAAA record set when every region's load balancer is dualstack) whose routing
 * policy has one item per region (ids from region and host names).
 *
 * No CNAME: a Google Cloud load balancer has IP addresses and no DNS name to point a CNAME at, and the
 * health-checked targets of a routing policy are for A and AAAA record sets only (@pulumi/gcp 9.37
 * RecordSetRoutingPolicyGeo.healthCheckedTargets: "For A and AAAA types only").
 */
import type { Problem } from '../../../lib/errors';
import { probeWritten } from '../../../lib/capabilities/global-features';
import type { GlobalModel } from '../../../lib/model/global-types';
import { missingPlacement, regionPlacementProblems } from './placement';
import { everyRegionDualstack, recordId, recordTypes, type RecordType } from './records';

export interface CloudDnsRegionPlacement {
  /** The Google Cloud region of the regional load balancer (geolocation item location). */
  readonly gcpRegion: string;
  /** The regional external load balancer's IP address. */
  readonly ipAddress: string;
  /** Its IPv6 address: required when every region's load balancer is dualstack (the AAAA record sets answer it). */
  readonly ipv6Address?: string;
}

export interface CloudDnsOptions {
  readonly project?: string;
  /** The managed zone's name (not its DNS name). */
  readonly managedZone?: string;
  readonly regions?: Readonly<Record<string, CloudDnsRegionPlacement>>;
}

export type CloudDnsPolicy =
  | { readonly kind: 'simple'; readonly region: string }
  | { readonly kind: 'geo'; readonly items: ReadonlyArray<{ readonly region: string }> }
  | { readonly kind: 'primaryBackup'; readonly primary: string; readonly backup: string }
  | { readonly kind: 'wrr'; readonly items: ReadonlyArray<{ readonly region: string; readonly weight: number }> };

export interface CloudDnsPlan {
  readonly healthCheck?: {
    readonly id: 'HealthCheck';
    readonly protocol: 'HTTP' | 'HTTPS' | 'TCP';
    readonly port: number;
    readonly path?: string;
    readonly intervalSeconds: number;
    readonly timeoutSeconds: number;
    readonly healthyThreshold: number;
    readonly unhealthyThreshold: number;
  };
  readonly records: ReadonlyArray<{
    readonly id: string;
    readonly name: string;
    readonly type: RecordType;
    readonly ttl: number;
    readonly policy: CloudDnsPolicy;
  }>;
}

export function planCloudDns(model: GlobalModel, options?: CloudDnsOptions): { plan: CloudDnsPlan; problems: Problem[] } {
  const problems: Problem[] = options
    ? [
        ...missingPlacement(options.managedZone, 'managedZone', `missing the managed zone that holds '${model.zone}'`, "add managedZone: 'example-com'"),
        ...(everyRegionDualstack(model)
          ? regionPlacementProblems(
              model,
              options.regions,
              'regions',
              ['gcpRegion', 'ipAddress', 'ipv6Address'],
              "{ gcpRegion: 'us-east1', ipAddress: address.address, ipv6Address: address6.address }",
            )
          : regionPlacementProblems(model, options.regions, 'regions', ['gcpRegion', 'ipAddress'], "{ gcpRegion: 'us-east1', ipAddress: address.address }")),
      ]
    : [];
  const hc = model.healthCheck;
  const p = model.regions[0].probe;
  const sorted = [...model.regions].sort((a, b) => (a.priority ?? 0) - (b.priority ?? 0));
  const policy = ((): CloudDnsPolicy => {
    switch (model.steering.policy) {
      case 'single':
        return { kind: 'simple', region: model.regions[0].name };
      case 'failover':
        return { kind: 'primaryBackup', primary: sorted[0].name, backup: sorted[1].name };
      case 'weighted':
        return { kind: 'wrr', items: model.regions.map((r) => ({ region: r.name, weight: r.weight ?? 1 })) };
      default:
        return { kind: 'geo', items: model.regions.map((r) => ({ region: r.name })) };
    }
  })();
  return {
    plan: {
      ...(probeWritten(model) || model.steering.policy !== 'single'
        ? {
            healthCheck: {
              id: 'HealthCheck' as const,
              protocol: p.protocol === 'https' ? ('HTTPS' as const) : p.protocol === 'http' ? ('HTTP' as const) : ('TCP' as const),
              port: p.port,
              ...(p.path ? { path: p.path } : {}),
              intervalSeconds: hc.intervalSeconds,
              timeoutSeconds: hc.timeoutSeconds,
              healthyThreshold: hc.healthyThreshold,
              unhealthyThreshold: hc.unhealthyThreshold,
            },
          }
        : {}),
      records: model.hostNames.flatMap((h) =>
        recordTypes(model).map((type) => ({ id: recordId(h, type), name: `${h}.`, type, ttl: model.ttlSeconds, policy })),
      ),
    },
    problems,
  };
}
