/**
 * Keep-alive connections to one member (http or https), the proxy's replacement for a Node http.Agent:
 * idle connections are reused last-in first-out (the busiest stay warm, the rest age out), closed after
 * `keepAliveMs` idle (keep it below the member's own keep-alive timeout), and never limited in number, like
 * the Agent it replaces (maxSockets: Infinity).
 *
 * https members: TLS without certificate verification (as cloud load balancers do not verify targets'),
 * SNI = the member's host name (none for an IP address, as Node's https agent does), TLS sessions resumed.
 */
import { maxHeaderSize } from 'node:http';
import { connect, isIP, type Socket } from 'node:net';
import { connect as tlsConnect, type TLSSocket } from 'node:tls';
import { memberReads, type MemberReads } from '../../read-buffer';
import { UpstreamConnection, type ConnectionOwner } from './connection';

export interface UpstreamTarget {
  readonly host: string;
  readonly port: number;
  readonly tls: boolean;
}

export class UpstreamPool implements ConnectionOwner {
  private readonly idle: UpstreamConnection[] = [];
  private readonly all = new Set<UpstreamConnection>();
  private sweeper: NodeJS.Timeout | undefined;
  private tlsSession: Buffer | undefined;
  private closing = false;

  constructor(
    private readonly target: UpstreamTarget,
    private readonly keepAliveMs: number,
  ) {}

  /** Connections open (idle or busy), for tests and status. */
  get size(): number {
    return this.all.size;
  }

  get idleCount(): number {
    return this.idle.length;
  }

  /**
   * A pooled connection (the most recently used one still fresh), or a new one; `fresh`: always a new one
   * (an upgrade, or a retry after a pooled connection to the member failed).
   */
  acquire(fresh = false): UpstreamConnection {
    if (fresh) return this.open();
    const now = performance.now();
    for (let conn = this.idle.pop(); conn; conn = this.idle.pop()) {
      if (conn.usable && now - conn.idleSince < this.keepAliveMs) {
        conn.reused = true;
        return conn;
      }
      conn.destroy();
    }
    return this.open();
  }

  released(conn: UpstreamConnection): void {
    if (this.closing) {
      conn.destroy();
      return;
    }
    conn.idleSince = performance.now();
    this.idle.push(conn);
    if (!this.sweeper) this.sweepIn(this.keepAliveMs);
  }

  closed(conn: UpstreamConnection): void {
    this.all.delete(conn);
    const i = this.idle.indexOf(conn);
    if (i >= 0) this.idle.splice(i, 1);
  }

  /**
   * Closes every connection, idle or busy (the member is drained or the load balancer stops). The pool is
   * not used again (the member makes a new one); a connection released to it later is closed.
   */
  close(): void {
    this.closing = true;
    if (this.sweeper) clearTimeout(this.sweeper);
    this.sweeper = undefined;
    for (const conn of [...this.all]) conn.destroy();
    this.idle.length = 0;
  }

  private open(): UpstreamConnection {
    const { host, port } = this.target;
    let socket: Socket;
    // A clear member is read into the shared reusable buffer (../../read-buffer.ts); a TLS one the usual way.
    let reads: MemberReads | undefined;
    if (this.target.tls) {
      const tls: TLSSocket = tlsConnect({ host, port, servername: isIP(host) ? undefined : host, rejectUnauthorized: false, session: this.tlsSession });
      tls.on('session', (session: Buffer) => (this.tlsSession = session));
      tls.setNoDelay(true);
      socket = tls;
    } else {
      reads = memberReads();
      socket = connect({ host, port, noDelay: true, onread: reads.onread });
    }
    const conn = new UpstreamConnection(socket, this, maxHeaderSize, this.target.tls ? 'secureConnect' : 'connect', reads);
    this.all.add(conn);
    return conn;
  }

  /** Closes connections idle for keepAliveMs; one timer per pool, only while some connection is idle. */
  private sweepIn(ms: number): void {
    this.sweeper = setTimeout(
      () => {
        this.sweeper = undefined;
        const now = performance.now();
        // idle[] is in release order: the oldest first.
        while (this.idle.length && now - this.idle[0].idleSince >= this.keepAliveMs) this.idle.shift()!.destroy();
        if (this.idle.length) this.sweepIn(this.keepAliveMs - (now - this.idle[0].idleSince));
      },
      Math.max(1, Math.ceil(ms)),
    );
    this.sweeper.unref();
  }
}
