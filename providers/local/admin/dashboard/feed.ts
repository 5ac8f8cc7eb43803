/**
 * What the dashboard shows, as a stream: a sample of /status every `intervalMs` (kept for the last
 * `historySize` samples, so a page opened late still draws the recent past) and every LocalEvent as it
 * happens (the last `eventLimit` kept). Pages subscribe over server-sent events (see sse.ts).
 *
 * The admin server starts the feed when it listens and stops it when it closes; sampling runs whether or not
 * a page is open (one /status copy a second), so history is there when one opens. The timer is unref'd so
 * it never holds the process open.
 */
import type { LocalEvent } from '../../events';
import type { LocalStatus } from '../status';

export interface DashboardSample {
  /** Epoch ms the sample was taken. */
  readonly t: number;
  readonly status: LocalStatus;
}

export interface DashboardEvent {
  /** Epoch ms the event was seen. */
  readonly t: number;
  readonly event: LocalEvent;
}

export type DashboardMessage =
  | { readonly kind: 'hello'; readonly intervalMs: number; readonly samples: readonly DashboardSample[]; readonly events: readonly DashboardEvent[] }
  | { readonly kind: 'sample'; readonly sample: DashboardSample }
  | { readonly kind: 'event'; readonly event: DashboardEvent };

export interface DashboardSource {
  status(): LocalStatus;
  /** Calls `listener` on every event until the returned function is called. */
  onEvent(listener: (event: LocalEvent) => void): () => void;
}

export interface DashboardFeedOptions {
  /** @default 1000 */
  readonly intervalMs?: number;
  /** @default 300 (five minutes at the default interval) */
  readonly historySize?: number;
  /** @default 100 */
  readonly eventLimit?: number;
}

export class DashboardFeed {
  readonly intervalMs: number;
  private readonly historySize: number;
  private readonly eventLimit: number;
  private readonly samples: DashboardSample[] = [];
  private readonly events: DashboardEvent[] = [];
  private readonly subscribers = new Set<(message: DashboardMessage) => void>();
  private timer: NodeJS.Timeout | undefined;
  private unsubscribe: (() => void) | undefined;

  constructor(
    private readonly source: DashboardSource,
    options: DashboardFeedOptions = {},
  ) {
    this.intervalMs = options.intervalMs ?? 1000;
    this.historySize = options.historySize ?? 300;
    this.eventLimit = options.eventLimit ?? 100;
  }

  start(): void {
    if (this.timer) return;
    this.sample();
    this.timer = setInterval(() => this.sample(), this.intervalMs);
    this.timer.unref();
    this.unsubscribe = this.source.onEvent((event) => {
      const seen: DashboardEvent = { t: Date.now(), event };
      this.events.push(seen);
      if (this.events.length > this.eventLimit) this.events.shift();
      this.publish({ kind: 'event', event: seen });
    });
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    this.unsubscribe?.();
    this.unsubscribe = undefined;
    this.subscribers.clear();
  }

  /** Sends `hello` (history so far) at once, then every sample and event; returns the unsubscribe function. */
  subscribe(send: (message: DashboardMessage) => void): () => void {
    send({ kind: 'hello', intervalMs: this.intervalMs, samples: [...this.samples], events: [...this.events] });
    this.subscribers.add(send);
    return () => this.subscribers.delete(send);
  }

  private sample(): void {
    const sample: DashboardSample = { t: Date.now(), status: this.source.status() };
    this.samples.push(sample);
    if (this.samples.length > this.historySize) this.samples.shift();
    this.publish({ kind: 'sample', sample });
  }

  private publish(message: DashboardMessage): void {
    for (const send of this.subscribers) send(message);
  }
}
