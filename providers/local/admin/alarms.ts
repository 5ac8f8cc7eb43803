/**
 * The spec's alarms, evaluated by the local proxy over its own metrics (SEMANTICS.md, Alarms): at the end of
 * every period (scaled by the time scale) each alarm takes its metric's value for that period; after
 * `evaluationPeriods` breaching periods in a row it fires ('alarm'), and the first period that does not breach
 * clears it ('ok'). A period without requests does not breach the request metrics (CloudWatch's notBreaching).
 * Transitions are reported as 'alarm' events; /status and /metrics show every alarm's state and last value.
 */
import type { AlarmModel } from '../../../lib/model/types';
import type { PoolRuntime } from '../balancer/pool';
import type { EmitEvent } from '../events';
import type { TimeScale } from '../time';
import type { FrontendStats } from './metrics';

/** At most this many latencies are kept per period (a uniform reservoir sample), so memory stays bounded. */
const MAX_LATENCY_SAMPLES = 10_000;

export interface AlarmStatus {
  readonly name: string;
  readonly metric: string;
  readonly pool?: string;
  readonly state: 'ok' | 'alarm';
  readonly threshold: number;
  readonly comparison: 'above' | 'below';
  /** The metric's value in the last finished period; null before the first or when the period had no data. */
  readonly value: number | null;
  readonly breachingPeriods: number;
  readonly evaluationPeriods: number;
  readonly notify?: string;
}

class PeriodCounts {
  total = 0;
  errors5xx = 0;
  seen = 0;
  readonly latencies: number[] = [];

  record(status: number, seconds: number): void {
    this.total++;
    if (status >= 500 && status < 600) this.errors5xx++;
    this.seen++;
    const ms = seconds * 1000;
    if (this.latencies.length < MAX_LATENCY_SAMPLES) this.latencies.push(ms);
    else {
      const slot = Math.floor(Math.random() * this.seen);
      if (slot < MAX_LATENCY_SAMPLES) this.latencies[slot] = ms;
    }
  }
}

/** Nearest-rank percentile (CloudWatch's pNN on its samples). */
export function percentile(values: readonly number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return sorted[rank - 1];
}

class AlarmRuntime {
  state: 'ok' | 'alarm' = 'ok';
  value: number | null = null;
  breaching = 0;
  period = new PeriodCounts();
  /** Counters at the start of the period, for the connection and rate-limit metrics. */
  base = 0;
  private readonly timer: NodeJS.Timeout;

  constructor(
    readonly model: AlarmModel,
    private readonly evaluator: AlarmEvaluator,
    periodMs: number,
  ) {
    this.base = evaluator.counter(model);
    this.timer = setInterval(() => this.evaluate(), periodMs);
    this.timer.unref();
  }

  /** The metric's value for the period that just ended (null: no data), and a fresh period. */
  private take(): number | null {
    const m = this.model;
    const p = this.period;
    this.period = new PeriodCounts();
    switch (m.metric) {
      case '5xx-count':
        return p.errors5xx;
      case '5xx-ratio':
        return p.total ? p.errors5xx / p.total : null;
      case 'latency':
        return p.latencies.length ? percentile(p.latencies, m.percentile!) : null;
      case 'unhealthy-members':
      case 'healthy-members':
        return this.evaluator.members(m.pool!, m.metric === 'healthy-members');
      case 'rejected-connections':
      case 'rate-limited': {
        const now = this.evaluator.counter(m);
        const delta = now - this.base;
        this.base = now;
        return delta;
      }
    }
  }

  evaluate(): void {
    const m = this.model;
    this.value = this.take();
    const breaches = this.value !== null && (m.comparison === 'above' ? this.value > m.threshold : this.value < m.threshold);
    this.breaching = breaches ? this.breaching + 1 : 0;
    const next = this.breaching >= m.evaluationPeriods ? 'alarm' : breaches && this.state === 'alarm' ? 'alarm' : 'ok';
    if (next !== this.state) {
      this.state = next;
      this.evaluator.emit({
        type: 'alarm',
        alarm: m.name,
        state: next,
        metric: m.metric,
        value: this.value,
        threshold: m.threshold,
        ...(m.notify ? { notify: m.notify } : {}),
      });
    }
  }

  stop(): void {
    clearInterval(this.timer);
  }
}

export class AlarmEvaluator {
  private readonly alarms: AlarmRuntime[];

  constructor(
    alarms: readonly AlarmModel[],
    private readonly frontends: () => readonly FrontendStats[],
    private readonly pools: ReadonlyMap<string, PoolRuntime>,
    time: TimeScale,
    readonly emit: EmitEvent,
  ) {
    this.alarms = alarms.map((a) => new AlarmRuntime(a, this, time.ms(a.periodSeconds)));
  }

  /** Hooks a frontend's finished requests into the request alarms. */
  watch(stats: FrontendStats): void {
    const request = this.alarms.filter((a) => ['5xx-count', '5xx-ratio', 'latency'].includes(a.model.metric));
    if (!request.length) return;
    stats.onRecord = (pool, status, seconds) => {
      // status 0 is an L4 connection: no HTTP answer to count.
      if (status === 0) return;
      for (const a of request) if (a.model.pool === undefined || a.model.pool === pool) a.period.record(status, seconds);
    };
  }

  /** Healthy (or unhealthy) members of a pool now. */
  members(pool: string, healthy: boolean): number {
    return (this.pools.get(pool)?.members ?? []).filter((m) => m.healthy === healthy).length;
  }

  /** The running total an alarm on connections or refusals takes its per-period delta from. */
  counter(a: AlarmModel): number {
    let n = 0;
    for (const f of this.frontends()) {
      if (a.metric === 'rejected-connections') n += f.deniedConnections + f.droppedConnections;
      else if (a.metric === 'rate-limited') {
        for (const v of f.rateLimited.values()) n += v;
        for (const v of f.protectionBlocked.values()) n += v;
      }
    }
    return n;
  }

  status(): AlarmStatus[] {
    return this.alarms.map(({ model: m, state, value, breaching }) => ({
      name: m.name,
      metric: m.metric,
      ...(m.pool ? { pool: m.pool } : {}),
      state,
      threshold: m.threshold,
      comparison: m.comparison,
      value,
      breachingPeriods: breaching,
      evaluationPeriods: m.evaluationPeriods,
      ...(m.notify ? { notify: m.notify } : {}),
    }));
  }

  stop(): void {
    for (const a of this.alarms) a.stop();
  }
}
