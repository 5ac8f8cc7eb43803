/** Cloud Monitoring alert policies for the spec's alarms: metric paths per ALB kind, filters, ratio, percentile, notification channels. */
import { GcpPlacementError } from '../../lib/errors';
import { buildModel } from '../../lib/model/build';
import type { AlarmSpec, LoadBalancerSpec } from '../../lib/spec/schema';
import { LoadBalancer } from '../../providers/gcp';
import { percentileAligner } from '../../providers/gcp/plan/alerts';
import { planGcp } from '../../providers/gcp/plan';
import { seriesFilter } from '../../providers/gcp/render/alerts';
import { mockPulumi, settle } from '../support/pulumi';
import { autonamed, placeAnything } from './fixtures';
import { frontendsToPools } from '../support/specs';

const rec = mockPulumi(autonamed);
beforeAll(() => {
  jest.spyOn(console, 'warn').mockImplementation(() => undefined);
});

const spec = (alarms: AlarmSpec[], overrides: Partial<LoadBalancerSpec> = {}): LoadBalancerSpec => ({
  ...frontendsToPools('a', [
    ['web', 'http', 80, 'app', 8080],
    ['admin', 'http', 8080, 'ops', 9090],
  ]),
  alarms,
  ...overrides,
});
const plan = (s: LoadBalancerSpec, global = true) => planGcp(buildModel(s), { global });

describe('plan', () => {
  test('5xx count: request_count of class 500, ALIGN_DELTA summed over every URL map, above the threshold for periods x period', () => {
    const [a] = plan(spec([{ name: 'errors', metric: '5xx-count', threshold: 10, periodSeconds: 300, evaluationPeriods: 2, notify: 'ops' }])).alertPolicies;
    expect(a).toMatchObject({
      id: 'alert-errors',
      family: 'global',
      series: {
        metricType: 'loadbalancing.googleapis.com/https/request_count',
        resourceType: 'https_lb_rule',
        labels: ['metric.labels.response_code_class = 500'],
      },
      urlMaps: ['urlmap-web', 'urlmap-admin'],
      backendServices: [],
      aligner: 'ALIGN_DELTA',
      reducer: 'REDUCE_SUM',
      alignmentPeriodSec: 300,
      durationSec: 600,
      threshold: 10,
      comparison: 'COMPARISON_GT',
      notify: 'ops',
    });
    expect(a.denominator).toBeUndefined();
  });

  test('5xx ratio: the denominator is every request of the same resources', () => {
    const [a] = plan(spec([{ name: 'ratio', metric: '5xx-ratio', threshold: 0.05 }])).alertPolicies;
    expect(a.series.labels).toEqual(['metric.labels.response_code_class = 500']);
    expect(a.denominator).toEqual({ metricType: 'loadbalancing.googleapis.com/https/request_count', resourceType: 'https_lb_rule', labels: [] });
    expect([a.threshold, a.alignmentPeriodSec, a.durationSec]).toEqual([0.05, 60, 180]);
  });

  test('latency: total_latencies with the percentile aligner, one series per resource (no reducer); a pool narrows to its backend service', () => {
    const [a] = plan(spec([{ name: 'slow', metric: 'latency', percentile: 95, threshold: 800, pool: 'app' }])).alertPolicies;
    expect(a).toMatchObject({ aligner: 'ALIGN_PERCENTILE_95', threshold: 800, series: { metricType: 'loadbalancing.googleapis.com/https/total_latencies' } });
    expect(a.reducer).toBeUndefined();
    expect(a.backendServices).toEqual(['bs-app']);
    expect([1, 5, 6, 50, 90, 95, 96, 99, 99.9].map(percentileAligner)).toEqual([
      'ALIGN_PERCENTILE_05',
      'ALIGN_PERCENTILE_05',
      'ALIGN_PERCENTILE_50',
      'ALIGN_PERCENTILE_50',
      'ALIGN_PERCENTILE_95',
      'ALIGN_PERCENTILE_95',
      'ALIGN_PERCENTILE_99',
      'ALIGN_PERCENTILE_99',
      'ALIGN_PERCENTILE_99',
    ]);
  });

  test('regional external and internal ALBs use their own metric paths and resource types', () => {
    const alarm: AlarmSpec = { name: 'e', metric: '5xx-count', threshold: 1 };
    const regional = plan(spec([alarm]), false).alertPolicies[0];
    expect(regional.series).toMatchObject({
      metricType: 'loadbalancing.googleapis.com/https/external/regional/request_count',
      resourceType: 'http_external_regional_lb_rule',
    });
    const internal = plan(spec([alarm], { scheme: 'internal' }), false).alertPolicies[0];
    expect(internal.series).toMatchObject({ metricType: 'loadbalancing.googleapis.com/https/internal/request_count', resourceType: 'internal_http_lb_rule' });
  });

  test('alarms without an alert-policy mapping plan none', () => {
    expect(plan(spec([{ name: 'm', metric: 'healthy-members', pool: 'app', threshold: 1 }])).alertPolicies).toEqual([]);
  });

  test('the filter names the metric, resource type, URL maps, backend services and labels', () => {
    const [a] = plan(spec([{ name: 'e', metric: '5xx-count', threshold: 1 }])).alertPolicies;
    expect(seriesFilter(a.series, ['m1', 'm2'], ['b1'])).toBe(
      'metric.type = "loadbalancing.googleapis.com/https/request_count" AND resource.type = "https_lb_rule" AND resource.labels.url_map_name = one_of("m1", "m2") AND resource.labels.backend_target_name = one_of("b1") AND metric.labels.response_code_class = 500',
    );
  });
});

