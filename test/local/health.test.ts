/** Active and passive health, fail-open/closed, and retries that hide a dead member. */
import { createServer as createHttpsServer } from 'node:https';
import { Agent } from 'node:http';
import { request, startBackend, startBackends } from '../../providers/local';
import { selfSignedCertificate } from '../../providers/local/tls/certificates';
import { httpSpec, nextEvent, sleep, startLb, tally, waitFor } from './support';

// 200 ms probe interval, 150 ms timeout at timeScale 0.05: generous, so a loaded CI machine does not turn
// a slow probe into a failed one and spoil the exact counts.
const TIME_SCALE = 0.05;
const healthCheck = { path: '/healthz', intervalSeconds: 4, timeoutSeconds: 3, unhealthyThreshold: 3, healthyThreshold: 2 };

async function setup(names: string[], pool: Parameters<typeof httpSpec>[0]) {
  const backends = await startBackends(names);
  const lb = await startLb(httpSpec(pool), { bindings: { app: backends.map((b) => b.address) }, timeScale: TIME_SCALE, healthChecks: true });
  const agent = new Agent({ keepAlive: true });
  const send = (method = 'GET') => request(`${lb.url('web')}/`, { agent, method });
  return {
    lb,
    backends,
    send,
    close: async () => {
      agent.destroy();
      await lb.stop({ graceMs: 0 });
      await Promise.all(backends.map((b) => b.close()));
    },
  };
}

describe('active health checks', () => {
  test('unhealthy after exactly unhealthyThreshold failed probes, healthy after exactly healthyThreshold', async () => {
    const s = await setup(['a', 'b'], { healthCheck });
    try {
      const [a] = s.backends;
      await waitFor(() => a.probes >= 2, 2000, 'two probes');
      expect(s.lb.members('app')[0].healthy).toBe(true);

      a.healthStatus = 500;
      a.probes = 0;
      const down = await nextEvent(s.lb, 'member-unhealthy');
      expect(a.probes).toBe(3);
      expect(down).toEqual({ type: 'member-unhealthy', pool: 'app', member: a.address, probes: 3, detail: 'status 500' });
      expect(s.lb.members('app')[0]).toMatchObject({ healthy: false, available: false });
      expect(tally(await Promise.all([1, 2, 3, 4].map(async () => String((await s.send()).headers['x-backend']))))).toEqual({ b: 4 });

      a.healthStatus = 200;
      a.probes = 0;
      const up = await nextEvent(s.lb, 'member-healthy');
      expect(a.probes).toBe(2);
      expect(up.probes).toBe(2);
      expect(s.lb.members('app')[0]).toMatchObject({ healthy: true, available: true });
    } finally {
      await s.close();
    }
  });

  test('a member that turns healthy again ramps up when the pool has slow start', async () => {
    const s = await setup(['a', 'b'], { healthCheck, slowStartSeconds: 100 }); // 5 s at this time scale
    try {
      const [a] = s.backends;
      a.healthStatus = 500;
      await nextEvent(s.lb, 'member-unhealthy');
      expect(s.lb.members('app')[0].slowStart).toBe(1);
      a.healthStatus = 200;
      await nextEvent(s.lb, 'member-healthy');
      expect(s.lb.members('app')[0].slowStart).toBeCloseTo(0.1, 1);
      expect(s.lb.members('app')[1].slowStart).toBe(1);
    } finally {
      await s.close();
    }
  });

  test('success codes are ranges and lists', async () => {
    const s = await setup(['a'], { healthCheck: { ...healthCheck, successCodes: '200-299,302' } });
    try {
      const [a] = s.backends;
      a.healthStatus = 302;
      a.probes = 0;
      await waitFor(() => a.probes >= 4, 3000, 'four probes');
      expect(s.lb.members('app')[0].healthy).toBe(true);
      a.healthStatus = 404;
      a.probes = 0;
      await nextEvent(s.lb, 'member-unhealthy');
      expect(a.probes).toBe(3);
    } finally {
      await s.close();
    }
  });

  test('tcp probes: a member that refuses connections goes unhealthy', async () => {
    const s = await setup(['a', 'b'], { healthCheck: { protocol: 'tcp', intervalSeconds: 4, timeoutSeconds: 3, unhealthyThreshold: 2 } });
    try {
      await s.backends[0].kill();
      const down = await nextEvent(s.lb, 'member-unhealthy');
      expect(down).toMatchObject({ member: s.backends[0].address, probes: 2, detail: 'ECONNREFUSED' });
    } finally {
      await s.close();
    }
  });

  test('https probes over TLS (member certificate not verified)', async () => {
    const pem = await selfSignedCertificate(['member.test']);
    let probes = 0;
    const member = createHttpsServer({ cert: pem.cert, key: pem.key }, (req, res) => {
      probes++;
      res.writeHead(req.url === '/ok' ? 200 : 503).end();
    });
    await new Promise<void>((r) => member.listen(0, '127.0.0.1', r));
    const address = `127.0.0.1:${(member.address() as { port: number }).port}`;
    const lb = await startLb(httpSpec({ protocol: 'https', healthCheck: { ...healthCheck, protocol: 'https', path: '/ok' } }), {
      bindings: { app: [address] },
      timeScale: TIME_SCALE,
      healthChecks: true,
    });
    try {
      await waitFor(() => probes >= 3, 3000, 'three probes');
      expect(lb.members('app')[0].healthy).toBe(true);
      expect((await request(`${lb.url('web')}/ok`)).status).toBe(200);
    } finally {
      await lb.stop({ graceMs: 0 });
      await new Promise((r) => member.close(r));
    }
  });

  test.each([
    ['fail-open', 200],
    ['fail-closed', 503],
  ] as const)('every member unhealthy, %s: status %i', async (whenAllUnhealthy, status) => {
    const s = await setup(['a', 'b'], { healthCheck, whenAllUnhealthy });
    try {
      for (const b of s.backends) b.healthStatus = 500;
      await nextEvent(s.lb, 'member-unhealthy');
      await nextEvent(s.lb, 'member-unhealthy');
      const res = await Promise.all([1, 2, 3, 4].map(() => s.send()));
      expect(res.map((r) => r.status)).toEqual([status, status, status, status]);
      if (status === 200) expect(tally(res.map((r) => String(r.headers['x-backend'])))).toEqual({ a: 2, b: 2 });
    } finally {
      await s.close();
    }
  });
});

