/** Writes bench/REPORT.md from one run's results: ratios against the targets, and the machine. */
import { execFileSync } from 'node:child_process';
import { cpus, totalmem } from 'node:os';
import type { FaultRow } from './scenarios/faults';
import type { FlapRow } from './scenarios/flapping';
import { H2_CLIENTS, H2_STREAMS, type H2Row } from './scenarios/h2';
import type { L4Row } from './scenarios/l4';
import { medianBy, medianRatio, type L7Row, type PacedRow } from './scenarios/l7';

export interface BenchResults {
  readonly startedAt: string;
  readonly durationSeconds: number;
  readonly l7: readonly L7Row[];
  readonly paced: readonly PacedRow[];
  readonly l4: readonly L4Row[];
  /** HTTP/2 (h2c) to clients, HTTP/1.1 to the member (issue 20). */
  readonly h2?: readonly H2Row[];
  readonly startup?: { readonly startMs: number; readonly stopMs: number; readonly runs: number };
  readonly ipHash?: { readonly members: number; readonly clients: number; readonly remapped: number; readonly movedWithoutCause: number };
  readonly faults: readonly FaultRow[];
  /** A member killed and restarted every second under load (issue 15). */
  readonly flapping?: readonly FlapRow[];
  readonly soak?: {
    readonly seconds: number;
    readonly samples: ReadonlyArray<{ t: number; rssMiB: number }>;
    readonly requests: number;
    readonly errors: number;
  };
  readonly synth?: {
    readonly lbkitSeconds: number;
    readonly handWrittenSeconds: number;
    readonly rules: number;
    readonly pools: number;
    readonly sameResources: boolean;
    readonly resources: Record<string, number>;
  };
  readonly profile?: { readonly before?: readonly string[]; readonly after: readonly string[] };
  readonly notes: readonly string[];
}

const f = (n: number | undefined, digits = 2) => (n === undefined || Number.isNaN(n) ? 'n/a' : n.toFixed(digits));
const ratio = (a: number | undefined, b: number | undefined) => (a === undefined || b === undefined || !b ? undefined : a / b);
const met = (ok: boolean | undefined) => (ok === undefined ? 'not measured' : ok ? 'met' : 'NOT met');

function version(cmd: string, args: string[]): string {
  try {
    return execFileSync(cmd, args, { stdio: ['ignore', 'pipe', 'pipe'] })
      .toString()
      .trim()
      .split('\n')[0];
  } catch (e) {
    return ((e as { stderr?: Buffer }).stderr?.toString() ?? 'unknown').trim().split('\n')[0];
  }
}

