/**
 * GCP columns: Application Load Balancers (global external, regional external/internal; never classic) and
 * Network Load Balancers (passthrough, proxy), as @pulumi/gcp 9.37 exposes them.
 * Sources: ../shared/reference/cloud-matrix.md; the @pulumi/gcp 9.37 .d.ts (BackendService, RegionBackendService
 * connectionTrackingPolicy, SecurityPolicy rateLimitOptions); https://cloud.google.com/armor/docs/rate-limiting-overview
 * (thresholds count per backend service; throttle count 1-1,000,000; intervalSec 10 ... 3600);
 * https://cloud.google.com/load-balancing/docs/firewall-rules (health-check ranges).
 */
import {
  cite,
  compact,
  native,
  nearest,
  notOneOf,
  outside,
  unsupported,
  type RangeDoc,
  type RangeViolation,
  type Source,
  type Support,
  type TargetColumn,
} from '../../lib/capabilities/support';
import {
  albOperationsCells,
  armorExpressionRanges,
  NETWORK_DDOS_RANGE,
  networkDdosRanges,
  nlbOperationsCells,
  PROTECTION_RANGE_TEXT,
  protectionRanges,
} from './operations-cells';
import type { ModelScope } from '../../lib/capabilities/features';
import { defaultPort, redirectDestination } from '../../lib/model/derived';
import type { ActionModel, FrontendModel } from '../../lib/model/types';
import { grpcBehindHttpFrontends } from '../../lib/capabilities/grpc-ranges';
import { GRPC_HTTP2_FEATURES, l4HttpCells, l7TransportCells } from '../../lib/capabilities/layer-cells';
import { re2Ranges } from '../../lib/capabilities/regexes';
import { redirectStatusCells, type RedirectStatus } from '../../lib/capabilities/redirect-cells';
import { frontendsByPort } from '../../lib/model/listeners';
import { proxyCertificates } from './plan/certificates';

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

/** The day every cell and range below was last checked against its source. */
const CHECKED = '2026-12-02';
/** The Compute API's own text, as @google-cloud/compute 7.8.0 ships it (the deploy-validity test reads the same file). */
const api = (field: string): Source =>
  cite(`@google-cloud/compute 7.8.0 compute.proto (compute v1) ${field}; https://cloud.google.com/compute/docs/reference/rest/v1`, CHECKED);
const pulumiGcp = (field: string): Source => cite(`@pulumi/gcp 9.37 compute.${field}`, CHECKED);
const doc = (url: string): Source => cite(url, CHECKED);
const URL_MAPS = 'https://cloud.google.com/load-balancing/docs/url-map-concepts';
const HEALTH = 'https://cloud.google.com/load-balancing/docs/health-check-concepts';
const ARMOR_RATE = 'https://cloud.google.com/armor/docs/rate-limiting-overview';
const ARMOR_RULES = 'https://cloud.google.com/armor/docs/rules-language-reference';
const MTLS = 'https://cloud.google.com/load-balancing/docs/mtls';
const CHOOSING = 'https://cloud.google.com/load-balancing/docs/choosing-load-balancer';
const LABELS = 'https://cloud.google.com/compute/docs/labeling-resources#requirements';
const RE2 = 'https://cloud.google.com/load-balancing/docs/re2-support';
/** The layer split is lbkit's: a GCP product serves HTTP (Application) or transport (Network) frontends. */
const LAYER_SOURCE = doc(`${CHOOSING} (Application Load Balancers for HTTP(S), Network Load Balancers for TCP, UDP and SSL)`);
const withSource = (cells: Record<string, Support>, source: Source): Record<string, Support> =>
  Object.fromEntries(Object.entries(cells).map(([id, cell]) => [id, { ...cell, source }]));
const range = (accepted: string, source: Source): RangeDoc => ({ accepted, source });

/** Cloud Armor rateLimitThreshold.intervalSec accepts only these. */
const ARMOR_INTERVALS = [10, 30, 60, 120, 180, 240, 300, 600, 900, 1200, 1800, 2700, 3600];
const ARMOR_STATUSES = [403, 404, 429, 502];
const MAX_PROXY_CERTIFICATES = 15;
/** Where the URL-map cells of issue 16 rest. */
const URL_MAP_REFERENCE = cite('https://cloud.google.com/compute/docs/reference/rest/v1/urlMaps', '2026-12-02');

/**
 * Cells every GCP target shares: health checks, backend services and deletion policy are the same resources
 * behind an Application and a Network Load Balancer.
 */
const BACKEND_SERVICE_CELLS: Record<string, Support> = {
  'lb.deletion-protection': nearest(
    'deletionPolicy PREVENT: enforced by Pulumi, not by GCP',
    pulumiGcp('BackendServiceArgs.deletionPolicy ("Whether Terraform will be prevented from destroying the resource")'),
  ),
  'pool.health.tcp': native('tcpHealthCheck', api('HealthCheck.tcpHealthCheck')),
  'pool.health.http': native('httpHealthCheck', api('HealthCheck.httpHealthCheck')),
  'pool.health.https': native('httpsHealthCheck', api('HealthCheck.httpsHealthCheck')),
  'pool.health.success-codes': unsupported(
    'successCodes 200: GCP HTTP health checks accept only 200',
    doc(`${HEALTH} (success criteria for HTTP, HTTPS and HTTP/2: response code 200)`),
  ),
  'pool.health.healthy-threshold': native('healthyThreshold', api('HealthCheck.healthyThreshold')),
  'pool.health.asymmetric-thresholds': native('healthyThreshold and unhealthyThreshold', api('HealthCheck.unhealthyThreshold')),
  'pool.draining': native('connectionDrainingTimeoutSec', api('BackendService.connectionDraining.drainingTimeoutSec')),
  'pool.slow-start': unsupported('none: GCP backend services have no slow start', api('BackendService (no slow-start or warm-up field)')),
  'pool.fail-open': native(
    'GCP sends to all backends when none is healthy',
    doc(
      `${HEALTH} (no GCP page found on ${CHECKED} stating what Envoy-based load balancers do when every backend is unhealthy: the grading rests on Envoy's panic threshold, unconfirmed)`,
    ),
  ),
  'pool.fail-closed': unsupported(
    'fail-open: GCP load balancers fail open (passthrough failoverPolicy.dropTrafficIfUnhealthy needs backup backends)',
    api('BackendService.failoverPolicy ("Requires at least one backend instance group to be defined as a backup")'),
  ),
};

