/**
 * Who may take new work at one instant, as a value: built for one selection (pool.ts choose()) from the
 * members' state, the time and the members a retry already tried, then read by the algorithm. Nothing of
 * it outlives the selection, so no call has to prepare another.
 *
 * Eligible (SEMANTICS.md, "Members and who may take new work"): the available members (healthy, not
 * draining, not ejected) minus those tried; when none of them is available, every non-draining untried
 * member if the pool fails open, nobody if it fails closed.
 */
import type { PoolModel } from '../../../lib/model/types';
import type { Candidates } from './algorithms';
import type { Member } from './member';

/** A slow-starting member takes at least this share of its weight. */
export const SLOW_START_FLOOR = 0.1;

/**
 * The slow-start factor of a member at `now`: 1 when it is not ramping, else max(0.1, elapsed ÷ ramp
 * time) until the ramp is over. Pure: it only reads the member.
 */
export function slowStartFactor(m: Member, now: number, slowStartMs: number): number {
  if (m.rampStart === 0) return 1;
  const f = (now - m.rampStart) / slowStartMs;
  if (f >= 1) return 1;
  return f < SLOW_START_FLOOR ? SLOW_START_FLOOR : f;
}

export interface EligibilityInput {
  readonly members: readonly Member[];
  readonly whenAllUnhealthy: PoolModel['whenAllUnhealthy'];
  readonly slowStartMs: number;
  readonly random: () => number;
}

export class Eligibility implements Candidates {
  readonly members: readonly Member[];
  /** Whether anybody may take the work (false: the caller answers 503 or refuses the connection). */
  readonly any: boolean;
  /** No member is available: every non-draining untried member is eligible (fail-open). */
  private readonly failOpen: boolean;

  constructor(
    private readonly pool: EligibilityInput,
    private readonly now: number,
    private readonly tried: readonly Member[] | undefined,
  ) {
    this.members = pool.members;
    let nonDraining = 0;
    let available = false;
    for (const m of pool.members) {
      if (m.draining || (tried && tried.includes(m))) continue;
      nonDraining++;
      if (m.healthy && m.ejectedUntil <= now) {
        available = true;
        break;
      }
    }
    this.failOpen = !available && nonDraining > 0 && pool.whenAllUnhealthy === 'fail-open';
    this.any = available || this.failOpen;
  }

  eligible(m: Member): boolean {
    if (m.draining) return false;
    if (this.tried && this.tried.includes(m)) return false;
    return this.failOpen || (m.healthy && m.ejectedUntil <= this.now);
  }

  ramp(m: Member): number {
    return slowStartFactor(m, this.now, this.pool.slowStartMs);
  }

  random(): number {
    return this.pool.random();
  }
}
