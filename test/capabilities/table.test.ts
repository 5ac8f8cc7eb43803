/** The capability table and the strict check. */
import { assertCapabilities, CAPABILITIES, CapabilityError, checkCapabilities, FEATURES, TARGETS, type TargetId } from '../../index';
import { buildModel, loadModel } from '../../lib/model';
import type { LoadBalancerSpec } from '../../lib/spec';

function spec(overrides: Partial<LoadBalancerSpec> = {}, poolAlgorithm?: 'least-response-time' | 'ip-hash'): LoadBalancerSpec {
  return {
    name: 'c',
    frontends: [
      {
        name: 'web',
        protocol: 'http',
        port: 80,
        rules: [{ name: 'r', match: { methods: ['POST'] }, action: { redirect: { path: '/x', statusCode: 307 } } }],
        defaultAction: { forward: { pool: 'web' } },
      },
      { name: 'db', protocol: 'tcp', port: 5432, defaultAction: { forward: { pool: 'db' } } },
    ],
    pools: [
      { name: 'web', protocol: 'http', port: 8080, ...(poolAlgorithm ? { algorithm: poolAlgorithm } : {}) },
      { name: 'db', protocol: 'tcp', port: 5432 },
    ],
    ...overrides,
  };
}

describe('the table', () => {
  test.each(TARGETS)('%s has a cell for every feature, and nothing else', (target) => {
    const cells = Object.keys(CAPABILITIES[target].support).sort();
    expect(cells).toEqual(FEATURES.map((f) => f.id).sort());
  });

  test('feature ids are unique', () => {
    expect(new Set(FEATURES.map((f) => f.id)).size).toBe(FEATURES.length);
  });

  test('every non-native cell says what the nearest option is', () => {
    for (const target of TARGETS) {
      for (const [feature, cell] of Object.entries(CAPABILITIES[target].support)) {
        const text = cell.level === 'nearest' ? cell.mapping : cell.level === 'unsupported' ? cell.nearest : 'native';
        expect({ target, feature, ok: text.length > 5 }).toEqual({ target, feature, ok: true });
      }
    }
  });

  test('the local proxy supports everything natively', () => {
    expect(Object.values(CAPABILITIES.local.support).every((c) => c.level === 'native')).toBe(true);
  });
});

