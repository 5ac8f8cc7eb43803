/**
 * Node's own TCP handles (the `tcp_wrap` and `stream_wrap` bindings under node:net), for the plain-TCP fast
 * path of L4 frontends (raw-connection.ts). A net.Socket is a full stream (a Duplex with its state machines,
 * buffers and events) around such a handle; an L4 pipe only needs the handle's reads, writes, shutdown and
 * close. Without the streams a proxied connection costs about half the CPU here (docs/performance.md), which is
 * what a connection-rate benchmark measures.
 *
 * These bindings are Node internals (reached through `process.binding`, DEP0111: documentation-only
 * deprecation): their shape is checked once, and where it differs (another Node major) every frontend takes
 * the net.Socket path, which has the same behaviour (test/local/l4.test.ts runs both).
 */

/** A connected or listening TCP handle (src/tcp_wrap.cc, src/stream_base.cc). Methods return 0 or a negative libuv error. */
export interface TcpHandle {
  /** With a user buffer (useUserBuffer), called without an ArrayBuffer: the bytes are in that buffer. */
  onread: ((this: TcpHandle) => Buffer | undefined) | null;
  onconnection?: (err: number, handle: TcpHandle) => void;
  readStart(): number;
  readStop(): number;
  writeBuffer(req: WriteRequest, buffer: Buffer): number;
  shutdown(req: ShutdownRequest): number;
  connect(req: ConnectRequest, address: string, port: number): number;
  connect6(req: ConnectRequest, address: string, port: number): number;
  getpeername(out: { address?: string; port?: number }): number;
  setNoDelay(on: boolean): number;
  /**
   * Reads go into `buffer` from now on; `onread` is then called without an ArrayBuffer, and a Buffer it
   * returns becomes the buffer of the next read (src/stream_base.cc, CustomBufferJSListener).
   */
  useUserBuffer(buffer: Buffer): void;
  close(callback?: () => void): void;
  /** The connection this handle belongs to (set by raw-connection.ts, read by its shared callbacks). */
  owner?: unknown;
}

export interface WriteRequest {
  handle: TcpHandle;
  oncomplete: (this: WriteRequest, status: number) => void;
  async: boolean;
  /** Keeps the written bytes alive while the write is queued (the native request does not). */
  buffer: Buffer | null;
  owner?: unknown;
}

export interface ShutdownRequest {
  handle: TcpHandle;
  oncomplete: (this: ShutdownRequest, status: number) => void;
  owner?: unknown;
}

export interface ConnectRequest {
  oncomplete: (this: ConnectRequest, status: number) => void;
  address: string;
  port: number;
  owner?: unknown;
}

export interface RawTcp {
  newSocketHandle(): TcpHandle;
  newWrite(): WriteRequest;
  newShutdown(): ShutdownRequest;
  newConnect(): ConnectRequest;
  /** Bytes read (into the handle's user buffer), or a negative libuv error (UV_EOF at the end), of the read being delivered to `onread`. */
  readResult(): number;
  /** Whether the last writeBuffer left bytes queued (its request completes later and holds the buffer). */
  lastWriteWasAsync(): boolean;
  readonly UV_EOF: number;
}

interface Bindings {
  TCP: new (type: number) => TcpHandle;
  TCPConnectWrap: new () => ConnectRequest;
  constants: { SOCKET: number };
  WriteWrap: new () => WriteRequest;
  ShutdownWrap: new () => ShutdownRequest;
  streamBaseState: Int32Array;
  kReadBytesOrError: number;
  kLastWriteWasAsync: number;
  UV_EOF: number;
}

let cached: RawTcp | null | undefined;

/** The raw TCP bindings, or undefined when this Node does not have them in the expected shape. */
export function rawTcp(): RawTcp | undefined {
  if (cached === undefined) cached = load() ?? null;
  return cached ?? undefined;
}

/** Int32Array of any realm (under jest, a test's globals are not Node's own). */
const isInt32Array = (value: unknown): value is Int32Array => Object.prototype.toString.call(value) === '[object Int32Array]';

function load(): RawTcp | undefined {
  let b: Bindings;
  try {
    const binding = (process as unknown as { binding(name: string): Record<string, unknown> }).binding;
    b = { ...binding('tcp_wrap'), ...binding('stream_wrap'), UV_EOF: binding('uv').UV_EOF } as unknown as Bindings;
  } catch {
    return undefined;
  }
  const functions = [b.TCP, b.TCPConnectWrap, b.WriteWrap, b.ShutdownWrap];
  const indexes = [b.kReadBytesOrError, b.kLastWriteWasAsync, b.constants?.SOCKET, b.UV_EOF];
  if (functions.some((f) => typeof f !== 'function') || indexes.some((i) => typeof i !== 'number') || !isInt32Array(b.streamBaseState)) {
    return undefined;
  }
  const methods = ['readStart', 'readStop', 'writeBuffer', 'shutdown', 'connect', 'connect6', 'getpeername', 'setNoDelay', 'useUserBuffer', 'close'] as const;
  if (methods.some((m) => typeof (b.TCP.prototype as unknown as Record<string, unknown>)[m] !== 'function')) return undefined;
  const state = b.streamBaseState;
  return {
    newSocketHandle: () => new b.TCP(b.constants.SOCKET),
    newWrite: () => new b.WriteWrap(),
    newShutdown: () => new b.ShutdownWrap(),
    newConnect: () => new b.TCPConnectWrap(),
    readResult: () => state[b.kReadBytesOrError],
    lastWriteWasAsync: () => state[b.kLastWriteWasAsync] !== 0,
    UV_EOF: b.UV_EOF,
  };
}
