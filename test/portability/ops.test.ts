/**
 * Issue 19, done when: the example spec with alarms and protection (examples/specs/ops.yaml) compiles on every
 * cloud. Strict: what a cloud approximates is accepted by name in its override, what it cannot have at all is
 * changed or deleted there ($patch: delete), and each target's capability check and plan report nothing else.
 */
import { loadModel } from '../../lib/model/build';
import { modelFor } from '../../lib/model/targets';
import { backendOf, checkCapabilities, TARGETS, type TargetId } from '../../providers';

const FILE = 'examples/specs/ops.yaml';
const model = () => loadModel(FILE);

/** Per target: the alarms it keeps (metric by name) and the approximations its override accepts. */
const EXPECTED: Record<string, { alarms: Record<string, string>; accepted: string[] }> = {
  'aws-alb': {
    alarms: { errors: '5xx-ratio', slow: 'latency', 'no-healthy-app': 'healthy-members', 'unhealthy-app': 'unhealthy-members', refused: 'rate-limited' },
    accepted: ['rate-limit.client-ip'],
  },
  'azure-appgw': {
    alarms: { errors: '5xx-count', 'no-healthy-app': 'healthy-members', 'unhealthy-app': 'unhealthy-members', refused: 'rate-limited' },
    accepted: ['alarm.5xx-count', 'alarm.rate-limited', 'protection.managed-rules', 'rate-limit.client-ip'],
  },
  'gcp-alb-global': { alarms: { errors: '5xx-ratio', slow: 'latency', refused: 'rate-limited' }, accepted: ['rate-limit.client-ip'] },
  local: {
    alarms: { errors: '5xx-ratio', slow: 'latency', 'no-healthy-app': 'healthy-members', 'unhealthy-app': 'unhealthy-members', refused: 'rate-limited' },
    accepted: [],
  },
};

describe.each(Object.keys(EXPECTED) as TargetId[])('%s', (target) => {
  const { alarms, accepted } = EXPECTED[target];

  test('its own model: the alarms it can have, protection as written', () => {
    const m = modelFor(model(), target);
    expect(Object.fromEntries(m.alarms.map((a) => [a.name, a.metric]))).toEqual(alarms);
    expect(m.protection).toMatchObject({ ipDeny: ['203.0.113.0/24'], geo: { mode: 'deny', countries: ['KP'] } });
  });

  test('strict capability check: no error; the only approximations are the ones its override accepts', () => {
    const report = checkCapabilities(model(), target);
    expect(report.errors).toEqual([]);
    expect([...new Set(report.used.filter((u) => u.level !== 'native').map((u) => u.feature))].sort()).toEqual(accepted);
    expect(report.used.map((u) => u.feature)).toEqual(expect.arrayContaining(['protection.ip-deny', 'protection.geo', 'protection.managed-rules']));
  });

  test('the plan: made, with 0 problems', () => {
    const result = backendOf(target).plan({ model: model(), target, knownTargets: TARGETS });
    expect(result.problems).toEqual([]);
    expect(result.plan).toBeDefined();
  });
});

test('without its overrides every cloud refuses the spec: the overrides are what make it portable', () => {
  const without = { ...model(), overrides: undefined };
  for (const target of ['aws-alb', 'azure-appgw', 'gcp-alb-global'] as const) expect(checkCapabilities(without, target).errors.length).toBeGreaterThan(0);
  expect(checkCapabilities(without, 'local').errors).toEqual([]);
});
