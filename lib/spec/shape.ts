/**
 * Checks on the shape of any input before the schema sees it: nesting depth, number of values, and keys that
 * name prototype machinery (`__proto__`, `constructor`, `prototype`). Files are already bounded while they
 * are read (yaml-data.ts, json-text.ts); this covers objects handed to validateSpec by code, and reports
 * special keys by path wherever they are (zod skips `__proto__` in records, so the schema alone misses it).
 * Iterative, visits each object once (a cyclic object cannot loop it), and stops at the first limit.
 */
import { formatPath, shorten, type SpecIssue } from './errors';
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
  const stack: Array<{ value: unknown; path: PropertyKey[] }> = [{ value: input, path: [] }];
  let values = 0;
  while (stack.length) {
    const { value, path } = stack.pop()!;
    if (++values > SPEC_LIMITS.values) {
      return { keys, fatal: { path: '', message: `the spec holds more than ${SPEC_LIMITS.values.toLocaleString('en-US')} values`, fix: 'split it into several load balancers' } };
    }
    if (value === null || typeof value !== 'object' || seen.has(value)) continue;
    seen.add(value);
    if (path.length >= SPEC_LIMITS.depth) {
      return { keys, fatal: { path: formatPath(path), message: `the spec nests deeper than ${SPEC_LIMITS.depth} levels`, fix: 'flatten it: a spec nests only a few levels' } };
    }
    if (Array.isArray(value)) {
      for (let i = value.length - 1; i >= 0; i--) stack.push({ value: value[i], path: [...path, i] });
      continue;
    }
    const names = Object.keys(value);
    for (const key of names) {
      if (!SPECIAL_KEYS.has(key)) continue;
      keys.push({
        path: formatPath([...path, key]),
        message: `'${shorten(key)}' is not allowed as a key: it names JavaScript object machinery`,
        fix: path[path.length - 1] === 'tags' ? 'use another tag key' : 'remove it',
      });
    }
    // Children in reverse, so that they come off the stack in document order.
    for (let k = names.length - 1; k >= 0; k--) {
      if (!SPECIAL_KEYS.has(names[k])) stack.push({ value: (value as Record<string, unknown>)[names[k]], path: [...path, names[k]] });
    }
  }
  return { keys };
}
