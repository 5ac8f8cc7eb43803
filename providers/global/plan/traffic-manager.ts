/**
 * The azure-traffic-manager plan: one profile (routing method from the steering policy, monitor config, TTL),
 * one external endpoint per region (named after the region), and one DNS record per host name.
 */
import type { Problem } from '../../../lib/errors';
import type { GlobalModel, RegionModel } from '../../../lib/model/global-types';
import { hostId, missingPlacement, regionPlacementProblems } from './placement';

export interface TrafficManagerRegionPlacement {
  /** The Azure region of the regional load balancer (endpointLocation, used by Performance routing). */
  readonly azureLocation: string;
  /** The regional load balancer's public FQDN (or IP) as the endpoint target. */
  readonly target: string;
}

export interface TrafficManagerOptions {
  readonly resourceGroupName?: string;
  /** The Azure DNS zone's resource group, for the records. @default resourceGroupName */
  readonly dnsZoneResourceGroupName?: string;
  readonly regions?: Readonly<Record<string, TrafficManagerRegionPlacement>>;
}

export type TrafficRoutingMethod = 'Priority' | 'Performance' | 'Geographic' | 'Weighted';

export interface TrafficManagerPlan {
  readonly profileName: string;
  /** The relative DNS name: <relativeName>.trafficmanager.net. */
  readonly relativeName: string;
  readonly routingMethod: TrafficRoutingMethod;
  readonly ttl: number;
  readonly monitor: {
    readonly protocol: 'HTTP' | 'HTTPS' | 'TCP';
    readonly port: number;
    readonly path?: string;
    readonly intervalInSeconds: 10 | 30;
    readonly timeoutInSeconds: number;
    readonly toleratedNumberOfFailures: number;
  };
  readonly endpoints: ReadonlyArray<{
    readonly name: string;
    readonly region: string;
    readonly priority?: number;
    readonly weight?: number;
    readonly geoMapping?: readonly string[];
  }>;
  readonly records: ReadonlyArray<{ readonly id: string; readonly name: string; readonly relativeName: string; readonly kind: 'CNAME' | 'alias-A' }>;
  readonly tags: Readonly<Record<string, string>>;
}

const METHOD: Record<GlobalModel['steering']['policy'], TrafficRoutingMethod> = {
  single: 'Priority',
  latency: 'Performance',
  geo: 'Geographic',
  failover: 'Priority',
  weighted: 'Weighted',
};

/** Traffic Manager geographic codes: continents are GEO-xx (GEO-NA, GEO-EU, GEO-AS, GEO-AF, GEO-SA, GEO-AN, GEO-AP for Oceania). */
// SOURCE: https://learn.microsoft.com/en-us/azure/traffic-manager/traffic-manager-geographic-regions
const CONTINENT_CODE: Record<string, string> = { NA: 'GEO-NA', SA: 'GEO-SA', EU: 'GEO-EU', AS: 'GEO-AS', AF: 'GEO-AF', AN: 'GEO-AN', OC: 'GEO-AP' };

function geoMapping(model: GlobalModel, r: RegionModel): string[] {
  const places = [...r.geo.continents.map((c) => CONTINENT_CODE[c]), ...r.geo.countries, ...r.geo.subdivisions];
  return model.steering.policy === 'geo' && model.steering.default === r.name ? [...places, 'WORLD'] : places;
}

export function planTrafficManager(model: GlobalModel, options?: TrafficManagerOptions): { plan: TrafficManagerPlan; problems: Problem[] } {
  const problems: Problem[] = options
    ? [
        ...missingPlacement(options.resourceGroupName, 'resourceGroupName', 'missing the resource group of the profile', "add resourceGroupName: 'rg-global'"),
        ...regionPlacementProblems(
          model,
          options.regions,
          'regions',
          ['azureLocation', 'target'],
          "{ azureLocation: 'westeurope', target: publicIp.dnsSettings.fqdn }",
        ),
      ]
    : [];
  const hc = model.healthCheck;
  const first = model.regions[0].probe;
  const protocol = first.protocol === 'https' ? 'HTTPS' : first.protocol === 'http' ? 'HTTP' : 'TCP';
  const interval = hc.intervalSeconds <= 10 ? 10 : 30;
  return {
    plan: {
      profileName: model.name,
      relativeName: `${model.name}-${model.zone.replace(/\./g, '-')}`.slice(0, 63),
      routingMethod: METHOD[model.steering.policy],
      ttl: model.ttlSeconds,
      monitor: {
        protocol,
        port: first.port,
        ...(first.path ? { path: first.path } : {}),
        intervalInSeconds: interval,
        timeoutInSeconds: Math.min(Math.max(hc.timeoutSeconds, 5), interval === 10 ? 9 : 10),
        toleratedNumberOfFailures: hc.unhealthyThreshold - 1,
      },
      endpoints: model.regions.map((r) => ({
        name: r.name,
        region: r.name,
        ...(model.steering.policy === 'failover' ? { priority: r.priority } : {}),
        ...(model.steering.policy === 'weighted' ? { weight: r.weight } : {}),
        ...(model.steering.policy === 'geo' ? { geoMapping: geoMapping(model, r) } : {}),
      })),
      records: model.hostNames.map((h) => {
        const relative = h === model.zone ? '@' : h.slice(0, -(model.zone.length + 1));
        return { id: `Record${hostId(h)}`, name: h, relativeName: relative, kind: relative === '@' ? ('alias-A' as const) : ('CNAME' as const) };
      }),
      tags: model.tags,
    },
    problems,
  };
}
