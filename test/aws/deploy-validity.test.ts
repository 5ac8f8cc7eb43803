/**
 * Would it deploy? Every CloudFormation template the CDK construct synthesizes, for the examples and for 300
 * seeded generated specs (strict: false, every feature the AWS columns accept, host-named frontends sharing a
 * listener and rules with URL rewrites among them), goes through cfn-lint (the CloudFormation resource schemas
 * and their rules) in one invocation: 0 errors. Faults planted in copies of those templates show the check has
 * teeth. Skips, saying so, where cfn-lint is not installed.
 */
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Stack } from 'aws-cdk-lib';
import fc from 'fast-check';
import { ProblemsError } from '../../lib/errors';
import { buildModel } from '../../lib/model/build';
import type { LoadBalancerSpec } from '../../lib/spec/schema';
import { LoadBalancer } from '../../providers/aws/cdk';
import { addExampleStacks, REGION } from '../../examples/cdk/stacks';
import { ACCOUNT, certificateArn, TRUST_STORE_ARN } from './fixtures';
import { testApp, vpcIn } from './support/cdk';
import { awsDeploySpec } from './support/deploy-specs';
import { CFN_LINT_BLIND_SPOTS, STALE_SCHEMA_FINDINGS, plantedFaults, plantedOperationsFaults, type Finding } from './support/cfn-lint';

const GENERATED = Number(process.env.LBKIT_DEPLOY_SPECS ?? 300);
const SEED = 1313;
const cfnLint = spawnSync('cfn-lint', ['--version'], { encoding: 'utf8' });
const available = cfnLint.status === 0;
if (!available) console.warn('deploy validity SKIPPED: cfn-lint is not installed here (pip install cfn-lint==1.51.0 to run it)');
const lintTest = available ? test : test.skip;

const PLACEMENT = {
  certificates: {
    main: certificateArn('11111111-1111-1111-1111-111111111111'),
    alt: certificateArn('22222222-2222-2222-2222-222222222222'),
    edge: certificateArn('33333333-3333-3333-3333-333333333333'),
  },
  trustStores: { clients: TRUST_STORE_ARN },
};
/** Members for the pools the frontends use, by IP or instance id alternately. */
const bindingsOf = (spec: LoadBalancerSpec) =>
  Object.fromEntries(
    buildModel(spec)
      .pools.filter((p) => p.usedBy.length > 0)
      .map((p, i) => [p.name, i % 2 ? { instanceIds: ['i-0123456789abcdef0'] } : { ips: ['10.0.1.10', '10.0.2.10'] }]),
  );
/** Load balancers per generated stack: fewer stacks and files keep synthesis and cfn-lint fast. */
const PER_STACK = 10;

/** cfn-lint over the files, in two processes (it lints one file at a time), findings as JSON. */
async function runCfnLint(files: readonly string[]): Promise<Finding[]> {
  const half = Math.ceil(files.length / 2);
  const chunks = [files.slice(0, half), files.slice(half)].filter((c) => c.length);
  const runs = await Promise.all(
    chunks.map(
      (chunk) =>
        new Promise<Finding[]>((resolve, reject) => {
          const child = spawn('cfn-lint', ['--format', 'json', '--regions', REGION, '--', ...chunk]);
          let out = '';
          let err = '';
          child.stdout.on('data', (d) => {
            out += d;
          });
          child.stderr.on('data', (d) => {
            err += d;
          });
          child.on('close', () => {
            if (!out.trim().startsWith('[')) reject(new Error(`cfn-lint failed: ${err}`));
            else resolve(JSON.parse(out) as Finding[]);
          });
        }),
    ),
  );
  return runs.flat();
}

