/**
 * Focused performance runs for the local proxy's hot path (issue 8), not part of `npm run bench`:
 *
 *   npx tsx bench/perf.ts [--builds before=/tmp/b,after=dist] [--rounds 2] [--seconds 5]
 *                         [--scenarios l7,paced,l4,prof] [--prof-dir DIR]
 *
 * Each build is a compiled tree holding providers/local (dist/ by default; a baseline compiled elsewhere
 * compares before and after in ONE run, so both see the same machine load). Every round measures nginx,
 * node http-proxy and HAProxy next to each build, and ratios are taken within the round: on a shared
 * 2-core machine absolute numbers drift between runs, ratios from the same round much less. Each load also
 * reports the proxy's CPU time per request (process and children, from /proc): less sensitive to what
 * else runs on the machine than requests per second.
 *   l7     1 KiB (64 connections) and 1 MiB (16 connections) bodies, wrk at full speed
 *   paced  1 KiB at half of nginx's 1 KiB rate of the round, 32 connections: p99
 *   l4     tcp bulk (1 MiB bodies, 8 connections) and new connections per second, vs HAProxy tcp mode
 *   prof   each build under the 1 KiB load with --cpu-prof; prints the top self-time functions
 *   prof-l4  each build's tcp frontend under the l4 new-connections load (close after each request), profiled
 */
import { mkdirSync, readdirSync, readFileSync, renameSync } from 'node:fs';
import { isAbsolute, join, resolve } from 'node:path';
import { L7_CONNECTIONS } from './scenarios/l7';
import { summarizeProfile } from './scenarios/lbkit-only';
import { haproxyTcp, httpProxy, nginxHttp } from './scenarios/proxies';
import type { ProxyFactory } from './scenarios/types';
import { benchSpec, startLbkit } from './servers/lbkit';
import { nginxBackend } from './servers/nginx';
import { withCpu } from './tools/processes';
import { wrk } from './tools/wrk';

const args = process.argv.slice(2);
const option = (name: string, fallback: string) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : fallback;
};
const repo = resolve(__dirname, '..');
const builds = option('builds', 'dist=dist')
  .split(',')
  .map((pair) => {
    const [name, dir] = pair.split('=');
    return { name, dir: isAbsolute(dir) ? dir : join(repo, dir) };
  });
const rounds = Number(option('rounds', '2'));
const seconds = Number(option('seconds', '5'));
const scenarios = new Set(option('scenarios', 'l7,paced,l4').split(','));
const profDir = option('prof-dir', '/tmp/lbkit-perf/profiles');
const log = (line: string) => process.stdout.write(`${line}\n`);

/** lbkit from one compiled tree (bench/servers/lbkit-child.js reads LBKIT_BENCH_DIST). */
function lbkit(dir: string, protocol: 'http' | 'tcp', execArgv: string[] = []): ProxyFactory {
  return async (ports) => {
    process.env.LBKIT_BENCH_DIST = dir;
    const lb = await startLbkit(benchSpec({ protocol }), 'web', { members: ports.map((p) => `127.0.0.1:${p}`) }, execArgv);
    return { name: 'lbkit', port: lb.port, pid: lb.pid, stop: () => lb.stop() };
  };
}

type Row = Record<string, number>;
const results: Row[] = [];

async function measure(factory: ProxyFactory, backendPort: number, run: (port: number, pid: number) => Promise<void>): Promise<void> {
  const proxy = await factory([backendPort]);
  try {
    await run(proxy.port, proxy.pid);
  } finally {
    await proxy.stop();
  }
}

