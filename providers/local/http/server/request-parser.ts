/**
 * A strict, incremental parser for clients' requests (RFC 9112), for the proxy's own HTTP/1.1 server
 * (connection.ts). Node's http server costs a fifth of the proxy's CPU per request (docs/performance.md);
 * this does only what a reverse proxy needs, and refuses what a lenient reading could let through (request
 * smuggling: the member must parse exactly the message the proxy parsed):
 *   - the head ends with CRLF CRLF; a bare CR or LF, obs-fold (a line starting with whitespace), whitespace
 *     before a colon, a field name that is not a token or a value with a control character is 400;
 *   - the request line is `method SP request-target SP HTTP/1.0|HTTP/1.1`, the method one that Node's parser
 *     knows (http.METHODS, upper case), the target visible characters only; empty lines before the request
 *     line are skipped (§2.2);
 *   - a head longer than `maxHeadBytes` is 431;
 *   - a chunked body with malformed framing anywhere is 400; a chunk-size line (extensions included) or
 *     trailers over their bounds is 413.
 * Body framing is not decided here: the connection inspects the head (../inspect.ts: Content-Length,
 * Transfer-Encoding, Host, target) and then calls `expectBody()`. Bodies are read as ../message-parser.ts
 * reads them (chunked ones by ../chunked.ts), by the rules the upstream side uses too.
 */
import { ClientRequestError } from '../../../../lib/errors';
import { METHODS } from 'node:http';
import { parseFields } from '../fields';
import { HeadBuffer } from '../head-buffer';
import { MessageParser, MessageState as State } from '../message-parser';

/** A request's head as parsed; the connection's request (exchange.ts ClientRequest) extends it. */
export class RequestHead {
  readonly httpVersion: '1.0' | '1.1';
  readonly httpVersionMajor = 1 as const;

  constructor(
    readonly method: string,
    /** The request target as received. */
    readonly url: string,
    readonly httpVersionMinor: 0 | 1,
    /** [name, value, ...] as received (latin1), values without surrounding whitespace. */
    readonly rawHeaders: string[],
  ) {
    this.httpVersion = httpVersionMinor ? '1.1' : '1.0';
  }
}

export interface RequestSink {
  /** A complete head. Before returning, the sink calls `expectBody()` when the request has a body. */
  onRequestHead(head: RequestHead): void;
  onRequestBody(chunk: Buffer): void;
  /** The request (head and body) is complete. */
  onRequestEnd(): void;
}

const LF = 10;
const CR = 13;
const KNOWN_METHODS = new Set(METHODS);
const REQUEST_LINE = /^([A-Z-]+) ([\x21-\x7e\x80-\xff]+) HTTP\/1\.([01])$/;

const malformed = (detail: string) => new ClientRequestError(400, 'malformed', detail);

export class RequestParser extends MessageParser {
  constructor(
    private readonly sink: RequestSink,
    maxHeadBytes: number,
  ) {
    super(
      new HeadBuffer(maxHeadBytes, () => new ClientRequestError(431, 'header-too-large', 'request head too large'), true, refuseBareLf),
      maxHeadBytes,
      (detail, tooLarge) => (tooLarge ? new ClientRequestError(413, 'framing-too-large', detail) : new ClientRequestError(400, 'body-framing', detail)),
      State.Head,
    );
  }

  /** Whether part of a head has been received (a request has started but its head is not complete). */
  get inHead(): boolean {
    return this.state === State.Head && this.headBytes.started;
  }

  /** Whether the parser waits for a head with nothing of it received yet. */
  get idle(): boolean {
    return this.state === State.Head && !this.headBytes.started;
  }

  /** Called from `onRequestHead`: the request has a body of `length` bytes, or a chunked one. */
  expectBody(framing: 'length' | 'chunked', length = 0): void {
    if (framing === 'chunked') {
      this.state = State.Chunked;
      this.chunked.start();
    } else {
      this.remaining = length;
      this.state = length > 0 ? State.Length : State.Done;
    }
  }

  /** Reads the next request. */
  next(): void {
    this.state = State.Head;
    this.headBytes.reset();
  }

  /** Stops reading the current request's body; the parser is left complete (the connection will close). */
  abort(): void {
    this.chunked.abort();
    this.state = State.Done;
  }

  protected override onHead(text: string): void {
    const head = parseHead(text);
    this.state = State.Done;
    this.sink.onRequestHead(head);
    if (this.state === State.Done) this.sink.onRequestEnd();
  }

  protected override onBody(chunk: Buffer): void {
    this.sink.onRequestBody(chunk);
  }

  protected override onBodyEnd(): void {
    this.sink.onRequestEnd();
  }
}

/** A bare LF is refused as soon as it arrives, not after the header timeout: such a head never completes. */
function refuseBareLf(bytes: Buffer): void {
  for (let i = bytes.indexOf(LF); i >= 0; i = bytes.indexOf(LF, i + 1)) {
    if (i === 0 || bytes[i - 1] !== CR) throw malformed('bare LF in the request head');
  }
}

function parseHead(text: string): RequestHead {
  let eol = text.indexOf('\r\n');
  if (eol < 0) eol = text.length;
  const line = REQUEST_LINE.exec(text.slice(0, eol));
  if (!line || !KNOWN_METHODS.has(line[1])) throw malformed('malformed request line');
  const rawHeaders = parseFields(text, eol + 2, malformed);
  const minor = line[3] === '0' ? 0 : 1;
  return new RequestHead(line[1], line[2], minor, rawHeaders);
}
