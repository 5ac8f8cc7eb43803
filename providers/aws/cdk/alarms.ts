/** The plan's CloudWatch alarms (plan/alarms.ts) as AWS::CloudWatch::Alarm, on the construct's load balancers and target groups. */
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import type * as elbv2 from 'aws-cdk-lib/aws-elasticloadbalancingv2';
import { Stack } from 'aws-cdk-lib';
import type { Construct } from 'constructs';
import { alarmProperties } from '../alarm-properties';
import type { AlarmMetricPlan, AlarmPlan } from '../plan/alarms';

export interface AlarmScope {
  readonly loadBalancers: Readonly<Record<'Alb' | 'Nlb', elbv2.BaseLoadBalancer | undefined>>;
  readonly targetGroups: Readonly<Record<string, elbv2.ApplicationTargetGroup | elbv2.NetworkTargetGroup>>;
  /** SNS topic ARNs by notification name (placement). */
  readonly topics: Readonly<Record<string, string>>;
}

/**
 * A metric's dimensions: LoadBalancer (and TargetGroup with a pool) for ELB metrics; WebACL, Region and Rule for
 * WAF metrics (a REGIONAL web ACL's metrics carry the stack's region).
 */
export function metricDimensions(scope: Construct, m: AlarmMetricPlan, loadBalancer: 'Alb' | 'Nlb' | undefined, on: AlarmScope): Record<string, string> {
  if (m.waf) return { WebACL: m.waf.webAcl, Region: Stack.of(scope).region, Rule: m.waf.rule };
  return {
    LoadBalancer: on.loadBalancers[loadBalancer!]!.loadBalancerFullName,
    ...(m.pool ? { TargetGroup: on.targetGroups[m.pool].targetGroupFullName } : {}),
  };
}

export function renderAlarms(scope: Construct, alarms: readonly AlarmPlan[], on: AlarmScope): Record<string, cloudwatch.CfnAlarm> {
  const out: Record<string, cloudwatch.CfnAlarm> = {};
  for (const a of alarms) {
    const dimensions = (m: AlarmMetricPlan) => Object.entries(metricDimensions(scope, m, a.loadBalancer, on)).map(([name, value]) => ({ name, value }));
    const { properties, queries } = alarmProperties(a, on.topics, dimensions, ({ period, stat, ...metric }) => ({ metricStat: { metric, period, stat } }));
    out[a.name] = new cloudwatch.CfnAlarm(scope, a.id, { ...properties, ...(queries ? { metrics: queries } : {}) });
  }
  return out;
}
