/**
 * Kubernetes Gateway columns: the portable Gateway API v1.6 standard channel (k8s-gateway), Envoy Gateway v1.9
 * with its policies (k8s-envoy-gateway) and the GKE Gateway controller with its policies (k8s-gke-gateway).
 *
 * Sources (each cell names the field it uses):
 * - Gateway API v1.6.1 CRDs, ../shared/reference/k8s-crds/gateway-api-v1.6.1/{standard,experimental} (field enums,
 *   limits and CEL rules), and the spec reference https://gateway-api.sigs.k8s.io/reference/spec/ (HTTPRouteRule
 *   precedence, HTTPPathMatch 'RegularExpression: Implementation-specific', HTTPHeaderMatch 'Exact' compares values
 *   as written, HTTPRequestRedirectFilter port rules).
 * - Envoy Gateway v1.9.0 CRDs, ../shared/reference/k8s-crds/envoy-gateway-v1.9.0 (BackendTrafficPolicy loadBalancer,
 *   healthCheck.active/passive, retry, rateLimit.local; ClientTrafficPolicy tls, timeout, clientIPDetection;
 *   SecurityPolicy authorization.principal.clientCIDRs; HTTPRouteFilter directResponse), and
 *   https://gateway.envoyproxy.io/latest/tasks/traffic/local-rate-limit/ ('Local rate limiting applies rate limits
 *   to the traffic flowing through a single instance of Envoy proxy'; 'Limit is applied per route').
 * - GKE: https://cloud.google.com/kubernetes-engine/docs/how-to/configure-gateway-resources (HealthCheckPolicy and
 *   GCPBackendPolicy attach to a Service, one per Service), https://cloud.google.com/kubernetes-engine/docs/how-to/gatewayclass-capabilities,
 *   https://googlecloudplatform.github.io/gke-gateway-api (HealthCheckPolicy, GCPBackendPolicy fields). A GKE Gateway
 *   is a GCP Application Load Balancer, so the data-plane limits of providers/gcp (no slow start, fail open, only
 *   200 as health-check success code) hold here too.
 */
import type { ModelScope } from '../../lib/capabilities/features';
import { l7TransportCells } from '../../lib/capabilities/layer-cells';
import { re2Ranges } from '../../lib/capabilities/regexes';
import { redirectStatusCells } from '../../lib/capabilities/redirect-cells';
import { cite, native, nearest, unsupported, type RangeViolation, type Support, type TargetColumn } from '../../lib/capabilities/support';
import { filterCells } from './capabilities-filters';
import { poolPolicyCells } from './capabilities-pool-policies';
import { grpcCells } from './capabilities-grpc';
import { gatewayRanges, type GatewayFlavour } from './ranges';

const IMPL_SPECIFIC = 'Implementation-specific in the Gateway API spec';

/** Rows every Gateway flavour shares (the standard channel's Core and Extended fields). */
/**
 * Listeners with host names: one Listener per host name (Listener.hostname) on the shared port. The spec binds by
 * SNI and Host and SHOULD answer 421 to a misdirected request, MUST 404 when no listener matches.
 */
function hostnamesCell(f: GatewayFlavour): Support {
  const spec = cite('gateway.networking.k8s.io_gateways.yaml, Gateway API v1.6.1 (spec.listeners[].hostname: SNI and Host, 421, 404)', '2026-12-02');
  if (f === 'envoy')
    return nearest(
      'one Listener per host name; Envoy Gateway answers 404 rather than 421 when SNI and Host pick different listeners (its conformance reports list GatewayHTTPSListenerDetectMisdirectedRequests as unsupported)',
      cite('https://github.com/envoyproxy/gateway/issues/9577', '2026-12-02'),
    );
  if (f === 'gke')
    return unsupported(
      'one listener without hostname, with HTTPRoute hostnames (lbkit has not verified how the GKE Gateway controller maps listener hostnames and 421)',
      spec,
    );
  return native(
    "one Listener per host name (Listener.hostname) on the shared port; 421 is the spec's SHOULD (conformance feature GatewayHTTPSListenerDetectMisdirectedRequests)",
    spec,
  );
}

