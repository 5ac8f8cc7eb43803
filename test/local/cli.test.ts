/** `lbkit emulate`: a spec with bindings, errors, and the --demo smoke run (stops by itself: --duration 0). */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Output } from '../../cli/commands';
import { buildProgram } from '../../cli/main';
import { PLUGINS } from '../../cli/plugins';
import { request, startBackends, type TestBackend } from '../../providers/local';
import { parseBindings } from '../../cli/emulate';
import { waitFor } from './support';

const WEB = join(__dirname, '../../examples/specs/web.yaml');

function capture(): Output & { lines: string[]; errors: string[] } {
  const lines: string[] = [];
  const errors: string[] = [];
  return { lines, errors, out: (t) => lines.push(...t.split('\n')), err: (t) => errors.push(...t.split('\n')) };
}

async function run(args: string[], io = capture()): Promise<{ code: number | undefined; io: ReturnType<typeof capture> }> {
  const previous = process.exitCode;
  try {
    await buildProgram(io, PLUGINS).parseAsync(['node', 'lbkit', 'emulate', ...args]);
    return { code: process.exitCode as number | undefined, io };
  } finally {
    process.exitCode = previous;
  }
}

let backends: TestBackend[];
beforeAll(async () => {
  backends = await startBackends(['web-1', 'web-2', 'canary', 'api', 'static']);
});
afterAll(() => Promise.all(backends.map((b) => b.close())));

test('emulate <spec> --bind ... prints where every frontend and the admin server listen, and serves', async () => {
  const io = capture();
  const [w1, w2, canary, api, stat] = backends;
  const running = run(
    [
      WEB,
      '--bind',
      `web=${w1.address},${w2.address}*3`,
      '--bind',
      `web-canary=${canary.address}`,
      '--bind',
      `api=${api.address}`,
      '--bind',
      `static=${stat.address}`,
      '--listen',
      'http=0',
      '--admin',
      '0',
      '--duration',
      '1.5',
    ],
    io,
  );
  await waitFor(() => io.lines.some((l) => l.startsWith('serving')), 5000, 'the listeners to be printed');
  const https = io.lines.find((l) => l.trimStart().startsWith('https '))!;
  expect(https).toMatch(/^ {2}https +https:\/\/127\.0\.0\.1:\d+ +spec port 443 +3 rules$/);
  expect(io.lines.find((l) => l.trimStart().startsWith('http '))).toMatch(/http:\/\/127\.0\.0\.1:\d+ +spec port 80 +redirects to https$/);
  expect(io.lines.find((l) => l.trimStart().startsWith('admin'))).toMatch(/http:\/\/127\.0\.0\.1:\d+\/metrics +http:\/\/127\.0\.0\.1:\d+\/status$/);
  const url = /https:\/\/127\.0\.0\.1:\d+/.exec(https)![0];
  const res = await request(`${url}/v1/x`, { headers: { host: 'api.example.com' } });
  expect(res.headers['x-backend']).toBe('api');
  const { code } = await running;
  expect(code).toBe(0);
  expect(io.errors).toEqual([]);
  expect(io.lines).toContain('warning accessLogs: the spec turns access logs on, but no accessLog sink was given, so none are written');
});

test.each([
  [['--bind', 'nope=127.0.0.1:1'], /bindings\.nope: the spec has no pool 'nope'/],
  [['--bind', 'web=not-an-address'], /bindings\.web\[0\]: 'not-an-address' is not an address/],
  [['--bind', 'web'], /--bind: 'web' must look like name=value/],
  [
    ['--bind', 'web=1', '--bind', 'web-canary=2', '--bind', 'api=3', '--bind', 'static=4', '--listen', 'httpz=8080'],
    /listen\.httpz: the spec has no frontend 'httpz' \(did you mean 'https'\?\)/,
  ],
  [['--bind', 'web=1', '--listen', 'https=99999'], /--listen https: '99999' is not a port or host:port/],
])('emulate %j fails with a message naming the option', async (args, message) => {
  const { code, io } = await run([WEB, ...args]);
  expect(code).toBe(1);
  expect(io.errors.join('\n')).toMatch(message);
});

test('emulate without a spec or --demo says what to give', async () => {
  const { code, io } = await run([]);
  expect(code).toBe(2);
  expect(io.errors[0]).toContain('give a spec file');
});

test('emulate on a missing or invalid spec says so', async () => {
  const missing = await run([join(__dirname, 'no-such-spec.yaml')]);
  expect(missing.code).toBe(1);
  expect(missing.io.errors[0]).toMatch(/cannot read .*no such file/);
  const file = join(mkdtempSync(join(tmpdir(), 'lbkit-')), 'bad.yaml');
  writeFileSync(file, 'name: bad\nfrontends:\n  - name: web\n    protocol: http\n    port: 80\n    defaultAction: { forward: { pool: nope } }\n');
  const invalid = await run([file]);
  expect(invalid.code).toBe(1);
  expect(invalid.io.errors.join('\n')).toMatch(/frontends\[0\]\.defaultAction\.forward\.pool: .*nope/);
});

test('--bind parses members and weights', () => {
  expect(parseBindings(['web=127.0.0.1:1,127.0.0.1:2*3', 'api=9000', 'web=127.0.0.1:4'])).toEqual({
    web: ['127.0.0.1:1', { address: '127.0.0.1:2', weight: 3 }, '127.0.0.1:4'],
    api: ['9000'],
  });
});

test('emulate --demo runs its tour and stops by itself', async () => {
  const { code, io } = await run(['--demo', '--time-scale', '0.02', '--duration', '0']);
  const text = io.lines.join('\n');
  expect(io.errors).toEqual([]);
  expect(code).toBe(0);
  expect(text).toMatch(/1\. Traffic spread/);
  expect(text).toMatch(/web-1 +█+ +60/);
  expect(text).toMatch(/canary-1 +█+ +20/);
  expect(text).toMatch(/event: ✗ web\/web-2 unhealthy after 3 failed probes/);
  expect(text).toMatch(/\d+ requests while web-2 was down, 0 failed/);
  expect(text).toMatch(/event: ✓ web\/web-2 healthy again after 3 successful probes/);
  expect(text).toMatch(/-> 301 Location: https:\/\/shop\.example\.com:\d+\/cart\?id=7/);
}, 20000);
