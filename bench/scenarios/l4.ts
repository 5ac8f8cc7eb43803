/** L4: bulk throughput (1 MiB bodies over few connections) and new connections per second (close after each request). */
import { nginxBackend } from '../servers/nginx';
import { wrk } from '../tools/wrk';
import type { ProxyFactory } from './types';

export interface L4Row {
  readonly proxy: string;
  readonly bulkMiBps: number;
  readonly connectionsPerSecond: number;
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
        const churn = await wrk({ url: `http://127.0.0.1:${port}/1k`, connections: 32, seconds: options.seconds, closeConnections: true });
        const row = {
          proxy: name,
          bulkMiBps: bulk.bytesPerSecond / 1024 ** 2,
          connectionsPerSecond: churn.requestsPerSecond,
          errors: bulk.errors + churn.errors,
        };
        options.log(`l4 ${name}: bulk ${row.bulkMiBps.toFixed(0)} MiB/s, ${Math.round(row.connectionsPerSecond)} new connections/s, errors ${row.errors}`);
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
