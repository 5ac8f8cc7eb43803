/**
 * Cross-field rules of Cloud Monitoring alert policies, as @pulumi/gcp 9.37 types/input.d.ts writes them (its
 * comments quote https://cloud.google.com/monitoring/api/ref_v3/rest/v3/projects.alertPolicies#MetricThreshold and
 * #Aggregation). Field names, types and enums are pulumi-schema.ts's.
 */
import type { RecordedResource } from '../../support/pulumi';

type Inputs = Record<string, any>;
const D_TS = '@pulumi/gcp 9.37 types/input.d.ts monitoring.AlertPolicyConditionConditionThreshold';
const seconds = (d: unknown): number | undefined => (typeof d === 'string' && /^\d+s$/.test(d) ? Number(d.slice(0, -1)) : undefined);

/** Each threshold condition of an alert policy, with its input path. */
const thresholds = (r: RecordedResource): Array<{ t: Inputs; at: string }> =>
  r.type === 'gcp:monitoring/alertPolicy:AlertPolicy'
    ? (((r.inputs as Inputs).conditions as Inputs[] | undefined) ?? []).flatMap((c, i) =>
        c.conditionThreshold ? [{ t: c.conditionThreshold as Inputs, at: `conditions[${i}].conditionThreshold` }] : [],
      )
    : [];

export const MONITORING_RULES: ReadonlyArray<{
  readonly id: string;
  readonly source: string;
  readonly check: (r: RecordedResource) => Array<{ path: string; message: string }>;
}> = [
  {
    id: 'alert-duration',
    source: `${D_TS}.duration ("only values that are a multiple of a minute--e.g., 0, 60, 120, or 300 seconds--are supported")`,
    check: (r) =>
      thresholds(r).flatMap(({ t, at }) => {
        const s = seconds(t.duration);
        return s === undefined || s % 60 !== 0 ? [{ path: `${at}.duration`, message: `duration ${JSON.stringify(t.duration)}` }] : [];
      }),
  },
  {
    id: 'alert-aggregation',
    source: `${D_TS}Aggregation.alignmentPeriod ("If present, alignmentPeriod must be at least 60 seconds"; required when perSeriesAligner is not ALIGN_NONE); ${D_TS}.denominatorAggregations ("the aggregations and denominatorAggregations fields must use the same alignment period")`,
    check: (r) =>
      thresholds(r).flatMap(({ t, at }) => {
        const out: Array<{ path: string; message: string }> = [];
        for (const key of ['aggregations', 'denominatorAggregations']) {
          ((t[key] as Inputs[] | undefined) ?? []).forEach((a, i) => {
            const s = seconds(a.alignmentPeriod);
            if (a.perSeriesAligner && a.perSeriesAligner !== 'ALIGN_NONE' && s === undefined)
              out.push({
                path: `${at}.${key}[${i}].alignmentPeriod`,
                message: `alignmentPeriod ${JSON.stringify(a.alignmentPeriod)} with ${a.perSeriesAligner}`,
              });
            if (s !== undefined && s < 60) out.push({ path: `${at}.${key}[${i}].alignmentPeriod`, message: `alignmentPeriod ${s}s below 60s` });
          });
        }
        const periods = (key: string) => ((t[key] as Inputs[] | undefined) ?? []).map((a) => a.alignmentPeriod);
        if (t.denominatorFilter && JSON.stringify(periods('aggregations')) !== JSON.stringify(periods('denominatorAggregations')))
          out.push({ path: `${at}.denominatorAggregations`, message: 'the ratio aggregations use different alignment periods' });
        return out;
      }),
  },
  {
    id: 'alert-filter',
    source: `${D_TS}.filter and .denominatorFilter ("must specify the metric type ... This field may not exceed 2048 Unicode characters in length")`,
    check: (r) =>
      thresholds(r).flatMap(({ t, at }) =>
        (['filter', 'denominatorFilter'] as const).flatMap((key) => {
          const f = t[key];
          if (f === undefined) return key === 'filter' ? [{ path: `${at}.filter`, message: 'no filter' }] : [];
          if (typeof f !== 'string' || !/metric\.type = "[^"]+"/.test(f)) return [{ path: `${at}.${key}`, message: `no metric type in ${JSON.stringify(f)}` }];
          return [...f].length > 2048 ? [{ path: `${at}.${key}`, message: `${[...f].length} characters` }] : [];
        }),
      ),
  },
  {
    id: 'alert-comparison',
    source: `${D_TS}.comparison ("The Cloud Monitoring API only supports COMPARISON_LT and COMPARISON_GT for metric-threshold conditions")`,
    check: (r) =>
      thresholds(r).flatMap(({ t, at }) =>
        ['COMPARISON_LT', 'COMPARISON_GT'].includes(t.comparison) ? [] : [{ path: `${at}.comparison`, message: `comparison ${t.comparison}` }],
      ),
  },
];
