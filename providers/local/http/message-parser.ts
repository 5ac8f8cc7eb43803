/**
 * What the parser of clients' requests (server/request-parser.ts) and of members' responses
 * (upstream/response-parser.ts) share: reading one HTTP/1.1 message incrementally, its head (gathered by
 * ./head-buffer.ts) and then its body, framed by a length, chunked (./chunked.ts) or, for a response, by
 * the connection closing. Each parser reads the head itself and decides the body's framing from it; body
 * bytes are passed on as slices of the received buffers, never copied.
 */

import { ChunkedDecoder } from './chunked';
import { HeadBuffer } from './head-buffer';

export const enum MessageState {
  Head,
  Length,
  Chunked,
  /** A response without framing: its body runs until the connection closes. */
  UntilClose,
  /** The message is complete; the parser reads nothing more until it is started again. */
  Done,
}

export abstract class MessageParser {
  protected state: MessageState;
  /** Bytes of a length-framed body still to come. */
  protected remaining = 0;
  protected readonly chunked: ChunkedDecoder;

  /**
   * @param headBytes gathers the head
   * @param maxTrailerBytes bounds a chunked body's trailers
   * @param framingError the error for malformed chunked framing (see ChunkedDecoder)
   * @param initial the state before anything is read: Head when a message is due, Done until `start`ed
   */
  constructor(
    protected readonly headBytes: HeadBuffer,
    maxTrailerBytes: number,
    framingError: (detail: string, tooLarge: boolean) => Error,
    initial: MessageState,
  ) {
    this.state = initial;
    this.chunked = new ChunkedDecoder((chunk) => this.onBody(chunk), maxTrailerBytes, framingError);
  }

  /** Whether the current message is complete. */
  get complete(): boolean {
    return this.state === MessageState.Done;
  }

  /**
   * A complete head (its text, latin1, without the final empty line): parses it and sets the state for
   * what follows it (the body's framing, Done, or Head again for an interim response).
   */
  protected abstract onHead(text: string): void;

  protected abstract onBody(chunk: Buffer): void;

  /**
   * A length-framed or chunked body is complete (a message without a body is complete in onHead). After the
   * last bytes of a length-framed body it is called even when the sink aborted in onBody.
   */
  protected abstract onBodyEnd(): void;

  /**
   * Feeds received bytes; returns how many belong to the current message (fewer than given once it is
   * complete: the rest is the next one). Throws the parser's error on malformed input. The sink may
   * abort() from its callbacks.
   */
  execute(data: Buffer): number {
    let at = 0;
    while (at < data.length && this.state !== MessageState.Done) {
      switch (this.state) {
        case MessageState.Head: {
          const text = this.headBytes.take(data, at);
          if (text === undefined) return data.length;
          at = this.headBytes.end;
          this.onHead(text);
          break;
        }
        case MessageState.Length: {
          const chunk = lengthChunk(data, at, this.remaining);
          this.remaining -= chunk.length;
          at += chunk.length;
          if (this.remaining === 0) this.state = MessageState.Done;
          this.onBody(chunk);
          if (this.state === MessageState.Done) this.onBodyEnd();
          break;
        }
        case MessageState.Chunked:
          at = this.chunked.execute(data, at);
          if (this.chunked.done && this.state === MessageState.Chunked) {
            this.state = MessageState.Done;
            this.onBodyEnd();
          }
          break;
        case MessageState.UntilClose:
          this.onBody(at === 0 ? data : data.subarray(at));
          at = data.length;
          break;
      }
    }
    return at;
  }
}

/**
 * The part of `data` from `at` that belongs to a body with `remaining` bytes still to come: all of `data`
 * itself when it is exactly that (no view made on the hot path), else a view.
 */
function lengthChunk(data: Buffer, at: number, remaining: number): Buffer {
  const n = Math.min(remaining, data.length - at);
  return at === 0 && n === data.length ? data : data.subarray(at, at + n);
}
