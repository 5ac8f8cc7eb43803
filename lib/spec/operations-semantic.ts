/**
 * Cross-field rules of alarms and protection: names unique, the pool and frontends they name exist and fit,
 * CIDRs parse. Returns every problem, each with its path and fix.
 */
import type { SpecIssue } from '../errors';
import type { LoadBalancerSpec } from './schema';
import { checkCidr, L7_PROTOCOLS } from './semantic';

/** Metrics that count HTTP answers: an alarm on them needs an http/https frontend to watch. */
const HTTP_METRICS: ReadonlySet<string> = new Set(['5xx-count', '5xx-ratio', 'latency', 'rate-limited']);
const POOL_METRICS: ReadonlySet<string> = new Set(['unhealthy-members', 'healthy-members']);

export function operationsIssues(spec: LoadBalancerSpec): SpecIssue[] {
  const issues: SpecIssue[] = [];
  const add = (path: string, message: string, fix?: string) => issues.push({ path, message, fix });
  const pools = new Set((spec.pools ?? []).map((p) => p.name));
  const frontends = new Map(spec.frontends.map((f) => [f.name, f] as const));
  const hasL7 = spec.frontends.some((f) => L7_PROTOCOLS.has(f.protocol));
  const seen = new Map<string, number>();
  (spec.alarms ?? []).forEach((alarm, i) => {
    const at = `alarms[${i}]`;
    const first = seen.get(alarm.name);
    if (first !== undefined)
      add(`${at}.name`, `duplicate alarm name '${alarm.name}' (also alarms[${first}])`, 'rename one of them; alarm names must be unique');
    else seen.set(alarm.name, i);
    if (alarm.pool !== undefined && !pools.has(alarm.pool))
      add(`${at}.pool`, `unknown pool '${alarm.pool}'`, pools.size ? `use one of: ${[...pools].join(', ')}` : 'declare the pool');
    if (POOL_METRICS.has(alarm.metric) && alarm.pool === undefined)
      add(`${at}.pool`, `a '${alarm.metric}' alarm watches one pool`, "name the pool: pool: '<pool name>'");
    if (alarm.pool !== undefined && alarm.metric === 'rejected-connections')
      add(`${at}.pool`, 'rejected connections are counted per load balancer, not per pool', 'remove pool');
    if (alarm.percentile !== undefined && alarm.metric !== 'latency')
      add(`${at}.percentile`, `percentile applies to 'latency' alarms only, not '${alarm.metric}'`, 'remove percentile');
    if (alarm.metric === '5xx-ratio' && alarm.threshold > 1)
      add(`${at}.threshold`, `a ratio is 0-1; ${alarm.threshold} can never be exceeded`, 'write the ratio as a fraction, such as 0.05 for 5 %');
    if (HTTP_METRICS.has(alarm.metric) && !hasL7)
      add(
        `${at}.metric`,
        `'${alarm.metric}' counts HTTP requests; this load balancer has no http or https frontend`,
        "watch 'rejected-connections' or a pool's members instead",
      );
  });
  const p = spec.protection;
  if (p) {
    p.frontends?.forEach((name, i) => {
      if (!frontends.has(name)) add(`protection.frontends[${i}]`, `unknown frontend '${name}'`, `use one of: ${[...frontends.keys()].join(', ')}`);
    });
    // What inspects a request (managed rules, IP lists answered with 403, countries) protects http and https
    // frontends only; a tcp, tls or udp frontend restricts clients with allowedSourceCidrs.
    const inspecting = (['managedRules', 'ipAllow', 'ipDeny', 'geo'] as const).filter((k) => p[k] !== undefined);
    p.frontends?.forEach((name, i) => {
      const protocol = frontends.get(name)?.protocol;
      if (inspecting.length && protocol !== undefined && !L7_PROTOCOLS.has(protocol)) {
        add(
          `protection.frontends[${i}]`,
          `${inspecting.join(', ')} inspect HTTP requests; frontend '${name}' is ${protocol}`,
          'protect http or https frontends; restrict a tcp, tls or udp frontend with allowedSourceCidrs',
        );
      }
    });
    if (inspecting.length && !p.frontends && !spec.frontends.some((f) => L7_PROTOCOLS.has(f.protocol))) {
      add(
        `protection.${inspecting[0]}`,
        `${inspecting.join(', ')} inspect HTTP requests; this load balancer has no http or https frontend`,
        'restrict clients with allowedSourceCidrs on the frontends instead',
      );
    }
    p.ipAllow?.forEach((c, i) => checkCidr(c, `protection.ipAllow[${i}]`, add));
    p.ipDeny?.forEach((c, i) => checkCidr(c, `protection.ipDeny[${i}]`, add));
  }
  return issues;
}
