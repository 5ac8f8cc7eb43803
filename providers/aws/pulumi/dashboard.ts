/**
 * The plan's dashboard (plan/dashboard.ts) as aws.cloudwatch.Dashboard: the JSON body CloudWatch documents
 * (https://docs.aws.amazon.com/AmazonCloudWatch/latest/APIReference/CloudWatch-Dashboard-Body-Structure.html), laid
 * out and filled as aws-cdk-lib's GraphWidget and AlarmWidget write it, so that both renderers give one dashboard.
 */
import * as cloudwatch from '@pulumi/aws/cloudwatch';
import * as pulumi from '@pulumi/pulumi';
import { DASHBOARD_PERIOD_SECONDS, WIDGET, type DashboardPlan, type DashboardWidgetPlan } from '../plan/dashboard';
import { metricDimensions, type AlarmScope } from './alarms';

/** One widget's JSON, with Outputs (ARN suffixes, alarm ARNs) still inside. */
function widgetBody(w: DashboardWidgetPlan, i: number, on: AlarmScope, alarms: Readonly<Record<string, cloudwatch.MetricAlarm>>): pulumi.Input<object> {
  const place = { x: (i % WIDGET.perRow) * WIDGET.width, y: Math.floor(i / WIDGET.perRow) * WIDGET.height, width: WIDGET.width, height: WIDGET.height };
  if (w.type === 'alarm') {
    return {
      type: 'metric',
      ...place,
      properties: { view: 'timeSeries', title: w.title, region: on.region, annotations: { alarms: [alarms[w.alarm].arn] }, yAxis: {} },
    };
  }
  return {
    type: 'metric',
    ...place,
    properties: {
      view: 'timeSeries',
      title: w.title,
      region: on.region,
      metrics: w.metrics.map((m) => [
        m.namespace,
        m.metricName,
        // Dimensions sorted by name, as aws-cdk-lib writes them.
        ...Object.entries(metricDimensions(m, m.loadBalancer, on))
          .sort(([a], [b]) => a.localeCompare(b))
          .flat(),
        { label: m.label, period: DASHBOARD_PERIOD_SECONDS, stat: m.stat },
      ]),
      yAxis: {},
    },
  };
}

export function renderDashboard(
  name: string,
  dashboard: DashboardPlan,
  on: AlarmScope,
  alarms: Readonly<Record<string, cloudwatch.MetricAlarm>>,
  opts: pulumi.CustomResourceOptions,
): cloudwatch.Dashboard {
  const body = pulumi.output(dashboard.widgets.map((w, i) => widgetBody(w, i, on, alarms))).apply((widgets) => JSON.stringify({ widgets }));
  // Dashboard names take letters, digits, '-' and '_' (PutDashboard).
  return new cloudwatch.Dashboard(`${name}-dashboard`, { dashboardName: `lbkit-${name}`.replace(/[^A-Za-z0-9_-]/g, '-'), dashboardBody: body }, opts);
}
