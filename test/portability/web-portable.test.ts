/**
 * Issue 14, done when: one spec of README's web app compiles natively (strict, no allowNearest) for aws-alb,
 * gcp-alb-global and azure-appgw through its overrides, and on the local proxy. examples/specs/web-portable.yaml
 * is README's spec plus `targets:`; each target's capability check and plan must find nothing to report.
 */
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { loadModel } from '../../lib/model/build';
import { modelFor } from '../../lib/model/targets';
import type { LoadBalancerModel } from '../../lib/model/types';
import { backendOf, checkCapabilities, TARGETS, type TargetId } from '../../providers';

const FILE = 'examples/specs/web-portable.yaml';
const PORTABLE: readonly TargetId[] = ['aws-alb', 'gcp-alb-global', 'azure-appgw', 'local'];

/** README's "A spec" block, parsed. */
function readmeSpec(): Record<string, unknown> {
  const readme = readFileSync('README.md', 'utf8');
  const section = readme.slice(readme.indexOf('## A spec'));
  const block = /```yaml\n([\s\S]*?)```/.exec(section)![1];
  return parse(block) as Record<string, unknown>;
}

const model = (): LoadBalancerModel => loadModel(FILE);

test("the file is README's web app, plus the overrides", () => {
  const { targets, ...spec } = parse(readFileSync(FILE, 'utf8')) as Record<string, unknown>;
  expect(spec).toEqual(readmeSpec());
  expect(Object.keys(targets as object)).toEqual(['azure-appgw']);
  const m = model();
  expect(m.strict).toBe(true);
  expect(m.allowNearest).toEqual([]);
});

describe.each(PORTABLE)('%s', (target) => {
  test('strict capability check: every feature native, no error, no accepted approximation', () => {
    const report = checkCapabilities(model(), target);
    expect(report.errors).toEqual([]);
    expect(report.warnings).toEqual([]);
    expect(report.used.filter((u) => u.level !== 'native')).toEqual([]);
    expect(report.used.length).toBeGreaterThan(5);
  });

  test('the plan: made, with 0 problems and 0 warnings', () => {
    const result = backendOf(target).plan({ model: model(), target, knownTargets: TARGETS });
    expect(result.problems).toEqual([]);
    expect(result.warnings).toEqual([]);
    expect(result.plan).toBeDefined();
  });
});

test('without its override, azure-appgw refuses the spec: the overrides are what make it portable', () => {
  const without: LoadBalancerModel = { ...model(), overrides: undefined };
  const features = checkCapabilities(without, 'azure-appgw').errors.map((e) => e.feature);
  expect(features).toEqual(expect.arrayContaining(['rule.match.path.prefix', 'action.weighted-forward', 'pool.persistence.lb-cookie']));
});

test('each target compiles its own model: the split and the exact-case path everywhere but Application Gateway', () => {
  const m = model();
  for (const target of ['aws-alb', 'gcp-alb-global', 'local'] as const) {
    const own = modelFor(m, target);
    expect(own.frontends[0].defaultAction).toMatchObject({ type: 'weighted-forward' });
    expect(own.frontends[0].rules[0].match.paths).toEqual([{ kind: 'prefix', value: '/v1' }]);
  }
  const agw = modelFor(m, 'azure-appgw');
  expect(agw.frontends[0].defaultAction).toEqual({ type: 'forward', pool: 'web' });
  expect(agw.frontends[0].rules[0].match.paths).toEqual([{ kind: 'prefix', value: '/v1', ignoreCase: true }]);
  expect(agw.pools.find((p) => p.name === 'api')!.sessionPersistence).toMatchObject({ type: 'lb-cookie', sessionCookie: true });
  // The gateway's plan has no canary pool; GCP's URL map still splits 90/10.
  const azure = backendOf('azure-appgw').plan({ model: m, target: 'azure-appgw', knownTargets: TARGETS }).plan as {
    applicationGateway: { backendAddressPools: { name: string }[] };
  };
  expect(azure.applicationGateway.backendAddressPools.map((p) => p.name)).not.toContain('web-canary');
  const gcp = JSON.stringify(backendOf('gcp-alb-global').plan({ model: m, target: 'gcp-alb-global', knownTargets: TARGETS }).plan);
  expect(gcp).toContain('"weight":90');
  expect(gcp).toContain('"weight":10');
});