function common(f: GatewayFlavour): Record<string, Support> {
  return {
    'lb.scheme.internal':
      f === 'gke'
        ? native('gatewayClassName gke-l7-rilb (regional internal Application Load Balancer)')
        : nearest('the GatewayClass decides the address (placement gatewayClassName); the Gateway API has no internal/external field'),
    'lb.ip.dualstack':
      f === 'envoy'
        ? nearest('the EnvoyProxy named by the GatewayClass parametersRef decides the IP families (ipFamily DualStack); lbkit writes no EnvoyProxy')
        : nearest('Gateway spec.addresses or the GatewayClass decide the IP families; no portable field'),
    'lb.deletion-protection': unsupported('none: Kubernetes objects have no deletion protection (use RBAC or a finalizer)'),
    'lb.access-logs':
      f === 'envoy'
        ? nearest('EnvoyProxy telemetry.accessLog (the GatewayClass parametersRef): lbkit writes no EnvoyProxy, the cluster default applies')
        : f === 'gke'
          ? native('GCPBackendPolicy default.logging.enabled')
          : unsupported('implementation policies (k8s-envoy-gateway, k8s-gke-gateway)'),
    'frontend.protocol.http': native('Gateway listener protocol HTTP + HTTPRoute'),
    'frontend.protocol.https': native('Gateway listener protocol HTTPS, tls.mode Terminate, certificateRefs Secret'),
    'frontend.tls.minimum-1.3':
      f === 'envoy'
        ? native('ClientTrafficPolicy tls.minVersion 1.3 on the listener (sectionName)')
        : f === 'gke'
          ? nearest('a GCP SSL policy named by GCPGatewayPolicy default.sslPolicy (lbkit does not create the SSL policy)')
          : unsupported('k8s-envoy-gateway (ClientTrafficPolicy tls.minVersion)'),
    'frontend.tls.sni-certificates': native('several listener tls.certificateRefs (the implementation picks by SNI)'),
    'frontend.hostnames': hostnamesCell(f),
    'frontend.tls.mtls-verify':
      f === 'gke'
        ? unsupported('mTLS in the members (GKE Gateway frontend mTLS is not in the standard channel objects lbkit writes)')
        : native('Gateway spec.tls.frontend.default.validation, mode AllowValidOnly, caCertificateRefs ConfigMap (v1.6 standard)'),
    'frontend.tls.mtls-passthrough':
      f === 'envoy'
        ? nearest('ClientTrafficPolicy tls.clientValidation optional: Envoy forwards the certificate in X-Forwarded-Client-Cert, not RFC 9440 Client-Cert')
        : nearest('frontend validation mode AllowInsecureFallback: clients without a valid certificate pass, the members do not receive it'),
    'frontend.redirect-http-to-https': native('an HTTPRoute on the http listener with one RequestRedirect filter, scheme https'),
    'frontend.idle-timeout':
      f === 'envoy'
        ? native('ClientTrafficPolicy timeout.http.idleTimeout on the listener')
        : f === 'gke'
          ? unsupported('the GCP default keep-alive (610 s): GKE Gateway has no policy field for it')
          : unsupported('k8s-envoy-gateway (ClientTrafficPolicy timeout.http.idleTimeout)'),
    'frontend.allowed-source-cidrs':
      f === 'envoy'
        ? native('SecurityPolicy authorization: defaultAction Deny, a rule Allow for principal.clientCIDRs (403 otherwise)')
        : f === 'gke'
          ? nearest('a Cloud Armor policy named by GCPBackendPolicy default.securityPolicy (lbkit does not create it)')
          : unsupported('k8s-envoy-gateway (SecurityPolicy clientCIDRs) or a NetworkPolicy on the gateway pods'),
    // lbkit's most-specific order is the Gateway API precedence across routes (host first); within one host's route
    // (host-routes.ts copies every rule that applies there) the ranges refuse the orders precedence would change.
    'frontend.rule-order.most-specific': native(
      'the Gateway API HTTPRoute precedence (hostname, path length, method, headers, query); orders it would change within one host are range problems',
    ),
    'rule.match.host.exact': native('HTTPRoute spec.hostnames (one route per host)'),
    'rule.match.host.wildcard': native("HTTPRoute spec.hostnames '*.domain' (suffix of one or more labels)"),
    'rule.match.path.exact': native('HTTPPathMatch type Exact'),
    'rule.match.path.prefix': native('HTTPPathMatch type PathPrefix (whole path segments)'),
    'rule.match.path.regex':
      f === 'portable'
        ? nearest(`HTTPPathMatch type RegularExpression: dialect and precedence are ${IMPL_SPECIFIC}`)
        : f === 'envoy'
          ? native('HTTPPathMatch RegularExpression, RE2 (Envoy safe_regex)')
          : native('HTTPPathMatch RegularExpression (RE2, URL map regexMatch)'),
    // Gateway API: header values compare as written ('Exact'); lbkit compares them case-insensitively.
    'rule.match.header.exact':
      f === 'portable'
        ? nearest('HTTPHeaderMatch type Exact compares the value case-sensitively (lbkit: case-insensitively)')
        : native("HTTPHeaderMatch RegularExpression '(?i)' + the quoted value (RE2): case-insensitive as lbkit"),
    'rule.match.header.prefix':
      f === 'portable'
        ? unsupported(`HTTPHeaderMatch Exact (prefix only through RegularExpression, ${IMPL_SPECIFIC})`)
        : native("HTTPHeaderMatch RegularExpression '(?i)' + the quoted prefix + '.*' (RE2)"),
    'rule.match.header.regex':
      f === 'portable' ? nearest(`HTTPHeaderMatch RegularExpression (${IMPL_SPECIFIC})`) : native('HTTPHeaderMatch RegularExpression (RE2)'),
    'rule.match.header.present':
      f === 'portable'
        ? unsupported(`HTTPHeaderMatch Exact with a known value (presence only through RegularExpression, ${IMPL_SPECIFIC})`)
        : native("HTTPHeaderMatch RegularExpression '.*'"),
    // HTTPQueryParamMatch: 'Name is the name of the HTTP query param to be matched. This must be an exact string match.'
    'rule.match.query.exact': nearest('HTTPQueryParamMatch Exact: names and values compare case-sensitively (lbkit: case-insensitively)'),
    'rule.match.query.present':
      f === 'portable'
        ? unsupported(`HTTPQueryParamMatch Exact with a known value (presence only through RegularExpression, ${IMPL_SPECIFIC})`)
        : nearest("HTTPQueryParamMatch RegularExpression '.*': the name compares case-sensitively"),
    'rule.match.method':
      f === 'gke' ? unsupported('a path or header condition (GKE URL maps do not route on the method)') : native('HTTPRouteMatch method (Extended)'),
    'rule.match.source': unsupported('no route match on the client address: a SecurityPolicy (k8s-envoy-gateway) can only allow or deny'),
    'action.forward': native('HTTPRoute backendRefs: one Service'),
    'action.weighted-forward': native('HTTPRoute backendRefs with weights'),
    'action.weighted-forward.stickiness': unsupported('weighted-forward without stickiness: backendRef weights pick per request'),
    'action.redirect': native('RequestRedirect filter (scheme, hostname, port, ReplaceFullPath; the query is kept)'),
    ...redirectStatusCells((status) => native(`RequestRedirect statusCode ${status} (${status <= 302 ? 'Core' : 'Extended'})`)),
    'action.fixed-response':
      f === 'envoy'
        ? native('HTTPRouteFilter directResponse (statusCode, contentType, body.inline) through an ExtensionRef filter')
        : unsupported('a RequestRedirect, or k8s-envoy-gateway (HTTPRouteFilter directResponse)'),
    'pool.protocol.http': native('backendRef to the Service port'),
    // BackendTLSPolicy validation needs a CA (caCertificateRefs or wellKnownCACertificates) and a hostname.
    'pool.protocol.https': nearest(
      'BackendTLSPolicy with validation: the Gateway verifies the member certificate for <service>.<namespace>.svc against the system CAs',
    ),
  };
}

