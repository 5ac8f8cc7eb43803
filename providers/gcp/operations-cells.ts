/**
 * GCP cells and ranges of operations (issue 19): Cloud Monitoring alert policies (plan/alerts.ts) and Cloud Armor
 * protection (plan/armor-protection.ts). Sources checked 2026-12-02.
 *
 * Which load balancers take which Cloud Armor policy (https://cloud.google.com/armor/docs/security-policy-overview):
 * backend security policies serve "All external Application Load Balancers", the "Regional internal Application
 * Load Balancer" and the global external proxy Network Load Balancer; the external passthrough Network Load
 * Balancer gets advanced network DDoS protection and network edge security policies (Cloud Armor Enterprise,
 * https://cloud.google.com/armor/docs/common-use-cases#feature-availability). Adaptive Protection is "only supported
 * in Global Security Policies of type CLOUD_ARMOR" (compute.proto SecurityPolicyAdaptiveProtectionConfigLayer7DdosDefenseConfig).
 */
import { cite, native, nearest, unsupported, type RangeDoc, type RangeViolation, type Support } from '../../lib/capabilities/support';
import type { ModelScope } from '../../lib/capabilities/features';
import { BAND_RULES, matchSubexpressions, MAX_SRC_IP_RANGES, MAX_SUBEXPRESSIONS } from './armor-limits';

const CHECKED = '2026-12-02';
const LB_METRICS = cite('https://cloud.google.com/load-balancing/docs/metrics', CHECKED);
const ALERT_RATIO = cite('https://cloud.google.com/monitoring/api/ref_v3/rest/v3/projects.alertPolicies#MetricThreshold', CHECKED);
const ALERT_ALIGNERS = cite('https://cloud.google.com/monitoring/api/ref_v3/rest/v3/projects.alertPolicies#Aligner', CHECKED);
const ARMOR_METRICS = cite(
  'https://cloud.google.com/armor/docs/monitoring (request counts per policy and backend service by outcome) and https://cloud.google.com/monitoring/api/metrics_gcp (networksecurity: https/request_count, label blocked; resource network_security_policy)',
  CHECKED,
);
const ARMOR_WAF = cite('https://cloud.google.com/armor/docs/waf-rules and https://cloud.google.com/armor/docs/rule-tuning#choose_a_sensitivity_level', CHECKED);
const ARMOR_RULES = 'https://cloud.google.com/armor/docs/rules-language-reference';
const ARMOR_RULES_SOURCE = cite(ARMOR_RULES, CHECKED);
const ARMOR_IP = cite(
  `@google-cloud/compute 7.8.0 compute.proto SecurityPolicyRuleMatcherConfig.src_ip_ranges ("Maximum number of src_ip_ranges allowed is 10"); ${ARMOR_RULES} ("an expression with up to five subexpressions")`,
  CHECKED,
);
const ARMOR_ADAPTIVE = cite(
  'https://cloud.google.com/armor/docs/adaptive-protection-overview; @google-cloud/compute 7.8.0 compute.proto SecurityPolicyAdaptiveProtectionConfigLayer7DdosDefenseConfig.enable ("only supported in Global Security Policies of type CLOUD_ARMOR")',
  CHECKED,
);
const ARMOR_NETWORK = cite('https://cloud.google.com/armor/docs/advanced-network-ddos', CHECKED);
const ARMOR_NETWORK_SERVICE = cite(
  'https://cloud.google.com/armor/docs/advanced-network-ddos; https://cloud.google.com/sdk/gcloud/reference/compute/network-edge-security-services ("to add advanced protection for a given region, create a network edge security service in that region and attach a security policy with ADVANCED DDoS protection enabled")',
  CHECKED,
);
const ARMOR_TARGETS = cite('https://cloud.google.com/armor/docs/security-policy-overview (load balancers that take security policies)', CHECKED);
/** Metric path of the ALB kinds (LB_METRICS): https/ global, https/external/regional/ regional external, https/internal/ internal. */
const ALB_METRIC_PATH = (regional: boolean): string => (regional ? 'https/external/regional/ (internal: https/internal/)' : 'https/');

