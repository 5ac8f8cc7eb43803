/**
 * The chunked transfer coding (RFC 9112 §7.1), decoded incrementally: shared by the parser of clients'
 * requests (server/request-parser.ts) and of members' responses (upstream/response-parser.ts), so both
 * sides of the proxy read chunked bodies by one set of rules:
 *   - a chunk size is hex digits, optionally followed by whitespace and chunk extensions (ignored);
 *   - every line ends with CRLF (a bare LF or CR is an error); chunk data is followed by CRLF;
 *   - trailer fields are read, checked as header fields and dropped (neither side passes trailers on);
 *   - a framing line, and the trailer section, are bounded.
 * Data is passed on as slices of the received buffers, never copied.
 */

import { validField } from './fields';

const CR = 13;
const LF = 10;
const CHUNK_SIZE_LINE = /^([0-9A-Fa-f]{1,13})[ \t]*(?:;[^\r\n]*)?$/;
/** A chunk-size line (with extensions) or a trailer line longer than this is an error. */
const MAX_LINE_BYTES = 4096;

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
   * @param error builds the error thrown for malformed framing (each parser has its own error type)
   */
  constructor(
    private readonly onData: (chunk: Buffer) => void,
    private readonly maxTrailerBytes: number,
    private readonly error: (detail: string) => Error,
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
      this.line += data.toString('latin1', at, end);
      if (this.line.length > MAX_LINE_BYTES) throw this.error('chunk line too long');
      at = end;
      if (lf < 0) break;
      const line = this.line;
      this.line = '';
      if (line.length < 2 || line.charCodeAt(line.length - 2) !== CR) throw this.error('bare LF in chunked framing');
      const content = line.slice(0, -2);
      if (content.includes('\r')) throw this.error('bare CR in chunked framing');
      this.framingLine(content);
    }
    return at;
  }

  /** A complete line of the framing: a chunk size, the CRLF after chunk data, or a trailer field. */
  private framingLine(line: string): void {
    switch (this.state) {
      case State.Size: {
        const m = CHUNK_SIZE_LINE.exec(line);
        if (!m) throw this.error('malformed chunk size');
        this.remaining = parseInt(m[1], 16);
        this.state = this.remaining === 0 ? State.Trailers : State.Data;
        return;
      }
      case State.DataEnd:
        if (line !== '') throw this.error('chunk data longer than its size');
        this.state = State.Size;
        return;
      default:
        this.trailerBytes += line.length + 2;
        if (this.trailerBytes > this.maxTrailerBytes) throw this.error('trailers too large');
        if (line === '') this.state = State.Done;
        else if (!validField(line)) throw this.error('malformed trailer field');
    }
  }
}
