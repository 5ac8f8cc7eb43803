/**
 * HTTPRoutes of one L7 frontend (https://gateway-api.sigs.k8s.io/reference/spec/#httproute): one per host the rules
 * name and one without hostnames (host-routes.ts), each rule named after the spec rule so that policies can attach to
 * it (sectionName) and so that inserting a rule renames nothing.
 */
import { redirectDestination } from '../../../lib/model/derived';
import { listenerNames } from './gateway';
import type { ActionModel, FrontendModel, HeaderMatch, QueryMatch } from '../../../lib/model/types';
import { ENVOY_GATEWAY, GATEWAY_API, type K8sObject } from '../objects';
import { backendRefOf, type BackendRef } from './backends';
import { meta, type PlanContext } from './context';
import { hostRoutes, routeMatches, type RouteEntry, type RouteMatch } from './host-routes';
import { hostPart, objectName } from './names';
import { prefixReplacement, ruleFilters, ruleTiming } from './rule-filters';

/** RE2 with every metacharacter escaped. */
export const quoteRe2 = (s: string): string => s.replace(/[\\.+*?()|[\]{}^$]/g, '\\$&');

export interface HttpRouteParts {
  readonly routes: K8sObject[];
  /** Envoy Gateway HTTPRouteFilters for fixed responses. */
  readonly filters: K8sObject[];
  /** Per route rule: the route, the rule name and its action (policies attach by route name and sectionName). */
  readonly sections: Array<{
    readonly route: string;
    readonly rule: string;
    readonly action: ActionModel;
    readonly frontend: string;
    readonly ruleId?: string;
  }>;
}

/** An HTTPHeaderMatch (GRPCHeaderMatch has the same fields and types). */
export function headerMatch(ctx: PlanContext, h: HeaderMatch): Record<string, unknown> {
  // Exact case (caseSensitive): Gateway API's Exact compares the value as written; a prefix drops the '(?i)'.
  if (h.kind === 'exact' && h.caseSensitive) return { type: 'Exact', name: h.name, value: h.value };
  if (h.kind === 'prefix' && h.caseSensitive && ctx.target !== 'k8s-gateway')
    return { type: 'RegularExpression', name: h.name, value: `${quoteRe2(h.value)}.*` };
  if (ctx.target === 'k8s-gateway') {
    return h.kind === 'exact'
      ? { type: 'Exact', name: h.name, value: h.value }
      : { type: 'RegularExpression', name: h.name, value: h.kind === 'regex' ? h.value : '.*' };
  }
  switch (h.kind) {
    case 'exact':
      return { type: 'RegularExpression', name: h.name, value: `(?i)${quoteRe2(h.value)}` };
    case 'prefix':
      return { type: 'RegularExpression', name: h.name, value: `(?i)${quoteRe2(h.value)}.*` };
    case 'regex':
      return { type: 'RegularExpression', name: h.name, value: h.value };
    case 'present':
      return { type: 'RegularExpression', name: h.name, value: '.*' };
  }
}

function queryMatch(q: QueryMatch): Record<string, unknown> {
  return q.kind === 'exact' ? { type: 'Exact', name: q.name, value: q.value } : { type: 'RegularExpression', name: q.name, value: '.*' };
}

const PATH_TYPE = { exact: 'Exact', prefix: 'PathPrefix', regex: 'RegularExpression' } as const;

function matchOf(ctx: PlanContext, m: RouteMatch): Record<string, unknown> {
  return {
    ...(m.path ? { path: { type: PATH_TYPE[m.path.kind], value: m.path.value } } : {}),
    ...(m.method ? { method: m.method } : {}),
    ...(m.headers.length ? { headers: m.headers.map((h) => headerMatch(ctx, h)) } : {}),
    ...(m.query.length ? { queryParams: m.query.map(queryMatch) } : {}),
  };
}

export function fixedResponseFilterName(ctx: PlanContext, f: FrontendModel, entry: RouteEntry): string {
  return objectName(ctx.model.name, f.name, entry.name, 'response');
}

