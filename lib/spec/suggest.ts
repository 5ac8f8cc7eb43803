/**
 * "Did you mean" hints in bounded time. A hint compares the word only with candidates of a similar length
 * (an edit distance of at most 2 cannot bridge a larger length gap), each comparison is a banded edit
 * distance that stops once it exceeds the bound, and one hint compares with at most MAX_COMPARISONS
 * candidates. So N unknown names among M declared ones cost O(N * min(M, MAX_COMPARISONS)), never O(N * M)
 * full edit distances (10,000 unknown pool references among 10,000 pools once took over a minute).
 */

/** Candidates one hint compares with, at most. */
export const MAX_COMPARISONS = 2000;
/** Names listed in a "use one of" fix, at most. */
export const MAX_LISTED = 10;

/** The largest edit distance a hint accepts for a word: 1 below 6 characters, 2 from 6. */
function bound(word: string): number {
  return word.length >= 6 ? 2 : 1;
}

/** Two rows of the edit-distance table, reused across calls (grown when a longer word comes). */
let rows = [new Int32Array(64), new Int32Array(64)];

/** Edit distance of a and b if it is at most `max`, else max + 1; O(len * max), no allocation per call. */
export function boundedEditDistance(a: string, b: string, max: number): number {
  const inf = max + 1;
  if (Math.abs(a.length - b.length) > max) return inf;
  if (rows[0].length <= b.length) rows = [new Int32Array(b.length + 1), new Int32Array(b.length + 1)];
  let [previous, current] = rows;
  for (let j = 0; j <= b.length; j++) previous[j] = j <= max ? j : inf;
  for (let i = 1; i <= a.length; i++) {
    const from = Math.max(1, i - max);
    const to = Math.min(b.length, i + max);
    current[0] = i <= max ? i : inf;
    // Cells outside the band count as out of reach.
    if (from > 1) current[from - 1] = inf;
    let rowMin = from > 1 ? inf : current[0];
    for (let j = from; j <= to; j++) {
      const cost = a.charCodeAt(i - 1) === b.charCodeAt(j - 1) ? 0 : 1;
      let v = previous[j - 1] + cost;
      if (j <= i - 1 + max && previous[j] + 1 < v) v = previous[j] + 1;
      if (current[j - 1] + 1 < v) v = current[j - 1] + 1;
      current[j] = v > inf ? inf : v;
      if (current[j] < rowMin) rowMin = current[j];
    }
    if (to < b.length) current[to + 1] = inf;
    if (rowMin > max) return inf;
    [previous, current] = [current, previous];
  }
  return Math.min(previous[b.length], inf);
}

/** Candidates grouped by length, so that a hint only looks at those within reach. */
export class Suggester {
  private readonly byLength = new Map<number, Array<{ readonly name: string; readonly lower: string; readonly index: number }>>();
  private readonly all: string[];

  constructor(candidates: Iterable<string>) {
    this.all = [...candidates];
    this.all.forEach((name, index) => {
      const entry = { name, lower: name.toLowerCase(), index };
      const bucket = this.byLength.get(name.length);
      if (bucket) bucket.push(entry);
      else this.byLength.set(name.length, [entry]);
    });
  }

  get size(): number {
    return this.all.length;
  }

  /** The closest candidate within the word's bound (the first declared on a tie), or undefined. */
  closest(word: string): string | undefined {
    const lower = word.toLowerCase();
    const max = bound(word);
    let best: { name: string; distance: number; index: number } | undefined;
    let comparisons = 0;
    // Nearest lengths first, so that the comparison cap drops the least likely candidates.
    for (const delta of [0, -1, 1, -2, 2]) {
      if (Math.abs(delta) > max) continue;
      for (const candidate of this.byLength.get(word.length + delta) ?? []) {
        if (comparisons++ >= MAX_COMPARISONS) return best?.name;
        const d = boundedEditDistance(lower, candidate.lower, best ? best.distance : max);
        if (d > max) continue;
        if (!best || d < best.distance || (d === best.distance && candidate.index < best.index)) {
          best = { name: candidate.name, distance: d, index: candidate.index };
        }
      }
    }
    return best?.name;
  }

  /** Up to MAX_LISTED candidates, and how many there are in all when that is more. */
  list(): string {
    const shown = this.all.slice(0, MAX_LISTED).join(', ');
    return this.all.length > MAX_LISTED ? `${shown}, … (${this.all.length} in all)` : shown;
  }
}

/** Closest candidate within an edit distance of 1-2 (by the word's length), for "did you mean" hints. */
export function closest(word: string, candidates: Iterable<string>): string | undefined {
  return new Suggester(candidates).closest(word);
}
