/** The `/status` document and `lb.members(pool)`: pools and members as JSON. */
import type { Member } from '../balancer/member';
import type { PoolRuntime } from '../balancer/pool';
import type { FrontendStats } from './metrics';
import type { AlarmStatus } from './alarms';

export interface MemberStatus {
  readonly address: string;
  readonly weight: number;
  /** Active health. */
  readonly healthy: boolean;
  /** Takes new work: healthy, not draining, not ejected. */
  readonly available: boolean;
  readonly draining: boolean;
  readonly ejected: boolean;
  /** ISO time the ejection ends, when ejected. */
  readonly ejectedUntil?: string;
  /** Current slow-start share, 0.1-1 (1: full share). */
  readonly slowStart: number;
  readonly inFlight: number;
  /** Requests (L7) or connections/flows (L4) sent to the member, retries included. */
  readonly requests: number;
  /** Failures seen by passive health (connection errors, resets, timeouts, 5xx). */
  readonly failures: number;
  readonly ejections: number;
  readonly probes: number;
  /** EWMA of time to response headers, ms; null before the first response. */
  readonly latencyEwmaMs: number | null;
}

export interface PoolStatus {
  readonly name: string;
  readonly protocol: string;
  readonly algorithm: string;
  readonly whenAllUnhealthy: string;
  readonly members: readonly MemberStatus[];
}

export interface FrontendStatus {
  readonly name: string;
  readonly protocol: string;
  /** Where it listens locally, 'host:port'. */
  readonly address: string;
  readonly activeConnections: number;
  /** Finished requests by status class ('2xx', ...); L4 connections count as 'other'. */
  readonly responses: Readonly<Record<string, number>>;
  readonly badRequests: Readonly<Record<string, number>>;
  readonly rateLimited: Readonly<Record<string, number>>;
  readonly deniedConnections: number;
  /** Requests refused with 403 by protection's IP lists, by reason. */
  readonly protectionBlocked: Readonly<Record<string, number>>;
}

export interface LocalStatus {
  readonly name: string;
  readonly frontends: readonly FrontendStatus[];
  readonly pools: readonly PoolStatus[];
  /** The spec's alarms as the proxy evaluates them (admin/alarms.ts). */
  readonly alarms?: readonly AlarmStatus[];
}

export function memberStatus(pool: PoolRuntime, m: Member, now = Date.now()): MemberStatus {
  const ejected = m.ejectedUntil > now;
  return {
    address: m.address,
    weight: m.weight,
    healthy: m.healthy,
    available: m.isAvailable(now),
    draining: m.draining,
    ejected,
    ...(ejected ? { ejectedUntil: new Date(m.ejectedUntil).toISOString() } : {}),
    slowStart: pool.slowStartFactor(m, now),
    inFlight: m.inFlight,
    requests: m.requests,
    failures: m.failures,
    ejections: m.ejections,
    probes: m.probes,
    latencyEwmaMs: m.latencyEwmaMs < 0 ? null : Math.round(m.latencyEwmaMs * 1000) / 1000,
  };
}

export function poolStatus(pool: PoolRuntime): PoolStatus {
  const now = Date.now();
  return {
    name: pool.name,
    protocol: pool.model.protocol,
    algorithm: pool.model.algorithm,
    whenAllUnhealthy: pool.model.whenAllUnhealthy,
    members: pool.members.map((m) => memberStatus(pool, m, now)),
  };
}

export function frontendStatus(stats: FrontendStats, protocol: string, address: string): FrontendStatus {
  return {
    name: stats.name,
    protocol,
    address,
    activeConnections: stats.activeConnections,
    responses: stats.totals(),
    badRequests: Object.fromEntries(stats.badRequests),
    rateLimited: Object.fromEntries(stats.rateLimited),
    deniedConnections: stats.deniedConnections,
    protectionBlocked: Object.fromEntries(stats.protectionBlocked),
  };
}
