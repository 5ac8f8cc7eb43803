/**
 * A flapping member under load (issue 15): three members behind a proxy under wrk (GETs only); one member is
 * killed (SIGKILL, master and workers) and started again on the same port, over and over, every `periodMs`
 * (down half of it, up the other half) for the whole load. Every proxy retries an idempotent request on
 * another member when its member fails, and takes a member that failed out for `ejectionSeconds`, shorter
 * than the load, so that it comes back and fails again while requests are on it. Counted: failed GETs
 * (socket errors and non-2xx/3xx answers), which should be none.
 */
import { nginxBackend, type Running } from '../servers/nginx';
import { sleep } from '../tools/processes';
import { wrk, type WrkResult } from '../tools/wrk';
import { kill, type FaultProxyFactory } from './faults';

export interface FlapRow {
  readonly proxy: string;
  readonly checks: string;
  readonly requests: number;
  readonly failed: number;
  /** How many times the member was killed during the load. */
  readonly kills: number;
  readonly result: WrkResult;
}

export interface FlapOptions {
  /** The load's duration. */
  readonly seconds: number;
  /** One kill and one restart per period. @default 1000 */
  readonly periodMs?: number;
  /** Passed to the proxies (passive ejection, nginx fail_timeout). @default 1 */
  readonly ejectionSeconds?: number;
  readonly log: (line: string) => void;
}

/** Kills the member and starts it again on its port every `periodMs` until `until`; resolves with the kill count and the member running last. */
async function flap(first: Running, name: string, until: number, periodMs: number): Promise<{ kills: number; last: Running }> {
  let member = first;
  let kills = 0;
  while (Date.now() + periodMs <= until) {
    kill(member);
    kills++;
    await sleep(periodMs / 2);
    member = await nginxBackend(name, member.port);
    await sleep(periodMs / 2);
  }
  return { kills, last: member };
}

export async function flapping(proxies: Record<string, FaultProxyFactory>, options: FlapOptions): Promise<FlapRow[]> {
  const periodMs = options.periodMs ?? 1000;
  const rows: FlapRow[] = [];
  for (const [name, factory] of Object.entries(proxies)) {
    const members = [await nginxBackend('m0'), await nginxBackend('m1'), await nginxBackend('m2')];
    const proxy = await factory(
      members.map((m) => m.port),
      { ejectionSeconds: options.ejectionSeconds ?? 1 },
    );
    try {
      await sleep(1500); // let active checks see every member healthy
      const load = wrk({ url: `http://127.0.0.1:${proxy.port}/1k`, connections: 16, seconds: options.seconds });
      // Starts after a second of load (every connection pooled) and ends a period before the load does.
      await sleep(1000);
      const flapped = await flap(members[1], 'm1', Date.now() + (options.seconds - 1) * 1000 - periodMs, periodMs);
      members[1] = flapped.last;
      const result = await load;
      const row = { proxy: name, checks: proxy.checks, requests: result.requests, failed: result.errors, kills: flapped.kills, result };
      options.log(`flapping ${name}: ${row.failed} failed GETs of ${row.requests}; member killed and restarted ${row.kills} times`);
      rows.push(row);
    } finally {
      await proxy.stop();
      for (const m of members) await m.managed.stop().catch(() => undefined);
    }
  }
  return rows;
}