/** Pool and rate-limit rows, which only implementation policies can carry. */
function policies(f: GatewayFlavour, experimental: string): Record<string, Support> {
  if (f === 'envoy') {
    return {
      'pool.algorithm.round-robin': native('BackendTrafficPolicy loadBalancer.type RoundRobin'),
      'pool.algorithm.weighted-round-robin': nearest('RoundRobin: EndpointSlice endpoints carry no weights'),
      'pool.algorithm.least-connections': nearest('LeastRequest: the fewer active requests of two random endpoints (power of two choices)'),
      'pool.algorithm.ip-hash': native('loadBalancer.type ConsistentHash, consistentHash.type SourceIP (Maglev)'),
      'pool.algorithm.least-response-time': nearest('LeastRequest: active requests, no latency term'),
      'pool.algorithm.random': native('loadBalancer.type Random'),
      'pool.health.tcp': native('healthCheck.active type TCP'),
      'pool.health.http': native('healthCheck.active type HTTP, http.path'),
      'pool.health.https': nearest("healthCheck.active type HTTP over the BackendTLSPolicy connection: Envoy probes with the cluster's transport"),
      'pool.health.success-codes': native('healthCheck.active.http.expectedStatuses (each code listed)'),
      'pool.health.healthy-threshold': native('healthCheck.active.healthyThreshold'),
      'pool.health.asymmetric-thresholds': native('healthyThreshold and unhealthyThreshold'),
      'pool.passive-health': native('healthCheck.passive consecutive5XxErrors, baseEjectionTime, maxEjectionPercent'),
      'pool.persistence.lb-cookie': native('loadBalancer ConsistentHash type Cookie with ttl: Envoy generates the cookie'),
      'pool.persistence.app-cookie': nearest("ConsistentHash type Cookie on the application's cookie: hashed, not bound to the member that set it"),
      'pool.persistence.source-ip': native('ConsistentHash type SourceIP'),
      'pool.draining': nearest('Envoy drains the endpoints Kubernetes removes; the drain time is the EnvoyProxy shutdown setting, not per pool'),
      'pool.slow-start': native('loadBalancer.slowStart.window (RoundRobin and LeastRequest only)'),
      'pool.fail-open': nearest(
        'healthCheck.panicThreshold 1: Envoy panics (sends to every endpoint) when fewer than 1% are healthy, which is none only below 100 endpoints',
      ),
      'pool.fail-closed': native('healthCheck.panicThreshold 0 (no panic mode: 503 when none is healthy)'),
      'rate-limit.client-ip': nearest(
        'rateLimit.local rule, clientSelectors sourceCIDR 0.0.0.0/0 and ::/0 type Distinct: a token bucket per Envoy replica and per route (https://gateway.envoyproxy.io/latest/tasks/traffic/local-rate-limit/)',
      ),
      'rate-limit.header': nearest('rateLimit.local rule, clientSelectors headers type Distinct: per Envoy replica and per route'),
      'rate-limit.rule-scope': native('the BackendTrafficPolicy targets only the HTTPRoutes of the scoped rules'),
      'rate-limit.custom-status': unsupported('429: local rate limits always answer 429'),
      'rate-limit.frontend-subset': native('the BackendTrafficPolicy targets the HTTPRoutes of the scoped frontends only'),
    };
  }
  if (f === 'gke') {
    return {
      'pool.algorithm.round-robin': nearest(
        'GKE Gateway sets the backend service policy (WEIGHTED_MAGLEV or ROUND_ROBIN by class); no GCPBackendPolicy field chooses it',
      ),
      'pool.algorithm.weighted-round-robin': unsupported('round-robin'),
      'pool.algorithm.least-connections': unsupported('round-robin: no GCPBackendPolicy algorithm field'),
      'pool.algorithm.ip-hash': native('GCPBackendPolicy default.sessionAffinity type CLIENT_IP'),
      'pool.algorithm.least-response-time': unsupported('round-robin: no GCPBackendPolicy algorithm field'),
      'pool.algorithm.random': unsupported('round-robin: no GCPBackendPolicy algorithm field'),
      'pool.health.tcp': native('HealthCheckPolicy default.config type TCP'),
      'pool.health.http': native('HealthCheckPolicy default.config type HTTP, httpHealthCheck.requestPath'),
      'pool.health.https': native('HealthCheckPolicy default.config type HTTPS, httpsHealthCheck.requestPath'),
      'pool.health.success-codes': unsupported('successCodes 200: GCP HTTP health checks accept only 200'),
      'pool.health.healthy-threshold': native('HealthCheckPolicy default.healthyThreshold'),
      'pool.health.asymmetric-thresholds': native('HealthCheckPolicy healthyThreshold and unhealthyThreshold'),
      'pool.passive-health': unsupported('active health checks (GCPBackendPolicy has no outlier detection)'),
      'pool.persistence.lb-cookie': native('GCPBackendPolicy default.sessionAffinity type GENERATED_COOKIE, cookieTtlSec'),
      'pool.persistence.app-cookie': unsupported('lb-cookie (GENERATED_COOKIE)'),
      'pool.persistence.source-ip': native('GCPBackendPolicy default.sessionAffinity type CLIENT_IP'),
      'pool.draining': native('GCPBackendPolicy default.connectionDraining.drainingTimeoutSec'),
      'pool.slow-start': unsupported('none: GCP backend services have no slow start'),
      'pool.fail-open': native('GCP sends to all backends when none is healthy'),
      'pool.fail-closed': unsupported('fail-open: GCP load balancers fail open'),
      'rate-limit.client-ip': unsupported('a Cloud Armor policy named by GCPBackendPolicy default.securityPolicy, written outside lbkit'),
      'rate-limit.header': unsupported('a Cloud Armor policy written outside lbkit'),
      'rate-limit.rule-scope': unsupported('a Cloud Armor policy written outside lbkit'),
      'rate-limit.custom-status': unsupported('a Cloud Armor policy written outside lbkit'),
      'rate-limit.frontend-subset': unsupported('a Cloud Armor policy written outside lbkit'),
    };
  }
  const policy = 'an implementation policy (k8s-envoy-gateway BackendTrafficPolicy, k8s-gke-gateway GCPBackendPolicy)';
  return {
    'pool.algorithm.round-robin': nearest("the implementation's default algorithm (the standard channel has no algorithm field)"),
    'pool.algorithm.weighted-round-robin': unsupported(policy),
    'pool.algorithm.least-connections': unsupported(policy),
    'pool.algorithm.ip-hash': unsupported(policy),
    'pool.algorithm.least-response-time': unsupported(policy),
    'pool.algorithm.random': nearest("the implementation's default algorithm (the standard channel has no algorithm field)"),
    'pool.health.tcp': nearest(
      "the pods' readinessProbe: Gateway API implementations route to Ready EndpointSlice endpoints; the standard channel has no probe",
    ),
    'pool.health.http': nearest("the pods' readinessProbe (httpGet): the standard channel has no probe"),
    'pool.health.https': nearest("the pods' readinessProbe (httpGet scheme HTTPS): the standard channel has no probe"),
    'pool.health.success-codes': unsupported(`readinessProbe httpGet counts 200-399 as success; or ${policy}`),
    'pool.health.healthy-threshold': nearest('readinessProbe successThreshold'),
    'pool.health.asymmetric-thresholds': nearest('readinessProbe successThreshold and failureThreshold'),
    'pool.passive-health': unsupported(policy),
    'pool.persistence.lb-cookie':
      experimental === 'experimental'
        ? native('HTTPRoute rule sessionPersistence type Cookie, cookieConfig lifetimeType Permanent, absoluteTimeout (experimental channel)')
        : unsupported("placement channel 'experimental' (HTTPRoute sessionPersistence) or an implementation policy"),
    'pool.persistence.app-cookie': unsupported("lb-cookie: sessionPersistence cookies are the implementation's own"),
    'pool.persistence.source-ip': unsupported(policy),
    'pool.draining': nearest('the implementation drains endpoints Kubernetes removes (terminating endpoints); no per-pool time'),
    'pool.slow-start': unsupported(policy),
    'pool.fail-open': nearest('implementation-defined when no endpoint is Ready (most answer 503)'),
    'pool.fail-closed': nearest('implementation-defined: no Ready endpoint commonly answers 503'),
    'rate-limit.client-ip': unsupported('k8s-envoy-gateway (BackendTrafficPolicy rateLimit.local)'),
    'rate-limit.header': unsupported('k8s-envoy-gateway (BackendTrafficPolicy rateLimit.local)'),
    'rate-limit.rule-scope': unsupported('k8s-envoy-gateway'),
    'rate-limit.custom-status': unsupported('k8s-envoy-gateway (429 only)'),
    'rate-limit.frontend-subset': unsupported('k8s-envoy-gateway'),
  };
}

