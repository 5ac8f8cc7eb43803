/**
 * Would protection and alarms deploy? Every resource the GCP component registers for a spec using every part of
 * protection and every alarm GCP renders, on the global, regional external and internal ALB, held against the
 * Compute API (Cloud Armor policies: compute.proto) and @pulumi/gcp's Monitoring types (alert policies:
 * api/pulumi-schema.ts), with the cross-field rules (api/rules.ts, api/monitoring-rules.ts). The checker's teeth:
 * planted faults, each caught.
 */
import { buildModel } from '../../lib/model/build';
import type { LoadBalancerSpec } from '../../lib/spec/schema';
import { mockPulumi, type RecordedResource } from '../support/pulumi';
import { check, describeFindings, failing, render } from './api/deploy-check';
import { MONITORING_RULES } from './api/monitoring-rules';
import { autonamed, placeAnything } from './fixtures';

const rec = mockPulumi(autonamed);
beforeAll(() => {
  jest.spyOn(console, 'warn').mockImplementation(() => undefined);
});

const spec = (overrides: Partial<LoadBalancerSpec> = {}): LoadBalancerSpec => ({
  name: 'ops',
  frontends: [{ name: 'web', protocol: 'http', port: 80, defaultAction: { forward: { pool: 'app' } } }],
  pools: [{ name: 'app', protocol: 'http', port: 8080 }],
  rateLimits: [{ name: 'per-client', limit: 600, windowSeconds: 60 }],
  allowNearest: ['rate-limit.client-ip', 'alarm.rate-limited'],
  protection: {
    managedRules: { level: 'strict', mode: 'detect' },
    ipDeny: Array.from({ length: 12 }, (_, i) => `203.0.${i}.0/24`),
    ipAllow: ['10.0.0.0/8', '192.168.0.0/16', '2001:db8::/32'],
    geo: { deny: ['KP', 'IR', 'SY', 'CU', 'RU', 'BY'] },
  },
  alarms: [
    { name: 'errors', metric: '5xx-count', threshold: 10, notify: 'ops' },
    { name: 'ratio', metric: '5xx-ratio', threshold: 0.05, periodSeconds: 300 },
    { name: 'slow', metric: 'latency', percentile: 95, threshold: 800, pool: 'app' },
    { name: 'refused', metric: 'rate-limited', threshold: 1000, notify: 'pager' },
  ],
  ...overrides,
});
const email = { notificationChannels: { ops: { channel: 'projects/acme-prod/notificationChannels/1' }, pager: { email: 'oncall@example.com' } } };
const renderOps = (name: string, s: LoadBalancerSpec, global: boolean) => render(rec, name, placeAnything(buildModel(s), { global, ...email }));

describe('protection and alarms on every ALB', () => {
  test.each([
    ['global external', spec({ protection: { ...spec().protection, ddos: 'advanced' } }), true],
    ['regional external', spec(), false],
    ['internal', spec({ scheme: 'internal' }), false],
  ] as const)('%s: every resource valid', async (_kind, s, global) => {
    const rs = await renderOps('ops', s, global);
    const result = check(rs);
    expect(describeFindings(failing(result))).toEqual([]);
    expect(result.skipped).toBe(1);
    const types = new Set(rs.map((r) => r.type.split(':').pop()));
    expect([...types].filter((t) => /SecurityPolicy|AlertPolicy|NotificationChannel/.test(t!)).sort()).toEqual([
      'AlertPolicy',
      'NotificationChannel',
      global ? 'SecurityPolicy' : 'RegionSecurityPolicy',
    ]);
    expect(rs.filter((r) => r.type.endsWith(':AlertPolicy'))).toHaveLength(4);
  });
});

test('advanced network DDoS protection of an external passthrough frontend: every resource valid', async () => {
  const s: LoadBalancerSpec = {
    name: 'net',
    frontends: [{ name: 'db', protocol: 'tcp', port: 5432, defaultAction: { forward: { pool: 'pg' } } }],
    pools: [{ name: 'pg', protocol: 'tcp', port: 5432 }],
    protection: { frontends: ['db'], ddos: 'advanced' },
    allowNearest: ['protection.ddos-advanced'],
  };
  const rs = await renderOps('net', s, false);
  expect(describeFindings(failing(check(rs)))).toEqual([]);
  expect(rs.map((r) => r.type.split(':').pop()).filter((t) => /Security/.test(t!))).toEqual(['RegionSecurityPolicy', 'NetworkEdgeSecurityService']);
});

describe('the checker has teeth: each planted fault is caught by the rule named', () => {
  let base: RecordedResource[] = [];
  beforeAll(async () => {
    base = await renderOps('ops', spec(), true);
  });
  const edit = (rs: RecordedResource[], name: string, f: (inputs: Record<string, any>) => void) => f(rs.find((x) => x.name === name)!.inputs);
  const clone = (rs: RecordedResource[]) => rs.map((r) => ({ ...r, inputs: JSON.parse(JSON.stringify(r.inputs)) as Record<string, unknown> }));
  const threshold = (i: Record<string, any>) => i.conditions[0].conditionThreshold;

  const PLANTS: Array<[string, string, string, (i: Record<string, any>) => void]> = [
    ['an alert field Pulumi does not know', 'ops-alert-errors', 'field', (i) => (threshold(i).thresholdVal = 1)],
    ['an aligner Monitoring does not offer', 'ops-alert-errors', 'enum', (i) => (threshold(i).aggregations[0].perSeriesAligner = 'ALIGN_P99')],
    ['a threshold given as text', 'ops-alert-errors', 'type', (i) => (threshold(i).thresholdValue = '10')],
    ['an alert policy without conditions', 'ops-alert-errors', 'required', (i) => delete i.conditions],
    ['a duration of 90 s', 'ops-alert-errors', 'alert-duration', (i) => (threshold(i).duration = '90s')],
    ['a ratio with two alignment periods', 'ops-alert-ratio', 'alert-aggregation', (i) => (threshold(i).denominatorAggregations[0].alignmentPeriod = '60s')],
    ['a filter without its metric type', 'ops-alert-refused', 'alert-filter', (i) => (threshold(i).filter = 'resource.type = "network_security_policy"')],
    ['COMPARISON_GE', 'ops-alert-slow', 'alert-comparison', (i) => (threshold(i).comparison = 'COMPARISON_GE')],
    [
      'six subexpressions in an Armor rule',
      'ops-armor-web',
      'security-policy-match',
      (i) => {
        const geo = i.rules.find((r: any) => r.priority === 310);
        geo.match.expr.expression += " || origin.region_code == 'LY'";
      },
    ],
    [
      'Adaptive Protection on a regional policy',
      'ops-armor-web',
      'security-policy-match',
      (i) => {
        i.adaptiveProtectionConfig = { layer7DdosDefenseConfig: { enable: true } };
      },
    ],
    ['a WAF preview that is not a bool', 'ops-armor-web', 'type', (i) => (i.rules[3].preview = 'yes')],
  ];

  test.each(PLANTS)('%s (%s) -> %s', (_name, resource, rule, plant) => {
    const rs = clone(base);
    expect(failing(check(rs))).toEqual([]);
    if (_name.includes('regional')) rs.find((r) => r.name === resource)!.type = 'gcp:compute/regionSecurityPolicy:RegionSecurityPolicy';
    edit(rs, resource, plant);
    expect(check(rs).findings.map((f) => f.rule)).toContain(rule);
  });

  test('every Monitoring rule is planted', () => {
    expect(MONITORING_RULES.map((r) => r.id).filter((id) => !PLANTS.some(([, , rule]) => rule === id))).toEqual([]);
  });
});
