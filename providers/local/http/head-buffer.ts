/**
 * A message head (start line and field lines, up to CRLF CRLF) gathered across reads, for both parsers of
 * the proxy: clients' requests (server/request-parser.ts) and members' responses (upstream/response-parser.ts).
 * Bytes of an incomplete head are copied (the socket's buffer may be reused, see ../read-buffer.ts); the
 * search for the head's end resumes where the previous read left off; a head over `maxBytes` is refused.
 */

const CR = 13;
const LF = 10;
const HEAD_END = Buffer.from('\r\n\r\n', 'latin1');

export class HeadBuffer {
  /** Position in the last `data` given to take() right after the head, when take() returned one. */
  end = 0;
  private pending: Buffer | undefined;

  /**
   * @param tooLarge the error for a head over `maxBytes`
   * @param skipEmptyLines skip empty lines before the start line (a server, RFC 9112 §2.2)
   * @param checkIncomplete sees the bytes of a head that is not complete yet (may throw)
   */
  constructor(
    private readonly maxBytes: number,
    private readonly tooLarge: () => Error,
    private readonly skipEmptyLines = false,
    private readonly checkIncomplete?: (bytes: Buffer) => void,
  ) {}

  /** Whether part of a head has been received. */
  get started(): boolean {
    return this.pending !== undefined;
  }

  reset(): void {
    this.pending = undefined;
  }

  /**
   * Adds `data[at]` onward. Returns the head's text (latin1, without the final empty line) and sets `end`,
   * or returns undefined when the head is not complete: then all of `data` was taken.
   */
  take(data: Buffer, at: number): string | undefined {
    const previous = this.pending ? this.pending.length : 0;
    let buf = previous ? Buffer.concat([this.pending!, data.subarray(at)]) : data.subarray(at);
    let skip = 0;
    if (this.skipEmptyLines) {
      while (skip + 1 < buf.length && buf[skip] === CR && buf[skip + 1] === LF) skip += 2;
      if (skip) buf = buf.subarray(skip);
    }
    if (buf.length === 0) {
      this.pending = undefined;
      return undefined;
    }
    // The end cannot lie wholly inside what was searched before: resume 3 bytes back.
    const end = buf.indexOf(HEAD_END, Math.max(0, previous - skip - 3));
    if (end < 0) {
      if (buf.length > this.maxBytes) throw this.tooLarge();
      this.checkIncomplete?.(buf);
      this.pending = Buffer.from(buf);
      return undefined;
    }
    if (end + 4 > this.maxBytes) throw this.tooLarge();
    this.pending = undefined;
    // Bytes of `data` used: the head's end in `buf`, plus skipped lines, minus what was pending before.
    this.end = at + skip + end + 4 - previous;
    return buf.toString('latin1', 0, end);
  }
}
