/**
 * One client connection of an http or https frontend: the proxy's own HTTP/1.1 server side. It parses
 * requests (request-parser.ts), inspects each head (../inspect.ts decides the body framing), hands the
 * exchange to the frontend, and moves to the next request once the response is written and the request
 * read. Pipelined requests wait, in order, until the response before them is finished.
 *
 * Backpressure (SEMANTICS.md, Bounds): a finished response whose bytes the socket could not hand to the
 * kernel (a client that does not read) holds the next request until 'drain', and reading stops meanwhile;
 * pipelined bytes waiting for their turn are bounded (reading pauses above `maxHeadBytes`); a request body
 * is read only as fast as it is forwarded (exchange.ts, the upstream connection).
 *
 * Timers are not per connection: the listener checks every connection on one interval (checkTimeouts):
 *   - a head not complete within the header timeout (counted from the connection's start for the first
 *     request) is 408;
 *   - a request body must bring at least MIN_BODY_BYTES_PER_SECOND over every header-timeout window while
 *     the proxy is reading it (time paused for the member's backpressure does not count): else 408, so a
 *     trickling upload cannot hold a member connection;
 *   - a finished response not taken by the client within the idle timeout (send timeout) closes the
 *     connection, as does an idle keep-alive connection.
 * While a response is in progress, the transaction's own timeouts apply.
 *
 * A request body that turns out malformed (or too large in its framing, or cut short by the client's end
 * of stream, or too slow) while its response has not started is answered by the connection (400, 413 or
 * 408, then closed): the exchange is abandoned first, which cuts its member connection, so the member never
 * gets a complete request and nothing after the fault is forwarded.
 */
import type { Socket } from 'node:net';
import { attachHandlers, detachHandlers, type SocketHandlers } from '../socket-handlers';
import { inspectRequest, isRefusal, type Inspected, type Refusal } from '../inspect';
import { ClientRequest, ClientResponse, type ExchangeConnection } from './exchange';
import { ClientRequestError } from '../../../../lib/errors';
import { RequestParser, type RequestHead, type RequestSink } from './request-parser';

/** The frontend, as a connection sees it. */
export interface ConnectionHandler {
  /** A request whose head has been inspected: route and answer it (a refusal is answered with a close). */
  onRequest(req: ClientRequest, res: ClientResponse, inspected: Inspected | Refusal): void;
  /** A valid upgrade request: the socket is the handler's from now on; `head` holds bytes read past the request. */
  onUpgrade(req: ClientRequest, socket: Socket, head: Buffer, inspected: Inspected): void;
  /**
   * Input that cannot be answered as a request (malformed, too large, too slow, CONNECT): counted, then
   * answered with `status` and closed, or only closed when `answer` is false (a response is in progress).
   */
  refuse(socket: Socket, status: number, reason: string, answer: boolean): void;
  /** An error of the proxy itself while reading a request: counted, and the connection is closed. */
  internalError(socket: Socket, error: unknown): void;
  /** The connection is over (closed, or handed to an upgrade). */
  released(conn: ClientConnection): void;
}

export interface ConnectionSettings {
  readonly maxHeadBytes: number;
  readonly headersTimeoutMs: number;
  /** Idle keep-alive connections are closed after this. */
  readonly idleMs: number;
}

/** RFC 9110 §10.1.1, as Node's http server matches it. */
const CONTINUE = /(?:^|\W)100-continue(?:$|\W)/i;

/**
 * Below this average over a header-timeout window, a request body is too slow (408). Kestrel's default
 * minimum request body data rate is the same 240 bytes/s (with a 5 s grace period):
 * https://learn.microsoft.com/en-us/dotnet/api/microsoft.aspnetcore.server.kestrel.core.kestrelserverlimits.minrequestbodydatarate
 * nginx's client_body_timeout (60 s) only bounds the gap between two reads, so one byte a minute passes it.
 */
export const MIN_BODY_BYTES_PER_SECOND = 240;

export class ClientConnection implements RequestSink, ExchangeConnection {
  private readonly parser: RequestParser;
  private req: ClientRequest | undefined;
  private res: ClientResponse | undefined;
  private upgrade: { readonly req: ClientRequest; readonly inspected: Inspected } | undefined;
  /** Bytes of pipelined requests waiting for the current response. */
  private backlog: Buffer | undefined;
  /** When the current head started (the connection's start for the first); 0 between requests. */
  private headStartedAt: number;
  /** When the last exchange ended (keep-alive idle), 0 when not idle. */
  private idleSince = 0;
  private executing = false;
  private clientEnded = false;
  /** When the finished response started waiting for 'drain' (the client does not read), 0 when not. */
  private drainWaitSince = 0;
  /** When the connection started closing after its last response (or a refusal), 0 when not. */
  private closingSince = 0;
  /** Body bytes received in the current body-rate window, and when the window started. */
  private bodyWindowBytes = 0;
  private bodyWindowStart = 0;
  /** No more requests are read (a refusal, a close after the response, an upgrade, or closed). */
  private done = false;
  private readonly keepAliveSeconds: number;

