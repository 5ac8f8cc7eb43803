/**
 * `npm run bench`: lbkit's local proxy next to nginx, HAProxy and node-http-proxy on loopback, in one run,
 * every load bounded by a duration. Writes bench/REPORT.md.
 *   --quick   short loads and soak (a smoke run; the report says so)
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { haproxyFaultProxy, nginxFaultProxy } from './scenarios/fault-observers';
import { faults } from './scenarios/faults';
import { l4 } from './scenarios/l4';
import { l7, pacedP99 } from './scenarios/l7';
import { ipHash, profile, soak, startup } from './scenarios/lbkit-only';
import { haproxyHttp, haproxyTcp, httpProxy, lbkitFaultProxy, lbkitHttp, lbkitTcp, nginxHttp } from './scenarios/proxies';
import { synth } from './scenarios/synth';
import { renderReport, type BenchResults } from './report';

async function main(): Promise<void> {
  const quick = process.argv.includes('--quick');
  const seconds = quick ? 2 : 5;
  const log = (line: string) => process.stdout.write(`${line}\n`);
  // L7 1 KiB and paced loads run in rounds (ratios taken per round, median reported): shorter each.
  const l7Options = { seconds: quick ? 2 : 3, rounds: quick ? 1 : 3, log };
  const t0 = Date.now();
  const notes: string[] = [];
  if (quick) notes.push('QUICK RUN (--quick): short loads and a short soak; not the numbers to quote.');

  log('== L7');
  const l7Rows = await l7({ direct: 'direct', lbkit: lbkitHttp, nginx: nginxHttp, haproxy: haproxyHttp, 'http-proxy': httpProxy }, l7Options);
  const nginxMax = l7Rows.find((r) => r.proxy === 'nginx' && r.body === '1k')!.result.requestsPerSecond;
  const rate = Math.max(100, Math.round(nginxMax / 2 / 100) * 100);
  const paced = await pacedP99({ lbkit: lbkitHttp, nginx: nginxHttp }, rate, l7Options);

  log('== L4');
  const l4Rows = await l4({ direct: 'direct', lbkit: lbkitTcp, haproxy: haproxyTcp }, { seconds, log });

  log('== start-up, ip-hash');
  const startupResult = await startup(quick ? 6 : 21);
  log(`start-up: ${startupResult.startMs.toFixed(2)} ms, stop ${startupResult.stopMs.toFixed(2)} ms`);
  const ipHashResult = await ipHash(5, quick ? 500 : 2000);
  log(`ip-hash: ${ipHashResult.remapped}/${ipHashResult.clients} remapped, ${ipHashResult.movedWithoutCause} without cause`);

  log('== faults');
  const faultRows = await faults(
    { lbkit: lbkitFaultProxy, nginx: nginxFaultProxy, haproxy: haproxyFaultProxy },
    { seconds: quick ? 8 : 12, killAfterSeconds: 3, log },
  );

  log('== synthesis');
  const synthResult = await synth(quick ? 1 : 3, log).catch((e: Error) => {
    notes.push(`synthesis benchmark failed: ${e.message}`);
    return undefined;
  });

  log('== profile');
  const hot = await profile(seconds);
  for (const line of hot) log(`  ${line}`);

  log('== soak');
  const soakResult = await soak(quick ? 20 : 300, quick ? 5 : 15, Math.max(100, Math.round(rate / 2)));
  log(`soak: ${soakResult.samples.map((s) => s.rssMiB.toFixed(0)).join(' ')} MiB`);

  const results: BenchResults = {
    startedAt: new Date(t0).toISOString(),
    durationSeconds: (Date.now() - t0) / 1000,
    l7: l7Rows,
    paced,
    l4: l4Rows,
    startup: startupResult,
    ipHash: ipHashResult,
    faults: faultRows,
    soak: soakResult,
    ...(synthResult ? { synth: synthResult } : {}),
    profile: { after: hot },
    notes,
  };
  // A quick run never overwrites the report of a full one.
  const file = join(__dirname, quick ? 'REPORT.quick.md' : 'REPORT.md');
  writeFileSync(file, renderReport(results));
  log(`wrote ${file} (${results.durationSeconds.toFixed(0)} s)`);
}

main().catch((e) => {
  process.stderr.write(`bench failed: ${(e as Error).stack ?? e}\n`);
  process.exit(1);
});
