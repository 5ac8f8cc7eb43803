/**
 * Which backend pool or redirect an Application Gateway v2 gives a request, read from the gateway in the ARM
 * shape (the inputs of @pulumi/azure-native ApplicationGateway: sub-resources refer to one another by
 * `{ id: '.../{collection}/{name}' }`). Written from Azure's documentation, not from the plan code, so that
 * it can disagree:
 *
 * - https://learn.microsoft.com/azure/application-gateway/multiple-site-overview: request routing rules are
 *   processed by their priority, lowest first; the first rule whose listener takes the request wins. A
 *   listener takes requests on its frontend IP configuration and port whose Host matches one of its host
 *   names (compared case-insensitively, '*' any characters, '?' one, so '*.contoso.com' also takes
 *   'a.b.contoso.com' but not 'contoso.com'); a basic listener (no host name) takes any host.
 * - https://learn.microsoft.com/azure/application-gateway/url-route-overview: a Basic rule sends everything to
 *   its pool or redirect; a PathBasedRouting rule walks its URL path map's path rules "in the order they are
 *   listed" (first match); a pattern may end in '/*' (a prefix), anything else is the whole path; "path rules
 *   are case insensitive"; no path rule matching: the map's default pool or redirect.
 * - https://learn.microsoft.com/azure/application-gateway/redirect-overview: redirect types Permanent (301),
 *   Found (302), SeeOther (303), Temporary (307); to a listener of the gateway (its protocol and port, the
 *   request's host) or to a target URL; includePath and includeQueryString keep the request's path and query.
 */
import { buildLocation, canonicalLocation, evaluatedForward, hostName, type ConformanceRequest, type Forwarded, type Outcome } from './request';
import { rewriteRequest, rewriteResponse, type RewriteRuleSet, type RewriteSubject } from './azure-rewrites';

export interface Ref {
  readonly id: string;
}
export interface Listener {
  readonly name: string;
  readonly frontendIPConfiguration: Ref;
  readonly frontendPort: Ref;
  readonly protocol: 'Http' | 'Https';
  readonly hostName?: string;
  readonly hostNames?: readonly string[];
}
export interface RedirectConfiguration {
  readonly name: string;
  readonly redirectType: 'Permanent' | 'Found' | 'SeeOther' | 'Temporary';
  readonly targetListener?: Ref;
  readonly targetUrl?: string;
  readonly includePath?: boolean;
  readonly includeQueryString?: boolean;
}
/** What a rule, path rule or map default sends to: a pool with its settings, or a redirect. */
export interface Destination {
  readonly backendAddressPool?: Ref;
  readonly backendHttpSettings?: Ref;
  readonly redirectConfiguration?: Ref;
  readonly rewriteRuleSet?: Ref;
}
export interface UrlPathMap {
  readonly name: string;
  readonly defaultBackendAddressPool?: Ref;
  readonly defaultBackendHttpSettings?: Ref;
  readonly defaultRedirectConfiguration?: Ref;
  readonly defaultRewriteRuleSet?: Ref;
  readonly pathRules: ReadonlyArray<Destination & { readonly name: string; readonly paths: readonly string[] }>;
}
export interface RoutingRule extends Destination {
  readonly name: string;
  readonly priority: number;
  readonly ruleType: 'Basic' | 'PathBasedRouting';
  readonly httpListener: Ref;
  readonly urlPathMap?: Ref;
}
export interface ApplicationGateway {
  readonly frontendPorts: readonly { readonly name: string; readonly port: number }[];
  readonly httpListeners: readonly Listener[];
  readonly redirectConfigurations?: readonly RedirectConfiguration[];
  readonly urlPathMaps?: readonly UrlPathMap[];
  readonly requestRoutingRules: readonly RoutingRule[];
  readonly rewriteRuleSets?: readonly RewriteRuleSet[];
}

/** Where the request arrived: the gateway's port and the frontend IP configuration (by name) it reached. */
export interface GatewayArrival {
  readonly port: number;
  readonly frontendIPConfiguration: string;
}

/** The gateway's choice; same `kind`s as the plan's targets, so targetName reads both. */
export type AgwRoute =
  | { readonly kind: 'forward'; readonly pool: string; readonly backendHttpSettings: string; readonly rewriteRuleSet?: string }
  | { readonly kind: 'redirect'; readonly redirectConfiguration: { readonly name: string }; readonly redirect: RedirectConfiguration };

type Collection =
  | 'frontendPorts'
  | 'httpListeners'
  | 'redirectConfigurations'
  | 'urlPathMaps'
  | 'backendAddressPools'
  | 'backendHttpSettingsCollection'
  | 'frontendIPConfigurations'
  | 'rewriteRuleSets';

/** The name a reference points at, checking that it points into the expected collection. */
export function refName(ref: Ref, collection: Collection): string {
  const parts = ref.id.split('/');
  const [coll, name] = parts.slice(-2);
  if (coll !== collection || !name) throw new Error(`'${ref.id}' does not point into ${collection}`);
  return name;
}

function byName<T extends { name: string }>(items: readonly T[] | undefined, ref: Ref, collection: Collection): T {
  const name = refName(ref, collection);
  const item = (items ?? []).find((i) => i.name === name);
  if (!item) throw new Error(`'${ref.id}' points at no item of ${collection}`);
  return item;
}

function glob(pattern: string): RegExp {
  const body = [...pattern].map((c) => (c === '*' ? '.*' : c === '?' ? '.' : c.replace(/[.+^${}()|[\]\\]/g, '\\$&'))).join('');
  return new RegExp(`^${body}$`, 'i');
}

