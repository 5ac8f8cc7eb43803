/**
 * An exchange's hold on the member it is sending to: counted by the pool (least-connections reads it) and listed
 * on the member (draining cuts what is listed), both undone by one release.
 */
import type { LiveListEntry } from '../live-list';
import type { Member, MemberConnection } from './member';
import type { PoolRuntime } from './pool';

export class MemberHold {
  private held: { readonly pool: PoolRuntime; readonly member: Member; readonly entry: LiveListEntry<MemberConnection> } | undefined;

  take(pool: PoolRuntime, member: Member, connection: MemberConnection): void {
    pool.acquire(member);
    this.held = { pool, member, entry: member.connections.add(connection) };
  }

  /** Undoes the hold; nothing when there is none (a release may come from several paths). */
  release(): void {
    const held = this.held;
    if (!held) return;
    this.held = undefined;
    held.pool.release(held.member);
    held.member.connections.remove(held.entry);
  }
}
