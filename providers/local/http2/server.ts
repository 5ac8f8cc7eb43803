/**
 * The HTTP/2 side of an http or https frontend: a node:http2 server that never listens itself. The frontend's
 * listener hands it the connections that speak HTTP/2 (TLS connections that chose h2 by ALPN, cleartext ones
 * that open with the HTTP/2 preface); each stream becomes an H2Exchange.
 *
 * Bad input never reaches a member: node:http2 (nghttp2) answers protocol errors itself, a malformed frame
 * with GOAWAY PROTOCOL_ERROR or FRAME_SIZE_ERROR, a header block above `maxHeaderListSize` with RST_STREAM
 * (and 431 when the block could be read), and closes a session after `maxSessionInvalidFrames` invalid
 * frames or `maxSessionRejectedStreams` refused streams. On top of that, a session whose client resets more
 * than `maxResets` streams within `resetWindowMs` (the rapid-reset attack, CVE-2023-44487) gets GOAWAY
 * ENHANCE_YOUR_CALM and is closed: a flood costs at most that many decided streams per session.
 */
import { constants, createServer, type Http2Server, type Http2Session, type IncomingHttpHeaders, type ServerHttp2Stream } from 'node:http2';
import type { Socket } from 'node:net';
import { H2Exchange, type H2Host } from './exchange';

export interface H2Limits {
  /** Largest header list (HPACK-decoded) a client may send: the HTTP/1.1 head's bound. */
  readonly maxHeaderListSize: number;
  /** Streams open at once per session (SETTINGS_MAX_CONCURRENT_STREAMS). */
  readonly maxConcurrentStreams: number;
  /** Client resets (RST_STREAM of a stream not answered yet) tolerated per window. */
  readonly maxResets: number;
  readonly resetWindowMs: number;
  /** A session without a frame either way this long is closed. */
  readonly idleMs: number;
}

export const H2_DEFAULTS = { maxConcurrentStreams: 100, maxResets: 100, resetWindowMs: 10_000 } as const;

export class H2Sessions {
  private readonly server: Http2Server;
  private readonly sessions = new Set<Http2Session>();
  /** Each session's reset counter. */
  private readonly resetCounters = new WeakMap<Http2Session, () => void>();

  /**
   * @param route binds each stream to a frontend, or to the port's own answer (404, 421), when several
   *   frontends share the port (listener-binding.ts); without it every stream is `host`'s
   */
  constructor(
    private readonly host: H2Host,
    private readonly limits: H2Limits,
    private readonly route?: (stream: ServerHttp2Stream, headers: IncomingHttpHeaders) => H2Host | { readonly status: number; readonly message: string },
  ) {
    this.server = createServer({
      maxSessionInvalidFrames: 100,
      maxSessionRejectedStreams: 100,
      maxHeaderListPairs: 256,
      maxOutstandingPings: 10,
      settings: { maxConcurrentStreams: limits.maxConcurrentStreams, maxHeaderListSize: limits.maxHeaderListSize, enablePush: false },
    });
    this.server.on('session', (session) => this.onSession(session));
    this.server.on('stream', (stream, headers) => this.onStream(stream, headers));
    // Errors of a session or stream (a protocol error, a reset) are the peer's: counted, never thrown.
    this.server.on('sessionError', () => host.badRequest('h2-protocol-error', 400));
    this.server.on('streamError' as never, () => undefined);
  }

  /** A connection that speaks HTTP/2 (the listener has already admitted it and read nothing it kept). */
  accept(socket: Socket): void {
    this.server.emit('connection', socket);
  }

  private onSession(session: Http2Session): void {
    this.sessions.add(session);
    session.once('close', () => this.sessions.delete(session));
    session.on('error', () => undefined);
    session.on('frameError', () => this.host.badRequest('h2-frame-error', 400));
    session.setTimeout(this.limits.idleMs, () => session.close());
    let resets = 0;
    let windowStart = Date.now();
    const onReset = () => {
      const now = Date.now();
      if (now - windowStart > this.limits.resetWindowMs) {
        windowStart = now;
        resets = 0;
      }
      if (++resets > this.limits.maxResets && !session.closed) {
        this.host.badRequest('h2-rapid-reset', 400);
        session.goaway(constants.NGHTTP2_ENHANCE_YOUR_CALM);
        session.destroy();
      }
    };
    this.resetCounters.set(session, onReset);
  }

  private onStream(stream: ServerHttp2Stream, headers: IncomingHttpHeaders): void {
    const counter = stream.session ? this.resetCounters.get(stream.session) : undefined;
    // 'aborted': the client reset the stream before it was answered in full.
    if (counter) stream.once('aborted', counter);
    if (this.host.runtime.stopping) {
      stream.on('error', () => undefined);
      stream.close(constants.NGHTTP2_REFUSED_STREAM);
      return;
    }
    try {
      const target = this.route ? this.route(stream, headers) : this.host;
      if ('status' in target) {
        stream.on('error', () => undefined);
        stream.respond({ ':status': target.status, 'content-type': 'text/plain; charset=utf-8' });
        stream.end(`${target.status} ${target.message}\n`);
        return;
      }
      new H2Exchange(target, stream, headers).start();
    } catch (e) {
      // Nothing a client sends may crash the proxy: an unexpected error resets the stream and is counted.
      this.host.badRequest('internal-error', 500);
      this.host.runtime.emit({ type: 'internal-error', frontend: this.host.model.name, message: e instanceof Error ? e.message : String(e) });
      stream.on('error', () => undefined);
      if (!stream.destroyed) stream.close(constants.NGHTTP2_INTERNAL_ERROR);
    }
  }

  /** Stopping: GOAWAY to every session (streams in progress finish). */
  closeIdle(): void {
    for (const s of this.sessions) if (!s.closed) s.close();
  }

  closeAll(): void {
    for (const s of this.sessions) s.destroy();
    this.sessions.clear();
  }
}
