/**
 * The spec's member alarms on an Azure Load Balancer as Azure Monitor metric alerts on DipAvailability
 * ("Health Probe Status"): the share of successful probes, in percent, per backend address. Dimensions
 * ProtocolType, BackendPort, FrontendIPAddress, FrontendPort, BackendIPAddress; aggregation Average
 * (https://learn.microsoft.com/azure/azure-monitor/reference/supported-metrics/microsoft-network-loadbalancers-metrics,
 * https://learn.microsoft.com/azure/load-balancer/monitor-load-balancer-reference, checked 2026-12-02).
 *
 * The metric has no backend pool dimension and counts no members, so the mapping is the nearest one
 * (capabilities-ops.ts holds the thresholds to the two it expresses):
 * - a pool's probes are those of its load-balancing rules: FrontendPort (its frontends' ports) and BackendPort
 *   (the pool's port) select them;
 * - 'unhealthy-members' above 0: one time series per member (BackendIPAddress '*'), firing when a member's
 *   Average is 0 over the window: every probe of that member failed throughout;
 * - 'healthy-members' below 1: the pool's Average over all its members is 0: no member answered a probe
 *   throughout the window.
 * The window spans periodSeconds x evaluationPeriods (rounded up to a window Azure accepts), as on the gateway
 * (alerts.ts): a static threshold has no count of consecutive breaching windows.
 */
import type { AlarmModel, LoadBalancerModel } from '../../../lib/model/types';
import { iso, windowCovering } from './alerts';
import type { LoadBalancerPlan, MetricAlertPlan } from './types';

/** The alarm metrics this file plans for azure-lb. */
export const PLANNED_LB_ALARMS: readonly string[] = ['unhealthy-members', 'healthy-members'];

/** The metric alerts of the load balancer's member alarms; an alarm on a pool it does not serve is another target's. */
export function planLoadBalancerAlerts(model: LoadBalancerModel, lb: LoadBalancerPlan, prefix: string): MetricAlertPlan[] {
  return model.alarms.flatMap((a): MetricAlertPlan[] => {
    if (!PLANNED_LB_ALARMS.includes(a.metric) || a.pool === undefined) return [];
    const backendPools = new Set(lb.backendAddressPools.filter((p) => p.pool === a.pool).map((p) => p.name));
    const rules = lb.rules.filter((r) => backendPools.has(r.backendAddressPool.name));
    if (!rules.length) return [];
    return [alertOf(a, rules, prefix)];
  });
}

const unique = (values: readonly number[]) => [...new Set(values)].sort((x, y) => x - y).map(String);

function alertOf(a: AlarmModel, rules: LoadBalancerPlan['rules'], prefix: string): MetricAlertPlan {
  const unhealthy = a.metric === 'unhealthy-members';
  const window = windowCovering((a.periodSeconds / 60) * a.evaluationPeriods);
  return {
    // '-lb-': the gateway's alert of the same alarm (a pool both serve) is '<prefix>-<alarm>'.
    name: `${prefix}-lb-${a.name}`,
    alarm: a.name,
    path: a.path,
    description: unhealthy
      ? `lbkit alarm '${a.name}': a member of pool '${a.pool}' failed every probe for ${window} min`
      : `lbkit alarm '${a.name}': no member of pool '${a.pool}' answered a probe for ${window} min`,
    metricName: 'DipAvailability',
    metricNamespace: 'Microsoft.Network/loadBalancers',
    timeAggregation: 'Average',
    operator: 'LessThanOrEqual',
    threshold: 0,
    dimensions: [
      { name: 'FrontendPort', operator: 'Include', values: unique(rules.map((r) => r.frontendPort)) },
      { name: 'BackendPort', operator: 'Include', values: unique(rules.map((r) => r.backendPort)) },
      // '*': one time series per backend address, each judged alone.
      ...(unhealthy ? [{ name: 'BackendIPAddress', operator: 'Include' as const, values: ['*'] }] : []),
    ],
    windowSize: iso(window),
    evaluationFrequency: 'PT1M',
    ...(a.notify !== undefined ? { notify: a.notify } : {}),
  };
}
