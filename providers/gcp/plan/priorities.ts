/**
 * Route-rule priorities that stay put. GCP evaluates a path matcher's route rules "in order of priority, from the
 * lowest to highest number", priorities are unique, 0-2147483647, and "can have gaps, which enable you to add or
 * remove rules in the future without affecting the rest of the rules" (compute v1 HttpRouteRule.priority,
 * @google-cloud/compute 7.8.0 compute.proto; https://cloud.google.com/compute/docs/reference/rest/v1/urlMaps).
 *
 * The spec has no priorities (lbkit rules are an ordered list), and no stateless function of a rule's name can
 * keep the list's order, so the priorities a deployment holds are its ledger: the component outputs them
 * (`routePriorities`) and takes them back (placement `routePriorities`). With a ledger, every rule it names keeps
 * its priority (the longest run of them still in increasing order; a rule moved against it gets a new one), and
 * new rules take priorities in the gaps, never one the ledger gives another rule. Without one, rules are numbered
 * 1000, 2000, ... so that later insertions find room.
 */

/** The first rule's priority and the gap between consecutive rules when numbering afresh. */
export const PRIORITY_STEP = 1000;
export const MAX_ROUTE_PRIORITY = 2147483647;

/** Rule id -> priority, for one frontend. */
export type PriorityLedger = Readonly<Record<string, number>>;

const valid = (p: unknown): p is number => typeof p === 'number' && Number.isInteger(p) && p >= 0 && p <= MAX_ROUTE_PRIORITY;

/** Indexes (into `values`) of a longest strictly increasing subsequence. */
function longestIncreasing(values: readonly number[]): Set<number> {
  const tails: number[] = [];
  const prev: number[] = new Array<number>(values.length).fill(-1);
  values.forEach((v, i) => {
    let lo = 0;
    let hi = tails.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (values[tails[mid]] < v) lo = mid + 1;
      else hi = mid;
    }
    if (lo > 0) prev[i] = tails[lo - 1];
    tails[lo] = i;
  });
  const kept = new Set<number>();
  for (let i = tails.length ? tails[tails.length - 1] : -1; i >= 0; i = prev[i]) kept.add(i);
  return kept;
}

/** `count` distinct integers strictly between `lo` and `hi`, evenly spread, none in `taken`; undefined when there is no room. */
function spread(lo: number, hi: number, count: number, taken: ReadonlySet<number>): number[] | undefined {
  const out: number[] = [];
  let last = lo;
  for (let k = 1; k <= count; k++) {
    let p = Math.max(last + 1, lo + Math.floor(((hi - lo) * k) / (count + 1)));
    while (p < hi && taken.has(p)) p++;
    if (p >= hi) return undefined;
    out.push(p);
    last = p;
  }
  return out;
}

/** Fresh numbering: PRIORITY_STEP, 2 x PRIORITY_STEP, ... */
const fresh = (ids: readonly string[]) => new Map(ids.map((id, i) => [id, (i + 1) * PRIORITY_STEP]));

/**
 * The priority of each rule id (in evaluation order), keeping the ledger's where it can. Returns fresh numbering
 * when the ledger leaves no room for a new rule (then `renumbered` is true).
 */
export function assignPriorities(ids: readonly string[], ledger: PriorityLedger = {}): { priorities: Map<string, number>; renumbered: boolean } {
  const known = ids.map((id, i) => ({ id, i, p: ledger[id] })).filter((x): x is { id: string; i: number; p: number } => valid(x.p));
  if (!known.length) return { priorities: fresh(ids), renumbered: false };
  const keptIdx = longestIncreasing(known.map((k) => k.p));
  const kept = new Map(known.filter((_, j) => keptIdx.has(j)).map((k) => [k.i, k.p]));
  // Priorities the ledger gives rules still in the spec are never handed to another rule.
  const taken = new Set(known.map((k) => k.p));
  const out = new Map<string, number>();
  let i = 0;
  while (i < ids.length) {
    if (kept.has(i)) {
      out.set(ids[i], kept.get(i)!);
      i++;
      continue;
    }
    const start = i;
    while (i < ids.length && !kept.has(i)) i++;
    const lo = start > 0 ? out.get(ids[start - 1])! : -1;
    const count = i - start;
    const hi = i < ids.length ? kept.get(i)! : Math.min(MAX_ROUTE_PRIORITY + 1, lo + (count + 1) * PRIORITY_STEP);
    const placed = spread(lo, hi, count, taken);
    if (!placed) return { priorities: fresh(ids), renumbered: true };
    placed.forEach((p, k) => out.set(ids[start + k], p));
  }
  return { priorities: out, renumbered: false };
}
