/**
 * The CloudWatch alarm properties of one planned alarm (plan/alarms.ts), as CDK's CfnAlarm and Pulumi's
 * MetricAlarm both take them: the two spell every property alike but for the metric-math queries (CloudFormation
 * `Metrics` with a nested `MetricStat`, the API's `metricQueries` with a flat `metric`), which the caller shapes.
 */
import type { AlarmMetricPlan, AlarmPlan } from './plan/alarms';

/** One metric of a metric-math alarm, before the renderer's own spelling. */
export interface AlarmMetricQuery<D> {
  readonly namespace: string;
  readonly metricName: string;
  readonly dimensions: D;
  readonly period: number;
  readonly stat: string;
}

/**
 * `properties` holds everything but the metric-math queries; `queries` (metric-math alarms only) goes under the
 * renderer's own key (`metrics` in CloudFormation, `metricQueries` in the API).
 */
export function alarmProperties<T, D, Q>(
  a: AlarmPlan,
  topics: Readonly<Record<string, T>>,
  dimensions: (m: AlarmMetricPlan) => D,
  metricQuery: (m: AlarmMetricQuery<D>) => Q,
) {
  const single = a.expression === undefined ? a.metrics[0] : undefined;
  // Percentiles go as extended statistics ('p99'); the rest as plain ones ('Sum', 'Average').
  const statistic = (stat: string) => (/^p\d/.test(stat) ? { extendedStatistic: stat } : { statistic: stat });
  const properties = {
    alarmDescription: a.description,
    comparisonOperator: a.comparisonOperator,
    threshold: a.threshold,
    evaluationPeriods: a.evaluationPeriods,
    treatMissingData: a.treatMissingData,
    ...(a.notify ? { alarmActions: [topics[a.notify]] } : {}),
    ...(single
      ? { namespace: single.namespace, metricName: single.metricName, dimensions: dimensions(single), period: a.periodSeconds, ...statistic(single.stat) }
      : {}),
  };
  const queries = single
    ? undefined
    : [
        { id: 'e1', expression: a.expression, label: a.name, returnData: true },
        ...a.metrics.map((m) => ({
          id: m.id!,
          returnData: false,
          ...metricQuery({ namespace: m.namespace, metricName: m.metricName, dimensions: dimensions(m), period: a.periodSeconds, stat: m.stat }),
        })),
      ];
  return { properties, queries };
}
