/**
 * Retries of one request (SEMANTICS.md, "Retries"): after a failed attempt, who takes the request next.
 *
 * A member that failed is tried for this request, on whatever connection it failed (a new one or a reused
 * pooled one): the next attempt goes to another eligible member that was not tried. Only when nobody else
 * is left and the failure came on a reused keep-alive connection (the member may just have closed it while
 * it was idle, which says nothing about the member) does the same member get one more attempt, on a new
 * connection. A request is sent again only when nothing of it can have reached a member (the connection
 * never came up), or it is idempotent without a body; an upgrade only in the first case. At most
 * members + 1 attempts. A pool's retry budget may refuse a retry all of this allows: the client then gets 503.
 */
import type { RetryModel } from '../../../lib/model/filters';
import type { Member } from '../balancer/member';
import type { PoolRuntime } from '../balancer/pool';

/** Methods RFC 9110 §9.2.2 makes idempotent: safe to resend when the member failed before answering. */
const IDEMPOTENT = new Set(['GET', 'HEAD', 'OPTIONS', 'TRACE', 'PUT', 'DELETE']);

export interface FailedAttempt {
  readonly member: Member;
  /** The connection was up: the request (or part of it) may have reached the member. */
  readonly connected: boolean;
  /** The connection had carried an earlier exchange (a pooled keep-alive connection). */
  readonly reused: boolean;
}

export interface NextAttempt {
  readonly member: Member;
  /** The attempt must open a new connection (not take a pooled one). */
  readonly fresh: boolean;
}

/** The retry state of one request; made at its first failure (most requests never need one). */
export class Retries {
  private readonly tried: Member[] = [];
  /** Whether the request may be sent again after it may have reached a member. */
  private readonly resendable: boolean;
  /** The last `next` found a retry allowed but the pool's retry budget refused it. */
  budgetExhausted = false;

  /**
   * @param withBody the request has body bytes (streamed once, so never resent once they may have left)
   * @param upgrade an upgrade request: resent only when its connection never came up
   */
  /**
   * @param policy the rule's retry policy (issue 16): at most `attempts` retries instead of members + 1
   *   attempts, and `methods: 'all'` resends any bodiless method
   */
  constructor(
    private readonly pool: PoolRuntime,
    method: string,
    withBody: boolean,
    upgrade: boolean,
    private readonly policy?: RetryModel,
  ) {
    this.resendable = !upgrade && !withBody && (policy?.methods === 'all' || IDEMPOTENT.has(method));
  }

  /** Members that failed this request, in order. */
  get failed(): readonly Member[] {
    return this.tried;
  }

  /**
   * After `failure`, the `attempts`-th attempt (the first counts 1): the next attempt, or undefined when the
   * request fails (502).
   */
  next(failure: FailedAttempt, attempts: number, clientKey: string, now: number): NextAttempt | undefined {
    const m = failure.member;
    if (!this.tried.includes(m)) this.tried.push(m);
    if (failure.connected && !this.resendable) return undefined;
    if (this.policy ? attempts > this.policy.attempts : attempts > this.pool.members.length) return undefined;
    const other = this.pool.choose({ clientKey, now, tried: this.tried });
    if (other) return this.budgeted({ member: other, fresh: false }, now);
    if (!failure.connected || !failure.reused) return undefined;
    // Nobody else: the same member, if it may still take work, once more on a new connection.
    const again = this.pool.choose({ clientKey, now, tried: this.tried.filter((t) => t !== m) });
    return again === m ? this.budgeted({ member: m, fresh: true }, now) : undefined;
  }

  private budgeted(next: NextAttempt, now: number): NextAttempt | undefined {
    if (this.pool.retryBudget?.admit(now) ?? true) return next;
    this.budgetExhausted = true;
    return undefined;
  }
}
