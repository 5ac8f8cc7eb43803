/**
 * Which backend service, weighted split or redirect a GCP URL map gives a request, read from the URL map in
 * the Compute API shape (the inputs of @pulumi/gcp URLMap / RegionUrlMap, which use the API's names).
 * Written from GCP's URL-map documentation independently of lib/model/match.ts (the fidelity tests hold the
 * two equal):
 *
 * - https://cloud.google.com/load-balancing/docs/url-map-concepts and the UrlMap REST reference
 *   (https://cloud.google.com/compute/docs/reference/rest/v1/urlMaps):
 *   - hostRules[].hosts: "* matches any string of ([a-z0-9-.]*)", '*' only first. A host picks the host rule
 *     with its exact name, else the longest matching '*' pattern, else '*' (the managed load balancers use
 *     Envoy's virtual-host order: exact, longest suffix wildcard, then '*'; a wildcard never matches an empty
 *     label); no host rule: the URL map's default.
 *   - pathMatchers[].routeRules: "evaluated in order of priority, from the lowest to highest number ... The
 *     first rule that matches the request is applied"; matchRules "has OR semantics ... predicates within a
 *     given matchRule have AND semantics"; no route rule matches: the path matcher's default.
 *   - matchRules: prefixMatch "the request's path must begin with the specified prefixMatch";
 *     fullPathMatch "must exactly match ... after removing any query parameters"; regexMatch "must satisfy the
 *     regular expression" (RE2, matched against the whole path, as Envoy's safe_regex); ignoreCase applies to
 *     prefixMatch and fullPathMatch only (default false: case-sensitive).
 *   - headerMatches: exactMatch, prefixMatch, suffixMatch, regexMatch (whole value; '(?i)' makes RE2
 *     case-insensitive), presentMatch ("whether or not the request's header has a value"), rangeMatch,
 *     invertMatch; header names are case-insensitive, ':method' and ':authority' name the method and the
 *     host; a repeated header is seen as its values joined by ',' (RFC 9110 §5.3, as Envoy does).
 *   - queryParameterMatches: "The query parameter must exist in the request", name compared as written
 *     (case-sensitive); exactMatch, regexMatch (whole value), presentMatch.
 *   - pathRules (used instead of routeRules): "Matches are always done on the longest-path-first basis"; a
 *     pattern ending in '/*' matches by prefix.
 *   - routeAction.urlRewrite.pathPrefixRewrite: "the matching portion of the request's path is replaced by
 *     pathPrefixRewrite" (fullPathMatch and regexMatch match the whole path, prefixMatch its prefix).
 *   - routeRules[].headerAction: requestHeadersToAdd / responseHeadersToAdd with `replace` true ("the header
 *     replaces any existing values") or false (the value is added as one more field of the name), and
 *     requestHeadersToRemove / responseHeadersToRemove (names case-insensitive); read here in @pulumi/gcp's
 *     plural field names (requestHeadersToAdds, ...). routeAction.urlRewrite.hostRewrite "prior to forwarding the
 *     request to the selected service, the request's host header is replaced with contents of hostRewrite".
 *   - routeAction.faultInjectionPolicy.abort: "The HTTP status code used to abort the request" for "the percentage of
 *     traffic ... aborted" (HttpFaultAbort): at 100 every request is answered with httpStatus, none forwarded.
 *   - urlRedirect: hostRedirect, pathRedirect or prefixRedirect ("The prefix that replaces the prefixMatch
 *     specified in the HttpRouteRuleMatch, retaining the remaining portion of the URL"), httpsRedirect, stripQuery,
 *     redirectResponseCode (MOVED_PERMANENTLY_DEFAULT 301, FOUND 302, SEE_OTHER 303, TEMPORARY_REDIRECT 307,
 *     PERMANENT_REDIRECT 308).
 */
import { rawQueryParameters } from '../../../lib/model/match';
import {
  buildLocation,
  DEFAULT_PORT,
  evaluatedForward,
  headerValues,
  hostName,
  type Arrival,
  type ConformanceRequest,
  type Fields,
  type Outcome,
} from './request';

