/**
 * `npm run bench`: lbkit's local proxy next to nginx, HAProxy and node-http-proxy on loopback, in one run,
 * every load bounded by a duration. Writes bench/REPORT.md.
 *   --quick          short loads and soak (a smoke run; the report says so)
 *   --only a,b,...   only these sections (l7, h2, l4, startup, faults, flapping, synth, profile, soak); writes
 *                    bench/REPORT.partial.md, never REPORT.md (a targeted measurement, not the report to quote)
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { haproxyFaultProxy, nginxFaultProxy } from './scenarios/fault-observers';
import { faults } from './scenarios/faults';
import { flapping } from './scenarios/flapping';
import { h2 } from './scenarios/h2';
import { l4 } from './scenarios/l4';
import { l7, pacedP99 } from './scenarios/l7';
import { ipHash, profile, soak, startup } from './scenarios/lbkit-only';
import { haproxyH2c, haproxyHttp, haproxyTcp, httpProxy, lbkitFaultProxy, lbkitH2c, lbkitHttp, lbkitTcp, nginxH2c, nginxHttp } from './scenarios/proxies';
import { synth } from './scenarios/synth';
import { renderReport, type BenchResults } from './report';

const SECTIONS = ['l7', 'h2', 'l4', 'startup', 'faults', 'flapping', 'synth', 'profile', 'soak'] as const;
type Section = (typeof SECTIONS)[number];

/** The sections `--only` names (every section without it). */
function selectedSections(argv: readonly string[]): ReadonlySet<Section> {
  const i = argv.indexOf('--only');
  if (i < 0) return new Set(SECTIONS);
  const names = (argv[i + 1] ?? '').split(',').filter(Boolean);
  const unknown = names.filter((n) => !(SECTIONS as readonly string[]).includes(n));
  if (!names.length || unknown.length) throw new Error(`--only takes a comma-separated list of ${SECTIONS.join(', ')} (got '${argv[i + 1] ?? ''}')`);
  return new Set(names as Section[]);
}

/** Without an L7 run in this invocation, the paced loads (soak) use this rate. */
const DEFAULT_RATE = 20000;

async function main(): Promise<void> {
  const quick = process.argv.includes('--quick');
  const only = selectedSections(process.argv);
  const partial = only.size < SECTIONS.length;
  const seconds = quick ? 2 : 5;
  const log = (line: string) => process.stdout.write(`${line}\n`);
  // L7 1 KiB and paced loads run in rounds (ratios taken per round, median reported): shorter each.
  const l7Options = { seconds: quick ? 2 : 3, rounds: quick ? 1 : 3, log };
  const t0 = Date.now();
  const notes: string[] = [];
  if (quick) notes.push('QUICK RUN (--quick): short loads and a short soak; not the numbers to quote.');
  if (partial) notes.push(`PARTIAL RUN (--only ${[...only].join(',')}): the other sections were not measured.`);
  // Filled section by section; a section left out keeps its empty default (the report says "not measured").
  const results: { -readonly [K in keyof BenchResults]: BenchResults[K] } = {
    startedAt: new Date(t0).toISOString(),
    durationSeconds: 0,
    l7: [],
    paced: [],
    l4: [],
    faults: [],
    notes,
  };
  let rate = DEFAULT_RATE;

  if (only.has('l7')) {
    log('== L7');
    results.l7 = await l7({ direct: 'direct', lbkit: lbkitHttp, nginx: nginxHttp, haproxy: haproxyHttp, 'http-proxy': httpProxy }, l7Options);
    const nginxMax = results.l7.find((r) => r.proxy === 'nginx' && r.body === '1k')!.result.requestsPerSecond;
    rate = Math.max(100, Math.round(nginxMax / 2 / 100) * 100);
    results.paced = await pacedP99({ lbkit: lbkitHttp, nginx: nginxHttp }, rate, l7Options);
  }

  if (only.has('h2')) {
    log('== HTTP/2');
    results.h2 = await h2(
      { lbkit: lbkitH2c, nginx: nginxH2c, haproxy: haproxyH2c },
      { warmUpRequests: 2000, seconds: l7Options.seconds, rounds: l7Options.rounds, log },
    );
  }

  if (only.has('l4')) {
    log('== L4');
    results.l4 = await l4({ direct: 'direct', lbkit: lbkitTcp, haproxy: haproxyTcp }, { seconds, log });
  }

  if (only.has('startup')) {
    log('== start-up, ip-hash');
    results.startup = await startup(quick ? 6 : 21);
    log(`start-up: ${results.startup.startMs.toFixed(2)} ms, stop ${results.startup.stopMs.toFixed(2)} ms`);
    results.ipHash = await ipHash(5, quick ? 500 : 2000);
    log(`ip-hash: ${results.ipHash.remapped}/${results.ipHash.clients} remapped, ${results.ipHash.movedWithoutCause} without cause`);
  }

  if (only.has('faults')) {
    log('== faults');
    results.faults = await faults(
      { lbkit: lbkitFaultProxy, nginx: nginxFaultProxy, haproxy: haproxyFaultProxy },
      { seconds: quick ? 8 : 12, killAfterSeconds: 3, log },
    );
  }

  if (only.has('flapping')) {
    log('== flapping member');
    results.flapping = await flapping({ lbkit: lbkitFaultProxy, nginx: nginxFaultProxy, haproxy: haproxyFaultProxy }, { seconds: quick ? 8 : 15, log });
  }

  if (only.has('synth')) {
    log('== synthesis');
    const synthResult = await synth(quick ? 1 : 3, log).catch((e: Error) => {
      notes.push(`synthesis benchmark failed: ${e.message}`);
      return undefined;
    });
    if (synthResult) results.synth = synthResult;
  }

  if (only.has('profile')) {
    log('== profile');
    const hot = await profile(seconds);
    for (const line of hot) log(`  ${line}`);
    results.profile = { after: hot };
  }

  if (only.has('soak')) {
    log('== soak');
    results.soak = await soak(quick ? 20 : 300, quick ? 5 : 15, Math.max(100, Math.round(rate / 2)));
    log(`soak: ${results.soak.samples.map((s) => s.rssMiB.toFixed(0)).join(' ')} MiB`);
  }

  results.durationSeconds = (Date.now() - t0) / 1000;
  // Neither a quick nor a partial run overwrites the report of a full one.
  const file = join(__dirname, partial ? 'REPORT.partial.md' : quick ? 'REPORT.quick.md' : 'REPORT.md');
  writeFileSync(file, renderReport(results));
  log(`wrote ${file} (${results.durationSeconds.toFixed(0)} s)`);
}

main().catch((e) => {
  process.stderr.write(`bench failed: ${(e as Error).stack ?? e}\n`);
  process.exit(1);
});
