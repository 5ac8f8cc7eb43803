/**
 * GCP columns: Application Load Balancers (global external, regional external/internal; never classic) and
 * Network Load Balancers (passthrough, proxy), as @pulumi/gcp 9.37 exposes them.
 * Sources: ../shared/reference/cloud-matrix.md; the @pulumi/gcp 9.37 .d.ts (BackendService, RegionBackendService
 * connectionTrackingPolicy, SecurityPolicy rateLimitOptions); https://cloud.google.com/armor/docs/rate-limiting-overview
 * (thresholds count per backend service; throttle count 1-1,000,000; intervalSec 10 ... 3600);
 * https://cloud.google.com/load-balancing/docs/firewall-rules (health-check ranges).
 */
import { cite, compact, native, nearest, notOneOf, outside, unsupported, type RangeViolation, type Support, type TargetColumn } from '../../lib/capabilities/support';
import { pending } from '../../lib/capabilities/pending';
import type { ModelScope } from '../../lib/capabilities/features';
import { defaultPort, redirectDestination } from '../../lib/model/derived';
import type { ActionModel, FrontendModel } from '../../lib/model/types';
import { l4HttpCells, l7TransportCells } from '../../lib/capabilities/layer-cells';
import { re2Ranges } from '../../lib/capabilities/regexes';

/**
 * URL-map regexMatch (route-rule paths and headerMatches) and Cloud Armor's CEL matches() are RE2
 * (https://cloud.google.com/load-balancing/docs/re2-support: no lookaround, backreferences, atomic groups, \C \G \X,
 * conditionals, comments or pattern references), with RE2's limit of 1000 on counted repetition
 * (https://github.com/google/re2/wiki/Syntax), so 'a{1000000000}' is refused here. No length limit is documented for
 * regexMatch (compute v1 HttpRouteRuleMatch gives 1-1024 characters for fullPathMatch and prefixMatch only); the
 * spec's 128 characters stay below those. The re2-support page also lists an allowlist ('Groups are only allowed
 * without repetitions', ...) whose items this check does not model: their sub-lists are not in the published text.
 */
const gcpRegexRanges = (scope: ModelScope): RangeViolation[] => re2Ranges(scope, 'GCP URL maps and Cloud Armor');

/** Cloud Armor rateLimitThreshold.intervalSec accepts only these. */
const ARMOR_INTERVALS = [10, 30, 60, 120, 180, 240, 300, 600, 900, 1200, 1800, 2700, 3600];
const ARMOR_STATUSES = [403, 404, 429, 502];
const MAX_PROXY_CERTIFICATES = 15;

/**
 * Cells every GCP target shares: health checks, backend services and deletion policy are the same resources
 * behind an Application and a Network Load Balancer.
 */
const BACKEND_SERVICE_CELLS: Record<string, Support> = {
  'lb.deletion-protection': nearest('deletionPolicy PREVENT: enforced by Pulumi, not by GCP'),
  'pool.health.tcp': native('tcpHealthCheck'),
  'pool.health.http': native('httpHealthCheck'),
  'pool.health.https': native('httpsHealthCheck'),
  'pool.health.success-codes': unsupported('successCodes 200: GCP HTTP health checks accept only 200'),
  'pool.health.healthy-threshold': native(),
  'pool.health.asymmetric-thresholds': native(),
  'pool.draining': native('connectionDrainingTimeoutSec'),
  'pool.slow-start': unsupported('none: GCP backend services have no slow start'),
  'pool.fail-open': native('GCP sends to all backends when none is healthy'),
  'pool.fail-closed': unsupported('fail-open: GCP load balancers fail open'),
};

