/**
 * Active health checks: every member of a pool is probed every intervalSeconds (the first probe right at
 * start), each probe failing when it has no answer within timeoutSeconds.
 *   tcp    success = the connection is accepted.
 *   http   GET <path> (Host: the member's address, Connection: close); success = a status in successCodes.
 *   https  the same over TLS, the member's certificate not verified (as cloud load balancers do).
 *   grpc   grpc.health.v1.Health/Check over HTTP/2 (grpc-probe.ts); TLS for grpcs pools.
 * The pool (balancer/pool.ts) turns results into health with the thresholds.
 */
import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { connect } from 'node:net';
import { isSuccessCode } from '../../../lib/model/build';
import type { HealthCheckModel } from '../../../lib/model/types';
import { formatHostPort } from '../address';
import type { Member } from '../balancer/member';
import type { PoolRuntime } from '../balancer/pool';
import type { TimeScale } from '../time';
import { grpcProbe } from './grpc-probe';

export type ProbeResult = { readonly ok: true } | { readonly ok: false; readonly detail: string };

/** One probe of `host:port` as the health check defines it. */
export function probe(hc: HealthCheckModel, host: string, port: number, timeoutMs: number, signal?: AbortSignal, tls = false): Promise<ProbeResult> {
  return new Promise((resolve) => {
    let done = false;
    let cleanup: () => void = () => {};
    const settle = (r: ProbeResult) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
      cleanup();
      resolve(r);
    };
    const onAbort = () => settle({ ok: false, detail: 'stopped' });
    const timer = setTimeout(() => settle({ ok: false, detail: 'timeout' }), timeoutMs);
    signal?.addEventListener('abort', onAbort, { once: true });
    if (hc.protocol === 'tcp') {
      const socket = connect({ host, port });
      cleanup = () => socket.destroy();
      socket.once('connect', () => settle({ ok: true }));
      socket.once('error', (err: NodeJS.ErrnoException) => settle({ ok: false, detail: err.code ?? err.message }));
      return;
    }
    if (hc.protocol === 'grpc') {
      cleanup = grpcProbe(hc, host, port, tls, settle);
      return;
    }
    const send = hc.protocol === 'https' ? httpsRequest : httpRequest;
    const req = send({
      host,
      port,
      method: 'GET',
      path: hc.path,
      agent: false,
      rejectUnauthorized: false,
      headers: { Host: formatHostPort(host, port), 'User-Agent': 'lbkit-health-check', Connection: 'close' },
    });
    cleanup = () => req.destroy();
    req.once('response', (res) => {
      res.resume();
      const status = res.statusCode ?? 0;
      settle(isSuccessCode(hc, status) ? { ok: true } : { ok: false, detail: `status ${status}` });
    });
    req.once('error', (err: NodeJS.ErrnoException) => settle({ ok: false, detail: err.code ?? err.message }));
    req.end();
  });
}

export class ActiveHealthChecks {
  private readonly timers = new Map<Member, NodeJS.Timeout>();
  private stopped = false;
  private readonly abort = new AbortController();
  private readonly intervalMs: number;
  private readonly timeoutMs: number;

  constructor(
    private readonly pool: PoolRuntime,
    time: TimeScale,
  ) {
    this.intervalMs = time.ms(pool.model.healthCheck.intervalSeconds);
    this.timeoutMs = time.ms(pool.model.healthCheck.timeoutSeconds);
  }

  start(): void {
    for (const m of this.pool.members) this.run(m);
  }

  private run(m: Member): void {
    if (this.stopped) return;
    const timer = setTimeout(() => this.run(m), this.intervalMs);
    timer.unref();
    this.timers.set(m, timer);
    void probe(this.pool.model.healthCheck, m.host, m.probePort, this.timeoutMs, this.abort.signal, this.pool.model.protocol === 'grpcs').then((r) => {
      if (!this.stopped) this.pool.probed(m, r.ok, r.ok ? undefined : r.detail);
    });
  }

  stop(): void {
    this.stopped = true;
    this.abort.abort();
    for (const t of this.timers.values()) clearTimeout(t);
    this.timers.clear();
  }
}