  constructor(
    readonly socket: Socket,
    private readonly handler: ConnectionHandler,
    private readonly settings: ConnectionSettings,
  ) {
    this.parser = new RequestParser(this, settings.maxHeadBytes);
    this.headStartedAt = Date.now();
    this.keepAliveSeconds = Math.floor(settings.idleMs / 1000);
    attachHandlers(socket, this.socketHandlers());
  }

  // --- input ---------------------------------------------------------------------------------------------

  private readonly onData = (data: Buffer): void => {
    if (this.done) return;
    if (this.req && this.parser.complete) {
      // Pipelined: the next request waits for the current response.
      this.backlog = this.backlog ? Buffer.concat([this.backlog, data]) : data;
      if (this.backlog.length > this.settings.maxHeadBytes) this.socket.pause();
      return;
    }
    this.feed(data);
  };

  private feed(data: Buffer): void {
    let at = 0;
    while (at < data.length && !this.done) {
      if (!this.req && this.headStartedAt === 0) {
        this.headStartedAt = Date.now();
        this.idleSince = 0;
      }
      this.executing = true;
      try {
        at += this.parser.execute(at === 0 ? data : data.subarray(at));
      } catch (e) {
        if (e instanceof ClientRequestError) this.refuse(e.status, e.reason);
        else {
          // Nothing a client sends may crash the proxy.
          this.done = true;
          this.handler.internalError(this.socket, e);
        }
        return;
      } finally {
        this.executing = false;
      }
      if (this.upgrade) {
        this.handOver(this.upgrade.req, data.subarray(at), this.upgrade.inspected);
        return;
      }
      if (!this.next() && at < data.length && !this.done) {
        // The request is read, its response is not finished: the rest is the next request's.
        this.backlog = data.subarray(at);
        if (this.backlog.length > this.settings.maxHeadBytes) this.socket.pause();
        return;
      }
    }
  }

  // --- RequestSink (the parser) ------------------------------------------------------------------------

  onRequestHead(head: RequestHead): void {
    this.headStartedAt = 0;
    const req = new ClientRequest(head, this);
    if (head.method === 'CONNECT') {
      this.refuse(501, 'connect-method');
      return;
    }
    const inspected = inspectRequest(req);
    const refused = isRefusal(inspected);
    if (!refused && inspected.upgrade && inspected.connectionUpgrade) {
      this.upgrade = { req, inspected };
      return;
    }
    const keepAlive = !refused && (head.httpVersionMinor === 1 ? !inspected.connectionClose : inspected.connectionKeepAlive);
    const res = new ClientResponse(this, head.method, head.httpVersionMinor === 0, keepAlive, this.keepAliveSeconds);
    this.req = req;
    this.res = res;
    this.bodyWindowBytes = 0;
    this.bodyWindowStart = Date.now();
    if (!refused) {
      if (inspected.body === 'length') this.parser.expectBody('length', Number(inspected.contentLength));
      else if (inspected.body === 'chunked') this.parser.expectBody('chunked');
      const expect = head.httpVersionMinor === 1 ? inspected.expect : undefined;
      if (expect !== undefined) {
        if (!CONTINUE.test(expect)) {
          // As Node's http server: an expectation it cannot meet is 417, and the request is not routed.
          req.discard();
          res.writeHead(417, 'Expectation Failed', ['Content-Length', '0']);
          res.end();
          return;
        }
        this.socket.write('HTTP/1.1 100 Continue\r\n\r\n', 'latin1');
      }
    }
    this.handler.onRequest(req, res, inspected);
  }

  onRequestBody(chunk: Buffer): void {
    this.bodyWindowBytes += chunk.length;
    this.req?.pushBody(chunk);
  }

  onRequestEnd(): void {
    this.req?.endBody();
  }

  // --- ExchangeConnection (the request and response) -------------------------------------------------

  pauseReading(): void {
    this.socket.pause();
  }

  resumeReading(): void {
    if (!this.backlog && this.drainWaitSince === 0) this.socket.resume();
  }

  responseFinished(res: ClientResponse): void {
    if (res !== this.res) return;
    if (!res.keepAlive) {
      this.closeAfterResponse();
      return;
    }
    // A body nobody read (a local answer, or the member answered early) is read to its end and dropped.
    if (!this.req!.complete) this.req!.discard();
    if (this.executing) return; // feed() moves on when the parser returns
    this.proceed();
  }

  /** Moves on to the next request if the exchange is over, with the pipelined bytes waiting for it. */
  private proceed(): void {
    if (!this.next()) return;
    const backlog = this.backlog;
    this.backlog = undefined;
    this.socket.resume();
    if (backlog) this.feed(backlog);
  }