/** Alarm and protection cells of the Application Load Balancers. */
export const albOperationsCells = (regional: boolean): Record<string, Support> => ({
  'alarm.5xx-count': native(
    `an alert policy (plan/alerts.ts) on loadbalancing.googleapis.com/${ALB_METRIC_PATH(regional)}request_count, response_code_class 500, ALIGN_DELTA summed over the URL maps`,
    LB_METRICS,
  ),
  'alarm.5xx-ratio': native(
    'an alert policy threshold condition on request_count of class 500 with denominatorFilter: all request_count of the same URL maps (ALIGN_DELTA, REDUCE_SUM)',
    ALERT_RATIO,
  ),
  'alarm.latency': native(
    `an alert policy on loadbalancing.googleapis.com/${ALB_METRIC_PATH(regional)}total_latencies (ms) with ALIGN_PERCENTILE_05/50/95/99: the nearest aligner at or above the percentile`,
    ALERT_ALIGNERS,
  ),
  'alarm.unhealthy-members': unsupported(
    'an alert on backend_request_count of the pool falling, or an uptime check per member: Cloud Monitoring has no healthy-backend metric for application load balancers',
    LB_METRICS,
  ),
  'alarm.healthy-members': unsupported('an alert on backend_request_count of the pool falling to 0 (no healthy-backend metric)', LB_METRICS),
  'alarm.rejected-connections': unsupported('alarm.5xx-count: the proxies publish no rejected-connection count', LB_METRICS),
  'alarm.rate-limited': regional
    ? nearest(
        "an alert policy on networksecurity.googleapis.com/https/request_count with blocked = true of the load balancer's regional Cloud Armor policies (ALIGN_DELTA, REDUCE_SUM); pool is ignored, as Cloud Armor acts before routing; the metrics page names no regional policy, so the series may stay empty",
        ARMOR_METRICS,
      )
    : native(
        "an alert policy on networksecurity.googleapis.com/https/request_count (resource network_security_policy) with blocked = true of the load balancer's Cloud Armor policies (ALIGN_DELTA, REDUCE_SUM): every request the rate limits and protection refused (and the 403s of allowedSourceCidrs, whose own cell maps them to a Cloud Armor rule); pool is ignored, as Cloud Armor acts before routing",
        ARMOR_METRICS,
      ),
  'protection.managed-rules': native(
    'Cloud Armor preconfigured WAF rules, one deny(403) rule per set: baseline sqli/xss/lfi/rfi/rce-v33-stable at sensitivity 1; strict those plus scannerdetection, protocolattack and java at sensitivity 2; detect renders them with preview',
    ARMOR_WAF,
  ),
  'protection.ip-allow': native(
    'a Cloud Armor deny(403) rule on NOT inIpRange of the list (up to 5 ranges, before the rate limits); a longer list: srcIpRanges allow rules (10 ranges each) and the default rule deny(403), without rate limits on the frontend',
    ARMOR_IP,
  ),
  'protection.ip-deny': native('Cloud Armor deny(403) rules on srcIpRanges, 10 ranges a rule, before every other rule of the policy', ARMOR_IP),
  'protection.geo': native(
    "Cloud Armor deny(403) rules on origin.region_code == 'XX' (deny: 5 countries a rule; allow: the negation of up to 5)",
    ARMOR_RULES_SOURCE,
  ),
  'protection.ddos-advanced': regional
    ? unsupported('gcp-alb-global: Adaptive Protection is only supported in global security policies', ARMOR_ADAPTIVE)
    : native(
        'Cloud Armor Adaptive Protection on the policy: adaptiveProtectionConfig.layer7DdosDefenseConfig.enable (full mitigation needs Cloud Armor Enterprise)',
        ARMOR_ADAPTIVE,
      ),
});