// Operations (issue 19): Cloud Monitoring alert policies, Cloud Armor. Sources checked 2026-12-02.
const CHECKED = '2026-12-02';
const LB_METRICS = cite('https://cloud.google.com/load-balancing/docs/metrics', CHECKED);
const ALERT_RATIO = cite('https://cloud.google.com/monitoring/api/ref_v3/rest/v3/projects.alertPolicies#MetricThreshold', CHECKED);
const ARMOR_WAF = cite('https://cloud.google.com/armor/docs/waf-rules', CHECKED);
const ARMOR_RULES = cite('https://cloud.google.com/armor/docs/rules-language-reference', CHECKED);
const ARMOR_ADAPTIVE = cite('https://cloud.google.com/armor/docs/adaptive-protection-overview', CHECKED);
const ARMOR_NETWORK = cite('https://cloud.google.com/armor/docs/advanced-network-ddos', CHECKED);

const albSupport = (regional: boolean): Record<string, Support> => ({
  ...BACKEND_SERVICE_CELLS,
  ...l7TransportCells(regional ? 'gcp-nlb-passthrough or gcp-nlb-proxy' : 'gcp-nlb-proxy'),
  'lb.scheme.internal': regional ? native('INTERNAL_MANAGED with Region* resources and the proxy-only subnet') : unsupported('gcp-alb-regional (INTERNAL_MANAGED)'),
  'lb.ip.dualstack': native('one forwarding rule per IP version on the same target proxy'),
  'lb.access-logs': native('backend service logConfig to Cloud Logging (accessLogs.prefix has no GCP counterpart)'),
  'frontend.protocol.http': native('target HTTP proxy'),
  'frontend.protocol.https': native('target HTTPS proxy'),
  'frontend.tls.minimum-1.3': native('SSL policy RESTRICTED, minTlsVersion TLS_1_3'),
  'frontend.tls.sni-certificates': native('several certificates on the target HTTPS proxy'),
  'frontend.tls.mtls-verify': regional ? unsupported('mTLS in the members (regional mTLS is not confirmed in @pulumi/gcp 9.37)') : native('server TLS policy, REJECT_INVALID'),
  'frontend.tls.mtls-passthrough': regional ? unsupported('mTLS in the members') : nearest('server TLS policy ALLOW_INVALID_OR_MISSING_CLIENT_CERT: the members do not receive the certificate itself'),
  'frontend.redirect-http-to-https': native('URL map defaultUrlRedirect httpsRedirect on a second HTTP proxy on the same address'),
  'frontend.idle-timeout': native('target proxy httpKeepAliveTimeoutSec'),
  'frontend.allowed-source-cidrs': nearest('a Cloud Armor rule on the backend services that denies other sources with 403 (redirects answered by the URL map are not filtered)'),
  'frontend.rule-order.most-specific': native("route rule priorities in the model's order"),
  'rule.match.host.exact': native('host rule'),
  'rule.match.host.wildcard': native('host rule *.domain'),
  'rule.match.path.exact': native('route rule fullPathMatch'),
  'rule.match.path.prefix': native("route rule fullPathMatch '/p' or prefixMatch '/p/'"),
  'rule.match.path.regex': native('route rule regexMatch (RE2)'),
  'rule.match.header.exact': native('headerMatches regexMatch (?i) (case-insensitive, as lbkit)'),
  'rule.match.header.prefix': native('headerMatches regexMatch (?i)'),
  'rule.match.header.regex': native('headerMatches regexMatch'),
  'rule.match.header.present': native('headerMatches presentMatch'),
  'rule.match.query.exact': nearest('queryParameterMatches: GCP compares parameter names case-sensitively (values via (?i) regex)'),
  'rule.match.query.present': nearest('queryParameterMatches presentMatch: GCP compares parameter names case-sensitively'),
  'rule.match.method': unsupported('a path or header condition (URL maps do not route on the method)'),
  'rule.match.source': unsupported('Cloud Armor can allow or deny a source, not route it'),
  'action.forward': native('backend service'),
  'action.weighted-forward': native('weightedBackendServices'),
  'action.weighted-forward.stickiness': unsupported('weighted-forward without stickiness: GCP has no group stickiness'),
  'action.redirect': native('urlRedirect'),
  'action.redirect.status-301': native('MOVED_PERMANENTLY_DEFAULT'),
  'action.redirect.status-302': native('FOUND'),
  'action.redirect.status-303': native('SEE_OTHER'),
  'action.redirect.status-307': native('TEMPORARY_REDIRECT'),
  'action.redirect.status-308': native('PERMANENT_REDIRECT'),
  'action.fixed-response': unsupported('a fault-injection abort (status only, no body) or a redirect'),
  'pool.protocol.http': native(),
  'pool.protocol.https': native(),
  // localityLbPolicy on EXTERNAL_MANAGED: the 9.37 docstring lists only INTERNAL_MANAGED, INTERNAL_SELF_MANAGED
  // and EXTERNAL passthrough, but public configurations exported from GCP carry EXTERNAL_MANAGED backend services
  // with ROUND_ROBIN, RANDOM and RING_HASH (so GCP accepts them). No GCP page confirming it was at hand.
  'pool.algorithm.round-robin': native('localityLbPolicy ROUND_ROBIN'),
  'pool.algorithm.weighted-round-robin': nearest('ROUND_ROBIN: endpoints carry no static weights'),
  'pool.algorithm.least-connections': nearest('LEAST_REQUEST: the less loaded of two random members'),
  'pool.algorithm.ip-hash': native('RING_HASH with sessionAffinity CLIENT_IP (consistent hashing)'),
  'pool.algorithm.least-response-time': nearest('LEAST_REQUEST: in-flight requests, without a latency term'),
  'pool.algorithm.random': native('localityLbPolicy RANDOM'),
  'pool.passive-health': nearest('outlierDetection consecutiveErrors, baseEjectionTime, maxEjectionPercent: GCP multiplies the ejection time by the number of times a member was ejected'),
  'pool.persistence.lb-cookie': native('sessionAffinity GENERATED_COOKIE with affinityCookieTtlSec (RING_HASH; a new session lands on the member its new cookie hashes to)'),
  'pool.persistence.app-cookie': nearest('sessionAffinity HTTP_COOKIE: the load balancer hashes the named cookie (RING_HASH)'),
  'pool.persistence.source-ip': native('sessionAffinity CLIENT_IP (RING_HASH)'),
  'rate-limit.client-ip': nearest('a Cloud Armor throttle rule keyed on IP, counted per backend service: a scope reaching N pools allows up to N x limit, and URL-map redirects are not counted'),
  'rate-limit.header': nearest('a Cloud Armor throttle rule keyed on HTTP_HEADER, counted per backend service (a scope reaching N pools allows up to N x limit); requests without the header share one count'),
  'rate-limit.rule-scope': nearest("a Cloud Armor CEL expression of the rules' conditions: it also counts requests an earlier rule takes"),
  'rate-limit.custom-status': native('exceedAction deny(403|404|429|502)'),
  'rate-limit.frontend-subset': native('the policy is attached to the backend services the scoped frontends reach (see rate-limit.client-ip for what else counts there)'),
  // Operations (issue 19): alarms and protection
  'alarm.5xx-count': pending(`an alert policy on loadbalancing.googleapis.com/${regional ? 'https/external/regional/' : 'https/'}request_count filtered on response_code_class 500 (ALIGN_DELTA)`, LB_METRICS),
  'alarm.5xx-ratio': pending('an alert policy threshold condition with denominatorFilter: request_count of class 500 over all request_count', ALERT_RATIO),
  'alarm.latency': pending(`an alert policy on loadbalancing.googleapis.com/${regional ? 'https/external/regional/' : 'https/'}total_latencies with ALIGN_PERCENTILE_99`, LB_METRICS),
  'alarm.unhealthy-members': unsupported('an alert on backend_request_count of the pool falling, or an uptime check per member: Cloud Monitoring has no healthy-backend metric for application load balancers', LB_METRICS),
  'alarm.healthy-members': unsupported('an alert on backend_request_count of the pool falling to 0 (no healthy-backend metric)', LB_METRICS),
  'alarm.rejected-connections': unsupported('alarm.5xx-count: the proxies publish no rejected-connection count', LB_METRICS),
  'alarm.rate-limited': pending('an alert policy on request_count filtered on the Cloud Armor outcome (statusDetails denied_by_security_policy / response_code 429)', LB_METRICS),
  'protection.managed-rules': pending("Cloud Armor preconfigured WAF rules evaluatePreconfiguredWaf('sqli-v33-stable', 'xss-v33-stable', 'lfi-v33-stable', 'rce-v33-stable') at sensitivity 1 (baseline) or 2 (strict); detect = preview", ARMOR_WAF),
  'protection.ip-allow': pending('a Cloud Armor rule srcIpRanges allow, default rule deny(403)', ARMOR_RULES),
  'protection.ip-deny': pending('a Cloud Armor rule srcIpRanges deny(403)', ARMOR_RULES),
  'protection.geo': pending("a Cloud Armor rule with the CEL expression origin.region_code == 'XX', deny(403)", ARMOR_RULES),
  'protection.ddos-advanced': regional
    ? unsupported('gcp-alb-global: Adaptive Protection is documented for global backend security policies', ARMOR_ADAPTIVE)
    : pending('Cloud Armor Adaptive Protection (adaptiveProtectionConfig.layer7DdosDefenseConfig.enable)', ARMOR_ADAPTIVE),
});

