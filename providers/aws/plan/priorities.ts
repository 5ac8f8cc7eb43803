/**
 * ALB listener-rule priorities that stay put across updates.
 *
 * ELBv2 evaluates a listener's rules by ascending priority (1-50000, unique per listener:
 * https://docs.aws.amazon.com/elasticloadbalancing/latest/application/listener-rules.html), so priorities must
 * increase with lbkit's first-match order. A pure function of today's spec cannot also keep yesterday's numbers when
 * a rule is inserted in the middle (the inserted rule needs a number between its neighbours' old ones, which only
 * the old plan knows), and renumbering makes the new rule take a priority an existing rule still holds while
 * CloudFormation or Pulumi updates them one by one: `PriorityInUse`. So the plan keeps a ledger, like CDK's
 * cdk.context.json: `plan.priorities` is committed next to the spec and given back as the `priorities` option.
 *
 * With a ledger, every rule part that keeps its ledger priority in order keeps it (the longest increasing run of
 * them); the others (new, moved, or out of order) take free numbers in the gap between their kept neighbours,
 * never a number the ledger holds (a removed rule is deleted only after the new ones exist). Without a ledger the
 * first deployment gets (order + 1) * 10 + part, as before.
 */
import type { LimitFinding } from './types';

/** Priorities by '<frontend>/<rule part id>' (a split rule's parts are '<rule id>.2', ...). */
export type PriorityLedger = Readonly<Record<string, number>>;

export const PRIORITY_RANGE = { min: 1, max: 50_000 } as const;

/** A listener's rule parts in first-match order, with the default numbering. */
export interface PriorityRequest {
  readonly key: string;
  readonly fallback: number;
}

/**
 * Priorities for one listener's rule parts, in order. `ledger` holds every key the last plan assigned (any
 * listener: only this listener's keys are read, its values are all reserved).
 */
export function assignPriorities(
  listener: string,
  parts: readonly PriorityRequest[],
  ledger: PriorityLedger | undefined,
  issues: LimitFinding[],
  path: string,
): number[] {
  const prefix = `${listener}/`;
  const held = ledger ? Object.entries(ledger).filter(([k]) => k.startsWith(prefix)) : [];
  if (!held.length) return parts.map((p) => p.fallback);
  const taken = new Set(held.map(([, v]) => v));
  const old = parts.map((p) => ledger![p.key]);
  const kept = longestIncreasing(old);
  const out: number[] = old.map((v, i) => (kept.has(i) ? v : NaN));
  let i = 0;
  while (i < parts.length) {
    if (kept.has(i)) {
      i++;
      continue;
    }
    let j = i;
    while (j < parts.length && !kept.has(j)) j++;
    const lo = i > 0 ? out[i - 1] : PRIORITY_RANGE.min - 1;
    const count = j - i;
    const hi = j < parts.length ? out[j] : Math.min(PRIORITY_RANGE.max + 1, Math.max(lo, ...taken) + 10 * (count + 1));
    const free = freeBetween(lo, hi, taken);
    if (free.length < count) {
      issues.push({
        path,
        message: `no free ALB rule priority between ${lo} and ${hi} for ${parts
          .slice(i, j)
          .map((p) => p.key)
          .join(', ')} (the priorities ledger holds the others)`,
      });
      return parts.map((p) => p.fallback);
    }
    for (let k = 0; k < count; k++) out[i + k] = free[Math.floor(((k + 1) * free.length) / (count + 1))] ?? free[k];
    // Evenly spread picks can collide when the gap is tight: take the lowest free ones in order then.
    if (new Set(out.slice(i, j)).size < count) for (let k = 0; k < count; k++) out[i + k] = free[k];
    i = j;
  }
  return out;
}

function freeBetween(lo: number, hi: number, taken: ReadonlySet<number>): number[] {
  const free: number[] = [];
  for (let v = lo + 1; v < hi && v <= PRIORITY_RANGE.max; v++) if (!taken.has(v)) free.push(v);
  return free;
}

/** Indices of a longest strictly increasing subsequence of the defined values (earliest on ties). */
function longestIncreasing(values: readonly (number | undefined)[]): Set<number> {
  const idx = values.map((v, i) => [v, i] as const).filter((e): e is readonly [number, number] => e[0] !== undefined);
  const len: number[] = [];
  const prev: number[] = [];
  let best = -1;
  idx.forEach(([v], a) => {
    len[a] = 1;
    prev[a] = -1;
    for (let b = 0; b < a; b++)
      if (idx[b][0] < v && len[b] + 1 > len[a]) {
        len[a] = len[b] + 1;
        prev[a] = b;
      }
    if (best < 0 || len[a] > len[best]) best = a;
  });
  const kept = new Set<number>();
  for (let a = best; a >= 0; a = prev[a]) kept.add(idx[a][1]);
  return kept;
}

/** The ledger of a plan's rules, to commit and give back as `priorities`. */
export function ledgerOf(
  listeners: readonly { readonly id: string; readonly rules: readonly { readonly id: string; readonly priority: number }[] }[],
): Record<string, number> {
  return Object.fromEntries(listeners.flatMap((l) => l.rules.map((r) => [`${l.id}/${r.id}`, r.priority])));
}
