/**
 * A pool at run time: its members, which of them may take new work, the algorithm, passive ejection,
 * draining and slow start. Health probes (health/active.ts) report here; the L7 and L4 proxies ask here.
 */
import type { PoolModel } from '../../../lib/model/types';
import type { EmitEvent } from '../events';
import type { TimeScale } from '../time';
import { createPicker, recordLatency, type Picker } from './algorithms';
import { Eligibility, slowStartFactor } from './eligibility';
import { Member, type MemberOptions } from './member';
import { RetryBudget } from './retry-budget';
import { HashRing } from './ring';

interface DrainState {
  done: boolean;
  promise: Promise<number>;
  resolve: (cut: number) => void;
  timer?: NodeJS.Timeout;
}

/** What a selection is for: the client's address (ip-hash, source-ip), the time, and persistence's and retries' constraints. */
export interface MemberRequest {
  /** The client address. */
  readonly clientKey: string;
  readonly now: number;
  /** Members a retry already tried: never chosen again for this request. */
  readonly tried?: readonly Member[];
  /** The member a persistence cookie names: chosen when it may take work. */
  readonly preferred?: Member;
}

export class PoolRuntime {
  readonly name: string;
  readonly members: readonly Member[];
  readonly slowStartMs: number;
  readonly whenAllUnhealthy: PoolModel['whenAllUnhealthy'];
  readonly ejectionMs: number;
  readonly drainingMs: number;
  /** Max-Age of the pool's persistence cookie, in real seconds. */
  readonly cookieMaxAge: number | undefined;
  /** Undefined when the pool has no retry budget: every retry a policy allows is sent. */
  readonly retryBudget: RetryBudget | undefined;
  private readonly picker: Picker;
  private hashRing: HashRing | undefined;
  private readonly byId = new Map<string, Member>();
  private readonly byAddress = new Map<string, Member>();
  private readonly drains = new Map<Member, DrainState>();
  private readonly timers = new Set<NodeJS.Timeout>();

  constructor(
    readonly model: PoolModel,
    bindings: readonly MemberOptions[],
    time: TimeScale,
    readonly random: () => number,
    private readonly emit: EmitEvent,
  ) {
    this.name = model.name;
    this.members = bindings.map((b, i) => new Member(b, i));
    for (const m of this.members) {
      this.byId.set(m.id, m);
      this.byAddress.set(m.address, m);
    }
    this.slowStartMs = time.ms(model.slowStartSeconds);
    this.whenAllUnhealthy = model.whenAllUnhealthy;
    this.ejectionMs = model.passiveHealthCheck ? time.ms(model.passiveHealthCheck.ejectionSeconds) : 0;
    this.drainingMs = time.ms(model.drainingSeconds);
    const p = model.sessionPersistence;
    // undefined: a session cookie, sent without Max-Age.
    this.cookieMaxAge = p && p.type !== 'source-ip' ? (p.type === 'lb-cookie' && p.sessionCookie ? undefined : time.wholeSeconds(p.durationSeconds)) : 0;
    this.retryBudget = model.retryBudget ? new RetryBudget(model.retryBudget, time) : undefined;
    this.picker = createPicker(model.algorithm, () => this.ring);
  }

  /** The consistent-hash ring of the members (ip-hash and source-ip persistence). */
  get ring(): HashRing {
    return (this.hashRing ??= new HashRing(this.members));
  }

  memberById(id: string): Member | undefined {
    return this.byId.get(id);
  }

  memberByAddress(address: string): Member | undefined {
    return this.byAddress.get(address);
  }

  /**
   * The member for new work (a request, a connection, a flow), in one call: `preferred` (a member a
   * persistence cookie names) when it may take work; otherwise the client address's member on the ring
   * with source-ip persistence; otherwise the algorithm's pick. Only eligible members are chosen
   * (eligibility.ts: available, or every non-draining one when failing open, minus `tried`). Undefined
   * when nobody may take it (the caller answers 503 or refuses the connection).
   */
  choose(request: MemberRequest): Member | undefined {
    const candidates = new Eligibility(this, request.now, request.tried);
    if (!candidates.any) return undefined;
    const preferred = request.preferred;
    if (preferred && candidates.eligible(preferred)) return preferred;
    if (this.model.sessionPersistence?.type === 'source-ip') return this.ring.lookup(request.clientKey, candidates);
    return this.picker.pick(candidates, request.clientKey);
  }

  /** Whether the member may take new work at `now`. */
  mayTake(m: Member, now = Date.now()): boolean {
    const candidates = new Eligibility(this, now, undefined);
    return candidates.any && candidates.eligible(m);
  }

  /** The member's slow-start factor at `now` (1: its full share); reads only. */
  slowStartFactor(m: Member, now = Date.now()): number {
    return slowStartFactor(m, now, this.slowStartMs);
  }

  // --- work accounting -----------------------------------------------------------------------------------

  acquire(m: Member): void {
    m.inFlight++;
    m.requests++;
    this.retryBudget?.attempted(Date.now());
  }

