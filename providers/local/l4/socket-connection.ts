/**
 * An L4 connection on net.Socket and tls (connection.ts): tls frontends, tls pools, and every frontend where
 * Node's TCP handles are not available in the expected shape (raw-binding.ts). A clear member is read into
 * the shared reusable buffer (read-buffer.ts); a TLS one the usual way.
 */
import { connect, type Socket } from 'node:net';
import { connect as tlsConnect } from 'node:tls';
import type { Member } from '../balancer/member';
import { memberReads, type MemberReads } from '../read-buffer';
import type { L4Connection } from './connection';
import { pipeBoth } from './pipe';

export class SocketConnection implements L4Connection {
  private member: Socket | undefined;
  private reads: MemberReads | undefined;

  /** `client` was accepted paused (pauseOnConnect); it is resumed once piped. */
  constructor(
    private readonly client: Socket,
    private readonly memberTls: boolean,
    private readonly idleMs: number,
  ) {
    client.pause();
    client.on('error', () => client.destroy());
  }

  get bytesRead(): number {
    return this.client.bytesRead;
  }

  get bytesWritten(): number {
    return this.client.bytesWritten;
  }

  get clientClosed(): boolean {
    return this.client.destroyed;
  }

  peer(): { address: string | undefined; port: number | undefined } {
    return { address: this.client.remoteAddress, port: this.client.remotePort };
  }

  onClientClose(listener: () => void): void {
    this.client.once('close', listener);
  }

  connect(m: Member, done: (connected: boolean) => void): void {
    const reads = this.memberTls ? undefined : memberReads();
    const member: Socket = reads
      ? connect({ host: m.host, port: m.port, allowHalfOpen: true, noDelay: true, onread: reads.onread })
      : tlsConnect({ host: m.host, port: m.port, rejectUnauthorized: false, allowHalfOpen: true } as never);
    this.member = member;
    this.reads = reads;
    const onConnectError = () => done(false);
    member.once('error', onConnectError);
    // A member that neither accepts nor refuses within the idle timeout counts as a refusal.
    const onConnectTimeout = () => member.destroy(new Error('connect timeout'));
    member.setTimeout(this.idleMs, onConnectTimeout);
    member.once(this.memberTls ? 'secureConnect' : 'connect', () => {
      member.off('error', onConnectError);
      member.off('timeout', onConnectTimeout);
      done(true);
    });
  }

  pipe(onClose: (error: Error | undefined) => void): void {
    pipeBoth(this.client, this.member!, this.idleMs, onClose, this.reads);
    this.client.resume();
  }

  destroy(): void {
    this.member?.destroy();
    this.client.destroy();
  }
}
