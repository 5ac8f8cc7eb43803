/**
 * The sound part of a broken spec, so that one run reports every problem: a negative port must not hide an
 * unknown pool elsewhere, nor a capability problem of the frontends that are fine.
 *
 * Values that fail the schema are left out (a value that is missing or required then takes its parent with
 * it: a frontend without a valid port goes, the frontends around it stay), and the rest is parsed again until
 * the schema accepts it. For a model, values that fail a cross-field rule are left out the same way, so that
 * the model is only ever built from a spec that passes every check (the contract toModel relies on).
 *
 * Lists lose entries, so indexes shift: `toInput` maps a path of the sound spec back to the input's path, so
 * that every later problem (semantic, capability, limits) names the value the user wrote. Names of entries
 * left out are kept, so that a reference to a broken pool is not also reported as an unknown pool.
 */
import type { z } from 'zod';
import { formatPath } from './errors';
import { SPEC_LIMITS, SPECIAL_KEYS } from './limits';
import { pathParts } from './paths';
import { loadBalancerSpecSchema, type LoadBalancerSpec } from './schema';

type Part = string | number;
type ZodIssue = z.core.$ZodIssue;

/** Rounds of leaving out and parsing again: each round takes at least one value out, and specs nest ~7 levels. */
const MAX_ROUNDS = 24;

/** The sound part and how its paths map back to the input's. */
export interface Sound {
  readonly spec: LoadBalancerSpec;
  /** The input's path of a path of `spec` ('' stays ''). */
  readonly toInput: (path: string) => string;
}

const keyOf = (parts: readonly Part[]) => JSON.stringify(parts);

export class Salvager {
  /** Input paths left out (as keyOf), and every prefix of one (to copy only what holds a removal). */
  private readonly removed = new Set<string>();
  private readonly holding = new Set<string>();
  /** Input paths left out, formatted. */
  private readonly removedPaths: string[] = [];
  /** Names (`name: x`) of entries left out. */
  readonly removedNames = new Set<string>();
  /** Copied lists of the current copy, with the input index of each entry. */
  private indexes = new WeakMap<object, number[]>();
  private current: unknown;
  /** Certificates declared in the copy for references to undeclared ones. */
  private readonly standIns = new Set<string>();
  private failed = false;

  constructor(private readonly input: unknown) {
    this.current = input;
  }

  /** Runs until the schema (and `semantic`, when given, returning spec paths) accepts what is left; undefined when nothing is. */
  sound(structural: readonly ZodIssue[], semantic?: (spec: LoadBalancerSpec) => ReadonlyArray<{ path: string; message: string }>): Sound | undefined {
    let pending: Part[][] = structural.flatMap(targetsOf);
    for (let round = 0; round < MAX_ROUNDS && !this.failed; round++) {
      for (const parts of pending) this.remove(parts);
      if (this.failed || !this.copy()) return undefined;
      const parsed = loadBalancerSpecSchema.safeParse(this.current);
      if (!parsed.success) {
        pending = parsed.error.issues.flatMap(targetsOf);
        continue;
      }
      const spec = parsed.data as LoadBalancerSpec;
      const broken = semantic ? semantic(spec) : [];
      if (!broken.length) {
        const [copy, indexes] = [this.current, this.indexes];
        return { spec, toInput: (path) => (path ? formatPath(toInputParts(copy, indexes, pathParts(path))) : path) };
      }
      pending = [];
      for (const issue of broken) {
        // A certificate named but not declared: a stand-in keeps the frontend (only the name is wrong, and
        // capability does not depend on it); anything else broken is left out.
        const certificate = /^unknown certificate '(.*)'$/.exec(issue.message)?.[1];
        if (certificate !== undefined && !this.standIns.has(certificate)) this.standIns.add(certificate);
        else pending.push(pathParts(issue.path));
      }
    }
    return undefined;
  }

  /**
   * Whether a path of the input was left out, lies under a value that was, or holds one (an object that lost a
   * field is judged without it: a redirect without its broken host "changes nothing").
   */
  touchesRemoval(path: string): boolean {
    const under = (a: string, b: string) => a === b || a.startsWith(`${b}.`) || a.startsWith(`${b}[`);
    return this.removedPaths.some((r) => under(path, r) || (path !== '' && under(r, path)));
  }

