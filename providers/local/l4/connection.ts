/**
 * One client connection of a tcp or tls frontend with its member connection, as TcpFrontend (tcp.ts) drives
 * it: connect to a member (again to another on failure), then pipe bytes both ways until both sides close.
 * Two implementations with the same behaviour: socket-connection.ts (net.Socket and tls, every case) and
 * raw-connection.ts (Node's TCP handles without streams: plain TCP on both sides, the fast path).
 */
import type { Member } from '../balancer/member';

export interface L4Connection {
  /** Bytes read from the client and written to it (the access log's received_bytes and sent_bytes). */
  readonly bytesRead: number;
  readonly bytesWritten: number;
  /** The client's address and port (a getpeername system call: asked only when needed). */
  peer(): { readonly address: string | undefined; readonly port: number | undefined };
  /** Whether the client connection is gone (closed or destroyed). */
  readonly clientClosed: boolean;
  /**
   * Opens a connection to `member`; `done` is called once: true when connected, false when refused, reset,
   * or neither accepted nor refused within the idle timeout. No client byte is read before a connection.
   */
  connect(member: Member, done: (connected: boolean) => void): void;
  /**
   * Pipes the connected member and the client both ways: backpressure, half-close passed on, idle timeout.
   * `onClose` is called once when both are closed, with the member's error if one ended it.
   */
  pipe(onClose: (error: Error | undefined) => void): void;
  /** Calls `listener` once when the client connection closes, whatever closed it. */
  onClientClose(listener: () => void): void;
  /** Closes both connections at once (no members, draining, stop). */
  destroy(): void;
}