/** Alarm and protection cells of the Network Load Balancers. */
export const nlbOperationsCells = (proxy: boolean): Record<string, Support> => ({
  'alarm.5xx-count': unsupported('alarm.healthy-members: a network load balancer sees no HTTP answers', LB_METRICS),
  'alarm.5xx-ratio': unsupported('alarm.healthy-members: a network load balancer sees no HTTP answers', LB_METRICS),
  'alarm.latency': unsupported(
    proxy
      ? 'an alert on tcp_ssl_proxy/frontend_tcp_rtt (round-trip time, not response time)'
      : 'none: passthrough load balancers publish no latency of the members',
    LB_METRICS,
  ),
  'alarm.unhealthy-members': unsupported('an uptime check per member: Cloud Monitoring has no healthy-backend metric for network load balancers', LB_METRICS),
  'alarm.healthy-members': unsupported('an uptime check per member: no healthy-backend metric', LB_METRICS),
  'alarm.rejected-connections': unsupported(
    proxy ? 'an alert on tcp_ssl_proxy/closed_connections' : 'none: passthrough load balancers refuse no connections themselves',
    LB_METRICS,
  ),
  'alarm.rate-limited': unsupported('none: a network load balancer has no rate limits', LB_METRICS),
  'protection.managed-rules': unsupported('gcp-alb-global or gcp-alb-regional: preconfigured WAF rules inspect HTTP', ARMOR_WAF),
  'protection.ip-allow': unsupported(
    proxy
      ? 'a Cloud Armor backend security policy on the proxy backend service (global external proxy only; lbkit does not render it yet)'
      : 'frontend.allowedSourceCidrs (forwarding rule sourceIpRanges)',
    ARMOR_TARGETS,
  ),
  'protection.ip-deny': unsupported(
    proxy
      ? 'a Cloud Armor backend security policy on the proxy backend service (global external proxy only; lbkit does not render it yet)'
      : 'a network edge security policy (needs advanced network DDoS protection)',
    ARMOR_NETWORK,
  ),
  'protection.geo': unsupported('a Cloud Armor policy on gcp-alb-global', ARMOR_RULES_SOURCE),
  'protection.ddos-advanced': proxy
    ? unsupported('gcp-alb-global with Adaptive Protection', ARMOR_ADAPTIVE)
    : nearest(
        "Cloud Armor advanced network DDoS protection: a regional CLOUD_ARMOR_NETWORK policy with ddosProtection ADVANCED attached to the region's network edge security service, which protects every external passthrough load balancer, protocol forwarding rule and VM with an external IP of the project in the region (one service per region and project; needs Cloud Armor Enterprise); external only",
        ARMOR_NETWORK_SERVICE,
      ),
});

/** What the Cloud Armor protection of an ALB accepts (plan/armor-protection.ts bands). */
export const PROTECTION_RANGE_TEXT: Readonly<Record<string, RangeDoc>> = {
  'protection.ipDeny': { accepted: `the spec's 1000 ranges (${BAND_RULES.ipDeny} rules of ${MAX_SRC_IP_RANGES})`, source: ARMOR_IP },
  'protection.ipAllow': {
    accepted: `at most ${MAX_SUBEXPRESSIONS} ranges on a frontend with rate limits; otherwise the spec's 1000 (${BAND_RULES.ipAllowList} rules of ${MAX_SRC_IP_RANGES})`,
    source: ARMOR_IP,
  },
  allowedSourceCidrs: {
    accepted: `at most ${MAX_SUBEXPRESSIONS} ranges (one Cloud Armor deny rule on their negation)`,
    source: ARMOR_IP,
  },
  'rateLimits.scope.rules': {
    accepted: `the scoped rules' conditions in at most ${MAX_SUBEXPRESSIONS} subexpressions (each host, path, header, query, method and source list is one)`,
    source: ARMOR_RULES_SOURCE,
  },
  'protection.geo': {
    accepted: `allow: at most ${MAX_SUBEXPRESSIONS} countries; deny: at most ${BAND_RULES.geo * MAX_SUBEXPRESSIONS}`,
    source: ARMOR_RULES_SOURCE,
  },
};