/** HttpRedirectAction.RedirectResponseCode for each status lbkit may ask for. */
const GCP_REDIRECT_CODES: Record<RedirectStatus, string> = {
  301: 'MOVED_PERMANENTLY_DEFAULT',
  302: 'FOUND',
  303: 'SEE_OTHER',
  307: 'TEMPORARY_REDIRECT',
  308: 'PERMANENT_REDIRECT',
};

const albSupport = (regional: boolean): Record<string, Support> => ({
  ...BACKEND_SERVICE_CELLS,
  ...withSource(l7TransportCells(regional ? 'gcp-nlb-passthrough or gcp-nlb-proxy' : 'gcp-nlb-proxy'), LAYER_SOURCE),
  'lb.scheme.internal': regional
    ? native('INTERNAL_MANAGED with Region* resources and the proxy-only subnet', api('BackendService.LoadBalancingScheme INTERNAL_MANAGED'))
    : unsupported('gcp-alb-regional (INTERNAL_MANAGED)', doc(`${URL_MAPS} (global urlMaps: EXTERNAL_MANAGED; internal is regional here)`)),
  'lb.ip.dualstack': native('one forwarding rule per IP version on the same target proxy', api('ForwardingRule.ipVersion (IPV4, IPV6)')),
  'lb.access-logs': native('backend service logConfig to Cloud Logging (accessLogs.prefix has no GCP counterpart)', api('BackendService.logConfig')),
  'frontend.protocol.http': native('target HTTP proxy', api(regional ? 'TargetHttpProxy (regionTargetHttpProxies)' : 'TargetHttpProxy')),
  'frontend.protocol.https': native('target HTTPS proxy', api(regional ? 'TargetHttpsProxy (regionTargetHttpsProxies)' : 'TargetHttpsProxy')),
  'frontend.tls.minimum-1.3': native('SSL policy RESTRICTED, minTlsVersion TLS_1_3', api('SslPolicy.minTlsVersion TLS_1_3')),
  'frontend.tls.sni-certificates': native('several certificates on the target HTTPS proxy', api('TargetHttpsProxy.sslCertificates')),
  'frontend.tls.mtls-verify': regional
    ? unsupported(
        'mTLS in the members (regional mTLS is not confirmed in @pulumi/gcp 9.37)',
        pulumiGcp('RegionTargetHttpsProxyArgs.serverTlsPolicy ("only applies to a global TargetHttpsProxy")'),
      )
    : native('server TLS policy, REJECT_INVALID', doc(MTLS)),
  'frontend.tls.mtls-passthrough': regional
    ? unsupported('mTLS in the members', pulumiGcp('RegionTargetHttpsProxyArgs.serverTlsPolicy ("only applies to a global TargetHttpsProxy")'))
    : nearest(
        'server TLS policy ALLOW_INVALID_OR_MISSING_CLIENT_CERT: the members do not receive the certificate itself',
        doc(`${MTLS} (client validation modes; certificate details reach the members only through custom headers)`),
      ),
  'frontend.redirect-http-to-https': native(
    'URL map defaultUrlRedirect httpsRedirect on a second HTTP proxy on the same address',
    api('HttpRedirectAction.httpsRedirect'),
  ),
  'frontend.idle-timeout': native('target proxy httpKeepAliveTimeoutSec', api('TargetHttpProxy.httpKeepAliveTimeoutSec')),
  'frontend.allowed-source-cidrs': nearest(
    'a Cloud Armor rule on the backend services that denies other sources with 403 (redirects answered by the URL map are not filtered)',
    doc(`${ARMOR_RULES} (inIpRange(origin.ip, ...)); policies attach to backend services`),
  ),
  'frontend.rule-order.most-specific': native("route rule priorities in the model's order", api('HttpRouteRule.priority')),
  'rule.match.host.exact': native('host rule', api('HostRule.hosts')),
  'rule.match.host.wildcard': native('host rule *.domain', api('HostRule.hosts ("* matches any string of ([a-z0-9-.]*)")')),
  'rule.match.path.exact': native('route rule fullPathMatch', api('HttpRouteRuleMatch.fullPathMatch')),
  'rule.match.path.prefix': native("route rule fullPathMatch '/p' or prefixMatch '/p/'", api('HttpRouteRuleMatch.prefixMatch')),
  'rule.match.path.regex': native('route rule regexMatch (RE2)', api('HttpRouteRuleMatch.regexMatch')),
  'rule.match.header.exact': native('headerMatches regexMatch (?i) (case-insensitive, as lbkit)', api('HttpHeaderMatch.regexMatch')),
  'rule.match.header.prefix': native('headerMatches regexMatch (?i)', api('HttpHeaderMatch.regexMatch')),
  'rule.match.header.regex': native('headerMatches regexMatch', api('HttpHeaderMatch.regexMatch')),
  'rule.match.header.present': native('headerMatches presentMatch', api('HttpHeaderMatch.presentMatch')),
  'rule.match.query.exact': nearest(
    'queryParameterMatches: GCP compares parameter names case-sensitively (values via (?i) regex)',
    api('HttpQueryParameterMatch.name ("The name of the query parameter to match")'),
  ),
  'rule.match.query.present': nearest(
    'queryParameterMatches presentMatch: GCP compares parameter names case-sensitively',
    api('HttpQueryParameterMatch.presentMatch'),
  ),
  'rule.match.method': native(
    "headerMatches on the ':method' pseudo-header, regexMatch of the methods",
    api("HttpHeaderMatch.headerName (\"For matching a request's method, use the headerName ':method'\")"),
  ),
  'rule.match.source': unsupported(
    'Cloud Armor can allow or deny a source, not route it',
    api('HttpRouteRuleMatch (path, header, query and metadata matches only)'),
  ),
  'action.forward': native('backend service', api('HttpRouteRule.service')),
  'action.weighted-forward': native('weightedBackendServices', api('HttpRouteAction.weightedBackendServices')),
  'action.weighted-forward.stickiness': unsupported(
    'weighted-forward without stickiness: GCP has no group stickiness',
    api('WeightedBackendService.weight ("Don\'t configure session affinity if you\'re using weighted traffic splitting")'),
  ),
  'action.redirect': native('urlRedirect', api('HttpRouteRule.urlRedirect')),
  ...redirectStatusCells((status) => native(GCP_REDIRECT_CODES[status], api('HttpRedirectAction.RedirectResponseCode'))),
  'action.fixed-response': unsupported(
    'a fault-injection abort (status only, no body) or a redirect',
    api('HttpRouteAction.faultInjectionPolicy.abort (httpStatus, percentage; no body)'),
  ),
  'pool.protocol.http': native('backend service protocol HTTP', api('BackendService.Protocol HTTP')),
  'pool.protocol.https': native('backend service protocol HTTPS', api('BackendService.Protocol HTTPS')),
  // localityLbPolicy is accepted on global EXTERNAL_MANAGED and regional INTERNAL_MANAGED, not regional
  // EXTERNAL_MANAGED (plan/backends.ts): there only GCP's defaults apply, and the range check refuses the rest.
  'pool.algorithm.round-robin': native('localityLbPolicy ROUND_ROBIN (the default)', api('BackendService.localityLbPolicy')),
  'pool.algorithm.weighted-round-robin': nearest(
    'ROUND_ROBIN: endpoints carry no static weights',
    api('BackendService.localityLbPolicy (WEIGHTED_ROUND_ROBIN weighs by reported custom metrics, not static weights)'),
  ),
  'pool.algorithm.least-connections': nearest(
    `LEAST_REQUEST: the less loaded of two random members${regional ? ' (internal only)' : ''}`,
    api('BackendService.localityLbPolicy LEAST_REQUEST'),
  ),
  'pool.algorithm.ip-hash': native(
    'sessionAffinity CLIENT_IP with consistent hashing (RING_HASH; MAGLEV by default on regional external)',
    api('BackendService.sessionAffinity CLIENT_IP, localityLbPolicy'),
  ),
  'pool.algorithm.least-response-time': nearest(
    `LEAST_REQUEST: in-flight requests, without a latency term${regional ? ' (internal only)' : ''}`,
    api('BackendService.localityLbPolicy LEAST_REQUEST'),
  ),
  'pool.algorithm.random': regional
    ? nearest('localityLbPolicy RANDOM (internal only)', api('BackendService.localityLbPolicy RANDOM'))
    : native('localityLbPolicy RANDOM', api('BackendService.localityLbPolicy RANDOM')),
  'pool.passive-health': nearest(
    'outlierDetection consecutiveErrors, baseEjectionTime, maxEjectionPercent: GCP multiplies the ejection time by the number of times a member was ejected',
    api(
      'OutlierDetection.baseEjectionTime ("the total ejection time is equal to the base ejection time multiplied by the number of times the backend endpoint has been ejected")',
    ),
  ),
  'pool.persistence.lb-cookie': native(
    'sessionAffinity GENERATED_COOKIE with affinityCookieTtlSec (consistent hashing; a new session lands on the member its new cookie hashes to)',
    api('BackendService.affinityCookieTtlSec, sessionAffinity GENERATED_COOKIE'),
  ),
  // consistentHash.httpCookie names the cookie; the API accepts consistentHash on regional INTERNAL_MANAGED only.
  'pool.persistence.app-cookie': regional
    ? nearest(
        'sessionAffinity HTTP_COOKIE: the load balancer hashes the named cookie (RING_HASH; internal only)',
        api('BackendService.consistentHash ("applicable to ... a regional backend service ... INTERNAL_MANAGED")'),
      )
    : unsupported(
        'lb-cookie (GENERATED_COOKIE): consistentHash.httpCookie, which names the cookie, is not accepted on EXTERNAL_MANAGED',
        api(
          'BackendService.consistentHash ("applicable to either: a regional backend service ... INTERNAL_MANAGED; a global backend service with ... INTERNAL_SELF_MANAGED")',
        ),
      ),
  'pool.persistence.source-ip': native('sessionAffinity CLIENT_IP (consistent hashing)', api('BackendService.sessionAffinity CLIENT_IP')),
  'rate-limit.client-ip': nearest(
    'a Cloud Armor throttle rule keyed on IP, counted per backend service: a scope reaching N pools allows up to N x limit, and URL-map redirects are not counted',
    doc(`${ARMOR_RATE} (thresholds apply per backend service)`),
  ),
  'rate-limit.header': nearest(
    'a Cloud Armor throttle rule keyed on HTTP_HEADER, counted per backend service (a scope reaching N pools allows up to N x limit); requests without the header share one count',
    doc(`${ARMOR_RATE} (enforceOnKey HTTP_HEADER; requests without the header are aggregated)`),
  ),
  'rate-limit.rule-scope': nearest("a Cloud Armor CEL expression of the rules' conditions: it also counts requests an earlier rule takes", doc(ARMOR_RULES)),
  'rate-limit.custom-status': native('exceedAction deny(403|404|429|502)', api('SecurityPolicyRuleRateLimitOptions.exceedAction')),
  'rate-limit.frontend-subset': native(
    'the policy is attached to the backend services the scoped frontends reach (see rate-limit.client-ip for what else counts there)',
    api('BackendService.securityPolicy'),
  ),
  // Gateway-API-grade L7 (issue 16). URL-map headerMatches exactMatch / prefixMatch and queryParameterMatches
  // exactMatch compare exactly, and parameter names always do (UrlMap REST reference).
  'rule.match.header.case-sensitive': native('headerMatches exactMatch / prefixMatch (exact comparison)', URL_MAP_REFERENCE),
  'rule.match.query.case-sensitive': native('queryParameterMatches exactMatch / presentMatch: names and values compare exactly', URL_MAP_REFERENCE),
  'rule.match.path.case-insensitive': native(
    'route rule matchRules ignoreCase with fullPathMatch / prefixMatch',
    api('HttpRouteRuleMatch.ignoreCase ("Specifies that prefixMatch and fullPathMatch matches are case sensitive. The default value is false")'),
  ),
  // routeRules[].headerAction (requestHeadersToAdd with replace, requestHeadersToRemove, responseHeadersTo*) and
  // routeAction.urlRewrite (hostRewrite, pathPrefixRewrite). pathPrefixRewrite replaces the matched string, so a
  // rule becomes two route rules (plan/filters.ts prefixParts): fullPathMatch '/p' and prefixMatch '/p/'.
  // add is replace: false, which Envoy applies as one more field line: the same list value (RFC 9110 §5.3) as
  // lbkit's comma join.
  'rule.filter.request-headers': native(
    'route rule headerAction requestHeadersToAdd (set: replace true, add: replace false) and requestHeadersToRemove',
    URL_MAP_REFERENCE,
  ),
  'rule.filter.response-headers': native('route rule headerAction responseHeadersToAdd and responseHeadersToRemove', URL_MAP_REFERENCE),
  'rule.filter.rewrite-host': native('routeAction.urlRewrite.hostRewrite', URL_MAP_REFERENCE),
  // pathTemplateRewrite "may only be used when all of a route's MatchRules specify pathTemplate", and a
  // pathTemplateMatch needs at least one variable: lbkit's exact, regex and header-only rules have no such form.
  'rule.filter.rewrite-path-full': unsupported(
    'rewrite.path.prefix on a rule with prefix conditions (urlRewrite.pathTemplateRewrite needs every match rule to be a pathTemplateMatch with a variable; pathPrefixRewrite replaces only the matched prefix)',
    pulumiGcp('URLMapPathMatcherRouteRuleRouteActionUrlRewrite.pathTemplateRewrite; compute v1 UrlRewrite'),
  ),
  'rule.filter.rewrite-path-prefix': native(
    "routeAction.urlRewrite.pathPrefixRewrite on two route rules: fullPathMatch '<prefix>' to the target, prefixMatch '<prefix>/' to '<target>/'",
    URL_MAP_REFERENCE,
  ),
  'pool.persistence.session-cookie': native(
    'sessionAffinity GENERATED_COOKIE with affinityCookieTtlSec 0 (a browser-session cookie)',
    cite('https://cloud.google.com/compute/docs/reference/rest/v1/backendServices', '2026-12-02'),
  ),
  // routeAction.timeout ("computed from the time the request has been fully processed (known as end-of-stream)
  // up until the response has been processed. Timeout includes all retries") and routeAction.retryPolicy
  // (numRetries, perTryTimeout, retryConditions: connect-failure, 5xx, gateway-error = 502/503/504,
  // retriable-4xx = 409, refused-stream and gRPC codes; no condition for resets alone), compute v1
  // HttpRouteAction and HttpRetryPolicy. Rendered by plan/filters.ts.
  'rule.timeout.request': nearest(
    'routeAction.timeout: counted from the end of the request (its body received), not its arrival, and including retries',
    URL_MAP_REFERENCE,
  ),
  'rule.timeout.backend': nearest(
    'routeAction.retryPolicy.perTryTimeout with a retry policy (an expired try is retried only under the 5xx or gateway-error conditions); without one, routeAction.timeout bounds the one attempt, counted from the end of the request',
    URL_MAP_REFERENCE,
  ),
  'rule.retry': nearest(
    'routeAction.retryPolicy numRetries = attempts with retryConditions connect-failure: resets and per-try timeouts are retried only when statuses bring the 5xx class, and GCP resends any method, with its body',
    URL_MAP_REFERENCE,
  ),
  'rule.retry.statuses': nearest(
    'retryConditions gateway-error when every status is 502, 503 or 504 (all three are then retried), else 5xx (every 5xx status, and disconnects, resets and read timeouts)',
    URL_MAP_REFERENCE,
  ),
  // CircuitBreakers.maxRetries caps parallel retries to a backend service (a count, not a share over a window).
  'pool.retry-budget': unsupported(
    'backendService.circuitBreakers.maxRetries: a fixed cap on concurrent retries, not a share of the attempts over a window (not rendered by lbkit)',
    cite('https://cloud.google.com/compute/docs/reference/rest/v1/backendServices', '2026-12-02'),
  ),
  'action.redirect.path-prefix': native(
    "urlRedirect on two route rules: pathRedirect '<target>' on fullPathMatch '<prefix>', prefixRedirect '<target>/' on prefixMatch '<prefix>/'",
    URL_MAP_REFERENCE,
  ),
  // Listeners with host names (plan/listeners.ts): the URL map picks a host rule by exact host, then the longest
  // '*' pattern, then '*', lbkit's own binding order; the certificate is chosen by SNI among all of the proxy's.
  'frontend.hostnames': nearest(
    "one forwarding rule and target HTTP(S) proxy per port, holding every frontend's certificates (the catch-all's first), and URL map hostRules sending each frontend's host names to path matchers of its rules (exact host, then the longest wildcard, then the catch-all as '*'). GCP routes by Host alone: a Host that binds to another frontend than the SNI goes to that frontend (no 421); SNI picks any of the port's certificates whose names cover it; without a catch-all a handshake with no SNI or an unserved name completes with the first certificate, and a Host no frontend serves gets 404 from a fault-injection abort",
    doc(
      'https://cloud.google.com/load-balancing/docs/ssl-certificates ("the load balancer uses the SNI hostname specified by the client to select the certificate ... if the client does not specify an SNI hostname, the load balancer negotiates SSL using the primary certificate, which is the first certificate in the list"); https://cloud.google.com/compute/docs/reference/rest/v1/urlMaps (HostRule.hosts, HttpRouteAction.faultInjectionPolicy.abort)',
    ),
  ),
  // HTTP/2 and gRPC (issue 20)
  'frontend.http2.alpn': native(
    'target HTTPS proxy: HTTP/2 is negotiated with clients by ALPN by default',
    cite('https://cloud.google.com/load-balancing/docs/https#http2-support', '2026-12-02'),
  ),
  'frontend.http2.cleartext': unsupported(
    'https with http2: the load balancer offers HTTP/2 to clients over TLS',
    cite('https://cloud.google.com/load-balancing/docs/https#http2-support', '2026-12-02'),
  ),
  'frontend.http2.off': unsupported(
    'http2 left on: a target HTTPS proxy always offers HTTP/2',
    cite('https://cloud.google.com/load-balancing/docs/https#http2-support', '2026-12-02'),
  ),
  'pool.protocol.grpc': regional
    ? unsupported(
        'grpcs (backend service protocol HTTP2, with TLS): H2C backends are not confirmed for regional load balancers',
        cite('@pulumi/gcp 9.37 compute.BackendService protocol H2C (EXTERNAL_MANAGED example)', '2026-12-02'),
      )
    : native(
        'backend service protocol H2C (HTTP/2 in clear)',
        cite('@pulumi/gcp 9.37 compute.BackendService protocol H2C (EXTERNAL_MANAGED example)', '2026-12-02'),
      ),
  'pool.protocol.grpcs': native(
    'backend service protocol HTTP2 (HTTP/2 with TLS)',
    cite('https://cloud.google.com/load-balancing/docs/backend-service#protocol-to-backends', '2026-12-02'),
  ),
  'pool.http2': native(
    regional ? 'backend service protocol HTTP2 (https pools; http pools: see ranges)' : 'backend service protocol HTTP2 (https pools) or H2C (http pools)',
    cite('https://cloud.google.com/load-balancing/docs/backend-service#protocol-to-backends', '2026-12-02'),
  ),
  'pool.health.grpc': native(
    'grpcHealthCheck (grpcTlsHealthCheck for grpcs pools): healthy on OK with SERVING, as lbkit',
    cite('https://cloud.google.com/load-balancing/docs/health-check-concepts#grpc-health-checks', '2026-12-02'),
  ),
  'pool.health.grpc-service': native(
    'grpcServiceName',
    cite('https://cloud.google.com/load-balancing/docs/health-check-concepts#grpc-health-checks', '2026-12-02'),
  ),
  'pool.health.grpc-status-codes': unsupported(
    'grpcStatusCodes 0: a GCP gRPC health check passes on OK with SERVING only',
    cite('https://cloud.google.com/load-balancing/docs/health-check-concepts#grpc-health-checks', '2026-12-02'),
  ),
  'rule.match.grpc': native(
    "URL map path matcher: fullPathMatch '/<service>/<method>' or prefix '/<service>/'",
    cite('https://cloud.google.com/load-balancing/docs/backend-service#protocol-to-backends', '2026-12-02'),
  ),
  'action.fixed-response.grpc-status': unsupported(
    'a forward to a member that answers with the gRPC status: URL maps have no fixed response',
    cite('https://cloud.google.com/load-balancing/docs/backend-service#protocol-to-backends', '2026-12-02'),
  ),
  // Operations (issue 19): alarms and protection
  ...albOperationsCells(regional),
});

