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
 *
 * The key table of each limit is bounded (SEMANTICS.md, Bounds), because keys come from clients:
 *   - a key longer than MAX_KEY_BYTES is counted under its SHA-256 digest (so a table entry holds at most
 *     that many bytes of key, and long keys are still counted apart);
 *   - at most `maxKeys` windows are held. The table is kept in window-start order, so expired windows are
 *     dropped from its front as new keys arrive (and by the sweep once per window). When every held window
 *     is still open, a new key is counted in one shared overflow window: keys already held keep their exact
 *     counts, and a flood of new keys shares one limit. Evicting an open window instead (nginx's and
 *     HAProxy's least-recently-used choice) would let a client reset its own count, or anyone's, by sending
 *     enough new keys: the limit would stop limiting exactly when it is attacked.
 */
import { createHash } from 'node:crypto';
import type { RateLimitModel, RuleModel } from '../../../lib/model/types';
import type { TimeScale } from '../time';
import { firstHeader } from './view';

interface Window {
  start: number;
  count: number;
}

/** Keys longer than this (bytes: header values are latin1) are counted under their digest. */
export const MAX_KEY_BYTES = 256;
/** Default bound of one limit's key table (start option maxRateLimitKeys). */
export const DEFAULT_MAX_KEYS = 100_000;

/** A digest key never equals a client's key: header values cannot contain NUL. */
function boundedKey(key: string): string {
  return key.length <= MAX_KEY_BYTES ? key : `\0${createHash('sha256').update(key, 'latin1').digest('base64')}`;
}

/**
 * A copy of a key that shares no memory with the request: a header value is a slice of the whole head's
 * text, and V8 keeps the whole head alive as long as the slice is (a 20-byte key would hold 16 KiB).
 */
function ownCopy(key: string): string {
  return Buffer.from(key, 'latin1').toString('latin1');
}

export class RateLimit {
  readonly windowMs: number;
  /** Open (or expired, not yet dropped) windows by key, in the order their windows started. */
  private readonly windows = new Map<string, Window>();
  /** Where new keys are counted while the table is full of open windows. */
  private overflow: Window = { start: -Infinity, count: 0 };
  private readonly sweeper: NodeJS.Timeout;
  /** Requests refused, for metrics. */
  refused = 0;
  /** Requests counted in the overflow window (the table was full), for metrics. */
  overflowed = 0;

  /**
   * @param order the limit's position in the spec; the first refusing limit answers
   * @param maxKeys bound of the key table (see the file comment for what happens when it is full)
   */
  constructor(
    readonly model: RateLimitModel,
    readonly order: number,
    time: TimeScale,
    readonly maxKeys = DEFAULT_MAX_KEYS,
  ) {
    this.windowMs = time.ms(model.windowSeconds);
    // Expired windows are forgotten once per window length, so memory follows the active keys.
    this.sweeper = setInterval(() => this.sweep(Date.now()), this.windowMs);
    this.sweeper.unref();
  }

  /** Windows held (at most maxKeys). */
  get size(): number {
    return this.windows.size;
  }

  /** The keys held, as stored (for tests: each at most MAX_KEY_BYTES plus a digest's length). */
  keys(): IterableIterator<string> {
    return this.windows.keys();
  }

  /** Counts a request for `key`; returns 0 when it passes, else the ms left in the key's window. */
  hit(key: string, now: number): number {
    const k = boundedKey(key);
    let w = this.windows.get(k);
    if (!w || now - w.start >= this.windowMs) {
      // A window that restarts moves to the end of the table: the table stays in window-start order.
      if (w) this.windows.delete(k);
      w = this.windows.size < this.maxKeys || this.dropExpired(now) ? { start: now, count: 0 } : this.overflowWindow(now);
      if (w !== this.overflow) this.windows.set(k === key ? ownCopy(k) : k, w);
    }
    w.count++;
    if (w.count <= this.model.limit) return 0;
    this.refused++;
    return Math.max(1, w.start + this.windowMs - now);
  }

  /** Drops expired windows from the front of the table; whether there is room now. */
  private dropExpired(now: number): boolean {
    for (const [key, w] of this.windows) {
      if (now - w.start < this.windowMs) break;
      this.windows.delete(key);
    }
    return this.windows.size < this.maxKeys;
  }

  private overflowWindow(now: number): Window {
    this.overflowed++;
    if (now - this.overflow.start >= this.windowMs) this.overflow = { start: now, count: 0 };
    return this.overflow;
  }

  keyOf(raw: readonly string[], clientIp: string): string | undefined {
    return this.model.key.type === 'client-ip' ? clientIp : firstHeader(raw, this.model.key.name)?.trim();
  }

  private sweep(now: number): void {
    this.dropExpired(now);
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
