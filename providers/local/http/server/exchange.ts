/**
 * One request on a client connection (connection.ts): the request as received (ClientRequest: head, then
 * the body for whoever reads it) and the response written back (ClientResponse). They do what the proxy
 * needs of Node's IncomingMessage and ServerResponse, without streams or events: the transaction calls
 * methods and is called back through `onDrain` / `onClose`.
 */
import type { Socket } from 'node:net';
import { RequestHead } from './request-parser';

/** Who reads a request body (the upstream connection streaming it to a member). */
export interface BodyReader {
  onBodyData(chunk: Buffer): void;
  onBodyEnd(): void;
}

/** What the connection does for the request and response of the exchange. */
export interface ExchangeConnection {
  readonly socket: Socket;
  pauseReading(): void;
  resumeReading(): void;
  /** The response is complete (handed to the socket). */
  responseFinished(res: ClientResponse): void;
  /** Cuts the connection (and with it the exchange). */
  destroy(): void;
}

/** Body bytes buffered for a reader that has not started yet; reading from the client pauses above this. */
const BUFFERED_BODY_LIMIT = 64 * 1024;

export class ClientRequest extends RequestHead {
  /** The whole body has been received. */
  complete = false;
  private reader: BodyReader | undefined;
  /** Body received before a reader started (or undefined when none). */
  private buffered: Buffer[] | undefined;
  private bufferedBytes = 0;
  private discarding = false;

  constructor(
    head: RequestHead,
    private readonly conn: ExchangeConnection,
  ) {
    super(head.method, head.url, head.httpVersionMinor, head.rawHeaders);
  }

  get socket(): Socket {
    return this.conn.socket;
  }

  /**
   * Passes the body to `reader`: what arrived already, then the rest as it comes, then the end. Undefined
   * stops passing it on; the rest is read and discarded (the connection can carry the next request).
   */
  readBody(reader: BodyReader | undefined): void {
    this.reader = reader;
    if (!reader) {
      this.discard();
      return;
    }
    const buffered = this.dropBuffered();
    if (buffered) for (const chunk of buffered) reader.onBodyData(chunk);
    if (this.complete && this.reader === reader) reader.onBodyEnd();
  }

  /** Nobody will read the body: what is buffered is dropped, the rest is read and dropped. */
  discard(): void {
    this.discarding = true;
    this.reader = undefined;
    this.dropBuffered();
  }

  /** Takes what was buffered (reading resumes, if it had paused for it). */
  private dropBuffered(): Buffer[] | undefined {
    const buffered = this.buffered;
    if (!buffered) return undefined;
    this.buffered = undefined;
    this.bufferedBytes = 0;
    this.conn.resumeReading();
    return buffered;
  }

  pause(): void {
    this.conn.pauseReading();
  }

  resume(): void {
    this.conn.resumeReading();
  }

  /** From the parser. */
  pushBody(chunk: Buffer): void {
    if (this.reader) {
      this.reader.onBodyData(chunk);
      return;
    }
    if (this.discarding) return;
    // The socket may hand the same memory to a later read only if nobody holds it; we hold it: no copy.
    (this.buffered ??= []).push(chunk);
    this.bufferedBytes += chunk.length;
    if (this.bufferedBytes > BUFFERED_BODY_LIMIT) this.conn.pauseReading();
  }

  /** From the parser. */
  endBody(): void {
    this.complete = true;
    this.reader?.onBodyEnd();
  }
}

/** The date for the Date header, computed at most once a second (as Node's http server does). */
let dateSecond = 0;
let dateText = '';
function httpDate(): string {
  const now = Date.now();
  const second = Math.floor(now / 1000);
  if (second !== dateSecond) {
    dateSecond = second;
    dateText = new Date(now).toUTCString();
  }
  return dateText;
}

const enum Framing {
  None,
  Length,
  Chunked,
  /** HTTP/1.0 client, no Content-Length: the body ends when the connection closes. */
  UntilClose,
}

export class ClientResponse {
  statusCode = 200;
  /** The head has been written (or is held to go out with the first body bytes). */
  headersSent = false;
  /** The whole response has been handed to the socket. */
  writableFinished = false;
  /** Whether the connection may carry another request after this response. */
  keepAlive: boolean;
  /** Called once when the socket can take more after `write()` returned false. */
  onDrain: (() => void) | undefined;
  /** Called once: the response is finished or the connection closed before. */
  onClose: (() => void) | undefined;
  private head: string | undefined;
  private framing = Framing.None;
  private closed = false;

  /**
   * @param keepAlive whether the client lets the connection carry another request
   * @param keepAliveSeconds the idle timeout announced in `Keep-Alive` (as Node's http server does)
   */
  constructor(
    private readonly conn: ExchangeConnection,
    private readonly method: string,
    private readonly http10: boolean,
    keepAlive: boolean,
    private readonly keepAliveSeconds: number,
  ) {
    this.keepAlive = keepAlive;
  }