  /**
   * Leaves out the value at a path of the current copy; a path that holds nothing there (a missing required
   * field, or one already left out) leaves out its parent. The document itself cannot go.
   */
  private remove(parts: readonly Part[]): void {
    let held = [...parts];
    while (held.length && valueAt(this.current, held) === undefined) held = held.slice(0, -1);
    if (!held.length) {
      this.failed = true;
      return;
    }
    const at = toInputParts(this.current, this.indexes, held);
    const key = keyOf(at);
    if (this.removed.has(key)) return;
    this.removed.add(key);
    this.removedPaths.push(formatPath(at));
    for (let k = 0; k < at.length; k++) this.holding.add(keyOf(at.slice(0, k)));
    const value = valueAt(this.input, at);
    // Its name, or the names of its entries when it is a whole list (pools over the bound, say).
    const named = at[at.length - 1] === 'name' ? [value] : Array.isArray(value) ? value.map(nameOf) : [nameOf(value)];
    for (const name of named) if (typeof name === 'string') this.removedNames.add(name);
  }

  /** A copy of the input without what was left out; values that hold no removal are shared, not copied. */
  private copy(): boolean {
    this.indexes = new WeakMap();
    let budget = SPEC_LIMITS.values;
    const walk = (value: unknown, parts: Part[]): unknown => {
      if (value === null || typeof value !== 'object' || !this.holding.has(keyOf(parts))) return value;
      if (--budget < 0 || parts.length > SPEC_LIMITS.depth) throw new Error('budget');
      if (Array.isArray(value)) {
        const kept: number[] = [];
        const out: unknown[] = [];
        value.forEach((v, i) => {
          if (this.removed.has(keyOf([...parts, i]))) return;
          kept.push(i);
          out.push(walk(v, [...parts, i]));
        });
        this.indexes.set(out, kept);
        return out;
      }
      const out: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(value)) {
        if (!SPECIAL_KEYS.has(k) && !this.removed.has(keyOf([...parts, k]))) out[k] = walk(v, [...parts, k]);
      }
      return out;
    };
    try {
      this.current = this.withStandIns(walk(this.input, []));
      return true;
    } catch {
      // Too large or too deep to copy (shape.ts bounds files; a shared object graph can still be wide): no sound part.
      return false;
    }
  }

  /** The copy with the stand-in certificates after the declared ones (whose indexes stay those of the input). */
  private withStandIns(copy: unknown): unknown {
    if (!this.standIns.size || copy === null || typeof copy !== 'object' || Array.isArray(copy)) return copy;
    const declared = (copy as { certificates?: unknown }).certificates;
    const list = Array.isArray(declared) ? declared : [];
    const certificates = [...list, ...[...this.standIns].map((name) => ({ name }))];
    this.indexes.set(certificates, this.indexes.get(list) ?? list.map((_, i) => i));
    return { ...copy, certificates };
  }
}

/** The values a schema issue condemns: each unknown key, or the value at the issue's path. */
function targetsOf(issue: ZodIssue): Part[][] {
  const path = issue.path.filter((p): p is Part => typeof p !== 'symbol');
  return issue.code === 'unrecognized_keys' ? issue.keys.map((k) => [...path, k]) : [path];
}

/** The input's path of a path of a copy (`indexes`: the input index of each entry of the copy's lists). */
function toInputParts(copy: unknown, indexes: WeakMap<object, number[]>, parts: readonly Part[]): Part[] {
  const out: Part[] = [];
  let node: unknown = copy;
  for (const part of parts) {
    const index = typeof part === 'number' && Array.isArray(node) ? indexes.get(node)?.[part] : undefined;
    out.push(index ?? part);
    node = node !== null && typeof node === 'object' ? (node as Record<PropertyKey, unknown>)[part] : undefined;
  }
  return out;
}

const nameOf = (value: unknown): unknown => (value !== null && typeof value === 'object' ? (value as { name?: unknown }).name : undefined);

function valueAt(root: unknown, parts: readonly Part[]): unknown {
  let v = root;
  for (const p of parts) {
    if (v === null || typeof v !== 'object' || !Object.prototype.hasOwnProperty.call(v, p)) return undefined;
    v = (v as Record<PropertyKey, unknown>)[p];
  }
  return v;
}