/** GCP labels: lower-case keys starting with a letter, values of lower-case letters, digits, '_' and '-'; 63 characters at most. */
function labelRanges(scope: ModelScope): RangeViolation[] {
  return Object.entries(scope.model.tags).flatMap(([key, value]) => {
    if (/^[a-z][a-z0-9_-]{0,62}$/.test(key) && /^[a-z0-9_-]{0,63}$/.test(value)) return [];
    return [
      {
        path: `tags.${key}`,
        accepted: 'tags as GCP labels: keys [a-z][a-z0-9_-]{0,62}, values [a-z0-9_-]{0,63}',
        message: `tag '${key}: ${value}' is not a valid GCP label`,
      },
    ];
  });
}

function certificateRanges(scope: ModelScope): RangeViolation[] {
  const perFrontend = scope.frontends.flatMap((f) =>
    compact([
      f.tls
        ? outside(`${f.path}.tls.additionalCertificates`, 'certificates per frontend', 1 + f.tls.additionalCertificates.length, 1, MAX_PROXY_CERTIFICATES)
        : undefined,
    ]),
  );
  // Frontends sharing a port share one target HTTPS proxy, which holds all their certificates.
  const perPort = frontendsByPort(scope.frontends.filter((f) => f.layer === 'l7' && f.tls))
    .filter((group) => group.length > 1)
    .flatMap((group) =>
      compact([outside(`${group[group.length - 1].path}.hostnames`, 'certificates per port', proxyCertificates(group).length, 1, MAX_PROXY_CERTIFICATES)]),
    );
  return [...perFrontend, ...perPort];
}

