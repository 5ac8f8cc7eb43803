/** Rate limits: fixed window per key, the exact count, Retry-After, keys and scopes. */
import type { LoadBalancerSpec, RateLimitSpec } from '../../lib/spec/schema';
import { request, startBackend, type LocalLoadBalancer, type TestBackend } from '../../providers/local';
import type { RateLimitModel } from '../../lib/model/types';
import { MAX_KEY_BYTES, RateLimit } from '../../providers/local/http/rate-limit';
import { TimeScale } from '../../providers/local/time';
import { forward, httpPools, metricValue, sleep, startLb, webFrontend } from './support';

function spec(rateLimits: RateLimitSpec[]): LoadBalancerSpec {
  return {
    name: 'limits',
    frontends: [
      webFrontend({ rules: [{ name: 'login', match: { paths: [{ exact: '/login' }] }, action: forward('app') }] }),
      { name: 'plain', protocol: 'http', port: 81, redirectHttpToHttps: true },
    ],
    pools: httpPools(['app']),
    rateLimits,
  };
}

let backend: TestBackend;
beforeAll(async () => {
  backend = await startBackend('app');
});
afterAll(() => backend.close());

async function withLb(
  rateLimits: RateLimitSpec[],
  run: (
    lb: LocalLoadBalancer,
    send: (path?: string, headers?: Record<string, string>, from?: string) => Promise<{ status: number; headers: Record<string, unknown> }>,
  ) => Promise<void>,
  timeScale = 1,
) {
  // A scaled run scales the windows too: these tests are about the window's end.
  const lb = await startLb(spec(rateLimits), { bindings: { app: [backend.address] }, timeScale, scaleRateLimitWindows: timeScale !== 1 });
  try {
    await run(lb, (path = '/', headers = {}, from) => request(`${lb.url('web')}${path}`, { headers, localAddress: from }));
  } finally {
    await lb.stop({ graceMs: 0 });
  }
}

test('the limit-th request passes, the next gets 429 with Retry-After; keys are counted apart', async () => {
  await withLb([{ name: 'per-client', limit: 5, windowSeconds: 60 }], async (lb, send) => {
    const statuses: number[] = [];
    for (let i = 0; i < 7; i++) statuses.push((await send()).status);
    expect(statuses).toEqual([200, 200, 200, 200, 200, 429, 429]);
    const refused = await send();
    expect(refused.headers['retry-after']).toMatch(/^(59|60)$/);
    expect((await send('/', {}, '127.0.0.2')).status).toBe(200);
    expect(metricValue(await lb.metrics(), 'lbkit_rate_limited_total', { frontend: 'web', limit: 'per-client' })).toBe(3);
  });
});

test('a new window opens when the old one has passed', async () => {
  await withLb(
    [{ name: 'burst', limit: 3, windowSeconds: 5 }],
    async (_lb, send) => {
      const first: number[] = [];
      for (let i = 0; i < 4; i++) first.push((await send()).status);
      expect(first).toEqual([200, 200, 200, 429]);
      await sleep(550); // the 5 s window is 500 ms at timeScale 0.1
      const second: number[] = [];
      for (let i = 0; i < 4; i++) second.push((await send()).status);
      expect(second).toEqual([200, 200, 200, 429]);
    },
    0.1,
  );
});

test('a header key counts per value; requests without the header are not counted', async () => {
  await withLb([{ name: 'per-key', limit: 2, windowSeconds: 60, key: { header: 'X-Api-Key' }, responseStatus: 503 }], async (_lb, send) => {
    const a: number[] = [];
    for (let i = 0; i < 3; i++) a.push((await send('/', { 'x-api-key': 'alpha' })).status);
    expect(a).toEqual([200, 200, 503]);
    expect((await send('/', { 'x-api-key': 'beta' })).status).toBe(200);
    for (let i = 0; i < 5; i++) expect((await send('/')).status).toBe(200);
  });
});

test('a rule scope counts only the requests that rule matches', async () => {
  await withLb([{ name: 'login', limit: 2, windowSeconds: 60, scope: { rules: ['web/login'] } }], async (_lb, send) => {
    for (let i = 0; i < 5; i++) expect((await send('/')).status).toBe(200);
    const login: number[] = [];
    for (let i = 0; i < 3; i++) login.push((await send('/login')).status);
    expect(login).toEqual([200, 200, 429]);
    expect((await send('/')).status).toBe(200);
  });
});

test('every applicable limit counts; the first in spec order that is over answers', async () => {
  await withLb(
    [
      { name: 'wide', limit: 10, windowSeconds: 60, responseStatus: 503 },
      { name: 'narrow', limit: 1, windowSeconds: 60, scope: { rules: ['web/login'] }, responseStatus: 429 },
    ],
    async (lb, send) => {
      expect((await send('/login')).status).toBe(200);
      expect((await send('/login')).status).toBe(429); // only 'narrow' is over
      for (let i = 0; i < 8; i++) await send('/'); // 'wide' reaches 10 (the refused request counted too)
      expect((await send('/login')).status).toBe(503); // both over: 'wide' comes first
      const text = await lb.metrics();
      expect(metricValue(text, 'lbkit_rate_limited_total', { limit: 'narrow' })).toBe(1);
      expect(metricValue(text, 'lbkit_rate_limited_total', { limit: 'wide' })).toBe(1);
    },
  );
});