export interface UrlRedirect {
  readonly hostRedirect?: string;
  readonly pathRedirect?: string;
  readonly prefixRedirect?: string;
  readonly httpsRedirect?: boolean;
  readonly stripQuery?: boolean;
  readonly redirectResponseCode?: string;
}
export interface RouteAction {
  readonly weightedBackendServices?: readonly { readonly backendService: string; readonly weight: number }[];
  /** UrlRewrite.pathPrefixRewrite: "the matching portion of the request's path is replaced by pathPrefixRewrite". */
  readonly urlRewrite?: { readonly hostRewrite?: string; readonly pathPrefixRewrite?: string };
  readonly faultInjectionPolicy?: { readonly abort?: { readonly httpStatus: number; readonly percentage: number } };
}
/** A route's destination: exactly one of the three. */
export interface Destination {
  readonly service?: string;
  readonly routeAction?: RouteAction;
  readonly urlRedirect?: UrlRedirect;
}
export interface HeaderMatch {
  readonly headerName: string;
  readonly exactMatch?: string;
  readonly prefixMatch?: string;
  readonly suffixMatch?: string;
  readonly regexMatch?: string;
  readonly presentMatch?: boolean;
  readonly rangeMatch?: { readonly rangeStart: number; readonly rangeEnd: number };
  readonly invertMatch?: boolean;
}
export interface QueryParameterMatch {
  readonly name: string;
  readonly exactMatch?: string;
  readonly regexMatch?: string;
  readonly presentMatch?: boolean;
}
export interface MatchRule {
  readonly prefixMatch?: string;
  readonly fullPathMatch?: string;
  readonly regexMatch?: string;
  readonly ignoreCase?: boolean;
  readonly headerMatches?: readonly HeaderMatch[];
  readonly queryParameterMatches?: readonly QueryParameterMatch[];
}
/** HttpHeaderAction, in @pulumi/gcp's plural field names. */
export interface HeaderAction {
  readonly requestHeadersToAdds?: readonly HeaderOption[];
  readonly requestHeadersToRemoves?: readonly string[];
  readonly responseHeadersToAdds?: readonly HeaderOption[];
  readonly responseHeadersToRemoves?: readonly string[];
}
export interface HeaderOption {
  readonly headerName: string;
  readonly headerValue: string;
  readonly replace?: boolean;
}
export interface RouteRule extends Destination {
  readonly priority: number;
  readonly matchRules?: readonly MatchRule[];
  readonly headerAction?: HeaderAction;
}
export interface PathRule extends Destination {
  readonly paths: readonly string[];
}
/** Where a path matcher or the URL map sends what none of its rules took. */
export interface DefaultDestination {
  readonly defaultService?: string;
  readonly defaultRouteAction?: RouteAction;
  readonly defaultUrlRedirect?: UrlRedirect;
}
export interface PathMatcher extends DefaultDestination {
  readonly name: string;
  readonly routeRules?: readonly RouteRule[];
  readonly pathRules?: readonly PathRule[];
}
export interface UrlMap extends DefaultDestination {
  readonly hostRules?: readonly { readonly hosts: readonly string[]; readonly pathMatcher: string }[];
  readonly pathMatchers?: readonly PathMatcher[];
}

/** What the URL map chose. */
export type GcpRoute =
  | { readonly kind: 'service'; readonly backendService: string }
  | { readonly kind: 'weighted'; readonly services: readonly { readonly backendService: string; readonly weight: number }[] }
  | { readonly kind: 'redirect'; readonly redirect: UrlRedirect; readonly prefixMatch?: string }
  /** A fault-injection abort of every request: the load balancer answers httpStatus itself. */
  | { readonly kind: 'abort'; readonly status: number };

export interface GcpRequest {
  /** As the Host header carries it. */
  readonly host: string;
  readonly path: string;
  /** One value per header name (lower-case names); repeated headers joined by ','. */
  readonly headers: Readonly<Record<string, string>>;
  /** Parameters as written; undefined: the parameter has no '='. */
  readonly query: ReadonlyArray<readonly [string, string | undefined]>;
}

