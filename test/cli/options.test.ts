/** The command line's options: --version, --json, target lists, --explain, exit codes, unbound pools in --bind syntax. */
import { readFileSync } from 'node:fs';
import type { Output } from '../../cli/commands';
import { buildProgram, EXIT } from '../../cli/main';
import { PLUGINS } from '../../cli/plugins';

async function lbkit(...args: string[]): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const io: Output = { out: (t) => out.push(t), err: (t) => err.push(t) };
  process.exitCode = 0;
  const program = buildProgram(io, PLUGINS).configureOutput({ writeOut: (t) => out.push(t), writeErr: (t) => err.push(t) });
  let code: number;
  try {
    await program.parseAsync(['node', 'lbkit', ...args]);
    code = Number(process.exitCode ?? 0);
  } catch (e) {
    const kind = (e as { code?: string }).code;
    code = kind === 'commander.version' || kind === 'commander.helpDisplayed' ? EXIT.ok : EXIT.usage;
  } finally {
    process.exitCode = 0;
  }
  return { code, out: out.join('\n'), err: err.join('\n') };
}

const WEB = 'examples/specs/web.yaml';

test('--version prints the package version', async () => {
  const r = await lbkit('--version');
  expect(r.code).toBe(0);
  expect(r.out.trim()).toBe((JSON.parse(readFileSync('package.json', 'utf8')) as { version: string }).version);
});

test('plan without --target prints the matrix of every target', async () => {
  const r = await lbkit('plan', WEB);
  expect(r.code).toBe(0);
  expect(r.out).toContain('web: capability matrix');
  expect(r.out.split('\n').find((l) => l.startsWith('feature'))).toMatch(/aws-alb\s+aws-nlb\s+azure-lb\s+azure-appgw/);
});

test('--target a,b and a repeated --target plan each target once, in order', async () => {
  const listed = await lbkit('plan', WEB, '--target', 'aws-alb,local');
  const repeated = await lbkit('plan', WEB, '--target', 'aws-alb', '--target', 'local', '--target', 'aws-alb');
  for (const r of [listed, repeated]) {
    expect(r.code).toBe(0);
    expect(r.out.match(/^(aws-alb|local): /gm)).toEqual(['aws-alb: ', 'local: ']);
  }
});

test('unknown targets are a usage error (2) naming each', async () => {
  const r = await lbkit('plan', WEB, '--target', 'aws-alb,aws,gcp');
  expect(r.code).toBe(2);
  expect(r.err).toContain("unknown targets 'aws', 'gcp'; use one of: all, aws-alb");
});

test('an unknown option is a usage error (2)', async () => {
  expect((await lbkit('plan', WEB, '--frobnicate')).code).toBe(2);
});

test('--explain shows each used cell with its grading and source, and the ranges', async () => {
  const r = await lbkit('plan', WEB, '--target', 'aws-alb', '--explain');
  expect(r.out).toContain('Why each cell is graded so on aws-alb:');
  expect(r.out).toMatch(/^ {2}action\.weighted-forward: native/m);
  expect(r.out).toMatch(/^ {4}source: /m);
  expect(r.out).toContain('Ranges aws-alb accepts:');
  expect(r.out).toMatch(/^ {2}healthCheck\.intervalSeconds: 5-300/m);
});

test('validate --json: every file with its problems (code, path, line, fix) and warnings; exit 1 when any is invalid', async () => {
  const r = await lbkit('validate', '--json', WEB, 'test/cli/no-such-file.yaml');
  expect(r.code).toBe(1);
  const report = JSON.parse(r.out) as { files: Array<{ file: string; valid: boolean; problems: Array<{ code: string; message: string }> }> };
  expect(report.files.map((f) => [f.file, f.valid])).toEqual([
    [WEB, true],
    ['test/cli/no-such-file.yaml', false],
  ]);
  expect(report.files[1].problems[0].code).toBe('LBKIT_SPEC_LOAD');
});

test('plan --json: targets with resources, features and diagnostics', async () => {
  const r = await lbkit('plan', WEB, '--target', 'azure-appgw', '--json');
  expect(r.code).toBe(1);
  const report = JSON.parse(r.out) as { spec: string; targets: Array<{ target: string; compiles: boolean; diagnostics: Array<{ feature: string }> }> };
  expect(report.spec).toBe('web');
  expect(report.targets.map((t) => [t.target, t.compiles])).toEqual([['azure-appgw', false]]);
  expect(report.targets[0].diagnostics.map((d) => d.feature)).toContain('action.weighted-forward');
});

test('emulate names every unbound pool in --bind syntax, and exits 1', async () => {
  const r = await lbkit('emulate', WEB, '--bind', 'web=127.0.0.1:1', '--duration', '0');
  expect(r.code).toBe(1);
  expect(r.err).toContain('3 pools without members');
  expect(r.err).toContain("bindings.api: pool 'api' (used by 'https') has no members");
  for (const pool of ['web-canary', 'api', 'static']) expect(r.err).toContain(`--bind ${pool}=127.0.0.1:<port>`);
});
