/** One member of a pool: its address, its state (health, draining, ejection, slow start) and its counters. */
import { formatHostPort } from '../address';
import type { UpstreamPool } from '../http/upstream/pool';
import { LiveList } from '../live-list';
import { hashId } from './hash';

/** Something bound to a member that draining may have to cut: a proxied exchange, a TCP pipe, a UDP flow. */
export interface MemberConnection {
  destroy(): void;
}

export interface MemberOptions {
  readonly host: string;
  readonly port: number;
  readonly weight: number;
  /** Port the active probe connects to. */
  readonly probePort: number;
}

export class Member {
  /** host:port, as bound. */
  readonly address: string;
  /** Opaque, stable id derived from the address; persistence cookies carry it. */
  readonly id: string;
  readonly host: string;
  readonly port: number;
  readonly weight: number;
  readonly probePort: number;
  /** Position in the pool's member list (binding order). */
  readonly index: number;

  /** Active health: members start healthy. */
  healthy = true;
  draining = false;
  /** Epoch ms until which passive health keeps the member out; 0 when not ejected. */
  ejectedUntil = 0;
  /** Epoch ms when the slow-start ramp began; 0 when the member takes its full share. */
  rampStart = 0;

  /** Requests (L7) or connections/flows (L4) currently on this member. */
  inFlight = 0;
  /** Consecutive passive failures (reset by any success). */
  consecutiveFailures = 0;
  /** EWMA of time to response headers, ms; -1 until the first response. */
  latencyEwmaMs = -1;
  /** least-response-time: the estimate is stale (a probe went to the idle member); its next sample replaces it. */
  latencyStale = false;

  // Algorithm state (a member belongs to exactly one pool).
  /** Smooth weighted round robin: current weight. */
  current = 0;
  /** Round robin under slow start: accumulated turns. */
  credit = 0;

  // Counters, for /status and metrics.
  requests = 0;
  failures = 0;
  ejections = 0;
  /** Consecutive probe successes / failures (one of them is 0). */
  probeOkStreak = 0;
  probeFailStreak = 0;
  probes = 0;

  readonly connections = new LiveList<MemberConnection>();
  /** Pooled keep-alive connections to the member (L7); created on first use. */
  upstream: UpstreamPool | undefined;

  constructor(options: MemberOptions, index: number) {
    this.host = options.host;
    this.port = options.port;
    this.weight = options.weight;
    this.probePort = options.probePort;
    this.index = index;
    this.address = formatHostPort(options.host, options.port);
    this.id = hashId(this.address);
  }

  /** Healthy, not draining, not ejected. */
  isAvailable(now: number): boolean {
    return this.healthy && !this.draining && this.ejectedUntil <= now;
  }

  /** Cuts every connection still bound to the member. */
  closeConnections(): void {
    for (const c of this.connections.values()) c.destroy();
    this.connections.clear();
    this.upstream?.close();
    this.upstream = undefined;
  }
}
