/**
 * How one L7 frontend's ordered rules become HTTPRoutes: one route per host a rule names, plus one route without
 * hostnames, each holding every rule that applies to its host, then the default action.
 *
 * Why one route per host, each complete: the Gateway API ranks matches across routes by hostname first
 * (https://gateway-api.sigs.k8s.io/reference/spec/#httprouterule: 'characters in a matching non-wildcard
 * hostname', then 'characters in a matching hostname'), and Envoy Gateway builds one virtual host per hostname, so
 * a request to a named host never falls through to a route without hostnames (envoyproxy/gateway#5500, #5697).
 * With a complete route per host, both readings route alike, and no two routes tie (ties between routes go to the
 * older route, which a manifest cannot fix): within one route, ties go to rule order, which is the spec's order.
 */
import type { ActionModel, FrontendModel, HostMatch, MatchModel, RuleFilters, RuleModel } from '../../../lib/model/types';

/** The HTTPRoute rule name of the default action; spec rule ids cannot contain a dot, so it never collides. */
export const DEFAULT_RULE = 'lbkit.default';

export interface RouteEntry {
  /** The HTTPRoute rule name: the model rule id (with '.<n>' for a part of a split rule, splitRule), or DEFAULT_RULE. */
  readonly name: string;
  /** The model rule id; undefined for the default action. */
  readonly ruleId?: string;
  /** The spec path of the rule (or of the frontend's default action). */
  readonly path: string;
  /** Conditions other than the host (the route's hostname stands for it). */
  readonly match: MatchModel;
  readonly action: ActionModel;
  /** The rule's header modifiers, rewrite, timeouts and retry (rule-filters.ts). */
  readonly filters?: RuleFilters;
}

export interface HostRoute {
  /** Undefined: the route without hostnames. */
  readonly host?: HostMatch;
  readonly entries: readonly RouteEntry[];
}

const NO_HOST: MatchModel['hosts'] = [];

/** Whether every request whose host matches `inner` also matches `outer`. */
export function hostCovers(outer: HostMatch, inner: HostMatch): boolean {
  if (outer.kind === 'exact') return inner.kind === 'exact' && inner.value === outer.value;
  if (inner.kind === 'exact') return inner.value.length > outer.suffix.length && inner.value.endsWith(outer.suffix);
  return inner.suffix.endsWith(outer.suffix);
}

/** The frontend's HTTPRoutes, host routes first (in order of first appearance), the route without hostnames last. */
export function hostRoutes(f: FrontendModel): HostRoute[] {
  if (f.redirectHttpToHttps) {
    const r = f.redirectHttpToHttps;
    return [
      {
        entries: [
          {
            name: DEFAULT_RULE,
            path: `${f.path}.redirectHttpToHttps`,
            match: emptyMatch(),
            action: { type: 'redirect', scheme: 'https', port: r.port, statusCode: r.statusCode },
          },
        ],
      },
    ];
  }
  const hosts = new Map<string, HostMatch>();
  for (const r of f.rules) for (const h of r.match.hosts) if (!hosts.has(h.value)) hosts.set(h.value, h);
  const fallback: RouteEntry[] = f.defaultAction ? [{ name: DEFAULT_RULE, path: `${f.path}.defaultAction`, match: emptyMatch(), action: f.defaultAction }] : [];
  const routeFor = (host: HostMatch | undefined): HostRoute => ({
    host,
    entries: [
      ...f.rules
        .filter((r) => (host ? r.match.hosts.length === 0 || r.match.hosts.some((h) => hostCovers(h, host)) : r.match.hosts.length === 0))
        .flatMap(splitRule),
      ...fallback,
    ],
  });
  return [...[...hosts.values()].map(routeFor), routeFor(undefined)];
}

/** Whether the rule replaces its matched path prefix (URLRewrite or RequestRedirect ReplacePrefixMatch). */
export const replacesPrefix = (r: Pick<RuleModel, 'action' | 'filters'>): boolean =>
  r.filters?.rewrite?.path?.kind === 'prefix' || (r.action.type === 'redirect' && r.action.pathPrefix !== undefined);

/**
 * The route rules of one model rule. ReplacePrefixMatch needs exactly one PathPrefix match in its rule (HTTPRoute
 * CEL: 'When using URLRewrite filter with path.replacePrefixMatch, exactly one PathPrefix match must be specified',
 * the same for RequestRedirect), so such a rule with several paths or methods becomes one route rule per match,
 * named '<id>.1', '<id>.2' (rule ids have no dot). Gateway precedence ranks matches, not rules, and the longest
 * matching prefix wins there as in lbkit (filters.ts matchedPrefix), so the parts route as the whole rule did.
 */
export function splitRule(r: RuleModel): RouteEntry[] {
  const whole: RouteEntry = {
    name: r.id,
    ruleId: r.id,
    path: r.path,
    match: { ...r.match, hosts: NO_HOST },
    action: r.action,
    ...(r.filters ? { filters: r.filters } : {}),
  };
  const parts = routeMatches(r.match);
  if (!replacesPrefix(r) || parts.length < 2) return [whole];
  return parts.map((m, i) => ({
    ...whole,
    name: `${r.id}.${i + 1}`,
    match: { ...whole.match, paths: m.path ? [m.path] : [], methods: m.method ? [m.method] : [] },
  }));
}

export function emptyMatch(): MatchModel {
  return { hosts: [], paths: [], headers: [], query: [], methods: [], sourceCidrs: [] };
}

/** An HTTPRouteMatch as lbkit builds it: one path (or none) and one method (or none) of a rule's alternatives. */
export interface RouteMatch {
  readonly path?: MatchModel['paths'][number];
  readonly method?: MatchModel['methods'][number];
  readonly headers: MatchModel['headers'];
  readonly query: MatchModel['query'];
}

/** The HTTPRouteMatches of a rule: paths x methods, each with every header and query condition. */
export function routeMatches(m: MatchModel): RouteMatch[] {
  const paths = m.paths.length ? m.paths : [undefined];
  const methods = m.methods.length ? m.methods : [undefined];
  return paths.flatMap((path) => methods.map((method) => ({ path, method, headers: m.headers, query: m.query })));
}
