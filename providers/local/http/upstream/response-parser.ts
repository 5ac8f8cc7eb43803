/**
 * A strict, incremental parser for the responses of members (RFC 9112), for the proxy's own upstream client
 * (connection.ts). Node's http client costs about as much per request as everything else the proxy does
 * together (docs/performance.md); this does only what forwarding needs.
 *
 * Strict where a lenient reading could let one response be taken for another on a reused connection
 * (response splitting), so anything doubtful is an error and the connection is never reused:
 *   - the head ends with CRLF CRLF; a bare CR or LF, obs-fold, a header name that is not a token or a value
 *     with a control character is an error; the head is at most `maxHeadBytes` (Node's http.maxHeaderSize);
 *   - Content-Length must be digits, once; Content-Length with Transfer-Encoding is an error; chunked must
 *     be the final coding, once; any other Transfer-Encoding is read until the connection closes;
 *   - bodies are read as ../message-parser.ts reads them, chunked ones by ../chunked.ts (the rules the
 *     client side uses too); trailers are read and dropped, as Node's client drops them.
 * No body: HEAD requests, 1xx, 204, 304. 1xx interim responses (100, 102, 103) are skipped. 101 ends the
 * message when the request asked for an upgrade (`switched` holds its head; the bytes after it are the new
 * protocol's) and is an error otherwise. Bodies are passed on as slices of the received buffers, never copied.
 */

import { MemberResponseError } from '../../../../lib/errors';
import { combinedValue, parseFields } from '../fields';
import { HeadBuffer } from '../head-buffer';
import { MessageParser, MessageState as State } from '../message-parser';

export interface ResponseHead {
  readonly statusCode: number;
  readonly statusMessage: string;
  /** [name, value, ...] as received (latin1), values without surrounding whitespace. */
  readonly rawHeaders: string[];
  /** Whether the member lets the connection carry another request after this response. */
  readonly keepAlive: boolean;
}

export interface ResponseSink {
  onHead(head: ResponseHead): void;
  onBody(chunk: Buffer): void;
}

const memberError = (detail: string) => new MemberResponseError(detail);
const STATUS_LINE = /^HTTP\/1\.([01]) ([1-9][0-9]{2})(?: ([^\r\n]*))?$/;

export class ResponseParser extends MessageParser {
  private noBody = false;
  private upgrade = false;
  /** The member's 101 to a request that asked for an upgrade (the exchange is over; the protocol switched). */
  switched: ResponseHead | undefined;

  constructor(
    private readonly sink: ResponseSink,
    maxHeadBytes: number,
  ) {
    // Trailers are bounded like the head.
    super(new HeadBuffer(maxHeadBytes, () => new MemberResponseError('response head too large')), maxHeadBytes, memberError, State.Done);
  }

  /** Whether the body is delimited by the connection closing (then only `finish()` completes it). */
  get untilClose(): boolean {
    return this.state === State.UntilClose;
  }

  /** Expects the response to a request with this method; `upgrade`: the request asked for one. */
  start(method: string, upgrade = false): void {
    this.state = State.Head;
    this.noBody = method === 'HEAD';
    this.upgrade = upgrade;
    this.switched = undefined;
    this.headBytes.reset();
  }

  /** Stops parsing (the exchange was abandoned): nothing more is passed on. */
  abort(): void {
    this.state = State.Done;
    this.headBytes.reset();
    this.chunked.abort();
  }

  /** The connection closed: completes a close-delimited body; false when the response was cut short. */
  finish(): boolean {
    if (this.state === State.UntilClose) this.state = State.Done;
    return this.state === State.Done;
  }

  protected override onBody(chunk: Buffer): void {
    this.sink.onBody(chunk);
  }

  /** Nothing to tell: the connection sees `complete` once execute() returns. */
  protected override onBodyEnd(): void {}

  // --- head --------------------------------------------------------------------------------------------

  protected override onHead(text: string): void {
    let eol = text.indexOf('\r\n');
    if (eol < 0) eol = text.length;
    const status = STATUS_LINE.exec(text.slice(0, eol));
    if (!status) throw new MemberResponseError('malformed status line');
    const http10 = status[1] === '0';
    const statusCode = Number(status[2]);
    const rawHeaders = parseFields(text, eol + 2, memberError);
    let contentLength: string | undefined;
    let transferEncoding: string | undefined;
    let connection: string | undefined;
    for (let i = 0; i < rawHeaders.length; i += 2) {
      const name = rawHeaders[i];
      const value = rawHeaders[i + 1];
      switch (name.length) {
        case 10:
          if (name.toLowerCase() === 'connection') connection = combinedValue(connection, value);
          break;
        case 14:
          if (name.toLowerCase() === 'content-length') {
            if (contentLength !== undefined) throw new MemberResponseError('more than one Content-Length');
            contentLength = value;
          }
          break;
        case 17:
          if (name.toLowerCase() === 'transfer-encoding') transferEncoding = combinedValue(transferEncoding, value);
          break;
      }
    }
    if (statusCode < 200) {
      // 1xx: interim responses are skipped; the final response follows on the same connection.
      if (statusCode === 101) {
        if (!this.upgrade) throw new MemberResponseError('101 Switching Protocols to a request that asked for no upgrade');
        this.state = State.Done;
        this.switched = { statusCode, statusMessage: status[3] ?? '', rawHeaders, keepAlive: false };
      }
      return;
    }
    let keepAlive = !http10;
    if (connection !== undefined) {
      const tokens = connection
        .toLowerCase()
        .split(',')
        .map((t) => t.trim());
      keepAlive = !tokens.includes('close') && (!http10 || tokens.includes('keep-alive'));
    }
    if (this.noBody || statusCode === 204 || statusCode === 304) {
      this.state = State.Done;
    } else if (transferEncoding !== undefined) {
      if (contentLength !== undefined) throw new MemberResponseError('both Transfer-Encoding and Content-Length');
      const codings = transferEncoding
        .split(',')
        .map((c) => c.trim().toLowerCase())
        .filter((c) => c !== '');
      const chunked = codings.indexOf('chunked');
      if (chunked >= 0 && chunked !== codings.length - 1) throw new MemberResponseError('chunked is not the final transfer coding');
      if (chunked >= 0 && !http10) {
        this.state = State.Chunked;
        this.chunked.start();
      } else {
        this.state = State.UntilClose;
        keepAlive = false;
      }
    } else if (contentLength !== undefined) {
      if (!/^[0-9]{1,15}$/.test(contentLength)) throw new MemberResponseError('Content-Length is not a number');
      this.remaining = Number(contentLength);
      this.state = this.remaining === 0 ? State.Done : State.Length;
    } else {
      this.state = State.UntilClose;
      keepAlive = false;
    }
    this.sink.onHead({ statusCode, statusMessage: status[3] ?? '', rawHeaders, keepAlive });
  }
}
