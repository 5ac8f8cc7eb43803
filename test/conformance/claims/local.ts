/**
 * The local proxy's column is native everywhere (it executes the model). What proves each feature: tests in
 * test/local (over real sockets), or scenarios of this corpus (which run on the local proxy too), by file and
 * by the test, describe or scenario title the file holds (quoted, from its start). Features no test proves are
 * listed with why.
 */
export type LocalProof = { readonly file: string; readonly title: string };
export type LocalClaim = readonly LocalProof[] | { readonly uncovered: string };

/** Proofs in one test/local file, by test title. */
const localTest =
  (file: string) =>
  (title: string): LocalProof => ({ file: `test/local/${file}.test.ts`, title });
const routing = localTest('routing');
const matchCase = localTest('match-case');
const hostnames = localTest('hostnames');
const sessionCookie = localTest('session-cookie');
const retryBudget = localTest('retry-budget');
const admin = localTest('admin');
const tls = localTest('tls');
const l4 = localTest('l4');
const health = localTest('health');
const algorithms = localTest('algorithms');
const persistence = localTest('persistence');
const rateLimit = localTest('rate-limit');
const resilience = localTest('timeouts-retries');
const filters = localTest('filters');
const h2 = localTest('http2');
const grpcTest = localTest('grpc');
const operations = localTest('operations');
const corpus = (file: string, title: string): LocalProof => ({ file: `test/conformance/scenarios/${file}.ts`, title });

/** Tests that prove several features: each title is written once, so a renamed test is one edit here. */
const TCP_PIPED = l4('each connection is piped to one member, round robin; half-close is passed on both ways');
const UDP_FLOWS = l4('a flow (client address and port) keeps its member; another flow gets the next; idle flows end');
const RULES_ROUTE = routing('rules route exactly per the semantics');
const REDIRECT_KEEPS = routing('redirect keeps what it does not set and removes the query when asked');
const HTTP_TO_HTTPS_SCENARIO = corpus('actions', 'http to https');
const REDIRECT_303_307_SCENARIO = corpus('actions', 'redirects with 303 and 307');
const HEALTH_THRESHOLDS = health('unhealthy after exactly unhealthyThreshold failed probes, healthy after exactly healthyThreshold');
const ALL_UNHEALTHY = health('every member unhealthy, %s: status %i');
const HEADER_KEY_LIMIT = rateLimit('a header key counts per value; requests without the header are not counted');
const FULL_PATH_AND_HOST_REWRITE = filters('full path rewrite keeps the query; host rewrite replaces Host');
const BACKEND_TIMEOUT_RETRIED = resilience('a backend timeout is retried on another member under a retry policy');
const GRPC_UNARY = grpcTest('unary calls are routed by service and balanced round robin over the pool');
const GRPC_HEALTH = grpcTest('a member is unhealthy while its Health/Check answers NOT_SERVING or a status outside grpcStatusCodes, healthy again on SERVING');
const MEMBERS_ALARMS = operations('a healthy-members alarm fires when the pool has no healthy member; unhealthy-members counts them');

const CLOUD_ONLY = 'a placement property of the cloud load balancer; the local proxy listens where it is told';

