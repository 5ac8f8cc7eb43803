/**
 * Host-name binding (./listeners.ts) as a first-match list, for targets that route a shared port by ordered rules
 * with host conditions (an ALB listener): the frontends' host names in an order where the first match is the
 * binding, and the hosts a rule's own `match.hosts` leaves within a frontend's names.
 */
import { hostMatches } from './match';
import type { FrontendModel, HostMatch } from './types';

/** A run of one frontend's host names in binding order. */
export interface HostTier {
  readonly frontend: FrontendModel;
  readonly names: readonly HostMatch[];
}

const rankOf = (h: HostMatch) => (h.kind === 'exact' ? Number.MAX_SAFE_INTEGER : h.suffix.length);

/**
 * A port's host names, grouped by frontend, in an order where the first group whose names match a host is the
 * frontend the host binds to: exact names first, then wildcards by longer suffix (./listeners.ts hostnameRank).
 * Names of one rank never match the same host (exact names are distinct; two wildcards with suffixes of one
 * length that both match a host are equal), so within a rank the order is free: a frontend that continues the
 * previous group comes first, and adjacent groups of one frontend merge. The catch-all (no host names) is not
 * listed: it takes what no group matches.
 */
export function hostBindingOrder(group: readonly FrontendModel[]): HostTier[] {
  const ranks = [...new Set(group.flatMap((f) => (f.hostnames ?? []).map(rankOf)))].sort((a, b) => b - a);
  const tiers: Array<{ frontend: FrontendModel; names: HostMatch[] }> = [];
  for (const rank of ranks) {
    const inRank = group
      .map((frontend) => ({ frontend, names: (frontend.hostnames ?? []).filter((h) => rankOf(h) === rank) }))
      .filter((t) => t.names.length > 0);
    const last = tiers[tiers.length - 1];
    inRank.sort((a, b) => Number(b.frontend === last?.frontend) - Number(a.frontend === last?.frontend));
    for (const t of inRank) {
      const previous = tiers[tiers.length - 1];
      if (previous?.frontend === t.frontend) previous.names.push(...t.names);
      else tiers.push({ frontend: t.frontend, names: [...t.names] });
    }
  }
  return tiers;
}

/**
 * The host names that match a host exactly when some of `a` and some of `b` do (each list: alternatives).
 * Exact meets exact when equal, exact meets a wildcard that matches it, and of two wildcards the one whose
 * suffix ends with the other's is the meet (suffixes that are not nested match no host together).
 */
export function hostIntersection(a: readonly HostMatch[], b: readonly HostMatch[]): HostMatch[] {
  const out = new Map<string, HostMatch>();
  for (const x of a)
    for (const y of b) {
      const meet = meetOf(x, y);
      if (meet) out.set(meet.value, meet);
    }
  return [...out.values()];
}

function meetOf(x: HostMatch, y: HostMatch): HostMatch | undefined {
  if (x.kind === 'exact') return hostMatches(y, x.value) ? x : undefined;
  if (y.kind === 'exact') return hostMatches(x, y.value) ? y : undefined;
  if (x.suffix.endsWith(y.suffix)) return x;
  if (y.suffix.endsWith(x.suffix)) return y;
  return undefined;
}
