/** Rebuilding JSON-like values for comparisons and snapshots: one walk, each caller saying what to do with objects. */

type Entries = Array<[string, unknown]>;

/**
 * The value rebuilt: arrays item by item, each object from `object(entries, walk)` (which filters, sorts and maps
 * its entries, calling `walk` on the values it recurses into), every other value through `leaf`.
 */
export function rebuildJson(
  value: unknown,
  object: (entries: Entries, walk: (v: unknown) => unknown) => Entries,
  leaf: (v: unknown) => unknown = (v) => v,
): unknown {
  const walk = (v: unknown): unknown =>
    Array.isArray(v) ? v.map(walk) : v && typeof v === 'object' ? Object.fromEntries(object(Object.entries(v), walk)) : leaf(v);
  return walk(value);
}

/** Undefined fields dropped (so "not set" compares equal to left out); `leaf` maps every other value. */
export function withoutUndefined(value: unknown, leaf?: (v: unknown) => unknown): unknown {
  return rebuildJson(value, (entries, walk) => entries.filter(([, v]) => v !== undefined).map(([k, v]) => [k, walk(v)]), leaf);
}

/** Undefined fields dropped and keys sorted: equal values, equal form. */
export function canonical(value: unknown): unknown {
  return rebuildJson(value, (entries, walk) =>
    entries
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([k, v]) => [k, walk(v)]),
  );
}
