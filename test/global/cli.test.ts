/** `lbkit emulate <global spec>`: the three-region example with its DNS server, demo members and per-client answers. */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Output } from '../../cli/commands';
import { buildProgram } from '../../cli/main';
import { PLUGINS } from '../../cli/plugins';
import { parseRegionBindings } from '../../cli/emulate-global';
import { GlobalClient } from '../../providers/local/global/client';

const LATENCY = join(__dirname, '../../examples/global/global-latency.yaml');

function capture(): Output & { lines: string[]; errors: string[] } {
  const lines: string[] = [];
  const errors: string[] = [];
  return { lines, errors, out: (t) => lines.push(...t.split('\n')), err: (t) => errors.push(...t.split('\n')) };
}

async function waitFor(condition: () => boolean, timeoutMs: number): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 50));
  }
}

test('emulate runs the three-region example: each client resolves to its region, whose demo members answer', async () => {
  const io = capture();
  const previous = process.exitCode;
  const running = buildProgram(io, PLUGINS).parseAsync(['node', 'lbkit', 'emulate', LATENCY, '--time-scale', '0.1', '--duration', '2']);
  try {
    await waitFor(() => io.lines.some((l) => l.startsWith('serving')), 10_000);
    expect(io.lines[0]).toBe(`lbkit emulate: global shop (${LATENCY}), dns delivery, latency steering`);
    const dnsPort = Number(/127\.0\.0\.1:(\d+)/.exec(io.lines.find((l) => l.includes('DNS'))!)![1]);
    const regionPort = Number(/127\.0\.1\.1:(\d+)/.exec(io.lines.find((l) => l.includes('region us-east'))!)![1]);
    for (const [i, region] of ['us-east', 'eu-west', 'ap-south'].entries()) {
      expect(io.lines.some((l) => l.includes(`client ${region}-client`) && l.includes(`-b 127.0.2.${i + 1}`))).toBe(true);
      const client = new GlobalClient({ dns: { host: '127.0.0.1', port: dnsPort }, source: `127.0.2.${i + 1}`, port: regionPort });
      const res = await client.get('www.example.com');
      expect(res.status).toBe(200);
      expect(res.backend).toMatch(new RegExp(`^${region}-web-[12]$`));
    }
    await running;
    expect(process.exitCode ?? 0).toBe(0);
  } finally {
    process.exitCode = previous;
  }
});

test('--bind for a global spec names the region: region.pool=addresses', () => {
  expect(parseRegionBindings(['us-east.web=127.0.0.1:1,127.0.0.1:2', 'eu-west.web=127.0.0.1:3'])).toEqual({
    'us-east': { web: ['127.0.0.1:1', '127.0.0.1:2'] },
    'eu-west': { web: ['127.0.0.1:3'] },
  });
  expect(() => parseRegionBindings(['web=127.0.0.1:1'])).toThrow(/region\.pool=host:port/);
});

test('lbkit plan <global spec>: the resources of one target, and the matrix of every global target', async () => {
  const run = async (args: string[]) => {
    const io = capture();
    const previous = process.exitCode;
    try {
      await buildProgram(io, PLUGINS).parseAsync(['node', 'lbkit', 'plan', ...args]);
      return { io, code: process.exitCode ?? 0 };
    } finally {
      process.exitCode = previous;
    }
  };
  const one = await run([join(__dirname, '../../examples/global/dns-one.yaml'), '--target', 'aws-route53']);
  expect(one.io.lines).toContain('✓ compiles to aws-route53');
  expect(one.io.lines.some((l) => l.startsWith('AWS::Route53::RecordSet') && l.includes('shop.example.com. A alias to main simple'))).toBe(true);
  const all = await run([LATENCY, '--target', 'all']);
  expect(all.io.lines.find((l) => l.startsWith('global.steering.latency'))).toMatch(/^global\.steering\.latency\s+✓\s+✓\s+✓\s+✓\s+~\s+✓$/);
  const unknown = await run([LATENCY, '--target', 'aws-alb']);
  expect(unknown.code).toBe(2);
});

test('lbkit validate: a global spec with its regions; every problem of a broken one with line and fix', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'lbkit-global-'));
  const broken = join(dir, 'broken.yaml');
  writeFileSync(
    broken,
    [
      'kind: global',
      'name: shop',
      'hostNames: [www.example.org]',
      'zone: example.com',
      'steering: { policy: geo, default: mars }',
      'regions:',
      '  - name: a',
      '    loadBalancer: { specFile: missing.yaml }',
      '    location: { continent: EU }',
      '  - name: b',
      '    loadBalancer: { specFile: missing.yaml }',
      '    location: { continent: NA }',
    ].join('\n'),
  );
  const io = capture();
  const previous = process.exitCode;
  try {
    await buildProgram(io, PLUGINS).parseAsync(['node', 'lbkit', 'validate', LATENCY, broken]);
    expect(io.lines).toContain(`✓ ${LATENCY}: valid global spec (3 regions, latency steering, dns delivery)`);
    expect(io.errors[0]).toBe(`✗ ${broken}: 4 problems`);
    expect(io.errors.filter((l) => l.includes('loadBalancer.specFile: missing.yaml: cannot read'))).toHaveLength(2);
    expect(io.errors.join('\n')).toMatch(/broken\.yaml:3:13 hostNames\[0\]: 'www\.example\.org' is not inside the zone 'example\.com'/);
    expect(io.errors.join('\n')).toMatch(/steering\.default: no region is named 'mars'\n\s+fix: use one of: a, b/);
    expect(process.exitCode).toBe(1);
  } finally {
    process.exitCode = previous;
  }
});
