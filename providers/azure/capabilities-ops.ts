/**
 * Azure cells of operations (issue 19): alarms as Azure Monitor metric alerts, protection as WAF policy rules
 * and DDoS IP Protection, with the ranges these renderings accept. Sources: sources.ts (checked 2026-12-02).
 */
import type { ModelScope } from '../../lib/capabilities/features';
import { native, nearest, unsupported, type RangeViolation, type Support, type TargetColumn } from '../../lib/capabilities/support';
import { SRC } from './sources';
import { alarmInScope } from '../../lib/capabilities/operations-features';
import { protectsRequests } from './plan/protects';

const { agwMetrics: AGW_METRICS, lbMetrics: LB_METRICS, wafDrs: WAF_DRS, wafCustomRules: WAF_CUSTOM, wafGeo: WAF_GEO, wafBlockStatus, ddos: DDOS } = SRC;

const DDOS_IP_PROTECTION =
  '(ddosSettings.protectionMode Enabled): the per-IP tier, tuned per address; rapid response and cost protection come only with a DDoS Network Protection plan on a virtual network';

export const AZURE_LB_OPS: Readonly<Record<string, Support>> = {
  'alarm.5xx-count': unsupported('alarm.unhealthy-members: Azure Load Balancer sees no HTTP answers', LB_METRICS),
  'alarm.5xx-ratio': unsupported('alarm.unhealthy-members: Azure Load Balancer sees no HTTP answers', LB_METRICS),
  'alarm.latency': unsupported('alarm.unhealthy-members: Microsoft.Network/loadBalancers has no response-time metric', LB_METRICS),
  // DipAvailability is a share of successful probes per backend address, with no pool dimension and no count.
  'alarm.unhealthy-members': nearest(
    "a metric alert on DipAvailability (Health Probe Status, percent of probes answered) of the pool's rules (FrontendPort, BackendPort), one series per member (BackendIPAddress '*'), Average 0 over periodSeconds x evaluationPeriods (rounded up to Azure's next window): a member that failed every probe throughout; only threshold 0 is expressible",
    LB_METRICS,
  ),
  'alarm.healthy-members': nearest(
    "a metric alert on DipAvailability of the pool's rules (FrontendPort, BackendPort), Average over all members 0 over periodSeconds x evaluationPeriods (rounded up): no member answered a probe throughout; only threshold 1 ('no healthy member') is expressible",
    LB_METRICS,
  ),
  'alarm.rejected-connections': unsupported('a metric alert on SYNCount or SnatConnectionCount (the load balancer refuses no connections itself)', LB_METRICS),
  'alarm.rate-limited': unsupported('none: Azure Load Balancer has no rate limits', LB_METRICS),
  'protection.managed-rules': unsupported('azure-appgw with a WAF policy', WAF_DRS),
  'protection.ip-allow': unsupported("a network security group on the members' subnet (placement; connections refused, not answered 403)", WAF_CUSTOM),
  'protection.ip-deny': unsupported("a network security group deny rule on the members' subnet (placement)", WAF_CUSTOM),
  'protection.geo': unsupported('azure-appgw with a WAF GeoMatch custom rule', WAF_GEO),
  'protection.ddos-advanced': native(`DDoS IP Protection on the frontend public IPs ${DDOS_IP_PROTECTION}; an internal load balancer has none`, DDOS),
};