describe('checkCapabilities', () => {
  test('under strict, a nearest feature is an error naming target, feature, nearest option and opt-in', () => {
    const report = checkCapabilities(buildModel(spec({}, 'least-response-time')), 'aws-alb');
    const error = report.errors.find((d) => d.feature === 'pool.algorithm.least-response-time')!;
    expect(error).toMatchObject({ severity: 'error', level: 'nearest', target: 'aws-alb', path: 'pools[0].algorithm' });
    expect(error.message).toContain('aws-alb (AWS Application Load Balancer) has no exact pool.algorithm.least-response-time');
    expect(error.message).toContain('Nearest: least_outstanding_requests');
    expect(error.message).toContain("add 'aws-alb:pool.algorithm.least-response-time' to allowNearest (or set strict: false)");
  });

  test('an unsupported feature is an error naming the nearest option, and cannot be opted into', () => {
    // GCP URL maps route on the method (':method'), not on the client's source address.
    const base = spec({ allowNearest: ['gcp-alb-global:rule.match.source'] });
    const model = buildModel({
      ...base,
      frontends: base.frontends.map((f, i) =>
        i ? f : { ...f, rules: [{ name: 'r', match: { sourceCidrs: ['10.0.0.0/8'] }, action: { redirect: { path: '/x', statusCode: 307 } } }] },
      ),
    });
    const report = checkCapabilities(model, 'gcp-alb-global');
    const error = report.errors.find((d) => d.feature === 'rule.match.source')!;
    expect(error).toMatchObject({ level: 'unsupported', path: 'frontends[0].rules[0].match.sourceCidrs' });
    expect(error.message).toMatch(/cannot express rule\.match\.source .*Nearest: .*cannot be opted into/);
  });

  test.each([
    ['target:feature', { allowNearest: ['aws-alb:action.redirect.status-307', 'aws-alb:pool.algorithm.least-response-time'] }],
    ['feature for every target', { allowNearest: ['action.redirect.status-307', 'pool.algorithm.least-response-time'] }],
    ['strict: false', { strict: false }],
  ])('opting in by %s turns nearest errors into warnings', (_t, overrides) => {
    const report = checkCapabilities(buildModel(spec(overrides as Partial<LoadBalancerSpec>, 'least-response-time')), 'aws-alb');
    expect(report.errors).toEqual([]);
    expect(report.warnings.map((w) => w.feature).sort()).toEqual(['action.redirect.status-307', 'pool.algorithm.least-response-time']);
  });

  test('an allowNearest entry for another target does not apply', () => {
    const report = checkCapabilities(buildModel(spec({ allowNearest: ['gcp-alb-global:action.redirect.status-307'] })), 'aws-alb');
    expect(report.errors.map((e) => e.feature)).toEqual(['action.redirect.status-307']);
  });

  test('an unknown allowNearest entry is an error', () => {
    const report = checkCapabilities(buildModel(spec({ allowNearest: ['aws-alb:pool.algorithm.fastest', 'azure:lb.access-logs'] })), 'local');
    expect(report.errors.map((e) => [e.path, e.level])).toEqual([
      ['allowNearest[0]', 'config'],
      ['allowNearest[1]', 'config'],
    ]);
    expect(report.errors[1].message).toContain('names no known target');
  });

  test('values outside a target range are errors with the accepted range', () => {
    const s = spec();
    s.pools![0].healthCheck = { intervalSeconds: 3, timeoutSeconds: 2 };
    const report = checkCapabilities(buildModel(s), 'aws-alb');
    const range = report.errors.find((e) => e.level === 'range')!;
    expect(range).toMatchObject({ path: 'pools[0].healthCheck.intervalSeconds' });
    expect(range.message).toBe('aws-alb: healthCheck.intervalSeconds 3s is outside 5-300s (aws-alb accepts healthCheck.intervalSeconds 5-300s)');
  });

  test('a target only checks the frontends of its layer and the pools they reach', () => {
    const model = buildModel(spec());
    const nlb = checkCapabilities(model, 'aws-nlb');
    expect(nlb.used.flatMap((u) => u.paths).every((p) => p.startsWith('frontends[1]') || p.startsWith('pools[1]'))).toBe(true);
    expect(checkCapabilities(model, 'aws-alb', { frontends: ['db'] }).used).toEqual([]);
  });

  test('assertCapabilities throws a typed error with every diagnostic', () => {
    expect(() => assertCapabilities(buildModel(spec()), 'aws-alb')).toThrow(CapabilityError);
    try {
      assertCapabilities(buildModel(spec()), 'aws-alb');
    } catch (e) {
      expect((e as CapabilityError).code).toBe('LBKIT_CAPABILITY');
      expect((e as CapabilityError).diagnostics.map((d) => d.path)).toEqual(['frontends[0].rules[0].action.redirect.statusCode']);
    }
    expect(assertCapabilities(buildModel(spec({ strict: false })), 'aws-alb').map((w) => w.feature)).toEqual(['action.redirect.status-307']);
  });
});

describe('the examples are portable where the clouds allow', () => {
  const PORTABLE: Array<[string, TargetId[]]> = [
    ['web.yaml', ['aws-alb', 'local']],
    ['internal-tcp.yaml', ['aws-nlb', 'gcp-nlb-passthrough', 'local']],
    ['udp.yaml', ['aws-nlb', 'gcp-nlb-passthrough', 'local']],
  ];
  test.each(PORTABLE)('%s compiles strictly to %p', (file, targets) => {
    const model = loadModel(`examples/specs/${file}`);
    for (const target of targets) {
      expect({ target, errors: checkCapabilities(model, target).errors.map((e) => e.message) }).toEqual({ target, errors: [] });
    }
  });
});
