/**
 * Azure columns: Azure Load Balancer Standard (L4) and Application Gateway v2 (L7), as @pulumi/azure-native
 * 3.28 (network API 2024-05-01) exposes them. Sources: ../shared/reference/cloud-matrix.md, the azure-native
 * .d.ts files and the Azure docs (load-balancer-custom-probe-overview, application-gateway-probe-overview,
 * configuration-http-settings, url-route-overview, application-gateway-ssl-policy-overview,
 * web-application-firewall/ag/rate-limiting-overview, custom-waf-rules-overview, configure-custom-response-code).
 */
import type { ModelScope } from '../../lib/capabilities/features';
import { redirectDestination, type RedirectAction, type RedirectDestination } from '../../lib/model/derived';
import type { ActionModel, FrontendModel } from '../../lib/model/types';
import { cite, compact, native, nearest, notOneOf, outside, unsupported, type RangeViolation, type TargetColumn } from '../../lib/capabilities/support';
import { pending } from '../../lib/capabilities/pending';
import { l4HttpCells, l7TransportCells } from '../../lib/capabilities/layer-cells';

const NO_TLS = 'TLS in the members (Azure Load Balancer does not terminate TLS)';
const HOST_PATH_ONLY = 'a host or path condition (Application Gateway v2 routes on host and path only)';
/** Azure Load Balancer refuses HTTP probes on these ports (load-balancer-custom-probe-overview, Limitations). */
const BLOCKED_HTTP_PROBE_PORTS = [19, 21, 25, 70, 110, 119, 143, 220, 993];
/** policySettings.customBlockResponseStatusCode accepts 200, 403, 405, 406, 429 and 990-999. */
const WAF_BLOCK_STATUSES = [403, 405, 406, 429];

// Operations (issue 19): Azure Monitor metric alerts, WAF policy, DDoS Protection. Sources checked 2026-12-02.
const CHECKED = '2026-12-02';
const AGW_METRICS = cite('https://learn.microsoft.com/en-us/azure/application-gateway/monitor-application-gateway-reference', CHECKED);
const LB_METRICS = cite('https://learn.microsoft.com/en-us/azure/azure-monitor/reference/supported-metrics/microsoft-network-loadbalancers-metrics', CHECKED);
const WAF_DRS = cite('https://learn.microsoft.com/en-us/azure/web-application-firewall/ag/application-gateway-crs-rulegroups-rules', CHECKED);
const WAF_CUSTOM = cite('https://learn.microsoft.com/en-us/azure/web-application-firewall/ag/custom-waf-rules-overview', CHECKED);
const WAF_GEO = cite('https://learn.microsoft.com/en-us/azure/web-application-firewall/ag/geomatch-custom-rules', CHECKED);
const DDOS = cite('https://learn.microsoft.com/en-us/azure/ddos-protection/ddos-protection-sku-comparison', CHECKED);