export const AZURE_APPGW_OPS: Readonly<Record<string, Support>> = {
  'alarm.5xx-count': nearest(
    'a metric alert on ResponseStatus (dimension HttpStatusGroup 5xx, Total) over one period; static-threshold alerts count no consecutive windows, so evaluationPeriods > 1 is not kept, and the count is per gateway (no pool dimension)',
    AGW_METRICS,
  ),
  'alarm.5xx-ratio': unsupported(
    'alarm.5xx-count: an Azure Monitor metric alert compares one metric with a threshold and cannot divide two (ResponseStatus 5xx / TotalRequests)',
    AGW_METRICS,
  ),
  'alarm.latency': unsupported(
    'a metric alert on ApplicationGatewayTotalTime (Average or Maximum: Azure Monitor has no percentile aggregation for it)',
    AGW_METRICS,
  ),
  'alarm.unhealthy-members': native(
    "a metric alert on UnhealthyHostCount (dimension BackendSettingsPool '<pool>~<settings>'), Minimum over periodSeconds x evaluationPeriods (rounded up to Azure's next window: 1, 5, 15, 30, 60 min...) above the threshold",
    AGW_METRICS,
  ),
  'alarm.healthy-members': native(
    "a metric alert on HealthyHostCount (dimension BackendSettingsPool '<pool>~<settings>'), Maximum over periodSeconds x evaluationPeriods (rounded up to Azure's next window) below the threshold",
    AGW_METRICS,
  ),
  'alarm.rejected-connections': unsupported('a metric alert on FailedRequests (Application Gateway publishes no rejected-connection count)', AGW_METRICS),
  'alarm.rate-limited': nearest(
    'a metric alert on AzwafCustomRule (dimension Action Block, Total; WAF_v2) over one period: managed-rule blocks (AzwafSecRule) are not counted and evaluationPeriods > 1 is not kept',
    AGW_METRICS,
  ),
  // Azure's Default Rule Set has versions, not levels (plan/waf-protection.ts): the level picks the version.
  'protection.managed-rules': nearest(
    "the frontend's WAF policy carries Microsoft_DefaultRuleSet 2.2 (paranoia level 1, anomaly threshold 5) for baseline; strict is DRS 2.1, which Azure ships with its paranoia-level-2 rules on, plus Microsoft_BotManagerRuleSet 1.1 (Azure has no sensitivity setting); detect = policy mode Detection, which also only logs that frontend's custom rules",
    WAF_DRS,
  ),
  'protection.ip-allow': native(
    "a WAF custom rule on the frontend's policy: NOT IPMatch RemoteAddr (600 ranges per condition, up to 10 conditions), action Block (403)",
    WAF_CUSTOM,
  ),
  'protection.ip-deny': native(
    "WAF custom rules on the frontend's policy, before the allow list: IPMatch RemoteAddr (one rule per 600 ranges), action Block (403)",
    WAF_CUSTOM,
  ),
  'protection.geo': native(
    "a WAF custom rule on the frontend's policy: GeoMatch RemoteAddr (deny) or NOT GeoMatch (allow), action Block (403); Azure's map gives unknown addresses the code ZZ",
    WAF_GEO,
  ),
  'protection.ddos-advanced': native(
    `DDoS IP Protection on the gateway's public IPs ${DDOS_IP_PROTECTION}; an internal gateway's management address is protected too`,
    DDOS,
  ),
};

export const AZURE_LB_OPS_RANGES: TargetColumn['ranges'] = {
  'alarms[].threshold (unhealthy-members)': { accepted: '0 (a member failed every probe)', source: LB_METRICS },
  'alarms[].threshold (healthy-members)': { accepted: "1 ('no healthy member')", source: LB_METRICS },
};

export const AZURE_APPGW_OPS_RANGES: TargetColumn['ranges'] = {
  'rateLimits.responseStatus (protected frontends)': { accepted: '403: one block status per WAF policy, and protection answers 403', source: wafBlockStatus },
};

/** The member alarms of the load balancer at the thresholds DipAvailability expresses. */
export function lbAlarmRanges(scope: ModelScope): RangeViolation[] {
  return scope.model.alarms
    .filter((a) => alarmInScope(a, scope))
    .flatMap((a): RangeViolation[] => {
      const expressible = a.metric === 'unhealthy-members' ? 0 : a.metric === 'healthy-members' ? 1 : undefined;
      if (expressible === undefined || a.threshold === expressible) return [];
      return [
        {
          path: `${a.path}.threshold`,
          accepted: `${expressible} for '${a.metric}' on azure-lb`,
          message: `DipAvailability counts no members: alarm '${a.name}' can fire on ${expressible === 0 ? 'one member failing every probe (threshold 0)' : 'no member answering (threshold 1)'} only`,
        },
      ];
    });
}

/** A protected frontend's refusals answer 403, and its WAF policy has one block status: its rate limits must agree. */
export function protectedBlockStatus(scope: ModelScope): RangeViolation[] {
  return scope.frontends
    .filter((f) => protectsRequests(scope.model.protection, f.name))
    .flatMap((f) =>
      scope.rateLimits
        .filter((r) => r.frontends.includes(f.name) && r.responseStatus !== 403)
        .map((r) => ({
          path: `${r.path}.responseStatus`,
          accepted: '403 on frontends with protection (one block status per WAF policy)',
          message: `rate limit '${r.name}' answers ${r.responseStatus} on protected frontend '${f.name}', whose WAF policy answers protection's refusals with 403`,
        })),
    );
}
