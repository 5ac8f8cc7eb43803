/** What every frontend shares at run time. */
import type { LoadBalancerModel } from '../../lib/model/types';
import type { AccessLog } from './access-log';
import type { ProxyMetrics } from './admin/metrics';
import type { Member } from './balancer/member';
import type { PoolRuntime } from './balancer/pool';
import type { EmitEvent } from './events';
import { UpstreamPool } from './http/upstream/pool';
import type { RateLimit } from './http/rate-limit';
import type { TimeScale } from './time';

export interface ProxyTunables {
  /** Time a client has to send a request's headers (slowloris); not a spec duration, so not scaled. */
  readonly headersTimeoutMs: number;
  /** Largest request head (request line and headers) accepted; more gets 431. */
  readonly maxHeaderBytes: number;
  /** Idle pooled connections to members close after this; keep it below the members' keep-alive timeout. */
  readonly memberKeepAliveMs: number;
  /** Plain TCP L4 connections on Node's TCP handles (LocalStartOptions.rawTcp). */
  readonly rawTcp: boolean;
}

export class ProxyRuntime {
  stopping = false;
  /** Spec port -> local port, for redirects that name a port. */
  private readonly portMap = new Map<number, number>();

  constructor(
    readonly model: LoadBalancerModel,
    readonly pools: ReadonlyMap<string, PoolRuntime>,
    readonly rateLimits: readonly RateLimit[],
    readonly metrics: ProxyMetrics,
    readonly time: TimeScale,
    readonly tunables: ProxyTunables,
    readonly emit: EmitEvent,
    readonly accessLog: AccessLog | undefined,
  ) {}

  setLocalPort(specPort: number, localPort: number): void {
    this.portMap.set(specPort, localPort);
  }

  /** Where the frontend with this spec port listens locally; the port itself when no frontend has it. */
  localPort(specPort: number): number {
    return this.portMap.get(specPort) ?? specPort;
  }

  /** Pooled keep-alive connections to one member (created on first use). */
  upstreamFor(pool: PoolRuntime, m: Member): UpstreamPool {
    return (m.upstream ??= new UpstreamPool({ host: m.host, port: m.port, tls: pool.model.protocol === 'https' }, this.tunables.memberKeepAliveMs));
  }
}