/** GCP labels: lower-case keys starting with a letter, values of lower-case letters, digits, '_' and '-'; 63 characters at most. */
function labelRanges(scope: ModelScope): RangeViolation[] {
  return Object.entries(scope.model.tags).flatMap(([key, value]) => {
    if (/^[a-z][a-z0-9_-]{0,62}$/.test(key) && /^[a-z0-9_-]{0,63}$/.test(value)) return [];
    return [{
      path: `tags.${key}`,
      accepted: 'tags as GCP labels: keys [a-z][a-z0-9_-]{0,62}, values [a-z0-9_-]{0,63}',
      message: `tag '${key}: ${value}' is not a valid GCP label`,
    }];
  });
}

function certificateRanges(scope: ModelScope): RangeViolation[] {
  return scope.frontends.flatMap((f) => compact([
    f.tls ? outside(`${f.path}.tls.additionalCertificates`, 'certificates per frontend', 1 + f.tls.additionalCertificates.length, 1, MAX_PROXY_CERTIFICATES) : undefined,
  ]));
}

const violation = (path: string, accepted: string, message: string): RangeViolation => ({ path, accepted, message });

/** URL-map redirects keep the request's port and query, or strip the query; https only from an http frontend. */
function redirectRanges(f: FrontendModel, a: ActionModel, path: string): RangeViolation[] {
  if (a.type === 'redirect') {
    // GCP redirects cannot set a port: they go where a redirect without one goes (SEMANTICS.md, redirects).
    const keptPort = redirectDestination(f, { ...a, port: undefined }).port;
    return compact([
      f.protocol === 'https' && a.scheme === 'http'
        ? violation(`${path}.redirect.scheme`, 'redirect scheme https or unchanged', 'a URL map behind an HTTPS proxy cannot redirect to http') : undefined,
      a.port !== undefined && a.port !== keptPort
        ? violation(`${path}.redirect.port`, `redirect port ${keptPort} (GCP redirects cannot set a port)`, `redirect port ${a.port} cannot be expressed`) : undefined,
      a.query !== undefined && a.query !== ''
        ? violation(`${path}.redirect.query`, "redirect query unchanged or '' (GCP can only keep or strip the query)", `redirect query '${a.query}' cannot be expressed`) : undefined,
    ]);
  }
  return [];
}