describe('render', () => {
  const inputs = (type: string, name: string) => rec.get(`gcp:${type}`, name).inputs as Record<string, unknown>;

  test('an AlertPolicy per alarm on the rendered URL map names, with existing and e-mail notification channels', async () => {
    rec.reset();
    const model = buildModel(
      spec([
        { name: 'ratio', metric: '5xx-ratio', threshold: 0.05, notify: 'ops' },
        { name: 'slow', metric: 'latency', threshold: 500, pool: 'app', notify: 'pager' },
      ]),
    );
    const lb = new LoadBalancer(
      'r',
      placeAnything(model, {
        notificationChannels: { ops: { channel: 'projects/acme-prod/notificationChannels/42' }, pager: { email: 'oncall@example.com' } },
      }),
    );
    await settle(rec, [lb]);
    const ratio = inputs('monitoring/alertPolicy:AlertPolicy', 'r-alert-ratio');
    expect(ratio).toMatchObject({ combiner: 'OR', notificationChannels: ['projects/acme-prod/notificationChannels/42'], project: 'acme-prod' });
    const threshold = (ratio.conditions as { conditionThreshold: Record<string, unknown> }[])[0].conditionThreshold;
    expect(threshold).toMatchObject({
      comparison: 'COMPARISON_GT',
      thresholdValue: 0.05,
      duration: '180s',
      aggregations: [{ alignmentPeriod: '60s', perSeriesAligner: 'ALIGN_DELTA', crossSeriesReducer: 'REDUCE_SUM' }],
      denominatorAggregations: [{ alignmentPeriod: '60s', perSeriesAligner: 'ALIGN_DELTA', crossSeriesReducer: 'REDUCE_SUM' }],
    });
    // Names are the last segment of the resource ids (projects/<p>/global/urlMaps/<name>); the mocks' ids are '<name>-id'.
    expect(threshold.filter).toContain('resource.labels.url_map_name = one_of("r-urlmap-web-id", "r-urlmap-admin-id")');
    expect(threshold.filter).toContain('response_code_class = 500');
    expect(threshold.denominatorFilter).not.toContain('response_code_class');
    const slow = inputs('monitoring/alertPolicy:AlertPolicy', 'r-alert-slow');
    const slowThreshold = (slow.conditions as { conditionThreshold: Record<string, unknown> }[])[0].conditionThreshold;
    expect(slowThreshold.filter).toContain('resource.labels.backend_target_name = one_of("r-bs-app-id")');
    expect(inputs('monitoring/notificationChannel:NotificationChannel', 'r-notify-pager')).toMatchObject({
      type: 'email',
      labels: { email_address: 'oncall@example.com' },
    });
    expect(slow.notificationChannels).toEqual(['r-notify-pager']);
    expect(rec.resources.filter((r) => r.type === 'gcp:monitoring/notificationChannel:NotificationChannel')).toHaveLength(1);
  });

  test('an alarm whose notification has no channel is a placement problem', () => {
    const model = buildModel(spec([{ name: 'e', metric: '5xx-count', threshold: 1, notify: 'ops' }]));
    expect(() => new LoadBalancer('p', placeAnything(model, { notificationChannels: {} }))).toThrow(GcpPlacementError);
    expect(() => new LoadBalancer('p', placeAnything(model, { notificationChannels: {} }))).toThrow(/notificationChannels\.ops/);
  });
});
