/**
 * The chunked transfer coding (RFC 9112 §7.1), decoded incrementally: shared by the parser of clients'
 * requests (server/request-parser.ts) and of members' responses (upstream/response-parser.ts), so both
 * sides of the proxy read chunked bodies by one set of rules:
 *   - a chunk size is hex digits, optionally followed by whitespace and chunk extensions (ignored);
 *   - every line ends with CRLF (a bare LF or CR is an error); chunk data is followed by CRLF;
 *   - trailer fields are read, checked as header fields and dropped (neither side passes trailers on);
 *   - a framing line (a chunk size with its extensions: MAX_LINE_BYTES), and the trailer section, are
 *     bounded; going over is a `tooLarge` error (the request side answers 413), anything else malformed;
 *   - an error is thrown at the first byte that cannot be right: data before it was passed on, nothing
 *     after it is.
 * Data is passed on as slices of the received buffers, never copied.
 */

import { validField } from './fields';

const CR = 13;
const LF = 10;
const CHUNK_SIZE_LINE = /^([0-9A-Fa-f]{1,13})[ \t]*(?:;[^\r\n]*)?$/;
/**
 * A chunk-size line (with extensions) or a trailer line longer than this is an error. Extensions carry
 * nothing the proxy uses; 4 KiB is the size of one of nginx's default header buffers.
 */
export const MAX_LINE_BYTES = 4096;

const enum State {
  Size,
  Data,
  DataEnd,
  Trailers,
  Done,
}

export class ChunkedDecoder {
  private state = State.Done;
  private remaining = 0;
  private trailerBytes = 0;
  private line = '';

  /**
   * @param onData receives each piece of chunk data
   * @param maxTrailerBytes bound of the trailer section
   * @param error builds the error thrown for malformed framing (each parser has its own error type);
   *   `tooLarge` when a bound was exceeded rather than the syntax broken
   */
  constructor(
    private readonly onData: (chunk: Buffer) => void,
    private readonly maxTrailerBytes: number,
    private readonly error: (detail: string, tooLarge: boolean) => Error,
  ) {}

  /** Starts a new chunked body. */
  start(): void {
    this.state = State.Size;
    this.line = '';
    this.trailerBytes = 0;
  }

  /** Whether the body (last chunk and trailers) is complete. */
  get done(): boolean {
    return this.state === State.Done;
  }

  /** Stops decoding: nothing more is passed on. */
  abort(): void {
    this.state = State.Done;
  }

  /** Decodes from `data[at]` until the body is complete or the data ends; returns the position reached. */
  execute(data: Buffer, at: number): number {
    while (at < data.length && this.state !== State.Done) {
      if (this.state === State.Data) {
        const n = Math.min(this.remaining, data.length - at);
        this.remaining -= n;
        if (this.remaining === 0) this.state = State.DataEnd;
        this.onData(data.subarray(at, at + n));
        at += n;
        continue;
      }
      const lf = data.indexOf(LF, at);
      const end = lf < 0 ? data.length : lf + 1;
      // Only up to the bound is kept: an endless line is refused as soon as it passes it.
      if (this.line.length + (end - at) > MAX_LINE_BYTES) throw this.error('chunk line too long (a chunk size with its extensions, or a trailer field)', true);
      this.line += data.toString('latin1', at, end);
      at = end;
      if (lf < 0) break;
      const line = this.line;
      this.line = '';
      if (line.length < 2 || line.charCodeAt(line.length - 2) !== CR) throw this.error('bare LF in chunked framing', false);
      const content = line.slice(0, -2);
      if (content.includes('\r')) throw this.error('bare CR in chunked framing', false);
      this.framingLine(content);
    }
    return at;
  }

  /** A complete line of the framing: a chunk size, the CRLF after chunk data, or a trailer field. */
  private framingLine(line: string): void {
    switch (this.state) {
      case State.Size: {
        const m = CHUNK_SIZE_LINE.exec(line);
        if (!m) throw this.error('malformed chunk size', false);
        this.remaining = parseInt(m[1], 16);
        this.state = this.remaining === 0 ? State.Trailers : State.Data;
        return;
      }
      case State.DataEnd:
        if (line !== '') throw this.error('chunk data longer than its size', false);
        this.state = State.Size;
        return;
      default:
        this.trailerBytes += line.length + 2;
        if (this.trailerBytes > this.maxTrailerBytes) throw this.error('trailers too large', true);
        if (line === '') this.state = State.Done;
        else if (!validField(line)) throw this.error('malformed trailer field', false);
    }
  }
}