function ruleOf(
  ctx: PlanContext,
  f: FrontendModel,
  entry: RouteEntry,
  refs: ReadonlyMap<string, BackendRef>,
  filters: Map<string, K8sObject>,
): Record<string, unknown> {
  const a = entry.action;
  const matches = routeMatches(entry.match)
    .map((m) => matchOf(ctx, m))
    .filter((m) => Object.keys(m).length > 0);
  const base = { name: entry.name, ...(matches.length ? { matches } : {}) };
  // Filters of a forwarding rule apply to every backendRef alike (rule-level filters).
  const filterList = ruleFilters(entry.filters);
  const forwarding = { ...base, ...(filterList.length ? { filters: filterList } : {}), ...ruleTiming(ctx, entry.filters) };
  switch (a.type) {
    case 'forward':
      return { ...forwarding, backendRefs: [backendRefOf(refs.get(a.pool)!)], ...persistence(ctx, [a.pool]) };
    case 'weighted-forward':
      return {
        ...forwarding,
        backendRefs: a.targets.map((t) => backendRefOf(refs.get(t.pool)!, t.weight)),
        ...persistence(
          ctx,
          a.targets.map((t) => t.pool),
        ),
      };
    case 'redirect': {
      // The port is written: without it the Gateway API takes the well-known port of a given scheme, where lbkit
      // keeps the frontend's own port for an unchanged scheme (SEMANTICS.md, redirects). GKE does not implement
      // HTTPRoutePortRedirect (its conformance reports), so there it is left out when it is the scheme's well-known
      // port, which means the same; another port is a range problem on GKE (ranges.ts).
      const dest = redirectDestination(f, a);
      const port = ctx.target === 'k8s-gke-gateway' && dest.isDefaultPort ? {} : { port: dest.port };
      return {
        ...base,
        filters: [
          {
            type: 'RequestRedirect',
            requestRedirect: {
              scheme: dest.scheme,
              ...(a.host ? { hostname: a.host } : {}),
              ...port,
              ...(a.path ? { path: { type: 'ReplaceFullPath', replaceFullPath: a.path } } : {}),
              // One PathPrefix match per rule (host-routes.ts splitRule), so the matched prefix is the rule's own.
              ...(a.pathPrefix !== undefined ? { path: { type: 'ReplacePrefixMatch', replacePrefixMatch: prefixReplacement(a.pathPrefix) } } : {}),
              statusCode: a.statusCode,
            },
          },
        ],
      };
    }
    case 'fixed-response': {
      const name = fixedResponseFilterName(ctx, f, entry);
      filters.set(name, {
        apiVersion: ENVOY_GATEWAY,
        kind: 'HTTPRouteFilter',
        metadata: meta(ctx, name),
        spec: { directResponse: { statusCode: a.statusCode, contentType: a.contentType, body: { type: 'Inline', inline: a.body } } },
      });
      return { ...base, filters: [{ type: 'ExtensionRef', extensionRef: { group: 'gateway.envoyproxy.io', kind: 'HTTPRouteFilter', name } }] };
    }
  }
}

/**
 * HTTPRoute sessionPersistence (experimental channel, k8s-gateway only) for pools that all ask for a load-balancer
 * cookie: a session cookie (lifetimeType Session, no Max-Age) when every pool asks for one, else a permanent cookie
 * with the shortest lifetime asked for (the rule has one cookie for all its pools).
 */
function persistence(ctx: PlanContext, pools: readonly string[]): Record<string, unknown> {
  if (ctx.target !== 'k8s-gateway' || ctx.channel !== 'experimental') return {};
  const models = pools.map((p) => ctx.model.pools.find((x) => x.name === p)!);
  const cookies = models.flatMap((p) => (p.sessionPersistence?.type === 'lb-cookie' ? [p.sessionPersistence] : []));
  if (cookies.length !== models.length || !cookies.length) return {};
  const lifetimes = cookies.filter((c) => !c.sessionCookie).map((c) => c.durationSeconds);
  if (!lifetimes.length) return { sessionPersistence: { type: 'Cookie', cookieConfig: { lifetimeType: 'Session' } } };
  return { sessionPersistence: { type: 'Cookie', absoluteTimeout: `${Math.min(...lifetimes)}s`, cookieConfig: { lifetimeType: 'Permanent' } } };
}

export function httpRouteName(ctx: PlanContext, f: FrontendModel, host: RouteEntry['match']['hosts'][number] | undefined): string {
  return objectName(ctx.model.name, f.name, hostPart(host));
}

/**
 * The routes of one frontend, one per host (HTTPRoute or GRPCRoute): each attached to every listener of the
 * frontend (one per host name), with the section of each rule for the policies that target it.
 */
export function routeObjects(
  ctx: PlanContext,
  f: FrontendModel,
  kind: 'HTTPRoute' | 'GRPCRoute',
  ruleOf: (entry: RouteEntry) => Record<string, unknown>,
): Omit<HttpRouteParts, 'filters'> {
  const sections: HttpRouteParts['sections'] = [];
  const routes = hostRoutes(f).map((route): K8sObject => {
    const name = httpRouteName(ctx, f, route.host);
    for (const e of route.entries)
      sections.push({ route: name, rule: e.name, action: e.action, frontend: f.name, ...(e.ruleId !== undefined ? { ruleId: e.ruleId } : {}) });
    return {
      apiVersion: GATEWAY_API,
      kind,
      metadata: meta(ctx, name),
      spec: {
        parentRefs: listenerNames(f).map((sectionName) => ({ name: ctx.gatewayName, sectionName })),
        ...(route.host ? { hostnames: [route.host.value] } : {}),
        rules: route.entries.map(ruleOf),
      },
    };
  });
  return { routes, sections };
}

export function httpRoutes(ctx: PlanContext, f: FrontendModel, refs: ReadonlyMap<string, BackendRef>): HttpRouteParts {
  const filters = new Map<string, K8sObject>();
  const { routes, sections } = routeObjects(ctx, f, 'HTTPRoute', (e) => ruleOf(ctx, f, e, refs, filters));
  return { routes, filters: [...filters.values()], sections };
}