const violation = (path: string, accepted: string, message: string): RangeViolation => ({ path, accepted, message });

/** URL-map redirects keep the request's port and query, or strip the query; https only from an http frontend. */
function redirectRanges(f: FrontendModel, a: ActionModel, path: string): RangeViolation[] {
  if (a.type === 'redirect') {
    // GCP redirects cannot set a port: they go where a redirect without one goes (SEMANTICS.md, redirects).
    const keptPort = redirectDestination(f, { ...a, port: undefined }).port;
    return compact([
      f.protocol === 'https' && a.scheme === 'http'
        ? violation(`${path}.redirect.scheme`, 'redirect scheme https or unchanged', 'a URL map behind an HTTPS proxy cannot redirect to http')
        : undefined,
      a.port !== undefined && a.port !== keptPort
        ? violation(`${path}.redirect.port`, `redirect port ${keptPort} (GCP redirects cannot set a port)`, `redirect port ${a.port} cannot be expressed`)
        : undefined,
      a.query !== undefined && a.query !== ''
        ? violation(
            `${path}.redirect.query`,
            "redirect query unchanged or '' (GCP can only keep or strip the query)",
            `redirect query '${a.query}' cannot be expressed`,
          )
        : undefined,
    ]);
  }
  return [];
}

/** A frontend's Cloud Armor protection, as far as the check needs it: sources and rate limits (with their rule scope). */
function protection(scope: ModelScope, f: FrontendModel): string {
  const limits = scope.model.rateLimits
    .filter((r) => r.frontends.includes(f.name))
    .map((r) => (r.rules ? `${r.name}:${r.rules.filter((ref) => ref.startsWith(`${f.name}/`)).join(',')}` : r.name));
  const p = scope.model.protection;
  return JSON.stringify([f.allowedSourceCidrs, limits, p && p.frontends.includes(f.name) ? p : undefined]);
}

