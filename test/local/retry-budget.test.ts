/**
 * A pool's retry budget (SEMANTICS.md "Retry budget") over real sockets: retries within the budget are sent,
 * a retry over it is not and the client gets the proxy's own 503; the floor lets a quiet pool retry; the
 * window slides. The RetryBudget counter itself is checked with a fake clock, step by step.
 */
import { RetryBudget } from '../../providers/local/balancer/retry-budget';
import { TimeScale } from '../../providers/local/time';
import { request, startBackend, type LocalLoadBalancer, type TestBackend } from '../../providers/local';
import type { RetryBudgetModel } from '../../lib/model/types';
import type { LoadBalancerSpec, PoolSpec } from '../../lib/spec/schema';
import { httpSpec, startLb } from './support';

describe('RetryBudget: exact counts on a fake clock', () => {
  const budget = (model: RetryBudgetModel) => new RetryBudget(model, new TimeScale(1));

  test('20% of the attempts in the window, counting the retry itself', () => {
    const b = budget({ percent: 20, intervalSeconds: 10, minRetryRate: { count: 1, intervalSeconds: 1 } });
    const attempts = (n: number) => {
      for (let i = 0; i < n; i++) b.attempted(0);
    };
    attempts(4);
    expect(b.admit(0)).toBe(true); // the floor: one retry per second whatever the share says
    attempts(1);
    expect(b.admit(0)).toBe(false); // 1 retry in 5 attempts: (1 + 1) / (5 + 1) = 33%
    attempts(4);
    expect(b.admit(0)).toBe(true); // 1 in 9: 2 / 10 = 20%
    attempts(1);
    expect(b.admit(0)).toBe(false); // 2 in 10: 3 / 11 = 27%
    attempts(5);
    expect(b.admit(0)).toBe(true); // 2 in 15: 3 / 16 = 19%
  });

  test('the floor renews per its own interval, the share per the window', () => {
    const b = budget({ percent: 0, intervalSeconds: 10, minRetryRate: { count: 2, intervalSeconds: 1 } });
    expect([b.admit(0), b.admit(10), b.admit(20)]).toEqual([true, true, false]);
    // A second later the floor allows two more.
    expect([b.admit(1100), b.admit(1100), b.admit(1100)]).toEqual([true, true, false]);
  });

  test('attempts and retries older than the window no longer count', () => {
    const b = budget({ percent: 50, intervalSeconds: 1, minRetryRate: { count: 1, intervalSeconds: 3600 } });
    for (let i = 0; i < 10; i++) b.attempted(0);
    expect(b.admit(0)).toBe(true); // the floor, used for the hour
    expect(b.admit(0)).toBe(true); // 1 in 10: 2 / 11
    // 1.5 s later the ten attempts have left the window: 0 attempts, so 1 / 1 is over 50%.
    expect(b.admit(1500)).toBe(false);
    b.attempted(1500);
    expect(b.admit(1500)).toBe(true); // 0 retries in 1 attempt: 1 / 2 = 50%
  });
});

describe('over sockets', () => {
  let failing: TestBackend;
  let good: TestBackend;
  let lb: LocalLoadBalancer | undefined;

  beforeAll(async () => {
    failing = await startBackend('failing', { handler: (_req, res) => res.writeHead(503, { 'X-Backend': 'failing' }).end('down') });
    good = await startBackend('good');
  });
  afterEach(async () => {
    await lb?.stop({ graceMs: 0 });
    lb = undefined;
  });
  afterAll(async () => {
    await Promise.all([failing.close(), good.close()]);
  });

  const withBudget = (retryBudget: NonNullable<PoolSpec['retryBudget']>): LoadBalancerSpec => {
    const spec = httpSpec({ algorithm: 'round-robin', retryBudget });
    const rules = [{ name: 'all', action: { forward: { pool: 'app' } }, retry: { attempts: 1, statuses: [503] } }];
    return { ...spec, frontends: [{ ...spec.frontends[0], rules }] };
  };
  /** What each of `n` requests got: 'good', the member's 'failing' 503, or the proxy's own 'lb-503'. */
  async function outcomes(n: number): Promise<string[]> {
    const seen: string[] = [];
    for (let i = 0; i < n; i++) {
      const res = await request(`${lb!.url('web')}/`);
      seen.push(
        res.status === 200 ? String(res.headers['x-backend']) : res.headers['x-backend'] ? `${res.headers['x-backend']}-${res.status}` : `lb-${res.status}`,
      );
    }
    return seen;
  }

  test('within the budget every failed attempt is retried; over it the proxy answers 503 and sends nothing', async () => {
    lb = await startLb(withBudget({ percent: 40, minRetryRate: { count: 1, intervalSeconds: 3600 } }), { bindings: { app: [failing.address, good.address] } });
    const before = failing.requests.length + good.requests.length;
    // Round robin gives every request to failing first (its retry took good's turn). Retries / attempts:
    // the floor's 1st; 2 / 4 > 40% refused; 2 / 5 admitted; 3 / 7 refused; 3 / 8 admitted.
    expect(await outcomes(5)).toEqual(['good', 'lb-503', 'good', 'lb-503', 'good']);
    // 5 requests, 3 retries: 8 attempts reached the members.
    expect(failing.requests.length + good.requests.length - before).toBe(8);
  });

  test('a refused connection is a retry too: over the budget it is a 503, not another member', async () => {
    const dead = await startBackend('dead');
    const address = dead.address;
    await dead.close();
    lb = await startLb(
      { ...httpSpec({ algorithm: 'round-robin', retryBudget: { percent: 0, minRetryRate: { count: 1, intervalSeconds: 3600 } } }) },
      { bindings: { app: [address, good.address] } },
    );
    const before = good.requests.length;
    const statuses: number[] = [];
    for (let i = 0; i < 4; i++) statuses.push((await request(`${lb.url('web')}/`)).status);
    // Every request goes to the dead member first (its retry took good's turn); only the floor's retry is sent.
    expect(statuses).toEqual([200, 503, 503, 503]);
    expect(good.requests.length - before).toBe(1);
  });

  test('the window slides: once it has passed, the floor allows a retry again', async () => {
    // timeScale 0.1: the floor's 1 s interval is 100 ms.
    lb = await startLb(withBudget({ percent: 0, intervalSeconds: 1, minRetryRate: { count: 1, intervalSeconds: 1 } }), {
      bindings: { app: [failing.address, good.address] },
      timeScale: 0.1,
    });
    expect(await outcomes(2)).toEqual(['good', 'lb-503']);
    await new Promise((r) => setTimeout(r, 250));
    expect(await outcomes(2)).toEqual(['good', 'lb-503']);
  });
});
