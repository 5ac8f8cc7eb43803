// The lbkit proxy under benchmark, in its own process (one event loop, as in production use), from the
// compiled package (dist/, built by bench/run.sh). Talks to the harness over IPC.
'use strict';
const { performance } = require('node:perf_hooks');
// LBKIT_BENCH_DIST: another compiled tree (bench/perf.ts compares a baseline build with dist/ in one run).
const dist = process.env.LBKIT_BENCH_DIST;
const { LocalLoadBalancer } = require(dist ? require('node:path').join(dist, 'providers/local') : '../../dist/providers/local');

const [mode, json] = process.argv.slice(2);
const config = JSON.parse(json);

async function serve() {
  const lb = await LocalLoadBalancer.start(config.spec, { bindings: config.bindings, listen: { [config.frontend]: 0 } });
  process.on('message', async (message) => {
    if (message.type === 'status') process.send({ type: 'status', id: message.id, members: lb.members(message.pool) });
    if (message.type === 'drain') {
      lb.drain(message.pool, message.member).catch(() => undefined);
      process.send({ type: 'drained', id: message.id });
    }
    if (message.type === 'memory') process.send({ type: 'memory', id: message.id, usage: process.memoryUsage() });
    if (message.type === 'stop') {
      await lb.stop({ graceMs: 0 });
      process.exit(0);
    }
  });
  process.send({ type: 'ready', port: lb.address(config.frontend).port });
}

/** Spec file to listening, and stop(), measured inside the process (no process start-up in the numbers). */
async function startup() {
  const starts = [];
  const stops = [];
  for (let i = 0; i < config.runs; i++) {
    const t0 = performance.now();
    const lb = await LocalLoadBalancer.start(config.specFile, { bindings: config.bindings, healthChecks: true });
    const t1 = performance.now();
    await lb.stop({ graceMs: 0 });
    stops.push(performance.now() - t1);
    starts.push(t1 - t0);
  }
  process.send({ type: 'startup', starts, stops });
}

(mode === 'serve' ? serve() : startup()).catch((e) => {
  process.send({ type: 'error', message: String((e && e.stack) || e) });
  process.exit(1);
});