/** Transport rows: TCPRoute, TLSRoute and UDPRoute are in the v1.6 standard channel (the CRDs ship in standard/). */
function transport(f: GatewayFlavour): Record<string, Support> {
  if (f === 'gke') return l7TransportCells('k8s-service (GKE Gateway classes are L7; L4 is a Service of type LoadBalancer)');
  return {
    'frontend.protocol.tcp': native('Gateway listener protocol TCP + TCPRoute'),
    // TLSRoute spec.hostnames is required: the route only takes clients whose SNI names one of them.
    'frontend.protocol.tls': nearest(
      "Gateway listener protocol TLS, tls.mode Terminate, + TLSRoute with the certificates' domains as hostnames: a client whose SNI names none of them is refused",
    ),
    'frontend.protocol.udp': native('Gateway listener protocol UDP + UDPRoute'),
    'pool.protocol.tcp': native('TCPRoute/TLSRoute backendRefs'),
    'pool.protocol.tls': nearest(
      'BackendTLSPolicy on the Service behind a TLSRoute: the member certificate is verified (system CAs, <service>.<namespace>.svc)',
    ),
    'pool.protocol.udp': native('UDPRoute backendRefs'),
  };
}

/**
 * Case rows of rule conditions (issue 16), and the filter, timeout and retry rows of capabilities-filters.ts.
 * Source: gateway.networking.k8s.io_httproutes.yaml (Gateway API v1.6.1, ../shared/reference/k8s-crds).
 */
