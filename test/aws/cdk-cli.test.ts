/**
 * `cdk synth` with the pinned CDK CLI (node_modules/.bin/cdk, aws-cdk 2.1148.1) runs examples/cdk/app.ts as
 * cdk.json does (context included) and writes a template per example spec that compiles to AWS.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CapabilityError } from '../../lib/errors';
import { loadModel } from '../../lib/model/build';
import { planAws } from '../../providers/aws/plan';
import { exampleSpecs, PLACEMENTS, specPath, stackName } from '../../examples/cdk/stacks';

const ROOT = join(__dirname, '..', '..');
let out: string;
let log: string;

beforeAll(() => {
  out = mkdtempSync(join(tmpdir(), 'lbkit-cdk-synth-'));
  log = execFileSync(join(ROOT, 'node_modules', '.bin', 'cdk'), ['synth', '--app', 'npx tsx examples/cdk/app.ts', '--output', out, '--no-notices', '--quiet'], {
    cwd: ROOT,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
    timeout: 120_000,
    env: { ...process.env, CDK_DISABLE_CLI_TELEMETRY: 'true', CI: 'true' },
  });
}, 150_000);

afterAll(() => rmSync(out, { recursive: true, force: true }));

test('the pinned CLI writes a template per example spec', () => {
  const written = exampleSpecs().filter((spec) => existsSync(join(out, `${stackName(spec)}.template.json`)));
  for (const spec of Object.keys(PLACEMENTS)) expect(written).toContain(spec);
  for (const spec of exampleSpecs().filter((s) => !written.includes(s))) {
    // Only a spec written for another cloud may be missing, and only because AWS cannot compile it as written.
    expect(() => planAws(loadModel(specPath(spec)))).toThrow(CapabilityError);
  }
  for (const spec of written) {
    const template = JSON.parse(readFileSync(join(out, `${stackName(spec)}.template.json`), 'utf8')) as { Resources: Record<string, { Type: string }> };
    const types = Object.values(template.Resources).map((r) => r.Type);
    expect(types).toContain('AWS::ElasticLoadBalancingV2::LoadBalancer');
    expect(types).toContain('AWS::ElasticLoadBalancingV2::Listener');
  }
  expect(log).not.toMatch(/AwsSolutions-/);
});