/** The listener that takes the request (undefined: no listener does). */
export function listenerFor(gw: ApplicationGateway, arrival: GatewayArrival, host: string): { rule: RoutingRule; listener: Listener } | undefined {
  const h = hostName(host);
  for (const rule of [...gw.requestRoutingRules].sort((a, b) => a.priority - b.priority)) {
    const listener = byName(gw.httpListeners, rule.httpListener, 'httpListeners');
    if (byName(gw.frontendPorts, listener.frontendPort, 'frontendPorts').port !== arrival.port) continue;
    if (refName(listener.frontendIPConfiguration, 'frontendIPConfigurations') !== arrival.frontendIPConfiguration) continue;
    const names = listener.hostNames?.length ? listener.hostNames : listener.hostName ? [listener.hostName] : [];
    if (!names.length || names.some((n) => glob(n).test(h))) return { rule, listener };
  }
  return undefined;
}

function destination(gw: ApplicationGateway, d: Destination): AgwRoute {
  if (d.redirectConfiguration) {
    const redirect = byName(gw.redirectConfigurations, d.redirectConfiguration, 'redirectConfigurations');
    return { kind: 'redirect', redirectConfiguration: { name: redirect.name }, redirect };
  }
  if (!d.backendAddressPool || !d.backendHttpSettings) throw new Error(`a destination without pool and settings or redirect: ${JSON.stringify(d)}`);
  return {
    kind: 'forward',
    pool: refName(d.backendAddressPool, 'backendAddressPools'),
    backendHttpSettings: refName(d.backendHttpSettings, 'backendHttpSettingsCollection'),
    ...(d.rewriteRuleSet ? { rewriteRuleSet: refName(d.rewriteRuleSet, 'rewriteRuleSets') } : {}),
  };
}

function pathMatches(pattern: string, path: string): boolean {
  const p = pattern.toLowerCase();
  const q = path.toLowerCase();
  return p.endsWith('/*') ? q.startsWith(p.slice(0, -1)) : q === p;
}

/** What the gateway does with a request to `arrival` with this Host and path. */
export function evaluateGateway(gw: ApplicationGateway, arrival: GatewayArrival, host: string, path: string): AgwRoute | undefined {
  const found = listenerFor(gw, arrival, host);
  if (!found) return undefined;
  const { rule } = found;
  if (rule.ruleType === 'Basic') return destination(gw, rule);
  const map = byName(gw.urlPathMaps, rule.urlPathMap!, 'urlPathMaps');
  const pathRule = map.pathRules.find((r) => r.paths.some((p) => pathMatches(p, path)));
  return destination(
    gw,
    pathRule ?? {
      backendAddressPool: map.defaultBackendAddressPool,
      backendHttpSettings: map.defaultBackendHttpSettings,
      redirectConfiguration: map.defaultRedirectConfiguration,
      rewriteRuleSet: map.defaultRewriteRuleSet,
    },
  );
}

const REDIRECT_STATUS = { Permanent: 301, Found: 302, SeeOther: 303, Temporary: 307 } as const;

/** A redirect's Location: to a listener (its protocol and port, the request's host) or to the target URL. */
export function redirectLocation(gw: ApplicationGateway, r: RedirectConfiguration, req: ConformanceRequest): string {
  const path = r.includePath ? req.path : '';
  const query = r.includeQueryString ? req.query : '';
  if (r.targetListener) {
    const listener = byName(gw.httpListeners, r.targetListener, 'httpListeners');
    const port = byName(gw.frontendPorts, listener.frontendPort, 'frontendPorts').port;
    return buildLocation(listener.protocol, hostName(req.host), port, path || '/', query);
  }
  const url = `${r.targetUrl}${path}`;
  return canonicalLocation(query ? `${url}${url.includes('?') ? '&' : '?'}${query}` : url);
}

export function azureOutcome(gw: ApplicationGateway, route: AgwRoute | undefined, req: ConformanceRequest): Outcome {
  if (!route) return { kind: 'no-route' };
  if (route.kind === 'forward') return { kind: 'forward', pools: [route.pool] };
  return { kind: 'redirect', status: REDIRECT_STATUS[route.redirect.redirectType], location: redirectLocation(gw, route.redirect, req) };
}

/** What the member receives of a forwarded request (path, Host, headers) and the client of its response: the route's rewrite rule set run on both. */
export function rewrittenBy(gw: ApplicationGateway, route: Extract<AgwRoute, { kind: 'forward' }>, req: ConformanceRequest): Forwarded {
  const set = route.rewriteRuleSet === undefined ? undefined : gw.rewriteRuleSets?.find((s) => s.name === route.rewriteRuleSet);
  const received: RewriteSubject = { headers: [['Host', req.host], ...req.headers], path: req.path };
  const upstream = rewriteRequest(set, received);
  const isHost = ([n]: readonly [string, string]) => n.toLowerCase() === 'host';
  return evaluatedForward(
    { path: upstream.path, host: upstream.headers.find(isHost)?.[1] ?? '', headers: upstream.headers.filter((f) => !isHost(f)) },
    (member) => rewriteResponse(set, received, { headers: member, path: req.path }).headers,
  );
}

/** A route as a short string: 'pool:<name>', 'redirect:<name>' or 'none'. Reads plan targets too. */
export function targetName(t: { kind: 'forward'; pool: string } | { kind: 'redirect'; redirectConfiguration: { name: string } } | undefined): string {
  if (!t) return 'none';
  return t.kind === 'forward' ? `pool:${t.pool}` : `redirect:${t.redirectConfiguration.name}`;
}
