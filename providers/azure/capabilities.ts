/**
 * Azure columns: Azure Load Balancer Standard (L4) and Application Gateway v2 (L7), as @pulumi/azure-native
 * 3.28 (network API 2024-05-01) exposes them. Sources: ../shared/reference/cloud-matrix.md, the azure-native
 * .d.ts files and the Azure docs (load-balancer-custom-probe-overview, application-gateway-probe-overview,
 * configuration-http-settings, url-route-overview, application-gateway-ssl-policy-overview,
 * web-application-firewall/ag/rate-limiting-overview, custom-waf-rules-overview, configure-custom-response-code).
 * Each cell and range names its page and check date (sources.ts); `lbkit plan --explain` prints them.
 */
import type { ModelScope } from '../../lib/capabilities/features';
import { redirectDestination, type RedirectAction, type RedirectDestination } from '../../lib/model/derived';
import type { ActionModel, FrontendModel, RuleModel } from '../../lib/model/types';
import { cite, compact, native, nearest, notOneOf, outside, unsupported, type RangeViolation, type TargetColumn } from '../../lib/capabilities/support';
import { SRC, sourcedCells } from './sources';
import { GRPC_HTTP2_FEATURES, l4HttpCells, l7TransportCells } from '../../lib/capabilities/layer-cells';
import { AZURE_APPGW_OPS, AZURE_APPGW_OPS_RANGES, AZURE_LB_OPS, AZURE_LB_OPS_RANGES, lbAlarmRanges, protectedBlockStatus } from './capabilities-ops';

const NO_TLS = 'TLS in the members (Azure Load Balancer does not terminate TLS)';
const HOST_PATH_ONLY = 'a host or path condition (Application Gateway v2 routes on host and path only)';
/** Where the Application Gateway routing cells of issue 16 rest. */
const AGW_URL_ROUTING = cite('https://learn.microsoft.com/azure/application-gateway/url-route-overview', '2026-12-02');
const AGW_HTTP_SETTINGS = cite('https://learn.microsoft.com/azure/application-gateway/configuration-http-settings', '2026-12-02');
const AGW_REWRITE = cite('https://learn.microsoft.com/azure/application-gateway/rewrite-http-headers-url', '2026-12-02');
/** Azure Load Balancer refuses HTTP probes on these ports (load-balancer-custom-probe-overview, Limitations). */
const BLOCKED_HTTP_PROBE_PORTS = [19, 21, 25, 70, 110, 119, 143, 220, 993];
/**
 * Load-balancing rule idle timeout, in minutes: "a default timeout range of 4 minutes to 100 minutes"
 * (https://learn.microsoft.com/azure/load-balancer/load-balancer-tcp-idle-timeout, checked 2026-12-02).
 */
export const LB_IDLE_MINUTES = { min: 4, max: 100 } as const;
/** policySettings.customBlockResponseStatusCode accepts 200, 403, 405, 406, 429 and 990-999. */
const WAF_BLOCK_STATUSES = [403, 405, 406, 429];

