/**
 * An L4 connection on Node's TCP handles (raw-binding.ts), for a plain TCP frontend in front of a plain TCP
 * pool: the same behaviour as socket-connection.ts + pipe.ts without a net.Socket (a Duplex stream) per side.
 * - Reads go straight into writes on the other handle; a write the kernel did not take at once is queued
 *   (its request keeps the bytes alive), and over HIGH_WATER queued bytes the reading side stops until that
 *   queue is empty again (backpressure).
 * - A FIN one way is passed on with a shutdown; the other way keeps flowing. Once both ways have ended and
 *   nothing is queued, both handles close (a close after both FINs sends a FIN, never a reset).
 * - A read error or reset on either side closes both at once; only the member's counts as its error.
 * - Idle and connect timeouts come from one sweep per frontend (idle-sweep.ts) instead of a timer per socket.
 */
import { lookup } from 'node:dns';
import { isIP } from 'node:net';
import { getSystemErrorName } from 'node:util';
import type { Member } from '../balancer/member';
import type { LiveListEntry } from '../live-list';
import type { L4Connection } from './connection';
import type { IdleSweep, Watched } from './idle-sweep';
import type { ConnectRequest, RawTcp, ShutdownRequest, TcpHandle, WriteRequest } from './raw-binding';

/** Queued bytes towards one side above which the other side stops reading (a net.Socket's pipe pauses near this). */
const HIGH_WATER = 64 * 1024;
/**
 * Read buffers. A way reads into a buffer of its own from the start: a small one (most connections move a
 * few KiB), a large one once a read fills the small one (a bulk transfer; libuv's suggested read size).
 * Buffers whose queued write has completed, or whose connection closed, are kept for the next connections
 * (bounded: the rest is garbage). Allocating a buffer per read instead (Node's default) cost 15 us of the
 * CPU of each new connection and most of what a bulk transfer costs besides the kernel's copying.
 */
const SMALL = 16 * 1024;
const LARGE = 64 * 1024;
const spare: Record<number, Buffer[]> = { [SMALL]: [], [LARGE]: [] };
const MAX_SPARE: Record<number, number> = { [SMALL]: 256, [LARGE]: 64 };
const take = (size: number) => spare[size].pop() ?? Buffer.allocUnsafeSlow(size);
const giveBack = (buffer: Buffer) => {
  const list = spare[buffer.length];
  if (list.length < MAX_SPARE[buffer.length]) list.push(buffer);
};

interface QueuedWrite extends WriteRequest {
  owner: Way;
  queued: number;
  /** The read buffer this write holds, handed back when it completes. */
  retired: Buffer | undefined;
}

const errorOf = (status: number) => new Error(getSystemErrorName(status));

// Shared callbacks (no closure per connection): each handle and request carries its way or connection as `owner`.
function onRead(this: TcpHandle): Buffer | undefined {
  return (this.owner as Way).read();
}
function onWritten(this: WriteRequest, status: number): void {
  (this as QueuedWrite).owner.written(this as QueuedWrite, status);
}
function onShutdown(this: ShutdownRequest): void {
  (this.owner as RawConnection).settle();
}
function onConnected(this: ConnectRequest, status: number): void {
  (this.owner as RawConnection).connected(this, status);
}

/**
 * One direction of the pipe: what is read on `from` is written to `to`. Over HIGH_WATER bytes queued
 * towards `to`, `from` stops reading until that queue is empty. An error on the member's side is the
 * member's error (a failure of its pool); one on the client's side is not.
 *
 * Reads go into the way's own buffer (see take): the bytes are written on at once, and when the kernel did
 * not take them all, the queued write holds them: the next read then goes to another buffer, and the held
 * one is reused once that write completes.
 */
class Way {
  /** Bytes read on `from` (and written to `to`). */
  bytes = 0;
  /** `from`'s FIN was read. */
  ended = false;
  /** Bytes written to `to` that the kernel has not taken yet. */
  queued = 0;
  private stopped = false;
  /** The buffer `from` reads into. */
  private own: Buffer;

  constructor(
    private readonly conn: RawConnection,
    private readonly raw: RawTcp,
    readonly from: TcpHandle,
    readonly to: TcpHandle,
    private readonly fromMember: boolean,
  ) {
    from.owner = this;
    from.onread = onRead;
    this.own = take(SMALL);
    from.useUserBuffer(this.own);
  }

  /** @internal (onRead): the buffer of the next read when it changes. */
  read(): Buffer | undefined {
    const n = this.raw.readResult();
    if (n > 0) {
      this.bytes += n;
      this.conn.active();
      const own = this.own;
      const held = this.write(own.subarray(0, n), own);
      // A failed write closed the connection, which handed `own` back already.
      if (this.conn.clientClosed) return undefined;
      if (n === own.length && own.length < LARGE) {
        // A full small read: a bulk transfer; its next reads go to a large buffer.
        if (!held) giveBack(own);
        return (this.own = take(LARGE));
      }
      return held ? (this.own = take(own.length)) : undefined;
    } else if (n === this.raw.UV_EOF) {
      this.ended = true;
      this.conn.ended(this);
    } else if (n < 0) {
      this.conn.fail(this.fromMember ? errorOf(n) : undefined);
    }
    return undefined;
  }

  /** Writes what was read; true when the write was queued (it holds `bytes`, read into `buffer`). */
  private write(bytes: Buffer, buffer: Buffer): boolean {
    const req = this.raw.newWrite() as QueuedWrite;
    req.handle = this.to;
    req.oncomplete = onWritten;
    req.async = false;
    req.buffer = null;
    req.owner = this;
    req.queued = 0;
    req.retired = undefined;
    const err = this.to.writeBuffer(req, bytes);
    if (err) {
      this.conn.fail(this.fromMember ? undefined : errorOf(err));
      return false;
    }
    if (!this.raw.lastWriteWasAsync()) return false;
    req.buffer = bytes;
    req.retired = buffer;
    req.queued = bytes.length;
    this.queued += bytes.length;
    if (this.queued > HIGH_WATER && !this.stopped) {
      this.stopped = true;
      this.from.readStop();
    }
    return true;
  }

