/**
 * URL maps: lbkit's ordered, first-match rules as GCP host rules, path matchers and route rules.
 *
 * GCP picks a path matcher by host first (exact host, then the longest wildcard suffix, then '*'), and only
 * then evaluates that matcher's route rules by priority. So every host pattern the rules name gets a path
 * matcher holding, in order, exactly the rules that match every host GCP sends to it; '*' holds the rules
 * without a host condition. Patterns whose rule lists are equal share one host rule.
 */
import type {
  ActionModel,
  FrontendModel,
  HeaderMatch,
  HostMatch,
  MatchModel,
  PathMatch,
  QueryMatch,
  RedirectStatus,
  RuleModel,
} from '../../../lib/model/types';
import { uniqueNames } from './names';
import type { HeaderModifierModel } from '../../../lib/model/filters';
import { assignPriorities, type PriorityLedger } from './priorities';
import type {
  HeaderActionPlan,
  HeaderMatchPlan,
  MatchRulePlan,
  PathMatcherPlan,
  QueryMatchPlan,
  RedirectPlan,
  RouteRulePlan,
  RouteTarget,
  UrlMapPlan,
} from './types';
import { prefixParts, prefixReplacement, retryPolicyOf, routeTimeoutOf, type PrefixPart } from './filters';

export const albBackendServiceId = (pool: string): string => `bs-${pool}`;

const REDIRECT_CODES: Readonly<Record<RedirectStatus, RedirectPlan['redirectResponseCode']>> = {
  301: 'MOVED_PERMANENTLY_DEFAULT',
  302: 'FOUND',
  303: 'SEE_OTHER',
  307: 'TEMPORARY_REDIRECT',
  308: 'PERMANENT_REDIRECT',
};

/** An RE2 pattern matching `value` literally. */
export function re2Literal(value: string): string {
  return value.replace(/[\\.+*?()|[\]{}^$]/g, '\\$&');
}

/** What an action becomes. */
export function routeTarget(action: ActionModel, frontend: FrontendModel): RouteTarget {
  switch (action.type) {
    case 'forward':
      return { kind: 'service', backendService: albBackendServiceId(action.pool) };
    case 'weighted-forward':
      return { kind: 'weighted', services: action.targets.map((t) => ({ backendService: albBackendServiceId(t.pool), weight: t.weight })) };
    case 'redirect':
      return {
        kind: 'redirect',
        redirect: {
          ...(action.host !== undefined ? { hostRedirect: action.host } : {}),
          ...(action.path !== undefined ? { pathRedirect: action.path } : {}),
          // GCP allows httpsRedirect only on URL maps of HTTP proxies; on an https frontend the scheme stays https.
          httpsRedirect: action.scheme === 'https' && frontend.protocol === 'http',
          // query '' removes the query; any other value cannot be expressed (a range check rejects it).
          stripQuery: action.query === '',
          redirectResponseCode: REDIRECT_CODES[action.statusCode],
        },
      };
    case 'fixed-response':
      return { kind: 'unsupported', what: `fixed response ${action.statusCode}` };
  }
}

export function httpsRedirect(statusCode: RedirectStatus): RouteTarget {
  return { kind: 'redirect', redirect: { httpsRedirect: true, stripQuery: false, redirectResponseCode: REDIRECT_CODES[statusCode] } };
}

/** Whether every host GCP routes to pattern `target` is matched by rule host `ruleHost` (see the file comment). */
export function hostCovers(ruleHost: HostMatch, target: HostMatch): boolean {
  if (ruleHost.kind === 'exact') return target.kind === 'exact' && target.value === ruleHost.value;
  if (target.kind === 'exact') return target.value.length > ruleHost.suffix.length && target.value.endsWith(ruleHost.suffix);
  // Hosts under a more specific wildcard go to that wildcard's matcher, so only a shorter (or equal) suffix covers.
  return target.suffix.endsWith(ruleHost.suffix);
}

type PathAlternative = Pick<MatchRulePlan, 'prefixMatch' | 'fullPathMatch' | 'regexMatch' | 'ignoreCase'>;

