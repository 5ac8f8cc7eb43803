/**
 * A pool's retry budget (SEMANTICS.md, "Retry budget"; Gateway API XBackendTrafficPolicy retryConstraint):
 * within the last `intervalSeconds`, retries may make up at most `percent` of the attempts sent to the pool,
 * and `minRetryRate` retries per its own interval are always allowed so that a quiet pool can still retry.
 *
 * Counts are kept in a fixed number of time slices per window, so memory does not grow with the request
 * rate; a window's count is the sum of its slices, so an event leaves the count up to one slice late.
 */
import type { RetryBudgetModel } from '../../../lib/model/types';
import type { TimeScale } from '../time';

/** Slices per window: a count is exact to 1/SLICES of the window. */
const SLICES = 20;

/** Events in a sliding window of `windowMs`, counted per slice. */
class SlidingCount {
  private readonly sliceMs: number;
  private readonly counts = new Array<number>(SLICES).fill(0);
  /** The slice number (time / sliceMs) each entry of `counts` belongs to. */
  private readonly slices = new Array<number>(SLICES).fill(-1);

  constructor(windowMs: number) {
    this.sliceMs = Math.max(1, Math.ceil(windowMs / SLICES));
  }

  add(now: number): void {
    const slice = Math.floor(now / this.sliceMs);
    const i = slice % SLICES;
    if (this.slices[i] !== slice) {
      this.slices[i] = slice;
      this.counts[i] = 0;
    }
    this.counts[i]++;
  }

  total(now: number): number {
    const oldest = Math.floor(now / this.sliceMs) - SLICES + 1;
    let sum = 0;
    for (let i = 0; i < SLICES; i++) if (this.slices[i] >= oldest) sum += this.counts[i];
    return sum;
  }
}

export class RetryBudget {
  private readonly attempts: SlidingCount;
  private readonly retries: SlidingCount;
  private readonly recentRetries: SlidingCount;

  constructor(
    private readonly model: RetryBudgetModel,
    time: TimeScale,
  ) {
    this.attempts = new SlidingCount(time.ms(model.intervalSeconds));
    this.retries = new SlidingCount(time.ms(model.intervalSeconds));
    this.recentRetries = new SlidingCount(time.ms(model.minRetryRate.intervalSeconds));
  }

  /** An attempt (first or retry) went to a member of the pool. */
  attempted(now: number): void {
    this.attempts.add(now);
  }

  /**
   * Whether one more retry may be sent now; if so it is counted as a retry (its attempt is counted by
   * `attempted` when it is sent). A retry counts against the budget as an attempt too: (retries + 1) out of
   * (attempts + 1) may be at most `percent`.
   */
  admit(now: number): boolean {
    const underFloor = this.recentRetries.total(now) < this.model.minRetryRate.count;
    const share = (this.retries.total(now) + 1) * 100 <= this.model.percent * (this.attempts.total(now) + 1);
    if (!underFloor && !share) return false;
    this.retries.add(now);
    this.recentRetries.add(now);
    return true;
  }
}
