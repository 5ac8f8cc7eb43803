/**
 * HTTP/2 to members: one multiplexed client session per member (node:http2), opened on first use and shared
 * by every stream to that member, as a pooled keep-alive connection is for HTTP/1.1. A session that closes,
 * fails or receives GOAWAY is dropped, and the next stream opens a new one. A session without activity for
 * `idleMs` is closed gracefully (streams still open finish first); stopping destroys them all.
 */
import { connect, type ClientHttp2Session } from 'node:http2';
import { formatHostPort } from '../address';
import type { Member } from '../balancer/member';

export interface MemberSessionUse {
  readonly session: ClientHttp2Session;
  /** The session is not connected yet: a failure is a refused connection (retried on another member). */
  readonly connected: boolean;
}

export class MemberSessions {
  private readonly sessions = new Map<Member, ClientHttp2Session>();
  private readonly connected = new WeakSet<ClientHttp2Session>();

  constructor(private readonly idleMs: number) {}

  /** The member's session, opened when there is none usable. `tls`: ALPN h2 over TLS, certificate not verified. */
  use(m: Member, tls: boolean): MemberSessionUse {
    const existing = this.sessions.get(m);
    if (existing && !existing.closed && !existing.destroyed) return { session: existing, connected: this.connected.has(existing) };
    const authority = formatHostPort(m.host, m.port);
    const session = connect(`${tls ? 'https' : 'http'}://${authority}`, tls ? { rejectUnauthorized: false, ALPNProtocols: ['h2'] } : {});
    this.sessions.set(m, session);
    session.once('connect', () => this.connected.add(session));
    // Errors reach the streams ('error' on each); the session only has to be forgotten.
    session.on('error', () => undefined);
    session.once('goaway', () => this.forget(m, session));
    session.once('close', () => this.forget(m, session));
    session.setTimeout(this.idleMs, () => session.close());
    return { session, connected: false };
  }

  private forget(m: Member, session: ClientHttp2Session): void {
    if (this.sessions.get(m) === session) this.sessions.delete(m);
  }

  /** Destroys every member session (the load balancer stops). */
  closeAll(): void {
    for (const s of this.sessions.values()) s.destroy();
    this.sessions.clear();
  }
}