function pathAlternatives(paths: readonly PathMatch[]): PathAlternative[] {
  if (!paths.length) return [{ prefixMatch: '/' }];
  const all = paths.flatMap((p): PathAlternative[] => {
    // caseSensitive: false is matchRules ignoreCase, which applies to fullPathMatch and prefixMatch (never regexMatch).
    const ic = p.kind !== 'regex' && p.ignoreCase ? { ignoreCase: true as const } : {};
    switch (p.kind) {
      case 'exact':
        return [{ fullPathMatch: p.value, ...ic }];
      case 'prefix':
        // Segment prefix: '/api' is '/api' itself or anything under '/api/'; GCP's prefixMatch is a plain string prefix.
        return p.value === '/'
          ? [{ prefixMatch: '/' }]
          : [
              { fullPathMatch: p.value, ...ic },
              { prefixMatch: `${p.value}/`, ...ic },
            ];
      case 'regex':
        return [{ regexMatch: p.value }];
    }
  });
  return all.filter((a, i) => all.findIndex((b) => JSON.stringify(b) === JSON.stringify(a)) === i);
}

/**
 * lbkit compares header values case-insensitively (exact, prefix) and regexes over the whole value; GCP regexes
 * are RE2 full matches. An exact-case condition uses GCP's own exactMatch / prefixMatch, which compare exactly
 * (https://cloud.google.com/compute/docs/reference/rest/v1/urlMaps, headerMatches[].exactMatch "The value should
 * exactly match contents of exactMatch").
 */
export function headerMatch(h: HeaderMatch): HeaderMatchPlan {
  switch (h.kind) {
    case 'present':
      return { headerName: h.name, presentMatch: true };
    case 'exact':
      return h.caseSensitive ? { headerName: h.name, exactMatch: h.value } : { headerName: h.name, regexMatch: `(?i)${re2Literal(h.value)}` };
    case 'prefix':
      return h.caseSensitive ? { headerName: h.name, prefixMatch: h.value } : { headerName: h.name, regexMatch: `(?i)${re2Literal(h.value)}.*` };
    case 'regex':
      return { headerName: h.name, regexMatch: h.value };
  }
}

/** GCP compares parameter names exactly; an exact-case value uses exactMatch (exact comparison). */
export function queryMatch(q: QueryMatch): QueryMatchPlan {
  if (q.kind === 'present') return { name: q.name, presentMatch: true };
  return q.caseSensitive ? { name: q.name, exactMatch: q.value } : { name: q.name, regexMatch: `(?i)${re2Literal(q.value)}` };
}

/**
 * A rule's header modifiers as a URL-map headerAction: set is `replace: true`, add `replace: false` (appended
 * to the existing values), remove the *ToRemove lists
 * (https://cloud.google.com/compute/docs/reference/rest/v1/urlMaps, pathMatchers[].routeRules[].headerAction).
 */
export function headerActionOf(rule: RuleModel): HeaderActionPlan | undefined {
  const f = rule.filters;
  if (!f?.requestHeaders && !f?.responseHeaders) return undefined;
  const adds = (m: HeaderModifierModel | undefined) => [
    ...(m?.set ?? []).map((h) => ({ headerName: h.name, headerValue: h.value, replace: true })),
    ...(m?.add ?? []).map((h) => ({ headerName: h.name, headerValue: h.value, replace: false })),
  ];
  return {
    requestHeadersToAdd: adds(f.requestHeaders),
    requestHeadersToRemove: [...(f.requestHeaders?.remove ?? [])],
    responseHeadersToAdd: adds(f.responseHeaders),
    responseHeadersToRemove: [...(f.responseHeaders?.remove ?? [])],
  };
}

/**
 * Methods are alternatives: one RE2 full match on the ':method' pseudo-header ("For matching a request's method,
 * use the headerName ':method'", compute v1 HttpHeaderMatch.headerName). Methods compare case-sensitively, as lbkit's.
 */
export function methodMatch(methods: readonly string[]): HeaderMatchPlan {
  return { headerName: ':method', regexMatch: methods.map(re2Literal).join('|') };
}

/** The header, method and query conditions every match rule of a rule carries (they AND). */
function conditionsOf(match: MatchModel): Pick<MatchRulePlan, 'headerMatches' | 'queryParameterMatches'> {
  const headerMatches = [...match.headers.map(headerMatch), ...(match.methods.length ? [methodMatch(match.methods)] : [])];
  return { headerMatches, queryParameterMatches: match.query.map(queryMatch) };
}

/** One match rule per path alternative, each carrying every header, method and query condition (they AND). */
export function matchRules(match: MatchModel): MatchRulePlan[] {
  const conditions = conditionsOf(match);
  return pathAlternatives(match.paths).map((path) => ({ ...path, ...conditions }));
}

/** The route rules a rule becomes (one, or two for a prefix replacement: plan/filters.ts prefixParts), by ledger id. */
export function partsOf(r: RuleModel): Array<{ id: string; matchRules: readonly MatchRulePlan[]; prefix?: PrefixPart }> {
  const replacement = prefixReplacement(r);
  if (replacement === undefined) return [{ id: r.id, matchRules: matchRules(r.match) }];
  return prefixParts(r.match, replacement, conditionsOf(r.match)).map((p) => ({ id: `${r.id}${p.idSuffix}`, matchRules: p.matchRules, prefix: p }));
}

