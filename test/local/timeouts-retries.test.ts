/**
 * Per-rule timeouts and retry policies over real sockets (SEMANTICS.md "Timeouts and retries per rule").
 * timeScale 0.1: a spec second is 100 ms, so a member delayed 1500 ms is over a 1 s (100 ms) and a 2 s (200 ms) timeout,
 * while a prompt member stays well inside 100 ms even on a loaded CI machine (at 10 ms it did not, and a retry got a 504).
 */
import type { LoadBalancerSpec } from '../../lib/spec/schema';
import { request, startBackend, type LocalLoadBalancer, type TestBackend } from '../../providers/local';
import { forward, httpPools, startLb, webFrontend } from './support';

let lb: LocalLoadBalancer;
let slow: TestBackend;
let failing: TestBackend;
let good: TestBackend;

const spec: LoadBalancerSpec = {
  name: 'resilience',
  frontends: [
    webFrontend({
      rules: [
        { name: 'backend-timeout', match: { paths: [{ prefix: '/bt' }] }, action: forward('slow'), timeouts: { backendSeconds: 1 } },
        { name: 'request-timeout', match: { paths: [{ prefix: '/rt' }] }, action: forward('slow'), timeouts: { requestSeconds: 2 } },
        { name: 'status-retry', match: { paths: [{ prefix: '/sr' }] }, action: forward('mixed'), retry: { attempts: 1, statuses: [503] } },
        { name: 'no-retry', match: { paths: [{ prefix: '/nr' }] }, action: forward('mixed') },
        {
          name: 'timeout-retry',
          match: { paths: [{ prefix: '/tr' }] },
          action: forward('slow-or-good'),
          timeouts: { backendSeconds: 1 },
          retry: { attempts: 1 },
        },
        { name: 'post-retry', match: { paths: [{ prefix: '/pr' }] }, action: forward('mixed'), retry: { attempts: 1, statuses: [503] } },
      ],
      defaultAction: forward('mixed'),
    }),
  ],
  pools: httpPools(['slow', 'mixed', 'slow-or-good'], { algorithm: 'round-robin' }),
};

beforeAll(async () => {
  slow = await startBackend('slow');
  slow.delayMs = 1500;
  failing = await startBackend('failing', { handler: (_req, res) => res.writeHead(503, { 'X-Backend': 'failing' }).end('down') });
  good = await startBackend('good');
  lb = await startLb(spec, {
    bindings: { slow: [slow.address], mixed: [failing.address, good.address], 'slow-or-good': [slow.address, good.address] },
    timeScale: 0.1,
  });
});

afterAll(async () => {
  await lb.stop({ graceMs: 0 });
  await Promise.all([slow, failing, good].map((b) => b.close()));
});

const get = (path: string, method = 'GET') => request(`${lb.url('web')}${path}`, { method });

test('backend timeout: a member slower than backendSeconds gets 504', async () => {
  expect((await get('/bt')).status).toBe(504);
});

test('request timeout: a response not started within requestSeconds is a 504', async () => {
  expect((await get('/rt')).status).toBe(504);
});

/** Every one of `n` requests to `path` is answered 200 by the good member (the retry hid the others' failures). */
async function expectGoodEveryTime(path: string, n: number): Promise<void> {
  for (let i = 0; i < n; i++) {
    const res = await get(path);
    expect(res.status).toBe(200);
    expect(res.headers['x-backend']).toBe('good');
  }
}

test('a listed status is retried on another member: every request gets the good one', async () => {
  await expectGoodEveryTime('/sr', 6);
});

test('without a policy, a 503 from a member is passed on', async () => {
  const statuses = new Set<number>();
  for (let i = 0; i < 4; i++) statuses.add((await get('/nr')).status);
  expect([...statuses].sort()).toEqual([200, 503]);
});

test('a backend timeout is retried on another member under a retry policy', async () => {
  await expectGoodEveryTime('/tr', 4);
});

test('a non-idempotent request is not resent by default: the 503 is passed on', async () => {
  const statuses = new Set<number>();
  for (let i = 0; i < 4; i++) statuses.add((await get('/pr', 'POST')).status);
  expect(statuses.has(503)).toBe(true);
});