  release(m: Member): void {
    m.inFlight--;
    if (m.inFlight === 0 && m.draining) this.finishDrain(m, 0);
  }

  /** A request or connection the member served (any response below 500). */
  succeeded(m: Member, latencyMs?: number): void {
    m.consecutiveFailures = 0;
    if (latencyMs !== undefined) recordLatency(m, latencyMs);
  }

  /** Passive health: a connection failure, a reset, a timeout or a 5xx response from the member. */
  failed(m: Member, now = Date.now()): void {
    m.failures++;
    const passive = this.model.passiveHealthCheck;
    if (!passive) return;
    m.consecutiveFailures++;
    if (m.consecutiveFailures < passive.consecutiveFailures || m.ejectedUntil > now) return;
    let ejected = 0;
    for (const o of this.members) if (o.ejectedUntil > now) ejected++;
    // Ejecting must not take the pool over maxEjectedPercent; the streak stays, so the next failure retries.
    if ((ejected + 1) * 100 > passive.maxEjectedPercent * this.members.length) return;
    const failures = m.consecutiveFailures;
    m.consecutiveFailures = 0;
    m.ejectedUntil = now + this.ejectionMs;
    m.ejections++;
    if (this.slowStartMs > 0) m.rampStart = m.ejectedUntil;
    this.emit({ type: 'member-ejected', pool: this.name, member: m.address, failures, until: m.ejectedUntil });
    // Timers run on the event loop's cached clock, which can lag Date.now() under load: a timer that fires a
    // little early waits out the rest instead of dropping the event. A newer ejection owns its own timer.
    const until = m.ejectedUntil;
    const restore = () => {
      if (m.ejectedUntil !== until) return;
      const left = until - Date.now();
      if (left > 0) this.later(left, restore);
      else this.emit({ type: 'member-restored', pool: this.name, member: m.address });
    };
    this.later(this.ejectionMs, restore);
  }

  // --- active health ---------------------------------------------------------------------------------------

  /** One probe result: thresholds count consecutive results; members start healthy. */
  probed(m: Member, ok: boolean, detail?: string): void {
    const hc = this.model.healthCheck;
    m.probes++;
    if (ok) {
      m.probeFailStreak = 0;
      m.probeOkStreak++;
      if (!m.healthy && m.probeOkStreak >= hc.healthyThreshold) {
        m.healthy = true;
        if (this.slowStartMs > 0) m.rampStart = Date.now();
        m.credit = 0;
        this.emit({ type: 'member-healthy', pool: this.name, member: m.address, probes: m.probeOkStreak });
      }
    } else {
      m.probeOkStreak = 0;
      m.probeFailStreak++;
      if (m.healthy && m.probeFailStreak >= hc.unhealthyThreshold) {
        m.healthy = false;
        this.emit({ type: 'member-unhealthy', pool: this.name, member: m.address, probes: m.probeFailStreak, ...(detail ? { detail } : {}) });
      }
    }
  }

  // --- draining --------------------------------------------------------------------------------------------

  /**
   * Stops new work for the member; in-flight work finishes. Resolves with the number of connections cut:
   * 0 when everything finished in time, more when the draining time ran out and the rest was closed.
   */
  drain(m: Member): Promise<number> {
    const existing = this.drains.get(m);
    if (existing) return existing.promise;
    m.draining = true;
    this.emit({ type: 'member-draining', pool: this.name, member: m.address });
    const state = { done: false } as DrainState;
    state.promise = new Promise<number>((resolve) => (state.resolve = resolve));
    this.drains.set(m, state);
    if (m.inFlight === 0) this.finishDrain(m, 0);
    else {
      state.timer = this.later(this.drainingMs, () => {
        const cut = m.connections.size;
        this.finishDrain(m, cut);
      });
    }
    return state.promise;
  }

  private finishDrain(m: Member, cut: number, close = true): void {
    const state = this.drains.get(m);
    if (!state || state.done) return;
    state.done = true;
    if (state.timer) {
      clearTimeout(state.timer);
      this.timers.delete(state.timer);
    }
    // Whatever is left (idle pooled connections, or work past the deadline) is closed.
    if (close) m.closeConnections();
    this.emit({ type: 'member-drained', pool: this.name, member: m.address, cut });
    state.resolve(cut);
  }

  /** Takes a draining or drained member back; it ramps up when the pool has slow start. */
  undrain(m: Member): void {
    if (!m.draining) return;
    this.finishDrain(m, 0, false);
    this.drains.delete(m);
    m.draining = false;
    m.credit = 0;
    if (this.slowStartMs > 0) m.rampStart = Date.now();
    this.emit({ type: 'member-undrained', pool: this.name, member: m.address });
  }

  private later(ms: number, fn: () => void): NodeJS.Timeout {
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      fn();
    }, ms);
    timer.unref();
    this.timers.add(timer);
    return timer;
  }

  /** Stops timers and cuts every connection (the load balancer is stopping). */
  close(): void {
    for (const t of this.timers) clearTimeout(t);
    this.timers.clear();
    for (const m of this.members) m.closeConnections();
  }
}