function l7Conditions(f: GatewayFlavour, channel: 'standard' | 'experimental'): Record<string, Support> {
  const crd = cite('gateway.networking.k8s.io_httproutes.yaml, Gateway API v1.6.1 (spec.rules[].filters, timeouts, matches)', '2026-12-02');
  return {
    // HTTPHeaderMatch Exact and HTTPQueryParamMatch Exact compare values as written, query names too (CRD text).
    'rule.match.header.case-sensitive':
      f === 'portable'
        ? native('HTTPHeaderMatch type Exact: the value compares as written', crd)
        : native("HTTPHeaderMatch type Exact for an exact value; a prefix as RegularExpression, the quoted prefix + '.*' without '(?i)' (RE2)", crd),
    'rule.match.query.case-sensitive':
      f === 'portable'
        ? nearest(`HTTPQueryParamMatch type Exact (name and value as written); a presence condition only through RegularExpression, ${IMPL_SPECIFIC}`, crd)
        : native("HTTPQueryParamMatch type Exact (name and value as written); presence as RegularExpression '.*' (RE2)", crd),
    // HTTPPathMatch Exact and PathPrefix compare with exact case; only an implementation's RegularExpression could fold it.
    'rule.match.path.case-insensitive': unsupported('the same path condition with exact case (HTTPPathMatch Exact and PathPrefix are case-sensitive)', crd),
    ...filterCells(f, channel),
  };
}

