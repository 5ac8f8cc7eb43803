/** Alarms and protection: validation (every problem with its path), the model's defaults, the capability rows. */
import { buildModel } from '../../lib/model';
import { specIssues, type LoadBalancerSpec } from '../../lib/spec';
import { checkCapabilities } from '../../providers';
import { frontendsToPools, WEB_AND_DB } from '../support/specs';

function base(extra: Partial<LoadBalancerSpec> = {}): LoadBalancerSpec {
  return {
    ...frontendsToPools('ops', WEB_AND_DB),
    ...extra,
  };
}

const paths = (spec: LoadBalancerSpec) =>
  specIssues(spec)
    .map((i) => i.path)
    .sort();

test('a valid spec with alarms and protection has no issue, and the model applies the defaults', () => {
  const spec = base({
    alarms: [
      { name: 'slow', metric: 'latency', threshold: 500 },
      { name: 'down', metric: 'healthy-members', pool: 'pg', threshold: 1, notify: 'pager' },
    ],
    protection: { managedRules: { level: 'baseline' }, ipDeny: ['203.0.113.0/24'], geo: { deny: ['KP'] }, ddos: 'advanced' },
  });
  expect(specIssues(spec)).toEqual([]);
  const model = buildModel(spec);
  expect(model.alarms).toEqual([
    { name: 'slow', path: 'alarms[0]', metric: 'latency', threshold: 500, comparison: 'above', percentile: 99, periodSeconds: 60, evaluationPeriods: 3 },
    {
      name: 'down',
      path: 'alarms[1]',
      metric: 'healthy-members',
      threshold: 1,
      comparison: 'below',
      pool: 'pg',
      periodSeconds: 60,
      evaluationPeriods: 3,
      notify: 'pager',
    },
  ]);
  expect(model.protection).toEqual({
    path: 'protection',
    frontends: ['web'],
    managedRules: { level: 'baseline', mode: 'block' },
    ipAllow: [],
    ipDeny: ['203.0.113.0/24'],
    geo: { mode: 'deny', countries: ['KP'] },
    ddos: 'advanced',
  });
});

test('every alarm and protection mistake is reported at once, each at its path', () => {
  const spec = base({
    alarms: [
      { name: 'a', metric: 'unhealthy-members', threshold: 0 },
      { name: 'a', metric: '5xx-ratio', threshold: 5, pool: 'nope' },
      { name: 'b', metric: '5xx-count', threshold: 1, percentile: 95 },
      { name: 'c', metric: 'rejected-connections', threshold: 1, pool: 'app' },
    ],
    protection: { frontends: ['web', 'ghost'], ipDeny: ['10.0.0.1/8'] },
  });
  expect(paths(spec)).toEqual([
    'alarms[0].pool',
    'alarms[1].name',
    'alarms[1].pool',
    'alarms[1].threshold',
    'alarms[2].percentile',
    'alarms[3].pool',
    'protection.frontends[1]',
    'protection.ipDeny[0]',
  ]);
});

test('structural rules: period, country code, exactly one geo list', () => {
  const spec = base({
    alarms: [{ name: 'x', metric: '5xx-count', threshold: 1, periodSeconds: 120 as 60 }],
    protection: { geo: { allow: ['de'], deny: ['US'] } },
  });
  expect(paths(spec)).toEqual(expect.arrayContaining(['alarms[0].periodSeconds', 'protection.geo']));
});

test('what inspects HTTP protects http frontends only; the DDoS tier any frontend', () => {
  expect(paths(base({ protection: { frontends: ['db'], managedRules: { level: 'strict' }, ipDeny: ['10.0.0.0/8'] } }))).toEqual(['protection.frontends[0]']);
  expect(paths(base({ protection: { frontends: ['db'], ddos: 'advanced' } }))).toEqual([]);
});

describe('capability rows', () => {
  const spec = base({
    alarms: [
      { name: 'slow', metric: 'latency', threshold: 500 },
      { name: 'down', metric: 'unhealthy-members', pool: 'pg', threshold: 0 },
    ],
    protection: { ipAllow: ['198.51.100.0/24'] },
  });

  test('an alarm belongs to the target that compiles its pool; protection to the targets of its frontends', () => {
    const model = buildModel(spec);
    const used = (t: Parameters<typeof checkCapabilities>[1]) =>
      checkCapabilities(model, t)
        .used.filter((u) => /^(alarm|protection)\./.test(u.feature))
        .map((u) => u.feature)
        .sort();
    expect(used('aws-alb')).toEqual(['alarm.latency', 'protection.ip-allow']);
    expect(used('aws-nlb')).toEqual(['alarm.unhealthy-members']);
    expect(used('local')).toEqual(['alarm.latency', 'alarm.unhealthy-members', 'protection.ip-allow']);
  });

  test('rendered alarms and protection are native on AWS; what a target cannot do is an error naming the nearest option; the local proxy runs both', () => {
    const model = buildModel(spec);
    const alb = checkCapabilities(model, 'aws-alb');
    expect(alb.used.find((u) => u.feature === 'alarm.latency')?.level).toBe('native');
    expect(alb.used.find((u) => u.feature === 'protection.ip-allow')?.level).toBe('native');
    expect(alb.errors).toEqual([]);
    // Shield Advanced reaches an NLB through Elastic IPs, which lbkit's NLB does not allocate.
    const nlb = checkCapabilities(buildModel(base({ protection: { frontends: ['db'], ddos: 'advanced' } })), 'aws-nlb');
    expect(nlb.errors.map((e) => e.feature)).toEqual(['protection.ddos-advanced']);
    expect(nlb.errors[0]).toMatchObject({ level: 'unsupported', path: 'protection.ddos' });
    expect(nlb.errors[0].message).toContain('Elastic IP');
    const azure = checkCapabilities(model, 'azure-appgw').errors.find((e) => e.feature === 'alarm.latency')!;
    expect(azure.message).toContain('ApplicationGatewayTotalTime');
    expect(checkCapabilities(model, 'local').errors).toEqual([]);
  });
});
