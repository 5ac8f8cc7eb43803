/**
 * Azure Monitor metric alerts (monitor.MetricAlert, Microsoft.Insights/metricAlerts) from plan/alerts.ts and
 * plan/lb-alerts.ts: one static-threshold criterion on the resource's own metric, scoped to it, with the action group placement
 * names for the alarm's notification. Metric alert rules are global resources (location 'global').
 */
import * as monitor from '@pulumi/azure-native/monitor';
import type * as pulumi from '@pulumi/pulumi';
import type { MetricAlertPlan } from './plan/types';
import type { RenderContext } from './render';

/** Severity 2 (Warning): lbkit's alarms carry no severity; Azure takes 0 (critical) to 4 (verbose). */
const SEVERITY = 2;

export function renderMetricAlerts(
  ctx: RenderContext,
  plans: readonly MetricAlertPlan[],
  scope: pulumi.Input<string>,
  actionGroups: Readonly<Record<string, pulumi.Input<string>>>,
  logical = 'alert',
): monitor.MetricAlert[] {
  return plans.map(
    (p) =>
      new monitor.MetricAlert(
        `${ctx.name}-${logical}-${p.alarm}`,
        {
          ruleName: p.name,
          resourceGroupName: ctx.resourceGroupName,
          location: 'global',
          description: p.description,
          severity: SEVERITY,
          enabled: true,
          autoMitigate: true,
          scopes: [scope],
          windowSize: p.windowSize,
          evaluationFrequency: p.evaluationFrequency,
          criteria: {
            odataType: 'Microsoft.Azure.Monitor.SingleResourceMultipleMetricCriteria',
            allOf: [
              {
                criterionType: 'StaticThresholdCriterion',
                name: p.alarm,
                metricName: p.metricName,
                metricNamespace: p.metricNamespace,
                timeAggregation: p.timeAggregation,
                operator: p.operator,
                threshold: p.threshold,
                dimensions: p.dimensions.map((d) => ({ name: d.name, operator: d.operator, values: [...d.values] })),
              },
            ],
          },
          ...(p.notify !== undefined ? { actions: [{ actionGroupId: actionGroups[p.notify] }] } : {}),
          tags: ctx.tags,
        },
        { parent: ctx.parent },
      ),
  );
}
