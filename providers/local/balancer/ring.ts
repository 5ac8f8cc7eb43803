/**
 * Consistent hashing (ip-hash and source-ip persistence). Each member owns VNODES_PER_WEIGHT × weight points
 * on a 32-bit ring, at hash32('<address>#<i>'). A key goes to the owner of the first point at or after
 * hash32(key), clockwise, skipping points of members that cannot take it. A member that leaves moves only
 * its own keys (about 1/N of them), spread over the others; every other key keeps its member.
 */
import { hash32 } from './hash';
import type { Member } from './member';

export const VNODES_PER_WEIGHT = 160;

export class HashRing {
  private readonly points: Uint32Array;
  private readonly owners: Uint32Array;

  constructor(private readonly members: readonly Member[]) {
    const entries: Array<[number, number]> = [];
    for (const m of members) {
      const count = VNODES_PER_WEIGHT * m.weight;
      for (let i = 0; i < count; i++) entries.push([hash32(`${m.address}#${i}`), m.index]);
    }
    // Ties on a point (rare) go to the member bound first, so the ring does not depend on insertion order.
    entries.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
    this.points = Uint32Array.from(entries, (e) => e[0]);
    this.owners = Uint32Array.from(entries, (e) => e[1]);
  }

  /** The member for `key` among those the filter accepts; undefined when none does. */
  lookup(key: string, filter: { eligible(m: Member): boolean }): Member | undefined {
    const n = this.points.length;
    if (n === 0) return undefined;
    const h = hash32(key);
    let lo = 0;
    let hi = n;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.points[mid] < h) lo = mid + 1;
      else hi = mid;
    }
    for (let step = 0; step < n; step++) {
      const m = this.members[this.owners[(lo + step) % n]];
      if (filter.eligible(m)) return m;
    }
    return undefined;
  }
}