  /**
   * Prepares the head; it goes out with the first body bytes (one write). `headers` is a flat list whose
   * names and values are valid field content: built by the proxy, or from a member's response that
   * upstream/response-parser.ts validated. Framing headers are decided here: a Content-Length given is
   * kept; otherwise the body is chunked (HTTP/1.1) or ends with the connection (HTTP/1.0).
   */
  writeHead(status: number, reason: string, headers: readonly string[]): void {
    this.statusCode = status;
    this.headersSent = true;
    let head = `HTTP/1.1 ${status} ${reason}\r\n`;
    let length = false;
    let date = false;
    for (let i = 0; i < headers.length; i += 2) {
      const name = headers[i];
      const value = headers[i + 1];
      switch (name.length) {
        case 4:
          if (!date && name.toLowerCase() === 'date') date = true;
          break;
        case 10:
          // 'Connection: close' from the proxy itself (a refusal, or stopping); members' are removed before.
          if (name.toLowerCase() === 'connection') {
            if (value.toLowerCase() === 'close') this.keepAlive = false;
            continue;
          }
          break;
        case 14:
          if (name.toLowerCase() === 'content-length') length = true;
          break;
      }
      head += `${name}: ${value}\r\n`;
    }
    const bodiless = this.method === 'HEAD' || status === 204 || status === 304 || status < 200;
    if (bodiless) this.framing = Framing.None;
    else if (length) this.framing = Framing.Length;
    else if (this.http10) {
      this.framing = Framing.UntilClose;
      this.keepAlive = false;
    } else {
      this.framing = Framing.Chunked;
      head += 'Transfer-Encoding: chunked\r\n';
    }
    if (!date) head += `Date: ${httpDate()}\r\n`;
    if (!this.keepAlive) head += 'Connection: close\r\n';
    else {
      if (this.http10) head += 'Connection: keep-alive\r\n';
      head += `Keep-Alive: timeout=${this.keepAliveSeconds}\r\n`;
    }
    this.head = `${head}\r\n`;
  }

  /** Writes body bytes; false when the socket's buffer is full (`onDrain` follows). */
  write(chunk: Buffer | string): boolean {
    if (this.closed || this.writableFinished) return false;
    const socket = this.conn.socket;
    const head = this.head;
    if (this.framing === Framing.None || chunk.length === 0) {
      if (head === undefined) return true;
      this.head = undefined;
      return socket.write(head, 'latin1');
    }
    const chunked = this.framing === Framing.Chunked;
    if (head === undefined && !chunked) return socket.write(chunk);
    socket.cork();
    if (head !== undefined) {
      this.head = undefined;
      socket.write(head, 'latin1');
    }
    if (chunked) socket.write(`${Buffer.byteLength(chunk).toString(16)}\r\n`, 'latin1');
    let flushed = socket.write(chunk);
    if (chunked) flushed = socket.write('\r\n', 'latin1');
    socket.uncork();
    return flushed;
  }

  /** Ends the response (with last body bytes, if given). */
  end(last?: Buffer | string): void {
    if (this.closed || this.writableFinished) return;
    if (last !== undefined && last.length > 0) this.write(last);
    const socket = this.conn.socket;
    if (this.head !== undefined) {
      socket.write(this.framing === Framing.Chunked ? `${this.head}0\r\n\r\n` : this.head, 'latin1');
      this.head = undefined;
    } else if (this.framing === Framing.Chunked) {
      socket.write('0\r\n\r\n', 'latin1');
    }
    this.writableFinished = true;
    // This exchange is accounted for before the connection moves on to a pipelined request.
    this.notifyClose();
    this.conn.responseFinished(this);
  }

  /** Whether bytes of the response have been handed to the socket (a different answer is no longer possible). */
  get started(): boolean {
    return this.writableFinished || (this.headersSent && this.head === undefined);
  }

  /**
   * The connection ends the exchange itself (a fault in the request body): nothing more is written from
   * it, and whoever produces the response is told at once (onClose: the transaction cuts its member
   * connection). `status`, when the connection answers with it, is the exchange's status.
   */
  abandon(status: number | undefined): void {
    if (this.closed) return;
    if (status !== undefined) this.statusCode = status;
    this.head = undefined;
    this.writableFinished = status !== undefined;
    this.notifyClose();
  }

  /** Cuts the exchange: the connection is closed. */
  destroy(): void {
    this.conn.destroy();
  }

  /** From the connection: the socket can take more. */
  drained(): void {
    const onDrain = this.onDrain;
    this.onDrain = undefined;
    onDrain?.();
  }

  /** From the connection (closed) or end(). */
  notifyClose(): void {
    if (this.closed) return;
    this.closed = true;
    const onClose = this.onClose;
    this.onClose = undefined;
    onClose?.();
  }
}