export const LOCAL_CLAIMS: Readonly<Record<string, LocalClaim>> = {
  'lb.scheme.internal': { uncovered: CLOUD_ONLY },
  'lb.ip.dualstack': { uncovered: 'no test/local test listens on IPv6 (the host option allows it)' },
  'lb.deletion-protection': { uncovered: CLOUD_ONLY },
  'lb.access-logs': [admin('one access-log entry per request, with ALB fields')],
  'frontend.protocol.http': [RULES_ROUTE],
  'frontend.protocol.https': [tls('a client that trusts the generated certificate verifies it for the spec domains')],
  'frontend.protocol.tcp': [TCP_PIPED],
  'frontend.protocol.tls': [l4('tls: terminated with the generated certificate, then piped in clear')],
  'frontend.protocol.udp': [UDP_FLOWS],
  'frontend.tls.minimum-1.3': [tls('minimum version 1.3 refuses a TLS 1.2 client')],
  'frontend.tls.sni-certificates': [tls('SNI picks an additional certificate whose domains cover the name')],
  'frontend.hostnames': [
    hostnames('the frontends of a port listen on one socket'),
    hostnames('SNI %s gets the certificate of its frontend (%s)'),
    hostnames('https: SNI %s, Host %s: %i %s'),
    hostnames('http: Host binds alone; exact beats wildcard; a host no frontend serves gets 404'),
  ],
  'frontend.tls.mtls-verify': [tls('verify: a client without a certificate from the trust store is refused; with one it passes, certificate forwarded')],
  'frontend.tls.mtls-passthrough': [tls('passthrough: any client passes; a presented certificate is forwarded, a forged header never is')],
  'frontend.redirect-http-to-https': [tls('HTTP to HTTPS: every request on the http frontend is redirected to the local https port'), HTTP_TO_HTTPS_SCENARIO],
  'frontend.idle-timeout': [
    l4('tcp: idle connections close after the idle timeout'),
    { file: 'test/local/protection.test.ts', title: '504 when the member sends nothing within the frontend' },
  ],
  'frontend.allowed-source-cidrs': [l4('allowedSourceCidrs closes other clients at once')],
  'frontend.rule-order.most-specific': [corpus('paths', 'most-specific order')],
  'rule.match.host.exact': [routing('host is case-insensitive, port ignored'), corpus('hosts', 'exact and wildcard hosts')],
  'rule.match.host.wildcard': [routing('wildcard host, several labels'), routing('wildcard never matches the apex')],
  'rule.match.path.exact': [routing('exact path and method'), corpus('paths', 'exact paths and whole-path regexes')],
  'rule.match.path.prefix': [routing('prefix matches whole segments only'), corpus('paths', 'a path prefix is a segment prefix')],
  'rule.match.path.regex': [routing('regex matches the whole path'), routing('regex does not match a longer path')],
  'rule.match.header.exact': [routing('header exact ignores case'), routing('any occurrence of a header may match')],
  'rule.match.header.prefix': [routing('header prefix ignores case')],
  'rule.match.header.regex': [routing('header regex matches the whole value'), routing('header regex is case-sensitive')],
  'rule.match.header.present': [routing('header present, empty value')],
  'rule.match.query.exact': [routing('query names and values ignore case'), routing('query values are percent-decoded')],
  'rule.match.query.present': [routing('query present with empty value'), routing('query present without =')],
  'rule.match.method': [routing('method is part of the match')],
  'rule.match.source': [routing('source address in range'), routing('X-Forwarded-For is not the source')],
  'action.forward': [RULES_ROUTE],
  'action.weighted-forward': [
    { file: 'test/local/readme.test.ts', title: 'everything else takes the 90/10 split of the default action' },
    corpus('actions', 'weighted splits'),
  ],
  'action.weighted-forward.stickiness': [persistence('the split alternates without a cookie, and keeps the pool named by its cookie')],
  'action.redirect': [REDIRECT_KEEPS, routing('redirect with scheme, host and port')],
  'action.redirect.status-301': [HTTP_TO_HTTPS_SCENARIO],
  'action.redirect.status-302': [REDIRECT_KEEPS, corpus('actions', 'redirects that set path, scheme, host and query')],
  'action.redirect.status-303': [REDIRECT_303_307_SCENARIO],
  'action.redirect.status-307': [REDIRECT_303_307_SCENARIO],
  'action.redirect.status-308': [corpus('actions', 'a permanent redirect that keeps the method (308)')],
  'action.fixed-response': [routing('fixed response'), corpus('actions', 'fixed responses')],
  'pool.protocol.http': [RULES_ROUTE],
  'pool.protocol.https': [
    { file: 'test/local/upstream.test.ts', title: 'requests reach an https member over one pooled TLS connection, certificate not verified, no SNI for an IP' },
  ],
  'pool.protocol.tcp': [TCP_PIPED],
  'pool.protocol.tls': { uncovered: 'no test/local test originates TLS to members (tls frontends pipe in clear)' },
  'pool.protocol.udp': [UDP_FLOWS],
  'pool.algorithm.round-robin': [algorithms('members take turns in binding order, weights ignored')],
  'pool.algorithm.weighted-round-robin': [algorithms('weights 5,1,1 give nginx')],
  'pool.algorithm.least-connections': [algorithms('ties go round robin; a busy (slow) member gets nothing while another is idle')],
  'pool.algorithm.ip-hash': [algorithms('a client keeps its member; removing one of 4 members remaps only its clients (about 1/4)')],
  'pool.algorithm.least-response-time': [algorithms('a slow member gets few requests once its latency is known')],
  'pool.algorithm.random': [algorithms('random')],
  'pool.health.tcp': [health('tcp probes: a member that refuses connections goes unhealthy')],
  'pool.health.http': [HEALTH_THRESHOLDS],
  'pool.health.https': [health('https probes over TLS (member certificate not verified)')],
  'pool.health.success-codes': [health('success codes are ranges and lists')],
  'pool.health.healthy-threshold': [HEALTH_THRESHOLDS],
  'pool.health.asymmetric-thresholds': [HEALTH_THRESHOLDS],
  'pool.passive-health': [health('consecutive failures eject a member for ejectionSeconds; then it is back'), health('maxEjectedPercent caps ejections')],
  'pool.persistence.lb-cookie': [persistence('held for 50 requests; re-picked and re-set when its member dies or drains')],
  'pool.persistence.app-cookie': [persistence('binds the application')],
  'pool.persistence.source-ip': [
    persistence('each client address keeps one member; addresses spread over members'),
    l4('source-ip persistence: every port of one client address goes to the same member'),
  ],
  'pool.draining': [{ file: 'test/local/draining.test.ts', title: 'a drained member gets no new requests; its in-flight requests finish' }],
  'pool.slow-start': [algorithms('a member taken back ramps up from 10% of its share, then takes its full share')],
  'pool.fail-open': [ALL_UNHEALTHY],
  'pool.fail-closed': [ALL_UNHEALTHY, admin('/status lists frontends, pools and members')],
  'rate-limit.client-ip': [rateLimit('the limit-th request passes, the next gets 429 with Retry-After; keys are counted apart')],
  'rate-limit.header': [HEADER_KEY_LIMIT],
  'rate-limit.rule-scope': [rateLimit('a rule scope counts only the requests that rule matches')],
  'rate-limit.frontend-subset': { uncovered: 'no test/local test scopes a limit to some of several L7 frontends' },
  'rate-limit.custom-status': [HEADER_KEY_LIMIT, rateLimit('every applicable limit counts; the first in spec order that is over answers')],
  // Gateway-API-grade L7 (issue 16)
  'rule.match.header.case-sensitive': [matchCase('header exact with other case does not match'), matchCase('header prefix with other case does not match')],
  'rule.match.path.case-insensitive': [
    matchCase('a path prefix ignoring case matches another case'),
    matchCase('an exact path ignoring case matches another case'),
  ],
  'rule.match.query.case-sensitive': [matchCase('query name with other case does not match'), matchCase('query value with other case does not match')],
  'rule.filter.request-headers': [
    filters('set replaces every occurrence, add appends with a comma, remove drops every occurrence'),
    filters('add creates the header when the request has none'),
  ],
  'rule.filter.response-headers': [filters("set, add and remove apply to the member's response")],
  'rule.filter.rewrite-host': [FULL_PATH_AND_HOST_REWRITE],
  'rule.filter.rewrite-path-full': [FULL_PATH_AND_HOST_REWRITE],
  'rule.filter.rewrite-path-prefix': [filters('prefix rewrite: %s reaches the member as %s')],
  'action.redirect.path-prefix': [filters('%s redirects to %s')],
  'rule.timeout.request': [resilience('request timeout: a response not started within requestSeconds is a 504')],
  'rule.timeout.backend': [resilience('backend timeout: a member slower than backendSeconds gets 504'), BACKEND_TIMEOUT_RETRIED],
  'rule.retry': [BACKEND_TIMEOUT_RETRIED, resilience('a non-idempotent request is not resent by default: the 503 is passed on')],
  'rule.retry.statuses': [
    resilience('a listed status is retried on another member: every request gets the good one'),
    resilience('without a policy, a 503 from a member is passed on'),
  ],
  'pool.retry-budget': [
    retryBudget('within the budget every failed attempt is retried; over it the proxy answers 503 and sends nothing'),
    retryBudget('a refused connection is a retry too: over the budget it is a 503, not another member'),
  ],
  'pool.persistence.session-cookie': [
    sessionCookie('the persistence cookie is a session cookie: no Max-Age, no Expires'),
    sessionCookie('a client sending the session cookie keeps its member for 30 requests'),
  ],
  // HTTP/2 and gRPC (issue 20)
  'frontend.http2.alpn': [h2('negotiates h2 by ALPN and reaches an HTTP/1.1 member')],
  'frontend.http2.cleartext': [h2('an http frontend with http2 takes HTTP/2 and HTTP/1.1 clients on one port'), GRPC_UNARY],
  'frontend.http2.off': { uncovered: 'HTTP/1.1 only is the default every other test/local test runs; none writes http2: false' },
  'pool.protocol.grpc': [GRPC_UNARY, grpcTest('server streaming, client streaming and bidi streaming go through')],
  'pool.protocol.grpcs': { uncovered: 'no test/local test runs a TLS gRPC member' },
  'pool.http2': [h2('HTTP/1.1 and HTTP/2 clients both reach an h2c-only member over HTTP/2, one session for all')],
  'pool.health.grpc': [GRPC_HEALTH],
  'pool.health.grpc-service': { uncovered: 'the gRPC health test asks about the whole server only' },
  'pool.health.grpc-status-codes': [GRPC_HEALTH],
  'rule.match.grpc': [GRPC_UNARY],
  'action.fixed-response.grpc-status': [grpcTest('local answers reach a gRPC client as gRPC statuses: mapped from the HTTP status, or as written')],
  // Operations (issue 19)
  'alarm.5xx-count': { uncovered: 'evaluated like alarm.5xx-ratio (admin/alarms.ts) from the same period counts; no test of its own' },
  'alarm.5xx-ratio': [operations('a 5xx-ratio alarm fires after its periods breach, is reported on /status and /metrics, and clears')],
  'alarm.latency': [operations('a latency alarm fires when the percentile of a period is above the threshold (ms)'), operations('nearest-rank percentile')],
  'alarm.unhealthy-members': [MEMBERS_ALARMS],
  'alarm.healthy-members': [MEMBERS_ALARMS],
  'alarm.rejected-connections': { uncovered: 'counts allowedSourceCidrs denials and maxConnections drops per period; no test of its own' },
  'alarm.rate-limited': [operations('a rate-limited alarm counts requests refused by protection')],
  'protection.managed-rules': { uncovered: "not emulated: the vendors' rule sets are proprietary, so the local proxy applies none (SEMANTICS.md, Protection)" },
  'protection.ip-allow': [operations('ipAllow: only clients in the list are served; ipDeny is checked first')],
  'protection.ip-deny': [operations('ipDeny: a client in the list gets 403, others are served')],
  'protection.geo': { uncovered: 'not emulated: loopback clients have no country (SEMANTICS.md, Protection)' },
  'protection.ddos-advanced': { uncovered: 'nothing to emulate on loopback: a provider service tier' },
};
