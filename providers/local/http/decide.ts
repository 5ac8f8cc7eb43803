/**
 * What the load balancer does with a request, decided once, for plain requests and upgrades alike: the
 * rule (lib/model/match.ts selectRule: the semantics), rate limits, then the action: a local answer
 * (refusal, 429, redirect, fixed response, 503) or a member of a pool with the cookies the response carries.
 *
 * `decide()` does no I/O and reads nothing but its request and the frontend's run-time state it is given
 * (pools, weighted splits, rate-limit windows); the answer is a value the transaction (transaction.ts)
 * executes. The state it moves is the state the semantics define: an algorithm's turn, a split's current
 * weights, a rate-limit window's count.
 */
import { selectRule } from '../../../lib/model/match';
import type { ActionModel, FrontendModel, RuleModel } from '../../../lib/model/types';
import type { Member } from '../balancer/member';
import type { PoolRuntime } from '../balancer/pool';
import { isRefusal, type Inspected, type Refusal } from './inspect';
import { chooseMember, type SessionCookies } from './persistence';
import type { FrontendRateLimits } from './rate-limit';
import type { IpProtection, ProtectionBlock } from './ip-protection';
import { redirectLocation, type RedirectAction } from './redirect';
import { HttpRequestView } from './view';
import { WeightedSplit } from './weighted';

export interface DecisionRequest {
  readonly method: string;
  readonly rawHeaders: readonly string[];
  /** What inspection (inspect.ts) made of the request, or why it refused it. */
  readonly inspected: Inspected | Refusal;
  readonly clientIp: string;
  /** The local address and port the client reached (redirects keep them). */
  readonly localAddress: string;
  readonly localPort: number;
  /** Epoch ms (rate-limit windows, ejection and slow start). */
  readonly now: number;
}

interface Routed {
  /** The matched rule; undefined for the default action (and for a refused request). */
  readonly rule: RuleModel | undefined;
}

/** The request failed inspection: answered with its status and the connection closed. */
export interface Refused extends Routed {
  readonly kind: 'refused';
  readonly refusal: Refusal;
}

export interface RateLimited extends Routed {
  readonly kind: 'rate-limited';
  /** The refusing limit's name. */
  readonly limit: string;
  readonly status: number;
  readonly retryAfterSeconds: number;
}

export interface Redirect extends Routed {
  readonly kind: 'redirect';
  readonly status: number;
  readonly location: string;
}

export interface FixedResponse extends Routed {
  readonly kind: 'fixed-response';
  readonly status: number;
  readonly contentType: string;
  readonly body: string;
}

/** Forward to `member` of `pool`. */
export interface Forward extends Routed {
  readonly kind: 'forward';
  readonly pool: PoolRuntime;
  readonly member: Member;
  readonly cookies: SessionCookies;
}

/** A forward with nobody to take it: 503. */
export interface NoMember extends Routed {
  readonly kind: 'no-member';
  /** The pool without an eligible member; undefined when every pool of a weighted split has weight 0. */
  readonly pool: PoolRuntime | undefined;
  /** Why, for the 503's body. */
  readonly why: string;
}

/** Refused by protection's IP lists: 403. */
export interface Blocked extends Routed {
  readonly kind: 'blocked';
  readonly reason: ProtectionBlock;
}

export type Decision = Refused | Blocked | RateLimited | Redirect | FixedResponse | Forward | NoMember;

/** The run-time state of one frontend that decisions read. */
export interface DecisionState {
  readonly model: FrontendModel;
  readonly scheme: 'http' | 'https';
  readonly pools: ReadonlyMap<string, PoolRuntime>;
  readonly limits: FrontendRateLimits;
  /** Protection's IP lists for this frontend; undefined when it has none. */
  readonly protection?: IpProtection;
  /** A weighted-forward action's split (built once per action). */
  readonly splits: ReadonlyMap<ActionModel, WeightedSplit>;
  /** Where the frontend with this spec port listens locally (redirects that name a port). */
  mapPort(specPort: number): number;
}

export function decide(state: DecisionState, r: DecisionRequest): Decision {
  const inspected = r.inspected;
  if (isRefusal(inspected)) return { kind: 'refused', rule: undefined, refusal: inspected };
  // Protection stands in front of routing, as a web application firewall does (SEMANTICS.md, Protection).
  const blocked = state.protection?.check(r.clientIp);
  if (blocked) return { kind: 'blocked', rule: undefined, reason: blocked };
  const model = state.model;
  let rule: RuleModel | undefined;
  let action: ActionModel;
  const toHttps = model.redirectHttpToHttps;
  if (toHttps) {
    action = { type: 'redirect', scheme: 'https', port: toHttps.port, statusCode: toHttps.statusCode } satisfies RedirectAction;
  } else {
    // A frontend without rules (a plain forward) skips building the request view.
    rule = model.rules.length ? selectRule(model, new HttpRequestView(r, inspected, r.clientIp)) : undefined;
    action = rule ? rule.action : model.defaultAction!;
  }
  if (!state.limits.empty) {
    const refused = state.limits.check(rule, r.rawHeaders, r.clientIp, r.now);
    if (refused) {
      const limit = refused.limit.model;
      return { kind: 'rate-limited', rule, limit: limit.name, status: limit.responseStatus, retryAfterSeconds: refused.retryAfterSeconds };
    }
  }
  switch (action.type) {
    case 'forward':
      return forward(state, rule, state.pools.get(action.pool)!, r, undefined);
    case 'weighted-forward': {
      const choice = state.splits.get(action)!.choose(r.rawHeaders);
      if (!choice) return { kind: 'no-member', rule, pool: undefined, why: 'every pool of the split has weight 0' };
      return forward(state, rule, choice.pool, r, choice.cookie);
    }
    case 'redirect': {
      const location = redirectLocation(action, {
        scheme: state.scheme,
        host: inspected.host,
        localAddress: r.localAddress,
        localPort: r.localPort,
        path: inspected.path,
        query: inspected.query,
        mapPort: (p) => state.mapPort(p),
        rulePaths: rule?.match.paths,
      });
      return { kind: 'redirect', rule, status: action.statusCode, location };
    }
    case 'fixed-response':
      return { kind: 'fixed-response', rule, status: action.statusCode, contentType: action.contentType, body: action.body };
  }
}

function forward(state: DecisionState, rule: RuleModel | undefined, pool: PoolRuntime, r: DecisionRequest, group: string | undefined): Forward | NoMember {
  const choice = chooseMember(pool, r.rawHeaders, r.clientIp, r.now, state.scheme === 'https', group);
  if (!choice) return { kind: 'no-member', rule, pool, why: `no member of pool '${pool.name}' can take the request` };
  return { kind: 'forward', rule, pool, member: choice.member, cookies: choice.cookies };
}
