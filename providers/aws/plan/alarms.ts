/**
 * The spec's alarms as CloudWatch alarms on the load balancers' own metrics (SEMANTICS.md, Alarms), as plain
 * data both renderers (CDK, Pulumi) turn into AWS::CloudWatch::Alarm. Metric names, dimensions and statistics:
 * https://docs.aws.amazon.com/elasticloadbalancing/latest/application/load-balancer-cloudwatch-metrics.html and
 * https://docs.aws.amazon.com/elasticloadbalancing/latest/network/load-balancer-cloudwatch-metrics.html (ELB
 * publishes every 60 s; a period without requests has no data point, hence treatMissingData notBreaching).
 * Metric math (the 5xx ratio): https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/Create-alarm-on-metric-math-expression.html
 *
 * Rate-limited alarms watch AWS/WAFV2 BlockedRequests of the ALB's web ACL with the Rule dimension ALL: every
 * request a rule of the web ACL blocked, rate limits and protection alike, as SEMANTICS.md counts `rate-limited`
 * (https://docs.aws.amazon.com/waf/latest/developerguide/waf-metrics.html: dimensions Region, WebACL (its metric
 * name), Rule (a rule's metric name, or ALL)). Like the proxy, they ignore `pool`: WAF acts before routing. Without
 * a web ACL (no rate limit, no inspecting protection) nothing can be refused and no alarm is planned.
 */
import type { Problem } from '../../../lib/errors';
import type { AlarmModel, LoadBalancerModel } from '../../../lib/model/types';
import type { AwsPlan } from './types';

/** Which dimensions a metric query carries: the load balancer's, and a target group's when the alarm names a pool. */
export interface AlarmMetricPlan {
  /** Query id inside a metric-math alarm ('m1', ...); absent on a single-metric alarm. */
  readonly id?: string;
  readonly namespace: 'AWS/ApplicationELB' | 'AWS/NetworkELB' | 'AWS/WAFV2';
  readonly metricName: string;
  /** 'Sum', 'Maximum', 'Minimum', or an extended statistic such as 'p99'. */
  readonly stat: string;
  /** The pool whose target group is a dimension (TargetGroup), besides LoadBalancer. */
  readonly pool?: string;
  /** AWS/WAFV2 metrics: WebACL and Rule dimensions (and Region, the stack's) instead of LoadBalancer. */
  readonly waf?: { readonly webAcl: string; readonly rule: string };
}

export interface AlarmPlan {
  /** Stable construct / resource id, from the alarm's name. */
  readonly id: string;
  readonly name: string;
  readonly path: string;
  readonly target: 'aws-alb' | 'aws-nlb';
  /** 'Alb' or 'Nlb': the load balancer whose LoadBalancer dimension the metrics carry. */
  readonly loadBalancer: 'Alb' | 'Nlb';
  readonly description: string;
  /** One metric, or several queries combined by `expression`. */
  readonly metrics: readonly AlarmMetricPlan[];
  /** Metric math over the queries' ids; absent on a single-metric alarm. */
  readonly expression?: string;
  /** In the metric's unit: TargetResponseTime is in seconds, so a latency threshold in ms is divided by 1000. */
  readonly threshold: number;
  readonly comparisonOperator: 'GreaterThanThreshold' | 'LessThanThreshold';
  readonly periodSeconds: number;
  readonly evaluationPeriods: number;
  readonly treatMissingData: 'notBreaching';
  /** The logical notification name (placement maps it to an SNS topic). */
  readonly notify?: string;
}

/** The feature ids this file plans (their cells are native on the targets named). */
export const PLANNED_ALARM_METRICS: Readonly<Record<'aws-alb' | 'aws-nlb', readonly string[]>> = {
  'aws-alb': ['5xx-count', '5xx-ratio', 'latency', 'unhealthy-members', 'healthy-members', 'rejected-connections', 'rate-limited'],
  'aws-nlb': ['unhealthy-members', 'healthy-members'],
};

const pascal = (name: string) =>
  name
    .split('-')
    .map((p) => p[0].toUpperCase() + p.slice(1))
    .join('');

/** The load balancer a pool's target group belongs to (http/https pools: the ALB). */
function poolTarget(model: LoadBalancerModel, plan: AwsPlan, pool: string): 'aws-alb' | 'aws-nlb' | undefined {
  if (!plan.targetGroups.some((t) => t.pool === pool)) return undefined;
  const protocol = model.pools.find((p) => p.name === pool)?.protocol;
  return protocol === 'http' || protocol === 'https' ? 'aws-alb' : 'aws-nlb';
}

/** The CloudWatch alarms of a plan's alarms; alarms whose load balancer the plan does not create are left out. */
export function planAlarms(plan: AwsPlan): AlarmPlan[] {
  const model = plan.model;
  const has = (target: 'aws-alb' | 'aws-nlb') => plan.loadBalancers.some((l) => l.target === target);
  return model.alarms.flatMap((a): AlarmPlan[] => {
    if (a.metric === 'rate-limited') return plan.webAcl && has('aws-alb') ? [rateLimitedAlarm(a, plan.webAcl.metricName)] : [];
    const target =
      a.pool !== undefined && a.metric !== 'rejected-connections'
        ? poolTarget(model, plan, a.pool)
        : a.metric === 'rejected-connections' || a.metric.startsWith('5xx') || a.metric === 'latency'
          ? 'aws-alb'
          : undefined;
    if (!target || !has(target) || !PLANNED_ALARM_METRICS[target].includes(a.metric)) return [];
    return [alarmPlan(a, target)];
  });
}

