/**
 * A byte pipe between a client and a member, both ways, with backpressure (stream.pipe pauses the faster
 * side), half-close passed on (FIN one way keeps the other way open; both sockets need allowHalfOpen) and
 * an idle timeout: no byte either way for `idleMs` closes both. Used by tcp and tls frontends and by
 * WebSocket tunnels. A member socket opened with `memberReads()` (read-buffer.ts) is pumped to the client
 * from its reusable read buffer, with the same backpressure and half-close.
 */
import type { Socket } from 'node:net';
import { holdsWrittenBytes, type MemberReads } from '../read-buffer';

export function pipeBoth(client: Socket, member: Socket, idleMs: number, onClose: (error: Error | undefined) => void, reads?: MemberReads): void {
  let closed = false;
  let error: Error | undefined;
  const close = (err?: Error) => {
    if (err && !error) error = err;
    if (closed) return;
    closed = true;
    client.destroy();
    member.destroy();
    onClose(error);
  };
  client.on('error', () => close());
  member.on('error', (err) => close(err));
  client.on('close', () => close());
  member.on('close', () => close());
  if (idleMs > 0) {
    // A socket's timeout counts reads and writes, and every byte of the pipe is read on one socket and
    // written on the other: each socket sees all activity, so either timer firing means both sides are idle.
    // A socket that already has this timeout (a member's connect timeout) keeps its timer: only the
    // listener is added, one timer fewer per connection.
    const idle = () => close();
    for (const socket of [client, member]) {
      if (socket.timeout === idleMs) socket.once('timeout', idle);
      else socket.setTimeout(idleMs, idle);
    }
  }
  pump(client, member);
  if (!reads) {
    member.pipe(client);
    return;
  }
  const resume = () => member.resume();
  reads.onChunk = (chunk) => {
    if (client.write(chunk)) return true;
    client.once('drain', resume);
    return false;
  };
  reads.held = () => holdsWrittenBytes(client);
  member.once('end', () => passEnd(client));
}

/**
 * Passes a FIN on to `to`: a shutdown when `to` still sends its own way. When `to` has already ended its way
 * (its FIN was read) and holds no unsent bytes, both ways are over: it is destroyed at once (closing the
 * socket sends the FIN; nothing unread is left to turn it into a reset), which is one system call and one
 * pass of the loop fewer per connection than a shutdown followed by the close. pipeBoth's close() then
 * ends the other socket. A TLS socket always ends (its close_notify goes out first).
 */
function passEnd(to: Socket): void {
  if (to.readableEnded && to.writableLength === 0 && (to as { encrypted?: boolean }).encrypted !== true) to.destroy();
  else to.end();
}

/**
 * Client to member: what `client.pipe(member)` does here (pause while the member's write buffer is full,
 * resume on its drain, pass the end on, start the flow), with one 'data' and one 'end' listener instead of
 * pipe()'s seven listeners on two streams, set up and torn down per connection. Errors and closes need no
 * unpiping: pipeBoth destroys both sockets on either.
 */
function pump(from: Socket, to: Socket): void {
  const resume = () => from.resume();
  from.on('data', (chunk: Buffer) => {
    if (to.write(chunk)) return;
    from.pause();
    to.once('drain', resume);
  });
  from.once('end', () => passEnd(to));
  if (to.writableNeedDrain) to.once('drain', resume);
  else from.resume();
}
