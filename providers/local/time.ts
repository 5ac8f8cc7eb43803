/**
 * Spec durations are whole seconds. The `timeScale` start option multiplies every one of them (probe
 * interval and timeout, ejection, draining, slow start, cookie lifetimes, idle timeouts; rate-limit windows
 * only with `scaleRateLimitWindows`), so tests and demos run the same semantics faster: 0.1 makes every spec
 * duration 10 times shorter.
 */
/** setTimeout's limit: longer delays fire at once. */
const MAX_TIMER_MS = 2 ** 31 - 1;

export class TimeScale {
  constructor(readonly factor: number) {}

  /**
   * A spec duration in seconds, as milliseconds of real time: at least 1 ms when the duration is positive,
   * at most what a Node timer can wait (about 24.8 days).
   */
  ms(seconds: number): number {
    if (seconds <= 0) return 0;
    return Math.min(MAX_TIMER_MS, Math.max(1, Math.round(seconds * 1000 * this.factor)));
  }

  /** A spec duration as whole seconds of real time for headers such as Max-Age and Retry-After (at least 1). */
  wholeSeconds(seconds: number): number {
    return Math.max(1, Math.round(seconds * this.factor));
  }
}