/** A frontend's Cloud Armor protection, as far as the check needs it: sources and rate limits (with their rule scope). */
function protection(scope: ModelScope, f: FrontendModel): string {
  const limits = scope.model.rateLimits.filter((r) => r.frontends.includes(f.name))
    .map((r) => (r.rules ? `${r.name}:${r.rules.filter((ref) => ref.startsWith(`${f.name}/`)).join(',')}` : r.name));
  return JSON.stringify([f.allowedSourceCidrs, limits]);
}

function albRanges(regional: boolean) {
  return (scope: ModelScope): RangeViolation[] => [
    ...scope.pools.flatMap((p) => compact([
      outside(`${p.path}.healthCheck.intervalSeconds`, 'healthCheck.intervalSeconds', p.healthCheck.intervalSeconds, 1, 300, 's'),
      p.sessionPersistence && p.sessionPersistence.type !== 'source-ip'
        ? outside(`${p.path}.sessionPersistence.durationSeconds`, 'sessionPersistence.durationSeconds', p.sessionPersistence.durationSeconds, 1, 86400, 's')
        : undefined,
    ])),
    // Cloud Armor attaches to backend services: every frontend reaching a pool must ask for the same protection.
    ...scope.pools.flatMap((p) => {
      const users = scope.frontends.filter((f) => p.usedBy.includes(f.name));
      const kinds = new Set(users.map((f) => protection(scope, f)));
      return kinds.size > 1
        ? [violation(`${p.path}`, 'one protection per pool', `pool '${p.name}' is reached by frontends ${users.map((f) => `'${f.name}'`).join(', ')} with different allowedSourceCidrs or rate limits; Cloud Armor applies per pool, so give them separate pools or the same protection`)]
        : [];
    }),
    ...scope.frontends.flatMap((f) => [
      ...compact([
        f.idleTimeoutSeconds !== 60 ? outside(`${f.path}.idleTimeoutSeconds`, 'idleTimeoutSeconds', f.idleTimeoutSeconds, 5, regional ? 600 : 1200, 's') : undefined,
        f.redirectHttpToHttps && f.redirectHttpToHttps.port !== defaultPort('https')
          ? violation(`${f.path}.redirectHttpToHttps.port`, 'redirectHttpToHttps port 443', `GCP's https redirect goes to port 443, not ${f.redirectHttpToHttps.port}`) : undefined,
      ]),
      ...f.rules.flatMap((r) => redirectRanges(f, r.action, `${r.path}.action`)),
      ...(f.defaultAction ? redirectRanges(f, f.defaultAction, `${f.path}.defaultAction`) : []),
    ]),
    ...scope.rateLimits.flatMap((r) => compact([
      notOneOf(`${r.path}.responseStatus`, 'responseStatus', r.responseStatus, ARMOR_STATUSES),
      notOneOf(`${r.path}.windowSeconds`, 'windowSeconds', r.windowSeconds, ARMOR_INTERVALS, 's'),
      outside(`${r.path}.limit`, 'limit', r.limit, 1, 1_000_000),
    ])),
    ...certificateRanges(scope),
    ...labelRanges(scope),
    ...gcpRegexRanges(scope),
  ];
}

