/**
 * Faults under load: three members behind a proxy under wrk; one member is killed (SIGKILL, master and
 * worker) a few seconds in. Counted: failed requests, and how long after the kill the proxy still sent
 * requests to the dead member.
 */
import { execFileSync } from 'node:child_process';
import { nginxBackend, type Running } from '../servers/nginx';
import { sleep } from '../tools/processes';
import { wrk, type WrkResult } from '../tools/wrk';
import type { ProxyUnderTest } from './types';

/** A proxy for this scenario also tells when it stopped sending to a member (ms after `killedAt`). */
export interface FaultProxy extends ProxyUnderTest {
  /** How it detects a dead member, for the report. */
  readonly checks: string;
  lastSentToMember(memberPort: number, killedAt: number): Promise<number | undefined>;
}

/** Options a fault proxy is started with. */
export interface FaultProxyOptions {
  /**
   * How long a member that failed sits out of the rotation (lbkit's passive ejection, nginx's fail_timeout;
   * HAProxy has active checks only).
   * @default lbkit 30 s, nginx 10 s
   */
  readonly ejectionSeconds?: number;
}

export type FaultProxyFactory = (members: readonly number[], options?: FaultProxyOptions) => Promise<FaultProxy>;

export interface FaultRow {
  readonly proxy: string;
  readonly checks: string;
  readonly requests: number;
  readonly failed: number;
  readonly stopSendingMs: number | undefined;
  readonly result: WrkResult;
}

/** SIGKILL to an nginx member, master and workers (no graceful close of anything). */
export function kill(member: Running): void {
  const pids = [
    member.pid,
    ...execFileSync('pgrep', ['-P', String(member.pid)])
      .toString()
      .trim()
      .split('\n')
      .filter(Boolean)
      .map(Number),
  ];
  for (const pid of pids) {
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      /* already gone */
    }
  }
}

export async function faults(
  proxies: Record<string, FaultProxyFactory>,
  options: { seconds: number; killAfterSeconds: number; log: (l: string) => void },
): Promise<FaultRow[]> {
  const rows: FaultRow[] = [];
  for (const [name, factory] of Object.entries(proxies)) {
    const members = [await nginxBackend('m0'), await nginxBackend('m1'), await nginxBackend('m2')];
    const proxy = await factory(members.map((m) => m.port));
    try {
      await sleep(1500); // let active checks see every member healthy
      const load = wrk({ url: `http://127.0.0.1:${proxy.port}/1k`, connections: 16, seconds: options.seconds });
      await sleep(options.killAfterSeconds * 1000);
      const killedAt = Date.now();
      kill(members[1]);
      const result = await load;
      const stopSendingMs = await proxy.lastSentToMember(members[1].port, killedAt);
      const row = { proxy: name, checks: proxy.checks, requests: result.requests, failed: result.errors, stopSendingMs, result };
      options.log(`faults ${name}: ${row.failed} failed of ${row.requests}; stopped sending to the dead member after ${stopSendingMs ?? '?'} ms`);
      rows.push(row);
    } finally {
      await proxy.stop();
      for (const m of members) await m.managed.stop().catch(() => undefined);
    }
  }
  return rows;
}
