/**
 * Issue 14, "every problem at once": one spec with mistakes in every layer (structure: a negative port and a
 * wrong type; semantics: an unknown pool, a missing certificate, a health-check timeout above its interval;
 * capability: a feature the target refuses; placement: props that do not fit) lists all of them in one run of
 * `lbkit validate` and in one error from each construct and component, each with its path (and line, from a file).
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';
import { InvalidInputError, ProblemsError, type Problem } from '../../lib/errors';
import type { LoadBalancerSpec } from '../../lib/spec/schema';
import { LoadBalancer as CdkLoadBalancer } from '../../providers/aws/cdk';
import { LoadBalancer as PulumiAwsLoadBalancer } from '../../providers/aws/pulumi';
import { LoadBalancer as AzureLoadBalancer } from '../../providers/azure';
import { LoadBalancer as GcpLoadBalancer } from '../../providers/gcp';
import { LocalLoadBalancer } from '../../providers/local';
import { lbkit } from '../cli/support';
import { stackWithVpc, testApp } from '../aws/support/cdk';
import { mockPulumi, settle } from '../support/pulumi';
import { thrown } from '../support/thrown';

const recorder = mockPulumi();

/** Six mistakes in four layers; line numbers are those of this text. */
const SIX_MISTAKES = `name: shop
certificates:
  - name: site
frontends:
  - name: https
    protocol: https
    port: 443
    tls: { certificate: sitee }
    idleTimeoutSeconds: sixty
    defaultAction: { forward: { pool: web } }
    rules:
      - name: api
        match: { paths: [{ prefix: /api }] }
        action: { forward: { pool: apii } }
  - name: admin
    protocol: tcp
    port: -8443
    defaultAction: { forward: { pool: db } }
pools:
  - name: web
    protocol: http
    port: 8080
    whenAllUnhealthy: fail-closed
    healthCheck: { intervalSeconds: 5, timeoutSeconds: 10 }
  - name: api
    protocol: http
    port: 9000
  - name: db
    protocol: tcp
    port: 5432
`;

/** The spec's own five (structure and semantics), with the line each is on. */
const SPEC_MISTAKES = [
  { code: 'LBKIT_SPEC_INVALID', path: 'frontends[0].idleTimeoutSeconds', line: 9, message: 'expected number, got the string "sixty"' },
  { code: 'LBKIT_SPEC_INVALID', path: 'frontends[1].port', line: 17, message: 'needs at least 1, got -8443' },
  { code: 'LBKIT_SPEC_INVALID', path: 'frontends[0].tls.certificate', line: 8, message: "unknown certificate 'sitee'" },
  { code: 'LBKIT_SPEC_INVALID', path: 'frontends[0].rules[0].action.forward.pool', line: 14, message: "unknown pool 'apii'" },
  { code: 'LBKIT_SPEC_INVALID', path: 'pools[0].healthCheck.timeoutSeconds', line: 24, message: 'timeout 10s is not below interval 5s' },
];

const dir = mkdtempSync(join(tmpdir(), 'lbkit-six-'));
const file = join(dir, 'shop.yaml');
writeFileSync(file, SIX_MISTAKES);
const spec = (): LoadBalancerSpec => parse(SIX_MISTAKES) as LoadBalancerSpec;

/** Code, path and message of each problem, in order, without the line (objects carry none). */
const brief = (problems: readonly Problem[]) => problems.map((p) => ({ code: p.code, path: p.path, message: p.message }));
const unlocated = SPEC_MISTAKES.map(({ line: _, ...p }) => p);

/** What `make` throws: one error listing every problem, the spec's each with a fix (capability messages carry their opt-in). */
function oneError(make: () => unknown): ProblemsError {
  const error = thrown(make);
  expect(error).toBeInstanceOf(InvalidInputError);
  const e = error as InvalidInputError;
  for (const p of e.problems.filter((x) => x.code === 'LBKIT_SPEC_INVALID'))
    expect({ path: p.path, fix: typeof p.fix }).toEqual({ path: p.path, fix: 'string' });
  return e;
}

describe('lbkit validate', () => {
  test('one run lists all six, each with its line and fix; no stack trace', async () => {
    const { code, out, err } = await lbkit('validate', file, '--target', 'aws-alb');
    expect({ code, out }).toEqual({ code: 1, out: '' });
    expect(err).toContain(`✗ ${file}: 6 problems`);
    for (const m of SPEC_MISTAKES) expect(err).toContain(`${file}:${m.line}:`);
    for (const m of SPEC_MISTAKES) expect(err).toContain(`${m.path}: ${m.message}`);
    expect(err).toMatch(new RegExp(`${file}:23:\\d+ pools\\[0\\]\\.whenAllUnhealthy: .*fail-closed`));
    expect(err.match(/\n {4}fix: /g)).toHaveLength(6);
    expect(err).not.toMatch(/\n\s+at .*\.ts:\d+/);
  });

  test('--json: the same six as data; without --target the five of the spec', async () => {
    const json = JSON.parse((await lbkit('validate', file, '--target', 'aws-alb', '--json')).out);
    const problems = json.files[0].problems;
    expect(problems.map((p: Problem) => [p.code, p.path, p.line])).toEqual([
      ...SPEC_MISTAKES.map((m) => [m.code, m.path, m.line]),
      ['LBKIT_CAPABILITY', 'pools[0].whenAllUnhealthy', 23],
    ]);
    expect(problems[5]).toMatchObject({ target: 'aws-alb', fix: expect.stringContaining('targets.aws-alb') });
    const plain = JSON.parse((await lbkit('validate', file, '--json')).out).files[0].problems;
    expect(plain.map((p: Problem) => p.path)).toEqual(SPEC_MISTAKES.map((m) => m.path));
  });

  test('lbkit plan lists the same problems with every target concerned instead of a plan', async () => {
    const { code, err } = await lbkit('plan', file, '--target', 'aws-alb,azure-appgw');
    expect(code).toBe(1);
    for (const m of SPEC_MISTAKES) expect(err).toContain(`${m.path}: ${m.message}`);
    expect(err).toContain('aws-alb');
    expect(err).toContain('Application Gateway');
  });
});

