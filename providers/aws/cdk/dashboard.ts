/** The plan's dashboard (plan/dashboard.ts) as an aws-cdk-lib CloudWatch Dashboard of GraphWidgets and AlarmWidgets. */
import { Duration } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import type { Construct } from 'constructs';
import { DASHBOARD_PERIOD_SECONDS, WIDGET, type DashboardPlan } from '../plan/dashboard';
import { metricDimensions, type AlarmScope } from './alarms';

export function renderDashboard(
  scope: Construct,
  dashboard: DashboardPlan,
  on: AlarmScope,
  alarms: Readonly<Record<string, cloudwatch.CfnAlarm>>,
): cloudwatch.Dashboard {
  const size = { width: WIDGET.width, height: WIDGET.height };
  const widgets = dashboard.widgets.map((w): cloudwatch.IWidget => {
    if (w.type === 'alarm') {
      const alarm = cloudwatch.Alarm.fromAlarmArn(scope, `DashboardAlarm-${w.alarm}`, alarms[w.alarm].attrArn);
      return new cloudwatch.AlarmWidget({ title: w.title, alarm, ...size });
    }
    return new cloudwatch.GraphWidget({
      title: w.title,
      ...size,
      left: w.metrics.map(
        (m) =>
          new cloudwatch.Metric({
            namespace: m.namespace,
            metricName: m.metricName,
            dimensionsMap: metricDimensions(scope, m, m.loadBalancer, on),
            statistic: m.stat,
            label: m.label,
            period: Duration.seconds(DASHBOARD_PERIOD_SECONDS),
          }),
      ),
    });
  });
  const rows: cloudwatch.IWidget[][] = [];
  for (let i = 0; i < widgets.length; i += WIDGET.perRow) rows.push(widgets.slice(i, i + WIDGET.perRow));
  return new cloudwatch.Dashboard(scope, 'Dashboard', { widgets: rows });
}