async function round(r: number): Promise<void> {
  const row: Row = {};
  const backend = await nginxBackend();
  try {
    const l7Targets: Array<[string, ProxyFactory]> = [
      ['nginx', nginxHttp],
      ['http-proxy', httpProxy],
      ...builds.map((b) => [b.name, lbkit(b.dir, 'http')] as [string, ProxyFactory]),
    ];
    if (scenarios.has('l7') || scenarios.has('paced')) {
      for (const [name, factory] of l7Targets) {
        if (!scenarios.has('l7') && name !== 'nginx') continue;
        await measure(factory, backend.port, async (port, pid) => {
          for (const body of ['1k', '1m'] as const) {
            const url = `http://127.0.0.1:${port}/${body}`;
            await wrk({ url, connections: L7_CONNECTIONS[body], seconds: 1 });
            const res = await withCpu(pid, () => wrk({ url, connections: L7_CONNECTIONS[body], seconds }));
            row[`l7 ${body} ${name}`] = res.requestsPerSecond;
            row[`l7 ${body} p99 ${name}`] = res.p99Ms;
            row[`l7 ${body} cpu-us ${name}`] = res.cpuUsPerRequest;
            log(
              `[${r}] l7 ${body} ${name}: ${Math.round(res.requestsPerSecond)} req/s p50 ${res.p50Ms} p99 ${res.p99Ms} ms errors ${res.errors}, ${res.cpuUsPerRequest.toFixed(0)} us CPU/request`,
            );
          }
        });
      }
    }
    if (scenarios.has('paced')) {
      const rate = Math.max(100, Math.round(row['l7 1k nginx'] / 2 / 100) * 100);
      for (const [name, factory] of l7Targets.filter(([n]) => n !== 'http-proxy')) {
        await measure(factory, backend.port, async (port) => {
          const url = `http://127.0.0.1:${port}/1k`;
          await wrk({ url, connections: 32, seconds: 1, rate });
          const res = await wrk({ url, connections: 32, seconds, rate });
          row[`paced p99 ${name}`] = res.p99Ms;
          log(`[${r}] paced ${name} @${rate}/s: achieved ${Math.round(res.requestsPerSecond)}/s p50 ${res.p50Ms} p99 ${res.p99Ms} ms`);
        });
      }
    }
    if (scenarios.has('l4')) {
      const l4Targets: Array<[string, ProxyFactory]> = [['haproxy', haproxyTcp], ...builds.map((b) => [b.name, lbkit(b.dir, 'tcp')] as [string, ProxyFactory])];
      for (const [name, factory] of l4Targets) {
        await measure(factory, backend.port, async (port, pid) => {
          await wrk({ url: `http://127.0.0.1:${port}/1m`, connections: 8, seconds: 1 });
          const bulk = await withCpu(pid, () => wrk({ url: `http://127.0.0.1:${port}/1m`, connections: 8, seconds }));
          const churn = await withCpu(pid, () => wrk({ url: `http://127.0.0.1:${port}/1k`, connections: 32, seconds, closeConnections: true }));
          row[`l4 bulk ${name}`] = bulk.bytesPerSecond / 1024 ** 2;
          row[`l4 conn ${name}`] = churn.requestsPerSecond;
          row[`l4 bulk cpu-us/MiB ${name}`] = bulk.cpuUsPerRequest; // one request = 1 MiB
          row[`l4 conn cpu-us ${name}`] = churn.cpuUsPerRequest;
          log(
            `[${r}] l4 ${name}: bulk ${(bulk.bytesPerSecond / 1024 ** 2).toFixed(0)} MiB/s (${bulk.cpuUsPerRequest.toFixed(0)} us CPU/MiB), ${Math.round(churn.requestsPerSecond)} conn/s (${churn.cpuUsPerRequest.toFixed(0)} us CPU/connection), errors ${bulk.errors + churn.errors}`,
          );
        });
      }
    }
    // prof: the http frontend under the 1 KiB keep-alive load; prof-l4: the tcp frontend under the l4
    // new-connections load (connect, one request, close).
    for (const kind of ['prof', 'prof-l4'] as const) {
      if (!scenarios.has(kind)) continue;
      for (const b of builds) {
        const tag = `${b.name}${kind === 'prof-l4' ? '-l4' : ''}-${r}`;
        const dir = join(profDir, `${tag}-tmp`);
        mkdirSync(dir, { recursive: true });
        await measure(lbkit(b.dir, kind === 'prof' ? 'http' : 'tcp', ['--cpu-prof', '--cpu-prof-dir', dir]), backend.port, async (port) => {
          const res = await wrk({ url: `http://127.0.0.1:${port}/1k`, connections: kind === 'prof' ? 64 : 32, seconds, closeConnections: kind === 'prof-l4' });
          log(`[${r}] ${kind} ${b.name}: ${Math.round(res.requestsPerSecond)} req/s (profiled)`);
        });
        const file = readdirSync(dir).find((f) => f.endsWith('.cpuprofile'));
        if (!file) continue;
        const kept = join(profDir, `${tag}.cpuprofile`);
        renameSync(join(dir, file), kept);
        log(`[${r}] profile ${tag} (${kept}), top self time:`);
        for (const line of summarizeProfile(JSON.parse(readFileSync(kept, 'utf8')), 25)) log(`    ${line}`);
      }
    }
  } finally {
    await backend.managed.stop();
  }
  results.push(row);
}

