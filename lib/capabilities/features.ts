/**
 * The rows of the capability table: every feature a spec can use, and how to find its uses in a model.
 * A detector returns the spec paths where the feature is used, within the part of the model a target
 * compiles (its scope).
 */
import type { FrontendModel, LoadBalancerModel, PoolModel, RateLimitModel, RuleModel } from '../model/types';
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

const lb = (id: string, description: string, used: (m: LoadBalancerModel) => string | undefined): FeatureDef => ({
  id, description, detect: (s) => { const p = used(s.model); return p ? [at(p)] : []; },
});
const frontend = (id: string, description: string, used: (f: FrontendModel) => string | undefined): FeatureDef => ({
  id, description, detect: (s) => s.frontends.flatMap((f) => { const p = used(f); return p ? [at(p)] : []; }),
});
const pool = (id: string, description: string, used: (p: PoolModel) => string | undefined): FeatureDef => ({
  id, description, detect: (s) => s.pools.flatMap((p) => { const u = used(p); return u ? [at(u)] : []; }),
});
/** A rule-level condition; the path names the first offending value. */
const condition = (id: string, description: string, used: (r: RuleModel) => string | undefined): FeatureDef => ({
  id, description, detect: (s) => dedupe(rulesOf(s).flatMap(({ r }) => { const p = used(r); return p ? [at(p)] : []; })),
});
/** An action kind, in rules and default actions. */
const action = (id: string, description: string, used: (a: NonNullable<FrontendModel['defaultAction']>) => boolean): FeatureDef => ({
  id,
  description,
  detect: (s) => s.frontends.flatMap((f) => [
    ...f.rules.filter((r) => used(r.action)).map((r) => at(`${r.path}.action`)),
    ...(f.defaultAction && used(f.defaultAction) ? [at(`${f.path}.defaultAction`)] : []),
  ]).filter((u, i, all) => all.findIndex((o) => o.path === u.path) === i),
});
const firstIndex = <T>(items: readonly T[], pred: (t: T) => boolean): number => items.findIndex(pred);
const valuePath = (r: RuleModel, field: string, index: number) => `${r.path}.match.${field}[${index}]`;
const rateLimit = (id: string, description: string, used: (r: RateLimitModel) => string | undefined): FeatureDef => ({
  id, description, detect: (s) => s.rateLimits.flatMap((r) => { const p = used(r); return p ? [at(p)] : []; }),
});


