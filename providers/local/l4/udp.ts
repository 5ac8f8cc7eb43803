/**
 * udp frontends: datagrams are relayed per flow. A flow is one client address and port; its first datagram
 * picks a member (the pool's algorithm keyed by client address, or source-ip persistence) and opens a
 * socket connected to it; replies come back to the client from the frontend's socket. The flow keeps its
 * member while the member may take work (otherwise the next datagram re-picks) and ends after the
 * frontend's idleTimeoutSeconds without a datagram either way. An ICMP refusal from the member counts as a
 * passive failure and ends the flow.
 */
import { createSocket, type Socket as DgramSocket } from 'node:dgram';
import { isIPv6 } from 'node:net';
import type { FrontendModel } from '../../../lib/model/types';
import type { FrontendStats } from '../admin/metrics';
import type { Member, MemberConnection } from '../balancer/member';
import type { LiveListEntry } from '../live-list';
import type { PoolRuntime } from '../balancer/pool';
import { bindUdp, SourceFilter } from '../listen';
import type { ProxyRuntime } from '../runtime';
import { l4Pool, pickL4 } from './tcp';

class Flow implements MemberConnection {
  lastSeen = Date.now();
  readonly started = performance.now();
  /** Datagrams that arrived before the member socket finished connecting. */
  pending: Buffer[] | undefined = [];
  /** This flow in its member's connections (for draining). */
  memberEntry: LiveListEntry<MemberConnection> | undefined;
  constructor(
    readonly key: string,
    readonly address: string,
    readonly port: number,
    readonly member: Member,
    readonly socket: DgramSocket,
    private readonly onDestroy: (flow: Flow) => void,
  ) {}

  send(msg: Buffer): void {
    if (this.pending) this.pending.push(msg);
    else this.socket.send(msg);
  }

  /** Draining ran out of time. */
  destroy(): void {
    this.onDestroy(this);
  }
}

export class UdpFrontend {
  readonly socket: DgramSocket;
  readonly stats: FrontendStats;
  private readonly pool: PoolRuntime;
  private readonly idleMs: number;
  private readonly sources: SourceFilter;
  private readonly flows = new Map<string, Flow>();
  private sweeper: NodeJS.Timeout | undefined;
  localPort = 0;

  constructor(
    runtime: ProxyRuntime,
    readonly model: FrontendModel,
    host: string,
  ) {
    this.stats = runtime.metrics.frontend(model.name);
    this.pool = l4Pool(runtime, model);
    this.idleMs = runtime.time.ms(model.idleTimeoutSeconds);
    this.sources = new SourceFilter(model.allowedSourceCidrs);
    this.socket = createSocket(isIPv6(host) ? 'udp6' : 'udp4');
    this.socket.on('message', (msg, rinfo) => this.onMessage(msg, rinfo.address, rinfo.port));
    this.socket.on('error', () => {});
  }

  async listen(host: string, port: number): Promise<void> {
    await bindUdp(this.socket, this.model.name, host, port);
    this.localPort = this.socket.address().port;
    this.sweeper = setInterval(() => this.sweep(), Math.max(5, Math.floor(this.idleMs / 4)));
    this.sweeper.unref();
  }

  private onMessage(msg: Buffer, address: string, port: number): void {
    if (!this.sources.allows(address)) {
      this.stats.deniedConnections++;
      return;
    }
    const key = `${address}|${port}`;
    let flow = this.flows.get(key);
    if (flow && !this.pool.mayTake(flow.member)) {
      this.end(flow, false);
      flow = undefined;
    }
    if (!flow) {
      const m = pickL4(this.pool, address);
      if (!m) {
        this.stats.record(undefined, this.pool, undefined, 0, 0);
        return;
      }
      flow = this.open(key, address, port, m);
    }
    flow.lastSeen = Date.now();
    flow.send(msg);
  }

  private open(key: string, address: string, port: number, m: Member): Flow {
    const upstream = createSocket(isIPv6(m.host) ? 'udp6' : 'udp4');
    const flow = new Flow(key, address, port, m, upstream, (f) => this.end(f, false));
    this.flows.set(key, flow);
    this.pool.acquire(m);
    flow.memberEntry = m.connections.add(flow);
    upstream.on('message', (reply) => {
      flow.lastSeen = Date.now();
      this.socket.send(reply, flow.port, flow.address);
    });
    upstream.on('error', () => this.end(flow, true));
    upstream.connect(m.port, m.host, () => {
      const queued = flow.pending ?? [];
      flow.pending = undefined;
      for (const msg of queued) upstream.send(msg);
    });
    this.stats.activeConnections++;
    return flow;
  }

  private end(flow: Flow, failed: boolean): void {
    if (this.flows.get(flow.key) !== flow) return;
    this.flows.delete(flow.key);
    this.stats.activeConnections--;
    const m = flow.member;
    m.connections.remove(flow.memberEntry!);
    this.pool.release(m);
    if (failed) this.pool.failed(m);
    else this.pool.succeeded(m);
    this.stats.record(undefined, this.pool, m, 0, (performance.now() - flow.started) / 1000);
    try {
      flow.socket.close();
    } catch {
      // already closed
    }
  }

  private sweep(): void {
    const now = Date.now();
    for (const flow of [...this.flows.values()]) if (now - flow.lastSeen >= this.idleMs) this.end(flow, false);
  }

  close(): void {
    if (this.sweeper) clearInterval(this.sweeper);
    for (const flow of [...this.flows.values()]) this.end(flow, false);
    try {
      this.socket.close();
    } catch {
      // not bound
    }
  }
}