/**
 * A conformance request as the URL map sees it. HttpHeaderMatch.headerName: "For matching against the HTTP
 * request's authority, use ... ':authority'. For matching a request's method, use the headerName ':method'."
 */
export function gcpRequest(req: ConformanceRequest): GcpRequest {
  const names = [...new Set(req.headers.map(([k]) => k.toLowerCase()))];
  return {
    host: req.host,
    path: req.path,
    headers: {
      ...Object.fromEntries(
        names.map((n) => [
          n,
          headerValues(req, n)
            .map((v) => v.trim())
            .join(','),
        ]),
      ),
      ':method': req.method,
      ':authority': req.host,
    },
    query: rawQueryParameters(req.query),
  };
}

/** RE2 over the whole input; a leading '(?i)' is RE2's case-insensitive flag. */
function re2(pattern: string): RegExp {
  const insensitive = pattern.startsWith('(?i)');
  const body = insensitive ? pattern.slice(4) : pattern;
  if (/\(\?[a-zA-Z]/.test(body)) throw new Error(`RE2 inline flags inside '${pattern}' are not supported by this evaluator`);
  return new RegExp(`^(?:${body})$`, insensitive ? 'iu' : 'u');
}

function headerHolds(h: HeaderMatch, req: GcpRequest): boolean {
  const value = req.headers[h.headerName.toLowerCase()];
  const present = value !== undefined;
  let holds: boolean;
  if (h.exactMatch !== undefined) holds = present && value === h.exactMatch;
  else if (h.prefixMatch !== undefined) holds = present && value.startsWith(h.prefixMatch);
  else if (h.suffixMatch !== undefined) holds = present && value.endsWith(h.suffixMatch);
  else if (h.regexMatch !== undefined) holds = present && re2(h.regexMatch).test(value);
  else if (h.rangeMatch !== undefined)
    holds = present && /^-?\d+$/.test(value) && Number(value) >= h.rangeMatch.rangeStart && Number(value) < h.rangeMatch.rangeEnd;
  else holds = present === (h.presentMatch ?? true);
  return h.invertMatch ? !holds : holds;
}

function queryHolds(q: QueryParameterMatch, req: GcpRequest): boolean {
  const found = req.query.find(([name]) => name === q.name);
  if (!found) return false;
  const value = found[1] ?? '';
  if (q.exactMatch !== undefined) return value === q.exactMatch;
  if (q.regexMatch !== undefined) return re2(q.regexMatch).test(value);
  return true;
}

export function matchRuleHolds(m: MatchRule, req: GcpRequest): boolean {
  const fold = (s: string) => (m.ignoreCase ? s.toLowerCase() : s);
  if (m.fullPathMatch !== undefined && fold(req.path) !== fold(m.fullPathMatch)) return false;
  if (m.prefixMatch !== undefined && !fold(req.path).startsWith(fold(m.prefixMatch))) return false;
  if (m.regexMatch !== undefined && !re2(m.regexMatch).test(req.path)) return false;
  return (m.headerMatches ?? []).every((h) => headerHolds(h, req)) && (m.queryParameterMatches ?? []).every((q) => queryHolds(q, req));
}

function routeOf(d: Destination): GcpRoute {
  const abort = d.routeAction?.faultInjectionPolicy?.abort;
  // Below 100 percent some requests go on to the destination: the evaluator has no chance to decide which.
  if (abort && abort.percentage !== 100) throw new Error(`a fault-injection abort of ${abort.percentage}% is not evaluated`);
  if (abort) return { kind: 'abort', status: abort.httpStatus };
  if (d.service !== undefined) return { kind: 'service', backendService: d.service };
  if (d.routeAction?.weightedBackendServices) return { kind: 'weighted', services: d.routeAction.weightedBackendServices };
  if (d.urlRedirect) return { kind: 'redirect', redirect: d.urlRedirect };
  throw new Error(`a URL map destination without service, weighted backend services or redirect: ${JSON.stringify(d)}`);
}

const defaultOf = (x: { defaultService?: string; defaultRouteAction?: RouteAction; defaultUrlRedirect?: UrlRedirect }): GcpRoute =>
  routeOf({ service: x.defaultService, routeAction: x.defaultRouteAction, urlRedirect: x.defaultUrlRedirect });

function hostPatternMatches(pattern: string, host: string): boolean {
  if (!pattern.startsWith('*')) return pattern.toLowerCase() === host;
  const suffix = pattern.slice(1).toLowerCase();
  return host.length > suffix.length && host.endsWith(suffix) && /^[a-z0-9.-]+$/.test(host.slice(0, host.length - suffix.length));
}

/** The host rule's path matcher for a host (undefined: the URL map's default applies). */
export function pathMatcherFor(map: UrlMap, rawHost: string): PathMatcher | undefined {
  const host = hostName(rawHost);
  const rules = map.hostRules ?? [];
  const exact = rules.find((r) => r.hosts.some((h) => !h.startsWith('*') && h.toLowerCase() === host));
  const wildcard = rules
    .flatMap((r) => r.hosts.filter((h) => h.startsWith('*') && h !== '*' && hostPatternMatches(h, host)).map((h) => ({ r, h })))
    .sort((a, b) => b.h.length - a.h.length)[0]?.r;
  const rule = exact ?? wildcard ?? rules.find((r) => r.hosts.includes('*'));
  if (!rule) return undefined;
  const matcher = (map.pathMatchers ?? []).find((pm) => pm.name === rule.pathMatcher);
  if (!matcher) throw new Error(`host rule ${JSON.stringify(rule.hosts)} names path matcher '${rule.pathMatcher}', which the URL map lacks`);
  return matcher;
}

function pathRuleMatches(pattern: string, path: string): boolean {
  return pattern.endsWith('/*') ? path.startsWith(pattern.slice(0, -1)) : path === pattern;
}

/**
 * The route rule a request takes and the match rule that took it: the first that holds, in order (GCP compiles
 * each match rule to its own route, so the first one decides what "the matching portion" of the path is).
 */
export function matchedRouteRule(map: UrlMap, req: GcpRequest): { readonly rule: RouteRule; readonly matchRule: MatchRule } | undefined {
  const matcher = pathMatcherFor(map, req.host);
  for (const rule of [...(matcher?.routeRules ?? [])].sort((a, b) => a.priority - b.priority)) {
    const matchRule = (rule.matchRules ?? []).find((m) => matchRuleHolds(m, req));
    if (matchRule) return { rule, matchRule };
  }
  return undefined;
}

/** The part of the path a match rule matched: all of it (fullPathMatch, regexMatch) or its prefixMatch. */
const matchedPortion = (m: MatchRule, path: string) => (m.prefixMatch !== undefined ? m.prefixMatch : path);

/** The path the backend service receives: the request's, with the route's pathPrefixRewrite applied. */
export function forwardedPath(map: UrlMap, req: GcpRequest): string {
  const matched = matchedRouteRule(map, req);
  const rewrite = matched?.rule.routeAction?.urlRewrite?.pathPrefixRewrite;
  if (!matched || rewrite === undefined) return req.path;
  return `${rewrite}${req.path.slice(matchedPortion(matched.matchRule, req.path).length)}`;
}

/** Header fields after a headerAction's removals and additions (the lists never name a header twice). */
function applyHeaderAction(fields: Fields, add: readonly HeaderOption[] = [], remove: readonly string[] = []): Fields {
  const named = (names: readonly string[]) => (n: string) => names.some((x) => x.toLowerCase() === n.toLowerCase());
  const replaced = named([...remove, ...add.filter((h) => h.replace).map((h) => h.headerName)]);
  return [...fields.filter(([n]) => !replaced(n)), ...add.map((h) => [h.headerName, h.headerValue] as const)];
}

/** What the backend service receives of a request (path, Host, headers) and what the client gets of its response. */
export function forwardedBy(map: UrlMap, req: ConformanceRequest) {
  const gcpReq = gcpRequest(req);
  const rule = matchedRouteRule(map, gcpReq)?.rule;
  const h = rule?.headerAction;
  return evaluatedForward(
    {
      path: forwardedPath(map, gcpReq),
      host: rule?.routeAction?.urlRewrite?.hostRewrite ?? req.host,
      headers: applyHeaderAction(req.headers, h?.requestHeadersToAdds, h?.requestHeadersToRemoves),
    },
    (member) => applyHeaderAction(member, h?.responseHeadersToAdds, h?.responseHeadersToRemoves),
  );
}

export function evaluateUrlMap(map: UrlMap, req: GcpRequest): GcpRoute {
  const matcher = pathMatcherFor(map, req.host);
  if (!matcher) return defaultOf(map);
  if (matcher.routeRules?.length) {
    const matched = matchedRouteRule(map, req);
    if (!matched) return defaultOf(matcher);
    const route = routeOf(matched.rule);
    // prefixRedirect "replaces the prefixMatch specified in the HttpRouteRuleMatch": the evaluation keeps which.
    return route.kind === 'redirect' && route.redirect.prefixRedirect !== undefined
      ? { ...route, prefixMatch: matchedPortion(matched.matchRule, req.path) }
      : route;
  }
  const byLength = (matcher.pathRules ?? [])
    .flatMap((r) => r.paths.filter((p) => pathRuleMatches(p, req.path)).map((p) => ({ r, length: p.replace(/\*$/, '').length })))
    .sort((a, b) => b.length - a.length);
  return byLength.length ? routeOf(byLength[0].r) : defaultOf(matcher);
}

const REDIRECT_STATUS: Readonly<Record<string, number>> = {
  MOVED_PERMANENTLY_DEFAULT: 301,
  FOUND: 302,
  SEE_OTHER: 303,
  TEMPORARY_REDIRECT: 307,
  PERMANENT_REDIRECT: 308,
};

/**
 * The Location of a URL-map redirect. Parts not redirected keep the request's: scheme (https with
 * httpsRedirect), host (the Host header's name), path, query (removed with stripQuery), and the port the
 * client named in Host (none: the scheme's default; a changed scheme: the new scheme's default).
 */
export function redirectLocation(r: UrlRedirect, req: ConformanceRequest, arrival: Arrival, prefixMatch?: string): string {
  // prefixRedirect replaces the part a prefixMatch matched: the evaluation of the route says which (evaluateUrlMap).
  if (r.prefixRedirect !== undefined && prefixMatch === undefined) throw new Error('prefixRedirect is not evaluated without the matched prefixMatch');
  const scheme = r.httpsRedirect ? 'https' : arrival.scheme;
  const hostPort = /:(\d+)$/.exec(req.host.trim())?.[1];
  const port = scheme !== arrival.scheme || hostPort === undefined ? DEFAULT_PORT[scheme] : Number(hostPort);
  const path = r.prefixRedirect !== undefined ? `${r.prefixRedirect}${req.path.slice(prefixMatch!.length)}` : (r.pathRedirect ?? req.path);
  return buildLocation(scheme, r.hostRedirect ?? hostName(req.host), port, path, r.stripQuery ? '' : req.query);
}

/** The route as an outcome; `poolOf` names the pool of a backend service. */
export function gcpOutcome(route: GcpRoute, req: ConformanceRequest, arrival: Arrival, poolOf: (backendService: string) => string): Outcome {
  switch (route.kind) {
    case 'service':
      return { kind: 'forward', pools: [poolOf(route.backendService)] };
    case 'weighted':
      return {
        kind: 'forward',
        pools: route.services
          .filter((s) => s.weight > 0)
          .map((s) => poolOf(s.backendService))
          .sort(),
      };
    case 'redirect':
      return {
        kind: 'redirect',
        status: REDIRECT_STATUS[route.redirect.redirectResponseCode ?? 'MOVED_PERMANENTLY_DEFAULT'],
        location: redirectLocation(route.redirect, req, arrival, route.prefixMatch),
      };
    case 'abort':
      // lbkit's only abort is the 404 of a host no frontend serves (plan/listeners.ts); its body is GCP's own.
      if (route.status !== 404) throw new Error(`an abort with ${route.status} has no lbkit outcome`);
      return { kind: 'no-route' };
  }
}