/** Algorithms that need localityLbPolicy, which regional EXTERNAL_MANAGED backend services do not accept. */
const LOCALITY_ONLY = ['least-connections', 'least-response-time', 'random'];

/** Regional external: only GCP's default locality policy (and no consistentHash, so no named cookie). */
function regionalExternalRanges(scope: ModelScope): RangeViolation[] {
  if (scope.model.scheme === 'internal') return [];
  return scope.pools.flatMap((p) =>
    compact([
      !p.sessionPersistence && LOCALITY_ONLY.includes(p.algorithm)
        ? violation(
            `${p.path}.algorithm`,
            'algorithm round-robin, weighted-round-robin or ip-hash on regional external (no localityLbPolicy)',
            `algorithm ${p.algorithm} needs localityLbPolicy, which regional EXTERNAL_MANAGED backend services do not accept`,
          )
        : undefined,
      p.sessionPersistence?.type === 'app-cookie'
        ? violation(
            `${p.path}.sessionPersistence`,
            'sessionPersistence lb-cookie or source-ip on regional external',
            'app-cookie needs consistentHash.httpCookie, which regional EXTERNAL_MANAGED backend services do not accept',
          )
        : undefined,
    ]),
  );
}

function albRanges(regional: boolean) {
  return (scope: ModelScope): RangeViolation[] => [
    ...(regional ? regionalExternalRanges(scope) : []),
    ...gcpHttp2Ranges(scope, regional),
    ...protectionRanges(scope),
    ...armorExpressionRanges(scope),
    ...scope.pools.flatMap((p) =>
      compact([
        outside(`${p.path}.healthCheck.intervalSeconds`, 'healthCheck.intervalSeconds', p.healthCheck.intervalSeconds, 1, 300, 's'),
        p.sessionPersistence && p.sessionPersistence.type !== 'source-ip'
          ? outside(`${p.path}.sessionPersistence.durationSeconds`, 'sessionPersistence.durationSeconds', p.sessionPersistence.durationSeconds, 1, 86400, 's')
          : undefined,
      ]),
    ),
    // Cloud Armor attaches to backend services: every frontend reaching a pool must ask for the same protection.
    ...scope.pools.flatMap((p) => {
      const users = scope.frontends.filter((f) => p.usedBy.includes(f.name));
      const kinds = new Set(users.map((f) => protection(scope, f)));
      return kinds.size > 1
        ? [
            violation(
              `${p.path}`,
              'one protection per pool',
              `pool '${p.name}' is reached by frontends ${users.map((f) => `'${f.name}'`).join(', ')} with different allowedSourceCidrs, rate limits or protection; Cloud Armor applies per pool, so give them separate pools or the same protection`,
            ),
          ]
        : [];
    }),
    ...scope.frontends.flatMap((f) => [
      ...compact([
        f.idleTimeoutSeconds !== 60
          ? outside(`${f.path}.idleTimeoutSeconds`, 'idleTimeoutSeconds', f.idleTimeoutSeconds, 5, regional ? 600 : 1200, 's')
          : undefined,
        f.redirectHttpToHttps && f.redirectHttpToHttps.port !== defaultPort('https')
          ? violation(
              `${f.path}.redirectHttpToHttps.port`,
              'redirectHttpToHttps port 443',
              `GCP's https redirect goes to port 443, not ${f.redirectHttpToHttps.port}`,
            )
          : undefined,
      ]),
      ...f.rules.flatMap((r) => redirectRanges(f, r.action, `${r.path}.action`)),
      ...(f.defaultAction ? redirectRanges(f, f.defaultAction, `${f.path}.defaultAction`) : []),
    ]),
    ...scope.rateLimits.flatMap((r) =>
      compact([
        notOneOf(`${r.path}.responseStatus`, 'responseStatus', r.responseStatus, ARMOR_STATUSES),
        notOneOf(`${r.path}.windowSeconds`, 'windowSeconds', r.windowSeconds, ARMOR_INTERVALS, 's'),
        outside(`${r.path}.limit`, 'limit', r.limit, 1, 1_000_000),
      ]),
    ),
    ...certificateRanges(scope),
    ...labelRanges(scope),
    ...gcpRegexRanges(scope),
  ];
}

