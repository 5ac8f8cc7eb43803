/**
 * The load-balancing algorithms, each exactly as SEMANTICS.md (section 6, Algorithms) defines it.
 * An algorithm sees the pool's members in binding order and picks among those marked eligible for this one
 * selection (eligibility.ts: available, or every non-draining member when failing open; minus members a
 * retry already tried).
 *
 * Effective weight = member weight × slow-start factor. `round-robin` ignores member weights (equal turns);
 * every other algorithm honours them.
 */
import type { Algorithm } from '../../../lib/spec/schema';
import type { Member } from './member';
import { HashRing } from './ring';

export interface Candidates {
  readonly members: readonly Member[];
  eligible(m: Member): boolean;
  /** Slow-start factor in [0.1, 1]; 1 when the member is not ramping. */
  ramp(m: Member): number;
  random(): number;
}

export interface Picker {
  /** `key` is the client address (used by ip-hash only). */
  pick(c: Candidates, key: string): Member | undefined;
}

/**
 * Round robin: members take turns in binding order; the turn after the last member picked goes to the next
 * eligible member. A ramping member accumulates its slow-start factor as credit at each of its turns and is
 * taken only when the credit reaches 1 (then 1 is spent); otherwise the turn passes on.
 */
export class RoundRobin implements Picker {
  private last = -1;

  pick(c: Candidates): Member | undefined {
    const ms = c.members;
    const n = ms.length;
    // Credits grow by at least 0.1 per turn, so some eligible member is taken within 10 rounds.
    for (let step = 1; step <= n * 11; step++) {
      const m = ms[(this.last + step) % n];
      if (!c.eligible(m)) continue;
      const r = c.ramp(m);
      if (r < 1) {
        m.credit += r;
        if (m.credit < 1) continue;
        m.credit -= 1;
      }
      this.last = m.index;
      return m;
    }
    return undefined;
  }
}

/**
 * Smooth weighted round robin, nginx's definition: every eligible member adds its effective weight to its
 * current weight; the member with the highest current weight (the first in binding order on a tie) is
 * picked and the sum of effective weights is subtracted from its current weight.
 */
export class SmoothWeightedRoundRobin implements Picker {
  pick(c: Candidates): Member | undefined {
    let best: Member | undefined;
    let total = 0;
    for (const m of c.members) {
      if (!c.eligible(m)) continue;
      const w = m.weight * c.ramp(m);
      m.current += w;
      total += w;
      if (!best || m.current > best.current) best = m;
    }
    if (best) best.current -= total;
    return best;
  }
}

/**
 * Shared by the least-* algorithms: the eligible member with the lowest score, scanning from the member
 * after the last one picked, so that ties go round robin.
 */
abstract class LowestScore implements Picker {
  protected last = -1;

  protected abstract score(m: Member, c: Candidates): number;

  pick(c: Candidates): Member | undefined {
    const ms = c.members;
    const n = ms.length;
    let best: Member | undefined;
    let bestScore = Infinity;
    for (let step = 1; step <= n; step++) {
      const m = ms[(this.last + step) % n];
      if (!c.eligible(m)) continue;
      const s = this.score(m, c);
      if (!best || s < bestScore) {
        best = m;
        bestScore = s;
      }
    }
    if (best) this.last = best.index;
    return best;
  }
}

/** Least connections: lowest in-flight ÷ effective weight; ties round robin. */
export class LeastConnections extends LowestScore {
  protected score(m: Member, c: Candidates): number {
    return m.inFlight / (m.weight * c.ramp(m));
  }
}

/** Weight of one new latency sample in the EWMA. */
export const LATENCY_EWMA_ALPHA = 0.3;
/**
 * least-response-time: every PROBE_EVERY-th pick of a pool is a probe; a member that took none of the
 * PROBE_EVERY - 1 picks before it is idle, and its estimate stale. So an idle member gets 1 pick in 20 (5 %).
 */
export const PROBE_EVERY = 20;

