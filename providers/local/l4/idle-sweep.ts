/**
 * Idle and connect timeouts of many connections from one interval timer (raw-connection.ts), instead of a
 * timer per socket that every read re-arms.
 */
import { LiveList, type LiveListEntry } from '../live-list';

/** Sweeps per idle timeout: a connection closes between 1 and 1 + 1/SLICES idle timeouts after its last byte. */
const SLICES = 4;

export interface Watched {
  lastTick: number;
  timedOut(): void;
}

/**
 * The idle and connect timeouts of one frontend's raw connections: a tick every idleMs / SLICES; a
 * connection whose last activity is more than SLICES ticks old has been idle for at least idleMs. Activity
 * costs one store (lastTick) instead of re-arming a timer per read. The timer runs only while it watches
 * connections.
 */
export class IdleSweep {
  tick = 0;
  private readonly watched = new LiveList<Watched>();
  private timer: NodeJS.Timeout | undefined;

  constructor(private readonly idleMs: number) {}

  watch(w: Watched): LiveListEntry<Watched> | undefined {
    if (this.idleMs <= 0) return undefined;
    w.lastTick = this.tick;
    this.timer ??= setInterval(() => this.sweep(), Math.max(1, this.idleMs / SLICES)).unref();
    return this.watched.add(w);
  }

  unwatch(entry: LiveListEntry<Watched> | undefined): void {
    if (entry) this.watched.remove(entry);
  }

  private sweep(): void {
    const tick = ++this.tick;
    if (this.watched.size === 0) {
      clearInterval(this.timer);
      this.timer = undefined;
      return;
    }
    for (const w of this.watched.values()) if (tick - w.lastTick > SLICES) w.timedOut();
  }

  stop(): void {
    clearInterval(this.timer);
    this.timer = undefined;
  }
}