export const AZURE_LB: TargetColumn = {
  support: {
    ...l4HttpCells('azure-appgw'),
    'lb.scheme.internal': native('frontend IP configuration in a subnet'),
    'lb.ip.dualstack': native('one frontend IP configuration, backend pool and rule per IP version'),
    'lb.deletion-protection': nearest('a CanNotDelete management lock on the load balancer: it stops deletion in Azure, but removing the stack removes the lock first'),
    'lb.access-logs': unsupported('metrics and health-event diagnostic logs; Azure Load Balancer has no request logs'),
    'frontend.protocol.tcp': native('load-balancing rule protocol Tcp'),
    'frontend.protocol.tls': unsupported('a tcp frontend passing TLS through to the members, or azure-appgw'),
    'frontend.protocol.udp': native('load-balancing rule protocol Udp'),
    'frontend.tls.minimum-1.3': unsupported(NO_TLS),
    'frontend.tls.sni-certificates': unsupported(NO_TLS),
    'frontend.tls.mtls-verify': unsupported(NO_TLS),
    'frontend.tls.mtls-passthrough': unsupported(NO_TLS),
    'frontend.idle-timeout': native('idleTimeoutInMinutes with TCP reset on tcp rules (whole minutes, 4-30)'),
    'frontend.allowed-source-cidrs': unsupported('a network security group on the members\' subnet: Azure Load Balancer does not filter clients'),
    'action.forward': native(),
    'action.weighted-forward': unsupported('forward to one pool: a load-balancing rule has one backend pool'),
    'pool.protocol.tcp': native(),
    'pool.protocol.tls': unsupported('tcp: Azure Load Balancer does not originate TLS'),
    'pool.protocol.udp': native(),
    'pool.algorithm.round-robin': nearest('loadDistribution Default: a 5-tuple hash per flow'),
    'pool.algorithm.weighted-round-robin': unsupported('round-robin (5-tuple hash); backend addresses carry no weights'),
    'pool.algorithm.least-connections': unsupported('round-robin (5-tuple hash); Azure Load Balancer has no algorithm choice'),
    'pool.algorithm.ip-hash': nearest('loadDistribution SourceIP: a 2-tuple hash, not consistent hashing (removing a member can remap more clients)'),
    'pool.algorithm.least-response-time': unsupported('round-robin (5-tuple hash); Azure Load Balancer has no algorithm choice'),
    'pool.algorithm.random': native('loadDistribution Default: a 5-tuple hash per flow'),
    // Azure Load Balancer probes have no timeout setting: the spec's timeoutSeconds cannot be applied.
    'pool.health.tcp': nearest('probe Tcp without a timeout: a probe fails when the next one is due (timeoutSeconds is not applied)'),
    'pool.health.http': nearest('probe Http, 200 only: it times out after the interval or 30 s, whichever is shorter (timeoutSeconds is not applied)'),
    'pool.health.https': nearest('probe Https, 200 only: it times out after the interval or 30 s, whichever is shorter (timeoutSeconds is not applied)'),
    'pool.health.success-codes': unsupported('successCodes 200: Azure Load Balancer probes accept only 200'),
    'pool.health.healthy-threshold': native('probeThreshold'),
    'pool.health.asymmetric-thresholds': nearest('probeThreshold, one count for both directions (the unhealthy threshold)'),
    'pool.passive-health': unsupported('active probes only'),
    'pool.persistence.source-ip': native('loadDistribution SourceIP'),
    'pool.draining': nearest('established flows continue after a member leaves; there is no timed drain'),
    'pool.slow-start': unsupported('none: Azure Load Balancer has no slow start'),
    'pool.fail-open': native('probe noHealthyBackendsBehavior AllProbedUp'),
    'pool.fail-closed': native('probe noHealthyBackendsBehavior AllProbedDown'),
    // Operations (issue 19): alarms and protection
    'alarm.5xx-count': unsupported('alarm.unhealthy-members: Azure Load Balancer sees no HTTP answers', LB_METRICS),
    'alarm.5xx-ratio': unsupported('alarm.unhealthy-members: Azure Load Balancer sees no HTTP answers', LB_METRICS),
    'alarm.latency': unsupported('alarm.unhealthy-members: Microsoft.Network/loadBalancers has no response-time metric', LB_METRICS),
    'alarm.unhealthy-members': pending('a metric alert on DipAvailability (Health Probe Status, percent of probes up per backend address; a share, not a count)', LB_METRICS),
    'alarm.healthy-members': pending('a metric alert on DipAvailability (Health Probe Status) below a percentage (0 = no healthy member)', LB_METRICS),
    'alarm.rejected-connections': unsupported('a metric alert on SYNCount or SnatConnectionCount (the load balancer refuses no connections itself)', LB_METRICS),
    'alarm.rate-limited': unsupported('none: Azure Load Balancer has no rate limits', LB_METRICS),
    'protection.managed-rules': unsupported('azure-appgw with a WAF policy', WAF_DRS),
    'protection.ip-allow': unsupported("a network security group on the members' subnet (placement; connections refused, not answered 403)", WAF_CUSTOM),
    'protection.ip-deny': unsupported("a network security group deny rule on the members' subnet (placement)", WAF_CUSTOM),
    'protection.geo': unsupported('azure-appgw with a WAF GeoMatch custom rule', WAF_GEO),
    'protection.ddos-advanced': pending('DDoS IP Protection on the frontend public IP (ddosSettings.protectionMode Enabled) or a DDoS Network Protection plan on the virtual network', DDOS),
  },
  ranges: {
    'healthCheck.intervalSeconds': '>= 5',
    'healthCheck.port (http/https)': `not ${BLOCKED_HTTP_PROBE_PORTS.join(', ')}`,
    idleTimeoutSeconds: 'tcp: whole minutes, 240-1800 s; udp: not configurable (leave at 60)',
    port: '1-65534',
    'frontends per pool': 'one tcp and one udp frontend per pool (a backend port serves one rule per protocol)',
  },
  checkRanges: (scope) => [
    ...scope.pools.flatMap((p) => compact([
      outside(`${p.path}.healthCheck.intervalSeconds`, 'healthCheck.intervalSeconds', p.healthCheck.intervalSeconds, 5, 2147483647, 's'),
      p.healthCheck.protocol !== 'tcp' && BLOCKED_HTTP_PROBE_PORTS.includes(p.healthCheck.port)
        ? { path: `${p.path}.healthCheck.port`, accepted: `http probe ports other than ${BLOCKED_HTTP_PROBE_PORTS.join(', ')}`, message: `Azure Load Balancer does not send HTTP probes to port ${p.healthCheck.port}` }
        : undefined,
    ])),
    ...scope.frontends.flatMap((f) => compact([
      outside(`${f.path}.port`, 'port', f.port, 1, 65534),
      ...lbIdleTimeout(f),
    ])),
    ...sharedBackendPorts(scope),
  ],
};