const albRangeText = (regional: boolean) => ({
  'healthCheck.intervalSeconds': '1-300',
  'sessionPersistence.durationSeconds': '1-86400',
  idleTimeoutSeconds: regional ? '5-600 (keep-alive)' : '5-1200 (keep-alive)',
  'rateLimits.responseStatus': ARMOR_STATUSES.join(', '),
  'rateLimits.windowSeconds': ARMOR_INTERVALS.join(', '),
  'rateLimits.limit': '1-1000000',
  weights: '0-1000',
  'certificates per frontend': `1-${MAX_PROXY_CERTIFICATES}`,
  'match regexes': 'RE2 syntax, counted repetition at most 1000',
  redirects: "port and query kept (query '' strips it); https only from http frontends; redirectHttpToHttps to 443",
  tags: 'GCP labels',
});

export const GCP_ALB_GLOBAL: TargetColumn = { support: albSupport(false), ranges: albRangeText(false), checkRanges: albRanges(false) };
export const GCP_ALB_REGIONAL: TargetColumn = { support: albSupport(true), ranges: albRangeText(true), checkRanges: albRanges(true) };

const nlbSupport = (proxy: boolean): Record<string, Support> => ({
  ...BACKEND_SERVICE_CELLS,
  ...l4HttpCells('gcp-alb-global or gcp-alb-regional'),
  'lb.scheme.internal': native(proxy ? 'regional internal proxy NLB (tcp)' : 'INTERNAL passthrough'),
  'lb.ip.dualstack': native('one forwarding rule per IP version'),
  'lb.access-logs': unsupported('VPC flow logs on the members\' subnet'),
  'frontend.protocol.tcp': native(proxy ? 'target TCP proxy' : 'forwarding rule TCP'),
  'frontend.protocol.tls': proxy ? native('target SSL proxy (global external)') : unsupported('gcp-nlb-proxy (target SSL proxy)'),
  'frontend.protocol.udp': proxy ? unsupported('gcp-nlb-passthrough') : native('forwarding rule UDP'),
  'frontend.tls.minimum-1.3': proxy ? native('SSL policy RESTRICTED, TLS_1_3') : unsupported('gcp-nlb-proxy'),
  'frontend.tls.sni-certificates': proxy ? native('several certificates on the target SSL proxy') : unsupported('gcp-nlb-proxy'),
  'frontend.tls.mtls-verify': unsupported('mTLS in the members behind a tcp frontend'),
  'frontend.tls.mtls-passthrough': unsupported('a tcp frontend: TLS passes through to the members'),
  'frontend.idle-timeout': proxy ? nearest("backend service timeoutSec: the proxy's timeout for an idle connection") : native('connectionTrackingPolicy idleTimeoutSec'),
  'frontend.allowed-source-cidrs': proxy
    ? unsupported('a VPC firewall rule on the members (behind a proxy they see the proxy\'s address)')
    : native('forwarding rule sourceIpRanges (external) and a VPC firewall rule admitting only those clients'),
  'action.forward': native('backend service'),
  'action.weighted-forward': unsupported('forward to one pool: a forwarding rule reaches one backend service'),
  'pool.protocol.tcp': native(),
  'pool.protocol.tls': proxy ? native('backend service protocol SSL') : unsupported('tcp (passthrough does not originate TLS)'),
  'pool.protocol.udp': proxy ? unsupported('gcp-nlb-passthrough') : native(),
  'pool.algorithm.round-robin': nearest(proxy ? 'balancingMode spreads connections by load' : 'MAGLEV: a 5-tuple hash per connection'),
  'pool.algorithm.weighted-round-robin': unsupported('round-robin; endpoints carry no static weights'),
  'pool.algorithm.least-connections': proxy ? nearest('balancingMode CONNECTION') : unsupported('round-robin (5-tuple hash)'),
  'pool.algorithm.ip-hash': proxy ? nearest('sessionAffinity CLIENT_IP') : native('sessionAffinity CLIENT_IP (MAGLEV when external)'),
  'pool.algorithm.least-response-time': unsupported('round-robin'),
  'pool.algorithm.random': proxy ? nearest('balancingMode: connections spread by load') : native('a 5-tuple hash per connection (MAGLEV when external)'),
  'pool.passive-health': unsupported('active health checks only'),
  'pool.persistence.source-ip': native('sessionAffinity CLIENT_IP'),
  // Operations (issue 19): alarms and protection
  'alarm.5xx-count': unsupported('alarm.healthy-members: a network load balancer sees no HTTP answers', LB_METRICS),
  'alarm.5xx-ratio': unsupported('alarm.healthy-members: a network load balancer sees no HTTP answers', LB_METRICS),
  'alarm.latency': unsupported(proxy ? 'an alert on tcp_ssl_proxy/frontend_tcp_rtt (round-trip time, not response time)' : 'none: passthrough load balancers publish no latency of the members', LB_METRICS),
  'alarm.unhealthy-members': unsupported('an uptime check per member: Cloud Monitoring has no healthy-backend metric for network load balancers', LB_METRICS),
  'alarm.healthy-members': unsupported('an uptime check per member: no healthy-backend metric', LB_METRICS),
  'alarm.rejected-connections': unsupported(proxy ? 'an alert on tcp_ssl_proxy/closed_connections' : 'none: passthrough load balancers refuse no connections themselves', LB_METRICS),
  'alarm.rate-limited': unsupported('none: a network load balancer has no rate limits', LB_METRICS),
  'protection.managed-rules': unsupported('gcp-alb-global or gcp-alb-regional: preconfigured WAF rules inspect HTTP', ARMOR_WAF),
  'protection.ip-allow': unsupported(proxy ? 'a Cloud Armor backend security policy on the proxy backend service (global external proxy only)' : 'frontend.allowedSourceCidrs (forwarding rule sourceIpRanges)', ARMOR_RULES),
  'protection.ip-deny': unsupported(proxy ? 'a Cloud Armor backend security policy on the proxy backend service (global external proxy only)' : 'a network edge security policy (needs advanced network DDoS protection)', ARMOR_NETWORK),
  'protection.geo': unsupported('a Cloud Armor policy on gcp-alb-global', ARMOR_RULES),
  'protection.ddos-advanced': proxy
    ? unsupported('gcp-alb-global with Adaptive Protection', ARMOR_ADAPTIVE)
    : pending('Cloud Armor advanced network DDoS protection (regional security policy type CLOUD_ARMOR_NETWORK, ddosProtectionConfig ADVANCED)', ARMOR_NETWORK),
});