describe('passive health (outlier ejection)', () => {
  test('consecutive failures eject a member for ejectionSeconds; then it is back', async () => {
    const backends = [await startBackend('bad', { handler: (_req, res) => res.writeHead(500, { 'X-Backend': 'bad' }).end() }), await startBackend('good')];
    const lb = await startLb(httpSpec({ passiveHealthCheck: { consecutiveFailures: 3, ejectionSeconds: 10, maxEjectedPercent: 50 } }), {
      bindings: { app: backends.map((b) => b.address) },
      timeScale: 0.03,
    });
    try {
      const ejected = nextEvent(lb, 'member-ejected');
      const seen: string[] = [];
      for (let i = 0; i < 10; i++) seen.push(String((await request(`${lb.url('web')}/`)).headers['x-backend']));
      // Round robin: bad, good, bad, good, bad (3rd consecutive failure: ejected), then only good.
      expect(seen).toEqual(['bad', 'good', 'bad', 'good', 'bad', 'good', 'good', 'good', 'good', 'good']);
      expect(await ejected).toMatchObject({ member: backends[0].address, failures: 3 });
      expect(lb.members('app')[0]).toMatchObject({ ejected: true, available: false, ejections: 1 });
      await nextEvent(lb, 'member-restored', 2000);
      expect(lb.members('app')[0]).toMatchObject({ ejected: false, available: true });
      expect(String((await request(`${lb.url('web')}/`)).headers['x-backend'])).toBe('bad');
    } finally {
      await lb.stop({ graceMs: 0 });
      await Promise.all(backends.map((b) => b.close()));
    }
  });

  test('maxEjectedPercent caps ejections: with 50% of two failing members, one stays in', async () => {
    const fail500 = { handler: (_req: unknown, res: import('node:http').ServerResponse) => res.writeHead(500).end() };
    const backends = [await startBackend('x', fail500), await startBackend('y', fail500)];
    const lb = await startLb(httpSpec({ passiveHealthCheck: { consecutiveFailures: 2, ejectionSeconds: 60, maxEjectedPercent: 50 } }), {
      bindings: { app: backends.map((b) => b.address) },
    });
    try {
      for (let i = 0; i < 12; i++) expect((await request(`${lb.url('web')}/`)).status).toBe(500);
      const members = lb.members('app');
      expect(members.filter((m) => m.ejected)).toHaveLength(1);
      expect(members.reduce((n, m) => n + m.ejections, 0)).toBe(1);
    } finally {
      await lb.stop({ graceMs: 0 });
      await Promise.all(backends.map((b) => b.close()));
    }
  });
});

describe('a dead member costs no failed request', () => {
  test('killing a member under concurrent load: zero failed idempotent requests, and later POSTs are retried', async () => {
    const s = await setup(['a', 'b', 'c'], { healthCheck });
    try {
      let done = 0;
      const failures: string[] = [];
      const killed = (async () => {
        while (done < 100) await sleep(2);
        await s.backends[1].kill(); // requests in flight on it are cut mid-way
      })();
      await Promise.all(
        Array.from({ length: 6 }, async () => {
          const agent = new Agent({ keepAlive: true, maxSockets: 1 });
          for (let i = 0; i < 60; i++) {
            const res = await request(`${s.lb.url('web')}/`, { agent }).catch((e: Error) => ({ status: 0, body: e.message }));
            if (res.status !== 200) failures.push(`${res.status} ${res.body.slice(0, 80)}`);
            done++;
          }
          agent.destroy();
        }),
      );
      await killed;
      expect(done).toBe(360);
      expect(failures).toEqual([]);
      expect(s.lb.members('app')[1].failures).toBeGreaterThan(0);
      // A POST is never resent once it may have reached a member; one whose connection is refused is.
      for (let i = 0; i < 9; i++) {
        const res = await request(`${s.lb.url('web')}/`, { method: 'POST', body: `n=${i}` });
        expect(res.status).toBe(200);
      }
    } finally {
      await s.close();
    }
  });

  test('a refused connection is retried on another member, even for POST', async () => {
    const backends = await startBackends(['a', 'b']);
    await backends[0].kill();
    const lb = await startLb(httpSpec(), { bindings: { app: backends.map((b) => b.address) } });
    try {
      for (let i = 0; i < 4; i++) {
        const res = await request(`${lb.url('web')}/`, { method: 'POST', body: `n=${i}` });
        expect(res.status).toBe(200);
        expect(JSON.parse(res.body)).toMatchObject({ backend: 'b', body: `n=${i}` });
      }
    } finally {
      await lb.stop({ graceMs: 0 });
      await backends[1].close();
    }
  });
});
