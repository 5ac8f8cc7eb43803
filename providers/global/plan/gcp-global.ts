/**
 * The gcp-global plan: a global address, a health check, one backend service with one backend per region
 * (named after the region), a URL map, a target proxy, a global forwarding rule, and Cloud DNS A records.
 */
import type { Problem } from '../../../lib/errors';
import type { GlobalModel } from '../../../lib/model/global-types';
import { hostId, regionPlacementProblems } from './placement';

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
  readonly records: ReadonlyArray<{ readonly id: string; readonly name: string; readonly ttl: number }>;
}

export function planGcpGlobal(model: GlobalModel, options?: GcpGlobalOptions): { plan: GcpGlobalPlan; problems: Problem[] } {
  const problems: Problem[] = options
    ? [
        ...(options.managedZone
          ? []
          : [
              {
                code: 'LBKIT_GLOBAL_PLACEMENT' as const,
                path: 'managedZone',
                message: `missing the managed zone that holds '${model.zone}'`,
                fix: "add managedZone: 'example-com'",
              },
            ]),
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
      records: model.hostNames.map((h) => ({ id: `Record${hostId(h)}`, name: `${h}.`, ttl: model.ttlSeconds })),
    },
    problems,
  };
}
