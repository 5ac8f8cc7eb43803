/**
 * Reads from members into a reusable buffer (net.connect's `onread`), for sockets the proxy opens to
 * members: L4 pipes and the L7 upstream connections. Without it, every read of a socket allocates a new
 * 64 KiB buffer; at bulk rates that allocation (and its garbage) costs a quarter to a third of the proxy's
 * CPU per MiB (docs/performance.md).
 *
 * Each socket has its own buffer, kept from read to read: Node fills it, calls `callback`, then asks for
 * the buffer of the next read. The bytes are handed on (a socket write) within the callback; when the
 * receiving socket could not take them at once, its queued write still references them, and the next read
 * must not overwrite them: `held` says so, and the socket's next read goes to a new buffer. The buffer is
 * not shared between sockets: Node hands a socket a new buffer only after that socket's own read, so a
 * socket would still read into a shared buffer that another socket's queued write holds
 * (test/local/read-buffer.test.ts).
 */
import type { Socket } from 'node:net';

const SIZE = 64 * 1024;

export interface MemberReads {
  /** The `onread` option of net.connect. */
  readonly onread: { buffer: () => Buffer; callback: (bytes: number, buffer: Buffer) => boolean };
  /** Receives each read (valid only during the call unless `held()`); false pauses the socket. Set before connecting. */
  onChunk: (chunk: Buffer) => boolean;
  /** Whether the chunk just passed to `onChunk` is still referenced. */
  held: () => boolean;
}

export function memberReads(): MemberReads {
  let own: Buffer | undefined;
  const reads: MemberReads = {
    onread: {
      buffer: () => (own ??= Buffer.allocUnsafe(SIZE)),
      callback: (bytes, buffer) => {
        const more = reads.onChunk(buffer.subarray(0, bytes));
        // A held buffer belongs to the queued write now; the next read gets a new one.
        if (reads.held()) own = undefined;
        return more;
      },
    },
    onChunk: () => true,
    // Until told otherwise, assume the worst.
    held: () => true,
  };
  return reads;
}

/**
 * Whether a socket still references bytes written to it: its write was queued (the kernel did not take all
 * of it), or it is a TLS socket (its encryption is not assumed to copy before the write completes).
 */
export function holdsWrittenBytes(socket: Socket): boolean {
  return socket.writableLength > 0 || (socket as { encrypted?: boolean }).encrypted === true;
}
