/**
 * Route 53's answer for a query, computed from the compiled records (providers/global/plan/route53.ts), as
 * the Route 53 documentation describes it, independently of lib/model/global-steer.ts:
 * - choosing among records with health: https://docs.aws.amazon.com/Route53/latest/DeveloperGuide/health-checks-how-route-53-chooses-records.html
 *   (choose by the policy; an unhealthy record is skipped and the choice repeated; with no healthy record all
 *   are treated as healthy; weight-0 records only when every non-zero one is unhealthy);
 * - geolocation: https://docs.aws.amazon.com/Route53/latest/DeveloperGuide/routing-policy-geo.html (the smallest
 *   geographic region wins: subdivision, country, continent, then the default '*');
 * - latency: https://docs.aws.amazon.com/Route53/latest/DeveloperGuide/routing-policy-latency.html;
 * - failover: https://docs.aws.amazon.com/Route53/latest/DeveloperGuide/routing-policy-failover.html.
 */
import type { Route53Plan, Route53Record } from '../../../../providers/global/plan/route53';

export interface DnsClient {
  readonly continent?: string;
  readonly country?: string;
  readonly subdivision?: string;
  /** Latency from the client's resolver to each region's AWS region, by lbkit region name. */
  readonly latencyMs: Readonly<Record<string, number>>;
}

/** Whether a record is healthy: its health check and, with evaluate-target-health, its load balancer. */
export type RecordHealth = (record: Route53Record) => boolean;

function weighted(records: readonly Route53Record[], draw: number): Route53Record | undefined {
  const weightOf = (r: Route53Record) => (r.routing.policy === 'weighted' ? r.routing.weight : 0);
  const positive = records.filter((r) => weightOf(r) > 0);
  const pool = positive.length ? positive : records;
  const total = pool.reduce((s, r) => s + (positive.length ? weightOf(r) : 1), 0);
  let at = draw * total;
  for (const r of pool) {
    at -= positive.length ? weightOf(r) : 1;
    if (at < 0) return r;
  }
  return pool[pool.length - 1];
}

/** The lbkit region whose load balancer the answer aliases, or undefined (no record matches). */
export function route53Answer(plan: Route53Plan, name: string, client: DnsClient, healthy: RecordHealth, draw: number): string | undefined {
  const records = plan.records.filter((r) => r.name === `${name}.` && r.type === 'A');
  if (!records.length) return undefined;
  const policy = records[0].routing.policy;
  if (policy === 'simple') return records[0].region;
  if (policy === 'weighted') {
    const nonZero = records.filter((r) => r.routing.policy === 'weighted' && r.routing.weight > 0);
    const upNonZero = nonZero.filter(healthy);
    if (upNonZero.length) return weighted(upNonZero, draw)?.region;
    const upZero = records.filter((r) => !nonZero.includes(r) && healthy(r));
    if (upZero.length) return weighted(upZero, draw)?.region;
    return weighted(records, draw)?.region;
  }
  // The other policies order the candidates; the first healthy one answers, else (all unhealthy) the first.
  let ordered: Route53Record[];
  if (policy === 'latency') {
    ordered = records
      .map((r, i) => ({ r, i }))
      .sort((a, b) => client.latencyMs[a.r.region] - client.latencyMs[b.r.region] || a.i - b.i)
      .map((x) => x.r);
  } else if (policy === 'failover') {
    ordered = [...records].sort(
      (a, b) =>
        (a.routing.policy === 'failover' && a.routing.failover === 'PRIMARY' ? -1 : 0) -
        (b.routing.policy === 'failover' && b.routing.failover === 'PRIMARY' ? -1 : 0),
    );
  } else {
    const geo = (r: Route53Record) => (r.routing.policy === 'geo' ? r.routing : undefined);
    const bySub = records.filter(
      (r) => client.subdivision && geo(r)?.subdivisionCode && `${geo(r)!.countryCode}-${geo(r)!.subdivisionCode}` === client.subdivision,
    );
    const byCountry = records.filter((r) => client.country && !geo(r)?.subdivisionCode && geo(r)?.countryCode === client.country);
    const byContinent = records.filter((r) => client.continent && geo(r)?.continentCode === client.continent);
    const byDefault = records.filter((r) => geo(r)?.countryCode === '*');
    ordered = [...bySub, ...byCountry, ...byContinent, ...byDefault];
    if (!ordered.length) return undefined;
  }
  return (ordered.find(healthy) ?? ordered[0]).region;
}
