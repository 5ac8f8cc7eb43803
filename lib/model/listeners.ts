/**
 * Listeners with host names (issue 16, item 1): several http (or several https) frontends may share a port
 * when their host names differ. A request is bound to one frontend of its port by TLS SNI (https), then by
 * Host; SEMANTICS.md ("Listeners with host names") defines it, the local proxy executes it and the cloud
 * evaluators mirror it.
 */
import { groupBy } from '../util/group-by';
import { hostMatches, normalizeHost } from './match';
import type { FrontendModel, HostMatch } from './types';

/** A host name as the model keeps it: lower-case, '*.' wildcards with their suffix ('.example.com'). */
export function hostMatchOf(name: string): HostMatch {
  const value = name.toLowerCase();
  return value.startsWith('*.') ? { kind: 'wildcard', suffix: value.slice(1), value } : { kind: 'exact', value };
}

/** 'tcp/443' or 'udp/53': frontends share a listening socket when they share this key. */
export function portKey(frontend: Pick<FrontendModel, 'protocol' | 'port'>): string {
  return `${frontend.protocol === 'udp' ? 'udp' : 'tcp'}/${frontend.port}`;
}

/** Frontends by listening socket, in spec order within each port. */
export function frontendsByPort(frontends: readonly FrontendModel[]): FrontendModel[][] {
  return groupBy(frontends, portKey);
}

/** Whether a port's frontends need binding at all: more than one, or one that serves only some host names. */
export function needsBinding(group: readonly FrontendModel[]): boolean {
  return group.length > 1 || (group[0]?.hostnames?.length ?? 0) > 0;
}

/**
 * How well a frontend's host names take a host (already normalized): an exact name beats every wildcard, a
 * longer wildcard suffix beats a shorter one, and a frontend without host names (the catch-all) takes any
 * host at the lowest rank. Undefined: the frontend does not take the host.
 */
export function hostnameRank(frontend: FrontendModel, host: string): number | undefined {
  const names = frontend.hostnames ?? [];
  if (names.length === 0) return -1;
  let best: number | undefined;
  for (const m of names) {
    if (!hostMatches(m, host)) continue;
    const rank = m.kind === 'exact' ? Number.MAX_SAFE_INTEGER : m.suffix.length;
    if (best === undefined || rank > best) best = rank;
  }
  return best;
}

/**
 * The frontend of a port that a host name binds to (exact > longest wildcard suffix > no host names), or
 * undefined when none takes it. `host` may carry a port and any case: it is normalized as Host is.
 */
export function bindHost(group: readonly FrontendModel[], host: string): FrontendModel | undefined {
  const name = normalizeHost(host);
  let best: FrontendModel | undefined;
  let bestRank = -Infinity;
  for (const f of group) {
    const rank = hostnameRank(f, name);
    // Semantic rules make ranks of one port distinct; on a tie the frontend declared first wins.
    if (rank !== undefined && rank > bestRank) {
      best = f;
      bestRank = rank;
    }
  }
  return best;
}

/**
 * The frontend a TLS connection binds to: by SNI when the client sent one, else the port's catch-all.
 * Undefined: the handshake fails (no certificate is offered for a name no frontend serves).
 */
export function bindServerName(group: readonly FrontendModel[], serverName: string | undefined): FrontendModel | undefined {
  return serverName ? bindHost(group, serverName) : group.find((f) => !f.hostnames?.length);
}

/** Where one request goes: a frontend, or an answer of the port itself. */
export type Binding =
  | { readonly kind: 'bound'; readonly frontend: FrontendModel }
  /** Host names a frontend other than the one the TLS connection (SNI) is bound to: 421 Misdirected Request. */
  | { readonly kind: 'misdirected'; readonly connection: FrontendModel; readonly host: FrontendModel }
  /** No frontend of the port serves the Host: 404. */
  | { readonly kind: 'unbound' };

/**
 * Binds one request: by Host, which must agree with the frontend the TLS connection was bound to (`connection`,
 * from SNI; undefined on plain http).
 */
export function bindRequest(group: readonly FrontendModel[], host: string, connection?: FrontendModel): Binding {
  const byHost = bindHost(group, host);
  if (!byHost) return { kind: 'unbound' };
  if (connection && connection !== byHost) return { kind: 'misdirected', connection, host: byHost };
  return { kind: 'bound', frontend: byHost };
}