const intervalRanges = (scope: ModelScope) =>
  scope.pools.flatMap((p) => compact([outside(`${p.path}.healthCheck.intervalSeconds`, 'healthCheck.intervalSeconds', p.healthCheck.intervalSeconds, 1, 300, 's')]));

/** Passthrough keeps the destination port, so members must listen on the frontend's port. */
function passthroughRanges(scope: ModelScope): RangeViolation[] {
  const internal = scope.model.scheme === 'internal';
  return [
    ...scope.frontends.flatMap((f) => {
      const action = f.defaultAction;
      const pool = action?.type === 'forward' ? scope.pools.find((p) => p.name === action.pool) : undefined;
      return compact([
        f.idleTimeoutSeconds !== 60 ? outside(`${f.path}.idleTimeoutSeconds`, `idleTimeoutSeconds (${internal ? 'internal' : 'external'})`, f.idleTimeoutSeconds, internal ? 600 : 60, 57600, 's') : undefined,
        pool && pool.port !== f.port
          ? violation(`${pool.path}.port`, 'pool port = frontend port (passthrough does not translate ports; gcp-nlb-proxy does)', `pool '${pool.name}' listens on ${pool.port}, frontend '${f.name}' on ${f.port}`) : undefined,
        !internal ? outside(`${f.path}.allowedSourceCidrs`, 'allowedSourceCidrs (forwarding rule sourceIpRanges)', f.allowedSourceCidrs.length, 0, 64) : undefined,
      ]);
    }),
    ...intervalRanges(scope),
    ...labelRanges(scope),
  ];
}

