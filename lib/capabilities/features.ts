/**
 * The rows of the capability table: every feature a spec can use, and how to find its uses in a model.
 * A detector returns the spec paths where the feature is used, within the part of the model a target
 * compiles (its scope).
 */
import type { FrontendModel, HeaderMatch, LoadBalancerModel, PoolModel, RateLimitModel, RuleModel } from '../model/types';
import { DEFAULTS } from '../model/defaults';
import { OPERATIONS_FEATURES } from './operations-features';
import { ALGORITHMS, FRONTEND_PROTOCOLS, POOL_PROTOCOLS, REDIRECT_STATUS_CODES } from '../spec/schema';

/** The part of a model that one target compiles. */
export interface ModelScope {
  readonly model: LoadBalancerModel;
  readonly frontends: readonly FrontendModel[];
  readonly pools: readonly PoolModel[];
  readonly rateLimits: readonly RateLimitModel[];
}

export interface FeatureUse {
  readonly path: string;
}

export interface FeatureDef {
  readonly id: string;
  readonly description: string;
  readonly detect: (scope: ModelScope) => FeatureUse[];
}

const rulesOf = (s: ModelScope): Array<{ f: FrontendModel; r: RuleModel }> => s.frontends.flatMap((f) => f.rules.map((r) => ({ f, r })));
const at = (path: string): FeatureUse => ({ path });
const dedupe = (uses: FeatureUse[]): FeatureUse[] => [...new Map(uses.map((u) => [u.path, u])).values()];

/**
 * A row detected on each item of one part of the scope (the model itself, its frontends, pools or rate limits):
 * `used` gives the spec path of the item's use, or undefined.
 */
const eachOf =
  <T>(items: (s: ModelScope) => readonly T[]) =>
  (id: string, description: string, used: (item: T) => string | undefined): FeatureDef => ({
    id,
    description,
    detect: (s) =>
      items(s).flatMap((item) => {
        const p = used(item);
        return p ? [at(p)] : [];
      }),
  });
const lb = eachOf((s) => [s.model]);
const frontend = eachOf((s) => s.frontends);
const pool = eachOf((s) => s.pools);
const rateLimit = eachOf((s) => s.rateLimits);
/** A rule-level condition; the path names the first offending value. */
const condition = (id: string, description: string, used: (r: RuleModel) => string | undefined): FeatureDef => ({
  id,
  description,
  detect: (s) =>
    dedupe(
      rulesOf(s).flatMap(({ r }) => {
        const p = used(r);
        return p ? [at(p)] : [];
      }),
    ),
});
/** An action kind, in rules and default actions. */
const action = (id: string, description: string, used: (a: NonNullable<FrontendModel['defaultAction']>) => boolean): FeatureDef => ({
  id,
  description,
  detect: (s) =>
    s.frontends
      .flatMap((f) => [
        ...f.rules.filter((r) => used(r.action)).map((r) => at(`${r.path}.action`)),
        ...(f.defaultAction && used(f.defaultAction) ? [at(`${f.path}.defaultAction`)] : []),
      ])
      .filter((u, i, all) => all.findIndex((o) => o.path === u.path) === i),
});
const firstIndex = <T>(items: readonly T[], pred: (t: T) => boolean): number => items.findIndex(pred);
/** A header condition written with caseSensitive: true (its value compares with exact case). */
const exactCase = (h: HeaderMatch): boolean => 'caseSensitive' in h && h.caseSensitive === true;
/** Where a value is in the spec: a path condition written as a gRPC call is under match.grpc, at the same index. */
const valuePath = (r: RuleModel, field: string, index: number) => `${r.path}.match.${field === 'paths' && r.match.grpc ? 'grpc' : field}[${index}]`;

