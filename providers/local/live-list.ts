/**
 * A set of short-lived objects held by a long-lived one (the exchanges bound to a member, the clients of a
 * frontend): a doubly-linked list with O(1) add and remove through the entry `add()` returns.
 *
 * Why not a Set: a Set's hash table is re-allocated as entries come and go, and a discarded table that had
 * reached V8's old generation still points at the entries it held. A minor GC treats those pointers as
 * live, so every request held there at a re-allocation, with all it references, survives and is promoted;
 * at thousands of requests a second that cascade kept 16% of the young generation alive at every
 * scavenge (instead of under 1%), made scavenges ten times longer and cost about 15% of the throughput
 * (docs/performance.md). A removed entry here lets go of its value and its neighbours, so nothing
 * dead keeps anything alive.
 */
export interface LiveListEntry<T> {
  value: T | undefined;
  prev: LiveListEntry<T> | undefined;
  next: LiveListEntry<T> | undefined;
}

export class LiveList<T> implements Iterable<T> {
  private head: LiveListEntry<T> | undefined;
  private count = 0;

  get size(): number {
    return this.count;
  }

  add(value: T): LiveListEntry<T> {
    const entry: LiveListEntry<T> = { value, prev: undefined, next: this.head };
    if (this.head) this.head.prev = entry;
    this.head = entry;
    this.count++;
    return entry;
  }

  /** Removes the entry (again: nothing happens). */
  remove(entry: LiveListEntry<T>): void {
    if (entry.value === undefined) return;
    if (entry.prev) entry.prev.next = entry.next;
    else this.head = entry.next;
    if (entry.next) entry.next.prev = entry.prev;
    entry.value = undefined;
    entry.prev = undefined;
    entry.next = undefined;
    this.count--;
  }

  clear(): void {
    while (this.head) this.remove(this.head);
  }

  /** The values, as an array taken now (safe to remove entries while going through it). */
  values(): T[] {
    const out: T[] = [];
    for (let e = this.head; e; e = e.next) out.push(e.value!);
    return out;
  }

  [Symbol.iterator](): Iterator<T> {
    return this.values()[Symbol.iterator]();
  }
}