describe('one error from each construct and component', () => {
  beforeEach(() => recorder.reset());

  test('CDK construct: spec, capability (aws-alb) and placement, naming the construct', () => {
    const { stack, vpc } = stackWithVpc(testApp(), 'six');
    const e = oneError(() => new CdkLoadBalancer(stack, 'Lb', { spec: spec(), vpc, bindings: { web: { ips: ['10.0.0.300'] } } }));
    expect(brief(e.problems).slice(0, 5)).toEqual(unlocated);
    expect(e.problems.map((p) => `${p.code} ${p.path}`)).toEqual(
      expect.arrayContaining([
        'LBKIT_CAPABILITY pools[0].whenAllUnhealthy',
        'LBKIT_AWS_PLACEMENT bindings.web.ips[0]',
        'LBKIT_AWS_PLACEMENT certificates.sitee',
      ]),
    );
    expect(e.message).toContain('in construct six/Lb');
  });

  test('Pulumi AWS component: the same, and nothing registers', async () => {
    const e = oneError(
      () => new PulumiAwsLoadBalancer('six', { spec: spec(), vpcId: 'vpc-0123456789abcdef0', subnetIds: ['subnet-0123456789abcdef0'], bindings: {} }),
    );
    await settle(recorder);
    expect(brief(e.problems).slice(0, 5)).toEqual(unlocated);
    expect(e.problems.map((p) => `${p.code} ${p.path}`)).toEqual(
      expect.arrayContaining(['LBKIT_CAPABILITY pools[0].whenAllUnhealthy', 'LBKIT_AWS_PLACEMENT bindings.web']),
    );
    expect(recorder.resources).toEqual([]);
  });

  test('Pulumi GCP component: a spec file, so every problem has its line', async () => {
    const e = oneError(() => new GcpLoadBalancer('six', { specFile: file, project: 'acme-prod', bindings: {} }));
    await settle(recorder);
    expect(e.problems.slice(0, 5).map((p) => [p.path, p.line])).toEqual(SPEC_MISTAKES.map((m) => [m.path, m.line]));
    const later = e.problems.slice(5);
    expect(later.some((p) => p.code === 'LBKIT_CAPABILITY')).toBe(true);
    expect(later.some((p) => p.code === 'LBKIT_GCP_PLACEMENT')).toBe(true);
    for (const p of later.filter((x) => x.code === 'LBKIT_CAPABILITY')) expect(p.line).toBeGreaterThan(0);
    expect(recorder.resources).toEqual([]);
  });

  test('Pulumi Azure component', async () => {
    const e = oneError(
      () =>
        new AzureLoadBalancer('six', { spec: spec(), resourceGroupName: 'rg', location: 'westeurope', subscriptionId: '00000000-0000-0000-0000-000000000000' }),
    );
    await settle(recorder);
    expect(brief(e.problems).slice(0, 5)).toEqual(unlocated);
    expect(e.problems.map((p) => `${p.code} ${p.path}`)).toEqual(expect.arrayContaining(['LBKIT_CAPABILITY pools[0].whenAllUnhealthy']));
    expect(e.problems.some((p) => p.code === 'LBKIT_AZURE_PROPS')).toBe(true);
    expect(recorder.resources).toEqual([]);
  });

  test('local proxy: a bad allowNearest entry (the one capability problem it has) and bad options, and nothing listens', async () => {
    const error = await LocalLoadBalancer.start(
      { specFile: file, allowNearest: ['local:no-such-feature'] },
      { bindings: { web: ['nope'], wbe: [] }, timeScale: -1 },
    ).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(InvalidInputError);
    const e = error as InvalidInputError;
    expect(e.problems.slice(0, 5).map((p) => [p.path, p.line])).toEqual(SPEC_MISTAKES.map((m) => [m.path, m.line]));
    expect(e.problems.slice(5).map((p) => `${p.code} ${p.path}`)).toEqual(
      expect.arrayContaining([
        'LBKIT_CAPABILITY allowNearest[0]',
        'LBKIT_LOCAL_OPTIONS timeScale',
        'LBKIT_LOCAL_OPTIONS bindings.web[0]',
        'LBKIT_LOCAL_OPTIONS bindings.wbe',
      ]),
    );
  });
});