const median = (xs: number[]) => {
  const s = xs.filter((x) => Number.isFinite(x)).sort((a, b) => a - b);
  return s.length ? (s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2) : NaN;
};

/** A ratio per round, then the median of the rounds. */
function ratio(a: string, b: string): string {
  const per = results.map((row) => row[a] / row[b]).filter((x) => Number.isFinite(x));
  return per.length ? `${median(per).toFixed(2)} (${per.map((x) => x.toFixed(2)).join(', ')})` : 'n/a';
}

function summary(): void {
  log('\n== summary (median over rounds; per-round values in brackets)');
  const keys = [...new Set(results.flatMap((r) => Object.keys(r)))];
  for (const k of keys) log(`${k.padEnd(28)} ${median(results.map((r) => r[k])).toFixed(k.includes('p99') ? 2 : 0)}`);
  for (const b of builds) {
    log(`-- ${b.name}`);
    log(`  L7 1k  vs nginx ${ratio(`l7 1k ${b.name}`, 'l7 1k nginx')}   vs http-proxy ${ratio(`l7 1k ${b.name}`, 'l7 1k http-proxy')}`);
    log(`  L7 1m  vs nginx ${ratio(`l7 1m ${b.name}`, 'l7 1m nginx')}   vs http-proxy ${ratio(`l7 1m ${b.name}`, 'l7 1m http-proxy')}`);
    const p99 = results.map((r) => r[`paced p99 ${b.name}`] - r['paced p99 nginx']).filter((x) => Number.isFinite(x));
    if (p99.length) log(`  paced p99 minus nginx's: ${median(p99).toFixed(2)} ms (${p99.map((x) => x.toFixed(2)).join(', ')})`);
    log(`  L4 bulk vs haproxy ${ratio(`l4 bulk ${b.name}`, 'l4 bulk haproxy')}   new conn/s vs haproxy ${ratio(`l4 conn ${b.name}`, 'l4 conn haproxy')}`);
    log(
      `  CPU per request, 1k: ${ratio(`l7 1k cpu-us ${b.name}`, 'l7 1k cpu-us nginx')} x nginx's, ${ratio(`l7 1k cpu-us ${b.name}`, 'l7 1k cpu-us http-proxy')} x http-proxy's; L4 CPU/MiB ${ratio(`l4 bulk cpu-us/MiB ${b.name}`, 'l4 bulk cpu-us/MiB haproxy')} x haproxy's`,
    );
  }
}

(async () => {
  for (let r = 1; r <= rounds; r++) await round(r);
  summary();
})().catch((e) => {
  process.stderr.write(`perf failed: ${(e as Error).stack ?? e}\n`);
  process.exit(1);
});
