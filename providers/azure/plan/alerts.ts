/**
 * The spec's alarms as Azure Monitor metric alerts (Microsoft.Insights/metricAlerts) on the Application
 * Gateway's platform metrics (SEMANTICS.md, Alarms). Metric names, dimensions and aggregations:
 * https://learn.microsoft.com/en-us/azure/application-gateway/monitor-application-gateway-reference (checked
 * 2026-12-02): ResponseStatus (HttpStatusGroup; Total), UnhealthyHostCount and HealthyHostCount
 * (BackendSettingsPool, valued '<backend pool>~<backend http settings>'; Average, Minimum, Maximum),
 * AzwafCustomRule (Action, CustomRuleID, ...; Total; WAF_v2 only).
 *
 * A static-threshold criterion compares one aggregate over `windowSize` with the threshold each
 * `evaluationFrequency`; it has no count of consecutive breaching windows (only dynamic thresholds have
 * failingPeriods), so the window spans the whole evaluation (periodSeconds x evaluationPeriods, rounded up to a
 * window Azure accepts) and the aggregation is the one that holds only when every minute of it breached: Minimum
 * for member counts above a threshold, Maximum below one. Counts (5xx, WAF blocks) are summed over one period.
 */
import type { AlarmModel, LoadBalancerModel } from '../../../lib/model/types';
import type { PlanProblems } from './problems';
import type { ApplicationGatewayPlan, MetricAlertPlan } from './types';

/** windowSize values a metric alert accepts, in minutes (PT1M..PT1H, PT6H, PT12H, PT24H). */
export const ALERT_WINDOWS_MINUTES = [1, 5, 15, 30, 60, 360, 720, 1440] as const;

/** The alarm metrics this file plans for azure-appgw (their cells are native there). */
export const PLANNED_GATEWAY_ALARMS: readonly string[] = ['5xx-count', 'unhealthy-members', 'healthy-members', 'rate-limited'];

export const iso = (minutes: number) => (minutes % 60 === 0 ? `PT${minutes / 60}H` : `PT${minutes}M`);
export const windowCovering = (minutes: number) => ALERT_WINDOWS_MINUTES.find((w) => w >= minutes) ?? ALERT_WINDOWS_MINUTES[ALERT_WINDOWS_MINUTES.length - 1];

/** The metric alerts of the gateway's alarms; an alarm on a pool the gateway does not serve is another target's. */
export function planGatewayAlerts(model: LoadBalancerModel, agw: ApplicationGatewayPlan, prefix: string, problems: PlanProblems): MetricAlertPlan[] {
  const pools = new Set(agw.backendAddressPools.map((p) => p.pool));
  return model.alarms.flatMap((a): MetricAlertPlan[] => {
    if (!PLANNED_GATEWAY_ALARMS.includes(a.metric) || (a.pool !== undefined && !pools.has(a.pool))) return [];
    if (a.metric === '5xx-count' && a.pool !== undefined) {
      problems.limit(
        `${a.path}.pool`,
        'Application Gateway counts 5xx answers (ResponseStatus) per gateway: the metric has no pool dimension',
        `remove pool from alarm '${a.name}' (it then watches the whole gateway)`,
      );
      return [];
    }
    return [alertOf(a, agw, prefix)];
  });
}

function alertOf(a: AlarmModel, agw: ApplicationGatewayPlan, prefix: string): MetricAlertPlan {
  const periodMinutes = a.periodSeconds / 60;
  const base = {
    name: `${prefix}-${a.name}`,
    alarm: a.name,
    path: a.path,
    metricNamespace: 'Microsoft.Network/applicationGateways' as const,
    threshold: a.threshold,
  };
  const notify = a.notify !== undefined ? { notify: a.notify } : {};
  if (a.metric === 'unhealthy-members' || a.metric === 'healthy-members') {
    const settings = agw.backendHttpSettings.find((s) => s.pool === a.pool)!;
    const pool = agw.backendAddressPools.find((p) => p.pool === a.pool)!;
    const unhealthy = a.metric === 'unhealthy-members';
    const window = windowCovering(periodMinutes * a.evaluationPeriods);
    return {
      ...base,
      description: `lbkit alarm '${a.name}': ${unhealthy ? 'unhealthy' : 'healthy'} members of pool '${a.pool}' ${unhealthy ? 'above' : 'below'} ${a.threshold} for ${window} min`,
      metricName: unhealthy ? 'UnhealthyHostCount' : 'HealthyHostCount',
      // Minimum above / Maximum below: the condition held for every minute of the window.
      timeAggregation: unhealthy ? 'Minimum' : 'Maximum',
      operator: unhealthy ? 'GreaterThan' : 'LessThan',
      dimensions: [{ name: 'BackendSettingsPool', operator: 'Include', values: [`${pool.name}~${settings.name}`] }],
      windowSize: iso(window),
      evaluationFrequency: 'PT1M',
      ...notify,
    };
  }
  const blocked = a.metric === 'rate-limited';
  const window = windowCovering(periodMinutes);
  return {
    ...base,
    description: `lbkit alarm '${a.name}': ${blocked ? 'requests blocked by WAF custom rules' : '5xx answers'} above ${a.threshold} per ${window} min`,
    metricName: blocked ? 'AzwafCustomRule' : 'ResponseStatus',
    timeAggregation: 'Total',
    operator: 'GreaterThan',
    dimensions: blocked ? [{ name: 'Action', operator: 'Include', values: ['Block'] }] : [{ name: 'HttpStatusGroup', operator: 'Include', values: ['5xx'] }],
    windowSize: iso(window),
    evaluationFrequency: 'PT1M',
    ...notify,
  };
}