describe('CloudFormation templates pass cfn-lint', () => {
  let dir: string;
  let files: string[] = [];
  let refused = 0;
  let resources = 0;
  let findings: Finding[] = [];
  let generated = 0;
  /** Generated specs with a listener shared by host names, such listeners, and rules with ALB transforms. */
  let hosted = 0;
  let shared = 0;
  let transformed = 0;
  let operations = '';
  let exampleCount = 0;
  let phases = '';
  const types = new Map<string, string>();
  /** Resources per type over every template, to show the operations resources are in the linted set. */
  const opsTypes = new Map<string, number>();

  beforeAll(async () => {
    if (!available) return;
    const started = Date.now();
    dir = mkdtempSync(join(tmpdir(), 'lbkit-cfn-lint-'));
    const app = testApp();
    exampleCount = Object.keys(addExampleStacks(app).stacks).length;
    const specs = fc.sample(awsDeploySpec, { numRuns: GENERATED * 2, seed: SEED });
    let made = 0;
    let stack: Stack | undefined;
    for (const spec of specs) {
      if (made === GENERATED) break;
      if (made % PER_STACK === 0 && (!stack || stack.node.children.length > 1))
        stack = new Stack(app, `gen-${made / PER_STACK}`, { env: { account: ACCOUNT, region: REGION } });
      const vpc = (stack!.node.tryFindChild('Vpc') as ReturnType<typeof vpcIn> | undefined) ?? vpcIn(stack!);
      try {
        // Every third generated load balancer has the dashboard (it is off by default).
        const lb = new LoadBalancer(stack!, `Lb${made}`, { spec, vpc, bindings: bindingsOf(spec), ...PLACEMENT, dashboard: made % 3 === 0 });
        const listeners = lb.plan.loadBalancers.flatMap((l) => l.listeners);
        shared += listeners.filter((l) => l.frontends).length;
        if (listeners.some((l) => l.frontends)) hosted++;
        transformed += listeners.flatMap((l) => l.rules).filter((r) => r.transforms).length;
        made++;
      } catch (e) {
        // A spec past a limit is the plan's to refuse (LBKIT_AWS_LIMIT...), never a crash.
        if (!(e instanceof ProblemsError)) throw e;
        stack!.node.tryRemoveChild(`Lb${made}`);
        refused++;
      }
    }
    generated = made;
    const assembly = app.synth();
    files = assembly.stacks.map((s) => {
      const file = join(dir, `${s.stackName}.json`);
      writeFileSync(file, JSON.stringify(s.template));
      const template = s.template as { Resources?: Record<string, { Type: string }> };
      for (const [id, r] of Object.entries(template.Resources ?? {})) types.set(`${file}#${id}`, r.Type);
      resources += Object.keys(template.Resources ?? {}).length;
      for (const r of Object.values(template.Resources ?? {})) opsTypes.set(r.Type, (opsTypes.get(r.Type) ?? 0) + 1);
      return file;
    });
    const synthesized = Date.now();
    findings = await runCfnLint(files);
    phases = `synthesis ${((synthesized - started) / 1000).toFixed(1)} s, cfn-lint ${((Date.now() - synthesized) / 1000).toFixed(1)} s`;
  }, 900_000);
  afterAll(() => dir && rmSync(dir, { recursive: true, force: true }));

  lintTest(`the examples and ${GENERATED} generated specs: 0 errors apart from proven-stale schema findings`, () => {
    expect(generated).toBe(GENERATED);
    const errors = findings.filter((f) => f.Level === 'Error');
    const typeOf = (f: Finding) => types.get(`${f.Filename}#${f.Location.Path[1]}`) ?? '';
    const stale = errors.filter((f) => STALE_SCHEMA_FINDINGS.some((s) => s.matches(f, typeOf(f))));
    const real = errors.filter((f) => !stale.includes(f));
    console.log(
      `deploy validity (cfn-lint ${cfnLint.stdout.trim()}): ${files.length} templates (${exampleCount} examples, ${GENERATED} generated specs in ${files.length - exampleCount}; ${refused} generated specs refused by the plan), ${resources} resources, ${errors.length} errors (${stale.length} stale-schema), ${findings.length - errors.length} warnings/informational; ${phases}`,
    );
    operations = ['AWS::WAFv2::WebACL', 'AWS::WAFv2::IPSet', 'AWS::Shield::Protection', 'AWS::CloudWatch::Alarm', 'AWS::CloudWatch::Dashboard']
      .map((t) => `${t} ${opsTypes.get(t) ?? 0}`)
      .join(', ');
    console.log(`deploy validity, operations resources linted: ${operations}`);
    console.log(
      `deploy validity, L7 shapes linted: ${hosted} generated specs with ${shared} listeners shared by host names, ${transformed} listener rules with transforms`,
    );
    expect(hosted).toBeGreaterThan(GENERATED / 5);
    expect(transformed).toBeGreaterThan(GENERATED / 5);
    for (const t of ['AWS::WAFv2::WebACL', 'AWS::WAFv2::IPSet', 'AWS::Shield::Protection', 'AWS::CloudWatch::Alarm', 'AWS::CloudWatch::Dashboard'])
      expect(opsTypes.get(t) ?? 0).toBeGreaterThan(0);
    expect(real.map((f) => `${f.Filename.split('/').pop()} ${f.Rule.Id} ${f.Location.Path.join('.')}: ${f.Message}`)).toEqual([]);
  });

  lintTest(
    'the check has teeth: faults planted in copies of the templates are caught',
    async () => {
      const base = JSON.parse(
        readFileSync(
          files.find((f) => f.endsWith('lbkit-web.json'))!,
          'utf8',
        ),
      );
      const ops = JSON.parse(
        readFileSync(
          files.find((f) => f.endsWith('lbkit-ops.json'))!,
          'utf8',
        ),
      );
      const planted = [...plantedFaults(base), ...plantedOperationsFaults(ops)].map((fault, i) => {
        const file = join(dir, `planted-${i}.json`);
        writeFileSync(file, JSON.stringify(fault.template));
        return { ...fault, file };
      });
      const caught = (await runCfnLint(planted.map((p) => p.file))).filter(
        (f) =>
          f.Level === 'Error' &&
          !STALE_SCHEMA_FINDINGS.some(
            (s) => s.matches(f, 'AWS::ElasticLoadBalancingV2::Listener') || s.matches(f, 'AWS::ElasticLoadBalancingV2::ListenerRule'),
          ),
      );
      const missed = planted.filter((p) => !caught.some((f) => f.Filename === p.file)).map((p) => p.name);
      console.log(`deploy validity teeth: ${planted.length - missed.length} of ${planted.length} planted faults caught; missed: ${missed.join(', ')}`);
      // cfn-lint 1.51's schemas carry no port maximum for security group rules and no weight maximum for target
      // groups in a forward: lbkit's own checks hold those (the spec schema's ports, the columns' weights 0-999).
      expect(missed).toEqual(CFN_LINT_BLIND_SPOTS);
    },
    // cfn-lint takes minutes on a loaded 2-core machine.
    300_000,
  );
});
