/**
 * GCP columns: Application Load Balancers (global external, regional external/internal; never classic) and
 * Network Load Balancers (passthrough, proxy), as @pulumi/gcp 9.37 exposes them.
 * Sources: ../shared/reference/cloud-matrix.md.
 */
import { compact, native, nearest, notOneOf, outside, unsupported, type Support, type TargetColumn } from '../support';
import type { ModelScope } from '../features';
import { l4HttpCells, l7TransportCells } from './shared';

const albSupport = (regional: boolean): Record<string, Support> => ({
  ...l7TransportCells(regional ? 'gcp-nlb-passthrough or gcp-nlb-proxy' : 'gcp-nlb-proxy'),
  'lb.scheme.internal': regional ? native('INTERNAL_MANAGED with Region* resources') : unsupported('gcp-alb-regional (INTERNAL_MANAGED)'),
  'lb.ip.dualstack': native('one forwarding rule per IP version'),
  'lb.deletion-protection': nearest('deletionPolicy PREVENT: enforced by Pulumi, not by GCP'),
  'lb.access-logs': native('backend service logConfig'),
  'frontend.protocol.http': native('target HTTP proxy'),
  'frontend.protocol.https': native('target HTTPS proxy'),
  'frontend.tls.minimum-1.3': native('SSL policy RESTRICTED, minTlsVersion TLS_1_3'),
  'frontend.tls.sni-certificates': native('several certificates on the target HTTPS proxy'),
  'frontend.tls.mtls-verify': regional ? unsupported('mTLS in the members (regional mTLS is not confirmed in @pulumi/gcp 9.37)') : native('server TLS policy, REJECT_INVALID'),
  'frontend.tls.mtls-passthrough': regional ? unsupported('mTLS in the members') : nearest('server TLS policy ALLOW_INVALID_OR_MISSING_CLIENT_CERT: certificate details reach members as headers'),
  'frontend.redirect-http-to-https': native('URL map defaultUrlRedirect httpsRedirect on a second HTTP proxy'),
  'frontend.idle-timeout': native('target proxy httpKeepAliveTimeoutSec'),
  'frontend.allowed-source-cidrs': nearest('a Cloud Armor rule that denies other sources with 403'),
  'frontend.rule-order.most-specific': native('route rule priorities in the model\'s order'),
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
  'pool.algorithm.round-robin': native('localityLbPolicy ROUND_ROBIN'),
  'pool.algorithm.weighted-round-robin': nearest('ROUND_ROBIN: endpoints carry no static weights'),
  'pool.algorithm.least-connections': nearest('LEAST_REQUEST: the less loaded of two random members'),
  'pool.algorithm.ip-hash': native('RING_HASH with sessionAffinity CLIENT_IP (consistent hashing)'),
  'pool.algorithm.least-response-time': nearest('LEAST_REQUEST: in-flight requests, without a latency term'),
  'pool.algorithm.random': native('localityLbPolicy RANDOM'),
  'pool.health.tcp': native('tcpHealthCheck'),
  'pool.health.http': native('httpHealthCheck'),
  'pool.health.https': native('httpsHealthCheck'),
  'pool.health.success-codes': unsupported('successCodes 200: GCP HTTP health checks accept only 200'),
  'pool.health.healthy-threshold': native(),
  'pool.health.asymmetric-thresholds': native(),
  'pool.passive-health': native('outlierDetection consecutiveErrors, baseEjectionTime, maxEjectionPercent'),
  'pool.persistence.lb-cookie': native('sessionAffinity GENERATED_COOKIE with affinityCookieTtlSec'),
  'pool.persistence.app-cookie': nearest('sessionAffinity HTTP_COOKIE: the load balancer hashes the named cookie (RING_HASH)'),
  'pool.persistence.source-ip': native('sessionAffinity CLIENT_IP'),
  'pool.draining': native('connectionDrainingTimeoutSec'),
  'pool.slow-start': unsupported('none: GCP backend services have no slow start'),
  'pool.fail-open': native('GCP sends to all backends when none is healthy'),
  'pool.fail-closed': unsupported('fail-open: GCP load balancers fail open'),
  'rate-limit.client-ip': native('Cloud Armor throttle rule, enforceOnKey IP'),
  'rate-limit.header': native('Cloud Armor throttle rule, enforceOnKey HTTP_HEADER'),
  'rate-limit.rule-scope': nearest("a Cloud Armor rule whose CEL expression tests the rule's host and path"),
  'rate-limit.custom-status': native('exceedAction deny(403|404|429|502)'),
});

function albRanges(scope: ModelScope) {
  return [
    ...scope.pools.flatMap((p) => compact([
      outside(`${p.path}.healthCheck.intervalSeconds`, 'healthCheck.intervalSeconds', p.healthCheck.intervalSeconds, 1, 300, 's'),
      p.sessionPersistence && p.sessionPersistence.type !== 'source-ip'
        ? outside(`${p.path}.sessionPersistence.durationSeconds`, 'sessionPersistence.durationSeconds', p.sessionPersistence.durationSeconds, 1, 86400, 's')
        : undefined,
    ])),
    ...scope.frontends.flatMap((f) => compact([f.idleTimeoutSeconds !== 60 ? outside(`${f.path}.idleTimeoutSeconds`, 'idleTimeoutSeconds', f.idleTimeoutSeconds, 5, 1200, 's') : undefined])),
    ...scope.rateLimits.flatMap((r) => compact([notOneOf(`${r.path}.responseStatus`, 'responseStatus', r.responseStatus, [403, 404, 429, 502])])),
  ];
}

