/**
 * Shadowed rules: a rule every request of which an earlier rule already takes. `covers(a, b)` is sound
 * (true only when every request b matches is matched by a) but not complete: regexes compare by text.
 */
import { cidrCovers, parseCidr } from '../util/cidr';
import { hostMatches, pathMatches } from './match';
import type { HeaderMatch, HostMatch, MatchModel, PathMatch, QueryMatch } from './types';

function hostCovers(a: HostMatch, b: HostMatch): boolean {
  if (b.kind === 'exact') return hostMatches(a, b.value);
  return a.kind === 'wildcard' && b.suffix.endsWith(a.suffix);
}

function pathCovers(a: PathMatch, b: PathMatch): boolean {
  if (a.kind === 'prefix' && a.value === '/') return true;
  if (a.kind === 'regex' || b.kind === 'regex') return a.kind === b.kind && a.value === b.value;
  // A case-insensitive condition takes paths of every case: a case-sensitive one covers none of it but its own.
  if (b.ignoreCase && !a.ignoreCase) return false;
  if (b.kind === 'exact') return pathMatches(a, b.value);
  return a.kind === 'prefix' && pathMatches(a, b.value);
}

function headerCovers(a: HeaderMatch, b: HeaderMatch): boolean {
  if (a.name !== b.name) return false;
  if (a.kind === 'present') return true;
  if (b.kind === 'present') return false;
  if (a.kind === 'regex' || b.kind === 'regex') return a.kind === b.kind && a.value === b.value;
  // An exact-case condition covers only exact-case conditions (a case-insensitive one also takes other cases).
  const exactCase = a.caseSensitive === true;
  if (exactCase && !b.caseSensitive) return false;
  const av = exactCase ? a.value : a.value.toLowerCase();
  const bv = exactCase ? b.value : b.value.toLowerCase();
  if (a.kind === 'exact') return b.kind === 'exact' && av === bv;
  return bv.startsWith(av);
}

function queryCovers(a: QueryMatch, b: QueryMatch): boolean {
  const exactCase = a.caseSensitive === true;
  if (exactCase && !b.caseSensitive) return false;
  const fold = (s: string) => (exactCase ? s : s.toLowerCase());
  if (fold(a.name) !== fold(b.name)) return false;
  if (a.kind === 'present') return true;
  return b.kind === 'exact' && fold(a.value) === fold(b.value);
}

/** Each of b's alternatives is covered by one of a's; an absent condition in a covers everything. */
function alternativesCovered<T>(a: readonly T[], b: readonly T[], covers: (x: T, y: T) => boolean): boolean {
  if (a.length === 0) return true;
  if (b.length === 0) return false;
  return b.every((y) => a.some((x) => covers(x, y)));
}

export function covers(a: MatchModel, b: MatchModel): boolean {
  return (
    alternativesCovered(a.methods, b.methods, (x, y) => x === y) &&
    alternativesCovered(a.hosts, b.hosts, hostCovers) &&
    alternativesCovered(a.paths, b.paths, pathCovers) &&
    alternativesCovered(a.sourceCidrs, b.sourceCidrs, (x, y) => cidrCovers(parseCidr(x)!, parseCidr(y)!)) &&
    a.headers.every((x) => b.headers.some((y) => headerCovers(x, y))) &&
    a.query.every((x) => b.query.some((y) => queryCovers(x, y)))
  );
}

/** Most covers() comparisons one frontend's shadow check makes; past it, the check stops and says so. */
export const MAX_SHADOW_COMPARISONS = 1_000_000;
/** A rule whose hosts x paths give more index keys than this is kept in a list every later rule checks. */
const MAX_KEYS_PER_RULE = 64;

export interface ShadowResult<R> {
  /** Each shadowed rule with the first earlier rule that covers it. */
  readonly shadowed: Array<{ readonly rule: R; readonly by: R }>;
  /** Index of the first rule not checked, when the comparison cap was reached. */
  readonly stoppedAt?: number;
  /** covers() comparisons made. */
  readonly comparisons: number;
}

