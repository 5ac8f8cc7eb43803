/** LiveList: the set of exchanges bound to a member (and clients of an L4 frontend), as a linked list. */
import { LiveList } from '../../providers/local/live-list';

describe('LiveList', () => {
  test('add and remove in any order; size and values follow', () => {
    const list = new LiveList<string>();
    const a = list.add('a');
    const b = list.add('b');
    const c = list.add('c');
    expect(list.size).toBe(3);
    expect(list.values().sort()).toEqual(['a', 'b', 'c']);
    list.remove(b); // middle
    expect(list.values().sort()).toEqual(['a', 'c']);
    list.remove(c); // head (the newest)
    list.remove(c); // again: nothing happens
    expect(list.size).toBe(1);
    expect([...list]).toEqual(['a']);
    list.remove(a); // last one
    expect(list.size).toBe(0);
    expect(list.values()).toEqual([]);
    const d = list.add('d');
    expect([...list]).toEqual(['d']);
    list.remove(d);
    expect(list.size).toBe(0);
  });

  test('a removed entry lets go of its value and neighbours (nothing dead keeps anything alive)', () => {
    const list = new LiveList<object>();
    const entries = [{}, {}, {}].map((o) => list.add(o));
    list.remove(entries[1]);
    expect(entries[1]).toEqual({ value: undefined, prev: undefined, next: undefined });
    list.clear();
    expect(list.size).toBe(0);
    for (const e of entries) expect(e).toEqual({ value: undefined, prev: undefined, next: undefined });
  });

  test('values() is a snapshot: removing while going through it is safe (draining cuts every exchange)', () => {
    const list = new LiveList<{ destroy(): void }>();
    const entries: Array<ReturnType<typeof list.add>> = [];
    let destroyed = 0;
    for (let i = 0; i < 5; i++) {
      const conn = {
        destroy: () => {
          destroyed++;
          list.remove(entries[i]);
        },
      };
      entries.push(list.add(conn));
    }
    for (const c of list.values()) c.destroy();
    expect(destroyed).toBe(5);
    expect(list.size).toBe(0);
  });
});
