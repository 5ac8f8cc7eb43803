/**
 * Hostile clients (issue 15's probes), each bounded in bytes and time, on loopback: a pipelining client that
 * never reads, request bodies malformed anywhere, cut short or trickling. The proxy must stay bounded: it
 * stops reading from a client it cannot write to, answers a bad body before it closes, and never lets a
 * member receive a complete request from a bad body (nor anything after the fault).
 */
import { connect, createServer, type Server, type Socket } from 'node:net';
import { startBackend, type LocalEvent, type LocalLoadBalancer, type TestBackend } from '../../providers/local';
import { httpSpec, metricValue, rawExchange, sleep, startLb, statusOf, waitFor, webFrontend } from './support';

const BODY = 'x'.repeat(16 * 1024);

/** One frontend and its pool; an idle timeout of 60 s (a minute unless a test scales time down). */
const spec = httpSpec({}, { name: 'hostile', frontends: [webFrontend({ idleTimeoutSeconds: 60 })] });

/** Waits until `count()` has not changed for `quietMs` (at most `limitMs`); returns the last value. */
async function settled(count: () => number, quietMs = 500, limitMs = 15_000): Promise<number> {
  const end = Date.now() + limitMs;
  let last = count();
  let since = Date.now();
  while (Date.now() < end) {
    await sleep(50);
    const now = count();
    if (now !== last) {
      last = now;
      since = Date.now();
    } else if (Date.now() - since >= quietMs) break;
  }
  return last;
}

describe('a pipelining client that never reads', () => {
  let app: TestBackend;
  beforeAll(async () => {
    // 16 KiB answers: each arrives from the member in one read, so only the client's reading can hold it back.
    app = await startBackend('app', { handler: (_req, res) => res.writeHead(200, { 'Content-Length': String(BODY.length) }).end(BODY) });
  });
  afterAll(() => app.close());

  test('the proxy stops reading its requests once it cannot write their responses; they are all answered when it reads', async () => {
    const lb = await startLb(spec, { bindings: { app: [app.address] } });
    const N = 3000;
    const socket: Socket = connect(lb.address('web').port, '127.0.0.1');
    try {
      await new Promise<void>((resolve) => socket.once('connect', () => resolve()));
      socket.pause();
      socket.write('GET / HTTP/1.1\r\nHost: example.com\r\n\r\n'.repeat(N));
      // What the kernel buffers on both sides (a few MiB on loopback) is all that is answered: without
      // backpressure the proxy answered all 3000 (48 MiB) into its own memory.
      const answered = await settled(() => app.requests.length);
      expect(answered).toBeLessThan(N / 2);

      // Reading resumes the proxy: every request is answered, in order, none lost.
      let responses = 0;
      let tail = '';
      const all = new Promise<void>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`only ${responses} responses`)), 20_000);
        socket.on('data', (d: Buffer) => {
          const text = tail + d.toString('latin1');
          responses += text.split('HTTP/1.1 200 OK\r\n').length - 1;
          tail = text.slice(-20);
          if (responses === N) {
            clearTimeout(timer);
            resolve();
          }
        });
      });
      socket.resume();
      await all;
      expect(app.requests.length).toBe(N);
    } finally {
      socket.destroy();
      await lb.stop({ graceMs: 0 });
      app.take();
    }
  });

  test('a client that takes nothing is disconnected after the idle timeout (send timeout)', async () => {
    const lb = await startLb(spec, { bindings: { app: [app.address] }, timeScale: 0.01 }); // idle 600 ms
    const socket: Socket = connect(lb.address('web').port, '127.0.0.1');
    try {
      socket.on('error', () => undefined);
      await new Promise<void>((resolve) => socket.once('connect', () => resolve()));
      socket.pause();
      socket.write('GET / HTTP/1.1\r\nHost: example.com\r\n\r\n'.repeat(3000));
      await settled(() => app.requests.length, 300);
      expect(lb.status().frontends[0].activeConnections).toBe(1);
      // The paused client would not notice the close: the proxy's own count says it.
      await waitFor(() => lb.status().frontends[0].activeConnections === 0, 5000, 'the proxy to close the connection');
      expect(app.requests.length).toBeLessThan(3000);
    } finally {
      socket.destroy();
      await lb.stop({ graceMs: 0 });
      app.take();
    }
  });
});

