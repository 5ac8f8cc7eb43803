/**
 * tcp and tls frontends: each client connection is piped to one member (connection.ts). The member is chosen
 * per connection by the pool's algorithm (key: the client address) or source-ip persistence; a refused
 * connection to a member is retried on another before any client byte is read. A tls frontend terminates
 * TLS first; a tls pool gets a new TLS connection (member certificate not verified). Idle timeout: the
 * frontend's idleTimeoutSeconds. Plain TCP on both sides takes Node's TCP handles without streams
 * (raw-connection.ts) where this Node has them; everything else net.Socket (socket-connection.ts).
 */
import { createServer as createTcpServer, type Server, type Socket } from 'node:net';
import { createServer as createTlsServer, type TlsOptions } from 'node:tls';
import type { FrontendModel } from '../../../lib/model/types';
import { accessLogEntry, seconds } from '../access-log';
import type { FrontendStats } from '../admin/metrics';
import { clientIp } from '../address';
import type { Member } from '../balancer/member';
import type { PoolRuntime } from '../balancer/pool';
import { listenOn, SourceFilter } from '../listen';
import { LiveList } from '../live-list';
import type { ProxyRuntime } from '../runtime';
import type { L4Connection } from './connection';
import { rawTcp, type RawTcp, type TcpHandle } from './raw-binding';
import { IdleSweep } from './idle-sweep';
import { RawConnection } from './raw-connection';
import { SocketConnection } from './socket-connection';

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
  private readonly clients = new LiveList<L4Connection>();
  /**
   * Whether a connection needs its client's address: a source filter, a pick keyed by it, or an access log.
   * Reading it costs a getpeername system call per connection, so a frontend without these skips it.
   */
  private readonly needsClientIp: boolean;
  /** Node's TCP handles, when both sides are plain TCP and this Node has them in the expected shape. */
  private readonly raw: RawTcp | undefined;
  private readonly sweep: IdleSweep;
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
    this.raw = !tls && pool.protocol !== 'tls' && runtime.tunables.rawTcp ? rawTcp() : undefined;
    this.sweep = new IdleSweep(this.idleMs);
    const options = { allowHalfOpen: true, pauseOnConnect: true, noDelay: true };
    this.server = tls
      ? createTlsServer({ ...tls, allowHalfOpen: true } as TlsOptions, (s) => this.onSocket(s))
      : createTcpServer(options, (s) => this.onSocket(s));
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
    const handle = (this.server as unknown as { _handle?: TcpHandle })._handle;
    // The fast path takes accepted handles before net.Server wraps them in a net.Socket.
    if (this.raw && handle && typeof handle.onconnection === 'function') handle.onconnection = (err, h) => this.onHandle(err, h);
  }

  private onSocket(client: Socket): void {
    this.onClient(new SocketConnection(client, this.pool.model.protocol === 'tls', this.idleMs));
  }

  /** An accepted TCP handle (the fast path); maxConnections and 'drop' as net.Server does them. */
  private onHandle(err: number, handle: TcpHandle): void {
    if (err) return;
    if (this.server.maxConnections && this.stats.activeConnections >= this.server.maxConnections) {
      handle.close();
      this.server.emit('drop');
      return;
    }
    this.onClient(new RawConnection(this.raw!, handle, this.sweep));
  }

  private onClient(conn: L4Connection): void {
    const peer = this.needsClientIp ? conn.peer() : undefined;
    const ip = peer ? clientIp(peer.address) : '';
    if (!this.sources.allows(ip)) {
      this.stats.deniedConnections++;
      conn.destroy();
      return;
    }
    this.stats.activeConnections++;
    const entry = this.clients.add(conn);
    conn.onClientClose(() => {
      this.stats.activeConnections--;
      this.clients.remove(entry);
    });
    this.connectTo(conn, { ip, port: peer?.port ?? 0, started: performance.now() }, []);
  }

  private connectTo(conn: L4Connection, client: ClientInfo, tried: Member[]): void {
    const pool = this.pool;
    const m = pickL4(pool, client.ip, tried);
    if (!m) {
      this.finish(conn, client, undefined, 'NoHealthyTargets');
      conn.destroy();
      return;
    }
    pool.acquire(m);
    const entry = m.connections.add(conn);
    conn.connect(m, (connected) => {
      if (!connected) {
        pool.failed(m);
        pool.release(m);
        m.connections.remove(entry);
        if (conn.clientClosed) return this.finish(conn, client, m, 'ClientClosed');
        tried.push(m);
        return this.connectTo(conn, client, tried);
      }
      pool.succeeded(m);
      const dispatched = performance.now();
      conn.pipe((err) => {
        pool.release(m);
        m.connections.remove(entry);
        if (err) pool.failed(m);
        this.finish(conn, client, m, err ? 'TargetError' : '-', dispatched);
      });
    });
  }

  private finish(conn: L4Connection, client: ClientInfo, m: Member | undefined, errorReason: string, dispatched = 0): void {
    const end = performance.now();
    const started = client.started;
    this.stats.record(undefined, m ? this.pool : undefined, m, 0, (end - started) / 1000);
    const log = this.runtime.accessLog;
    if (!log) return;
    log.write(
      accessLogEntry({
        type: this.model.protocol,
        elb: this.runtime.model.name,
        frontend: this.model.name,
        client: `${client.ip}:${client.port}`,
        target: m?.address ?? '-',
        target_group: this.pool.name,
        chosen_cert: this.model.tls?.certificate ?? '-',
        request_processing_time: dispatched ? seconds(started, dispatched) : -1,
        response_processing_time: dispatched ? seconds(dispatched, end) : -1,
        received_bytes: conn.bytesRead,
        sent_bytes: conn.bytesWritten,
        request_creation_time: new Date(Date.now() - (end - started)).toISOString(),
        actions_executed: m ? 'forward' : '-',
        error_reason: errorReason,
      }),
    );
  }

  /** Closes every client connection (stop). */
  closeAll(): void {
    for (const c of this.clients.values()) c.destroy();
    this.sweep.stop();
  }
}

/** Who a connection came from and when (for the pick, the stats and the access log). */
interface ClientInfo {
  readonly ip: string;
  readonly port: number;
  readonly started: number;
}
