/**
 * The listening side of an http or https frontend: a TCP (or TLS) server whose connections are
 * ClientConnections, one interval timer for all of their header and keep-alive timeouts (as Node's http
 * server checks its connections), and closing them when the load balancer stops.
 */
import { createServer as createTcpServer, type Server, type Socket } from 'node:net';
import { createServer as createTlsServer, type TLSSocket, type TlsOptions } from 'node:tls';
import { LiveList, type LiveListEntry } from '../../live-list';
import { ClientConnection, type ConnectionHandler, type ConnectionSettings } from './connection';

/** What the frontend handles: everything about requests; the listener keeps the connections. */
export type RequestHandler = Omit<ConnectionHandler, 'released'>;

export class HttpListener {
  readonly server: Server;
  private readonly connections = new LiveList<ClientConnection>();
  private readonly sockets = new LiveList<Socket>();
  private readonly entries = new WeakMap<ClientConnection, LiveListEntry<ClientConnection>>();
  private readonly handler: ConnectionHandler;
  private timer: NodeJS.Timeout | undefined;

  /**
   * @param admit decides on a new TCP connection (before any TLS handshake): false when it was refused
   */
  /**
   * @param h2 takes the connections that speak HTTP/2 (frontends with http2): TLS ones that chose h2 by ALPN,
   *   cleartext ones that open with the HTTP/2 preface (prior knowledge, RFC 9113 §3.3)
   */
  constructor(
    frontend: RequestHandler,
    private readonly settings: ConnectionSettings,
    tls: TlsOptions | undefined,
    admit: (socket: Socket) => boolean,
    h2?: (socket: Socket) => void,
  ) {
    this.handler = {
      onRequest: (req, res, inspected) => frontend.onRequest(req, res, inspected),
      onUpgrade: (req, socket, head, inspected) => frontend.onUpgrade(req, socket, head, inspected),
      refuse: (socket, status, reason, answer) => frontend.refuse(socket, status, reason, answer),
      internalError: (socket, error) => frontend.internalError(socket, error),
      released: (conn) => {
        const entry = this.entries.get(conn);
        if (entry) this.connections.remove(entry);
      },
    };
    const accept1 = (socket: Socket) => {
      if (socket.destroyed) return;
      const conn = new ClientConnection(socket, this.handler, this.settings);
      this.entries.set(conn, this.connections.add(conn));
    };
    // Node's https server offers only HTTP/1.1 by ALPN; so does this one. Half-open TCP connections are kept
    // so that a client that ends its side after a request still gets the response; TLS has no half-close
    // (a socket that closes during the handshake would otherwise stay open).
    const accept = !h2
      ? accept1
      : tls
        ? (socket: Socket) => ((socket as TLSSocket).alpnProtocol === 'h2' ? h2(socket) : accept1(socket))
        : (socket: Socket) => sniffPreface(socket, settings.headersTimeoutMs, (isH2) => (isH2 ? h2(socket) : accept1(socket)));
    this.server = tls
      ? createTlsServer({ ALPNProtocols: ['http/1.1'], ...tls, ...(h2 ? { ALPNProtocols: ['h2', 'http/1.1'] } : {}) }, accept)
      : createTcpServer({ allowHalfOpen: true, noDelay: true }, accept);
    // The admission check runs first, on the TCP connection (for TLS: before the handshake). Every admitted
    // TCP connection is kept until it closes, handshake or not, so that stopping can close them all.
    this.server.prependListener('connection', (socket: Socket) => {
      if (!admit(socket)) {
        socket.destroy();
        return;
      }
      if (tls) socket.setNoDelay(true);
      const entry = this.sockets.add(socket);
      socket.once('close', () => this.sockets.remove(entry));
    });
    this.server.once('listening', () => this.startTimer());
    this.server.once('close', () => this.stopTimer());
  }

  /** Closes every connection without an exchange in progress (stopping: no new requests on them). */
  closeIdleConnections(): void {
    for (const conn of this.connections.values()) conn.closeIfIdle();
  }

  /** Closes every connection (with a TLS handshake in progress or not). */
  closeAllConnections(): void {
    for (const conn of this.connections.values()) conn.destroy();
    for (const socket of this.sockets.values()) socket.destroy();
  }

  private startTimer(): void {
    const s = this.settings;
    const every = Math.max(10, Math.min(1000, Math.floor(Math.min(s.headersTimeoutMs, s.idleMs) / 4)));
    this.timer = setInterval(() => {
      const now = Date.now();
      for (const conn of this.connections.values()) conn.checkTimeouts(now);
    }, every);
    this.timer.unref();
  }

  private stopTimer(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
  }
}

/** The client connection preface of HTTP/2 (RFC 9113 §3.4). */
const PREFACE = Buffer.from('PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n', 'latin1');

/**
 * Reads the first bytes of a cleartext connection until they are, or cannot be, the HTTP/2 preface, puts them
 * back, and hands the connection over. An HTTP/1.1 request differs from the preface in its first bytes, so
 * HTTP/1.1 clients wait for nothing; a connection silent for `timeoutMs` is closed.
 */
function sniffPreface(socket: Socket, timeoutMs: number, then: (isH2: boolean) => void): void {
  let seen: Buffer = Buffer.alloc(0);
  const timer = setTimeout(() => socket.destroy(), timeoutMs);
  const done = (isH2: boolean) => {
    clearTimeout(timer);
    socket.off('data', onData);
    socket.off('close', onClose);
    socket.off('error', onError);
    socket.pause();
    socket.unshift(seen);
    then(isH2);
    if (!isH2) socket.resume();
  };
  const onData = (chunk: Buffer) => {
    seen = seen.length ? Buffer.concat([seen, chunk]) : chunk;
    const n = Math.min(seen.length, PREFACE.length);
    if (!seen.subarray(0, n).equals(PREFACE.subarray(0, n))) done(false);
    else if (seen.length >= PREFACE.length) done(true);
  };
  const onClose = () => clearTimeout(timer);
  // A reset while sniffing is the client's: the socket closes, nothing is thrown.
  const onError = () => socket.destroy();
  socket.on('data', onData);
  socket.once('close', onClose);
  socket.on('error', onError);
}
