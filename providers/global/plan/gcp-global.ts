/**
 * The gcp-global plan: a global address, a health check, one backend service with one backend per region
 * (named after the region), a URL map, a target proxy, a global forwarding rule, and Cloud DNS A records; when
 * every region's load balancer is dualstack, also an IPv6 global address, its forwarding rule on the same proxy
 * and AAAA records ("to serve both IPv6 and IPv4 clients, create two load balancer IP addresses",
 * https://cloud.google.com/load-balancing/docs/ipv6).
 */
import type { Problem } from '../../../lib/errors';
import type { GlobalModel } from '../../../lib/model/global-types';
import { missingPlacement, regionPlacementProblems } from './placement';
import { recordId, recordTypes, type RecordType } from './records';

export interface GcpGlobalRegionPlacement {
  /** The instance group or NEG self-link the region's members are in. */
  readonly backendGroup: string;
}

export interface GcpGlobalOptions {
  readonly managedZone?: string;
  readonly regions?: Readonly<Record<string, GcpGlobalRegionPlacement>>;
}

export interface GcpGlobalPlan {
  readonly name: string;
  readonly protocol: 'HTTP' | 'HTTPS';
  readonly port: number;
  readonly healthCheck: {
    readonly protocol: 'HTTP' | 'HTTPS' | 'TCP';
    readonly path?: string;
    readonly intervalSeconds: number;
    readonly timeoutSeconds: number;
    readonly healthyThreshold: number;
    readonly unhealthyThreshold: number;
  };
  readonly backends: ReadonlyArray<{ readonly region: string; readonly preferred: boolean }>;
  /** The address families the load balancer answers on: IPV6 too when every region is dualstack. */
  readonly ipVersions: ReadonlyArray<'IPV4' | 'IPV6'>;
  readonly records: ReadonlyArray<{ readonly id: string; readonly name: string; readonly type: RecordType; readonly ttl: number }>;
}

export function planGcpGlobal(model: GlobalModel, options?: GcpGlobalOptions): { plan: GcpGlobalPlan; problems: Problem[] } {
  const problems: Problem[] = options
    ? [
        ...missingPlacement(options.managedZone, 'managedZone', `missing the managed zone that holds '${model.zone}'`, "add managedZone: 'example-com'"),
        ...regionPlacementProblems(model, options.regions, 'regions', ['backendGroup'], '{ backendGroup: instanceGroup.selfLink }'),
      ]
    : [];
  const first = model.regions[0];
  const frontend = first.loadBalancer.frontends.find((f) => f.name === first.frontend)!;
  const hc = model.healthCheck;
  const primary = [...model.regions].sort((a, b) => (a.priority ?? 0) - (b.priority ?? 0))[0];
  return {
    plan: {
      name: model.name,
      protocol: frontend.protocol === 'https' ? 'HTTPS' : 'HTTP',
      port: frontend.port,
      healthCheck: {
        protocol: first.probe.protocol === 'https' ? 'HTTPS' : first.probe.protocol === 'http' ? 'HTTP' : 'TCP',
        ...(first.probe.path ? { path: first.probe.path } : {}),
        intervalSeconds: hc.intervalSeconds,
        timeoutSeconds: hc.timeoutSeconds,
        healthyThreshold: hc.healthyThreshold,
        unhealthyThreshold: hc.unhealthyThreshold,
      },
      backends: model.regions.map((r) => ({ region: r.name, preferred: model.steering.policy === 'failover' && r === primary })),
      ipVersions: recordTypes(model).map((t) => (t === 'AAAA' ? 'IPV6' : 'IPV4')),
      records: model.hostNames.flatMap((h) => recordTypes(model).map((type) => ({ id: recordId(h, type), name: `${h}.`, type, ttl: model.ttlSeconds }))),
    },
    problems,
  };
}
