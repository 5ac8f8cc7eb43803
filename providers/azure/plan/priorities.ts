/**
 * Routing-rule priorities (1-20000, lower first; Application Gateway v2 requires one per rule) derived from
 * each listener's own name, so that inserting, removing or reordering rules leaves every other rule's
 * priority alone (the spec has no priority field; lib/spec/schema.ts stays as it is).
 *
 * Evaluation order still holds, because the priority's band comes from how specific the listener's host
 * is (routing.ts `listenerHosts`):
 *   exact host names          1 - 9999
 *   wildcard host names   10000 - 17999, in sub-bands by suffix length, the longest (most specific) first
 *   any host (basic)      18000 - 20000
 * Within its band a listener takes the slot a hash of its name picks. Listeners of one band never overlap
 * (two exact hosts, or two wildcards of one suffix length, cannot both match a request on one port), so
 * their order within the band does not matter. Two names that pick the same slot: the listener whose name
 * sorts first keeps it and the other probes on (double hashing), so a later insertion moves an existing
 * listener only when it lands on that listener's slot first (about n / band size per insertion).
 *
 * Updates: requestRoutingRules are part of the gateway resource, which ARM replaces in one PUT, so two
 * rules never hold one priority during an update either.
 * https://learn.microsoft.com/azure/application-gateway/multiple-site-overview (rule priority, 1-20000).
 */
import { createHash } from 'node:crypto';

export const PRIORITY_MIN = 1;
export const PRIORITY_MAX = 20000;
export const PRIORITY_BANDS = {
  exact: { first: 1, last: 9999 },
  wildcard: { first: 10000, last: 17999 },
  any: { first: 18000, last: 20000 },
} as const;
/** Longest host name (RFC 1035): a wildcard's suffix ('.example.com') is at most 253 characters. */
const MAX_SUFFIX = 253;
const WILDCARD_SLOTS = Math.floor((PRIORITY_BANDS.wildcard.last - PRIORITY_BANDS.wildcard.first + 1) / MAX_SUFFIX);

/** A listener as the priorities see it: its name and the one host name it serves ('' for any host). */
export interface PrioritizedListener {
  readonly name: string;
  readonly host: string;
}

/** The band of slots a listener's priority comes from. */
export function bandOf(host: string): { first: number; size: number } {
  if (!host) return { first: PRIORITY_BANDS.any.first, size: PRIORITY_BANDS.any.last - PRIORITY_BANDS.any.first + 1 };
  if (!host.startsWith('*.')) return { first: PRIORITY_BANDS.exact.first, size: PRIORITY_BANDS.exact.last - PRIORITY_BANDS.exact.first + 1 };
  const suffix = Math.min(host.length - 1, MAX_SUFFIX);
  return { first: PRIORITY_BANDS.wildcard.first + (MAX_SUFFIX - suffix) * WILDCARD_SLOTS, size: WILDCARD_SLOTS };
}

function hashes(name: string): [number, number] {
  const digest = createHash('sha256').update(name).digest();
  return [digest.readUInt32BE(0), digest.readUInt32BE(4)];
}

/** Priority by listener name. Throws only if a band is full, which the listener limit (100) rules out. */
export function listenerPriorities(listeners: readonly PrioritizedListener[]): Map<string, number> {
  const taken = new Set<number>();
  const out = new Map<string, number>();
  for (const l of [...listeners].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
    const { first, size } = bandOf(l.host);
    const [h1, h2] = hashes(l.name);
    const step = size > 1 ? 1 + (h2 % (size - 1)) : 1;
    let slot = h1 % size;
    for (let tries = 0; taken.has(first + slot); tries++) {
      if (tries >= size) throw new Error(`no free routing-rule priority for listener '${l.name}'`);
      slot = (slot + step) % size;
    }
    taken.add(first + slot);
    out.set(l.name, first + slot);
  }
  return out;
}