const HEALTH_INTERVAL = range(
  '1-300',
  pulumiGcp('HealthCheckArgs.checkIntervalSec (with timeoutSec <= checkIntervalSec); compute v1 HealthCheck.checkIntervalSec'),
);
const TAGS = range('GCP labels', doc(LABELS));
const CERTIFICATES = range(
  `1-${MAX_PROXY_CERTIFICATES}`,
  doc('https://cloud.google.com/load-balancing/docs/quotas (SSL certificates per target HTTPS or SSL proxy: 15)'),
);

const albRangeText = (regional: boolean) => ({
  'healthCheck.intervalSeconds': HEALTH_INTERVAL,
  'sessionPersistence.durationSeconds': range(
    '1-86400 (lbkit keeps below the API maximum of 1209600, two weeks)',
    api('BackendService.affinityCookieTtlSec ("The maximum allowed value is two weeks (1,209,600)")'),
  ),
  idleTimeoutSeconds: regional
    ? range('5-600 (keep-alive)', doc('https://cloud.google.com/load-balancing/docs/https/request-distribution#http-keepalive-timeout (regional: 5-600 s)'))
    : range(
        '5-1200 (keep-alive)',
        api('TargetHttpProxy.httpKeepAliveTimeoutSec ("the minimum allowed value is 5 seconds and the maximum allowed value is 1200 seconds")'),
      ),
  'rateLimits.responseStatus': range(ARMOR_STATUSES.join(', '), doc(`${ARMOR_RATE} (exceed action deny(403), deny(404), deny(429), deny(502))`)),
  'rateLimits.windowSeconds': range(ARMOR_INTERVALS.join(', '), doc(`${ARMOR_RATE} (intervalSec)`)),
  'rateLimits.limit': range('1-1000000', doc(`${ARMOR_RATE} (count)`)),
  weights: range('0-1000', api('WeightedBackendService.weight ("The value must be from 0 to 1000")')),
  'certificates per frontend': CERTIFICATES,
  'certificates per port': CERTIFICATES,
  'match regexes': range('RE2 syntax, counted repetition at most 1000', doc(RE2)),
  redirects: range(
    "port and query kept (query '' strips it); https only from http frontends; redirectHttpToHttps to 443",
    api('HttpRedirectAction (hostRedirect, pathRedirect, prefixRedirect, httpsRedirect, stripQuery; no port)'),
  ),
  algorithms: range(
    regional
      ? 'external: round-robin, weighted-round-robin or ip-hash (localityLbPolicy is not accepted on regional EXTERNAL_MANAGED)'
      : 'every lbkit algorithm',
    api(
      'BackendService.localityLbPolicy ("applicable to either: a regional backend service ... INTERNAL_MANAGED; a global backend service ... EXTERNAL_MANAGED")',
    ),
  ),
  'sessionPersistence app-cookie': range(
    regional ? 'internal only (consistentHash.httpCookie is accepted on regional INTERNAL_MANAGED)' : 'none (see the cell)',
    api('BackendService.consistentHash'),
  ),
  'route rules': range('priorities 0-2147483647, unique per path matcher', api('HttpRouteRule.priority')),
  tags: TAGS,
  ...PROTECTION_RANGE_TEXT,
});

