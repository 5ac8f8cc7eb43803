/**
 * The socket event handlers a connection attaches when it takes a socket and detaches, all of them, when it hands
 * the socket over (an upgrade): one list, so the two cannot drift apart.
 */
import type { Socket } from 'node:net';

// Handlers take the event's own arguments (a Buffer, an Error, nothing).
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type SocketHandlers = ReadonlyArray<readonly [event: string, handler: (...args: any[]) => void]>;

export function attachHandlers(socket: Socket, handlers: SocketHandlers): void {
  for (const [event, handler] of handlers) socket.on(event, handler);
}

export function detachHandlers(socket: Socket, handlers: SocketHandlers): void {
  for (const [event, handler] of handlers) socket.off(event, handler);
}
