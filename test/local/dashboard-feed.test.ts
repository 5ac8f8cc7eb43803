/** DashboardFeed: samples on a timer, bounded history and events, hello first, unsubscribe and stop. */
import { DashboardFeed, type DashboardMessage } from '../../providers/local/admin/dashboard/feed';
import type { LocalEvent } from '../../providers/local';
import { sleep, waitFor } from './support';

function source() {
  let n = 0;
  const listeners = new Set<(e: LocalEvent) => void>();
  return {
    listeners,
    emit: (e: LocalEvent) => listeners.forEach((l) => l(e)),
    status: () => ({ name: `status-${++n}`, frontends: [], pools: [] }),
    onEvent(listener: (e: LocalEvent) => void) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}

const draining = (member: string): LocalEvent => ({ type: 'member-draining', pool: 'p', member });

test('keeps the last historySize samples and eventLimit events, and a new subscriber gets them first', async () => {
  const src = source();
  const feed = new DashboardFeed(src, { intervalMs: 10, historySize: 3, eventLimit: 2 });
  feed.start();
  try {
    for (const m of ['a', 'b', 'c']) src.emit(draining(m));
    const seen: DashboardMessage[] = [];
    await waitFor(
      () => {
        seen.length = 0;
        feed.subscribe((m) => seen.push(m))();
        return seen[0].kind === 'hello' && seen[0].samples.length === 3 && seen[0].samples[0].status.name !== 'status-1';
      },
      2000,
      'a fourth sample',
    );
    const hello = seen[0] as Extract<DashboardMessage, { kind: 'hello' }>;
    expect(hello.intervalMs).toBe(10);
    const first = Number(hello.samples[0].status.name.slice('status-'.length));
    expect(first).toBeGreaterThan(1); // the oldest were dropped
    expect(hello.samples.map((s) => s.status.name)).toEqual([`status-${first}`, `status-${first + 1}`, `status-${first + 2}`]);
    expect(hello.events.map((e) => (e.event as { member: string }).member)).toEqual(['b', 'c']);
  } finally {
    feed.stop();
  }
});

test('subscribers get samples and events as they happen until they unsubscribe; stop ends sampling and listening', async () => {
  const src = source();
  const feed = new DashboardFeed(src, { intervalMs: 10 });
  feed.start();
  const seen: DashboardMessage[] = [];
  const unsubscribe = feed.subscribe((m) => seen.push(m));
  await waitFor(() => seen.some((m) => m.kind === 'sample'), 2000, 'a sample');
  src.emit(draining('x'));
  expect(seen.at(-1)).toMatchObject({ kind: 'event', event: { t: expect.any(Number), event: draining('x') } });
  unsubscribe();
  const count = seen.length;
  src.emit(draining('y'));
  await sleep(50);
  expect(seen).toHaveLength(count);
  feed.stop();
  expect(src.listeners.size).toBe(0);
  const after: DashboardMessage[] = [];
  feed.subscribe((m) => after.push(m));
  await sleep(50);
  expect(after.map((m) => m.kind)).toEqual(['hello']); // no more samples after stop
});