function lbIdleTimeout(f: FrontendModel): Array<RangeViolation | undefined> {
  const path = `${f.path}.idleTimeoutSeconds`;
  if (f.protocol === 'udp') {
    return [f.idleTimeoutSeconds !== 60 ? { path, accepted: 'the default (60) for udp', message: 'Azure Load Balancer has no idle timeout setting for udp rules' } : undefined];
  }
  return [
    outside(path, 'idleTimeoutSeconds', f.idleTimeoutSeconds, 240, 1800, 's'),
    f.idleTimeoutSeconds % 60 !== 0 ? { path, accepted: 'whole minutes', message: `idleTimeoutSeconds ${f.idleTimeoutSeconds} is not a whole number of minutes` } : undefined,
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
      out.push({ path: `${f.path}.defaultAction`, accepted: 'one frontend per protocol and pool', message: `frontend '${f.name}' and frontend '${first.name}' both send ${key.split('/')[0]} to pool '${f.defaultAction.pool}' (same backend port)` });
    } else seen.set(key, f);
  }
  return out;
}

export const AZURE_APPGW: TargetColumn = {
  support: {
    ...l7TransportCells('azure-lb'),
    'lb.scheme.internal': native('listeners on a private frontend IP (static, in the gateway subnet); the v2 gateway keeps a public IP for its management plane, with no listener'),
    'lb.ip.dualstack': native('IPv4 and IPv6 frontend IP configurations, each with its own listeners'),
    'lb.deletion-protection': nearest('a CanNotDelete management lock on the gateway: it stops deletion in Azure, but removing the stack removes the lock first'),
    'lb.access-logs': native('diagnostic setting ApplicationGatewayAccessLog to the placement\'s Log Analytics workspace or storage account (the prefix names the setting)'),
    'frontend.protocol.http': native(),
    'frontend.protocol.https': native('https listeners with Key Vault certificates'),
    'frontend.tls.minimum-1.3': native('CustomV2 SSL policy with minProtocolVersion TLSv1_3 (an SSL profile when other https frontends stay at 1.2)'),
    'frontend.tls.sni-certificates': nearest('a multi-site listener per host name an additional certificate covers, routed like the any-host listener'),
    'frontend.tls.mtls-verify': native('SSL profile with trusted client certificates'),
    'frontend.tls.mtls-passthrough': unsupported('mtls-verify: Application Gateway verifies client certificates or ignores them'),
    'frontend.redirect-http-to-https': native('redirect configuration to the https listener'),
    'frontend.idle-timeout': nearest('the backend request timeout of the pools the frontend uses; Application Gateway\'s client idle timeout is fixed'),
    'frontend.allowed-source-cidrs': nearest('a WAF_v2 custom rule on the frontend\'s listeners that blocks other clients with the policy\'s block status (403, or the frontend\'s rate-limit status)'),
    'frontend.rule-order.most-specific': native('listeners and path rules in the model\'s order'),
    'rule.match.host.exact': native('a multi-site listener per host, most specific first'),
    'rule.match.host.wildcard': native('a multi-site listener per wildcard host, after the exact hosts'),
    'rule.match.path.exact': nearest('URL path map rule: Application Gateway compares paths case-insensitively'),
    'rule.match.path.prefix': nearest("URL path map rules '/p' and '/p/*': Application Gateway compares paths case-insensitively"),
    // Application Gateway v2 routes on listener host names and URL path maps whose patterns allow '*' only at the end;
    // there is no regex path or header condition (https://learn.microsoft.com/azure/application-gateway/url-route-overview;
    // https://learn.microsoft.com/en-us/answers/a/1293803 "Application gateway does not support regex"). Its RE2 regexes
    // belong to rewrite-rule conditions, which do not route. So regexes need no range check here: these cells refuse them.
    'rule.match.path.regex': unsupported('path prefix or exact rules (Application Gateway has no regex paths)'),
    'rule.match.header.exact': unsupported(HOST_PATH_ONLY),
    'rule.match.header.prefix': unsupported(HOST_PATH_ONLY),
    'rule.match.header.regex': unsupported(HOST_PATH_ONLY),
    'rule.match.header.present': unsupported(HOST_PATH_ONLY),
    'rule.match.query.exact': unsupported(HOST_PATH_ONLY),
    'rule.match.query.present': unsupported(HOST_PATH_ONLY),
    'rule.match.method': unsupported('a WAF custom rule on RequestMethod can allow or block, not route'),
    'rule.match.source': unsupported('a WAF custom rule on RemoteAddr can allow or block, not route'),
    'action.forward': native(),
    'action.weighted-forward': unsupported('forward to one pool (load distribution policies are not generally available)'),
    'action.weighted-forward.stickiness': unsupported('forward to one pool'),
    'action.redirect': native('redirect configuration: to a listener of this gateway (the client keeps its host) or to a fixed URL when the redirect names a host'),
    'action.redirect.status-301': native('Permanent'),
    'action.redirect.status-302': native('Found'),
    'action.redirect.status-303': native('SeeOther'),
    'action.redirect.status-307': native('Temporary'),
    'action.redirect.status-308': nearest('Permanent (301): clients may change the method to GET'),
    'action.fixed-response': unsupported('a WAF custom rule that blocks with policySettings.customBlockResponseStatusCode and body'),
    'pool.protocol.http': native(),
    'pool.protocol.https': native('backend settings protocol Https (members need a certificate from a well-known CA)'),
    'pool.algorithm.round-robin': native(),
    'pool.algorithm.weighted-round-robin': nearest('round robin: backend addresses carry no weights'),
    'pool.algorithm.least-connections': unsupported('round-robin (LeastConnections load distribution is not generally available)'),
    'pool.algorithm.ip-hash': unsupported('lb-cookie session persistence (IpHash load distribution is not generally available)'),
    'pool.algorithm.least-response-time': unsupported('round-robin'),
    'pool.algorithm.random': nearest('round robin'),
    'pool.health.tcp': unsupported('an http health check (Application Gateway v2 probes HTTP or HTTPS)'),
    'pool.health.http': native('probe Http with interval, timeout and unhealthyThreshold'),
    'pool.health.https': native('probe Https with interval, timeout and unhealthyThreshold'),
    'pool.health.success-codes': native('probe match statusCodes'),
    'pool.health.healthy-threshold': nearest('one successful probe marks a member healthy (no healthy threshold)'),
    'pool.health.asymmetric-thresholds': nearest('one successful probe marks a member healthy; unhealthyThreshold kept'),
    'pool.passive-health': unsupported('active probes only'),
    'pool.persistence.lb-cookie': nearest('cookie-based affinity with the gateway\'s session cookie ApplicationGatewayAffinity: no duration'),
    'pool.persistence.app-cookie': unsupported('lb-cookie (cookie-based affinity names the gateway\'s own cookie)'),
    'pool.persistence.source-ip': unsupported('lb-cookie'),
    'pool.draining': native('connection draining, drainTimeoutInSec'),
    'pool.slow-start': unsupported('none: Application Gateway has no slow start'),
    'pool.fail-open': nearest('fail-closed: with no healthy member Application Gateway answers 502'),
    'pool.fail-closed': nearest('Application Gateway answers 502, not 503'),
    'rate-limit.client-ip': nearest('WAF_v2 RateLimitRule grouped by ClientAddr over a sliding window, counted per listener (a frontend with host rules has several listeners)'),
    'rate-limit.header': unsupported('client-ip (rate-limit rules group by client address, geo location or nothing)'),
    'rate-limit.rule-scope': nearest('one rate-limit rule per scoped rule, matching that rule\'s host and path by regex (earlier rules are not excluded; each scoped rule counts separately)'),
    'rate-limit.custom-status': native('policySettings.customBlockResponseStatusCode (in preview), one status per frontend'),
    'rate-limit.frontend-subset': native('rate-limit rules on the scoped frontends\' listeners only'),
    // Operations (issue 19): alarms and protection
    'alarm.5xx-count': pending('a metric alert on ResponseStatus with dimension HttpStatusGroup 5xx (Total)', AGW_METRICS),
    'alarm.5xx-ratio': unsupported('alarm.5xx-count: an Azure Monitor metric alert compares one metric with a threshold and cannot divide two (ResponseStatus 5xx / TotalRequests)', AGW_METRICS),
    'alarm.latency': unsupported('a metric alert on ApplicationGatewayTotalTime (Average or Maximum: Azure Monitor has no percentile aggregation for it)', AGW_METRICS),
    'alarm.unhealthy-members': pending('a metric alert on UnhealthyHostCount (dimension BackendSettingsPool; Maximum)', AGW_METRICS),
    'alarm.healthy-members': pending('a metric alert on HealthyHostCount (dimension BackendSettingsPool; Minimum) below the threshold', AGW_METRICS),
    'alarm.rejected-connections': unsupported('a metric alert on FailedRequests (Application Gateway publishes no rejected-connection count)', AGW_METRICS),
    'alarm.rate-limited': pending('a metric alert on AzwafCustomRule (dimension Action Block; WAF_v2)', AGW_METRICS),
    'protection.managed-rules': pending('WAF policy managedRuleSets Microsoft_DefaultRuleSet 2.1 (baseline; strict adds Microsoft_BotManagerRuleSet: Azure has no sensitivity levels); detect = policy mode Detection', WAF_DRS),
    'protection.ip-allow': pending('a WAF policy custom rule IPMatch on RemoteAddr, negated, action Block (403)', WAF_CUSTOM),
    'protection.ip-deny': pending('a WAF policy custom rule IPMatch on RemoteAddr, action Block (403)', WAF_CUSTOM),
    'protection.geo': pending('a WAF policy custom rule GeoMatch on RemoteAddr, action Block (403)', WAF_GEO),
    'protection.ddos-advanced': pending('DDoS IP Protection on the gateway public IP (ddosSettings.protectionMode Enabled) or a DDoS Network Protection plan on its virtual network', DDOS),
  },
  ranges: {
    'healthCheck.unhealthyThreshold': '1-20',
    drainingSeconds: '1-3600 (connection draining off still drains for 30 s)',
    'rateLimits.windowSeconds': '60 or 300',
    'rateLimits.responseStatus': `${WAF_BLOCK_STATUSES.join(', ')}; one per frontend`,
    'rules[].match.paths': "no '*', '?' or '#' (Application Gateway path patterns)",
    'redirect without host': "to a frontend of this gateway (scheme and port), path unset or '/', query unset or ''",
    'tls.additionalCertificates': 'certificates with domains (listeners are chosen by host name)',
  },
  checkRanges: (scope) => [
    ...scope.pools.flatMap((p) => compact([
      outside(`${p.path}.healthCheck.unhealthyThreshold`, 'healthCheck.unhealthyThreshold', p.healthCheck.unhealthyThreshold, 1, 20),
      outside(`${p.path}.drainingSeconds`, 'drainingSeconds', p.drainingSeconds, 1, 3600, 's'),
    ])),
    ...scope.rateLimits.flatMap((r) => compact([
      notOneOf(`${r.path}.windowSeconds`, 'windowSeconds', r.windowSeconds, [60, 300], 's'),
      notOneOf(`${r.path}.responseStatus`, 'responseStatus', r.responseStatus, WAF_BLOCK_STATUSES),
    ])),
    ...scope.frontends.flatMap((f) => [...agwFrontendRanges(scope, f)]),
  ],
};

