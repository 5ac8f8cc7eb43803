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
  if (b.kind === 'exact') return pathMatches(a, b.value);
  return a.kind === 'prefix' && pathMatches(a, b.value);
}

function headerCovers(a: HeaderMatch, b: HeaderMatch): boolean {
  if (a.name !== b.name) return false;
  if (a.kind === 'present') return true;
  if (b.kind === 'present') return false;
  const av = a.value.toLowerCase();
  const bv = b.value.toLowerCase();
  if (a.kind === 'regex' || b.kind === 'regex') return a.kind === b.kind && a.value === b.value;
  if (a.kind === 'exact') return b.kind === 'exact' && av === bv;
  return bv.startsWith(av);
}

function queryCovers(a: QueryMatch, b: QueryMatch): boolean {
  if (a.name.toLowerCase() !== b.name.toLowerCase()) return false;
  if (a.kind === 'present') return true;
  return b.kind === 'exact' && a.value.toLowerCase() === b.value.toLowerCase();
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
