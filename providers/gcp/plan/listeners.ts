/**
 * Listeners with host names (issue 16, item 1) on the Application Load Balancers: the frontends sharing a port
 * become one URL map, whose host rules send each host to a path matcher of the frontend the host binds to.
 *
 * GCP picks a host rule by the request's Host alone: its exact name, else the longest matching '*' pattern,
 * else '*' (test/conformance/evaluators/gcp-url-map.ts). lbkit binds a host to the frontend with an exact
 * name, else the longest matching wildcard, else the catch-all (lib/model/listeners.ts): the same order. So
 * every host pattern the port names (its frontends' host names and their rules' hosts) gets the frontend that
 * takes all the hosts GCP sends to it, and in its path matcher that frontend's rules that match those hosts;
 * '*' gets the catch-all. Hosts no frontend serves (no catch-all) get 404.
 */
import type { FrontendModel, HostMatch, RuleModel } from '../../../lib/model/types';
import { uniqueNames } from './names';
import type { PriorityLedger } from './priorities';
import { fallbackOf, frontendPriorities, hostCovers, routeRules } from './routing';
import type { PathMatcherPlan, RouteTarget, UrlMapPlan } from './types';

/** How specifically a frontend host name takes every host GCP routes to `pattern` (higher wins), or undefined. */
function rank(name: HostMatch, pattern: HostMatch): number | undefined {
  if (!hostCovers(name, pattern)) return undefined;
  return name.kind === 'exact' ? Number.MAX_SAFE_INTEGER : name.suffix.length;
}

/** The frontend the hosts of `pattern` bind to (undefined pattern: '*', the hosts no pattern names). */
export function bindPattern(group: readonly FrontendModel[], pattern: HostMatch | undefined): FrontendModel | undefined {
  const catchAll = group.find((f) => !f.hostnames?.length);
  if (!pattern) return catchAll;
  let best: FrontendModel | undefined;
  let bestRank = -1;
  for (const f of group) {
    for (const name of f.hostnames ?? []) {
      const r = rank(name, pattern);
      if (r !== undefined && r > bestRank) [best, bestRank] = [f, r];
    }
  }
  return best ?? catchAll;
}

/** The backend services a target reaches. */
function servicesOf(t: RouteTarget): string[] {
  return t.kind === 'service' ? [t.backendService] : t.kind === 'weighted' ? t.services.map((s) => s.backendService) : [];
}

/**
 * 404 for the hosts no frontend of the port serves: an abort needs a backend service beside it, never reached,
 * so any will do: the port's first, else `anyService` (the load balancer's). A load balancer that forwards
 * nowhere (every action a redirect) has none: the port's first frontend's fallback answers instead.
 */
function notFound(group: readonly FrontendModel[], targets: readonly RouteTarget[], anyService: string | undefined): RouteTarget {
  const service = targets.flatMap(servicesOf)[0] ?? anyService;
  return service !== undefined ? { kind: 'not-found', backendService: service } : fallbackOf(group[0]);
}

/**
 * One URL map for the frontends of a port (spec order; the first names it). `ledgers`: the deployed priorities
 * by frontend name (priorities.ts); a path matcher holds one frontend's rules, so each keeps its own.
 * `anyService`: a backend service of the load balancer, for the 404 of a port that forwards nowhere itself.
 */
export function sharedUrlMapPlan(
  group: readonly FrontendModel[],
  regional: boolean,
  ledgers?: Readonly<Record<string, PriorityLedger>>,
  anyService?: string,
): UrlMapPlan {
  const priorities = new Map(group.map((f) => [f.name, frontendPriorities(f, ledgers?.[f.name])]));
  const patterns: HostMatch[] = [];
  const add = (h: HostMatch) => {
    if (!patterns.some((p) => p.value === h.value)) patterns.push(h);
  };
  for (const f of group) (f.hostnames ?? []).forEach(add);
  for (const f of group) for (const r of f.rules) r.match.hosts.forEach(add);

  const applicable = (f: FrontendModel, h: HostMatch | undefined): RuleModel[] =>
    f.rules.filter((r) => !r.match.hosts.length || (h !== undefined && r.match.hosts.some((s) => hostCovers(s, h))));
  // Patterns (and '*') that bind to the same frontend and need the same rules share one host rule.
  const groups: Array<{ hosts: string[]; frontend: FrontendModel | undefined; rules: RuleModel[]; key: string }> = [];
  for (const h of [...patterns, undefined]) {
    const frontend = bindPattern(group, h);
    const rules = frontend ? applicable(frontend, h) : [];
    const key = [frontend?.name ?? '', ...rules.map((r) => r.id)].join('\n');
    const existing = groups.find((g) => g.key === key);
    if (existing) existing.hosts.push(h?.value ?? '*');
    else groups.push({ hosts: [h?.value ?? '*'], frontend, rules, key });
  }
  const fallbacks = group.map(fallbackOf);
  const targets = [...fallbacks, ...group.flatMap((f) => routeRules(f.rules, f, priorities.get(f.name)!).map((r) => r.target))];
  const unserved = notFound(group, targets, anyService);
  const names = uniqueNames(
    '',
    groups.map((g) => (g.hosts[0] === '*' ? 'any-host' : `host-${g.hosts[0].replace(/^\*\./, 'wildcard.')}`)),
  );
  const pathMatchers: PathMatcherPlan[] = groups.map((g, i) => ({
    name: names[i],
    routeRules: g.frontend ? routeRules(g.rules, g.frontend, priorities.get(g.frontend.name)!) : [],
    default: g.frontend ? fallbacks[group.indexOf(g.frontend)] : unserved,
  }));
  const prioritiesOf = (f: FrontendModel) => (f.rules.length ? { priorities: Object.fromEntries(priorities.get(f.name)!) } : {});
  const catchAll = bindPattern(group, undefined);
  return {
    id: `urlmap-${group[0].name}`,
    frontend: group[0].name,
    regional,
    hostRules: groups.map((g, i) => ({ hosts: g.hosts, pathMatcher: names[i] })),
    pathMatchers,
    default: catchAll ? fallbacks[group.indexOf(catchAll)] : unserved,
    ...prioritiesOf(group[0]),
    sharedWith: group.slice(1).map((f) => ({ frontend: f.name, ...prioritiesOf(f) })),
  };
}
