/**
 * Prometheus metrics through prom-client, on the load balancer's own Registry (never the global one, so
 * several load balancers in one process, and the user's own metrics, stay apart).
 *
 * The hot path only bumps plain numbers (per frontend, rule, pool and member, keyed by object identity);
 * `collect()` copies them into prom-client when /metrics is scraped. Latency goes straight into a histogram.
 */
import { Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { RuleModel } from '../../../lib/model/types';
import type { Member } from '../balancer/member';
import type { PoolRuntime } from '../balancer/pool';
import type { RateLimit } from '../http/rate-limit';

const DEFAULT_RULE = '(default)';
/** Index 0: informational or out of range; 1-5: 1xx-5xx. */
const CLASSES = ['other', '1xx', '2xx', '3xx', '4xx', '5xx'] as const;

class RouteCounts {
  readonly counts = [0, 0, 0, 0, 0, 0];
  constructor(
    readonly rule: string,
    readonly pool: string,
    readonly member: string,
  ) {}
}

/** Counters of one frontend (L7 requests or L4 connections). */
export class FrontendStats {
  activeConnections = 0;
  deniedConnections = 0;
  /** Connections closed at accept because the frontend had maxConnections open. */
  droppedConnections = 0;
  readonly badRequests = new Map<string, number>();
  readonly rateLimited = new Map<string, number>();
  /** Requests refused by protection, by reason ('ip-deny', 'ip-allow'). */
  readonly protectionBlocked = new Map<string, number>();
  /** Called for every finished request (alarms evaluate over it); set by the alarm evaluator. */
  onRecord: ((pool: string | undefined, status: number, seconds: number) => void) | undefined;
  private readonly routes = new Map<RuleModel | null, Map<object | null, RouteCounts>>();
  readonly durationLabels: { frontend: string };

  constructor(
    readonly name: string,
    private readonly duration: Histogram<'frontend'>,
  ) {
    this.durationLabels = { frontend: name };
  }

  /** One finished request (or L4 connection, status 0). */
  record(rule: RuleModel | undefined, pool: PoolRuntime | undefined, member: Member | undefined, status: number, seconds: number): void {
    let byTarget = this.routes.get(rule ?? null);
    if (!byTarget) this.routes.set(rule ?? null, (byTarget = new Map()));
    const key = member ?? pool ?? null;
    let counts = byTarget.get(key);
    if (!counts) byTarget.set(key, (counts = new RouteCounts(rule?.id ?? DEFAULT_RULE, pool?.name ?? '', member?.address ?? '')));
    const cls = status >= 100 && status < 600 ? Math.floor(status / 100) : 0;
    counts.counts[cls]++;
    this.duration.observe(this.durationLabels, seconds);
    this.onRecord?.(pool?.name, status, seconds);
  }

  badRequest(reason: string): void {
    this.badRequests.set(reason, (this.badRequests.get(reason) ?? 0) + 1);
  }

  blocked(reason: string): void {
    this.protectionBlocked.set(reason, (this.protectionBlocked.get(reason) ?? 0) + 1);
  }

  limited(limit: string): void {
    this.rateLimited.set(limit, (this.rateLimited.get(limit) ?? 0) + 1);
  }

  /** Total finished requests/connections by status class ('2xx', ...; 'other' for L4). */
  totals(): Record<string, number> {
    const out: Record<string, number> = {};
    for (const byTarget of this.routes.values()) {
      for (const c of byTarget.values())
        c.counts.forEach((n, i) => {
          if (n) out[CLASSES[i]] = (out[CLASSES[i]] ?? 0) + n;
        });
    }
    return out;
  }

  *routeCounts(): Iterable<{ labels: Record<string, string>; value: number }> {
    for (const byTarget of this.routes.values()) {
      for (const c of byTarget.values()) {
        for (let i = 0; i < c.counts.length; i++) {
          if (c.counts[i])
            yield { labels: { frontend: this.name, rule: c.rule, pool: c.pool, member: c.member, status_class: CLASSES[i] }, value: c.counts[i] };
        }
      }
    }
  }
}

export class ProxyMetrics {
  readonly registry = new Registry();
  private readonly duration: Histogram<'frontend'>;
  private readonly frontends: FrontendStats[] = [];

  constructor(pools: () => Iterable<PoolRuntime>, rateLimits: () => Iterable<RateLimit> = () => []) {
    const registers = [this.registry];
    const frontends = this.frontends;
    this.duration = new Histogram({
      name: 'lbkit_request_duration_seconds',
      help: 'Time from a request (or L4 connection) arriving to its response finishing, by frontend.',
      labelNames: ['frontend'],
      buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers,
    });
    type Fill<L extends string> = (put: (labels: Record<L, string>, value: number) => void) => void;
    // Each collect() starts from zero and writes the current values: these metrics mirror state, not events.
    const mirrored =
      (kind: 'counter' | 'gauge') =>
      <L extends string>(name: string, help: string, labelNames: readonly L[], fill: Fill<L>) => {
        const config = {
          name,
          help,
          labelNames,
          registers,
          collect: () => {
            metric.reset();
            fill((l, v) => (metric instanceof Counter ? metric.inc(l, v) : metric.set(l, v)));
          },
        };
        const metric: Counter<L> | Gauge<L> = kind === 'counter' ? new Counter(config) : new Gauge(config);
      };
    const counter = mirrored('counter');
    const gauge = mirrored('gauge');
    const eachMember = (fn: (p: PoolRuntime, m: Member) => void) => {
      for (const p of pools()) for (const m of p.members) fn(p, m);
    };
    const now = () => Date.now();

    counter(
      'lbkit_requests_total',
      'Requests (L7) and connections (L4, status_class "other") by frontend, rule, pool, member and status class.',
      ['frontend', 'rule', 'pool', 'member', 'status_class'],
      (add) => {
        for (const f of frontends) for (const r of f.routeCounts()) add(r.labels as never, r.value);
      },
    );
    counter(
      'lbkit_bad_requests_total',
      'Bad input refused (malformed, smuggling, header timeout or size, invalid host or target), by frontend and reason.',
      ['frontend', 'reason'],
      (add) => {
        for (const f of frontends) for (const [reason, n] of f.badRequests) add({ frontend: f.name, reason }, n);
      },
    );
    counter('lbkit_rate_limited_total', 'Requests refused by a rate limit, by frontend and limit.', ['frontend', 'limit'], (add) => {
      for (const f of frontends) for (const [limit, n] of f.rateLimited) add({ frontend: f.name, limit }, n);
    });
    counter('lbkit_protection_blocked_total', 'Requests refused with 403 by protection (IP lists), by frontend and reason.', ['frontend', 'reason'], (add) => {
      for (const f of frontends) for (const [reason, n] of f.protectionBlocked) add({ frontend: f.name, reason }, n);
    });
    counter('lbkit_denied_connections_total', 'Connections closed because the client is outside allowedSourceCidrs.', ['frontend'], (add) => {
      for (const f of frontends) add({ frontend: f.name }, f.deniedConnections);
    });
    counter('lbkit_dropped_connections_total', 'Connections closed as soon as accepted because the frontend had maxConnections open.', ['frontend'], (add) => {
      for (const f of frontends) add({ frontend: f.name }, f.droppedConnections);
    });
    counter(
      'lbkit_rate_limit_overflow_total',
      'Requests a rate limit counted in its shared overflow window because its key table was full of open windows.',
      ['limit'],
      (add) => {
        for (const l of rateLimits()) add({ limit: l.model.name }, l.overflowed);
      },
    );
    gauge('lbkit_rate_limit_keys', 'Keys a rate limit holds a window for (at most maxRateLimitKeys).', ['limit'], (set) => {
      for (const l of rateLimits()) set({ limit: l.model.name }, l.size);
    });
    counter('lbkit_member_ejections_total', 'Passive-health ejections, by pool and member.', ['pool', 'member'], (add) =>
      eachMember((p, m) => add({ pool: p.name, member: m.address }, m.ejections)),
    );
    gauge('lbkit_active_connections', 'Open client connections, by frontend.', ['frontend'], (set) => {
      for (const f of frontends) set({ frontend: f.name }, f.activeConnections);
    });
    gauge('lbkit_member_healthy', 'Active health of a member: 1 healthy, 0 unhealthy.', ['pool', 'member'], (set) =>
      eachMember((p, m) => set({ pool: p.name, member: m.address }, m.healthy ? 1 : 0)),
    );
    gauge('lbkit_member_available', 'Whether a member takes new work: healthy, not draining, not ejected.', ['pool', 'member'], (set) =>
      eachMember((p, m) => set({ pool: p.name, member: m.address }, m.isAvailable(now()) ? 1 : 0)),
    );
    gauge('lbkit_member_ejected', 'Whether passive health has ejected a member.', ['pool', 'member'], (set) =>
      eachMember((p, m) => set({ pool: p.name, member: m.address }, m.ejectedUntil > now() ? 1 : 0)),
    );
    gauge('lbkit_member_draining', 'Whether a member is draining.', ['pool', 'member'], (set) =>
      eachMember((p, m) => set({ pool: p.name, member: m.address }, m.draining ? 1 : 0)),
    );
    gauge('lbkit_member_in_flight', 'Requests (L7) or connections (L4) in flight on a member.', ['pool', 'member'], (set) =>
      eachMember((p, m) => set({ pool: p.name, member: m.address }, m.inFlight)),
    );
  }

  /** The spec's alarms as gauges: state (1 firing, 0 ok) and the last period's value. */
  addAlarms(status: () => ReadonlyArray<{ readonly name: string; readonly state: 'ok' | 'alarm'; readonly value: number | null }>): void {
    const registers = [this.registry];
    const state: Gauge<'alarm'> = new Gauge({
      name: 'lbkit_alarm_firing',
      help: 'Whether a spec alarm fires (1) or not (0).',
      labelNames: ['alarm'],
      registers,
      collect() {
        state.reset();
        for (const a of status()) state.set({ alarm: a.name }, a.state === 'alarm' ? 1 : 0);
      },
    });
    const value: Gauge<'alarm'> = new Gauge({
      name: 'lbkit_alarm_value',
      help: "A spec alarm's metric in its last finished period (absent before one, or without data).",
      labelNames: ['alarm'],
      registers,
      collect() {
        value.reset();
        for (const a of status()) if (a.value !== null) value.set({ alarm: a.name }, a.value);
      },
    });
  }

  /** Every frontend's counters (alarms read them). */
  allFrontends(): readonly FrontendStats[] {
    return this.frontends;
  }

  frontend(name: string): FrontendStats {
    const stats = new FrontendStats(name, this.duration);
    this.frontends.push(stats);
    return stats;
  }

  text(): Promise<string> {
    return this.registry.metrics();
  }

  get contentType(): string {
    return this.registry.contentType;
  }
}
