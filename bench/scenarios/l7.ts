/** L7: requests per second and latency for a 1 KiB and a 1 MiB body, every proxy in front of one nginx. */
import { nginxBackend } from '../servers/nginx';
import { wrk, type WrkResult } from '../tools/wrk';
import type { ProxyFactory } from './types';

export interface L7Row {
  readonly proxy: string;
  readonly body: '1k' | '1m';
  readonly result: WrkResult;
}

export interface L7Options {
  readonly seconds: number;
  readonly log: (line: string) => void;
}

export const L7_CONNECTIONS = { '1k': 64, '1m': 16 } as const;

export async function l7(proxies: Record<string, ProxyFactory | 'direct'>, options: L7Options): Promise<L7Row[]> {
  const backend = await nginxBackend();
  const rows: L7Row[] = [];
  try {
    for (const [name, factory] of Object.entries(proxies)) {
      const proxy = factory === 'direct' ? undefined : await factory([backend.port]);
      const port = proxy?.port ?? backend.port;
      try {
        for (const body of ['1k', '1m'] as const) {
          const url = `http://127.0.0.1:${port}/${body}`;
          await wrk({ url, connections: L7_CONNECTIONS[body], seconds: 1 }); // warm-up: JIT, pools
          const result = await wrk({ url, connections: L7_CONNECTIONS[body], seconds: options.seconds });
          options.log(`l7 ${name} ${body}: ${Math.round(result.requestsPerSecond)} req/s, p50 ${result.p50Ms} ms, p99 ${result.p99Ms} ms, errors ${result.errors}`);
          rows.push({ proxy: name, body, result });
        }
      } finally {
        await proxy?.stop();
      }
    }
  } finally {
    await backend.managed.stop();
  }
  return rows;
}

/** p99 of lbkit and nginx at half of nginx's maximum rate (paced load), 1 KiB body. */
export async function pacedP99(proxies: Record<string, ProxyFactory>, rate: number, options: L7Options): Promise<Array<{ proxy: string; rate: number; result: WrkResult }>> {
  const backend = await nginxBackend();
  const out: Array<{ proxy: string; rate: number; result: WrkResult }> = [];
  try {
    for (const [name, factory] of Object.entries(proxies)) {
      const proxy = await factory([backend.port]);
      try {
        const url = `http://127.0.0.1:${proxy.port}/1k`;
        await wrk({ url, connections: 32, seconds: 1, rate });
        const result = await wrk({ url, connections: 32, seconds: options.seconds, rate });
        options.log(`paced ${name} @${rate}/s: achieved ${Math.round(result.requestsPerSecond)}/s, p50 ${result.p50Ms} ms, p99 ${result.p99Ms} ms`);
        out.push({ proxy: name, rate, result });
      } finally {
        await proxy.stop();
      }
    }
  } finally {
    await backend.managed.stop();
  }
  return out;
}
