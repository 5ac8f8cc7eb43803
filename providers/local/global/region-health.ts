/**
 * The global layer's view of each region's health (SEMANTICS.md section 9): a probe through the region's
 * frontend every interval, with thresholds, and, when `evaluateTargetHealth` is on, the regional load
 * balancer's own member health. Regions start healthy, as members do (section 6).
 */
import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { connect } from 'node:net';
import type { GlobalModel, RegionModel } from '../../../lib/model/global-types';

export interface ProbeTarget {
  readonly region: RegionModel;
  /** Where the region's frontend listens locally; the probe goes there (spec ports such as 80 are not used locally). */
  readonly host: string;
  readonly port: number;
  /** With evaluateTargetHealth: true while the load balancer has a healthy member behind the frontend. */
  readonly targetsHealthy: () => boolean;
}

export interface RegionHealthChange {
  readonly region: string;
  readonly healthy: boolean;
  /** Why: 'probe' (thresholds crossed) or 'targets' (the load balancer's members). */
  readonly cause: 'probe' | 'targets';
  readonly at: number;
}

/** One probe: resolves true on success (http/https: 2xx or 3xx; tcp: accepted) within `timeoutMs`. */
export function probeOnce(target: ProbeTarget, timeoutMs: number): Promise<boolean> {
  const { probe } = target.region;
  return new Promise((resolve) => {
    let settled = false;
    const done = (ok: boolean) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve(ok);
    };
    const timer = setTimeout(() => {
      done(false);
      cleanup();
    }, timeoutMs);
    let cleanup = () => {};
    if (probe.protocol === 'tcp') {
      const socket = connect({ host: target.host, port: target.port }, () => {
        done(true);
        socket.destroy();
      });
      socket.on('error', () => done(false));
      cleanup = () => socket.destroy();
      return;
    }
    const make = probe.protocol === 'https' ? httpsRequest : httpRequest;
    const req = make(
      {
        host: target.host,
        port: target.port,
        path: probe.path,
        method: 'GET',
        agent: false,
        headers: { 'user-agent': 'lbkit-global-health-check', connection: 'close' },
        ...(probe.protocol === 'https' ? { rejectUnauthorized: false } : {}),
      },
      (res) => {
        res.resume();
        const status = res.statusCode ?? 0;
        done(status >= 200 && status < 400);
      },
    );
    req.on('error', () => done(false));
    cleanup = () => req.destroy();
    req.end();
  });
}

/** Probes every region on a timer and keeps each one's health by the thresholds. */
export class RegionHealthMonitor {
  private readonly probed = new Map<string, { healthy: boolean; streak: number }>();
  private timer: NodeJS.Timeout | undefined;
  private running = false;
  private readonly listeners: Array<(change: RegionHealthChange) => void> = [];

  constructor(
    private readonly model: GlobalModel,
    private readonly targets: readonly ProbeTarget[],
    /** Multiplies interval and timeout (the emulator's timeScale). */
    private readonly timeScale: number,
  ) {
    for (const t of targets) this.probed.set(t.region.name, { healthy: true, streak: 0 });
  }

  onChange(listener: (change: RegionHealthChange) => void): void {
    this.listeners.push(listener);
  }

  /** The health steering sees now. */
  healthy(region: string): boolean {
    const target = this.targets.find((t) => t.region.name === region);
    if (!target) return false;
    const probed = this.probed.get(region)?.healthy ?? false;
    return probed && (!this.model.healthCheck.evaluateTargetHealth || target.targetsHealthy());
  }

  start(): void {
    this.running = true;
    void this.round();
  }

  private async round(): Promise<void> {
    if (!this.running) return;
    const hc = this.model.healthCheck;
    const timeoutMs = hc.timeoutSeconds * 1000 * this.timeScale;
    await Promise.all(this.targets.map(async (t) => this.record(t.region.name, await probeOnce(t, timeoutMs))));
    if (!this.running) return;
    this.timer = setTimeout(() => void this.round(), hc.intervalSeconds * 1000 * this.timeScale);
  }

  private record(region: string, ok: boolean): void {
    const state = this.probed.get(region)!;
    const hc = this.model.healthCheck;
    if (ok === state.healthy) {
      state.streak = 0;
      return;
    }
    state.streak += 1;
    if (state.streak >= (ok ? hc.healthyThreshold : hc.unhealthyThreshold)) {
      state.healthy = ok;
      state.streak = 0;
      for (const l of this.listeners) l({ region, healthy: ok, cause: 'probe', at: Date.now() });
    }
  }

  stop(): void {
    this.running = false;
    if (this.timer) clearTimeout(this.timer);
  }
}