export function routeRules(rules: readonly RuleModel[], frontend: FrontendModel, priorities: ReadonlyMap<string, number>): RouteRulePlan[] {
  return rules.flatMap((r) => {
    const headerAction = headerActionOf(r);
    const hostRewrite = r.filters?.rewrite?.host;
    const timeoutSec = routeTimeoutOf(r.filters);
    const retryPolicy = retryPolicyOf(r.filters);
    const target = routeTarget(r.action, frontend);
    return partsOf(r).map(({ id, matchRules: m, prefix }) => ({
      priority: priorities.get(id)!,
      rule: r.id,
      matchRules: m,
      // A prefix redirect: the exact part redirects to the whole new path, the part under it replaces the prefixMatch.
      target:
        prefix && target.kind === 'redirect'
          ? {
              kind: 'redirect' as const,
              redirect: { ...target.redirect, ...(prefix.kind === 'exact' ? { pathRedirect: prefix.replacement } : { prefixRedirect: prefix.replacement }) },
            }
          : target,
      ...(headerAction ? { headerAction } : {}),
      ...(hostRewrite !== undefined ? { hostRewrite } : {}),
      ...(prefix && target.kind !== 'redirect' ? { pathPrefixRewrite: prefix.replacement } : {}),
      ...(timeoutSec !== undefined ? { timeoutSec } : {}),
      ...(retryPolicy ? { retryPolicy } : {}),
    }));
  });
}

/** A frontend's route-rule priorities by ledger id, kept from `ledger` where the order allows (priorities.ts). */
export function frontendPriorities(frontend: FrontendModel, ledger?: PriorityLedger): ReadonlyMap<string, number> {
  return assignPriorities(
    frontend.rules.flatMap((r) => partsOf(r).map((p) => p.id)),
    ledger,
  ).priorities;
}

/** What a frontend does with a request none of its rules takes: its default action, or the redirect to https. */
export function fallbackOf(frontend: FrontendModel): RouteTarget {
  return frontend.defaultAction ? routeTarget(frontend.defaultAction, frontend) : httpsRedirect(frontend.redirectHttpToHttps?.statusCode ?? 301);
}

/** `ledger`: the priorities the deployed URL map holds, by rule id (see priorities.ts). */
export function urlMapPlan(frontend: FrontendModel, regional: boolean, ledger?: PriorityLedger): UrlMapPlan {
  const id = `urlmap-${frontend.name}`;
  const priorities = frontendPriorities(frontend, ledger);
  const fallback = fallbackOf(frontend);
  if (!frontend.defaultAction) return { id, frontend: frontend.name, regional, hostRules: [], pathMatchers: [], default: fallback };
  if (!frontend.rules.length) return { id, frontend: frontend.name, regional, hostRules: [], pathMatchers: [], default: fallback };

  const patterns: HostMatch[] = [];
  for (const r of frontend.rules) for (const h of r.match.hosts) if (!patterns.some((p) => p.value === h.value)) patterns.push(h);
  const applicable = (h: HostMatch | undefined) =>
    frontend.rules.filter((r) => !r.match.hosts.length || (h !== undefined && r.match.hosts.some((s) => hostCovers(s, h))));

  // Group patterns (and '*', the host-less rules) by the rule list they need.
  const groups: Array<{ hosts: string[]; rules: RuleModel[] }> = [];
  for (const h of [...patterns, undefined]) {
    const rules = applicable(h);
    const key = rules.map((r) => r.id).join('\n');
    const group = groups.find((g) => g.rules.map((r) => r.id).join('\n') === key);
    if (group) group.hosts.push(h?.value ?? '*');
    else groups.push({ hosts: [h?.value ?? '*'], rules });
  }
  const names = uniqueNames(
    '',
    groups.map((g) => (g.hosts[0] === '*' ? 'any-host' : `host-${g.hosts[0].replace(/^\*\./, 'wildcard.')}`)),
  );
  const pathMatchers: PathMatcherPlan[] = groups.map((g, i) => ({ name: names[i], routeRules: routeRules(g.rules, frontend, priorities), default: fallback }));
  return {
    id,
    frontend: frontend.name,
    regional,
    hostRules: groups.map((g, i) => ({ hosts: g.hosts, pathMatcher: names[i] })),
    pathMatchers,
    default: fallback,
    priorities: Object.fromEntries(priorities),
  };
}
