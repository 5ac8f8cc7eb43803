/**
 * The optional CloudWatch dashboard (AWS::CloudWatch::Dashboard) of a plan, as plain data both renderers turn into
 * widgets: per load balancer its key metrics (ALB: requests, 5xx, p99 target response time, rejected connections;
 * NLB: new and active flows), healthy and unhealthy members per target group, the web ACL's allowed and blocked
 * requests, then one alarm widget per CloudWatch alarm. Metric names and statistics as in ./alarms.ts (ELB
 * publishes every 60 s: https://docs.aws.amazon.com/elasticloadbalancing/latest/application/load-balancer-cloudwatch-metrics.html,
 * https://docs.aws.amazon.com/elasticloadbalancing/latest/network/load-balancer-cloudwatch-metrics.html).
 * Dashboard body: https://docs.aws.amazon.com/AmazonCloudWatch/latest/APIReference/CloudWatch-Dashboard-Body-Structure.html
 */
import type { AlarmMetricPlan, AlarmPlan } from './alarms';
import type { AwsPlan } from './types';

/** A metric on a graph: an alarm metric, with the load balancer whose dimension it carries and a label. */
export interface DashboardMetricPlan extends AlarmMetricPlan {
  readonly loadBalancer?: 'Alb' | 'Nlb';
  readonly label: string;
}

export type DashboardWidgetPlan =
  | { readonly type: 'graph'; readonly title: string; readonly metrics: readonly DashboardMetricPlan[] }
  /** An alarm's state and metric, by the spec alarm's name. */
  | { readonly type: 'alarm'; readonly title: string; readonly alarm: string };

export interface DashboardPlan {
  readonly widgets: readonly DashboardWidgetPlan[];
}

/** Widgets are 12 of the dashboard's 24 columns wide and 6 rows high: two per row. */
export const WIDGET = { width: 12, height: 6, perRow: 2 } as const;
/** The period of every graph: ELB and WAF publish once a minute. */
export const DASHBOARD_PERIOD_SECONDS = 60;

export function planDashboard(plan: AwsPlan, alarms: readonly AlarmPlan[]): DashboardPlan {
  const widgets: DashboardWidgetPlan[] = [];
  const graph = (title: string, metrics: DashboardMetricPlan[]) => widgets.push({ type: 'graph', title, metrics });
  for (const lb of plan.loadBalancers) {
    const ns = lb.kind === 'application' ? ('AWS/ApplicationELB' as const) : ('AWS/NetworkELB' as const);
    const m = (metricName: string, stat: string, label: string, pool?: string): DashboardMetricPlan => ({
      namespace: ns,
      metricName,
      stat,
      label,
      loadBalancer: lb.id,
      ...(pool ? { pool } : {}),
    });
    if (lb.kind === 'application') {
      graph('ALB requests', [m('RequestCount', 'Sum', 'requests')]);
      graph('ALB 5xx answers', [m('HTTPCode_ELB_5XX_Count', 'Sum', 'load balancer 5xx'), m('HTTPCode_Target_5XX_Count', 'Sum', 'member 5xx')]);
      graph('ALB target response time p99 (s)', [m('TargetResponseTime', 'p99', 'p99')]);
      graph('ALB rejected connections', [m('RejectedConnectionCount', 'Sum', 'rejected')]);
    } else {
      graph('NLB flows', [m('NewFlowCount', 'Sum', 'new flows'), m('ActiveFlowCount', 'Average', 'active flows')]);
    }
    for (const tg of plan.targetGroups.filter((t) => t.loadBalancer === lb.kind)) {
      graph(`Members of ${tg.pool}`, [m('HealthyHostCount', 'Minimum', 'healthy', tg.pool), m('UnHealthyHostCount', 'Maximum', 'unhealthy', tg.pool)]);
    }
  }
  if (plan.webAcl) {
    const waf = (metricName: string, label: string): DashboardMetricPlan => ({
      namespace: 'AWS/WAFV2',
      metricName,
      stat: 'Sum',
      label,
      waf: { webAcl: plan.webAcl!.metricName, rule: 'ALL' },
    });
    graph('Web ACL requests', [waf('AllowedRequests', 'allowed'), waf('BlockedRequests', 'blocked')]);
  }
  for (const a of alarms) widgets.push({ type: 'alarm', title: `Alarm ${a.name}`, alarm: a.name });
  return { widgets };
}
