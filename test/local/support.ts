/** Shared helpers of the local proxy's tests: specs, raw sockets, waiting for events, counting. */
import { connect, createServer, type Server, type Socket } from 'node:net';
import type { ActionSpec, FrontendSpec, LoadBalancerSpec, PoolSpec } from '../../lib/spec/schema';
import { LocalLoadBalancer, startBackend, type BackendOptions, type LocalEvent, type LocalStartOptions, type TestBackend } from '../../providers/local';

/** A forward action to `pool`. */
export const forward = (pool: string): ActionSpec => ({ forward: { pool } });

/** The frontend of most specs here: http `web` on port 80, forwarding to `app`; `parts` adds rules or overrides. */
export function webFrontend(parts: Partial<FrontendSpec> = {}): FrontendSpec {
  return { name: 'web', protocol: 'http', port: 80, defaultAction: forward('app'), ...parts };
}

/** An http pool on port 8080 for each name; `parts` adds to (or overrides in) each. */
export function httpPools(names: readonly string[], parts: Partial<PoolSpec> = {}): PoolSpec[] {
  return names.map((name) => ({ name, protocol: 'http', port: 8080, ...parts }));
}

/** A one-frontend, one-pool L7 spec; `pool` and `extra` override parts. */
export function httpSpec(pool: Partial<PoolSpec> = {}, extra: Partial<LoadBalancerSpec> = {}): LoadBalancerSpec {
  return { name: 'test', frontends: [webFrontend()], pools: httpPools(['app'], pool), ...extra };
}

/** Starts a load balancer with active probes off unless asked (most tests drive state themselves). */
export function startLb(spec: LoadBalancerSpec | string, options: LocalStartOptions): Promise<LocalLoadBalancer> {
  return LocalLoadBalancer.start(spec, { healthChecks: false, ...options });
}

/** A load balancer whose pools each have one echo backend (`backends[i]` serves `pools[i]`). */
export interface PoolsServed {
  readonly lb: LocalLoadBalancer;
  readonly backends: readonly TestBackend[];
}

/**
 * Starts one backend per pool (an echo backend unless `backends` gives its options) and the load balancer on
 * them (with `options`) before the file's tests, and stops both after; the returned object is filled in once
 * they run.
 */
export function servePools(
  spec: LoadBalancerSpec,
  pools: readonly string[],
  options: Partial<LocalStartOptions> = {},
  backends: Readonly<Record<string, BackendOptions>> = {},
): PoolsServed {
  const served = {} as { lb: LocalLoadBalancer; backends: TestBackend[] };
  beforeAll(async () => {
    served.backends = await Promise.all(pools.map((p) => startBackend(p, backends[p])));
    served.lb = await startLb(spec, { ...options, bindings: Object.fromEntries(pools.map((p, i) => [p, [served.backends[i].address]])) });
  });
  afterAll(async () => {
    await served.lb.stop({ graceMs: 0 });
    await Promise.all(served.backends.map((b) => b.close()));
  });
  return served;
}

/** Resolves with the first event matching `match` (rejects after `timeoutMs`). */
export function nextEvent<T extends LocalEvent['type']>(
  lb: LocalLoadBalancer,
  type: T,
  timeoutMs = 5000,
  match: (e: Extract<LocalEvent, { type: T }>) => boolean = () => true,
): Promise<Extract<LocalEvent, { type: T }>> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      lb.off('event', on);
      reject(new Error(`no ${type} event within ${timeoutMs} ms`));
    }, timeoutMs);
    const on = (e: LocalEvent) => {
      if (e.type === type && match(e as Extract<LocalEvent, { type: T }>)) {
        clearTimeout(timer);
        lb.off('event', on);
        resolve(e as Extract<LocalEvent, { type: T }>);
      }
    };
    lb.on('event', on);
  });
}

export async function waitFor(condition: () => boolean, timeoutMs = 5000, what = 'condition'): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 5));
  }
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export function tally(values: readonly string[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const v of values) out[v] = (out[v] ?? 0) + 1;
  return out;
}

