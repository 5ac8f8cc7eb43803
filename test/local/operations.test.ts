/** Operations on the local proxy: protection's IP lists (403) and the spec's alarms evaluated over its own metrics. */
import type { AlarmSpec, LoadBalancerSpec, ProtectionSpec } from '../../lib/spec/schema';
import { request, startBackend, type LocalLoadBalancer, type TestBackend } from '../../providers/local';
import { percentile } from '../../providers/local/admin/alarms';
import { httpSpec, metricValue, nextEvent, startLb } from './support';

let backend: TestBackend;
/** What the backend answers (the handler reads it per request). */
let answer = 200;
/** How long the backend waits before answering, ms. */
let delay = 0;
beforeAll(async () => {
  backend = await startBackend('app', {
    handler: (_req, res) => {
      setTimeout(() => {
        res.statusCode = answer;
        res.end('x');
      }, delay);
    },
  });
});
afterAll(() => backend.close());
beforeEach(() => {
  answer = 200;
  delay = 0;
});

function spec(extra: { protection?: ProtectionSpec; alarms?: AlarmSpec[] }): LoadBalancerSpec {
  return httpSpec({}, extra as Partial<LoadBalancerSpec>);
}

/** How a test reaches the load balancer: one request (from a source address) resolving with its status. */
type Send = (from?: string) => Promise<number>;

async function withLb(
  s: LoadBalancerSpec,
  run: (lb: LocalLoadBalancer, send: Send) => Promise<void>,
  options: { timeScale?: number; healthChecks?: boolean; bind?: string } = {},
) {
  const lb = await startLb(s, {
    bindings: { app: [options.bind ?? backend.address] },
    timeScale: options.timeScale ?? 1,
    healthChecks: options.healthChecks ?? false,
  });
  try {
    await run(lb, async (from) => (await request(`${lb.url('web')}/`, { localAddress: from })).status);
  } finally {
    await lb.stop({ graceMs: 0 });
  }
}

describe('protection', () => {
  test('ipDeny: a client in the list gets 403, others are served', async () => {
    await withLb(spec({ protection: { ipDeny: ['127.0.0.2/32'] } }), async (lb, send) => {
      expect(await send('127.0.0.2')).toBe(403);
      expect(await send('127.0.0.1')).toBe(200);
      expect(metricValue(await lb.metrics(), 'lbkit_protection_blocked_total', { frontend: 'web', reason: 'ip-deny' })).toBe(1);
      expect(lb.status().frontends[0].protectionBlocked).toEqual({ 'ip-deny': 1 });
    });
  });

  test('ipAllow: only clients in the list are served; ipDeny is checked first', async () => {
    await withLb(spec({ protection: { ipAllow: ['127.0.0.0/30'], ipDeny: ['127.0.0.2/32'] } }), async (_lb, send) => {
      expect(await send('127.0.0.1')).toBe(200);
      expect(await send('127.0.0.2')).toBe(403);
      expect(await send('127.0.0.5')).toBe(403);
    });
  });

  test('protection on another frontend leaves this one open', async () => {
    const s = spec({ protection: { frontends: ['other'], ipDeny: ['127.0.0.0/8'] } });
    s.frontends.push({ name: 'other', protocol: 'http', port: 81, defaultAction: { forward: { pool: 'app' } } });
    await withLb(s, async (_lb, send) => {
      expect(await send('127.0.0.1')).toBe(200);
    });
  });
});

/**
 * Sends `requests` requests (from `from`), each of which must be answered `status`; resolves with the event of
 * the first alarm that goes to `state` meanwhile or after (within `timeoutMs`).
 */
async function sendUntil(
  lb: LocalLoadBalancer,
  send: Send,
  state: 'alarm' | 'ok',
  { requests, status, from, timeoutMs = 5000 }: { requests: number; status: number; from?: string; timeoutMs?: number },
) {
  const changed = nextEvent(lb, 'alarm', timeoutMs, (e) => e.state === state);
  for (let i = 0; i < requests; i++) expect(await send(from)).toBe(status);
  return changed;
}

