/**
 * Checks on the shape of any input before the schema sees it: nesting depth, number of values, and keys that
 * name prototype machinery (`__proto__`, `constructor`, `prototype`). Files are already bounded while they
 * are read (yaml-data.ts, json-text.ts); this covers objects handed to validateSpec by code, and reports
 * special keys by path wherever they are (zod skips `__proto__` in records, so the schema alone misses it).
 * Iterative, visits each object once (a cyclic object cannot loop it), and stops at the first limit.
 */
import type { SpecIssue } from '../errors';
import { formatPath, shorten } from './errors';
import { SPEC_LIMITS, SPECIAL_KEYS } from './limits';

export interface ShapeIssues {
  /** Too deep or too many values: nothing else should walk this input. */
  readonly fatal?: SpecIssue;
  /** Special keys, by path. */
  readonly keys: SpecIssue[];
}

export function shapeIssues(input: unknown): ShapeIssues {
  const keys: SpecIssue[] = [];
  const seen = new WeakSet<object>();
  // Each entry links to its parent instead of copying its path: paths are built only for issues.
  const stack: Entry[] = [{ value: input, key: undefined, parent: undefined, depth: 0 }];
  let values = 0;
  while (stack.length) {
    const entry = stack.pop()!;
    const { value } = entry;
    if (++values > SPEC_LIMITS.values) {
      return {
        keys,
        fatal: {
          path: '',
          message: `the spec holds more than ${SPEC_LIMITS.values.toLocaleString('en-US')} values`,
          fix: 'split it into several load balancers',
        },
      };
    }
    if (value === null || typeof value !== 'object' || seen.has(value)) continue;
    seen.add(value);
    if (entry.depth >= SPEC_LIMITS.depth) {
      return {
        keys,
        fatal: {
          path: formatPath(pathOf(entry)),
          message: `the spec nests deeper than ${SPEC_LIMITS.depth} levels`,
          fix: 'flatten it: a spec nests only a few levels',
        },
      };
    }
    if (Array.isArray(value)) {
      for (let i = value.length - 1; i >= 0; i--) stack.push({ value: value[i], key: i, parent: entry, depth: entry.depth + 1 });
      continue;
    }
    const names = Object.keys(value);
    for (const key of names) {
      if (!SPECIAL_KEYS.has(key)) continue;
      keys.push({
        path: formatPath([...pathOf(entry), key]),
        message: `'${shorten(key)}' is not allowed as a key: it names JavaScript object machinery`,
        fix: entry.key === 'tags' ? 'use another tag key' : 'remove it',
      });
    }
    // Children in reverse, so that they come off the stack in document order.
    for (let k = names.length - 1; k >= 0; k--) {
      if (!SPECIAL_KEYS.has(names[k]))
        stack.push({ value: (value as Record<string, unknown>)[names[k]], key: names[k], parent: entry, depth: entry.depth + 1 });
    }
  }
  return { keys };
}

interface Entry {
  readonly value: unknown;
  readonly key: PropertyKey | undefined;
  readonly parent: Entry | undefined;
  readonly depth: number;
}

function pathOf(entry: Entry): PropertyKey[] {
  const path: PropertyKey[] = [];
  for (let e: Entry | undefined = entry; e?.parent; e = e.parent) path.unshift(e.key!);
  return path;
}
