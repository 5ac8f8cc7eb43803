/**
 * `lbkit emulate --demo` (`npm start`): the example web spec on loopback with demo members, a short tour
 * (traffic spread, stickiness, a member failing with no failed request, its recovery, the HTTP->HTTPS
 * redirect), then serving until Ctrl-C. With a duration, or when stdin is not a terminal, it stops by
 * itself. The spec's durations run 10x faster by default (timeScale 0.1) so failure and recovery take
 * seconds, not half a minute.
 */
import { existsSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import type { AccessLogSink } from './access-log';
import { describeEvent, printListeners, untilStopped, type Output } from './console';
import type { LocalEvent } from './events';
import { LocalLoadBalancer } from './load-balancer';
import { startBackend, type TestBackend } from './testing/backend';
import { request } from './testing/client';

export interface DemoOptions {
  readonly io: Output;
  readonly timeScale: number;
  /** Stop after this many seconds (from start); undefined: after the tour unless interactive. */
  readonly durationSeconds?: number;
  /** Keep serving after the tour until Ctrl-C. */
  readonly interactive: boolean;
  readonly admin?: string;
  readonly accessLog?: AccessLogSink;
}

/** examples/specs/web.yaml, found from this module upwards (source and dist layouts). */
export function findExampleSpec(from = __dirname): string | undefined {
  for (let dir = from; ; dir = dirname(dir)) {
    const candidate = join(dir, 'examples', 'specs', 'web.yaml');
    if (existsSync(candidate)) return candidate;
    if (dirname(dir) === dir) return undefined;
  }
}

const MEMBERS: Record<string, readonly string[]> = {
  web: ['web-1', 'web-2', 'web-3'],
  'web-canary': ['canary-1'],
  api: ['api-1', 'api-2'],
  static: ['static-1'],
};

function bars(counts: Map<string, number>, io: Output): void {
  const max = Math.max(1, ...counts.values());
  for (const [name, n] of [...counts].sort(([a], [b]) => a.localeCompare(b))) {
    io.out(`    ${name.padEnd(10)} ${'█'.repeat(Math.round((n / max) * 40)).padEnd(40)} ${n}`);
  }
}

export async function runDemo(options: DemoOptions): Promise<number> {
  const { io } = options;
  const started = Date.now();
  const spec = findExampleSpec();
  if (!spec) {
    io.err('✗ the demo needs examples/specs/web.yaml (run it from a checkout of lbkit)');
    return 1;
  }
  const backends = new Map<string, TestBackend>();
  for (const names of Object.values(MEMBERS)) for (const n of names) backends.set(n, await startBackend(n));
  const addresses = (pool: string) => MEMBERS[pool].map((n) => backends.get(n)!.address);
  const nameOf = new Map([...backends.values()].map((b) => [b.address, b.name]));
  let lb: LocalLoadBalancer | undefined;
  try {
    lb = await LocalLoadBalancer.start(spec, {
      bindings: Object.fromEntries(Object.keys(MEMBERS).map((p) => [p, addresses(p)])),
      timeScale: options.timeScale,
      ...(options.admin !== undefined ? { admin: options.admin } : { admin: 0 }),
      ...(options.accessLog ? { accessLog: options.accessLog } : {}),
    });
    const events: LocalEvent[] = [];
    lb.on('event', (e) => {
      events.push(e);
      io.out(`  event: ${describeEvent(e).replace(/127\.0\.0\.1:\d+/g, (a) => nameOf.get(a) ?? a)}`);
    });
    io.out(`lbkit demo: ${relative(process.cwd(), spec) || spec}, spec durations x${options.timeScale}`);
    printListeners(lb, io);
    const https = lb.url('https');
    const send = (path: string, headers: Record<string, string> = {}) => request(`${https}${path}`, { headers });

    io.out('\n1. Traffic spread: 200 requests to the default action (web 90 / web-canary 10, round robin inside)');
    const spread = new Map<string, number>();
    for (let i = 0; i < 200; i++) {
      const r = await send('/');
      spread.set(String(r.headers['x-backend']), (spread.get(String(r.headers['x-backend'])) ?? 0) + 1);
    }
    bars(spread, io);
    const apiSpread = new Map<string, number>();
    for (let i = 0; i < 20; i++) {
      const r = await send('/v1/orders', { host: 'api.example.com' });
      apiSpread.set(String(r.headers['x-backend']), (apiSpread.get(String(r.headers['x-backend'])) ?? 0) + 1);
    }
    io.out('  rule api (host api.example.com, path /v1): 20 requests');
    bars(apiSpread, io);

    io.out('\n2. Stickiness: pool web has an lb-cookie, so a client keeps its web member');
    let cookie = '';
    while (!cookie.startsWith('lbkit.web=')) cookie = String((await send('/')).headers['set-cookie']?.[0] ?? '').split(';')[0];
    const sticky = new Map<string, number>();
    for (let i = 0; i < 40; i++) {
      const name = String((await send('/', { cookie })).headers['x-backend']);
      sticky.set(name, (sticky.get(name) ?? 0) + 1);
    }
    io.out(`  40 requests with ${cookie} (the 90/10 split itself has no group stickiness in this spec):`);
    bars(sticky, io);

    io.out('\n3. web-2 dies: requests keep succeeding (refused connections are retried on another member)');
    await backends.get('web-2')!.kill();
    let sent = 0;
    let failed = 0;
    const traffic = async (until: () => boolean, limitMs: number) => {
      const end = Date.now() + limitMs;
      while (!until() && Date.now() < end) {
        const r = await send('/').catch(() => undefined);
        sent++;
        if (!r || r.status >= 500) failed++;
        await new Promise((res) => setTimeout(res, 20));
      }
    };
    const intervalMs = 10_000 * options.timeScale;
    const probeBudget = (n: number) => (n + 2) * intervalMs + 1000;
    await traffic(() => events.some((e) => e.type === 'member-unhealthy'), probeBudget(3));
    io.out(`  ${sent} requests while web-2 was down, ${failed} failed`);

    io.out('\n4. web-2 comes back');
    await backends.get('web-2')!.revive();
    await traffic(() => events.some((e) => e.type === 'member-healthy'), probeBudget(3));
    const after = new Map<string, number>();
    for (let i = 0; i < 60; i++) {
      const name = String((await send('/')).headers['x-backend']);
      after.set(name, (after.get(name) ?? 0) + 1);
    }
    bars(after, io);

    io.out('\n5. HTTP to HTTPS');
    const redirect = await request(`${lb.url('http')}/cart?id=7`, { headers: { host: 'shop.example.com' } });
    io.out(`  GET ${lb.url('http')}/cart?id=7 -> ${redirect.status} Location: ${redirect.headers.location}`);

    if (options.durationSeconds !== undefined) {
      const left = Math.max(0, options.durationSeconds - (Date.now() - started) / 1000);
      io.out(`\nserving for ${left.toFixed(1)} more s`);
      await untilStopped(left);
    } else if (options.interactive) {
      io.out(`\nserving: try curl -k ${https}/ -H 'Host: api.example.com' ; Ctrl-C to stop`);
      await untilStopped(undefined);
    }
    return failed === 0 ? 0 : 1;
  } finally {
    await lb?.stop({ graceMs: 1000 });
    await Promise.all([...backends.values()].map((b) => b.close()));
  }
}