export const FEATURES: readonly FeatureDef[] = [
  // Load balancer
  lb('lb.scheme.internal', 'internal (private) load balancer', (m) => (m.scheme === 'internal' ? 'scheme' : undefined)),
  lb('lb.ip.dualstack', 'IPv4 and IPv6 frontends', (m) => (m.ipAddressType === 'dualstack' ? 'ipAddressType' : undefined)),
  lb('lb.deletion-protection', 'deletion protection', (m) => (m.deletionProtection ? 'deletionProtection' : undefined)),
  lb('lb.access-logs', 'access logs', (m) => (m.accessLogs ? 'accessLogs' : undefined)),
  // Frontends
  ...FRONTEND_PROTOCOLS.map((p) => frontend(`frontend.protocol.${p}`, `${p} frontend`, (f) => (f.protocol === p ? `${f.path}.protocol` : undefined))),
  frontend('frontend.tls.minimum-1.3', 'TLS 1.3 as minimum version', (f) => (f.tls?.minimumVersion === '1.3' ? `${f.path}.tls.minimumVersion` : undefined)),
  frontend('frontend.tls.sni-certificates', 'additional certificates chosen by SNI', (f) => (f.tls?.additionalCertificates.length ? `${f.path}.tls.additionalCertificates` : undefined)),
  frontend('frontend.tls.mtls-verify', 'mutual TLS, verifying client certificates', (f) => (f.tls?.clientCertificateTrust?.mode === 'verify' ? `${f.path}.tls.clientCertificateTrust` : undefined)),
  frontend('frontend.tls.mtls-passthrough', 'mutual TLS, passing client certificates through', (f) => (f.tls?.clientCertificateTrust?.mode === 'passthrough' ? `${f.path}.tls.clientCertificateTrust` : undefined)),
  frontend('frontend.redirect-http-to-https', 'HTTP to HTTPS redirect', (f) => (f.redirectHttpToHttps ? `${f.path}.redirectHttpToHttps` : undefined)),
  frontend('frontend.idle-timeout', 'client idle timeout other than the 60 s default', (f) => (f.idleTimeoutSeconds !== DEFAULTS.idleTimeoutSeconds ? `${f.path}.idleTimeoutSeconds` : undefined)),
  frontend('frontend.allowed-source-cidrs', 'restricting which clients may connect', (f) => (f.allowedSourceCidrs.length ? `${f.path}.allowedSourceCidrs` : undefined)),
  frontend('frontend.rule-order.most-specific', 'most-specific rule order (compiled to first-match by the model)', (f) => (f.ruleOrder === 'most-specific' ? `${f.path}.ruleOrder` : undefined)),
  // Conditions
  condition('rule.match.host.exact', 'exact host condition', (r) => { const i = firstIndex(r.match.hosts, (h) => h.kind === 'exact'); return i < 0 ? undefined : valuePath(r, 'hosts', i); }),
  condition('rule.match.host.wildcard', "wildcard host condition ('*.example.com')", (r) => { const i = firstIndex(r.match.hosts, (h) => h.kind === 'wildcard'); return i < 0 ? undefined : valuePath(r, 'hosts', i); }),
  condition('rule.match.path.exact', 'exact path condition', (r) => { const i = firstIndex(r.match.paths, (p) => p.kind === 'exact'); return i < 0 ? undefined : valuePath(r, 'paths', i); }),
  condition('rule.match.path.prefix', 'path prefix condition (whole segments)', (r) => { const i = firstIndex(r.match.paths, (p) => p.kind === 'prefix'); return i < 0 ? undefined : valuePath(r, 'paths', i); }),
  condition('rule.match.path.regex', 'path regex condition', (r) => { const i = firstIndex(r.match.paths, (p) => p.kind === 'regex'); return i < 0 ? undefined : valuePath(r, 'paths', i); }),
  ...(['exact', 'prefix', 'regex', 'present'] as const).map((k) => condition(`rule.match.header.${k}`, `header condition (${k})`, (r) => { const i = firstIndex(r.match.headers, (h) => h.kind === k); return i < 0 ? undefined : valuePath(r, 'headers', i); })),
  ...(['exact', 'present'] as const).map((k) => condition(`rule.match.query.${k}`, `query-string condition (${k})`, (r) => { const i = firstIndex(r.match.query, (q) => q.kind === k); return i < 0 ? undefined : valuePath(r, 'query', i); })),
  condition('rule.match.method', 'HTTP method condition', (r) => (r.match.methods.length ? `${r.path}.match.methods` : undefined)),
  condition('rule.match.source', 'client source address condition', (r) => (r.match.sourceCidrs.length ? `${r.path}.match.sourceCidrs` : undefined)),
  // Actions
  action('action.forward', 'forward to one pool', (a) => a.type === 'forward'),
  action('action.weighted-forward', 'weighted split between pools', (a) => a.type === 'weighted-forward'),
  action('action.weighted-forward.stickiness', 'group stickiness on a weighted split', (a) => a.type === 'weighted-forward' && a.stickinessSeconds !== undefined),
  action('action.redirect', 'redirect', (a) => a.type === 'redirect'),
  ...REDIRECT_STATUS_CODES.map((code) => ({
    id: `action.redirect.status-${code}`,
    description: `redirect with status ${code}`,
    detect: (s: ModelScope) => [
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
  pool('pool.health.success-codes', 'probe success codes other than 200', (x) => (x.healthCheck.successCodes !== undefined && x.healthCheck.successCodes !== '200' ? `${x.path}.healthCheck.successCodes` : undefined)),
  pool('pool.health.healthy-threshold', 'a healthy threshold above 1', (x) => (x.healthCheck.healthyThreshold > 1 ? `${x.path}.healthCheck.healthyThreshold` : undefined)),
  pool('pool.health.asymmetric-thresholds', 'different healthy and unhealthy thresholds', (x) => (x.healthCheck.healthyThreshold !== x.healthCheck.unhealthyThreshold ? `${x.path}.healthCheck` : undefined)),
  pool('pool.passive-health', 'passive health checks (outlier ejection)', (x) => (x.passiveHealthCheck ? `${x.path}.passiveHealthCheck` : undefined)),
  pool('pool.persistence.lb-cookie', 'session persistence by a load-balancer cookie', (x) => (x.sessionPersistence?.type === 'lb-cookie' ? `${x.path}.sessionPersistence` : undefined)),
  pool('pool.persistence.app-cookie', 'session persistence by an application cookie', (x) => (x.sessionPersistence?.type === 'app-cookie' ? `${x.path}.sessionPersistence` : undefined)),
  pool('pool.persistence.source-ip', 'session persistence by client address', (x) => (x.sessionPersistence?.type === 'source-ip' ? `${x.path}.sessionPersistence` : undefined)),
  pool('pool.draining', 'connection draining', (x) => (x.drainingSeconds > 0 ? `${x.path}.drainingSeconds` : undefined)),
  pool('pool.slow-start', 'slow start', (x) => (x.slowStartSeconds > 0 ? `${x.path}.slowStartSeconds` : undefined)),
  pool('pool.fail-open', 'fail open when every member is unhealthy', (x) => (x.whenAllUnhealthy === 'fail-open' ? `${x.path}.whenAllUnhealthy` : undefined)),
  pool('pool.fail-closed', 'fail closed (503) when every member is unhealthy', (x) => (x.whenAllUnhealthy === 'fail-closed' ? `${x.path}.whenAllUnhealthy` : undefined)),
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
  rateLimit('rate-limit.custom-status', 'rate-limit response status other than 429', (r) => (r.responseStatus !== 429 ? `${r.path}.responseStatus` : undefined)),
  // Operations: alarms and protection (operations-features.ts)
  ...OPERATIONS_FEATURES,
];

export type FeatureId = string;
export const FEATURE_IDS: ReadonlySet<string> = new Set(FEATURES.map((f) => f.id));
