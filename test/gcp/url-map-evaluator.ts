/**
 * Which target a request reaches through a planned GCP URL map, written from GCP's URL-map documentation
 * independently of lib/model/match.ts (the fidelity test holds the two equal):
 * - host rules: an exact host, else the longest matching '*' pattern ('*' matches any run of [a-z0-9-.]),
 *   else the URL map's default service;
 * - route rules by ascending priority; the first whose any match rule holds wins, else the path matcher's default;
 * - a match rule: fullPathMatch equality, prefixMatch string prefix, regexMatch over the whole path; every
 *   header match (regexMatch over the whole value, RE2 '(?i)' meaning case-insensitive; presentMatch) and
 *   every query match (case-sensitive name; regexMatch over the whole value; presentMatch).
 */
import type { MatchRulePlan, RouteTarget, UrlMapPlan } from '../../providers/gcp/plan/types';

export interface GcpRequest {
  /** Without port, as the Host header carries it. */
  readonly host: string;
  readonly path: string;
  /** One value per header name (lower-case names). */
  readonly headers: Readonly<Record<string, string>>;
  readonly query: ReadonlyArray<readonly [string, string | undefined]>;
}

function re2(pattern: string): RegExp {
  const insensitive = pattern.startsWith('(?i)');
  return new RegExp(`^(?:${insensitive ? pattern.slice(4) : pattern})$`, insensitive ? 'iu' : 'u');
}

function ruleHolds(m: MatchRulePlan, req: GcpRequest): boolean {
  if (m.fullPathMatch !== undefined && req.path !== m.fullPathMatch) return false;
  if (m.prefixMatch !== undefined && !req.path.startsWith(m.prefixMatch)) return false;
  if (m.regexMatch !== undefined && !re2(m.regexMatch).test(req.path)) return false;
  for (const h of m.headerMatches) {
    const value = req.headers[h.headerName.toLowerCase()];
    if (value === undefined) return false;
    if ('regexMatch' in h && !re2(h.regexMatch).test(value)) return false;
  }
  for (const q of m.queryParameterMatches) {
    const found = req.query.find(([name]) => name === q.name);
    if (!found) return false;
    if ('regexMatch' in q && !re2(q.regexMatch).test(found[1] ?? '')) return false;
  }
  return true;
}

export function evaluateUrlMap(map: UrlMapPlan, req: GcpRequest): RouteTarget {
  const host = req.host.toLowerCase();
  const exact = map.hostRules.find((r) => r.hosts.includes(host));
  const wildcard = map.hostRules
    .flatMap((r) => r.hosts.filter((h) => h.startsWith('*') && h !== '*' && host.endsWith(h.slice(1)) && host.length > h.length - 1).map((h) => ({ r, h })))
    .sort((a, b) => b.h.length - a.h.length)[0]?.r;
  const rule = exact ?? wildcard ?? map.hostRules.find((r) => r.hosts.includes('*'));
  if (!rule) return map.default;
  const matcher = map.pathMatchers.find((pm) => pm.name === rule.pathMatcher)!;
  const route = [...matcher.routeRules].sort((a, b) => a.priority - b.priority).find((r) => r.matchRules.some((m) => ruleHolds(m, req)));
  return route ? route.target : matcher.default;
}
