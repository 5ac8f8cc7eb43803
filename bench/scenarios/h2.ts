/**
 * HTTP/2 (issue 20): requests per second and latency of 1 KiB GETs over HTTP/2 by prior knowledge (h2c), every
 * proxy speaking HTTP/1.1 to one nginx member, under h2load (16 connections, 10 streams each): a warm-up
 * bounded in requests, then a measured run bounded in time (tools/h2load.ts). In rounds, like the L7 1 KiB
 * load: the ratio to nginx is taken per round.
 */
import { nginxBackend } from '../servers/nginx';
import { h2load, type H2loadResult } from '../tools/h2load';
import { medianBy } from './l7';
import type { ProxyFactory } from './types';

export const H2_CLIENTS = 16;
export const H2_STREAMS = 10;

export interface H2Row {
  readonly proxy: string;
  /** The round with the median requests per second (its latencies go with it). */
  readonly result: H2loadResult;
  readonly rounds: readonly H2loadResult[];
}

export interface H2Options {
  /** Requests of each warm-up. */
  readonly warmUpRequests: number;
  /** Duration of each measured run. */
  readonly seconds: number;
  /** @default 1 */
  readonly rounds?: number;
  readonly log: (line: string) => void;
}

export async function h2(proxies: Record<string, ProxyFactory>, options: H2Options): Promise<H2Row[]> {
  const backend = await nginxBackend();
  const rounds = new Map<string, H2loadResult[]>();
  const load = { clients: H2_CLIENTS, streams: H2_STREAMS };
  try {
    for (let round = 0; round < (options.rounds ?? 1); round++) {
      for (const [name, factory] of Object.entries(proxies)) {
        const proxy = await factory([backend.port]);
        try {
          const url = `http://127.0.0.1:${proxy.port}/1k`;
          await h2load({ url, requests: options.warmUpRequests, seconds: options.seconds, ...load }); // JIT, pools
          const result = await h2load({ url, seconds: options.seconds, ...load });
          options.log(
            `h2 ${name} round ${round + 1}: ${Math.round(result.requestsPerSecond)} req/s, p50 ${result.p50Ms} ms, p99 ${result.p99Ms} ms, ${result.requests} requests, errors ${result.errors}`,
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
  return [...rounds].map(([proxy, results]) => ({ proxy, result: medianBy(results, (r) => r.requestsPerSecond), rounds: results }));
}
