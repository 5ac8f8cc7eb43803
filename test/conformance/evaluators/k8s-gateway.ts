/**
 * A Gateway API evaluator, written from the specification (https://gateway-api.sigs.k8s.io/reference/spec/, v1.6),
 * independently of lbkit's matcher: which listener takes a request, which HTTPRoutes attach to it, which of their
 * matches apply, the precedence among them, and what the chosen rule does (backendRefs with weights, or a
 * RequestRedirect filter).
 *
 * - Listeners: the request arrives on a listener by port; a listener hostname, when set, must match the Host
 *   ('*.example.com' matches one or more labels before the suffix, never example.com itself).
 * - Routes attach through parentRefs (name, and sectionName = listener name when given). Route hostnames intersect
 *   with the request host; a route without hostnames takes every host the listener takes. 'Implementations MUST
 *   ignore any port value specified in the HTTP Host header while performing a match.'
 * - Precedence, across all rules of the applicable routes: characters in a matching non-wildcard hostname, then in a
 *   matching hostname, then in a matching path, then a method match, then the number of header matches, then of
 *   query param matches; remaining ties go to the oldest route (equal here: the objects are created together), then
 *   the route first in '{namespace}/{name}' order, then the first matching rule in list order.
 * - Matches: PathPrefix on whole path elements ('/foo' matches '/foo', '/foo/' and '/foo/bar', not '/foobar'),
 *   Exact on the whole path; a match without path is PathPrefix '/'. Headers: names case-insensitive, Exact values
 *   as written. Query params: Exact on name and value. All conditions of one match hold (AND), matches of a rule
 *   are alternatives (OR).
 * - GRPCRoutes (k8s-grpcroute.ts) take gRPC requests with their own precedence; an HTTPRoute and a GRPCRoute with
 *   intersecting hostnames on one listener are a conflict the implementation settles by age ('MUST accept exactly
 *   one'), which a manifest cannot decide: the evaluator refuses to evaluate it.
 * - No matching rule: 404 (here 'no-route'). RequestRedirect: scheme (else the request's), hostname (else the Host
 *   header's host), port (else from the scheme), path ReplaceFullPath or ReplacePrefixMatch of the match's prefix
 *   (else unchanged; k8s-filters.ts), the query kept, statusCode (default 302). What a forwarding rule's filters do
 *   to the request and response is k8s-filters.ts.
 */
import type { K8sObject } from '../../../providers/kubernetes/objects';
import { forwardedRequest, redirectPath, respondedHeaders } from './k8s-filters';
import { grpcCallOf, grpcRuleKeys } from './k8s-grpcroute';
import { buildLocation, evaluatedForward, hostName, type Arrival, type ConformanceRequest, type Forwarded, type Outcome } from './request';

type Json = Record<string, any>;

interface Candidate {
  readonly key: number[];
  readonly routeName: string;
  readonly ruleIndex: number;
  readonly rule: Json;
  /** The match that took the request (undefined for GRPCRoute rules). */
  readonly match?: Json;
}

/** The chars of the route hostname matching `host`, [nonWildcard, any], or undefined when it does not match. */
function hostnameMatch(hostname: string, host: string): [number, number] | undefined {
  if (hostname.startsWith('*.')) {
    const suffix = hostname.slice(1);
    return host.length > suffix.length && host.endsWith(suffix) ? [0, hostname.length] : undefined;
  }
  return hostname === host ? [hostname.length, hostname.length] : undefined;
}

function pathMatches(path: Json | undefined, requestPath: string): boolean {
  const type = path?.type ?? 'PathPrefix';
  const value: string = path?.value ?? '/';
  if (type === 'Exact') return requestPath === value;
  if (type === 'PathPrefix') {
    const prefix = value.length > 1 && value.endsWith('/') ? value.slice(0, -1) : value;
    return prefix === '/' || requestPath === prefix || requestPath.startsWith(`${prefix}/`);
  }
  throw new Error(`path type ${String(type)} is implementation-specific: not evaluated`);
}

function headerMatches(h: Json, req: ConformanceRequest): boolean {
  if ((h.type ?? 'Exact') !== 'Exact') throw new Error('RegularExpression header matches are implementation-specific: not evaluated');
  const values = req.headers.filter(([k]) => k.toLowerCase() === String(h.name).toLowerCase()).map(([, v]) => v.trim());
  return values.includes(h.value);
}

function queryMatches(q: Json, req: ConformanceRequest): boolean {
  if ((q.type ?? 'Exact') !== 'Exact') throw new Error('RegularExpression query matches are implementation-specific: not evaluated');
  const params = req.query
    ? req.query.split('&').map((p) => {
        const eq = p.indexOf('=');
        return eq < 0 ? [p, ''] : [p.slice(0, eq), p.slice(eq + 1)];
      })
    : [];
  // 'If a query param is repeated ... it is recommended that implementations should match against the first value'.
  const first = params.find(([n]) => n === q.name);
  return first !== undefined && first[1] === q.value;
}

function matchApplies(m: Json, req: ConformanceRequest): boolean {
  return (
    pathMatches(m.path, req.path) &&
    (m.method === undefined || m.method === req.method) &&
    (m.headers ?? []).every((h: Json) => headerMatches(h, req)) &&
    (m.queryParams ?? []).every((q: Json) => queryMatches(q, req))
  );
}

