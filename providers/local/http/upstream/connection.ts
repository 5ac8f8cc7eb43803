/**
 * One keep-alive connection to a member, carrying one exchange (request and response) at a time, for the
 * proxy's own upstream client (pool.ts). Listeners are installed once per connection, not per request, and
 * a request without a body is one write. The exchange (transaction.ts) gets plain method calls.
 *
 * A connection goes back to its pool only when the whole request was sent, the whole response read, the
 * member allows keep-alive and sent nothing beyond the response; otherwise it is closed. A request that asks
 * for an upgrade and gets 101 hands the socket over to its exchange (a tunnel); the pool forgets it.
 */
import type { Socket } from 'node:net';
import { attachHandlers, detachHandlers, type SocketHandlers } from '../socket-handlers';
import type { MemberReads } from '../../read-buffer';
import type { BodyReader } from '../server/exchange';
import { MemberResponseError } from '../../../../lib/errors';
import { ResponseParser, type ResponseHead, type ResponseSink } from './response-parser';

/** What the connection reports to the exchange it carries. */
export interface UpstreamExchange {
  /** The connection is up (at once for a pooled one): a request body may be streamed now. */
  onUpstreamConnect(): void;
  onUpstreamHead(head: ResponseHead): void;
  onUpstreamBody(chunk: Buffer): void;
  /** The response is complete; the connection no longer belongs to the exchange. */
  onUpstreamEnd(): void;
  /** The connection failed (refused, reset, closed early, malformed response); it is closed. */
  onUpstreamError(error: NodeJS.ErrnoException): void;
  /** No byte either way for the exchange's timeout. */
  onUpstreamTimeout(): void;
  /** Whether body bytes passed by onUpstreamBody are still referenced (a queued write to the client). */
  holdsUpstreamBody(): boolean;
  /**
   * The member switched protocols (101) on a request sent with `upgrade`: the socket is the exchange's
   * from now on (no listener of the connection is left on it).
   */
  onUpstreamUpgrade?(head: ResponseHead, tunnel: HandedOver): void;
}

/** A member socket handed over after a 101. */
export interface HandedOver {
  readonly socket: Socket;
  /** Bytes the member sent after the 101's head (the new protocol's). */
  readonly rest: Buffer;
  /** Set when the socket reads into the shared buffer (../../read-buffer.ts): the tunnel must take it over. */
  readonly reads: MemberReads | undefined;
}

/** Where a request body comes from (the client's request, server/exchange.ts). */
export interface RequestBodySource {
  /** Starts passing the body to `reader`; undefined stops it (the rest is discarded). */
  readBody(reader: BodyReader | undefined): void;
  pause(): void;
  resume(): void;
}

/** How the request's body is framed upstream. */
export type RequestBody = 'none' | 'length' | 'chunked';

/** Where a connection goes back when its exchange is over (pool.ts). */
export interface ConnectionOwner {
  released(conn: UpstreamConnection): void;
  closed(conn: UpstreamConnection): void;
}

/** A premature close, as Node's client reports it. */
function connectionReset(message: string): NodeJS.ErrnoException {
  return Object.assign(new Error(message), { code: 'ECONNRESET' });
}

export class UpstreamConnection implements ResponseSink, BodyReader {
  /** Whether the connection is established (false while connecting). */
  connected = false;
  /** Whether the current exchange runs on a connection that carried an earlier one. */
  reused = false;
  /** When the connection went back to the pool (performance.now()). */
  idleSince = 0;
  private exchange: UpstreamExchange | undefined;
  private readonly parser: ResponseParser;
  private body: RequestBody = 'none';
  private requestSent = false;
  private keepAlive = false;
  private source: RequestBodySource | undefined;
  private closed = false;
  /** The exchange body bytes of the current read went to (they may still be referenced). */
  private bodyTo: UpstreamExchange | undefined;

  /**
   * @param reads given when the socket reads into the shared reusable buffer (../../read-buffer.ts) rather
   *   than emitting 'data'
   */
  constructor(
    readonly socket: Socket,
    private readonly owner: ConnectionOwner,
    maxHeadBytes: number,
    readyEvent: 'connect' | 'secureConnect',
    private readonly reads?: MemberReads,
  ) {
    this.parser = new ResponseParser(this, maxHeadBytes);
    socket.once(readyEvent, () => this.onReady());
    if (reads) {
      reads.onChunk = (chunk) => {
        this.onData(chunk);
        return true; // pausing is explicit (pause())
      };
      reads.held = () => {
        const to = this.bodyTo;
        this.bodyTo = undefined;
        return to !== undefined && to.holdsUpstreamBody();
      };
    } else {
      socket.on('data', this.onSocketData);
    }
    attachHandlers(socket, this.socketHandlers());
  }

  private readonly onSocketData = (data: Buffer): void => this.onData(data);
  private readonly onDrain = (): void => this.source?.resume();

  /**
   * Sends a request: `head` is the request line and header fields, CRLF-terminated, without the final empty
   * line. With a body, the caller streams it with `pipeBody()` once `onUpstreamConnect()` came. `upgrade`:
   * the request asks for one, and a 101 hands the socket over (onUpstreamUpgrade).
   */
  send(exchange: UpstreamExchange, method: string, head: string, body: RequestBody, timeoutMs: number, upgrade = false): void {
    this.exchange = exchange;
    this.body = body;
    this.requestSent = body === 'none';
    this.keepAlive = false;
    this.parser.start(method, upgrade);
    // Node's socket timer restarts on every read and write; it is re-armed only when the value changes.
    if (this.socket.timeout !== timeoutMs) this.socket.setTimeout(timeoutMs);
    this.socket.write(`${head}\r\n`, 'latin1');
    if (this.connected) exchange.onUpstreamConnect();
  }

