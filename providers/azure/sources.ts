/**
 * The pages and SDK types the Azure capability cells and ranges rest on (lib/capabilities/support.ts `cite`),
 * with the day each was last checked. One constant per page (with its section where the page is long), so
 * that re-checking a page re-dates every cell that rests on it.
 */
import { cite, type Source, type Support } from '../../lib/capabilities/support';

/** The day the cells below were last checked against their sources. */
export const CHECKED = '2026-12-02';

const LEARN = 'https://learn.microsoft.com/azure';
const at = (ref: string): Source => cite(ref, CHECKED);

export const SRC = {
  // Azure Load Balancer
  lbComponents: at(`${LEARN}/load-balancer/components (frontend IP configuration, backend pool, load-balancing rules: one backend pool per rule)`),
  lbIdleTimeout: at(`${LEARN}/load-balancer/load-balancer-tcp-idle-timeout ("a default timeout range of 4 minutes to 100 minutes", default 4)`),
  lbTcpReset: at(`${LEARN}/load-balancer/load-balancer-tcp-reset (TCP reset on idle, tcp rules only)`),
  lbProbes: at(
    `${LEARN}/load-balancer/load-balancer-custom-probe-overview (probe protocols, 200 only, interval >= 5 s, probeThreshold, Limitations: blocked ports)`,
  ),
  lbProbeDown: at(`${LEARN}/load-balancer/load-balancer-custom-probe-overview (Probe down behavior: all TCP flows continue; noHealthyBackendsBehavior)`),
  lbDistribution: at(`${LEARN}/load-balancer/distribution-mode-concepts (hash-based: five-tuple default, Source IP affinity two- or three-tuple)`),
  lbIpv6: at(`${LEARN}/load-balancer/load-balancer-ipv6-overview (dual-stack: a frontend, pool and rule per IP version)`),
  lbInternal: at(`${LEARN}/load-balancer/load-balancer-overview (public and internal load balancers)`),
  lbMonitoring: at(`${LEARN}/load-balancer/monitor-load-balancer (metrics and health event logs; no per-request logs)`),
  lbNsg: at(`${LEARN}/virtual-network/network-security-groups-overview (clients are filtered by the members' network security group)`),
  lbLayer4: at(`${LEARN}/load-balancer/load-balancer-overview (layer 4: TCP and UDP; no TLS termination)`),
  lbLimits: at(`${LEARN}/azure-resource-manager/management/azure-subscription-service-limits#load-balancer (Standard: 1,500 rules per load balancer)`),
  // Application Gateway v2
  agwFaq: at(`${LEARN}/application-gateway/application-gateway-faq (protocols: HTTP, HTTPS, HTTP/2, WebSocket; TCP/TLS proxy is a preview)`),
  agwIdle: at(
    `${LEARN}/application-gateway/application-gateway-faq (keep-alive and TCP idle timeout: HTTP/1.1 keep-alive 120 s, not configurable; frontend TCP idle 4 min, up to 30 on a public IP)`,
  ),
  agwComponents: at(`${LEARN}/application-gateway/application-gateway-components (frontend IPs, listeners, routing rules, backend settings)`),
  agwPrivate: at(
    `${LEARN}/application-gateway/application-gateway-private-deployment (a v2 gateway keeps a public IP unless private-only deployment, a preview)`,
  ),
  agwIpv6: at(`${LEARN}/application-gateway/ipv6-application-gateway-portal (IPv4 and IPv6 frontend IP configurations)`),
  agwMultiSite: at(`${LEARN}/application-gateway/multiple-site-overview (multi-site listeners, exact and wildcard host names, priority order)`),
  agwUrlRoutes: at(
    `${LEARN}/application-gateway/url-route-overview (path patterns: '*' only at the end, case-insensitive; no regex, header or query conditions)`,
  ),
  agwRedirect: at(`${LEARN}/application-gateway/redirect-overview (redirect to a listener or an external URL; 301, 302, 303, 307)`),
  agwSslPolicy: at(`${LEARN}/application-gateway/application-gateway-ssl-policy-overview (Predefined and CustomV2 policies, TLSv1_3, SSL profiles)`),
  agwMtls: at(`${LEARN}/application-gateway/mutual-authentication-overview (trusted client CA certificates on an SSL profile; no passthrough)`),
  agwSettings: at(
    `${LEARN}/application-gateway/configuration-http-settings (cookie-based affinity ApplicationGatewayAffinity, connection draining 1-3600 s, request timeout)`,
  ),
  agwProbes: at(
    `${LEARN}/application-gateway/application-gateway-probe-overview (HTTP/HTTPS probes, interval, timeout, unhealthy threshold, match status codes)`,
  ),
  agwHowItWorks: at(`${LEARN}/application-gateway/how-application-gateway-works (round robin to the healthy members)`),
  agw502: at(`${LEARN}/application-gateway/application-gateway-troubleshooting-502 (no healthy member: 502 Bad Gateway)`),
  agwLogs: at(`${LEARN}/application-gateway/application-gateway-diagnostics (ApplicationGatewayAccessLog diagnostic category)`),
  agwFeatures: at(`${LEARN}/application-gateway/features (no slow start, no passive health, no weighted targets)`),
  agwLoadDistribution: at(
    '@pulumi/azure-native 3.28 network.ApplicationGatewayLoadDistributionPolicyArgs (API 2024-05-01, absent from the Application Gateway docs: not generally available)',
  ),
  agwLimits: at(`${LEARN}/azure-resource-manager/management/azure-subscription-service-limits#application-gateway-limits`),
  locks: at(`${LEARN}/azure-resource-manager/management/lock-resources (CanNotDelete locks)`),
  // Web Application Firewall on Application Gateway
  wafRateLimit: at(
    `${LEARN}/web-application-firewall/ag/rate-limiting-overview (sliding window, "not always enforced exactly as defined"; counted per listener; group by ClientAddr, GeoLocation or None)`,
  ),
  wafRateDuration: at('@pulumi/azure-native 3.28 network.WebApplicationFirewallCustomRuleArgs.rateLimitDuration (OneMin, FiveMins)'),
  wafCustomRules: at(
    `${LEARN}/web-application-firewall/ag/custom-waf-rules-overview (match variables RemoteAddr, RequestMethod, RequestUri, RequestHeaders; Allow, Block)`,
  ),
  wafBlockStatus: at(`${LEARN}/web-application-firewall/ag/configure-custom-response-code (customBlockResponseStatusCode: 200, 403, 405, 406, 429, 990-999)`),
  // Operations (issue 19): metric alerts, managed rule sets, country rules, DDoS Protection
  agwMetrics: at(`${LEARN}/application-gateway/monitor-application-gateway-reference (metrics, dimensions and aggregations)`),
  lbMetrics: at(
    `${LEARN}/azure-monitor/reference/supported-metrics/microsoft-network-loadbalancers-metrics (DipAvailability: Average; ProtocolType, BackendPort, FrontendIPAddress, FrontendPort, BackendIPAddress)`,
  ),
  wafDrs: at(
    `${LEARN}/web-application-firewall/ag/application-gateway-crs-rulegroups-rules (DRS 2.2 at paranoia level 1, DRS 2.1 with PL2 rules on; anomaly threshold 5)`,
  ),
  wafGeo: at(`${LEARN}/web-application-firewall/ag/geomatch-custom-rules (GeoMatch on RemoteAddr; unknown addresses are ZZ)`),
  ddos: at(`${LEARN}/ddos-protection/ddos-protection-sku-comparison (DDoS IP Protection per public IP; Network Protection per virtual network)`),
} as const;

/** Every cell of `cells` with `source` (the rows a shared helper fills, sourced for this column). */
export function sourcedCells(cells: Record<string, Support>, source: Source): Record<string, Support> {
  return Object.fromEntries(Object.entries(cells).map(([id, cell]) => [id, { ...cell, source }]));
}