const compare = (a: readonly number[], b: readonly number[]) => {
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return b[i] - a[i];
  return 0;
};

/** The rule the Gateway picks for a request on one listener, or undefined (404). */
export function selectRouteRule(gateway: K8sObject, routes: readonly K8sObject[], listenerName: string, req: ConformanceRequest): Json | undefined {
  return selectRouteMatch(gateway, routes, listenerName, req)?.rule;
}

/** The rule the Gateway picks and the match that took the request (a ReplacePrefixMatch replaces its prefix). */
export function selectRouteMatch(
  gateway: K8sObject,
  routes: readonly K8sObject[],
  listenerName: string,
  req: ConformanceRequest,
): { readonly rule: Json; readonly match?: Json } | undefined {
  const listener = (gateway.spec!.listeners as Json[]).find((l) => l.name === listenerName);
  if (!listener) return undefined;
  const host = hostName(req.host);
  if (listener.hostname && !hostnameMatch(listener.hostname, host)) return undefined;
  const candidates: Candidate[] = [];
  const call = grpcCallOf(req);
  const kinds = new Set<string>();
  for (const route of routes) {
    const spec = route.spec as Json;
    const attached = (spec.parentRefs as Json[]).some(
      (p) => p.name === gateway.metadata.name && (p.sectionName === undefined || p.sectionName === listenerName),
    );
    if (!attached) continue;
    const hostnames: string[] = spec.hostnames ?? [];
    const hostKey = hostnames.length
      ? hostnames
          .map((h) => hostnameMatch(h, host))
          .filter((k): k is [number, number] => !!k)
          .sort((a, b) => compare(a, b))[0]
      : [0, 0];
    if (!hostKey) continue;
    kinds.add(route.kind);
    const routeName = `${route.metadata.namespace ?? ''}/${route.metadata.name}`;
    if (route.kind === 'GRPCRoute') {
      if (!call) continue;
      ((spec.rules as Json[]) ?? [{}]).forEach((rule, ruleIndex) => {
        for (const key of grpcRuleKeys(rule, call, req, headerMatches)) candidates.push({ key: [...hostKey, ...key], routeName, ruleIndex, rule });
      });
      continue;
    }
    ((spec.rules as Json[]) ?? [{}]).forEach((rule, ruleIndex) => {
      const matches: Json[] = rule.matches ?? [{ path: { type: 'PathPrefix', value: '/' } }];
      for (const m of matches) {
        if (!matchApplies(m, req)) continue;
        const pathChars = (m.path?.value ?? '/').length;
        candidates.push({
          key: [...hostKey, pathChars, m.method ? 1 : 0, (m.headers ?? []).length, (m.queryParams ?? []).length],
          routeName,
          ruleIndex,
          rule,
          match: m,
        });
      }
    });
  }
  if (kinds.size > 1) throw new Error(`HTTPRoutes and GRPCRoutes share listener '${listenerName}' for host '${host}': which one is accepted is decided by age`);
  candidates.sort((a, b) => compare(a.key, b.key) || a.routeName.localeCompare(b.routeName) || a.ruleIndex - b.ruleIndex);
  return candidates[0] && { rule: candidates[0].rule, match: candidates[0].match };
}

/** The outcome of a request: `poolOf` maps a backendRef's Service name to the pool it stands for. */
export function evaluateGateway(
  gateway: K8sObject,
  routes: readonly K8sObject[],
  listenerName: string,
  arrival: Arrival,
  req: ConformanceRequest,
  poolOf: (service: string) => string,
): Outcome {
  const chosen = selectRouteMatch(gateway, routes, listenerName, req);
  if (!chosen) return { kind: 'no-route' };
  const rule = chosen.rule;
  const redirect = (rule.filters as Json[] | undefined)?.find((f) => f.type === 'RequestRedirect')?.requestRedirect as Json | undefined;
  if (redirect) {
    const scheme: string = redirect.scheme ?? arrival.scheme;
    const port = redirect.port ?? (redirect.scheme ? (scheme === 'https' ? 443 : 80) : arrival.port);
    const path = redirectPath(redirect, chosen.match, req.path);
    return {
      kind: 'redirect',
      status: redirect.statusCode ?? 302,
      location: buildLocation(scheme, redirect.hostname ?? hostName(req.host), port, path, req.query),
    };
  }
  const refs = (rule.backendRefs as Json[] | undefined) ?? [];
  const pools = refs.filter((r) => (r.weight ?? 1) > 0).map((r) => poolOf(r.name));
  return { kind: 'forward', pools: [...new Set(pools)].sort() };
}

/** What the backend receives of a request the Gateway forwards, and what the client gets of the response (its filters). */
export function forwardedBy(gateway: K8sObject, routes: readonly K8sObject[], listenerName: string, req: ConformanceRequest): Forwarded | undefined {
  const chosen = selectRouteMatch(gateway, routes, listenerName, req);
  return chosen && evaluatedForward(forwardedRequest(chosen.rule, chosen.match, req), (member) => respondedHeaders(chosen.rule, member));
}
