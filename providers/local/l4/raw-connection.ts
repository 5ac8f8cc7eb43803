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
  owner: RawConnection;
  toMember: boolean;
  queued: number;
}

const errorOf = (status: number) => new Error(getSystemErrorName(status));

// Shared callbacks (no closure per connection): each handle and request carries its connection as `owner`.
function onClientRead(this: TcpHandle, arrayBuffer: ArrayBuffer): void {
  (this.owner as RawConnection).read(arrayBuffer, true);
}
function onMemberRead(this: TcpHandle, arrayBuffer: ArrayBuffer): void {
  (this.owner as RawConnection).read(arrayBuffer, false);
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

export class RawConnection implements L4Connection, Watched {
  bytesRead = 0;
  bytesWritten = 0;
  clientClosed = false;
  lastTick = 0;
  private member: TcpHandle | undefined;
  private pendingConnect: ConnectRequest | undefined;
  private connectDone: ((connected: boolean) => void) | undefined;
  private onClose: ((error: Error | undefined) => void) | undefined;
  private closeListener: (() => void) | undefined;
  private sweepEntry: LiveListEntry<Watched> | undefined;
  private clientEnded = false;
  private memberEnded = false;
  /** Bytes queued towards each side (written, not yet taken by the kernel). */
  private queuedToClient = 0;
  private queuedToMember = 0;
  private clientStopped = false;
  private memberStopped = false;

  constructor(
    private readonly raw: RawTcp,
    private readonly client: TcpHandle,
    private readonly sweep: IdleSweep,
  ) {
    client.owner = this;
    client.setNoDelay(true);
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
    member.owner = this;
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
    member.onread = onMemberRead;
    this.client.onread = onClientRead;
    this.lastTick = this.sweep.tick;
    member.readStart();
    this.client.readStart();
  }

  /** @internal (onClientRead, onMemberRead) */
  read(arrayBuffer: ArrayBuffer, fromClient: boolean): void {
    const n = this.raw.readResult();
    if (n > 0) {
      this.lastTick = this.sweep.tick;
      const bytes = Buffer.from(arrayBuffer, this.raw.readOffset(), n);
      if (fromClient) this.bytesRead += n;
      else this.bytesWritten += n;
      this.write(bytes, fromClient);
    } else if (n === this.raw.UV_EOF) {
      this.ended(fromClient);
    } else if (n < 0) {
      this.close(fromClient ? undefined : errorOf(n));
    }
  }

  private write(bytes: Buffer, toMember: boolean): void {
    const to = toMember ? this.member! : this.client;
    const req = this.raw.newWrite() as QueuedWrite;
    req.handle = to;
    req.oncomplete = onWritten;
    req.async = false;
    req.buffer = null;
    req.owner = this;
    req.toMember = toMember;
    req.queued = 0;
    const err = to.writeBuffer(req, bytes);
    if (err) return this.close(toMember ? errorOf(err) : undefined);
    if (!this.raw.lastWriteWasAsync()) return;
    req.buffer = bytes;
    req.queued = bytes.length;
    if (toMember) {
      this.queuedToMember += bytes.length;
      if (this.queuedToMember > HIGH_WATER && !this.clientStopped) {
        this.clientStopped = true;
        this.client.readStop();
      }
    } else {
      this.queuedToClient += bytes.length;
      if (this.queuedToClient > HIGH_WATER && !this.memberStopped) {
        this.memberStopped = true;
        this.member!.readStop();
      }
    }
  }

  /** @internal (onWritten) */
  written(req: QueuedWrite, status: number): void {
    if (this.clientClosed) return;
    if (status < 0) return this.close(req.toMember ? errorOf(status) : undefined);
    this.lastTick = this.sweep.tick;
    if (req.toMember) {
      this.queuedToMember -= req.queued;
      if (this.queuedToMember === 0 && this.clientStopped && !this.clientEnded) {
        this.clientStopped = false;
        this.client.readStart();
      }
    } else {
      this.queuedToClient -= req.queued;
      if (this.queuedToClient === 0 && this.memberStopped && !this.memberEnded) {
        this.memberStopped = false;
        this.member!.readStart();
      }
    }
    this.settle();
  }

  /** One way has ended (its FIN was read): pass it on, or close when the other way has ended too. */
  private ended(fromClient: boolean): void {
    if (fromClient) this.clientEnded = true;
    else this.memberEnded = true;
    if (this.settle()) return;
    const req = this.raw.newShutdown();
    req.handle = fromClient ? this.member! : this.client;
    req.oncomplete = onShutdown;
    req.owner = this;
    const err = req.handle.shutdown(req);
    // 1: finished at once (nothing queued); another error: that side is gone already.
    if (err === 1) this.settle();
    else if (err < 0) this.close(undefined);
  }

  /** Closes both once both ways have ended and nothing is queued; true when it did. @internal (onShutdown) */
  settle(): boolean {
    if (!this.clientEnded || !this.memberEnded || this.queuedToClient > 0 || this.queuedToMember > 0) return false;
    this.close(undefined);
    return true;
  }

  /** @internal (IdleSweep): an idle pipe closes; a member that neither accepts nor refuses counts as a refusal. */
  timedOut(): void {
    if (this.pendingConnect) this.connectFailed();
    else if (this.onClose) this.close(undefined);
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