/** The settings every alarm of a spec alarm shares. */
function alarmBase(a: AlarmModel, target: 'aws-alb' | 'aws-nlb') {
  return {
    id: `Alarm${pascal(a.name)}`,
    name: a.name,
    path: a.path,
    target,
    loadBalancer: target === 'aws-alb' ? ('Alb' as const) : ('Nlb' as const),
    periodSeconds: a.periodSeconds,
    evaluationPeriods: a.evaluationPeriods,
    treatMissingData: 'notBreaching' as const,
    comparisonOperator: a.comparison === 'above' ? ('GreaterThanThreshold' as const) : ('LessThanThreshold' as const),
    ...(a.notify ? { notify: a.notify } : {}),
  };
}

function rateLimitedAlarm(a: AlarmModel, webAcl: string): AlarmPlan {
  return {
    ...alarmBase(a, 'aws-alb'),
    description: `lbkit ${a.name}: requests the web ACL refused (rate limits and protection)`,
    metrics: [{ namespace: 'AWS/WAFV2', metricName: 'BlockedRequests', stat: 'Sum', waf: { webAcl, rule: 'ALL' } }],
    threshold: a.threshold,
  };
}

function alarmPlan(a: AlarmModel, target: 'aws-alb' | 'aws-nlb'): AlarmPlan {
  const namespace = target === 'aws-alb' ? 'AWS/ApplicationELB' : 'AWS/NetworkELB';
  // RejectedConnectionCount exists per load balancer only.
  const pool = a.metric === 'rejected-connections' ? undefined : a.pool;
  const metric = (metricName: string, stat: string, id?: string): AlarmMetricPlan => ({
    ...(id ? { id } : {}),
    namespace,
    metricName,
    stat,
    ...(pool ? { pool } : {}),
  });
  const base = alarmBase(a, target);
  const scope = pool ? `pool ${pool}` : 'the load balancer';
  switch (a.metric) {
    case '5xx-count':
      // Target 5xx carry the TargetGroup dimension; ELB 5xx exist only per load balancer.
      return pool
        ? { ...base, description: `lbkit ${a.name}: 5xx answers of ${scope}`, metrics: [metric('HTTPCode_Target_5XX_Count', 'Sum')], threshold: a.threshold }
        : {
            ...base,
            description: `lbkit ${a.name}: 5xx answers of ${scope}`,
            threshold: a.threshold,
            expression: 'FILL(m1, 0) + FILL(m2, 0)',
            metrics: [metric('HTTPCode_ELB_5XX_Count', 'Sum', 'm1'), metric('HTTPCode_Target_5XX_Count', 'Sum', 'm2')],
          };
    case '5xx-ratio':
      return pool
        ? {
            ...base,
            description: `lbkit ${a.name}: share of 5xx answers of ${scope}`,
            threshold: a.threshold,
            expression: 'FILL(m1, 0) / m2',
            metrics: [metric('HTTPCode_Target_5XX_Count', 'Sum', 'm1'), metric('RequestCount', 'Sum', 'm2')],
          }
        : {
            ...base,
            description: `lbkit ${a.name}: share of 5xx answers of ${scope}`,
            threshold: a.threshold,
            expression: '(FILL(m1, 0) + FILL(m2, 0)) / m3',
            metrics: [metric('HTTPCode_ELB_5XX_Count', 'Sum', 'm1'), metric('HTTPCode_Target_5XX_Count', 'Sum', 'm2'), metric('RequestCount', 'Sum', 'm3')],
          };
    case 'latency':
      return {
        ...base,
        description: `lbkit ${a.name}: p${a.percentile} response time of ${scope}`,
        metrics: [metric('TargetResponseTime', `p${a.percentile}`)],
        threshold: a.threshold / 1000,
      };
    case 'unhealthy-members':
      return {
        ...base,
        description: `lbkit ${a.name}: unhealthy members of ${scope}`,
        metrics: [metric('UnHealthyHostCount', 'Maximum')],
        threshold: a.threshold,
      };
    case 'healthy-members':
      return { ...base, description: `lbkit ${a.name}: healthy members of ${scope}`, metrics: [metric('HealthyHostCount', 'Minimum')], threshold: a.threshold };
    default:
      return {
        ...base,
        description: `lbkit ${a.name}: rejected connections of ${scope}`,
        metrics: [metric('RejectedConnectionCount', 'Sum')],
        threshold: a.threshold,
      };
  }
}

/** Placement: every notification name an alarm uses needs an SNS topic (the construct's or component's alarmTopics). */
export function alarmTopicProblems(plan: AwsPlan, topics: Readonly<Record<string, unknown>> | undefined): Problem[] {
  return planAlarms(plan)
    .filter((a) => a.notify !== undefined && topics?.[a.notify] === undefined)
    .map((a) => ({
      code: 'LBKIT_AWS_PLACEMENT' as const,
      path: `${a.path}.notify`,
      message: `alarm '${a.name}' notifies '${a.notify}', which alarmTopics does not map to an SNS topic`,
      fix: `add alarmTopics: { '${a.notify}': '<SNS topic ARN>' }`,
    }));
}