  /** @internal (onWritten) */
  written(req: QueuedWrite, status: number): void {
    if (req.retired && status === 0) giveBack(req.retired);
    if (this.conn.clientClosed) return;
    if (status < 0) return this.conn.fail(this.fromMember ? undefined : errorOf(status));
    this.conn.active();
    this.queued -= req.queued;
    if (this.queued === 0 && this.stopped && !this.ended) {
      this.stopped = false;
      this.from.readStart();
    }
    this.conn.settle();
  }

  /** The connection closed: its read buffer is free (a queued write, cancelled now, never held it). */
  closed(): void {
    giveBack(this.own);
  }
}

export class RawConnection implements L4Connection, Watched {
  clientClosed = false;
  lastTick = 0;
  private member: TcpHandle | undefined;
  private up: Way | undefined;
  private down: Way | undefined;
  private pendingConnect: ConnectRequest | undefined;
  private connectDone: ((connected: boolean) => void) | undefined;
  private onClose: ((error: Error | undefined) => void) | undefined;
  private closeListener: (() => void) | undefined;
  private sweepEntry: LiveListEntry<Watched> | undefined;

  constructor(
    private readonly raw: RawTcp,
    private readonly client: TcpHandle,
    private readonly sweep: IdleSweep,
  ) {
    client.setNoDelay(true);
  }

  get bytesRead(): number {
    return this.up?.bytes ?? 0;
  }

  get bytesWritten(): number {
    return this.down?.bytes ?? 0;
  }

  peer(): { address: string | undefined; port: number | undefined } {
    const out: { address?: string; port?: number } = {};
    this.client.getpeername(out);
    return { address: out.address, port: out.port };
  }

  onClientClose(listener: () => void): void {
    this.closeListener = listener;
  }

  connect(m: Member, done: (connected: boolean) => void): void {
    this.connectDone = done;
    this.sweepEntry ??= this.sweep.watch(this);
    const family = isIP(m.host);
    if (family) return this.dial(m.host, m.port, family);
    lookup(m.host, (err, address, resolved) => {
      if (this.clientClosed || this.connectDone !== done) return;
      if (err) return this.connectFailed();
      this.dial(address, m.port, resolved);
    });
  }

  private dial(address: string, port: number, family: number): void {
    const member = this.raw.newSocketHandle();
    const req = this.raw.newConnect();
    req.oncomplete = onConnected;
    req.address = address;
    req.port = port;
    req.owner = this;
    this.member = member;
    this.pendingConnect = req;
    // Each member gets the whole connect timeout, as a net.Socket's own timer gives it.
    this.active();
    const err = family === 6 ? member.connect6(req, address, port) : member.connect(req, address, port);
    if (err) this.connectFailed();
  }

  /** @internal (onConnected) */
  connected(req: ConnectRequest, status: number): void {
    if (req !== this.pendingConnect) return;
    this.pendingConnect = undefined;
    if (status < 0) return this.connectFailed();
    const done = this.connectDone!;
    this.connectDone = undefined;
    done(true);
  }

  private connectFailed(): void {
    this.pendingConnect = undefined;
    this.member?.close();
    this.member = undefined;
    const done = this.connectDone!;
    this.connectDone = undefined;
    done(false);
  }

  pipe(onClose: (error: Error | undefined) => void): void {
    this.onClose = onClose;
    const member = this.member!;
    member.setNoDelay(true);
    this.up = new Way(this, this.raw, this.client, member, false);
    this.down = new Way(this, this.raw, member, this.client, true);
    this.active();
    member.readStart();
    this.client.readStart();
  }

  /** Restarts the idle (or connect) timeout: bytes moved (Way), or a connect to another member began. */
  active(): void {
    this.lastTick = this.sweep.tick;
  }

  /** @internal (Way): one way has ended (its FIN was read): pass it on, or close when the other has ended too. */
  ended(way: Way): void {
    if (this.settle()) return;
    const req = this.raw.newShutdown();
    req.handle = way.to;
    req.oncomplete = onShutdown;
    req.owner = this;
    const err = way.to.shutdown(req);
    // 1: finished at once (nothing queued); another error: that side is gone already.
    if (err === 1) this.settle();
    else if (err < 0) this.close(undefined);
  }

  /** Closes both once both ways have ended and nothing is queued; true when it did. @internal (Way, onShutdown) */
  settle(): boolean {
    const { up, down } = this;
    if (!up || !down || !up.ended || !down.ended || up.queued > 0 || down.queued > 0) return false;
    this.close(undefined);
    return true;
  }

  /** @internal (IdleSweep): an idle pipe closes; a member that neither accepts nor refuses counts as a refusal. */
  timedOut(): void {
    if (this.pendingConnect) this.connectFailed();
    else if (this.onClose) this.close(undefined);
  }

  /** @internal (Way): a read or write failed; `error` when it was the member's. */
  fail(error: Error | undefined): void {
    this.close(error);
  }

  destroy(): void {
    this.close(undefined);
  }

  private close(error: Error | undefined): void {
    if (this.clientClosed) return;
    this.clientClosed = true;
    this.pendingConnect = undefined;
    this.connectDone = undefined;
    this.sweep.unwatch(this.sweepEntry);
    this.client.close();
    this.member?.close();
    this.up?.closed();
    this.down?.closed();
    this.closeListener?.();
    this.onClose?.(error);
  }
}
