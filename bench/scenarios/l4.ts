/** L4: bulk throughput (1 MiB bodies over few connections) and new connections per second (close after each request). */
import { nginxBackend } from '../servers/nginx';
import { withCpu } from '../tools/processes';
import { wrk, type WrkResult } from '../tools/wrk';
import type { ProxyFactory } from './types';

export interface L4Row {
  readonly proxy: string;
  readonly bulkMiBps: number;
  readonly connectionsPerSecond: number;
  /**
   * The proxy's CPU time (user + system, from /proc) per new connection: on a shared machine the rate follows
   * whatever else runs, the CPU a connection costs much less. Undefined for direct.
   */
  readonly cpuUsPerConnection?: number;
  readonly errors: number;
}

export async function l4(proxies: Record<string, ProxyFactory | 'direct'>, options: { seconds: number; log: (l: string) => void }): Promise<L4Row[]> {
  const backend = await nginxBackend();
  const rows: L4Row[] = [];
  try {
    for (const [name, factory] of Object.entries(proxies)) {
      const proxy = factory === 'direct' ? undefined : await factory([backend.port]);
      const port = proxy?.port ?? backend.port;
      try {
        await wrk({ url: `http://127.0.0.1:${port}/1m`, connections: 8, seconds: 1 });
        const bulk = await wrk({ url: `http://127.0.0.1:${port}/1m`, connections: 8, seconds: options.seconds });
        const load = () => wrk({ url: `http://127.0.0.1:${port}/1k`, connections: 32, seconds: options.seconds, closeConnections: true });
        const churn: WrkResult & { cpuUsPerRequest?: number } = proxy ? await withCpu(proxy.pid, load) : await load();
        const row = {
          proxy: name,
          bulkMiBps: bulk.bytesPerSecond / 1024 ** 2,
          connectionsPerSecond: churn.requestsPerSecond,
          cpuUsPerConnection: churn.cpuUsPerRequest,
          errors: bulk.errors + churn.errors,
        };
        options.log(
          `l4 ${name}: bulk ${row.bulkMiBps.toFixed(0)} MiB/s, ${Math.round(row.connectionsPerSecond)} new connections/s${row.cpuUsPerConnection === undefined ? '' : ` (${row.cpuUsPerConnection.toFixed(0)} us CPU each)`}, errors ${row.errors}`,
        );
        rows.push(row);
      } finally {
        await proxy?.stop();
      }
    }
  } finally {
    await backend.managed.stop();
  }
  return rows;
}