  /** Streams the request body from `source` with backpressure; ends the request when the source ends. */
  pipeBody(source: RequestBodySource): void {
    this.source = source;
    source.readBody(this);
  }

  /** The response side's consumer is slow: stop reading from the member. */
  pause(): void {
    this.socket.pause();
  }

  resume(): void {
    this.socket.resume();
  }

  /** Abandons the exchange (if any) and closes the connection; nothing is reported to the exchange. */
  destroy(): void {
    this.detach();
    this.socket.destroy();
  }

  // --- request body ------------------------------------------------------------------------------------

  onBodyData(chunk: Buffer): void {
    if (!this.exchange || chunk.length === 0) return;
    let flushed: boolean;
    if (this.body === 'chunked') {
      this.socket.cork();
      this.socket.write(`${chunk.length.toString(16)}\r\n`, 'latin1');
      this.socket.write(chunk);
      flushed = this.socket.write('\r\n', 'latin1');
      this.socket.uncork();
    } else {
      flushed = this.socket.write(chunk);
    }
    if (!flushed) this.source?.pause();
  }

  onBodyEnd(): void {
    if (!this.exchange) return;
    this.unpipe();
    if (this.body === 'chunked') this.socket.write('0\r\n\r\n', 'latin1');
    this.requestSent = true;
  }

  private unpipe(): void {
    const source = this.source;
    if (!source) return;
    this.source = undefined;
    source.readBody(undefined);
  }

  // --- response ----------------------------------------------------------------------------------------

  onHead(head: ResponseHead): void {
    this.keepAlive = head.keepAlive;
    this.exchange?.onUpstreamHead(head);
  }

  onBody(chunk: Buffer): void {
    const exchange = this.exchange;
    if (!exchange) return;
    this.bodyTo = exchange;
    exchange.onUpstreamBody(chunk);
  }

  private onData(data: Buffer): void {
    const exchange = this.exchange;
    if (!exchange) {
      // Bytes nobody asked for (on an idle connection): the member is out of step; never reuse it.
      this.socket.destroy();
      return;
    }
    let used: number;
    try {
      used = this.parser.execute(data);
    } catch (e) {
      this.fail(e as MemberResponseError);
      return;
    }
    if (this.exchange !== exchange) return;
    const switched = this.parser.switched;
    if (switched) this.handOver(exchange, switched, data.subarray(used));
    else if (this.parser.complete) this.finishExchange(used < data.length);
  }

  /** The handlers besides 'data' (which reads into the shared buffer may replace). */
  private socketHandlers(): SocketHandlers {
    return { end: this.onEnd, error: this.fail, close: this.onClose, timeout: this.onTimeout, drain: this.onDrain };
  }

  /** The member switched protocols: the socket leaves the connection (and its pool) for the exchange. */
  private handOver(exchange: UpstreamExchange, head: ResponseHead, rest: Buffer): void {
    this.detach();
    this.closed = true;
    const socket = this.socket;
    socket.off('data', this.onSocketData);
    detachHandlers(socket, this.socketHandlers());
    socket.setTimeout(0);
    this.owner.closed(this);
    if (!exchange.onUpstreamUpgrade) {
      socket.destroy();
      return;
    }
    exchange.onUpstreamUpgrade(head, { socket, rest, reads: this.reads });
  }

  /** The response is complete: the exchange ends; the connection is pooled when it can carry another. */
  private finishExchange(extraBytes: boolean): void {
    const exchange = this.exchange;
    if (!exchange) return;
    const reusable = this.keepAlive && this.requestSent && !extraBytes && !this.closed;
    // An early response (the request body still streaming) ends the exchange; the connection cannot be reused.
    this.detach();
    exchange.onUpstreamEnd();
    if (reusable) this.owner.released(this);
    else this.socket.destroy();
  }

  private detach(): void {
    this.exchange = undefined;
    this.parser.abort();
    this.unpipe();
    // Paused for a slow client whose response is now complete: a pooled connection must read again.
    if (this.socket.isPaused()) this.socket.resume();
  }

  // --- connection events ---------------------------------------------------------------------------------

  private onReady(): void {
    this.connected = true;
    this.exchange?.onUpstreamConnect();
  }

  /** Whether the connection can carry a request (not closed or closing). */
  get usable(): boolean {
    return !this.closed && this.socket.writable;
  }

  private readonly onEnd = (): void => {
    // The member closed its side: a close-delimited body is complete; anything else in progress was cut. An
    // idle connection is closed at once, so that the pool never hands it out.
    if (!this.exchange) {
      this.socket.destroy();
      return;
    }
    if (this.parser.finish()) this.finishExchange(false);
    else this.fail(connectionReset('the member closed the connection before the response was complete'));
  };

  private readonly onTimeout = (): void => {
    if (this.exchange) this.exchange.onUpstreamTimeout();
    else this.socket.destroy();
  };

  private readonly fail = (err: NodeJS.ErrnoException): void => {
    const exchange = this.exchange;
    this.detach();
    this.socket.destroy();
    exchange?.onUpstreamError(err);
  };

  private readonly onClose = (): void => {
    this.closed = true;
    if (this.exchange) this.fail(connectionReset('socket hang up'));
    this.owner.closed(this);
  };
}
