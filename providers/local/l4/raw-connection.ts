/**
 * An L4 connection on Node's TCP handles (raw-binding.ts), for a plain TCP frontend in front of a plain TCP
 * pool: the same behaviour as socket-connection.ts + pipe.ts without a net.Socket (a Duplex stream) per side.
 * - Reads go straight into writes on the other handle; a write the kernel did not take at once is queued
 *   (its request keeps the bytes alive), and over HIGH_WATER queued bytes the reading side stops until that
 *   queue is empty again (backpressure).
 * - A FIN one way is passed on with a shutdown; the other way keeps flowing. Once both ways have ended and
 *   nothing is queued, both handles close (a close after both FINs sends a FIN, never a reset).
 * - A read error or reset on either side closes both at once; only the member's counts as its error.
 * - Idle and connect timeouts come from one sweep per frontend (IdleSweep) instead of a timer per socket.
 */
import { lookup } from 'node:dns';
import { isIP } from 'node:net';
import { getSystemErrorName } from 'node:util';
import type { Member } from '../balancer/member';
import { LiveList, type LiveListEntry } from '../live-list';
import type { L4Connection } from './connection';
import type { ConnectRequest, RawTcp, ShutdownRequest, TcpHandle, WriteRequest } from './raw-binding';

/** Queued bytes towards one side above which the other side stops reading (a net.Socket's pipe pauses near this). */
const HIGH_WATER = 64 * 1024;
/** Sweeps per idle timeout: a connection closes between 1 and 1 + 1/SLICES idle timeouts after its last byte. */
const SLICES = 4;

interface Watched {
  lastTick: number;
  timedOut(): void;
}

/**
 * The idle and connect timeouts of one frontend's raw connections: a tick every idleMs / SLICES; a
 * connection whose last activity is more than SLICES ticks old has been idle for at least idleMs. Activity
 * costs one store (lastTick) instead of re-arming a timer per read. The timer runs only while it watches
 * connections.
 */
export class IdleSweep {
  tick = 0;
  private readonly watched = new LiveList<Watched>();
  private timer: NodeJS.Timeout | undefined;

  constructor(private readonly idleMs: number) {}

  watch(w: Watched): LiveListEntry<Watched> | undefined {
    if (this.idleMs <= 0) return undefined;
    w.lastTick = this.tick;
    this.timer ??= setInterval(() => this.sweep(), Math.max(1, this.idleMs / SLICES)).unref();
    return this.watched.add(w);
  }

  unwatch(entry: LiveListEntry<Watched> | undefined): void {
    if (entry) this.watched.remove(entry);
  }

  private sweep(): void {
    const tick = ++this.tick;
    if (this.watched.size === 0) {
      clearInterval(this.timer);
      this.timer = undefined;
      return;
    }
    for (const w of this.watched.values()) if (tick - w.lastTick > SLICES) w.timedOut();
  }

  stop(): void {
    clearInterval(this.timer);
    this.timer = undefined;
  }
}

interface QueuedWrite extends WriteRequest {
  owner: Way;
  queued: number;
}

const errorOf = (status: number) => new Error(getSystemErrorName(status));

// Shared callbacks (no closure per connection): each handle and request carries its way or connection as `owner`.
function onRead(this: TcpHandle, arrayBuffer: ArrayBuffer): void {
  (this.owner as Way).read(arrayBuffer);
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
 */
class Way {
  /** Bytes read on `from` (and written to `to`). */
  bytes = 0;
  /** `from`'s FIN was read. */
  ended = false;
  /** Bytes written to `to` that the kernel has not taken yet. */
  queued = 0;
  private stopped = false;

  constructor(
    private readonly conn: RawConnection,
    private readonly raw: RawTcp,
    readonly from: TcpHandle,
    readonly to: TcpHandle,
    private readonly fromMember: boolean,
  ) {
    from.owner = this;
    from.onread = onRead;
  }

  /** @internal (onRead) */
  read(arrayBuffer: ArrayBuffer): void {
    const n = this.raw.readResult();
    if (n > 0) {
      this.bytes += n;
      this.conn.active();
      this.write(Buffer.from(arrayBuffer, this.raw.readOffset(), n));
    } else if (n === this.raw.UV_EOF) {
      this.ended = true;
      this.conn.ended(this);
    } else if (n < 0) {
      this.conn.fail(this.fromMember ? errorOf(n) : undefined);
    }
  }

  private write(bytes: Buffer): void {
    const req = this.raw.newWrite() as QueuedWrite;
    req.handle = this.to;
    req.oncomplete = onWritten;
    req.async = false;
    req.buffer = null;
    req.owner = this;
    req.queued = 0;
    const err = this.to.writeBuffer(req, bytes);
    if (err) return this.conn.fail(this.fromMember ? undefined : errorOf(err));
    if (!this.raw.lastWriteWasAsync()) return;
    req.buffer = bytes;
    req.queued = bytes.length;
    this.queued += bytes.length;
    if (this.queued > HIGH_WATER && !this.stopped) {
      this.stopped = true;
      this.from.readStop();
    }
  }

  /** @internal (onWritten) */
  written(req: QueuedWrite, status: number): void {
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

  /** @internal (Way): bytes moved. */
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
    this.closeListener?.();
    this.onClose?.(error);
  }
}