  destroy(): void {
    this.done = true;
    this.socket.destroy();
  }

  /**
   * Moves on to the next request once the current one is read and answered; false when the exchange is
   * not over (or the connection closes).
   */
  private next(): boolean {
    const req = this.req;
    const res = this.res;
    if (this.done || !req || !res || !req.complete || !res.writableFinished) return false;
    if (this.socket.writableNeedDrain) {
      // The client is not reading what it asked for: no more requests are read or answered until it does.
      if (this.drainWaitSince === 0) {
        this.drainWaitSince = Date.now();
        this.socket.pause();
      }
      return false;
    }
    this.req = undefined;
    this.res = undefined;
    if (this.clientEnded && !this.backlog) {
      this.closeAfterResponse();
      return false;
    }
    this.parser.next();
    this.headStartedAt = 0;
    this.idleSince = Date.now();
    return true;
  }

  private closeAfterResponse(): void {
    this.done = true;
    this.closingSince = Date.now();
    this.backlog = undefined;
    this.socket.destroySoon();
  }

  /**
   * Refuses the input with `status` and closes. During an exchange whose response has not started, the
   * exchange is abandoned (its member connection cut) and `status` answers it; once the response has
   * started, the connection is only closed (the client sees a cut response, never two).
   */
  private refuse(status: number, reason: string): void {
    const res = this.res;
    const answer = !res || !res.started;
    this.done = true;
    this.closingSince = Date.now();
    this.parser.abort();
    res?.abandon(answer ? status : undefined);
    this.handler.refuse(this.socket, status, reason, answer);
  }

  private socketHandlers(): SocketHandlers {
    return { data: this.onData, end: this.onEnd, drain: this.onDrain, error: this.onError, close: this.onClose };
  }

  private handOver(req: ClientRequest, head: Buffer, inspected: Inspected): void {
    this.done = true;
    const socket = this.socket;
    detachHandlers(socket, this.socketHandlers());
    this.handler.released(this);
    this.handler.onUpgrade(req, socket, head, inspected);
  }

  // --- socket events -------------------------------------------------------------------------------------

  private readonly onEnd = (): void => {
    this.clientEnded = true;
    if (this.done) return;
    if (this.req) {
      // The client stopped sending: a body cut short is refused; otherwise the response still goes out.
      if (!this.req.complete) this.refuse(400, 'body-incomplete');
      return;
    }
    if (this.parser.inHead) this.refuse(400, 'malformed');
    else this.closeAfterResponse();
  };

  private readonly onDrain = (): void => {
    this.res?.drained();
    if (this.drainWaitSince !== 0 && !this.done) {
      this.drainWaitSince = 0;
      this.proceed();
    }
  };

  private readonly onError = (): void => {
    this.socket.destroy();
  };

  private readonly onClose = (): void => {
    this.done = true;
    this.backlog = undefined;
    const res = this.res;
    this.req = undefined;
    this.res = undefined;
    res?.notifyClose();
    this.handler.released(this);
  };

  // --- timers ----------------------------------------------------------------------------------------------

  /** From the listener's interval. */
  checkTimeouts(now: number): void {
    if (this.done) {
      // A last response (or refusal) the client does not take would keep the socket open for ever: the
      // send timeout applies to it too.
      if (this.closingSince !== 0 && now - this.closingSince >= this.settings.idleMs) this.socket.destroy();
      return;
    }
    if (this.drainWaitSince !== 0) {
      // Send timeout: the client took nothing of a finished response for the idle timeout.
      if (now - this.drainWaitSince >= this.settings.idleMs) this.destroy();
      return;
    }
    const req = this.req;
    if (req) {
      if (!req.complete) this.checkBodyRate(now);
      return;
    }
    if (this.headStartedAt !== 0) {
      if (now - this.headStartedAt >= this.settings.headersTimeoutMs) this.refuse(408, 'header-timeout');
    } else if (this.idleSince !== 0 && now - this.idleSince >= this.settings.idleMs) {
      this.destroy();
    }
  }

  /** 408 when the body brought too little over the last window; reading paused by the proxy does not count. */
  private checkBodyRate(now: number): void {
    const windowMs = this.settings.headersTimeoutMs;
    if (this.socket.isPaused()) {
      // The member (or a reader not started yet) holds the body back: not the client's slowness.
      this.bodyWindowStart = now;
      this.bodyWindowBytes = 0;
      return;
    }
    if (now - this.bodyWindowStart < windowMs) return;
    if (this.bodyWindowBytes < (MIN_BODY_BYTES_PER_SECOND * windowMs) / 1000) {
      this.refuse(408, 'body-timeout');
      return;
    }
    this.bodyWindowStart = now;
    this.bodyWindowBytes = 0;
  }

  /** Closes the connection unless an exchange is in progress (stopping). */
  closeIfIdle(): void {
    if (!this.req) this.destroy();
  }
}