/** A member that records every byte it receives and never answers (the response cannot have started). */
interface RawMember {
  readonly server: Server;
  readonly connections: Array<{ data: string; closed: boolean; socket: Socket }>;
  readonly address: string;
}

async function rawMember(): Promise<RawMember> {
  const connections: RawMember['connections'] = [];
  const server = createServer((s) => {
    const c = { data: '', closed: false, socket: s };
    connections.push(c);
    s.on('data', (d) => (c.data += d.toString('latin1')));
    s.on('close', () => (c.closed = true));
    s.on('error', () => undefined);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  return { server, connections, address: `127.0.0.1:${(server.address() as { port: number }).port}` };
}

describe('request bodies: a fault anywhere is answered, the member exchange is cut, nothing past the fault is forwarded', () => {
  let member: RawMember;
  let lb: LocalLoadBalancer;
  const events: LocalEvent[] = [];
  beforeAll(async () => {
    member = await rawMember();
    // The body-rate window is the header timeout: 1 s, so at least 240 bytes a second.
    lb = await startLb(spec, { bindings: { app: [member.address] }, headersTimeoutMs: 1000 });
    lb.on('event', (e) => events.push(e));
  });
  afterAll(async () => {
    await lb.stop({ graceMs: 0 });
    for (const c of member.connections) c.socket.destroy();
    await new Promise((r) => member.server.close(r));
  });

  const HEAD = 'POST /upload HTTP/1.1\r\nHost: example.com\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n';
  /** `moreIsValid`: the chunk 'more' comes before the fault, so the member may get it; otherwise it is past the fault. */
  type Case = [name: string, status: number, reason: string, fault: string, end: boolean, moreIsValid: boolean];
  const CASES: Case[] = [
    ['an invalid chunk size', 400, 'body-framing', 'zz\r\nmore\r\n0\r\n\r\n', false, false],
    ['a chunk size with trailing junk', 400, 'body-framing', '4 junk\r\nmore\r\n0\r\n\r\n', false, false],
    ['a chunk longer than its size', 400, 'body-framing', '2\r\nmore\r\n0\r\n\r\n', false, false],
    ['a bare LF after a chunk size', 400, 'body-framing', '4\nmore\r\n0\r\n\r\n', false, false],
    ['an oversized chunk extension', 413, 'framing-too-large', `4;ext=${'e'.repeat(5000)}\r\nmore\r\n0\r\n\r\n`, false, false],
    ['a malformed trailer after the last chunk', 400, 'body-framing', '4\r\nmore\r\n0\r\nbad trailer\r\n\r\n', false, true],
    ['the end of stream before the last chunk', 400, 'body-incomplete', '4\r\nmore\r\n', true, true],
  ];

  test.each(CASES)('%s -> %i (%s)', async (_name, status, reason, fault, end, moreIsValid) => {
    const before = member.connections.length;
    const res = await rawExchange(lb.address('web').port, [HEAD, fault], { gapMs: 150, end, waitMs: 3000 });
    expect(statusOf(res.text)).toBe(status);
    expect(res.text).toMatch(/\r\nConnection: close\r\n/i);
    expect(res.closed).toBe(true);
    expect(events.at(-1)).toEqual({ type: 'bad-request', frontend: 'web', reason, status });
    // The member got the head and the good chunk, then its connection was cut: never the rest, never the last chunk.
    expect(member.connections.length).toBe(before + 1);
    const upstream = member.connections[before];
    await waitFor(() => upstream.closed, 2000, 'the member connection to be closed');
    expect(upstream.data).toContain('5\r\nhello\r\n');
    if (!moreIsValid) expect(upstream.data).not.toContain('more');
    expect(upstream.data).not.toMatch(/(^|\r\n)0\r\n\r\n$/);
  });

  test('a Content-Length body cut short by the end of stream -> 400 (body-incomplete), the member connection cut', async () => {
    const before = member.connections.length;
    const res = await rawExchange(lb.address('web').port, ['POST /upload HTTP/1.1\r\nHost: example.com\r\nContent-Length: 100\r\n\r\nhello', ''], {
      gapMs: 150,
      end: true,
    });
    expect(statusOf(res.text)).toBe(400);
    expect(res.closed).toBe(true);
    expect(events.at(-1)).toEqual({ type: 'bad-request', frontend: 'web', reason: 'body-incomplete', status: 400 });
    await waitFor(() => member.connections[before]?.closed === true, 2000, 'the member connection to be closed');
  });

  test('a body that trickles in (one byte every 50 ms, below 240 B/s) -> 408 (body-timeout), the member connection freed', async () => {
    const before = member.connections.length;
    const trickle = Array.from({ length: 100 }, () => 'x');
    const res = await rawExchange(lb.address('web').port, ['POST /upload HTTP/1.1\r\nHost: example.com\r\nContent-Length: 100\r\n\r\n', ...trickle], {
      gapMs: 50,
      waitMs: 6000,
    });
    expect(statusOf(res.text)).toBe(408);
    expect(res.closed).toBe(true);
    // Well before the 5 s the whole trickle would take: after the first 1 s window.
    expect(res.elapsedMs).toBeLessThan(4000);
    expect(events.at(-1)).toEqual({ type: 'bad-request', frontend: 'web', reason: 'body-timeout', status: 408 });
    await waitFor(() => member.connections[before]?.closed === true, 2000, 'the member connection to be closed');
  });

  test('a slow body above the minimum rate is not cut (50 bytes every 50 ms for two windows)', async () => {
    const before = member.connections.length;
    const parts = Array.from({ length: 40 }, () => 'y'.repeat(50));
    const res = await rawExchange(lb.address('web').port, ['POST /upload HTTP/1.1\r\nHost: example.com\r\nContent-Length: 2000\r\n\r\n', ...parts], {
      gapMs: 50,
      waitMs: 2600,
    });
    // The member never answers: the client is still waiting, nothing refused it.
    expect(res.closed).toBe(false);
    expect(res.text).toBe('');
    await waitFor(() => (member.connections[before]?.data.match(/y/g) ?? []).length === 2000, 2000, 'the whole body at the member');
  });
});

test('client connections per frontend are bounded (maxConnections): one more is closed at once, the others serve', async () => {
  const app = await startBackend('app');
  const lb = await startLb(
    {
      name: 'conns',
      frontends: [{ name: 'web', protocol: 'http', port: 80, defaultAction: { forward: { pool: 'app' } } }],
      pools: [{ name: 'app', protocol: 'http', port: 8080 }],
    },
    { bindings: { app: [app.address] }, maxConnections: 2 },
  );
  const open: Socket[] = [];
  try {
    for (let i = 0; i < 2; i++) {
      const s = connect(lb.address('web').port, '127.0.0.1');
      open.push(s);
      await new Promise<void>((resolve) => s.once('connect', () => resolve()));
    }
    await waitFor(() => lb.status().frontends[0].activeConnections === 2, 2000, 'two connections');
    const third = await rawExchange(lb.address('web').port, 'GET / HTTP/1.1\r\nHost: example.com\r\n\r\n', { waitMs: 2000 });
    expect(third.closed).toBe(true);
    expect(third.text).toBe('');
    expect(metricValue(await lb.metrics(), 'lbkit_dropped_connections_total', { frontend: 'web' })).toBe(1);
    const answered = new Promise<string>((resolve) => {
      let text = '';
      open[0].on('data', (d) => {
        text += d.toString('latin1');
        if (text.includes('\r\n\r\n')) resolve(text);
      });
    });
    open[0].write('GET / HTTP/1.1\r\nHost: example.com\r\n\r\n');
    expect(statusOf(await answered)).toBe(200);
  } finally {
    for (const s of open) s.destroy();
    await lb.stop({ graceMs: 0 });
    await app.close();
  }
});
