/** L7: requests per second and latency for a 1 KiB and a 1 MiB body, every proxy in front of one nginx. */
import { nginxBackend } from '../servers/nginx';
import { wrk, type WrkResult } from '../tools/wrk';
import type { ProxyFactory } from './types';

export interface L7Row {
  readonly proxy: string;
  readonly body: '1k' | '1m';
  /** The round with the median requests per second (its latencies go with it). */
  readonly result: WrkResult;
  /** Every round, in order: round i of every proxy ran in the same pass over the proxies. */
  readonly rounds: readonly WrkResult[];
}

export interface L7Options {
  readonly seconds: number;
  /**
   * Passes over the proxies for the 1 KiB load. On a shared 2-core machine one measurement moves by
   * ±15 % from one process start to the next; ratios are taken round by round and their median reported.
   * @default 1
   */
  readonly rounds?: number;
  readonly log: (line: string) => void;
}

export const L7_CONNECTIONS = { '1k': 64, '1m': 16 } as const;

/** The element with the median value of `key` (the lower middle for an even count). */
export function medianBy<T>(items: readonly T[], key: (t: T) => number): T {
  return [...items].sort((a, b) => key(a) - key(b))[Math.floor((items.length - 1) / 2)];
}

/** The median of per-round ratios a[i] / b[i]. */
export function medianRatio(a: readonly number[], b: readonly number[]): number | undefined {
  const ratios = a.map((x, i) => x / b[i]).filter((r) => Number.isFinite(r));
  return ratios.length ? medianBy(ratios, (r) => r) : undefined;
}

export async function l7(proxies: Record<string, ProxyFactory | 'direct'>, options: L7Options): Promise<L7Row[]> {
  const backend = await nginxBackend();
  const rounds = new Map<string, WrkResult[]>();
  const push = (key: string, r: WrkResult) => rounds.set(key, [...(rounds.get(key) ?? []), r]);
  try {
    for (let round = 0; round < (options.rounds ?? 1); round++) {
      for (const [name, factory] of Object.entries(proxies)) {
        const proxy = factory === 'direct' ? undefined : await factory([backend.port]);
        const port = proxy?.port ?? backend.port;
        try {
          // 1 MiB once (in the first round): its ratios are not targets.
          for (const body of round === 0 ? (['1k', '1m'] as const) : (['1k'] as const)) {
            const url = `http://127.0.0.1:${port}/${body}`;
            await wrk({ url, connections: L7_CONNECTIONS[body], seconds: 1 }); // warm-up: JIT, pools
            const result = await wrk({ url, connections: L7_CONNECTIONS[body], seconds: options.seconds });
            options.log(
              `l7 ${name} ${body}${body === '1k' ? ` round ${round + 1}` : ''}: ${Math.round(result.requestsPerSecond)} req/s, p50 ${result.p50Ms} ms, p99 ${result.p99Ms} ms, errors ${result.errors}`,
            );
            push(`${name} ${body}`, result);
          }
        } finally {
          await proxy?.stop();
        }
      }
    }
  } finally {
    await backend.managed.stop();
  }
  return [...rounds].map(([key, results]) => {
    const [proxy, body] = key.split(' ') as [string, '1k' | '1m'];
    return { proxy, body, result: medianBy(results, (r) => r.requestsPerSecond), rounds: results };
  });
}

export interface PacedRow {
  readonly proxy: string;
  readonly rate: number;
  /** The round with the median p99. */
  readonly result: WrkResult;
  readonly rounds: readonly WrkResult[];
}

/**
 * p99 of lbkit and nginx at half of nginx's maximum rate (paced load), 1 KiB body, in rounds (the order of
 * the proxies alternates from round to round).
 */
export async function pacedP99(proxies: Record<string, ProxyFactory>, rate: number, options: L7Options): Promise<PacedRow[]> {
  const backend = await nginxBackend();
  const rounds = new Map<string, WrkResult[]>();
  try {
    for (let round = 0; round < (options.rounds ?? 1); round++) {
      const order = Object.entries(proxies);
      if (round % 2) order.reverse();
      for (const [name, factory] of order) {
        const proxy = await factory([backend.port]);
        try {
          const url = `http://127.0.0.1:${proxy.port}/1k`;
          await wrk({ url, connections: 32, seconds: 1, rate });
          const result = await wrk({ url, connections: 32, seconds: options.seconds, rate });
          options.log(
            `paced ${name} @${rate}/s round ${round + 1}: achieved ${Math.round(result.requestsPerSecond)}/s, p50 ${result.p50Ms} ms, p99 ${result.p99Ms} ms`,
          );
          rounds.set(name, [...(rounds.get(name) ?? []), result]);
        } finally {
          await proxy.stop();
        }
      }
    }
  } finally {
    await backend.managed.stop();
  }
  return Object.keys(proxies).map((proxy) => {
    const results = rounds.get(proxy) ?? [];
    return { proxy, rate, result: medianBy(results, (r) => r.p99Ms), rounds: results };
  });
}