// Every GCP column compiles a field the spec leaves out to GCP's own default (plan/defaults.ts, SEMANTICS.md).
export const GCP_ALB_GLOBAL: TargetColumn = { nativeDefaults: true, support: albSupport(false), ranges: albRangeText(false), checkRanges: albRanges(false) };
export const GCP_ALB_REGIONAL: TargetColumn = { nativeDefaults: true, support: albSupport(true), ranges: albRangeText(true), checkRanges: albRanges(true) };

const nlbSupport = (proxy: boolean): Record<string, Support> => ({
  ...BACKEND_SERVICE_CELLS,
  ...withSource(l4HttpCells('gcp-alb-global or gcp-alb-regional'), LAYER_SOURCE),
  'lb.scheme.internal': native(
    proxy ? 'regional internal proxy NLB (tcp)' : 'INTERNAL passthrough',
    api(proxy ? 'BackendService.LoadBalancingScheme INTERNAL_MANAGED' : 'BackendService.LoadBalancingScheme INTERNAL'),
  ),
  'lb.ip.dualstack': native('one forwarding rule per IP version', api('ForwardingRule.ipVersion (IPV4, IPV6)')),
  'lb.access-logs': proxy
    ? native(
        'backend service logConfig: a log entry per connection (sampleRate 1)',
        doc('https://cloud.google.com/load-balancing/docs/tcp/tcp-ssl-proxy-logging-monitoring (logs aggregated for each connection; logConfig.sampleRate)'),
      )
    : nearest(
        'backend service logConfig: per-connection logs built from sampled packets (not every packet is sampled; at worst 1 in 1,024), not a record of every connection',
        doc(
          'https://cloud.google.com/load-balancing/docs/network/networklb-monitoring and https://cloud.google.com/load-balancing/docs/internal/internal-logging-monitoring (logs sampling and collection)',
        ),
      ),
  'frontend.protocol.tcp': native(proxy ? 'target TCP proxy' : 'forwarding rule TCP', api(proxy ? 'TargetTcpProxy' : 'ForwardingRule.IPProtocolEnum TCP')),
  'frontend.protocol.tls': proxy
    ? native('target SSL proxy (global external)', api('TargetSslProxy'))
    : unsupported('gcp-nlb-proxy (target SSL proxy)', doc(`${CHOOSING} (passthrough Network Load Balancers do not terminate TLS)`)),
  'frontend.protocol.udp': proxy
    ? unsupported('gcp-nlb-passthrough', doc(`${CHOOSING} (proxy Network Load Balancers are TCP only)`))
    : native('forwarding rule UDP', api('ForwardingRule.IPProtocolEnum UDP')),
  'frontend.tls.minimum-1.3': proxy
    ? native('SSL policy RESTRICTED, TLS_1_3', api('TargetSslProxy.sslPolicy, SslPolicy.minTlsVersion'))
    : unsupported('gcp-nlb-proxy', doc(`${CHOOSING} (passthrough: no TLS termination)`)),
  'frontend.tls.sni-certificates': proxy
    ? native('several certificates on the target SSL proxy', api('TargetSslProxy.sslCertificates'))
    : unsupported('gcp-nlb-proxy', doc(`${CHOOSING} (passthrough: no TLS termination)`)),
  'frontend.tls.mtls-verify': unsupported('mTLS in the members behind a tcp frontend', doc(`${MTLS} (Application Load Balancers only)`)),
  'frontend.tls.mtls-passthrough': unsupported('a tcp frontend: TLS passes through to the members', doc(`${MTLS} (Application Load Balancers only)`)),
  'frontend.idle-timeout': proxy
    ? nearest(
        "backend service timeoutSec: the proxy's timeout for an idle connection",
        api('BackendService.timeoutSec ("a different meaning depending on the type of load balancer")'),
      )
    : native('connectionTrackingPolicy idleTimeoutSec', api('BackendServiceConnectionTrackingPolicy.idleTimeoutSec')),
  'frontend.allowed-source-cidrs': proxy
    ? unsupported(
        "a VPC firewall rule on the members (behind a proxy they see the proxy's address)",
        doc(`${CHOOSING} (proxy Network Load Balancers: members see the proxy's address)`),
      )
    : native('forwarding rule sourceIpRanges (external) and a VPC firewall rule admitting only those clients', api('ForwardingRule.sourceIpRanges')),
  'action.forward': native('backend service', api('ForwardingRule.backendService')),
  'action.weighted-forward': unsupported(
    'forward to one pool: a forwarding rule reaches one backend service',
    api('ForwardingRule.backendService (one backend service)'),
  ),
  'pool.protocol.tcp': native('backend service protocol TCP', api('BackendService.Protocol TCP')),
  'pool.protocol.tls': proxy
    ? native('backend service protocol SSL', api('BackendService.Protocol SSL'))
    : unsupported('tcp (passthrough does not originate TLS)', doc(`${CHOOSING} (passthrough)`)),
  'pool.protocol.udp': proxy
    ? unsupported('gcp-nlb-passthrough', doc(`${CHOOSING} (proxy Network Load Balancers are TCP only)`))
    : native('backend service protocol UDP', api('BackendService.Protocol UDP')),
  'pool.algorithm.round-robin': nearest(
    proxy ? 'balancingMode spreads connections by load' : 'MAGLEV: a 5-tuple hash per connection',
    api(proxy ? 'Backend.balancingMode' : 'BackendService.localityLbPolicy MAGLEV'),
  ),
  'pool.algorithm.weighted-round-robin': unsupported(
    'round-robin; endpoints carry no static weights',
    api('BackendService.localityLbPolicy (WEIGHTED_MAGLEV weighs by health-check-reported weights)'),
  ),
  'pool.algorithm.least-connections': proxy
    ? nearest('balancingMode CONNECTION', api('Backend.balancingMode CONNECTION'))
    : unsupported('round-robin (5-tuple hash)', api('BackendService.localityLbPolicy (MAGLEV or WEIGHTED_MAGLEV for external passthrough)')),
  'pool.algorithm.ip-hash': proxy
    ? nearest('sessionAffinity CLIENT_IP', api('BackendService.sessionAffinity CLIENT_IP'))
    : native('sessionAffinity CLIENT_IP (MAGLEV when external)', api('BackendService.sessionAffinity CLIENT_IP')),
  'pool.algorithm.least-response-time': unsupported('round-robin', api('BackendService.localityLbPolicy (no latency-based policy)')),
  'pool.algorithm.random': proxy
    ? nearest('balancingMode: connections spread by load', api('Backend.balancingMode'))
    : native('a 5-tuple hash per connection (MAGLEV when external)', api('BackendService.sessionAffinity NONE (5-tuple hash)')),
  'pool.passive-health': unsupported(
    'active health checks only',
    api('BackendService.outlierDetection (applicable to INTERNAL_SELF_MANAGED, EXTERNAL_MANAGED and INTERNAL_MANAGED HTTP services only)'),
  ),
  'pool.persistence.source-ip': native('sessionAffinity CLIENT_IP', api('BackendService.sessionAffinity CLIENT_IP')),
  // HTTP/2 and gRPC (issue 20)
  ...Object.fromEntries(
    GRPC_HTTP2_FEATURES.map((id) => [
      id,
      unsupported(
        'a tcp frontend and tcp pool: the network load balancer passes HTTP/2 and gRPC through to members that terminate them',
        cite('https://cloud.google.com/load-balancing/docs/network', '2026-12-02'),
      ),
    ]),
  ),
  // Operations (issue 19): alarms and protection
  ...nlbOperationsCells(proxy),
});