/**
 * Operations rows (issue 19). Gateway API v1.6.1 defines no alarm, WAF or DDoS resource (its CRDs in
 * ../shared/reference/k8s-crds); alerts belong to the cluster's monitoring (PrometheusRule on the
 * implementation's metrics), and Envoy Gateway's SecurityPolicy authorization can allow or deny client CIDRs
 * (gateway.envoyproxy.io_securitypolicies.yaml, principal.clientCIDRs). The Kubernetes plan emits none of them yet.
 */
export function operationsPending(ids: readonly string[]): Record<string, Support> {
  const crds = cite(
    'Gateway API v1.6.1 and Envoy Gateway v1.9.0 CRDs (no alarm, WAF or DDoS resource; SecurityPolicy authorization clientCIDRs)',
    '2026-12-02',
  );
  return Object.fromEntries(
    ids.map((id) => [
      id,
      unsupported(
        `${id.startsWith('alarm.') ? "an alerting rule in the cluster's monitoring on the implementation's metrics" : id === 'protection.ip-allow' || id === 'protection.ip-deny' ? 'frontend allowedSourceCidrs, or an Envoy Gateway SecurityPolicy authorization' : 'a WAF or DDoS service in front of the cluster'} (not emitted by the Kubernetes plan)`,
        crds,
      ),
    ]),
  );
}

