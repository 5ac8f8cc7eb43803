/** The lbkit command line: exit codes, every problem listed, the matrix, the schema, --help everywhere. */
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { lbkit, testRuns } from './support';
import { specJsonSchema } from '../../lib/spec';

const run = promisify(execFile);
const WEB = 'examples/specs/web.yaml';
const dir = mkdtempSync(join(tmpdir(), 'lbkit-cli-'));

const MANY_MISTAKES = `name: broken
frontends:
  - name: https
    protocol: https
    port: 443
    defaultAction: { forward: { pool: missing } }
  - name: dup
    protocol: http
    port: 443
    defaultAction: { fixedResponse: { statusCode: 200 } }
pools:
  - name: web
    protocol: http
    port: 8080
    healthCheck: { intervalSeconds: 5, timeoutSeconds: 9 }
`;

describe('lbkit validate', () => {
  test('every example is valid: exit 0', async () => {
    const r = await lbkit('validate', WEB, 'examples/specs/internal-tcp.yaml', 'examples/specs/udp.yaml');
    expect(r.code).toBe(0);
    expect(r.out).toContain('✓ examples/specs/web.yaml: valid (2 frontends, 4 pools)');
  });

  test('a spec with several mistakes exits 1 and lists every one with its path and line', async () => {
    const file = join(dir, 'broken.yaml');
    writeFileSync(file, MANY_MISTAKES);
    const r = await lbkit('validate', file);
    expect(r.code).toBe(1);
    expect(r.err).toContain(`✗ ${file}: 4 problems`);
    for (const expected of [
      `${file}:3:5 frontends[0].tls: an https frontend needs a certificate`,
      `${file}:6:33 frontends[0].defaultAction.forward.pool: unknown pool 'missing'`,
      `${file}:9:5 frontends[1].port: port 443/tcp is already used by frontend 'https'`,
      `${file}:15:40 pools[0].healthCheck.timeoutSeconds: timeout 9s is not below interval 5s`,
    ])
      expect(r.err).toContain(expected);
    expect(r.err).not.toMatch(/\n\s+at /);
  });

  test('a missing file exits 1 with a message', async () => {
    const r = await lbkit('validate', join(dir, 'none.yaml'));
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/cannot read .*none.yaml: no such file/);
  });
});

describe('lbkit plan', () => {
  test('--target all prints the matrix with a verdict per target', async () => {
    const r = await lbkit('plan', WEB, '--target', 'all');
    expect(r.code).toBe(0);
    const lines = r.out.split('\n');
    expect(lines.find((l) => l.startsWith('feature'))?.split(/\s+/)).toEqual([
      'feature',
      'aws-alb',
      'aws-nlb',
      'azure-lb',
      'azure-appgw',
      'gcp-alb-global',
      'gcp-alb-regional',
      'gcp-nlb-passthrough',
      'gcp-nlb-proxy',
      'local',
      'k8s-gateway',
      'k8s-envoy-gateway',
      'k8s-gke-gateway',
      'k8s-service',
    ]);
    expect(lines.find((l) => l.startsWith('action.weighted-forward '))).toMatch(/^action\.weighted-forward\s+✓\s+✗\s+✓\s+✓\s+✓\s+✓\s+✓\s+✓$/);
    // aws-alb and local compile web.yaml strictly; L4 targets have nothing to compile; the others report errors
    // (web.yaml accepts what Envoy Gateway approximates; the other Gateways approximate pool defaults: docs/kubernetes.md).
    expect(lines.find((l) => l.startsWith('compiles (strict)'))).toMatch(
      /^compiles \(strict\)\s+yes\s+-\s+-\s+no \(\d+\)\s+(yes|no \(\d+\))\s+(yes|no \(\d+\))\s+-\s+-\s+yes\s+no \(\d+\)\s+yes\s+no \(\d+\)\s+-$/,
    );
  });

  test('one target lists resources, features and diagnostics; errors exit 1', async () => {
    const ok = await lbkit('plan', WEB, '--target', 'aws-alb');
    expect(ok.code).toBe(0);
    expect(ok.out).toContain('✓ compiles to aws-alb');
    const bad = await lbkit('plan', WEB, '--target', 'azure-appgw');
    expect(bad.code).toBe(1);
    expect(bad.out).toMatch(/error frontends\[0\]\.defaultAction: azure-appgw \(Azure Application Gateway v2\) cannot express action\.weighted-forward/);
  });

  testRuns([
    ['an L4-only target on an L7 spec says there is nothing to compile', ['plan', WEB, '--target', 'aws-nlb'], 0, 'out', 'no l4 frontends in this spec'],
    [
      'an unknown target is a usage error naming the targets',
      ['plan', WEB, '--target', 'aws'],
      2,
      'err',
      "unknown target 'aws'; use one of: all, aws-alb, aws-nlb",
    ],
  ]);
});

describe('lbkit schema', () => {
  test('prints the JSON Schema, or writes it', async () => {
    const printed = await lbkit('schema');
    expect(JSON.parse(printed.out)).toEqual(specJsonSchema());
    const file = join(dir, 'schema.json');
    await lbkit('schema', '--out', file);
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual(specJsonSchema());
  });
});

describe('the lbkit binary', () => {
  const bin = (...args: string[]) =>
    run(process.execPath, ['bin/lbkit.js', ...args], { env: { ...process.env, LBKIT_FROM_SOURCE: '1' } }).then(
      (r) => ({ code: 0, ...r }),
      (e) => ({ code: e.code as number, stdout: e.stdout as string, stderr: e.stderr as string }),
    );

  test('every command has --help', async () => {
    for (const command of [[], ['validate'], ['plan'], ['schema']]) {
      const r = await bin(...command, '--help');
      expect({ command, code: r.code }).toEqual({ command, code: 0 });
      expect(r.stdout).toMatch(/^Usage: lbkit/);
    }
  }, 60000);

  test('exit codes from a real process, and no stack trace on bad input', async () => {
    const file = join(dir, 'bad.yaml');
    writeFileSync(file, MANY_MISTAKES);
    const bad = await bin('validate', file);
    expect(bad.code).toBe(1);
    expect(bad.stderr).not.toMatch(/\n\s+at /);
    const good = await bin('validate', 'examples/specs/udp.yaml');
    expect(good.code).toBe(0);
    const usage = await bin('frobnicate');
    // Usage errors exit 2 (issue 14: 0 ok, 1 spec problems, 2 usage); commander's own default was 1.
    expect(usage.code).toBe(2);
    expect(usage.stderr).toContain("unknown command 'frobnicate'");
  }, 60000);
});