const intervalRanges = (scope: ModelScope) =>
  scope.pools.flatMap((p) =>
    compact([outside(`${p.path}.healthCheck.intervalSeconds`, 'healthCheck.intervalSeconds', p.healthCheck.intervalSeconds, 1, 300, 's')]),
  );

/** Passthrough keeps the destination port, so members must listen on the frontend's port. */
function passthroughRanges(scope: ModelScope): RangeViolation[] {
  const internal = scope.model.scheme === 'internal';
  return [
    ...scope.frontends.flatMap((f) => {
      const action = f.defaultAction;
      const pool = action?.type === 'forward' ? scope.pools.find((p) => p.name === action.pool) : undefined;
      return compact([
        // Judged only when written (nativeDefaults): left out, GCP's own 60 s (external) or 600 s (internal) applies.
        outside(
          `${f.path}.idleTimeoutSeconds`,
          `idleTimeoutSeconds (${internal ? 'internal' : 'external'})`,
          f.idleTimeoutSeconds,
          internal ? 600 : 60,
          57600,
          's',
        ),
        pool && pool.port !== f.port
          ? violation(
              `${pool.path}.port`,
              'pool port = frontend port (passthrough does not translate ports; gcp-nlb-proxy does)',
              `pool '${pool.name}' listens on ${pool.port}, frontend '${f.name}' on ${f.port}`,
            )
          : undefined,
        !internal
          ? outside(`${f.path}.allowedSourceCidrs`, 'allowedSourceCidrs (forwarding rule sourceIpRanges)', f.allowedSourceCidrs.length, 0, 64)
          : undefined,
      ]);
    }),
    ...intervalRanges(scope),
    ...labelRanges(scope),
    ...networkDdosRanges(scope),
  ];
}

function proxyRanges(scope: ModelScope): RangeViolation[] {
  return [
    ...(scope.model.scheme === 'internal'
      ? scope.frontends
          .filter((f) => f.protocol === 'tls')
          .map((f) =>
            violation(
              `${f.path}.protocol`,
              'tls frontends on external load balancers (the target SSL proxy is global external)',
              `frontend '${f.name}': internal proxy Network Load Balancers are tcp only`,
            ),
          )
      : []),
    ...intervalRanges(scope),
    ...certificateRanges(scope),
    ...labelRanges(scope),
  ];
}

export const GCP_NLB_PASSTHROUGH: TargetColumn = {
  nativeDefaults: true,
  support: nlbSupport(false),
  ranges: {
    idleTimeoutSeconds: range(
      '60-57600 external, 600-57600 internal (left out: 60 s external, 600 s internal)',
      api('BackendServiceConnectionTrackingPolicy.idleTimeoutSec ("The minimum (default) is 10 minutes and the maximum is 16 hours"; external default 60 s)'),
    ),
    'pool.port': range('the frontend port', doc('https://cloud.google.com/load-balancing/docs/network (passthrough: packets keep their destination port)')),
    allowedSourceCidrs: range('at most 64 (external)', api('ForwardingRule.sourceIpRanges ("can only have up to 64 source IP ranges")')),
    'healthCheck.intervalSeconds': HEALTH_INTERVAL,
    tags: TAGS,
    'protection.ddos': NETWORK_DDOS_RANGE,
  },
  checkRanges: passthroughRanges,
};
export const GCP_NLB_PROXY: TargetColumn = {
  nativeDefaults: true,
  support: nlbSupport(true),
  ranges: {
    'healthCheck.intervalSeconds': HEALTH_INTERVAL,
    protocol: range('tls only on external load balancers', api('TargetSslProxy (global; no regional target SSL proxy)')),
    'certificates per frontend': CERTIFICATES,
    tags: TAGS,
  },
  checkRanges: proxyRanges,
};

/**
 * HTTP/2 and gRPC on a GCP Application Load Balancer (issue 20): clients get HTTP/2 over TLS only, so gRPC
 * pools sit behind https frontends; regional load balancers take HTTP2 (TLS) backends, H2C is not confirmed
 * for them (https://cloud.google.com/load-balancing/docs/backend-service#protocol-to-backends).
 */
function gcpHttp2Ranges(scope: ModelScope, regional: boolean): RangeViolation[] {
  return [
    ...grpcBehindHttpFrontends(scope, 'gRPC pools behind https frontends (HTTP/2 to clients over TLS only)'),
    ...(regional
      ? scope.pools
          .filter((p) => p.protocol === 'http' && p.http2)
          .map((p) => ({
            path: `${p.path}.http2`,
            accepted: 'http2 on https pools (HTTP2 backends); H2C is not confirmed for regional load balancers',
            message: `pool '${p.name}' asks for HTTP/2 in clear`,
          }))
      : []),
  ];
}