/**
 * Least response time: lowest latency × (in-flight + 1) ÷ effective weight, where latency is the member's
 * EWMA of time to response headers (α = 0.3); a member without a sample yet counts the mean of the pool's
 * known EWMAs (0 when none is known). Ties round robin.
 *
 * Estimates age with the pool's traffic: without probes, a member that was slow once keeps its high estimate
 * and, at concurrency 1, never gets a request to correct it. So every 20th pick (the 20th, 40th, ...) goes to
 * the eligible member that took none of the 19 picks before it (the one picked longest ago, binding order on a
 * tie), when there is one, and the latency of that request replaces the member's stale estimate.
 */
export class LeastResponseTime extends LowestScore {
  private meanKnown = 0;
  private picks = 0;
  /** Pick number at which each member was last picked (absent: never). */
  private readonly lastPicked = new Map<Member, number>();

  override pick(c: Candidates): Member | undefined {
    this.picks++;
    const chosen = (this.picks % PROBE_EVERY === 0 ? this.idleMember(c) : undefined) ?? this.lowestScore(c);
    if (chosen) this.lastPicked.set(chosen, this.picks);
    return chosen;
  }

  /** The eligible member picked longest ago, if it took none of the last PROBE_EVERY - 1 picks; marked stale. */
  private idleMember(c: Candidates): Member | undefined {
    let idle: Member | undefined;
    let oldest = this.picks - PROBE_EVERY + 1;
    for (const m of c.members) {
      const at = this.lastPicked.get(m) ?? 0;
      if (at < oldest && c.eligible(m)) {
        idle = m;
        oldest = at;
      }
    }
    if (!idle) return undefined;
    idle.latencyStale = true;
    this.last = idle.index;
    return idle;
  }

  private lowestScore(c: Candidates): Member | undefined {
    let sum = 0;
    let known = 0;
    for (const m of c.members) {
      if (m.latencyEwmaMs >= 0) {
        sum += m.latencyEwmaMs;
        known++;
      }
    }
    this.meanKnown = known ? sum / known : 0;
    return super.pick(c);
  }

  protected score(m: Member, c: Candidates): number {
    const latency = m.latencyEwmaMs >= 0 ? m.latencyEwmaMs : this.meanKnown;
    return (latency * (m.inFlight + 1)) / (m.weight * c.ramp(m));
  }
}

/** Random: each eligible member with probability effective weight ÷ sum of effective weights. */
export class WeightedRandom implements Picker {
  pick(c: Candidates): Member | undefined {
    let total = 0;
    for (const m of c.members) if (c.eligible(m)) total += m.weight * c.ramp(m);
    if (total <= 0) return undefined;
    let r = c.random() * total;
    let last: Member | undefined;
    for (const m of c.members) {
      if (!c.eligible(m)) continue;
      last = m;
      r -= m.weight * c.ramp(m);
      if (r < 0) return m;
    }
    return last;
  }
}

/** ip-hash: the consistent-hash ring (ring.ts) keyed by the client address; slow start does not apply. */
export class IpHash implements Picker {
  constructor(private readonly ring: HashRing) {}

  pick(c: Candidates, key: string): Member | undefined {
    return this.ring.lookup(key, c);
  }
}

export function createPicker(algorithm: Algorithm, ring: () => HashRing): Picker {
  switch (algorithm) {
    case 'round-robin':
      return new RoundRobin();
    case 'weighted-round-robin':
      return new SmoothWeightedRoundRobin();
    case 'least-connections':
      return new LeastConnections();
    case 'least-response-time':
      return new LeastResponseTime();
    case 'random':
      return new WeightedRandom();
    case 'ip-hash':
      return new IpHash(ring());
  }
}

/** Folds one latency sample into a member's EWMA; the first sample, or the first after a probe, is taken as is. */
export function recordLatency(m: Member, ms: number): void {
  m.latencyEwmaMs = m.latencyEwmaMs < 0 || m.latencyStale ? ms : m.latencyEwmaMs + LATENCY_EWMA_ALPHA * (ms - m.latencyEwmaMs);
  m.latencyStale = false;
}
