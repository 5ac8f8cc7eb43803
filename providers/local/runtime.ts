/** What every frontend shares at run time. */
import { Agent as HttpAgent } from 'node:http';
import { Agent as HttpsAgent } from 'node:https';
import type { LoadBalancerModel } from '../../lib/model/types';
import type { AccessLog } from './access-log';
import type { ProxyMetrics } from './admin/metrics';
import type { Member } from './balancer/member';
import type { PoolRuntime } from './balancer/pool';
import type { EmitEvent } from './events';
import type { RateLimit } from './http/rate-limit';
import type { TimeScale } from './time';

export interface ProxyTunables {
  /** Time a client has to send a request's headers (slowloris); not a spec duration, so not scaled. */
  readonly headersTimeoutMs: number;
  /** Largest request head (request line and headers) accepted; more gets 431. */
  readonly maxHeaderBytes: number;
  /** Idle pooled connections to members close after this; keep it below the members' keep-alive timeout. */
  readonly memberKeepAliveMs: number;
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
  agentFor(pool: PoolRuntime, m: Member): HttpAgent {
    if (m.agent) return m.agent;
    const options = { keepAlive: true, keepAliveMsecs: 1000, maxSockets: Infinity, maxFreeSockets: 256, scheduling: 'lifo' as const, timeout: this.tunables.memberKeepAliveMs };
    // Members' certificates are not verified (as cloud load balancers do not verify targets').
    m.agent = pool.model.protocol === 'https' ? new HttpsAgent({ ...options, rejectUnauthorized: false }) : new HttpAgent(options);
    return m.agent;
  }
}
