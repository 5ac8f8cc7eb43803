/** Azure Monitor metric alerts of the spec's alarms on Application Gateway (plan/alerts.ts, alerts.ts). */
import { buildModel } from '../../lib/model/build';
import type { AlarmSpec } from '../../lib/spec/schema';
import { planAzureTargets } from '../../providers/azure/plan';
import { checkPlacement } from '../../providers/azure/placement';
import { l7Spec } from './helpers';

const planWith = (alarms: AlarmSpec[]) => {
  const model = buildModel({ ...l7Spec({ alarms }), strict: false });
  const planning = planAzureTargets(model, {}, ['azure-appgw']);
  return { model, planning, alerts: planning.plan.applicationGateway!.metricAlerts ?? [] };
};

test('member counts: one criterion on the pool~settings dimension, aggregated so that the whole window breached', () => {
  const { alerts } = planWith([
    { name: 'down', metric: 'unhealthy-members', pool: 'app', threshold: 0 },
    { name: 'none', metric: 'healthy-members', pool: 'app', threshold: 1, periodSeconds: 300, evaluationPeriods: 2 },
  ]);
  expect(alerts.map((a) => [a.metricName, a.timeAggregation, a.operator, a.threshold, a.windowSize, a.evaluationFrequency, a.dimensions])).toEqual([
    // 60 s x 3 periods = 3 min, rounded up to Azure's 5-minute window
    ['UnhealthyHostCount', 'Minimum', 'GreaterThan', 0, 'PT5M', 'PT1M', [{ name: 'BackendSettingsPool', operator: 'Include', values: ['app~app'] }]],
    // 300 s x 2 = 10 min -> 15 min
    ['HealthyHostCount', 'Maximum', 'LessThan', 1, 'PT15M', 'PT1M', [{ name: 'BackendSettingsPool', operator: 'Include', values: ['app~app'] }]],
  ]);
});

test('counts: ResponseStatus 5xx and AzwafCustomRule Block, summed over one period; unplanned metrics make no alert', () => {
  const { alerts } = planWith([
    { name: 'errors', metric: '5xx-count', threshold: 10, periodSeconds: 3600 },
    { name: 'refused', metric: 'rate-limited', threshold: 1000, periodSeconds: 300 },
    { name: 'ratio', metric: '5xx-ratio', threshold: 0.05 },
  ]);
  expect(alerts.map((a) => [a.alarm, a.metricName, a.timeAggregation, a.windowSize, a.dimensions[0].values])).toEqual([
    ['errors', 'ResponseStatus', 'Total', 'PT1H', ['5xx']],
    ['refused', 'AzwafCustomRule', 'Total', 'PT5M', ['Block']],
  ]);
});

test('a 5xx-count narrowed to a pool is a plan problem (ResponseStatus has no pool dimension)', () => {
  const { planning, alerts } = planWith([{ name: 'errors', metric: '5xx-count', pool: 'app', threshold: 10 }]);
  expect(alerts).toEqual([]);
  expect(planning.problems['azure-appgw'].all.map((p) => p.path)).toEqual(['alarms[0].pool']);
});

test('a notify name without an action group is a placement problem, reported once', () => {
  const { model, planning } = planWith([
    { name: 'a', metric: 'unhealthy-members', pool: 'app', threshold: 0, notify: 'ops' },
    { name: 'b', metric: 'healthy-members', pool: 'app', threshold: 1, notify: 'ops' },
  ]);
  const props = { applicationGateway: { subnetId: 'subnet' } };
  expect(checkPlacement(props, model, planning.plan).map((p) => p.path)).toEqual(['actionGroups.ops']);
  expect(checkPlacement({ ...props, actionGroups: { ops: '/ag/ops' } }, model, planning.plan)).toEqual([]);
});