export const AZURE_LB: TargetColumn = {
  // The plan compiles a field the spec leaves out to Azure's own default (plan/written.ts): only written fields are judged.
  nativeDefaults: true,
  support: {
    ...sourcedCells(l4HttpCells('azure-appgw'), SRC.lbLayer4),
    'lb.scheme.internal': native('frontend IP configuration in a subnet', SRC.lbInternal),
    'lb.ip.dualstack': native('one frontend IP configuration, backend pool and rule per IP version', SRC.lbIpv6),
    'lb.deletion-protection': nearest(
      'a CanNotDelete management lock on the load balancer: it stops deletion in Azure, but removing the stack removes the lock first',
      SRC.locks,
    ),
    'lb.access-logs': unsupported('metrics and health-event diagnostic logs; Azure Load Balancer has no request logs', SRC.lbMonitoring),
    'frontend.protocol.tcp': native('load-balancing rule protocol Tcp', SRC.lbComponents),
    'frontend.protocol.tls': unsupported('a tcp frontend passing TLS through to the members, or azure-appgw', SRC.lbLayer4),
    'frontend.protocol.udp': native('load-balancing rule protocol Udp', SRC.lbComponents),
    'frontend.tls.minimum-1.3': unsupported(NO_TLS, SRC.lbLayer4),
    'frontend.tls.sni-certificates': unsupported(NO_TLS, SRC.lbLayer4),
    'frontend.tls.mtls-verify': unsupported(NO_TLS, SRC.lbLayer4),
    'frontend.tls.mtls-passthrough': unsupported(NO_TLS, SRC.lbLayer4),
    'frontend.idle-timeout': native('idleTimeoutInMinutes with TCP reset on tcp rules (whole minutes, 4-100)', SRC.lbIdleTimeout),
    'frontend.allowed-source-cidrs': unsupported("a network security group on the members' subnet: Azure Load Balancer does not filter clients", SRC.lbNsg),
    'action.forward': native(undefined, SRC.lbComponents),
    'action.weighted-forward': unsupported('forward to one pool: a load-balancing rule has one backend pool', SRC.lbComponents),
    'pool.protocol.tcp': native(undefined, SRC.lbComponents),
    'pool.protocol.tls': unsupported('tcp: Azure Load Balancer does not originate TLS', SRC.lbLayer4),
    'pool.protocol.udp': native(undefined, SRC.lbComponents),
    'pool.algorithm.round-robin': nearest('loadDistribution Default: a 5-tuple hash per flow', SRC.lbDistribution),
    'pool.algorithm.weighted-round-robin': unsupported('round-robin (5-tuple hash); backend addresses carry no weights', SRC.lbDistribution),
    'pool.algorithm.least-connections': unsupported('round-robin (5-tuple hash); Azure Load Balancer has no algorithm choice', SRC.lbDistribution),
    'pool.algorithm.ip-hash': nearest(
      'loadDistribution SourceIP: a 2-tuple hash, not consistent hashing (removing a member can remap more clients)',
      SRC.lbDistribution,
    ),
    'pool.algorithm.least-response-time': unsupported('round-robin (5-tuple hash); Azure Load Balancer has no algorithm choice', SRC.lbDistribution),
    'pool.algorithm.random': native('loadDistribution Default: a 5-tuple hash per flow', SRC.lbDistribution),
    // Azure Load Balancer probes have no timeout setting: the spec's timeoutSeconds cannot be applied.
    'pool.health.tcp': nearest('probe Tcp without a timeout: a probe fails when the next one is due (timeoutSeconds is not applied)', SRC.lbProbes),
    'pool.health.http': nearest(
      'probe Http, 200 only: it times out after the interval or 30 s, whichever is shorter (timeoutSeconds is not applied)',
      SRC.lbProbes,
    ),
    'pool.health.https': nearest(
      'probe Https, 200 only: it times out after the interval or 30 s, whichever is shorter (timeoutSeconds is not applied)',
      SRC.lbProbes,
    ),
    'pool.health.success-codes': unsupported('successCodes 200: Azure Load Balancer probes accept only 200', SRC.lbProbes),
    'pool.health.healthy-threshold': native('probeThreshold', SRC.lbProbes),
    'pool.health.asymmetric-thresholds': nearest('probeThreshold, one count for both directions (the unhealthy threshold)', SRC.lbProbes),
    'pool.passive-health': unsupported('active probes only', SRC.lbProbes),
    'pool.persistence.source-ip': native('loadDistribution SourceIP', SRC.lbDistribution),
    'pool.draining': nearest('established flows continue after a member leaves; there is no timed drain', SRC.lbProbeDown),
    'pool.slow-start': unsupported('none: Azure Load Balancer has no slow start', SRC.lbComponents),
    'pool.fail-open': native('probe noHealthyBackendsBehavior AllProbedUp', SRC.lbProbeDown),
    'pool.fail-closed': native('probe noHealthyBackendsBehavior AllProbedDown', SRC.lbProbeDown),
    // HTTP/2 and gRPC (issue 20)
    ...Object.fromEntries(
      GRPC_HTTP2_FEATURES.map((id) => [
        id,
        unsupported(
          'a tcp frontend and tcp pool: Azure Load Balancer passes HTTP/2 and gRPC through to members that terminate them',
          cite('https://learn.microsoft.com/en-us/azure/load-balancer/load-balancer-overview', '2026-12-02'),
        ),
      ]),
    ),
    // Operations (issue 19): alarms and protection (capabilities-ops.ts)
    ...AZURE_LB_OPS,
  },
  ranges: {
    'healthCheck.intervalSeconds': { accepted: '>= 5', source: SRC.lbProbes },
    'healthCheck.port (http/https)': { accepted: `not ${BLOCKED_HTTP_PROBE_PORTS.join(', ')}`, source: SRC.lbProbes },
    idleTimeoutSeconds: {
      accepted: `tcp: whole minutes, ${LB_IDLE_MINUTES.min * 60}-${LB_IDLE_MINUTES.max * 60} s (${LB_IDLE_MINUTES.min}-${LB_IDLE_MINUTES.max} min); udp: not configurable (leave at 60)`,
      source: SRC.lbIdleTimeout,
    },
    port: { accepted: '1-65534', source: SRC.lbComponents },
    'frontends per pool': { accepted: 'one tcp and one udp frontend per pool (a backend port serves one rule per protocol)', source: SRC.lbComponents },
    ...AZURE_LB_OPS_RANGES,
  },
  checkRanges: (scope) => [
    ...scope.pools.flatMap((p) =>
      compact([
        outside(`${p.path}.healthCheck.intervalSeconds`, 'healthCheck.intervalSeconds', p.healthCheck.intervalSeconds, 5, 2147483647, 's'),
        p.healthCheck.protocol !== 'tcp' && BLOCKED_HTTP_PROBE_PORTS.includes(p.healthCheck.port)
          ? {
              path: `${p.path}.healthCheck.port`,
              accepted: `http probe ports other than ${BLOCKED_HTTP_PROBE_PORTS.join(', ')}`,
              message: `Azure Load Balancer does not send HTTP probes to port ${p.healthCheck.port}`,
            }
          : undefined,
      ]),
    ),
    ...scope.frontends.flatMap((f) => compact([outside(`${f.path}.port`, 'port', f.port, 1, 65534), ...lbIdleTimeout(f)])),
    ...sharedBackendPorts(scope),
    ...lbAlarmRanges(scope),
  ],
};