function proxyRanges(scope: ModelScope): RangeViolation[] {
  return [
    ...(scope.model.scheme === 'internal'
      ? scope.frontends.filter((f) => f.protocol === 'tls').map((f) => violation(`${f.path}.protocol`, 'tls frontends on external load balancers (the target SSL proxy is global external)', `frontend '${f.name}': internal proxy Network Load Balancers are tcp only`))
      : []),
    ...intervalRanges(scope),
    ...certificateRanges(scope),
    ...labelRanges(scope),
  ];
}

export const GCP_NLB_PASSTHROUGH: TargetColumn = {
  support: nlbSupport(false),
  ranges: {
    idleTimeoutSeconds: '60-57600 external, 600-57600 internal (the 60 s default becomes 600 s internally)',
    'pool.port': 'the frontend port', allowedSourceCidrs: 'at most 64 (external)', 'healthCheck.intervalSeconds': '1-300', tags: 'GCP labels',
  },
  checkRanges: passthroughRanges,
};
export const GCP_NLB_PROXY: TargetColumn = {
  support: nlbSupport(true),
  ranges: { 'healthCheck.intervalSeconds': '1-300', protocol: 'tls only on external load balancers', 'certificates per frontend': `1-${MAX_PROXY_CERTIFICATES}`, tags: 'GCP labels' },
  checkRanges: proxyRanges,
};
