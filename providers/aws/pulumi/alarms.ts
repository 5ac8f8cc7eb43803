/** The plan's CloudWatch alarms (plan/alarms.ts) as aws.cloudwatch.MetricAlarm, parented to the component. */
import * as cloudwatch from '@pulumi/aws/cloudwatch';
import type * as lb from '@pulumi/aws/lb';
import type * as pulumi from '@pulumi/pulumi';
import { alarmProperties } from '../alarm-properties';
import type { AlarmMetricPlan, AlarmPlan } from '../plan/alarms';

export interface AlarmScope {
  readonly loadBalancers: Readonly<Record<'Alb' | 'Nlb', lb.LoadBalancer | undefined>>;
  readonly targetGroups: Readonly<Record<string, lb.TargetGroup>>;
  /** SNS topic ARNs by notification name (placement). */
  readonly topics: Readonly<Record<string, pulumi.Input<string>>>;
  readonly tags: Readonly<Record<string, string>>;
  /** The region, the Region dimension of WAF metrics (checked present by the component when a WAF metric is used). */
  readonly region?: string;
}

/**
 * A metric's dimensions: LoadBalancer (and TargetGroup with a pool), the ARN suffixes ('app/name/id',
 * 'targetgroup/name/id') for ELB metrics; WebACL, Region and Rule for WAF metrics.
 */
export function metricDimensions(m: AlarmMetricPlan, loadBalancer: 'Alb' | 'Nlb' | undefined, on: AlarmScope): Record<string, pulumi.Input<string>> {
  if (m.waf) return { WebACL: m.waf.webAcl, Region: on.region!, Rule: m.waf.rule };
  return {
    LoadBalancer: on.loadBalancers[loadBalancer!]!.arnSuffix,
    ...(m.pool ? { TargetGroup: on.targetGroups[m.pool].arnSuffix } : {}),
  };
}

export function renderAlarms(
  name: string,
  alarms: readonly AlarmPlan[],
  on: AlarmScope,
  opts: pulumi.CustomResourceOptions,
): Record<string, cloudwatch.MetricAlarm> {
  const out: Record<string, cloudwatch.MetricAlarm> = {};
  for (const a of alarms) {
    const dimensions = (m: AlarmMetricPlan) => metricDimensions(m, a.loadBalancer, on);
    const { properties, queries } = alarmProperties(a, on.topics, dimensions, (metric) => ({ metric }));
    out[a.name] = new cloudwatch.MetricAlarm(
      `${name}/${a.name}`,
      { ...properties, ...(queries ? { metricQueries: queries } : {}), tags: { ...on.tags } },
      opts,
    );
  }
  return out;
}
