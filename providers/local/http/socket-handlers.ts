/**
 * The socket event handlers a connection attaches when it takes a socket and detaches, all of them, when it hands
 * the socket over (an upgrade): one list, so the two cannot drift apart.
 */
import type { Socket } from 'node:net';

// By event name, attached in this order; handlers take the event's own arguments (a Buffer, an Error, nothing).
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type SocketHandlers = Readonly<Record<string, (...args: any[]) => void>>;

export function attachHandlers(socket: Socket, handlers: SocketHandlers): void {
  for (const [event, handler] of Object.entries(handlers)) socket.on(event, handler);
}

export function detachHandlers(socket: Socket, handlers: SocketHandlers): void {
  for (const [event, handler] of Object.entries(handlers)) socket.off(event, handler);
}