function lbIdleTimeout(f: FrontendModel): Array<RangeViolation | undefined> {
  const path = `${f.path}.idleTimeoutSeconds`;
  if (f.protocol === 'udp') {
    return [
      f.idleTimeoutSeconds !== 60
        ? { path, accepted: 'the default (60) for udp', message: 'Azure Load Balancer has no idle timeout setting for udp rules' }
        : undefined,
    ];
  }
  return [
    outside(path, 'idleTimeoutSeconds', f.idleTimeoutSeconds, LB_IDLE_MINUTES.min * 60, LB_IDLE_MINUTES.max * 60, 's'),
    f.idleTimeoutSeconds % 60 !== 0
      ? { path, accepted: 'whole minutes', message: `idleTimeoutSeconds ${f.idleTimeoutSeconds} is not a whole number of minutes` }
      : undefined,
  ];
}

/** Two rules of one protocol cannot send to the same backend pool and port (without floating IP). */
function sharedBackendPorts(scope: ModelScope): RangeViolation[] {
  const seen = new Map<string, FrontendModel>();
  const out: RangeViolation[] = [];
  for (const f of scope.frontends) {
    if (f.defaultAction?.type !== 'forward') continue;
    const key = `${f.protocol === 'udp' ? 'udp' : 'tcp'}/${f.defaultAction.pool}`;
    const first = seen.get(key);
    if (first) {
      out.push({
        path: `${f.path}.defaultAction`,
        accepted: 'one frontend per protocol and pool',
        message: `frontend '${f.name}' and frontend '${first.name}' both send ${key.split('/')[0]} to pool '${f.defaultAction.pool}' (same backend port)`,
      });
    } else seen.set(key, f);
  }
  return out;
}

