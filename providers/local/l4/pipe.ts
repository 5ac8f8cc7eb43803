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
    const idle = () => close();
    client.setTimeout(idleMs, idle);
    member.setTimeout(idleMs, idle);
  }
  client.pipe(member);
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
  member.once('end', () => client.end());
}