const over = (path: string, accepted: string, message: string): RangeViolation => ({ path, accepted, message });

/** What advanced network DDoS protection covers (the passthrough column's range). */
export const NETWORK_DDOS_RANGE: RangeDoc = { accepted: 'advanced on external passthrough load balancers only', source: ARMOR_NETWORK };

/** Advanced network DDoS protection covers external passthrough load balancers only. */
export function networkDdosRanges(scope: ModelScope): RangeViolation[] {
  const p = scope.model.protection;
  if (p?.ddos !== 'advanced' || scope.model.scheme !== 'internal' || !scope.frontends.some((f) => p.frontends.includes(f.name))) return [];
  return [
    over('protection.ddos', NETWORK_DDOS_RANGE.accepted, 'advanced network DDoS protection covers external passthrough load balancers, not internal ones'),
  ];
}

/**
 * Cloud Armor expressions lbkit builds from the spec (allowedSourceCidrs, a rate limit's rule scope) over the
 * five subexpressions one advanced match condition holds.
 */
export function armorExpressionRanges(scope: ModelScope): RangeViolation[] {
  const sources = scope.frontends
    .filter((f) => f.layer === 'l7' && f.allowedSourceCidrs.length > MAX_SUBEXPRESSIONS)
    .map((f) =>
      over(
        `${f.path}.allowedSourceCidrs`,
        PROTECTION_RANGE_TEXT.allowedSourceCidrs.accepted,
        `frontend '${f.name}' lists ${f.allowedSourceCidrs.length} source ranges; one Cloud Armor condition holds ${MAX_SUBEXPRESSIONS}`,
      ),
    );
  const scoped = scope.model.rateLimits.flatMap((limit) => {
    if (!limit.rules) return [];
    return scope.frontends.flatMap((f) => {
      const rules = f.rules.filter((r) => limit.rules!.includes(`${f.name}/${r.name}`));
      const n = rules.reduce((sum, r) => sum + matchSubexpressions(r.match), 0);
      return n > MAX_SUBEXPRESSIONS
        ? [
            over(
              `${limit.path}.scope.rules`,
              PROTECTION_RANGE_TEXT['rateLimits.scope.rules'].accepted,
              `rate limit '${limit.name}' on frontend '${f.name}' needs ${n} subexpressions; scope it to fewer or simpler rules`,
            ),
          ]
        : [];
    });
  });
  return [...sources, ...scoped];
}

/**
 * Protection the Cloud Armor rules of this ALB cannot hold. The spec lists at most 1000 ranges, which the deny
 * and allow bands (100 rules of 10) always hold; what remains is the negation's five subexpressions.
 */
export function protectionRanges(scope: ModelScope): RangeViolation[] {
  const p = scope.model.protection;
  const covered = p ? scope.frontends.filter((f) => p.frontends.includes(f.name)) : [];
  if (!p || !covered.length) return [];
  const limited = covered.filter((f) => scope.model.rateLimits.some((r) => r.frontends.includes(f.name)));
  const out: RangeViolation[] = [];
  const text = (key: string) => PROTECTION_RANGE_TEXT[key].accepted;
  if (p.ipAllow.length > MAX_SUBEXPRESSIONS && limited.length)
    out.push(
      over(
        'protection.ipAllow',
        text('protection.ipAllow'),
        `${p.ipAllow.length} ipAllow ranges need allow rules, which the rate limits of ${limited.map((f) => `'${f.name}'`).join(', ')} would bypass (a throttle rule's conform action is allow); list at most ${MAX_SUBEXPRESSIONS} ranges`,
      ),
    );
  const geo = p.geo;
  if (geo && (geo.mode === 'allow' ? geo.countries.length > MAX_SUBEXPRESSIONS : geo.countries.length > BAND_RULES.geo * MAX_SUBEXPRESSIONS))
    out.push(over(`protection.geo.${geo.mode}`, text('protection.geo'), `${geo.countries.length} countries do not fit one Cloud Armor ${geo.mode} condition`));
  return out;
}