export const FEATURES: readonly FeatureDef[] = [
  // Load balancer
  lb('lb.scheme.internal', 'internal (private) load balancer', (m) => (m.scheme === 'internal' ? 'scheme' : undefined)),
  lb('lb.ip.dualstack', 'IPv4 and IPv6 frontends', (m) => (m.ipAddressType === 'dualstack' ? 'ipAddressType' : undefined)),
  lb('lb.deletion-protection', 'deletion protection', (m) => (m.deletionProtection ? 'deletionProtection' : undefined)),
  lb('lb.access-logs', 'access logs', (m) => (m.accessLogs ? 'accessLogs' : undefined)),
  // Frontends
  ...FRONTEND_PROTOCOLS.map((p) => frontend(`frontend.protocol.${p}`, `${p} frontend`, (f) => (f.protocol === p ? `${f.path}.protocol` : undefined))),
  frontend('frontend.tls.minimum-1.3', 'TLS 1.3 as minimum version', (f) => (f.tls?.minimumVersion === '1.3' ? `${f.path}.tls.minimumVersion` : undefined)),
  frontend('frontend.tls.sni-certificates', 'additional certificates chosen by SNI', (f) =>
    f.tls?.additionalCertificates.length ? `${f.path}.tls.additionalCertificates` : undefined,
  ),
  frontend('frontend.tls.mtls-verify', 'mutual TLS, verifying client certificates', (f) =>
    f.tls?.clientCertificateTrust?.mode === 'verify' ? `${f.path}.tls.clientCertificateTrust` : undefined,
  ),
  frontend('frontend.tls.mtls-passthrough', 'mutual TLS, passing client certificates through', (f) =>
    f.tls?.clientCertificateTrust?.mode === 'passthrough' ? `${f.path}.tls.clientCertificateTrust` : undefined,
  ),
  frontend('frontend.redirect-http-to-https', 'HTTP to HTTPS redirect', (f) => (f.redirectHttpToHttps ? `${f.path}.redirectHttpToHttps` : undefined)),
  frontend('frontend.idle-timeout', 'client idle timeout other than the 60 s default', (f) =>
    f.idleTimeoutSeconds !== DEFAULTS.idleTimeoutSeconds ? `${f.path}.idleTimeoutSeconds` : undefined,
  ),
  frontend('frontend.allowed-source-cidrs', 'restricting which clients may connect', (f) =>
    f.allowedSourceCidrs.length ? `${f.path}.allowedSourceCidrs` : undefined,
  ),
  frontend('frontend.rule-order.most-specific', 'most-specific rule order (compiled to first-match by the model)', (f) =>
    f.ruleOrder === 'most-specific' ? `${f.path}.ruleOrder` : undefined,
  ),
  // Conditions
  condition('rule.match.host.exact', 'exact host condition', (r) => {
    const i = firstIndex(r.match.hosts, (h) => h.kind === 'exact');
    return i < 0 ? undefined : valuePath(r, 'hosts', i);
  }),
  condition('rule.match.host.wildcard', "wildcard host condition ('*.example.com')", (r) => {
    const i = firstIndex(r.match.hosts, (h) => h.kind === 'wildcard');
    return i < 0 ? undefined : valuePath(r, 'hosts', i);
  }),
  // A path condition that ignores case is its own row (rule.match.path.case-insensitive): the exact-case rows do not judge it.
  condition('rule.match.path.exact', 'exact path condition', (r) => {
    const i = firstIndex(r.match.paths, (p) => p.kind === 'exact' && !p.ignoreCase);
    return i < 0 ? undefined : valuePath(r, 'paths', i);
  }),
  condition('rule.match.path.prefix', 'path prefix condition (whole segments)', (r) => {
    const i = firstIndex(r.match.paths, (p) => p.kind === 'prefix' && !p.ignoreCase);
    return i < 0 ? undefined : valuePath(r, 'paths', i);
  }),
  condition('rule.match.path.regex', 'path regex condition', (r) => {
    const i = firstIndex(r.match.paths, (p) => p.kind === 'regex');
    return i < 0 ? undefined : valuePath(r, 'paths', i);
  }),
  // An exact-case exact header is judged by its own row (rule.match.header.case-sensitive) alone: targets whose
  // exact match compares as written (Gateway API's Exact) have it exactly, the case-insensitive row does not.
  ...(['exact', 'prefix', 'regex', 'present'] as const).map((k) =>
    condition(`rule.match.header.${k}`, `header condition (${k})`, (r) => {
      const i = firstIndex(r.match.headers, (h) => h.kind === k && !(k === 'exact' && exactCase(h)));
      return i < 0 ? undefined : valuePath(r, 'headers', i);
    }),
  ),
  // An exact-case query condition is its own row (rule.match.query.case-sensitive): its name compares exactly, as
  // GCP's always do, so the case-insensitive rows do not judge it.
  ...(['exact', 'present'] as const).map((k) =>
    condition(`rule.match.query.${k}`, `query-string condition (${k})`, (r) => {
      const i = firstIndex(r.match.query, (q) => q.kind === k && !q.caseSensitive);
      return i < 0 ? undefined : valuePath(r, 'query', i);
    }),
  ),
  condition('rule.match.method', 'HTTP method condition', (r) => (r.match.methods.length ? `${r.path}.match.methods` : undefined)),
  condition('rule.match.source', 'client source address condition', (r) => (r.match.sourceCidrs.length ? `${r.path}.match.sourceCidrs` : undefined)),
  // Actions
  action('action.forward', 'forward to one pool', (a) => a.type === 'forward'),
  action('action.weighted-forward', 'weighted split between pools', (a) => a.type === 'weighted-forward'),
  action(
    'action.weighted-forward.stickiness',
    'group stickiness on a weighted split',
    (a) => a.type === 'weighted-forward' && a.stickinessSeconds !== undefined,
  ),
  action('action.redirect', 'redirect', (a) => a.type === 'redirect'),
  ...REDIRECT_STATUS_CODES.map((code) => ({
    id: `action.redirect.status-${code}`,
    description: `redirect with status ${code}`,
    detect: (s: ModelScope) =>
      [
        ...s.frontends.flatMap((f) => [
          ...f.rules.filter((r) => r.action.type === 'redirect' && r.action.statusCode === code).map((r) => at(`${r.path}.action.redirect.statusCode`)),
          ...(f.defaultAction?.type === 'redirect' && f.defaultAction.statusCode === code ? [at(`${f.path}.defaultAction.redirect.statusCode`)] : []),
          ...(f.redirectHttpToHttps?.statusCode === code ? [at(`${f.path}.redirectHttpToHttps`)] : []),
        ]),
      ].filter((u, i, all) => all.findIndex((o) => o.path === u.path) === i),
  })),
  action('action.fixed-response', 'fixed response', (a) => a.type === 'fixed-response'),
  // Pools
  ...POOL_PROTOCOLS.map((p) => pool(`pool.protocol.${p}`, `${p} to members`, (x) => (x.protocol === p ? `${x.path}.protocol` : undefined))),
  ...ALGORITHMS.map((a) => pool(`pool.algorithm.${a}`, `${a} algorithm`, (x) => (x.algorithm === a ? `${x.path}.algorithm` : undefined))),
  pool('pool.health.tcp', 'TCP health probe', (x) => (x.healthCheck.protocol === 'tcp' ? `${x.path}.healthCheck` : undefined)),
  pool('pool.health.http', 'HTTP health probe', (x) => (x.healthCheck.protocol === 'http' ? `${x.path}.healthCheck` : undefined)),
  pool('pool.health.https', 'HTTPS health probe', (x) => (x.healthCheck.protocol === 'https' ? `${x.path}.healthCheck` : undefined)),
  pool('pool.health.success-codes', 'probe success codes other than 200', (x) =>
    x.healthCheck.successCodes !== undefined && x.healthCheck.successCodes !== '200' ? `${x.path}.healthCheck.successCodes` : undefined,
  ),
  pool('pool.health.healthy-threshold', 'a healthy threshold above 1', (x) =>
    x.healthCheck.healthyThreshold > 1 ? `${x.path}.healthCheck.healthyThreshold` : undefined,
  ),
  pool('pool.health.asymmetric-thresholds', 'different healthy and unhealthy thresholds', (x) =>
    x.healthCheck.healthyThreshold !== x.healthCheck.unhealthyThreshold ? `${x.path}.healthCheck` : undefined,
  ),
  pool('pool.passive-health', 'passive health checks (outlier ejection)', (x) => (x.passiveHealthCheck ? `${x.path}.passiveHealthCheck` : undefined)),
  // A session cookie is its own row (pool.persistence.session-cookie): its lifetime is what targets differ on.
  pool('pool.persistence.lb-cookie', 'session persistence by a load-balancer cookie', (x) =>
    x.sessionPersistence?.type === 'lb-cookie' && !x.sessionPersistence.sessionCookie ? `${x.path}.sessionPersistence` : undefined,
  ),
  pool('pool.persistence.app-cookie', 'session persistence by an application cookie', (x) =>
    x.sessionPersistence?.type === 'app-cookie' ? `${x.path}.sessionPersistence` : undefined,
  ),
  pool('pool.persistence.source-ip', 'session persistence by client address', (x) =>
    x.sessionPersistence?.type === 'source-ip' ? `${x.path}.sessionPersistence` : undefined,
  ),
  pool('pool.draining', 'connection draining', (x) => (x.drainingSeconds > 0 ? `${x.path}.drainingSeconds` : undefined)),
  pool('pool.slow-start', 'slow start', (x) => (x.slowStartSeconds > 0 ? `${x.path}.slowStartSeconds` : undefined)),
  pool('pool.retry-budget', 'retry budget per pool (a share of its attempts over a window, with a floor)', (x) =>
    x.retryBudget ? `${x.path}.retryBudget` : undefined,
  ),
  pool('pool.fail-open', 'fail open when every member is unhealthy', (x) => (x.whenAllUnhealthy === 'fail-open' ? `${x.path}.whenAllUnhealthy` : undefined)),
  pool('pool.fail-closed', 'fail closed (503) when every member is unhealthy', (x) =>
    x.whenAllUnhealthy === 'fail-closed' ? `${x.path}.whenAllUnhealthy` : undefined,
  ),
  // Rate limits
  rateLimit('rate-limit.client-ip', 'rate limit per client address', (r) => (r.key.type === 'client-ip' ? r.path : undefined)),
  rateLimit('rate-limit.header', 'rate limit per header value', (r) => (r.key.type === 'header' ? `${r.path}.key` : undefined)),
  rateLimit('rate-limit.rule-scope', 'rate limit scoped to rules', (r) => (r.rules ? `${r.path}.scope` : undefined)),
  {
    id: 'rate-limit.frontend-subset',
    description: 'rate limit on some, not all, of the L7 frontends a target serves',
    detect: (s) => {
      const l7 = s.frontends.filter((f) => f.layer === 'l7').map((f) => f.name);
      return s.rateLimits.filter((r) => l7.some((f) => !r.frontends.includes(f))).map((r) => at(`${r.path}.scope`));
    },
  },
  rateLimit('rate-limit.custom-status', 'rate-limit response status other than 429', (r) =>
    r.responseStatus !== 429 ? `${r.path}.responseStatus` : undefined,
  ),
  // Gateway-API-grade L7 (issue 16)
  condition('rule.match.header.case-sensitive', 'header value compared with exact case', (r) => {
    const i = firstIndex(r.match.headers, exactCase);
    return i < 0 ? undefined : valuePath(r, 'headers', i);
  }),
  condition('rule.match.query.case-sensitive', 'query parameter name and value compared with exact case', (r) => {
    const i = firstIndex(r.match.query, (q) => q.caseSensitive === true);
    return i < 0 ? undefined : valuePath(r, 'query', i);
  }),
  condition('rule.match.path.case-insensitive', 'exact or prefix path condition ignoring case (caseSensitive: false)', (r) => {
    const i = firstIndex(r.match.paths, (p) => p.kind !== 'regex' && p.ignoreCase === true);
    return i < 0 ? undefined : valuePath(r, 'paths', i);
  }),
  condition('rule.filter.request-headers', 'request headers set, added or removed before forwarding', (r) =>
    r.filters?.requestHeaders ? `${r.path}.requestHeaders` : undefined,
  ),
  condition('rule.filter.response-headers', 'response headers set, added or removed before answering', (r) =>
    r.filters?.responseHeaders ? `${r.path}.responseHeaders` : undefined,
  ),
  condition('rule.filter.rewrite-host', 'Host rewritten before forwarding', (r) =>
    r.filters?.rewrite?.host !== undefined ? `${r.path}.rewrite.host` : undefined,
  ),
  condition('rule.filter.rewrite-path-full', 'full path rewritten before forwarding', (r) =>
    r.filters?.rewrite?.path?.kind === 'full' ? `${r.path}.rewrite.path` : undefined,
  ),
  condition('rule.filter.rewrite-path-prefix', 'matched path prefix replaced before forwarding', (r) =>
    r.filters?.rewrite?.path?.kind === 'prefix' ? `${r.path}.rewrite.path` : undefined,
  ),
  pool('pool.persistence.session-cookie', 'session persistence by a load-balancer session cookie (no Max-Age)', (x) =>
    x.sessionPersistence?.type === 'lb-cookie' && x.sessionPersistence.sessionCookie ? `${x.path}.sessionPersistence.sessionCookie` : undefined,
  ),
  condition('rule.timeout.request', 'request timeout per rule', (r) =>
    r.filters?.requestTimeoutSeconds !== undefined ? `${r.path}.timeouts.requestSeconds` : undefined,
  ),
  condition('rule.timeout.backend', 'backend (per-attempt) timeout per rule', (r) =>
    r.filters?.backendTimeoutSeconds !== undefined ? `${r.path}.timeouts.backendSeconds` : undefined,
  ),
  condition('rule.retry', 'retry policy per rule (attempts, methods; connection failures, resets, backend timeouts)', (r) =>
    r.filters?.retry ? `${r.path}.retry` : undefined,
  ),
  condition('rule.retry.statuses', 'retries on listed response statuses', (r) => (r.filters?.retry?.statuses.length ? `${r.path}.retry.statuses` : undefined)),
  condition('action.redirect.path-prefix', 'redirect that replaces the matched path prefix', (r) =>
    r.action.type === 'redirect' && r.action.pathPrefix !== undefined ? `${r.path}.action.redirect.pathPrefix` : undefined,
  ),
  // HTTP/2 and gRPC (pool.protocol.grpc and pool.protocol.grpcs come with the pool protocols above)
  frontend('frontend.http2.alpn', 'HTTP/2 to clients on https (ALPN h2, falling back to HTTP/1.1)', (f) =>
    f.http2 === true && f.protocol === 'https' ? `${f.path}.http2` : undefined,
  ),
  frontend('frontend.http2.cleartext', 'HTTP/2 to clients on http by prior knowledge (h2c)', (f) =>
    f.http2 === true && f.protocol === 'http' ? `${f.path}.http2` : undefined,
  ),
  frontend('frontend.http2.off', 'HTTP/2 to clients turned off on https (HTTP/1.1 only)', (f) =>
    f.http2 === false && f.protocol === 'https' ? `${f.path}.http2` : undefined,
  ),
  // Listeners with host names (issue 16, item 1): several frontends on one port, bound by SNI then Host.
  frontend('frontend.hostnames', 'frontends with host names (several on one port, bound by SNI then Host; 421 on a mismatch)', (f) =>
    f.hostnames?.length ? `${f.path}.hostnames` : undefined,
  ),
  pool('pool.http2', 'HTTP/2 to members of an http or https pool', (x) =>
    x.http2 && (x.protocol === 'http' || x.protocol === 'https') ? `${x.path}.http2` : undefined,
  ),
  pool('pool.health.grpc', 'gRPC health probe (grpc.health.v1.Health/Check)', (x) => (x.healthCheck.protocol === 'grpc' ? `${x.path}.healthCheck` : undefined)),
  pool('pool.health.grpc-service', 'gRPC health probe naming a service', (x) => (x.healthCheck.grpcService ? `${x.path}.healthCheck.grpcService` : undefined)),
  pool('pool.health.grpc-status-codes', 'gRPC health probe accepting status codes other than 0 (OK)', (x) =>
    x.healthCheck.grpcStatusCodes !== undefined && x.healthCheck.grpcStatusCodes !== '0' ? `${x.path}.healthCheck.grpcStatusCodes` : undefined,
  ),
  condition('rule.match.grpc', 'gRPC service and method condition (a path condition underneath)', (r) => (r.match.grpc ? `${r.path}.match.grpc` : undefined)),
  {
    id: 'action.fixed-response.grpc-status',
    description: 'fixed response with a gRPC status for gRPC clients',
    detect: (s: ModelScope) =>
      s.frontends
        .flatMap((f) => [
          ...f.rules
            .filter((r) => r.action.type === 'fixed-response' && r.action.grpcStatus !== undefined)
            .map((r) => at(`${r.path}.action.fixedResponse.grpcStatus`)),
          ...(f.defaultAction?.type === 'fixed-response' && f.defaultAction.grpcStatus !== undefined
            ? [at(`${f.path}.defaultAction.fixedResponse.grpcStatus`)]
            : []),
        ])
        .filter((u, i, all) => all.findIndex((o) => o.path === u.path) === i),
  },
  // Operations: alarms and protection (operations-features.ts)
  ...OPERATIONS_FEATURES,
];

export type FeatureId = string;
export const FEATURE_IDS: ReadonlySet<string> = new Set(FEATURES.map((f) => f.id));