const ALB_RANGES = {
  'healthCheck.intervalSeconds': '1-300', 'sessionPersistence.durationSeconds': '1-86400', idleTimeoutSeconds: '5-1200 (keep-alive)',
  'rateLimits.responseStatus': '403, 404, 429, 502', weights: '0-1000',
};

export const GCP_ALB_GLOBAL: TargetColumn = { support: albSupport(false), ranges: ALB_RANGES, checkRanges: albRanges };
export const GCP_ALB_REGIONAL: TargetColumn = { support: albSupport(true), ranges: ALB_RANGES, checkRanges: albRanges };

const nlbSupport = (proxy: boolean): Record<string, Support> => ({
  ...l4HttpCells('gcp-alb-global or gcp-alb-regional'),
  'lb.scheme.internal': native(proxy ? 'regional internal proxy NLB (tcp)' : 'INTERNAL passthrough'),
  'lb.ip.dualstack': native('one forwarding rule per IP version'),
  'lb.deletion-protection': nearest('deletionPolicy PREVENT: enforced by Pulumi, not by GCP'),
  'lb.access-logs': unsupported('VPC flow logs on the members\' subnet'),
  'frontend.protocol.tcp': native(proxy ? 'target TCP proxy' : 'forwarding rule TCP'),
  'frontend.protocol.tls': proxy ? native('target SSL proxy (global)') : unsupported('gcp-nlb-proxy (target SSL proxy)'),
  'frontend.protocol.udp': proxy ? unsupported('gcp-nlb-passthrough') : native('forwarding rule UDP'),
  'frontend.tls.minimum-1.3': proxy ? native('SSL policy RESTRICTED, TLS_1_3') : unsupported('gcp-nlb-proxy'),
  'frontend.tls.sni-certificates': proxy ? native('several certificates on the target SSL proxy') : unsupported('gcp-nlb-proxy'),
  'frontend.tls.mtls-verify': unsupported('mTLS in the members behind a tcp frontend'),
  'frontend.tls.mtls-passthrough': unsupported('a tcp frontend: TLS passes through to the members'),
  'frontend.idle-timeout': proxy ? nearest('backend service timeoutSec') : native('connectionTrackingPolicy idleTimeoutSec'),
  'frontend.allowed-source-cidrs': proxy ? unsupported('a VPC firewall rule on the members') : native('forwarding rule sourceIpRanges'),
  'action.forward': native('backend service'),
  'action.weighted-forward': unsupported('forward to one pool: a forwarding rule reaches one backend service'),
  'pool.protocol.tcp': native(),
  'pool.protocol.tls': proxy ? native('backend service protocol SSL') : unsupported('tcp (passthrough does not originate TLS)'),
  'pool.protocol.udp': proxy ? unsupported('gcp-nlb-passthrough') : native(),
  'pool.algorithm.round-robin': nearest(proxy ? 'balancingMode CONNECTION spreads connections by load' : 'MAGLEV: a 5-tuple hash per connection'),
  'pool.algorithm.weighted-round-robin': unsupported('round-robin; endpoints carry no static weights'),
  'pool.algorithm.least-connections': proxy ? nearest('balancingMode CONNECTION') : unsupported('round-robin (5-tuple hash)'),
  'pool.algorithm.ip-hash': proxy ? nearest('sessionAffinity CLIENT_IP') : native('MAGLEV with sessionAffinity CLIENT_IP (consistent hashing)'),
  'pool.algorithm.least-response-time': unsupported('round-robin'),
  'pool.algorithm.random': proxy ? nearest('balancingMode CONNECTION: connections spread by load') : native('MAGLEV: a 5-tuple hash per connection'),
  'pool.health.tcp': native('tcpHealthCheck'),
  'pool.health.http': native('httpHealthCheck'),
  'pool.health.https': native('httpsHealthCheck'),
  'pool.health.success-codes': unsupported('successCodes 200: GCP HTTP health checks accept only 200'),
  'pool.health.healthy-threshold': native(),
  'pool.health.asymmetric-thresholds': native(),
  'pool.passive-health': unsupported('active health checks only'),
  'pool.persistence.source-ip': native('sessionAffinity CLIENT_IP'),
  'pool.draining': native('connectionDrainingTimeoutSec'),
  'pool.slow-start': unsupported('none: GCP backend services have no slow start'),
  'pool.fail-open': native('GCP sends to all backends when none is healthy'),
  'pool.fail-closed': unsupported('fail-open: GCP load balancers fail open'),
});

export const GCP_NLB_PASSTHROUGH: TargetColumn = {
  support: nlbSupport(false),
  ranges: { idleTimeoutSeconds: '60-57600', 'healthCheck.intervalSeconds': '1-300' },
  checkRanges: (scope) => [
    ...scope.frontends.flatMap((f) => compact([f.idleTimeoutSeconds !== 60 ? outside(`${f.path}.idleTimeoutSeconds`, 'idleTimeoutSeconds', f.idleTimeoutSeconds, 60, 57600, 's') : undefined])),
    ...scope.pools.flatMap((p) => compact([outside(`${p.path}.healthCheck.intervalSeconds`, 'healthCheck.intervalSeconds', p.healthCheck.intervalSeconds, 1, 300, 's')])),
  ],
};
export const GCP_NLB_PROXY: TargetColumn = {
  support: nlbSupport(true),
  ranges: { 'healthCheck.intervalSeconds': '1-300' },
  checkRanges: (scope) => scope.pools.flatMap((p) => compact([outside(`${p.path}.healthCheck.intervalSeconds`, 'healthCheck.intervalSeconds', p.healthCheck.intervalSeconds, 1, 300, 's')])),
};
