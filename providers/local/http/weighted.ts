/**
 * Weighted forward: pools chosen by smooth weighted round robin over their weights (nginx's definition, as
 * for members; weight 0 never chosen). With group stickiness, the pool goes in a cookie
 * (cookies.ts: lbkit-group.<frontend>[.<rule id>]) for stickinessSeconds; a request whose cookie names a
 * pool of the split with weight above 0 goes there.
 */
import type { ActionModel } from '../../../lib/model/types';
import type { PoolRuntime } from '../balancer/pool';
import type { TimeScale } from '../time';
import { cookieLine, groupCookieName, readCookie } from './cookies';

type WeightedAction = Extract<ActionModel, { type: 'weighted-forward' }>;

export interface SplitChoice {
  readonly pool: PoolRuntime;
  /** Set-Cookie line naming the pool, when the split is sticky and the request did not name one. */
  readonly cookie: string | undefined;
}

interface Target {
  readonly pool: PoolRuntime;
  readonly weight: number;
  current: number;
}

export class WeightedSplit {
  private readonly targets: Target[];
  private readonly cookieName: string | undefined;
  private readonly maxAge: number;

  constructor(
    action: WeightedAction,
    pools: ReadonlyMap<string, PoolRuntime>,
    frontend: string,
    ruleId: string | undefined,
    time: TimeScale,
    private readonly secure: boolean,
  ) {
    this.targets = action.targets.filter((t) => t.weight > 0).map((t) => ({ pool: pools.get(t.pool)!, weight: t.weight, current: 0 }));
    this.cookieName = action.stickinessSeconds !== undefined ? groupCookieName(frontend, ruleId) : undefined;
    this.maxAge = action.stickinessSeconds !== undefined ? time.wholeSeconds(action.stickinessSeconds) : 0;
  }

  /**
   * The pool for a request, with the stickiness cookie's Set-Cookie line when one must be (re)issued;
   * undefined when every pool has weight 0.
   */
  choose(raw: readonly string[]): SplitChoice | undefined {
    if (this.cookieName) {
      const named = readCookie(raw, this.cookieName);
      if (named !== undefined) {
        for (const t of this.targets) if (t.pool.name === named) return { pool: t.pool, cookie: undefined };
      }
    }
    let best: Target | undefined;
    let total = 0;
    for (const t of this.targets) {
      t.current += t.weight;
      total += t.weight;
      if (!best || t.current > best.current) best = t;
    }
    if (!best) return undefined;
    best.current -= total;
    return { pool: best.pool, cookie: this.cookieName ? cookieLine(this.cookieName, best.pool.name, this.maxAge, this.secure) : undefined };
  }
}