export const AZURE_APPGW: TargetColumn = {
  nativeDefaults: true,
  support: {
    ...sourcedCells(l7TransportCells('azure-lb'), SRC.agwFaq),
    'lb.scheme.internal': native(
      'listeners on a private frontend IP (static, in the gateway subnet); the v2 gateway keeps a public IP for its management plane, with no listener',
      SRC.agwPrivate,
    ),
    'lb.ip.dualstack': native('IPv4 and IPv6 frontend IP configurations, each with its own listeners', SRC.agwIpv6),
    'lb.deletion-protection': nearest(
      'a CanNotDelete management lock on the gateway: it stops deletion in Azure, but removing the stack removes the lock first',
      SRC.locks,
    ),
    'lb.access-logs': native(
      "diagnostic setting ApplicationGatewayAccessLog to the placement's Log Analytics workspace or storage account (the prefix names the setting)",
      SRC.agwLogs,
    ),
    'frontend.protocol.http': native(undefined, SRC.agwComponents),
    'frontend.protocol.https': native('https listeners with Key Vault certificates', SRC.agwComponents),
    'frontend.tls.minimum-1.3': native(
      'CustomV2 SSL policy with minProtocolVersion TLSv1_3 (an SSL profile when other https frontends stay at 1.2)',
      SRC.agwSslPolicy,
    ),
    'frontend.tls.sni-certificates': nearest(
      'a multi-site listener per host name an additional certificate covers, routed like the any-host listener',
      SRC.agwMultiSite,
    ),
    'frontend.tls.mtls-verify': native('SSL profile with trusted client certificates', SRC.agwMtls),
    'frontend.tls.mtls-passthrough': unsupported('mtls-verify: Application Gateway verifies client certificates or ignores them', SRC.agwMtls),
    'frontend.redirect-http-to-https': native('redirect configuration to the https listener', SRC.agwRedirect),
    'frontend.idle-timeout': nearest(
      "the backend request timeout of the pools the frontend uses; Application Gateway's client keep-alive timeout is fixed (120 s)",
      SRC.agwIdle,
    ),
    'frontend.allowed-source-cidrs': nearest(
      "a WAF_v2 custom rule on the frontend's listeners that blocks other clients with the policy's block status (403, or the frontend's rate-limit status)",
      SRC.wafCustomRules,
    ),
    'frontend.rule-order.most-specific': native("listeners and path rules in the model's order", SRC.agwMultiSite),
    'rule.match.host.exact': native('a multi-site listener per host, most specific first', SRC.agwMultiSite),
    'rule.match.host.wildcard': native('a multi-site listener per wildcard host, after the exact hosts', SRC.agwMultiSite),
    'rule.match.path.exact': nearest('URL path map rule: Application Gateway compares paths case-insensitively', SRC.agwUrlRoutes),
    'rule.match.path.prefix': nearest("URL path map rules '/p' and '/p/*': Application Gateway compares paths case-insensitively", SRC.agwUrlRoutes),
    // Application Gateway v2 routes on listener host names and URL path maps whose patterns allow '*' only at the end;
    // there is no regex path or header condition (https://learn.microsoft.com/azure/application-gateway/url-route-overview;
    // https://learn.microsoft.com/en-us/answers/a/1293803 "Application gateway does not support regex"). Its RE2 regexes
    // belong to rewrite-rule conditions, which do not route. So regexes need no range check here: these cells refuse them.
    'rule.match.path.regex': unsupported('path prefix or exact rules (Application Gateway has no regex paths)', SRC.agwUrlRoutes),
    'rule.match.header.exact': unsupported(HOST_PATH_ONLY, SRC.agwUrlRoutes),
    'rule.match.header.prefix': unsupported(HOST_PATH_ONLY, SRC.agwUrlRoutes),
    'rule.match.header.regex': unsupported(HOST_PATH_ONLY, SRC.agwUrlRoutes),
    'rule.match.header.present': unsupported(HOST_PATH_ONLY, SRC.agwUrlRoutes),
    'rule.match.query.exact': unsupported(HOST_PATH_ONLY, SRC.agwUrlRoutes),
    'rule.match.query.present': unsupported(HOST_PATH_ONLY, SRC.agwUrlRoutes),
    'rule.match.method': unsupported('a WAF custom rule on RequestMethod can allow or block, not route', SRC.wafCustomRules),
    'rule.match.source': unsupported('a WAF custom rule on RemoteAddr can allow or block, not route', SRC.wafCustomRules),
    'action.forward': native(undefined, SRC.agwComponents),
    'action.weighted-forward': unsupported('forward to one pool (load distribution policies are not generally available)', SRC.agwLoadDistribution),
    'action.weighted-forward.stickiness': unsupported('forward to one pool', SRC.agwLoadDistribution),
    'action.redirect': native(
      'redirect configuration: to a listener of this gateway (the client keeps its host) or to a fixed URL when the redirect names a host',
      SRC.agwRedirect,
    ),
    'action.redirect.status-301': native('Permanent', SRC.agwRedirect),
    'action.redirect.status-302': native('Found', SRC.agwRedirect),
    'action.redirect.status-303': native('SeeOther', SRC.agwRedirect),
    'action.redirect.status-307': native('Temporary', SRC.agwRedirect),
    'action.redirect.status-308': nearest('Permanent (301): clients may change the method to GET', SRC.agwRedirect),
    'action.fixed-response': unsupported('a WAF custom rule that blocks with policySettings.customBlockResponseStatusCode and body', SRC.wafBlockStatus),
    'pool.protocol.http': native(undefined, SRC.agwSettings),
    'pool.protocol.https': native('backend settings protocol Https (members need a certificate from a well-known CA)', SRC.agwSettings),
    'pool.algorithm.round-robin': native(undefined, SRC.agwHowItWorks),
    'pool.algorithm.weighted-round-robin': nearest('round robin: backend addresses carry no weights', SRC.agwHowItWorks),
    'pool.algorithm.least-connections': unsupported('round-robin (LeastConnections load distribution is not generally available)', SRC.agwLoadDistribution),
    'pool.algorithm.ip-hash': unsupported('lb-cookie session persistence (IpHash load distribution is not generally available)', SRC.agwLoadDistribution),
    'pool.algorithm.least-response-time': unsupported('round-robin', SRC.agwHowItWorks),
    'pool.algorithm.random': nearest('round robin', SRC.agwHowItWorks),
    'pool.health.tcp': unsupported('an http health check (Application Gateway v2 probes HTTP or HTTPS)', SRC.agwProbes),
    'pool.health.http': native('probe Http with interval, timeout and unhealthyThreshold', SRC.agwProbes),
    'pool.health.https': native('probe Https with interval, timeout and unhealthyThreshold', SRC.agwProbes),
    'pool.health.success-codes': native('probe match statusCodes', SRC.agwProbes),
    'pool.health.healthy-threshold': nearest('one successful probe marks a member healthy (no healthy threshold)', SRC.agwProbes),
    'pool.health.asymmetric-thresholds': nearest('one successful probe marks a member healthy; unhealthyThreshold kept', SRC.agwProbes),
    'pool.passive-health': unsupported('active probes only', SRC.agwFeatures),
    'pool.persistence.lb-cookie': nearest("cookie-based affinity with the gateway's session cookie ApplicationGatewayAffinity: no duration", SRC.agwSettings),
    'pool.persistence.app-cookie': unsupported("lb-cookie (cookie-based affinity names the gateway's own cookie)", SRC.agwSettings),
    'pool.persistence.source-ip': unsupported('lb-cookie', SRC.agwSettings),
    'pool.draining': native('connection draining, drainTimeoutInSec', SRC.agwSettings),
    'pool.slow-start': unsupported('none: Application Gateway has no slow start', SRC.agwFeatures),
    'pool.fail-open': nearest('fail-closed: with no healthy member Application Gateway answers 502', SRC.agw502),
    'pool.fail-closed': nearest('Application Gateway answers 502, not 503', SRC.agw502),
    'rate-limit.client-ip': nearest(
      'WAF_v2 RateLimitRule grouped by ClientAddr: a sliding window Azure documents as approximate (not always enforced exactly), counted per listener (a frontend with host rules has several listeners)',
      SRC.wafRateLimit,
    ),
    'rate-limit.header': unsupported('client-ip (rate-limit rules group by client address, geo location or nothing)', SRC.wafRateLimit),
    'rate-limit.rule-scope': nearest(
      "one rate-limit rule per scoped rule, matching that rule's host and path by regex (earlier rules are not excluded; each scoped rule counts separately)",
      SRC.wafRateLimit,
    ),
    'rate-limit.custom-status': native('policySettings.customBlockResponseStatusCode (in preview), one status per frontend', SRC.wafBlockStatus),
    'rate-limit.frontend-subset': native("rate-limit rules on the scoped frontends' listeners only", SRC.wafRateLimit),
    // Gateway-API-grade L7 (issue 16). Application Gateway routes on listener host names and URL path maps only
    // (https://learn.microsoft.com/azure/application-gateway/url-route-overview): no header or query condition at all.
    'rule.match.header.case-sensitive': unsupported(HOST_PATH_ONLY, AGW_URL_ROUTING),
    'rule.match.query.case-sensitive': unsupported(HOST_PATH_ONLY, AGW_URL_ROUTING),
    // The gateway's own comparison: a path condition that ignores case is exact here (the exact-case rows are nearest).
    'rule.match.path.case-insensitive': native(
      "URL path map rules ('/p' and '/p/*' for a prefix): Application Gateway compares paths case-insensitively",
      SRC.agwUrlRoutes,
    ),
    // Rewrite rule sets (plan/rewrites.ts), one per rule, attached to its routing rule, path rule or path map
    // default. Application Gateway sets or deletes a header; it has no append.
    'rule.filter.request-headers': nearest(
      "a rewrite rule set: set is a header configuration (it replaces every field of the name), remove one with an empty value; add is a set to '{http_req_<name>},value' when the header is present, else to the value: how the gateway reads a header sent several times or empty is not documented",
      AGW_REWRITE,
    ),
    'rule.filter.response-headers': nearest(
      "a rewrite rule set: set is a response header configuration (it replaces every field of the name), remove one with an empty value; add is a set to '{http_resp_<name>},value' when the header is present, else to the value: how the gateway reads a header sent several times or empty is not documented",
      AGW_REWRITE,
    ),
    'rule.filter.rewrite-host': native(
      'a rewrite rule set with a Host request header configuration (on a WAF_v2 gateway the WAF sees the rewritten Host)',
      AGW_REWRITE,
    ),
    'rule.filter.rewrite-path-full': native(
      'a rewrite rule set with urlConfiguration.modifiedPath (query kept, reroute false; on a WAF_v2 gateway the WAF sees the rewritten path)',
      AGW_REWRITE,
    ),
    'rule.filter.rewrite-path-prefix': nearest(
      "a rewrite rule whose condition on the server variable uri_path captures what follows the rule's longest matching prefix (RE2, case-insensitive like the gateway's path rules) and urlConfiguration.modifiedPath = new prefix + capture: the rest is the gateway's uri_path, which Azure does not document as raw or percent-decoded",
      AGW_REWRITE,
    ),
    'pool.persistence.session-cookie': native(
      'cookie-based affinity: ApplicationGatewayAffinity is a session cookie, with no expiry',
      cite('https://learn.microsoft.com/azure/application-gateway/configuration-http-settings', '2026-12-02'),
    ),
    // The only request timeout is the backend HTTP settings' requestTimeout, per pool; Application Gateway has no
    // retry policy.
    'rule.timeout.request': unsupported("frontend idleTimeoutSeconds (rendered as the pools' backend requestTimeout)", AGW_HTTP_SETTINGS),
    'rule.timeout.backend': unsupported("frontend idleTimeoutSeconds (rendered as the pools' backend requestTimeout)", AGW_HTTP_SETTINGS),
    'rule.retry': unsupported('retries in the client (Application Gateway has no retry policy)', AGW_HTTP_SETTINGS),
    'rule.retry.statuses': unsupported('retries in the client (Application Gateway has no retry policy)', AGW_HTTP_SETTINGS),
    'pool.retry-budget': unsupported('no budget setting: Application Gateway has no retry policy (bound retries in the client)', AGW_HTTP_SETTINGS),
    'frontend.hostnames': nearest(
      "one multi-site listener per host name on the shared frontend port, each with its frontend's certificate, and a basic listener for the frontend without host names; routing-rule priorities put exact names first, then wildcards longest first, then the basic listener. SNI only picks the certificate: a request whose Host names another frontend of the port goes to that frontend (no 421), and an SNI no listener serves gets the first https listener's certificate (no failed handshake)",
      cite('https://learn.microsoft.com/azure/application-gateway/ssl-overview#frontend-tls-connection-client-to-application-gateway', '2026-12-02'),
    ),
    'action.redirect.path-prefix': unsupported(
      'redirect.path (redirect configurations keep or drop the path, they cannot replace a prefix)',
      cite('https://learn.microsoft.com/azure/application-gateway/redirect-overview', '2026-12-02'),
    ),
    // HTTP/2 and gRPC (issue 20)
    'frontend.http2.alpn': native(
      'enableHttp2 true on the gateway: HTTP/2 to clients only',
      cite('https://learn.microsoft.com/en-us/azure/application-gateway/features#websocket-and-http2-traffic', '2026-12-02'),
    ),
    'frontend.http2.cleartext': unsupported(
      'https with http2: browsers and the gateway negotiate HTTP/2 by ALPN',
      cite('https://learn.microsoft.com/en-us/azure/application-gateway/features#websocket-and-http2-traffic', '2026-12-02'),
    ),
    'frontend.http2.off': unsupported(
      'http2 left on: lbkit turns enableHttp2 on for every gateway (one value per gateway)',
      cite('https://learn.microsoft.com/en-us/azure/application-gateway/features#websocket-and-http2-traffic', '2026-12-02'),
    ),
    'pool.protocol.grpc': unsupported(
      'azure-lb with a tcp pool (passthrough): Application Gateway speaks HTTP/1.1 to backends, and gRPC needs HTTP/2 end to end',
      cite('https://learn.microsoft.com/en-us/azure/application-gateway/features#websocket-and-http2-traffic', '2026-12-02'),
    ),
    'pool.protocol.grpcs': unsupported(
      'azure-lb with a tcp pool (passthrough): Application Gateway speaks HTTP/1.1 to backends, and gRPC needs HTTP/2 end to end',
      cite('https://learn.microsoft.com/en-us/azure/application-gateway/features#websocket-and-http2-traffic', '2026-12-02'),
    ),
    'pool.http2': unsupported(
      'HTTP/1.1 to members: communication with backend pools is always HTTP/1.1',
      cite('https://learn.microsoft.com/en-us/azure/application-gateway/features#websocket-and-http2-traffic', '2026-12-02'),
    ),
    'pool.health.grpc': unsupported(
      'an http probe on a path the members serve over HTTP/1.1',
      cite('https://learn.microsoft.com/en-us/azure/application-gateway/features#websocket-and-http2-traffic', '2026-12-02'),
    ),
    'pool.health.grpc-service': unsupported(
      'an http probe on a path the members serve over HTTP/1.1',
      cite('https://learn.microsoft.com/en-us/azure/application-gateway/features#websocket-and-http2-traffic', '2026-12-02'),
    ),
    'pool.health.grpc-status-codes': unsupported(
      'an http probe with successCodes',
      cite('https://learn.microsoft.com/en-us/azure/application-gateway/features#websocket-and-http2-traffic', '2026-12-02'),
    ),
    'rule.match.grpc': unsupported(
      'azure-lb passthrough: gRPC calls cannot reach a member over HTTP/1.1, so there is nothing to route them to',
      cite('https://learn.microsoft.com/en-us/azure/application-gateway/features#websocket-and-http2-traffic', '2026-12-02'),
    ),
    'action.fixed-response.grpc-status': unsupported(
      'a forward to a member that answers with the gRPC status',
      cite('https://learn.microsoft.com/en-us/azure/application-gateway/features#websocket-and-http2-traffic', '2026-12-02'),
    ),
    // Operations (issue 19): alarms and protection (capabilities-ops.ts)
    ...AZURE_APPGW_OPS,
  },
  ranges: {
    'healthCheck.unhealthyThreshold': { accepted: '1-20', source: SRC.agwProbes },
    drainingSeconds: { accepted: '1-3600 (connection draining off still drains for 30 s)', source: SRC.agwSettings },
    'rateLimits.windowSeconds': { accepted: '60 or 300', source: SRC.wafRateDuration },
    'rateLimits.responseStatus': { accepted: `${WAF_BLOCK_STATUSES.join(', ')}; one per frontend`, source: SRC.wafBlockStatus },
    'rules[].match.paths': { accepted: "no '*', '?' or '#' (Application Gateway path patterns)", source: SRC.agwUrlRoutes },
    'redirect without host': { accepted: "to a frontend of this gateway (scheme and port), path unset or '/', query unset or ''", source: SRC.agwRedirect },
    'tls.additionalCertificates': { accepted: 'certificates with domains (listeners are chosen by host name)', source: SRC.agwMultiSite },
    'requestHeaders names': { accepted: "letters, digits and '-' (the gateway discards other request header names)", source: AGW_REWRITE },
    ...AZURE_APPGW_OPS_RANGES,
  },
  checkRanges: (scope) => [
    ...scope.pools.flatMap((p) =>
      compact([
        outside(`${p.path}.healthCheck.unhealthyThreshold`, 'healthCheck.unhealthyThreshold', p.healthCheck.unhealthyThreshold, 1, 20),
        outside(`${p.path}.drainingSeconds`, 'drainingSeconds', p.drainingSeconds, 1, 3600, 's'),
      ]),
    ),
    ...scope.rateLimits.flatMap((r) =>
      compact([
        notOneOf(`${r.path}.windowSeconds`, 'windowSeconds', r.windowSeconds, [60, 300], 's'),
        notOneOf(`${r.path}.responseStatus`, 'responseStatus', r.responseStatus, WAF_BLOCK_STATUSES),
      ]),
    ),
    ...scope.frontends.flatMap((f) => [...agwFrontendRanges(scope, f)]),
    ...protectedBlockStatus(scope),
  ],
};