/**
 * For each rule, the first earlier rule that covers it (the same answer as comparing every pair), found
 * through an index instead of every pair. A rule can only cover a later one if it covers the later rule's
 * first host and first path, so each rule is filed under (host key, path key) pairs, and a later rule looks
 * up only the keys that could cover its first host and first path: its exact host, the wildcard suffixes of
 * it and "no host"; its exact path, every whole-segment prefix of it, its regex and "no path". Rules that
 * share their host and path with many others (and differ in headers, say) still compare pairwise; the total
 * is capped at MAX_SHADOW_COMPARISONS and the caller reports where the check stopped.
 * `sameRule` skips fragments of one rule (most-specific order splits a rule into fragments).
 */
export function findShadowed<R extends { readonly match: MatchModel }>(
  rules: readonly R[],
  sameRule: (a: R, b: R) => boolean = (a, b) => a === b,
): ShadowResult<R> {
  const index = new Map<string, number[]>();
  const unindexed: number[] = [];
  const shadowed: Array<{ rule: R; by: R }> = [];
  let comparisons = 0;
  for (let j = 0; j < rules.length; j++) {
    const b = rules[j].match;
    const candidates = new Set<number>(unindexed);
    for (const hk of lookupHostKeys(b)) {
      for (const pk of lookupPathKeys(b)) for (const i of index.get(`${hk}\n${pk}`) ?? []) candidates.add(i);
    }
    const ordered = [...candidates].sort((x, y) => x - y);
    for (const i of ordered) {
      if (++comparisons > MAX_SHADOW_COMPARISONS) return { shadowed, stoppedAt: j, comparisons: comparisons - 1 };
      if (covers(rules[i].match, b)) {
        if (!sameRule(rules[i], rules[j])) shadowed.push({ rule: rules[j], by: rules[i] });
        break;
      }
    }
    const hostKeys = b.hosts.length ? [...new Set(b.hosts.map(hostKey))] : ['H*'];
    const pathKeys = b.paths.length ? [...new Set(b.paths.map(pathKey))] : ['P*'];
    if (hostKeys.length * pathKeys.length > MAX_KEYS_PER_RULE) unindexed.push(j);
    else {
      for (const hk of hostKeys) {
        for (const pk of pathKeys) {
          const key = `${hk}\n${pk}`;
          const list = index.get(key);
          if (list) list.push(j);
          else index.set(key, [j]);
        }
      }
    }
  }
  return { shadowed, comparisons };
}

function hostKey(h: HostMatch): string {
  return h.kind === 'exact' ? `H=${h.value}` : `H~${h.suffix}`;
}

function pathKey(p: PathMatch): string {
  if (p.kind === 'prefix' && p.value === '/') return 'P*';
  const i = p.kind !== 'regex' && p.ignoreCase ? 'i' : '';
  return p.kind === 'exact' ? `P=${i}${p.value}` : p.kind === 'prefix' ? `P^${i}${p.value}` : `PR${p.value}`;
}

/** Keys of the host conditions that can cover b's first host. */
function lookupHostKeys(b: MatchModel): string[] {
  const keys = ['H*'];
  const first = b.hosts[0];
  if (!first) return keys;
  // Wildcards whose suffix ends the name at a label boundary: '.b.c' and '.c' for 'a.b.c' or '*.b.c'.
  const name = first.kind === 'exact' ? first.value : first.suffix;
  if (first.kind === 'exact') keys.push(`H=${first.value}`);
  for (let i = name.indexOf('.'); i >= 0; i = name.indexOf('.', i + 1)) keys.push(`H~${name.slice(i)}`);
  return keys;
}

/** Keys of the path conditions that can cover b's first path. */
function lookupPathKeys(b: MatchModel): string[] {
  const keys = ['P*'];
  const first = b.paths[0];
  if (!first) return keys;
  if (first.kind === 'regex') {
    keys.push(`PR${first.value}`);
    return keys;
  }
  if (first.kind === 'exact') keys.push(`P=${first.value}`);
  // Whole-segment prefixes: '/a', '/a/b' and '/a/b/c' for '/a/b/c' (a prefix matches itself and below '/').
  const v = first.value;
  for (let i = v.indexOf('/', 1); i >= 0; i = v.indexOf('/', i + 1)) keys.push(`P^${v.slice(0, i)}`);
  keys.push(`P^${v}`);
  return keys;
}