export interface RawResult {
  /** Everything the server sent. */
  readonly text: string;
  /** Whether the server closed the connection (within the wait). */
  readonly closed: boolean;
  /** ms from the first write to the close (or to giving up). */
  readonly elapsedMs: number;
}

/**
 * Sends raw bytes (chunks written `gapMs` apart; `end`: then half-close) and collects the answer until the
 * server closes the connection or `waitMs` passes.
 */
export function rawExchange(
  port: number,
  chunks: string | readonly string[],
  options: { waitMs?: number; gapMs?: number; host?: string; end?: boolean } = {},
): Promise<RawResult> {
  const parts = typeof chunks === 'string' ? [chunks] : chunks;
  return new Promise((resolve) => {
    const socket: Socket = connect(port, options.host ?? '127.0.0.1');
    let text = '';
    let done = false;
    const started = Date.now();
    const finish = (closed: boolean) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      socket.destroy();
      resolve({ text, closed, elapsedMs: Date.now() - started });
    };
    const timer = setTimeout(() => finish(false), options.waitMs ?? 2000);
    socket.on('data', (d) => (text += d.toString('latin1')));
    socket.on('close', () => finish(true));
    socket.on('error', () => finish(true));
    socket.on('connect', async () => {
      for (let i = 0; i < parts.length; i++) {
        if (i > 0 && options.gapMs) await sleep(options.gapMs);
        if (socket.destroyed) return;
        socket.write(Buffer.from(parts[i], 'latin1'));
      }
      if (options.end) socket.end();
    });
  });
}

/** The status code of the first response in raw text (0 when none). */
export function statusOf(raw: string): number {
  const m = /^HTTP\/1\.[01] (\d{3})/.exec(raw);
  return m ? Number(m[1]) : 0;
}

/** Value of a counter or gauge line in Prometheus text, 0 when absent. */
export function metricValue(text: string, name: string, labels: Record<string, string>): number {
  for (const line of text.split('\n')) {
    if (!line.startsWith(`${name}{`)) continue;
    const body = line.slice(name.length + 1, line.lastIndexOf('}'));
    const got = Object.fromEntries([...body.matchAll(/(\w+)="((?:[^"\\]|\\.)*)"/g)].map((m) => [m[1], m[2]]));
    if (Object.entries(labels).every(([k, v]) => got[k] === v)) return Number(line.slice(line.lastIndexOf(' ') + 1));
  }
  return 0;
}

/** Input for incremental parsers: whole, split at each byte, and byte by byte (framing must not depend on reads). */
export function splits(text: string): Buffer[][] {
  const all = Buffer.from(text, 'latin1');
  const out: Buffer[][] = [[all], [...all].map((b) => Buffer.from([b]))];
  for (let i = 1; i < all.length; i++) out.push([all.subarray(0, i), all.subarray(i)]);
  return out;
}

export { thrown } from '../support/thrown';

/**
 * A raw TCP member for byte-exact tests: it tracks its sockets so that `close` ends them all, and hands each
 * connection (numbered from 1) to `onConnection`.
 */
export abstract class RawMember {
  connections = 0;
  private readonly server: Server;
  private readonly sockets = new Set<Socket>();

  constructor() {
    this.server = createServer((socket) => {
      const n = ++this.connections;
      this.sockets.add(socket);
      socket.on('close', () => this.sockets.delete(socket));
      socket.on('error', () => socket.destroy());
      this.onConnection(socket, n);
    });
  }

  protected abstract onConnection(socket: Socket, n: number): void;

  listen(): Promise<this> {
    return new Promise((resolve) => this.server.listen(0, '127.0.0.1', () => resolve(this)));
  }

  get address(): string {
    return `127.0.0.1:${(this.server.address() as { port: number }).port}`;
  }

  close(): Promise<void> {
    for (const s of this.sockets) s.destroy();
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}