test('limits count on a redirect-only frontend too (default scope: every L7 frontend)', async () => {
  await withLb([{ name: 'all', limit: 2, windowSeconds: 60 }], async (lb) => {
    const statuses: number[] = [];
    for (let i = 0; i < 3; i++) statuses.push((await request(`${lb.url('plain')}/`)).status);
    expect(statuses).toEqual([301, 301, 429]);
  });
});

describe('the key table is bounded (hostile keys)', () => {
  const model = (limit: number) =>
    ({ name: 'keys', limit, windowSeconds: 1, frontends: ['web'], key: { type: 'header', name: 'x-key' }, responseStatus: 429 }) as unknown as RateLimitModel;

  test('a unique 15 KB key per request: the table holds at most maxKeys windows, each key at most a digest long', () => {
    const limit = new RateLimit(model(1), 0, new TimeScale(1), 50);
    try {
      for (let i = 0; i < 2000; i++) limit.hit(`${'k'.repeat(15_000)}${i}`, 1000);
      expect(limit.size).toBe(50);
      for (const key of limit.keys()) expect(key.length).toBeLessThanOrEqual(MAX_KEY_BYTES + 1);
    } finally {
      limit.close();
    }
  });

  test('long keys that differ only at the end are still counted apart', () => {
    const limit = new RateLimit(model(1), 0, new TimeScale(1), 50);
    try {
      const long = 'x'.repeat(10_000);
      expect(limit.hit(`${long}a`, 0)).toBe(0);
      expect(limit.hit(`${long}b`, 0)).toBe(0);
      expect(limit.hit(`${long}a`, 0)).toBeGreaterThan(0);
    } finally {
      limit.close();
    }
  });

  test('full of open windows: held keys keep their counts, new keys share one overflow window; expired windows make room', () => {
    const limit = new RateLimit(model(2), 0, new TimeScale(1), 3);
    try {
      for (const key of ['a', 'b', 'c']) expect(limit.hit(key, 0)).toBe(0);
      // The flood: every new key lands in one window with the limit of 2.
      expect([limit.hit('d', 10), limit.hit('e', 10), limit.hit('f', 10), limit.hit('g', 10)].map((left) => left > 0)).toEqual([false, false, true, true]);
      expect(limit.overflowed).toBe(4);
      // Held keys are counted exactly as before the flood, not reset by it.
      expect(limit.hit('a', 20)).toBe(0);
      expect(limit.hit('a', 20)).toBeGreaterThan(0);
      expect(limit.size).toBe(3);
      // Once the held windows have passed (1 s), a new key gets a window of its own again.
      expect(limit.hit('h', 1500)).toBe(0);
      expect(limit.hit('h', 1500)).toBe(0);
      expect(limit.hit('h', 1500)).toBeGreaterThan(0);
      expect([...limit.keys()]).toEqual(['h']);
    } finally {
      limit.close();
    }
  });

  test('through the proxy: a flood of unique 15 KB header keys is refused once the table is full; a held key still counts alone', async () => {
    const lb = await startLb(spec([{ name: 'per-key', limit: 3, windowSeconds: 60, key: { header: 'X-Api-Key' } }]), {
      bindings: { app: [backend.address] },
      maxRateLimitKeys: 20,
    });
    try {
      const send = (key: string) => request(`${lb.url('web')}/`, { headers: { 'x-api-key': key } }).then((r) => r.status);
      expect(await send('held')).toBe(200);
      const flood: number[] = [];
      for (let i = 0; i < 60; i++) flood.push(await send(`${'k'.repeat(15_000)}${i}`));
      // 19 keys fit beside 'held'; the next 41 share one window of 3.
      expect(flood.filter((s) => s === 200)).toHaveLength(19 + 3);
      expect(flood.slice(-38).every((s) => s === 429)).toBe(true);
      expect([await send('held'), await send('held'), await send('held')]).toEqual([200, 200, 429]);
      const text = await lb.metrics();
      expect(metricValue(text, 'lbkit_rate_limit_overflow_total', { limit: 'per-key' })).toBe(41);
      expect(metricValue(text, 'lbkit_rate_limit_keys', { limit: 'per-key' })).toBe(20);
    } finally {
      await lb.stop({ graceMs: 0 });
    }
  });
});

test('timeScale leaves rate-limit windows at their length unless asked: a count cannot reset under a test', async () => {
  const lb = await startLb(spec([{ name: 'burst', limit: 3, windowSeconds: 2 }]), { bindings: { app: [backend.address] }, timeScale: 0.05 });
  try {
    const statuses: number[] = [];
    for (let i = 0; i < 4; i++) statuses.push((await request(`${lb.url('web')}/`)).status);
    // 2 s scaled by 0.05 would be 100 ms: the old behaviour let the window end before this request.
    await sleep(150);
    statuses.push((await request(`${lb.url('web')}/`)).status);
    expect(statuses).toEqual([200, 200, 200, 429, 429]);
  } finally {
    await lb.stop();
  }
});
