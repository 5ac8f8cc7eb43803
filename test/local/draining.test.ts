/** Draining and graceful stop over real sockets. */
import { request, startBackends, type TestBackend } from '../../providers/local';
import type { LocalLoadBalancer } from '../../providers/local';
import { httpSpec, nextEvent, sleep, startLb, tally, waitFor } from './support';

let backends: TestBackend[];
beforeEach(async () => {
  backends = await startBackends(['a', 'b']);
});
afterEach(async () => {
  await Promise.all(backends.map((b) => b.close()));
});

async function lbWith(drainingSeconds: number): Promise<LocalLoadBalancer> {
  return startLb(httpSpec({ drainingSeconds }), { bindings: { app: backends.map((b) => b.address) }, timeScale: 0.1 });
}

test('a drained member gets no new requests; its in-flight requests finish', async () => {
  const lb = await lbWith(30);
  try {
    backends[0].delayMs = 200;
    const inFlight = request(`${lb.url('web')}/slow`); // round robin: 'a'
    await waitFor(() => lb.members('app')[0].inFlight === 1);
    const drained = lb.drain('app', backends[0].address);
    expect(lb.members('app')[0]).toMatchObject({ draining: true, available: false });
    const during = await Promise.all([1, 2, 3, 4].map(async () => String((await request(`${lb.url('web')}/`)).headers['x-backend'])));
    expect(tally(during)).toEqual({ b: 4 });
    const slow = await inFlight;
    expect(slow.status).toBe(200);
    expect(slow.headers['x-backend']).toBe('a');
    expect(await drained).toEqual({ pool: 'app', member: backends[0].address, cut: 0 });
  } finally {
    await lb.stop({ graceMs: 0 });
  }
});

test('after drainingSeconds the connections still open are cut', async () => {
  const lb = await lbWith(1); // 100 ms at timeScale 0.1
  try {
    backends[0].delayMs = 3000;
    const inFlight = request(`${lb.url('web')}/stuck`).then(
      () => 'answered',
      (e: Error) => e.message,
    );
    await waitFor(() => lb.members('app')[0].inFlight === 1);
    const event = nextEvent(lb, 'member-drained');
    const started = Date.now();
    const result = await lb.drain('app', backends[0].address);
    expect(result.cut).toBe(1);
    expect(Date.now() - started).toBeGreaterThanOrEqual(90);
    expect(Date.now() - started).toBeLessThan(1000);
    expect(await event).toMatchObject({ type: 'member-drained', cut: 1 });
    expect(await inFlight).toMatch(/socket hang up|ECONNRESET/);
    await waitFor(() => lb.members('app')[0].inFlight === 0, 1000, 'the cut request to be released');
  } finally {
    await lb.stop({ graceMs: 0 });
  }
});

test('draining an idle member finishes at once', async () => {
  const lb = await lbWith(300);
  try {
    await request(`${lb.url('web')}/`);
    const started = Date.now();
    expect((await lb.drain('app', backends[1].address)).cut).toBe(0);
    expect(Date.now() - started).toBeLessThan(100);
  } finally {
    await lb.stop({ graceMs: 0 });
  }
});

test('stop() is graceful: no new connections, in-flight requests finish', async () => {
  const lb = await lbWith(30);
  backends[0].delayMs = 150;
  const url = lb.url('web');
  const inFlight = request(`${url}/slow`);
  await waitFor(() => lb.members('app')[0].inFlight === 1);
  const stopping = lb.stop();
  await sleep(10);
  await expect(request(`${url}/`)).rejects.toThrow(/ECONNREFUSED/);
  const res = await inFlight;
  expect(res.status).toBe(200);
  expect(res.headers.connection).toBe('close');
  await stopping;
});

test('drain and undrain name unknown pools and members clearly', async () => {
  const lb = await lbWith(1);
  try {
    await expect(lb.drain('nope', '127.0.0.1:1')).rejects.toMatchObject({ code: 'LBKIT_LOCAL_UNKNOWN', message: expect.stringContaining("no pool 'nope'") });
    expect(() => lb.undrain('app', '127.0.0.1:1')).toThrow(/pool 'app' has no member '127.0.0.1:1'; members: /);
  } finally {
    await lb.stop({ graceMs: 0 });
  }
});

test('a second stop() with graceMs 0 cuts a long graceful stop short', async () => {
  const lb = await lbWith(300); // 30 s of grace at timeScale 0.1
  backends[0].delayMs = 5000;
  const inFlight = request(`${lb.url('web')}/stuck`).then(
    () => 'answered',
    (e: Error) => e.message,
  );
  await waitFor(() => lb.members('app')[0].inFlight === 1);
  const started = Date.now();
  const graceful = lb.stop();
  await sleep(50);
  await lb.stop({ graceMs: 0 });
  await graceful;
  expect(Date.now() - started).toBeLessThan(1000);
  expect(await inFlight).toMatch(/socket hang up|ECONNRESET/);
});
