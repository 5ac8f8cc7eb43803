/**
 * The aws-route53 plan: plain data (no CDK or Pulumi object). Per region one health check (when the spec asks
 * for a probe) on the load balancer's DNS name; per host name and region one alias record (A, plus AAAA for a
 * dualstack load balancer) with the routing policy's fields. Logical ids and SetIdentifiers come from region
 * and host names only, so adding a region adds records and renames none.
 */
import type { Problem } from '../../../lib/errors';
import type { GlobalModel, RegionModel } from '../../../lib/model/global-types';
import { hostId, missingPlacement, regionPlacementProblems } from './placement';

/** Where each region's load balancer is: its AWS region, DNS name and canonical hosted zone id (tokens allowed). */
export interface Route53RegionPlacement {
  /** The AWS region the load balancer runs in (latency records name it). */
  readonly awsRegion: string;
  readonly dnsName: string;
  /** The load balancer's canonical hosted zone id (alias target). */
  readonly canonicalHostedZoneId: string;
}

export interface Route53Options {
  /** The hosted zone's id; it must hold the spec's `zone`. */
  readonly hostedZoneId?: string;
  readonly regions?: Readonly<Record<string, Route53RegionPlacement>>;
}

export interface Route53HealthCheck {
  readonly id: string;
  readonly region: string;
  readonly type: 'HTTP' | 'HTTPS' | 'TCP';
  readonly port: number;
  readonly resourcePath?: string;
  readonly requestInterval: 10 | 30;
  readonly failureThreshold: number;
}

export type Route53Routing =
  | { readonly policy: 'simple' }
  | { readonly policy: 'latency'; readonly region: string }
  | { readonly policy: 'geo'; readonly continentCode?: string; readonly countryCode?: string; readonly subdivisionCode?: string }
  | { readonly policy: 'failover'; readonly failover: 'PRIMARY' | 'SECONDARY' }
  | { readonly policy: 'weighted'; readonly weight: number };

export interface Route53Record {
  readonly id: string;
  /** Fully qualified, with the trailing dot Route 53 stores. */
  readonly name: string;
  readonly type: 'A' | 'AAAA';
  /** The region whose load balancer it aliases. */
  readonly region: string;
  readonly setIdentifier?: string;
  readonly evaluateTargetHealth: boolean;
  readonly healthCheck?: string;
  readonly routing: Route53Routing;
}

export interface Route53Plan {
  readonly name: string;
  readonly zone: string;
  readonly healthChecks: readonly Route53HealthCheck[];
  readonly records: readonly Route53Record[];
  readonly tags: Readonly<Record<string, string>>;
}

/** The geolocation entries a region's records carry (one record per entry), the default region's '*' included. */
function geoEntries(model: GlobalModel, r: RegionModel): Array<{ key: string; routing: Route53Routing }> {
  const out: Array<{ key: string; routing: Route53Routing }> = [
    ...r.geo.continents.map((c) => ({ key: `Continent${c}`, routing: { policy: 'geo' as const, continentCode: c } })),
    ...r.geo.countries.map((c) => ({ key: `Country${c}`, routing: { policy: 'geo' as const, countryCode: c } })),
    ...r.geo.subdivisions.map((s) => ({
      key: `Subdivision${s.replace('-', '')}`,
      routing: { policy: 'geo' as const, countryCode: s.slice(0, 2), subdivisionCode: s.slice(3) },
    })),
  ];
  if (model.steering.policy === 'geo' && model.steering.default === r.name) out.push({ key: 'Default', routing: { policy: 'geo', countryCode: '*' } });
  return out;
}

function routingsOf(model: GlobalModel, r: RegionModel, placement: Route53Options['regions']): Array<{ key: string; routing: Route53Routing }> {
  switch (model.steering.policy) {
    case 'single':
      return [{ key: '', routing: { policy: 'simple' } }];
    case 'latency':
      return [{ key: '', routing: { policy: 'latency', region: placement?.[r.name]?.awsRegion ?? `<${r.name}.awsRegion>` } }];
    case 'geo':
      return geoEntries(model, r);
    case 'failover': {
      const sorted = [...model.regions].sort((a, b) => (a.priority ?? 0) - (b.priority ?? 0));
      const rank = sorted.indexOf(r);
      // Only two levels exist (the capability table refuses more): the rest would be unreachable.
      return rank > 1 ? [] : [{ key: '', routing: { policy: 'failover', failover: rank === 0 ? 'PRIMARY' : 'SECONDARY' } }];
    }
    case 'weighted':
      return [{ key: '', routing: { policy: 'weighted', weight: r.weight ?? 1 } }];
  }
}

export function planRoute53(model: GlobalModel, options?: Route53Options): { plan: Route53Plan; problems: Problem[] } {
  const problems: Problem[] = options
    ? [
        ...missingPlacement(
          options.hostedZoneId,
          'hostedZoneId',
          `missing the hosted zone that holds '${model.zone}'`,
          "add hostedZoneId: 'Z...' (or, in CDK, hostedZone: a route53.IHostedZone)",
        ),
        ...regionPlacementProblems(
          model,
          options.regions,
          'regions',
          ['awsRegion', 'dnsName', 'canonicalHostedZoneId'],
          "{ awsRegion: 'us-east-1', dnsName: alb.loadBalancerDnsName, canonicalHostedZoneId: alb.loadBalancerCanonicalHostedZoneId }",
        ),
      ]
    : [];
  const hc = model.healthCheck;
  const probe = [...model.written].some((k) => k.startsWith('healthCheck.') && k !== 'healthCheck.evaluateTargetHealth');
  const healthChecks: Route53HealthCheck[] = probe
    ? model.regions.map((r) => ({
        id: `HealthCheck${r.id}`,
        region: r.name,
        type: r.probe.protocol === 'https' ? 'HTTPS' : r.probe.protocol === 'http' ? 'HTTP' : 'TCP',
        port: r.probe.port,
        ...(r.probe.path ? { resourcePath: r.probe.path } : {}),
        requestInterval: hc.intervalSeconds <= 10 ? 10 : 30,
        failureThreshold: hc.unhealthyThreshold,
      }))
    : [];
  const records: Route53Record[] = [];
  for (const host of model.hostNames) {
    for (const r of model.regions) {
      const types: Array<'A' | 'AAAA'> = r.loadBalancer.ipAddressType === 'dualstack' ? ['A', 'AAAA'] : ['A'];
      for (const { key, routing } of routingsOf(model, r, options?.regions)) {
        for (const type of types) {
          records.push({
            id: `Record${hostId(host)}${r.id}${key}${type === 'AAAA' ? 'Aaaa' : ''}`,
            name: `${host}.`,
            type,
            region: r.name,
            ...(routing.policy === 'simple' ? {} : { setIdentifier: key ? `${r.name}-${key.toLowerCase()}` : r.name }),
            evaluateTargetHealth: hc.evaluateTargetHealth,
            ...(probe ? { healthCheck: `HealthCheck${r.id}` } : {}),
            routing,
          });
        }
      }
    }
  }
  return { plan: { name: model.name, zone: model.zone, healthChecks, records, tags: model.tags }, problems };
}
