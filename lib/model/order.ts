/**
 * Rule order. `first-match` keeps declaration order. `most-specific` sorts by the Kubernetes Gateway API
 * precedence, so that every backend still only evaluates first-match:
 *   exact host > wildcard host (longer first) > no host; exact path > longer prefix > shorter prefix >
 *   regex; with methods > without; more header matches; more query matches; declaration order.
 * A rule without a path condition ranks as `prefix: /`, as Gateway API defaults an absent path match to
 * `PathPrefix /` (HTTPRoute spec, gateway-api v1.6.1, `rules[].matches`: "If no matches are specified, the
 * default is a prefix path match on "/""), so `{ headers: [...] }` beats a bare `prefix: /` declared earlier.
 * Gateway API leaves regex precedence to the implementation: lbkit ranks a regex below every prefix.
 * Precedence is per value, but a rule's values are alternatives of different specificity, so a rule whose
 * host or path values rank differently is split into one fragment per rank (ids `<rule>-<hash>`).
 */
import { createHash } from 'node:crypto';
import { groupBy } from '../util/group-by';
import type { HostMatch, MatchModel, PathMatch } from './types';

export interface OrderableRule {
  readonly name: string;
  readonly match: MatchModel;
}

export interface OrderedFragment<R extends OrderableRule> {
  readonly rule: R;
  readonly id: string;
  readonly match: MatchModel;
}

function hostRank(h: HostMatch | undefined): [number, number] {
  if (!h) return [2, 0];
  return h.kind === 'exact' ? [0, -h.value.length] : [1, -h.value.length];
}

/** The path Gateway API assumes when a match has none. */
const ABSENT_PATH_PREFIX = '/';

function pathRank(p: PathMatch | undefined): [number, number] {
  if (!p) return [1, -ABSENT_PATH_PREFIX.length];
  if (p.kind === 'exact') return [0, 0];
  if (p.kind === 'prefix') return [1, -p.value.length];
  return [2, 0];
}

export function fragmentId(name: string, hosts: readonly HostMatch[], paths: readonly PathMatch[]): string {
  const digest = createHash('sha256')
    .update(JSON.stringify([hosts.map((h) => h.value), paths.map((p) => `${p.kind}:${p.value}`)]))
    .digest('hex')
    .slice(0, 6);
  return `${name}-${digest}`;
}

export function orderMostSpecific<R extends OrderableRule>(rules: readonly R[]): OrderedFragment<R>[] {
  const keyed: { fragment: OrderedFragment<R>; key: number[] }[] = [];
  rules.forEach((rule, declaration) => {
    const m = rule.match;
    const hostGroups: HostMatch[][] = m.hosts.length ? groupBy(m.hosts, (h) => hostRank(h).join()) : [[]];
    const pathGroups: PathMatch[][] = m.paths.length ? groupBy(m.paths, (p) => pathRank(p).join()) : [[]];
    const split = hostGroups.length * pathGroups.length > 1;
    let index = 0;
    for (const hosts of hostGroups) {
      for (const paths of pathGroups) {
        const match: MatchModel = { ...m, hosts, paths };
        const key = [...hostRank(hosts[0]), ...pathRank(paths[0]), m.methods.length ? 0 : 1, -m.headers.length, -m.query.length, declaration, index++];
        keyed.push({ fragment: { rule, id: split ? fragmentId(rule.name, hosts, paths) : rule.name, match }, key });
      }
    }
  });
  keyed.sort((a, b) => {
    for (let i = 0; i < a.key.length; i++) if (a.key[i] !== b.key[i]) return a.key[i] - b.key[i];
    return 0;
  });
  return keyed.map((k) => k.fragment);
}
