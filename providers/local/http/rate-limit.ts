/**
 * Rate limits, fixed window per key: a key's window opens at its first counted request and lasts
 * windowSeconds. Within it the first `limit` requests pass and every later one is refused with the limit's
 * status (429 by default) and Retry-After = the whole seconds left in the window (at least 1). The next
 * request after the window closes opens a new one.
 *
 * Which requests count: on a frontend in the limit's scope, every request that passed validation; with a
 * rule scope, only requests those rules match. The key is the client address (the connection's source) or
 * a header's first value; a request without that header is not counted. Every applicable limit counts the
 * request (refused ones too); the first limit, in spec order, that is over refuses it.
 */
import type { RateLimitModel, RuleModel } from '../../../lib/model/types';
import type { TimeScale } from '../time';
import { firstHeader } from './view';

interface Window {
  start: number;
  count: number;
}

export class RateLimit {
  readonly windowMs: number;
  private readonly windows = new Map<string, Window>();
  private readonly sweeper: NodeJS.Timeout;
  /** Requests refused, for metrics. */
  refused = 0;

  /** `order`: the limit's position in the spec; the first refusing limit answers. */
  constructor(readonly model: RateLimitModel, readonly order: number, time: TimeScale) {
    this.windowMs = time.ms(model.windowSeconds);
    // Expired windows are forgotten once per window length, so memory follows the active keys.
    this.sweeper = setInterval(() => this.sweep(Date.now()), this.windowMs);
    this.sweeper.unref();
  }

  /** Counts a request for `key`; returns 0 when it passes, else the ms left in the key's window. */
  hit(key: string, now: number): number {
    let w = this.windows.get(key);
    if (!w || now - w.start >= this.windowMs) {
      w = { start: now, count: 0 };
      this.windows.set(key, w);
    }
    w.count++;
    if (w.count <= this.model.limit) return 0;
    this.refused++;
    return Math.max(1, w.start + this.windowMs - now);
  }

  keyOf(raw: readonly string[], clientIp: string): string | undefined {
    return this.model.key.type === 'client-ip' ? clientIp : firstHeader(raw, this.model.key.name)?.trim();
  }

  private sweep(now: number): void {
    for (const [key, w] of this.windows) if (now - w.start >= this.windowMs) this.windows.delete(key);
  }

  close(): void {
    clearInterval(this.sweeper);
  }
}

export interface Refused {
  readonly limit: RateLimit;
  readonly retryAfterSeconds: number;
}

/** The limits one frontend counts, split by scope. */
export class FrontendRateLimits {
  private readonly whole: RateLimit[];
  private readonly byRule = new Map<string, RateLimit[]>();
  readonly empty: boolean;

  constructor(frontend: string, limits: readonly RateLimit[]) {
    this.whole = limits.filter((l) => l.model.frontends.includes(frontend) && !l.model.rules);
    for (const l of limits) {
      for (const ref of l.model.rules ?? []) {
        const [f, rule] = ref.split('/');
        if (f !== frontend) continue;
        const list = this.byRule.get(rule) ?? [];
        list.push(l);
        this.byRule.set(rule, list);
      }
    }
    this.empty = this.whole.length === 0 && this.byRule.size === 0;
  }

  /** Counts the request on every applicable limit; the first refusal in spec order, or undefined. */
  check(rule: RuleModel | undefined, raw: readonly string[], clientIp: string, now: number): Refused | undefined {
    if (this.empty) return undefined;
    const first = countOn(this.whole, undefined, raw, clientIp, now);
    const scoped = rule ? this.byRule.get(rule.name) : undefined;
    return scoped ? countOn(scoped, first, raw, clientIp, now) : first;
  }
}

function countOn(limits: readonly RateLimit[], refused: Refused | undefined, raw: readonly string[], clientIp: string, now: number): Refused | undefined {
  for (const limit of limits) {
    const key = limit.keyOf(raw, clientIp);
    if (key === undefined) continue;
    const leftMs = limit.hit(key, now);
    if (leftMs > 0 && (!refused || limit.order < refused.limit.order)) {
      refused = { limit, retryAfterSeconds: Math.max(1, Math.ceil(leftMs / 1000)) };
    }
  }
  return refused;
}
