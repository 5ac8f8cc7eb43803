/**
 * tcp and tls frontends: each client connection is piped to one member (l4/pipe.ts). The member is chosen
 * per connection by the pool's algorithm (key: the client address) or source-ip persistence; a refused
 * connection to a member is retried on another before any client byte is read. A tls frontend terminates
 * TLS first; a tls pool gets a new TLS connection (member certificate not verified). Idle timeout: the
 * frontend's idleTimeoutSeconds.
 */
import { connect, createServer as createTcpServer, type Server, type Socket } from 'node:net';
import { connect as tlsConnect, createServer as createTlsServer, type TlsOptions } from 'node:tls';
import type { FrontendModel } from '../../../lib/model/types';
import { accessLogEntry, seconds } from '../access-log';
import type { FrontendStats } from '../admin/metrics';
import { clientIp } from '../address';
import type { Member } from '../balancer/member';
import type { PoolRuntime } from '../balancer/pool';
import { listenOn, SourceFilter } from '../listen';
import { LiveList } from '../live-list';
import type { ProxyRuntime } from '../runtime';
import { memberReads } from '../read-buffer';
import { pipeBoth } from './pipe';

/** The pool an L4 frontend forwards to (an L4 default action is always a forward). */
export function l4Pool(runtime: ProxyRuntime, model: FrontendModel): PoolRuntime {
  const action = model.defaultAction!;
  if (action.type !== 'forward') throw new Error(`L4 frontend '${model.name}' must forward`);
  return runtime.pools.get(action.pool)!;
}

/** Picks a member for a new L4 connection or flow (source-ip persistence, else the algorithm). */
export function pickL4(pool: PoolRuntime, ip: string, tried?: readonly Member[]): Member | undefined {
  return pool.choose({ clientKey: ip, now: Date.now(), tried });
}

export class TcpFrontend {
  readonly server: Server;
  readonly stats: FrontendStats;
  private readonly pool: PoolRuntime;
  private readonly idleMs: number;
  private readonly sources: SourceFilter;
  private readonly clients = new LiveList<Socket>();
  /**
   * Whether a connection needs its client's address: a source filter, a pick keyed by it, or an access log.
   * Reading it costs a getpeername system call per connection, so a frontend without these skips it.
   */
  private readonly needsClientIp: boolean;
  localPort = 0;

  constructor(
    private readonly runtime: ProxyRuntime,
    readonly model: FrontendModel,
    tls: TlsOptions | undefined,
  ) {
    this.stats = runtime.metrics.frontend(model.name);
    this.pool = l4Pool(runtime, model);
    this.idleMs = runtime.time.ms(model.idleTimeoutSeconds);
    this.sources = new SourceFilter(model.allowedSourceCidrs);
    const pool = this.pool.model;
    this.needsClientIp =
      model.allowedSourceCidrs.length > 0 || pool.algorithm === 'ip-hash' || pool.sessionPersistence?.type === 'source-ip' || runtime.accessLog !== undefined;
    const options = { allowHalfOpen: true, pauseOnConnect: true, noDelay: true };
    this.server = tls
      ? createTlsServer({ ...tls, allowHalfOpen: true } as TlsOptions, (s) => this.onClient(s))
      : createTcpServer(options, (s) => this.onClient(s));
    if (tls) {
      this.server.on('tlsClientError', (_e: Error, s: Socket) => {
        this.stats.badRequest('tls-handshake');
        s.destroy();
      });
    }
  }

  async listen(host: string, port: number): Promise<void> {
    await listenOn(this.server, this.model.name, host, port);
    this.localPort = (this.server.address() as { port: number }).port;
  }

  private onClient(client: Socket): void {
    const ip = this.needsClientIp ? clientIp(client.remoteAddress) : '';
    if (!this.sources.allows(ip)) {
      this.stats.deniedConnections++;
      client.destroy();
      return;
    }
    client.pause();
    this.stats.activeConnections++;
    const entry = this.clients.add(client);
    client.once('close', () => {
      this.stats.activeConnections--;
      this.clients.remove(entry);
    });
    client.on('error', () => client.destroy());
    this.connectTo(client, ip, performance.now(), []);
  }

  private connectTo(client: Socket, ip: string, started: number, tried: Member[]): void {
    const pool = this.pool;
    const m = pickL4(pool, ip, tried);
    if (!m) {
      this.finish(client, ip, started, undefined, 'NoHealthyTargets');
      client.destroy();
      return;
    }
    // A clear member is read into the shared reusable buffer (read-buffer.ts); a TLS one the usual way.
    const reads = pool.model.protocol === 'tls' ? undefined : memberReads();
    const member: Socket = reads
      ? connect({ host: m.host, port: m.port, allowHalfOpen: true, noDelay: true, onread: reads.onread })
      : tlsConnect({ host: m.host, port: m.port, rejectUnauthorized: false, allowHalfOpen: true } as never);
    pool.acquire(m);
    const conn = {
      destroy: () => {
        member.destroy();
        client.destroy();
      },
    };
    const entry = m.connections.add(conn);
    let connected = false;
    const onConnectError = () => {
      if (connected) return;
      pool.failed(m);
      pool.release(m);
      m.connections.remove(entry);
      if (client.destroyed) return this.finish(client, ip, started, m, 'ClientClosed');
      tried.push(m);
      this.connectTo(client, ip, started, tried);
    };
    member.once('error', onConnectError);
    // A member that neither accepts nor refuses within the idle timeout counts as a refusal.
    const onConnectTimeout = () => member.destroy(new Error('connect timeout'));
    member.setTimeout(this.idleMs, onConnectTimeout);
    member.once(pool.model.protocol === 'tls' ? 'secureConnect' : 'connect', () => {
      connected = true;
      member.off('error', onConnectError);
      member.off('timeout', onConnectTimeout);
      pool.succeeded(m);
      const dispatched = performance.now();
      pipeBoth(
        client,
        member,
        this.idleMs,
        (err) => {
          pool.release(m);
          m.connections.remove(entry);
          if (err) pool.failed(m);
          this.finish(client, ip, started, m, err ? 'TargetError' : '-', dispatched);
        },
        reads,
      );
      client.resume();
    });
  }

  private finish(client: Socket, ip: string, started: number, m: Member | undefined, errorReason: string, dispatched = 0): void {
    const end = performance.now();
    this.stats.record(undefined, m ? this.pool : undefined, m, 0, (end - started) / 1000);
    const log = this.runtime.accessLog;
    if (!log) return;
    log.write(
      accessLogEntry({
        type: this.model.protocol,
        elb: this.runtime.model.name,
        frontend: this.model.name,
        client: `${ip}:${client.remotePort ?? 0}`,
        target: m?.address ?? '-',
        target_group: this.pool.name,
        chosen_cert: this.model.tls?.certificate ?? '-',
        request_processing_time: dispatched ? seconds(started, dispatched) : -1,
        response_processing_time: dispatched ? seconds(dispatched, end) : -1,
        received_bytes: client.bytesRead,
        sent_bytes: client.bytesWritten,
        request_creation_time: new Date(Date.now() - (end - started)).toISOString(),
        actions_executed: m ? 'forward' : '-',
        error_reason: errorReason,
      }),
    );
  }

  /** Closes every client connection (stop). */
  closeAll(): void {
    for (const c of this.clients.values()) c.destroy();
  }
}
