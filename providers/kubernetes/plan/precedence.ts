/**
 * Gateway API match precedence within one HTTPRoute, and where an order of rules disagrees with it.
 *
 * The spec ranks matches by 'characters in a matching path', then 'method match', then 'largest number of header
 * matches', then 'largest number of query param matches'; the precedence of RegularExpression paths is
 * implementation-specific (https://gateway-api.sigs.k8s.io/reference/spec/#httprouterule). Envoy Gateway sorts
 * Exact, then RegularExpression, then PathPrefix, each by length. The two readings differ where an exact path and
 * an equally long prefix with more conditions overlap, so an order must be kept by both.
 */
import { compileWholeMatch } from '../../../lib/util/regex';
import type { PathMatch } from '../../../lib/model/types';
import type { RouteEntry, RouteMatch } from './host-routes';
import { routeMatches } from './host-routes';

/**
 * The two readings of precedence, larger is more specific, compared element by element: the spec's (path length,
 * method, headers, query) and Envoy Gateway's (path type, then the same). An order is kept only when both keep it.
 */
export function precedenceKeys(m: RouteMatch): [number[], number[]] {
  const p = m.path;
  // No path is the default PathPrefix '/' of an HTTPRouteMatch.
  const type = !p ? 1 : p.kind === 'exact' ? 3 : p.kind === 'regex' ? 2 : 1;
  const chars = !p ? 1 : p.value.length;
  const rest = [chars, m.method ? 1 : 0, m.headers.length, m.query.length];
  return [rest, [type, ...rest]];
}

export function compareKeys(a: readonly number[], b: readonly number[]): number {
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return a[i] - b[i];
  return 0;
}

const underPrefix = (path: string, prefix: string) => prefix === '/' || path === prefix || path.startsWith(`${prefix}/`);

/** Whether one request can satisfy both paths (conservative: true unless provably disjoint). */
function pathsOverlap(a: PathMatch | undefined, b: PathMatch | undefined): boolean {
  if (!a || !b) return true;
  if (a.kind === 'regex' && b.kind === 'exact') return compileWholeMatch(a.value).test(b.value);
  if (b.kind === 'regex' && a.kind === 'exact') return compileWholeMatch(b.value).test(a.value);
  if (a.kind === 'regex' || b.kind === 'regex') return true;
  if (a.kind === 'exact' && b.kind === 'exact') return a.value === b.value;
  if (a.kind === 'exact') return underPrefix(a.value, b.value);
  if (b.kind === 'exact') return underPrefix(b.value, a.value);
  return underPrefix(a.value, b.value) || underPrefix(b.value, a.value);
}

function headersDisjoint(a: RouteMatch, b: RouteMatch): boolean {
  return a.headers.some(
    (x) => x.kind === 'exact' && b.headers.some((y) => y.kind === 'exact' && y.name === x.name && y.value.toLowerCase() !== x.value.toLowerCase()),
  );
}

export function matchesOverlap(a: RouteMatch, b: RouteMatch): boolean {
  if (a.method && b.method && a.method !== b.method) return false;
  if (headersDisjoint(a, b) || headersDisjoint(b, a)) return false;
  return pathsOverlap(a.path, b.path);
}

export interface OrderConflict {
  readonly earlier: RouteEntry;
  readonly later: RouteEntry;
}

/** Pairs where a later entry's match outranks an overlapping match of an earlier entry (the Gateway would pick the later one). */
export function orderConflicts(entries: readonly RouteEntry[]): OrderConflict[] {
  const matches = entries.map((e) => routeMatches(e.match).map((m) => ({ m, keys: precedenceKeys(m) })));
  const found: OrderConflict[] = [];
  for (let i = 0; i < entries.length; i++) {
    for (let j = i + 1; j < entries.length; j++) {
      // Parts of one split rule (splitRule) share its action and filters; Gateway precedence picks the longest
      // matching prefix among them, which is the prefix lbkit replaces too.
      if (entries[i].ruleId !== undefined && entries[i].ruleId === entries[j].ruleId) continue;
      const conflict = matches[i].some((a) => matches[j].some((b) => b.keys.some((k, r) => compareKeys(k, a.keys[r]) > 0) && matchesOverlap(a.m, b.m)));
      if (conflict) found.push({ earlier: entries[i], later: entries[j] });
    }
  }
  return found;
}
