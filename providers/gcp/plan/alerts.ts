/**
 * The spec's alarms as Cloud Monitoring alert policies on the Application Load Balancer's own metrics
 * (SEMANTICS.md, Alarms), as plain data the renderer turns into monitoring.AlertPolicy.
 *
 * Metric path per load balancer (https://cloud.google.com/load-balancing/docs/metrics): `https/` for the global
 * external ALB (monitored resource https_lb_rule), `https/external/regional/` for the regional external ALB
 * (http_external_regional_lb_rule), `https/internal/` for the regional internal ALB (internal_http_lb_rule).
 * request_count carries the metric label response_code_class (an integer: 500 for 5xx) and the resource labels
 * url_map_name and backend_target_name (the backend service); total_latencies is a distribution in ms, aligned
 * with ALIGN_PERCENTILE_50/95/99 (https://cloud.google.com/monitoring/api/ref_v3/rest/v3/projects.alertPolicies#Aligner).
 * The ratio is one threshold condition with a denominatorFilter (MetricThreshold.denominatorFilter).
 *
 * Rate-limited alarms watch Cloud Armor's own count, networksecurity.googleapis.com/https/request_count of the
 * monitored resource network_security_policy (resource label policy_name) with the metric label blocked = true:
 * every request a rule of the load balancer's policies refused, rate limits and protection alike, as SEMANTICS.md
 * counts `rate-limited` (https://cloud.google.com/armor/docs/monitoring, https://cloud.google.com/monitoring/api/metrics_gcp).
 * Like the proxy they ignore `pool` (Cloud Armor acts before routing). Without a policy nothing can be refused and
 * no alarm is planned, as on AWS.
 *
 * Member counts and rejected connections have no metric on GCP Application Load Balancers: their cells stay
 * unsupported with the reason.
 */
import type { AlarmModel, LoadBalancerModel } from '../../../lib/model/types';
import type { AlbMetricFamily, AlertPolicyPlan, AlertSeriesPlan, GcpPlan } from './types';

const FAMILY: Readonly<Record<AlbMetricFamily, { readonly prefix: string; readonly resourceType: string }>> = {
  global: { prefix: 'loadbalancing.googleapis.com/https/', resourceType: 'https_lb_rule' },
  'regional-external': { prefix: 'loadbalancing.googleapis.com/https/external/regional/', resourceType: 'http_external_regional_lb_rule' },
  internal: { prefix: 'loadbalancing.googleapis.com/https/internal/', resourceType: 'internal_http_lb_rule' },
};

/** Alarm metrics this file plans (their ALB cells are native). */
export const PLANNED_ALERT_METRICS: readonly string[] = ['5xx-count', '5xx-ratio', 'latency', 'rate-limited'];

/** Monitoring's percentile aligners (Aligner enum): the nearest one at or above the spec's percentile. */
export function percentileAligner(percentile: number): string {
  if (percentile <= 5) return 'ALIGN_PERCENTILE_05';
  if (percentile <= 50) return 'ALIGN_PERCENTILE_50';
  if (percentile <= 95) return 'ALIGN_PERCENTILE_95';
  return 'ALIGN_PERCENTILE_99';
}

const FIVE_XX = 'metric.labels.response_code_class = 500';
/** Cloud Armor's request count, and its label for a refused request. */
const ARMOR_REQUESTS: AlertSeriesPlan = {
  metricType: 'networksecurity.googleapis.com/https/request_count',
  resourceType: 'network_security_policy',
  labels: ['metric.labels.blocked = true'],
};

function series(family: AlbMetricFamily, metric: 'request_count' | 'total_latencies', labels: string[] = []): AlertSeriesPlan {
  return { metricType: `${FAMILY[family].prefix}${metric}`, resourceType: FAMILY[family].resourceType, labels };
}

function alertOf(alarm: AlarmModel, family: AlbMetricFamily, plan: Omit<GcpPlan, 'alertPolicies'>, urlMaps: readonly string[]): AlertPolicyPlan | undefined {
  if (!PLANNED_ALERT_METRICS.includes(alarm.metric)) return undefined;
  const backendServices = alarm.pool === undefined ? [] : plan.backendServices.filter((s) => s.pool === alarm.pool && s.flavor === 'alb').map((s) => s.id);
  const common = {
    id: `alert-${alarm.name}`,
    name: alarm.name,
    path: alarm.path,
    family,
    urlMaps,
    backendServices,
    securityPolicies: [] as string[],
    alignmentPeriodSec: alarm.periodSeconds,
    durationSec: alarm.periodSeconds * alarm.evaluationPeriods,
    comparison: alarm.comparison === 'below' ? ('COMPARISON_LT' as const) : ('COMPARISON_GT' as const),
    ...(alarm.notify !== undefined ? { notify: alarm.notify } : {}),
  };
  const scope = alarm.pool === undefined ? '' : ` of pool ${alarm.pool}`;
  if (alarm.metric === 'rate-limited') {
    const policies = plan.securityPolicies.map((p) => p.id);
    if (!policies.length) return undefined;
    return {
      ...common,
      urlMaps: [],
      backendServices: [],
      securityPolicies: policies,
      description: `lbkit alarm ${alarm.name}: requests refused by Cloud Armor (rate limits, protection) per period above ${alarm.threshold}`,
      series: ARMOR_REQUESTS,
      aligner: 'ALIGN_DELTA',
      reducer: 'REDUCE_SUM',
      threshold: alarm.threshold,
    };
  }
  if (alarm.metric === 'latency') {
    const aligner = percentileAligner(alarm.percentile!);
    // A percentile of several series cannot be summed: the latency condition keeps one series per URL map / backend service.
    return {
      ...common,
      description: `lbkit alarm ${alarm.name}: p${alarm.percentile} latency${scope} above ${alarm.threshold} ms (${aligner})`,
      series: series(family, 'total_latencies'),
      aligner,
      threshold: alarm.threshold,
    };
  }
  const ratio = alarm.metric === '5xx-ratio';
  return {
    ...common,
    description: `lbkit alarm ${alarm.name}: ${ratio ? 'ratio of 5xx answers' : '5xx answers per period'}${scope} above ${alarm.threshold}`,
    series: series(family, 'request_count', [FIVE_XX]),
    ...(ratio ? { denominator: series(family, 'request_count') } : {}),
    aligner: 'ALIGN_DELTA',
    reducer: 'REDUCE_SUM',
    threshold: alarm.threshold,
  };
}

/** The alert policies of the plan's Application Load Balancer (none without one). */
export function alertPolicies(model: LoadBalancerModel, plan: Omit<GcpPlan, 'alertPolicies'>): AlertPolicyPlan[] {
  if (!plan.urlMaps.length) return [];
  const regional = plan.urlMaps[0].regional;
  const family: AlbMetricFamily = !regional ? 'global' : model.scheme === 'internal' ? 'internal' : 'regional-external';
  const urlMaps = plan.urlMaps.map((u) => u.id);
  return model.alarms.flatMap((a) => alertOf(a, family, plan, urlMaps) ?? []);
}