function* agwFrontendRanges(scope: ModelScope, f: FrontendModel): Generator<RangeViolation> {
  const limits = scope.rateLimits.filter((r) => r.frontends.includes(f.name));
  const status = limits[0]?.responseStatus;
  for (const r of limits) {
    if (r.responseStatus !== status) {
      yield { path: `${r.path}.responseStatus`, accepted: 'one block status per frontend (one WAF policy)', message: `rate limits '${limits[0].name}' and '${r.name}' on frontend '${f.name}' answer ${status} and ${r.responseStatus}` };
    }
  }
  for (const rule of f.rules) {
    const i = rule.match.paths.findIndex((p) => p.kind !== 'regex' && /[*?#]/.test(p.value));
    if (i >= 0) yield { path: `${rule.path}.match.paths[${i}]`, accepted: "paths without '*', '?' or '#'", message: `path '${rule.match.paths[i].value}' has a character Application Gateway path patterns reserve` };
    yield* redirectRanges(scope, f, rule.action, `${rule.path}.action.redirect`);
  }
  if (f.defaultAction) yield* redirectRanges(scope, f, f.defaultAction, `${f.path}.defaultAction.redirect`);
  if (f.redirectHttpToHttps && !redirectTarget(scope, 'https', f.redirectHttpToHttps.port)) {
    yield { path: `${f.path}.redirectHttpToHttps`, accepted: 'an https frontend of this gateway on the redirect port', message: `no https frontend on port ${f.redirectHttpToHttps.port} to redirect to` };
  }
  for (const name of f.tls?.additionalCertificates ?? []) {
    if (!scope.model.certificates.find((c) => c.name === name)?.domains.length) {
      yield { path: `${f.path}.tls.additionalCertificates`, accepted: 'additional certificates with domains', message: `certificate '${name}' lists no domains, so no listener can present it` };
    }
  }
}

function redirectTarget(scope: ModelScope, scheme: string, port: number): FrontendModel | undefined {
  return scope.frontends.find((o) => o.protocol === scheme && o.port === port && !o.redirectHttpToHttps);
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
    if (a.query && a.path === undefined) yield { path: `${path}.query`, accepted: 'a query only together with a path when the redirect names a host', message: 'Application Gateway appends the request path after a fixed URL, so the URL cannot end in a query' };
    return;
  }
  const { scheme, port, frontend } = agwRedirectDestination(scope, f, a);
  if (!frontend) {
    yield { path, accepted: 'a redirect that names a host, or one to a frontend of this gateway', message: `keeping the client's host needs a redirect to a listener, and no ${scheme} frontend on port ${port} serves one` };
  }
  if (a.path !== undefined && a.path !== '/') {
    yield { path: `${path}.path`, accepted: "path unset or '/' when the redirect keeps the client's host", message: `a redirect to a listener keeps the request path or drops it (to '/'); it cannot set '${a.path}'` };
  }
  if (a.query) {
    yield { path: `${path}.query`, accepted: "query unset or '' when the redirect keeps the client's host", message: 'a redirect to a listener keeps the request query or drops it; it cannot set one' };
  }
}