describe('alarms', () => {
  test('nearest-rank percentile', () => {
    expect(percentile([5, 1, 4, 2, 3], 50)).toBe(3);
    expect(
      percentile(
        [...Array(100).keys()].map((i) => i + 1),
        99,
      ),
    ).toBe(99);
    expect(percentile([7], 99)).toBe(7);
  });

  test('a 5xx-ratio alarm fires after its periods breach, is reported on /status and /metrics, and clears', async () => {
    // timeScale 0.01: a 60 s period is 600 ms.
    const alarms: AlarmSpec[] = [{ name: 'errors', metric: '5xx-ratio', threshold: 0.5, evaluationPeriods: 1, notify: 'ops' }];
    await withLb(
      spec({ alarms }),
      async (lb, send) => {
        answer = 500;
        const e = await sendUntil(lb, send, 'alarm', { requests: 4, status: 500 });
        expect(e).toMatchObject({ alarm: 'errors', metric: '5xx-ratio', value: 1, threshold: 0.5, notify: 'ops' });
        expect(lb.status().alarms).toEqual([expect.objectContaining({ name: 'errors', state: 'alarm', value: 1 })]);
        expect(metricValue(await lb.metrics(), 'lbkit_alarm_firing', { alarm: 'errors' })).toBe(1);
        answer = 200;
        expect(await sendUntil(lb, send, 'ok', { requests: 4, status: 200 })).toMatchObject({ alarm: 'errors', state: 'ok' });
      },
      { timeScale: 0.01 },
    );
  });

  test('a latency alarm fires when the percentile of a period is above the threshold (ms)', async () => {
    const alarms: AlarmSpec[] = [{ name: 'slow', metric: 'latency', percentile: 90, threshold: 100, evaluationPeriods: 1 }];
    await withLb(
      spec({ alarms }),
      async (lb, send) => {
        delay = 150;
        expect((await sendUntil(lb, send, 'alarm', { requests: 3, status: 200, timeoutMs: 8000 })).value).toBeGreaterThanOrEqual(150);
      },
      { timeScale: 0.02 },
    );
  });

  test('a healthy-members alarm fires when the pool has no healthy member; unhealthy-members counts them', async () => {
    const alarms: AlarmSpec[] = [
      { name: 'no-healthy', metric: 'healthy-members', pool: 'app', threshold: 1, evaluationPeriods: 1 },
      { name: 'some-unhealthy', metric: 'unhealthy-members', pool: 'app', threshold: 0, evaluationPeriods: 2 },
    ];
    // A member on a port nobody listens on: active probes fail.
    const closed = await startBackend('gone');
    const address = closed.address;
    await closed.close();
    await withLb(
      spec({ alarms }),
      async (lb) => {
        const none = await nextEvent(lb, 'alarm', 8000, (e) => e.alarm === 'no-healthy' && e.state === 'alarm');
        expect(none.value).toBe(0);
        const some = await nextEvent(lb, 'alarm', 8000, (e) => e.alarm === 'some-unhealthy' && e.state === 'alarm');
        expect(some.value).toBe(1);
      },
      { timeScale: 0.01, healthChecks: true, bind: address },
    );
  });

  test('a rate-limited alarm counts requests refused by protection', async () => {
    const alarms: AlarmSpec[] = [{ name: 'refused', metric: 'rate-limited', threshold: 2, evaluationPeriods: 1 }];
    await withLb(
      spec({ alarms, protection: { ipDeny: ['127.0.0.2/32'] } }),
      async (lb, send) => {
        const firing = await sendUntil(lb, send, 'alarm', { requests: 3, status: 403, from: '127.0.0.2' });
        expect(firing.value).toBeGreaterThanOrEqual(3);
      },
      { timeScale: 0.01 },
    );
  });
});