function* agwFrontendRanges(scope: ModelScope, f: FrontendModel): Generator<RangeViolation> {
  const limits = scope.rateLimits.filter((r) => r.frontends.includes(f.name));
  const status = limits[0]?.responseStatus;
  for (const r of limits) {
    if (r.responseStatus !== status) {
      yield {
        path: `${r.path}.responseStatus`,
        accepted: 'one block status per frontend (one WAF policy)',
        message: `rate limits '${limits[0].name}' and '${r.name}' on frontend '${f.name}' answer ${status} and ${r.responseStatus}`,
      };
    }
  }
  for (const rule of f.rules) {
    const i = rule.match.paths.findIndex((p) => p.kind !== 'regex' && /[*?#]/.test(p.value));
    if (i >= 0)
      yield {
        path: `${rule.path}.match.paths[${i}]`,
        accepted: "paths without '*', '?' or '#'",
        message: `path '${rule.match.paths[i].value}' has a character Application Gateway path patterns reserve`,
      };
    yield* redirectRanges(scope, f, rule.action, `${rule.path}.action.redirect`);
    yield* requestHeaderNameRanges(rule);
  }
  if (f.defaultAction) yield* redirectRanges(scope, f, f.defaultAction, `${f.path}.defaultAction.redirect`);
  if (f.redirectHttpToHttps && !redirectTarget(scope, 'https', f.redirectHttpToHttps.port)) {
    yield {
      path: `${f.path}.redirectHttpToHttps`,
      accepted: 'an https frontend of this gateway on the redirect port',
      message: `no https frontend on port ${f.redirectHttpToHttps.port} to redirect to`,
    };
  }
  for (const name of f.tls?.additionalCertificates ?? []) {
    if (!scope.model.certificates.find((c) => c.name === name)?.domains.length) {
      yield {
        path: `${f.path}.tls.additionalCertificates`,
        accepted: 'additional certificates with domains',
        message: `certificate '${name}' lists no domains, so no listener can present it`,
      };
    }
  }
}

/** Request header names a rewrite can write: "Header names containing other characters are discarded" (AGW_REWRITE, Limitations). */
function* requestHeaderNameRanges(rule: RuleModel): Generator<RangeViolation> {
  const m = rule.filters?.requestHeaders;
  if (!m) return;
  const lists = { set: m.set.map((h) => h.name), add: m.add.map((h) => h.name), remove: m.remove };
  for (const [list, names] of Object.entries(lists)) {
    for (const name of names.filter((n) => !/^[A-Za-z0-9-]+$/.test(n))) {
      yield {
        path: `${rule.path}.requestHeaders.${list}`,
        accepted: "request header names of letters, digits and '-'",
        message: `Application Gateway discards request header '${name}': its name has a character other than a letter, digit or '-'`,
      };
    }
  }
}

/**
 * The frontend whose listener a redirect to a scheme and port targets: the port's catch-all, else one with an
 * exact host name (a redirect cannot target a wildcard listener, SRC.agwMultiSite).
 */
function redirectTarget(scope: ModelScope, scheme: string, port: number): FrontendModel | undefined {
  const serving = scope.frontends.filter((o) => o.protocol === scheme && o.port === port && !o.redirectHttpToHttps);
  return serving.find((o) => !o.hostnames?.length) ?? serving.find((o) => o.hostnames!.some((h) => h.kind === 'exact'));
}

/** Where an Application Gateway redirect goes: lib's destination, and the frontend whose listener takes it. */
export interface AgwRedirectDestination extends RedirectDestination {
  /** Set when the redirect keeps the client's host and a frontend of this gateway serves its scheme and port. */
  readonly frontend?: FrontendModel;
}

/**
 * Where a redirect goes (scheme and port as lib/model/derived.ts `redirectDestination` defines them) and,
 * when it keeps the client's host, the frontend whose listener receives it. Shared with the Application
 * Gateway plan (providers/azure/plan/appgw.ts).
 */
export function agwRedirectDestination(scope: ModelScope, f: FrontendModel, a: RedirectAction): AgwRedirectDestination {
  const destination = redirectDestination(f, a);
  return a.host === undefined ? { ...destination, frontend: redirectTarget(scope, destination.scheme, destination.port) } : destination;
}

/** What Application Gateway redirect configurations can say: a listener (keeping host, path or '/', query or none) or a fixed URL. */
function* redirectRanges(scope: ModelScope, f: FrontendModel, a: ActionModel, path: string): Generator<RangeViolation> {
  if (a.type !== 'redirect') return;
  if (a.host !== undefined) {
    if (a.query && a.path === undefined)
      yield {
        path: `${path}.query`,
        accepted: 'a query only together with a path when the redirect names a host',
        message: 'Application Gateway appends the request path after a fixed URL, so the URL cannot end in a query',
      };
    return;
  }
  const { scheme, port, frontend } = agwRedirectDestination(scope, f, a);
  if (!frontend) {
    yield {
      path,
      accepted: 'a redirect that names a host, or one to a frontend of this gateway',
      message: `keeping the client's host needs a redirect to a listener, and no ${scheme} frontend on port ${port} serves one`,
    };
  }
  if (a.path !== undefined && a.path !== '/') {
    yield {
      path: `${path}.path`,
      accepted: "path unset or '/' when the redirect keeps the client's host",
      message: `a redirect to a listener keeps the request path or drops it (to '/'); it cannot set '${a.path}'`,
    };
  }
  if (a.query) {
    yield {
      path: `${path}.query`,
      accepted: "query unset or '' when the redirect keeps the client's host",
      message: 'a redirect to a listener keeps the request query or drops it; it cannot set one',
    };
  }
}