export function renderReport(r: BenchResults): string {
  const l7 = (proxy: string, body: '1k' | '1m') => r.l7.find((x) => x.proxy === proxy && x.body === body)?.result;
  const rps = (p: string, b: '1k' | '1m') => l7(p, b)?.requestsPerSecond;
  const l4 = (p: string) => r.l4.find((x) => x.proxy === p);
  // 1 KiB ratios and the paced p99 gap: per round (same pass over the proxies), then the median.
  const rounds1k = (p: string) => (r.l7.find((x) => x.proxy === p && x.body === '1k')?.rounds ?? []).map((w) => w.requestsPerSecond);
  const ratio1k = (a: string, b: string) => medianRatio(rounds1k(a), rounds1k(b));
  const vsNginx = ratio1k('lbkit', 'nginx');
  const vsHttpProxy = ratio1k('lbkit', 'http-proxy');
  const pacedRounds = (p: string) => r.paced.find((x) => x.proxy === p)?.rounds ?? [];
  const gaps = pacedRounds('lbkit')
    .map((w, i) => w.p99Ms - (pacedRounds('nginx')[i]?.p99Ms ?? NaN))
    .filter((g) => Number.isFinite(g));
  const p99Gap = gaps.length ? medianBy(gaps, (g) => g) : undefined;
  const bulkVsHaproxy = ratio(l4('lbkit')?.bulkMiBps, l4('haproxy')?.bulkMiBps);
  const connVsHaproxy = ratio(l4('lbkit')?.connectionsPerSecond, l4('haproxy')?.connectionsPerSecond);
  const synthRatio = r.synth ? r.synth.lbkitSeconds / r.synth.handWrittenSeconds : undefined;
  const lbkitFaults = r.faults.find((x) => x.proxy === 'lbkit');
  const rss = r.soak?.samples ?? [];
  const rssGrowth = rss.length > 1 ? rss[rss.length - 1].rssMiB - rss[Math.min(2, rss.length - 1)].rssMiB : undefined;

  const lines: string[] = [];
  lines.push('# lbkit benchmark report', '');
  lines.push(`Run ${r.startedAt}, ${f(r.durationSeconds, 0)} s, loopback only. Produced by \`npm run bench\`; every number below comes from this one run.`, '');
  lines.push('## Targets', '');
  lines.push('| Target | Measured | Status |', '|---|---|---|');
  lines.push(`| L7 req/s >= 0.6x nginx (1 KiB) | ${f(vsNginx)}x | ${met(vsNginx === undefined ? undefined : vsNginx >= 0.6)} |`);
  lines.push(`| L7 req/s >= 2x node http-proxy (1 KiB) | ${f(vsHttpProxy)}x | ${met(vsHttpProxy === undefined ? undefined : vsHttpProxy >= 2)} |`);
  lines.push(
    `| p99 at half of nginx's max rate within 1 ms of nginx's | ${f(p99Gap)} ms (median of ${gaps.length} rounds; rounds: ${gaps.map((g) => f(g)).join(', ')}) | ${met(p99Gap === undefined ? undefined : p99Gap <= 1)} |`,
  );
  const h2 = (p: string) => r.h2?.find((x) => x.proxy === p);
  const h2Rounds = (p: string) => (h2(p)?.rounds ?? []).map((w) => w.requestsPerSecond);
  const h2VsNginx = medianRatio(h2Rounds('lbkit'), h2Rounds('nginx'));
  lines.push(
    `| HTTP/2 (h2c, 1 KiB): req/s lbkit / nginx; p99 lbkit, nginx | ${f(h2VsNginx)}x (${f(h2('lbkit')?.result.requestsPerSecond, 0)} / ${f(h2('nginx')?.result.requestsPerSecond, 0)} req/s); p99 ${f(h2('lbkit')?.result.p99Ms)} ms, ${f(h2('nginx')?.result.p99Ms)} ms | ${h2VsNginx === undefined ? 'not measured' : 'reported (no target)'} |`,
  );
  lines.push(`| L4 bulk throughput >= 0.8x HAProxy | ${f(bulkVsHaproxy)}x | ${met(bulkVsHaproxy === undefined ? undefined : bulkVsHaproxy >= 0.8)} |`);
  lines.push(`| L4 new connections/s >= 0.8x HAProxy | ${f(connVsHaproxy)}x | ${met(connVsHaproxy === undefined ? undefined : connVsHaproxy >= 0.8)} |`);
  lines.push(`| start-up (spec file to listening) < 50 ms | ${f(r.startup?.startMs)} ms | ${met(r.startup ? r.startup.startMs < 50 : undefined)} |`);
  lines.push(`| 200-rule synthesis <= 1.2x hand-written CDK | ${f(synthRatio)}x | ${met(synthRatio === undefined ? undefined : synthRatio <= 1.2)} |`);
  lines.push(
    `| zero failed GETs when a member is killed | ${lbkitFaults ? lbkitFaults.failed : 'n/a'} failed | ${met(lbkitFaults ? lbkitFaults.failed === 0 : undefined)} |`,
  );
  const flapFailed = (p: string) => r.flapping?.find((x) => x.proxy === p)?.failed;
  const lbkitFlap = flapFailed('lbkit');
  lines.push(
    `| flapping member: failed GETs lbkit / nginx / HAProxy (lbkit: 0) | ${['lbkit', 'nginx', 'haproxy'].map((p) => flapFailed(p) ?? 'n/a').join(' / ')} | ${met(lbkitFlap === undefined ? undefined : lbkitFlap === 0)} |`,
  );
  lines.push(`| flat memory over the soak | ${f(rssGrowth, 1)} MiB growth after warm-up | ${met(rssGrowth === undefined ? undefined : rssGrowth < 20)} |`);
  lines.push('');
  lines.push(
    "L7 1 KiB ratios and the paced p99 gap are medians of per-round values: each round starts every proxy afresh and measures them one after another, so one round's proxies share the machine's load of that moment.",
    '',
  );
  lines.push('## L7 (wrk, 1 thread; 64 connections for 1 KiB, 16 for 1 MiB)', '');
  lines.push('| Proxy | 1 KiB req/s | p50 ms | p99 ms | 1 MiB req/s | p50 ms | p99 ms | errors |', '|---|---|---|---|---|---|---|---|');
  for (const proxy of [...new Set(r.l7.map((x) => x.proxy))]) {
    const a = l7(proxy, '1k');
    const b = l7(proxy, '1m');
    lines.push(
      `| ${proxy} | ${f(a?.requestsPerSecond, 0)} | ${f(a?.p50Ms)} | ${f(a?.p99Ms)} | ${f(b?.requestsPerSecond, 0)} | ${f(b?.p50Ms)} | ${f(b?.p99Ms)} | ${(a?.errors ?? 0) + (b?.errors ?? 0)} |`,
    );
  }
  lines.push('', '1 KiB and its p50/p99: the round with the median requests per second. Every round (req/s):', '');
  lines.push('| Proxy | rounds |', '|---|---|');
  for (const x of r.l7.filter((x) => x.body === '1k')) lines.push(`| ${x.proxy} | ${x.rounds.map((w) => f(w.requestsPerSecond, 0)).join(' · ')} |`);
  lines.push('', '| Ratio | 1 KiB (median of per-round ratios) | 1 MiB |', '|---|---|---|');
  for (const [label, a, b] of [
    ['lbkit/nginx', 'lbkit', 'nginx'],
    ['lbkit/haproxy', 'lbkit', 'haproxy'],
    ['lbkit/http-proxy', 'lbkit', 'http-proxy'],
    ['lbkit/direct', 'lbkit', 'direct'],
    ['nginx/direct', 'nginx', 'direct'],
  ] as const) {
    lines.push(`| ${label} | ${f(ratio1k(a, b))} | ${f(ratio(rps(a, '1m'), rps(b, '1m')))} |`);
  }
  lines.push('', "### Latency at half of nginx's maximum rate (paced, 32 connections, 1 KiB)", '');
  lines.push('| Proxy | target req/s | round | achieved req/s | p50 ms | p99 ms |', '|---|---|---|---|---|---|');
  for (const p of r.paced) {
    p.rounds.forEach((w, i) => lines.push(`| ${p.proxy} | ${p.rate} | ${i + 1} | ${f(w.requestsPerSecond, 0)} | ${f(w.p50Ms)} | ${f(w.p99Ms)} |`));
  }
  if (r.h2?.length) {
    lines.push('', `## HTTP/2 (h2load, h2c by prior knowledge, ${H2_CLIENTS} connections x ${H2_STREAMS} streams, 1 KiB; HTTP/1.1 to the member)`, '');
    lines.push(
      'lbkit: an http frontend with `http2: true`; nginx: `listen ... http2` and `proxy_pass` to a keep-alive upstream; HAProxy: `bind ... proto h2`.',
      '',
    );
    lines.push('| Proxy | req/s | p50 ms | p99 ms | requests | errors | rounds (req/s) |', '|---|---|---|---|---|---|---|');
    for (const x of r.h2)
      lines.push(
        `| ${x.proxy} | ${f(x.result.requestsPerSecond, 0)} | ${f(x.result.p50Ms)} | ${f(x.result.p99Ms)} | ${x.result.requests} | ${x.result.errors} | ${x.rounds.map((w) => f(w.requestsPerSecond, 0)).join(' · ')} |`,
      );
  }
  lines.push('', '## L4 (tcp)', '');
  lines.push(
    '| Proxy | bulk MiB/s (1 MiB bodies, 8 connections) | new connections/s (32 concurrent) | CPU µs per new connection | errors |',
    '|---|---|---|---|---|',
  );
  for (const x of r.l4) lines.push(`| ${x.proxy} | ${f(x.bulkMiBps, 0)} | ${f(x.connectionsPerSecond, 0)} | ${f(x.cpuUsPerConnection, 0)} | ${x.errors} |`);
  lines.push('', '| Ratio | bulk | new connections |', '|---|---|---|');
  for (const [label, a, b] of [
    ['lbkit/haproxy', 'lbkit', 'haproxy'],
    ['lbkit/direct', 'lbkit', 'direct'],
    ['haproxy/direct', 'haproxy', 'direct'],
  ] as const) {
    lines.push(`| ${label} | ${f(ratio(l4(a)?.bulkMiBps, l4(b)?.bulkMiBps))} | ${f(ratio(l4(a)?.connectionsPerSecond, l4(b)?.connectionsPerSecond))} |`);
  }
  if (r.startup)
    lines.push(
      '',
      '## Start-up',
      '',
      `Median of ${r.startup.runs} runs: spec file to listening ${f(r.startup.startMs)} ms; \`stop()\` ${f(r.startup.stopMs)} ms.`,
    );
  if (r.ipHash) {
    lines.push('', '## ip-hash remapping', '');
    lines.push(`${r.ipHash.clients} clients (distinct loopback source addresses) over ${r.ipHash.members} members; one member removed:`);
    lines.push(
      `${f((r.ipHash.remapped / r.ipHash.clients) * 100, 1)} % of clients remapped (ideal 1/N = ${f(100 / r.ipHash.members, 1)} %); ${r.ipHash.movedWithoutCause} clients of the remaining members moved (ideal 0).`,
    );
  }
  lines.push('', '## Faults under load (3 members, one killed with SIGKILL during a wrk run)', '');
  lines.push('| Proxy | checks and retries | requests | failed | sent to the dead member until |', '|---|---|---|---|---|');
  for (const x of r.faults)
    lines.push(
      `| ${x.proxy} | ${x.checks} | ${x.requests} | ${x.failed} | ${x.stopSendingMs === undefined ? 'n/a' : `${x.stopSendingMs} ms after the kill`} |`,
    );
  if (r.flapping?.length) {
    lines.push('', '## Flapping member (3 members, one killed with SIGKILL and restarted every second during a wrk run of GETs)', '');
    lines.push('| Proxy | checks and retries | requests | failed GETs | kills |', '|---|---|---|---|---|');
    for (const x of r.flapping) lines.push(`| ${x.proxy} | ${x.checks} | ${x.requests} | ${x.failed} | ${x.kills} |`);
  }
  if (r.soak) {
    lines.push('', `## Soak (${r.soak.seconds} s of paced load on lbkit)`, '');
    lines.push(
      `${r.soak.requests} requests, ${r.soak.errors} errors. Resident memory (MiB) every ${rss.length > 1 ? Math.round(rss[1].t - rss[0].t) : '?'} s:`,
      '',
    );
    lines.push(rss.map((s) => `${Math.round(s.t)}s: ${s.rssMiB.toFixed(1)}`).join(' · '));
  }
  if (r.synth) {
    lines.push('', '## Synthesis', '');
    lines.push(
      `\`cdk synth\` of a generated spec with ${r.synth.rules} rules and ${r.synth.pools} pools: lbkit construct ${f(r.synth.lbkitSeconds)} s, hand-written CDK L2 code declaring the same resources ${f(r.synth.handWrittenSeconds)} s (median of 3).`,
    );
    lines.push(
      '',
      `Both templates declare ${r.synth.sameResources ? 'the same' : 'DIFFERENT'} resource types and counts: ${Object.entries(r.synth.resources)
        .map(([t, n]) => `${n} ${t.replace('AWS::', '')}`)
        .join(', ')}.`,
    );
  }
  if (r.profile) {
    lines.push('', '## Hot path (node --cpu-prof on lbkit during the 1 KiB run; top self time)', '');
    if (r.profile.before) lines.push('Before:', '', ...r.profile.before.map((l) => `- ${l}`), '');
    lines.push(r.profile.before ? 'After:' : 'Now:', '', ...r.profile.after.map((l) => `- ${l}`));
  }
  if (r.notes.length) lines.push('', '## Notes', '', ...r.notes.map((n) => `- ${n}`));
  lines.push('', '## Machine', '');
  lines.push(`- CPU: ${cpus()[0]?.model ?? 'unknown'} x ${cpus().length}; memory ${(totalmem() / 1024 ** 3).toFixed(0)} GiB`);
  lines.push(`- Node ${process.version}; ${version('/usr/sbin/nginx', ['-v'])}; ${version('/usr/sbin/haproxy', ['-v'])}; ${version('wrk', ['-v'])}`);
  lines.push('- Everything (wrk, the proxy, the nginx backend) shares the same cores; proxies run one worker/thread each, as lbkit runs one event loop.');
  return `${lines.join('\n')}\n`;
}