const OPERATIONS = [
  'alarm.5xx-count',
  'alarm.5xx-ratio',
  'alarm.latency',
  'alarm.unhealthy-members',
  'alarm.healthy-members',
  'alarm.rejected-connections',
  'alarm.rate-limited',
  'protection.managed-rules',
  'protection.ip-allow',
  'protection.ip-deny',
  'protection.geo',
  'protection.ddos-advanced',
];

function column(f: GatewayFlavour, channel: 'standard' | 'experimental' = 'standard'): TargetColumn {
  return {
    // The plan emits no policy field for a setting the spec leaves out (plan/context.ts `written`): only written fields are judged.
    nativeDefaults: true,
    support: {
      ...transport(f),
      ...common(f),
      ...policies(f, channel),
      ...l7Conditions(f, channel),
      ...poolPolicyCells(f, channel),
      ...grpcCells(f),
      ...operationsPending(OPERATIONS),
    },
    ranges: {
      'rules per host and frontend': 'at most 16 with the default action (HTTPRoute spec.rules maxItems 16)',
      matches: 'at most 64 per rule and 128 per HTTPRoute (paths x methods)',
      listeners: 'at most 64 per Gateway',
      'route hostnames': 'at most 16 per HTTPRoute',
      weights: '0-1000000',
      'rule order': 'an order Gateway API precedence keeps within each host, where rules overlap',
      'header and query conditions': 'one per name in a rule',
      redirects: 'the query is kept (redirect.query cannot be set)',
      'header modifiers': 'at most 16 headers in each of set, add and remove; values of at least one character',
      'prefix replacements': "under prefixes other than '/' (or with the replacement '/')",
      ...(f === 'gke' ? { 'redirect ports': "the scheme's well-known port (HTTPRoutePortRedirect unsupported)" } : {}),
      ...(f === 'envoy' ? { 'rateLimits.windowSeconds': '1, 60, 3600, 86400 (Second, Minute, Hour, Day)', regexes: 'RE2' } : {}),
      ...(f === 'gke' ? { 'healthCheck.intervalSeconds': '1-300', regexes: 'RE2' } : {}),
    },
    checkRanges: (scope: ModelScope): RangeViolation[] => [
      ...gatewayRanges(scope, f),
      ...(f === 'portable' ? [] : re2Ranges(scope, f === 'envoy' ? 'Envoy safe_regex' : 'GCP URL maps')),
    ],
  };
}

export const K8S_GATEWAY = column('portable');
/** k8s-gateway with placement channel 'experimental': HTTPRoute sessionPersistence, retry and XBackendTrafficPolicy become available. */
export const K8S_GATEWAY_EXPERIMENTAL = column('portable', 'experimental');
export const K8S_ENVOY_GATEWAY = column('envoy');
export const K8S_GKE_GATEWAY = column('gke');
