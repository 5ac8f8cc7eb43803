/**
 * Bad input over raw sockets: each case is refused with its status, closes the connection, never reaches a
 * member, is counted by reason, and leaves the proxy serving. Plus 502, 503 and 504.
 */
import fc from 'fast-check';
import type { LoadBalancerSpec } from '../../lib/spec/schema';
import { request, startBackend, type LocalEvent, type LocalLoadBalancer, type TestBackend } from '../../providers/local';
import { forward, httpPools, metricValue, rawExchange, startLb, statusOf, webFrontend } from './support';

const spec: LoadBalancerSpec = {
  name: 'guard',
  frontends: [
    webFrontend({
      idleTimeoutSeconds: 1,
      rules: ['dead', 'slow', 'empty'].map((pool) => ({ name: pool, match: { paths: [{ prefix: `/${pool}` }] }, action: forward(pool) })),
    }),
  ],
  pools: httpPools(['app', 'dead', 'slow', 'empty']),
};

let lb: LocalLoadBalancer;
let app: TestBackend;
let slow: TestBackend;
let deadAddress: string;
const events: LocalEvent[] = [];

beforeAll(async () => {
  app = await startBackend('app');
  slow = await startBackend('slow');
  slow.delayMs = 2000;
  const dead = await startBackend('dead');
  deadAddress = dead.address;
  await dead.kill();
  lb = await startLb(spec, {
    bindings: { app: [app.address], dead: [deadAddress], slow: [slow.address], empty: [] },
    headersTimeoutMs: 300,
    maxHeaderBytes: 4096,
    timeScale: 0.2, // idle timeout 1 s -> 200 ms
  });
  lb.on('event', (e) => events.push(e));
});

afterAll(async () => {
  await lb.stop({ graceMs: 0 });
  await Promise.all([app.close(), slow.close()]);
});

const H = 'Host: example.com\r\n';
type Case = [name: string, status: number, reason: string, raw: string];

const CASES: Case[] = [
  ['header block over maxHeaderBytes', 431, 'header-too-large', `GET / HTTP/1.1\r\n${H}X-Big: ${'a'.repeat(5000)}\r\n\r\n`],
  ['garbage request line', 400, 'malformed', 'HELLO\r\n\r\n'],
  ['unknown method', 400, 'malformed', `FETCH / HTTP/1.1\r\n${H}\r\n`],
  ['lower-case method', 400, 'malformed', `get / HTTP/1.1\r\n${H}\r\n`],
  ['HTTP/2 preface on HTTP/1.1', 400, 'malformed', 'PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n'],
  ['unsupported HTTP version', 400, 'malformed', `GET / HTTP/1.2\r\n${H}\r\n`],
  ['bare LF line endings', 400, 'malformed', 'GET / HTTP/1.1\nHost: example.com\n\n'],
  ['obsolete line folding', 400, 'malformed', `GET / HTTP/1.1\r\n${H}X-A: b\r\n c\r\n\r\n`],
  ['space before the colon', 400, 'malformed', `GET / HTTP/1.1\r\nHost : example.com\r\n\r\n`],
  ['control character in a header value', 400, 'malformed', `GET / HTTP/1.1\r\n${H}X-A: a\u0001b\r\n\r\n`],
  ['space in the target', 400, 'malformed', `GET /a b HTTP/1.1\r\n${H}\r\n`],
  ['Transfer-Encoding with Content-Length', 400, 'smuggling', `POST / HTTP/1.1\r\n${H}Transfer-Encoding: chunked\r\nContent-Length: 5\r\n\r\n0\r\n\r\n`],
  ['two Content-Length headers, same value', 400, 'smuggling', `POST / HTTP/1.1\r\n${H}Content-Length: 1\r\nContent-Length: 1\r\n\r\nx`],
  ['two Content-Length headers, different values', 400, 'smuggling', `POST / HTTP/1.1\r\n${H}Content-Length: 1\r\nContent-Length: 2\r\n\r\nxx`],
  ['Content-Length as a list', 400, 'smuggling', `POST / HTTP/1.1\r\n${H}Content-Length: 1, 1\r\n\r\nx`],
  ['signed Content-Length', 400, 'smuggling', `POST / HTTP/1.1\r\n${H}Content-Length: +1\r\n\r\nx`],
  ['chunked not the final coding', 400, 'smuggling', `POST / HTTP/1.1\r\n${H}Transfer-Encoding: chunked, gzip\r\n\r\n0\r\n\r\n`],
  ['Transfer-Encoding without chunked', 400, 'smuggling', `POST / HTTP/1.1\r\n${H}Transfer-Encoding: gzip\r\n\r\nabc`],
  ['chunked twice', 400, 'smuggling', `POST / HTTP/1.1\r\n${H}Transfer-Encoding: chunked\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n`],
  ['Transfer-Encoding in HTTP/1.0', 400, 'smuggling', `POST / HTTP/1.0\r\n${H}Transfer-Encoding: chunked\r\n\r\n0\r\n\r\n`],
  ['a coding other than chunked', 501, 'unsupported-transfer-coding', `POST / HTTP/1.1\r\n${H}Transfer-Encoding: gzip, chunked\r\n\r\n0\r\n\r\n`],
  ['no Host in HTTP/1.1', 400, 'invalid-host', 'GET / HTTP/1.1\r\n\r\n'],
  ['two Host headers', 400, 'invalid-host', `GET / HTTP/1.1\r\n${H}Host: other.example\r\n\r\n`],
  ['Host with a space', 400, 'invalid-host', 'GET / HTTP/1.1\r\nHost: exa mple.com\r\n\r\n'],
  ['Host with a path', 400, 'invalid-host', 'GET / HTTP/1.1\r\nHost: example.com/admin\r\n\r\n'],
  ['Host with userinfo', 400, 'invalid-host', 'GET / HTTP/1.1\r\nHost: user@example.com\r\n\r\n'],
  ['absolute-form with another scheme', 400, 'invalid-target', `GET ftp://example.com/x HTTP/1.1\r\n${H}\r\n`],
  ['absolute-form with userinfo', 400, 'invalid-target', `GET http://user:pw@example.com/ HTTP/1.1\r\n${H}\r\n`],
  ['fragment in the target', 400, 'invalid-target', `GET /a#b HTTP/1.1\r\n${H}\r\n`],
  ['asterisk-form for GET', 400, 'invalid-target', `GET * HTTP/1.1\r\n${H}\r\n`],
  ['CONNECT to a reverse proxy', 501, 'connect-method', 'CONNECT example.com:443 HTTP/1.1\r\nHost: example.com:443\r\n\r\n'],
];

describe('bad input is refused, closes the connection and never reaches a member', () => {
  test.each(CASES)('%s -> %i (%s)', async (_name, status, reason, raw) => {
    const before = app.requests.length;
    const counted = metricValue(await lb.metrics(), 'lbkit_bad_requests_total', { frontend: 'web', reason });
    const res = await rawExchange(lb.address('web').port, raw);
    expect(statusOf(res.text)).toBe(status);
    expect(res.text).toMatch(/\r\nConnection: close\r\n/i);
    expect(res.closed).toBe(true);
    expect(app.requests.length).toBe(before);
    expect(metricValue(await lb.metrics(), 'lbkit_bad_requests_total', { frontend: 'web', reason })).toBe(counted + 1);
    expect(events.at(-1)).toEqual({ type: 'bad-request', frontend: 'web', reason, status });
  });

  test('a malformed chunk in a forwarded body cuts both connections; the member never gets a complete request', async () => {
    const before = app.requests.length;
    const res = await rawExchange(
      lb.address('web').port,
      [`POST /upload HTTP/1.1\r\n${H}Transfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n`, 'zz\r\nmore\r\n0\r\n\r\n'],
      { gapMs: 50 },
    );
    expect(res.closed).toBe(true);
    expect(statusOf(res.text)).toBe(400); // answered before the close (issue 15: it used to be only closed)
    await new Promise((r) => setTimeout(r, 50));
    expect(app.requests.length).toBe(before);
    expect(events.at(-1)).toEqual({ type: 'bad-request', frontend: 'web', reason: 'body-framing', status: 400 });
  });

  test('slowloris: headers not finished within the header timeout get 408 and a close', async () => {
    const res = await rawExchange(lb.address('web').port, ['GET / HTTP/1.1\r\n', 'Host: exa', 'mple.com\r\n'], { gapMs: 100, waitMs: 3000 });
    expect(statusOf(res.text)).toBe(408);
    expect(res.closed).toBe(true);
    expect(res.elapsedMs).toBeGreaterThanOrEqual(250);
    expect(res.elapsedMs).toBeLessThan(1500);
    expect(events.at(-1)).toMatchObject({ reason: 'header-timeout', status: 408 });
  });

  test('a connection that sends nothing is closed after the header timeout', async () => {
    const res = await rawExchange(lb.address('web').port, [], { waitMs: 3000 });
    expect(res.closed).toBe(true);
    expect(res.elapsedMs).toBeLessThan(1500);
  });

  test('after all of it the proxy still serves, and /status counts every refusal', async () => {
    expect((await request(`${lb.url('web')}/`)).status).toBe(200);
    const counts = lb.status().frontends[0].badRequests;
    const total = Object.values(counts).reduce((a, b) => a + b, 0);
    expect(total).toBe(CASES.length + 3);
    expect(counts['internal-error']).toBeUndefined();
  });
});

describe('fuzzed input', () => {
  const token = fc.constantFrom('GET', 'POST', 'PUT', 'HEAD', 'OPTIONS', 'CONNECT', 'get', 'G ET', '', 'PRI');
  const target = fc.oneof(
    fc.constantFrom('/', '*', '/a?b=c', 'http://x/y', '//x', '/%zz', 'x'),
    fc.string({ maxLength: 20 }).map((t) => `/${t}`),
  );
  const version = fc.constantFrom('HTTP/1.1', 'HTTP/1.0', 'HTTP/2.0', 'HTTP/1.1 x', 'http/1.1', '');
  const header = fc.oneof(
    fc.constantFrom(
      'Host: example.com',
      'Host:',
      'Host: a b',
      'Content-Length: 3',
      'Content-Length: -1',
      'Transfer-Encoding: chunked',
      'Transfer-Encoding: gzip',
      'Connection: close, host',
      'Upgrade: websocket',
      'Connection: upgrade',
      'Expect: 100-continue',
      ' folded',
    ),
    fc.tuple(fc.string({ maxLength: 12 }), fc.string({ maxLength: 30 })).map(([n, v]) => `${n}: ${v}`),
  );
  const structured = fc
    .tuple(token, target, version, fc.array(header, { maxLength: 6 }), fc.string({ maxLength: 20 }), fc.constantFrom('\r\n', '\n'))
    .map(([m, t, v, hs, body, eol]) => `${m} ${t} ${v}${eol}${hs.join(eol)}${eol}${eol}${body}`);
  const bytes = fc.uint8Array({ maxLength: 200 }).map((b) => Buffer.from(b).toString('latin1'));

  test('arbitrary input is answered or closed, never crashes the proxy, and normal requests still work', async () => {
    const internal: LocalEvent[] = [];
    const watch = (e: LocalEvent) => e.type === 'internal-error' && internal.push(e);
    lb.on('event', watch);
    try {
      await fc.assert(
        fc.asyncProperty(fc.oneof(structured, bytes), async (input) => {
          const res = await rawExchange(lb.address('web').port, input, { end: true, waitMs: 3000 });
          expect(res.closed).toBe(true);
          const status = statusOf(res.text);
          expect(status === 0 || (status >= 100 && status < 600)).toBe(true);
        }),
        { numRuns: 150, seed: 20261121 },
      );
      expect(internal).toEqual([]);
      expect((await request(`${lb.url('web')}/`)).status).toBe(200);
    } finally {
      lb.off('event', watch);
    }
  });
});

describe('member failures', () => {
  test('502 when the member refuses the connection', async () => {
    const res = await request(`${lb.url('web')}/dead`);
    expect(res.status).toBe(502);
    expect(lb.members('dead')[0].failures).toBeGreaterThan(0);
  });

  test("504 when the member sends nothing within the frontend's idle timeout", async () => {
    const started = Date.now();
    const res = await request(`${lb.url('web')}/slow`);
    expect(res.status).toBe(504);
    expect(Date.now() - started).toBeGreaterThanOrEqual(190);
    expect(Date.now() - started).toBeLessThan(1500);
  });

  test('503 when the pool has no member to take the request', async () => {
    const res = await request(`${lb.url('web')}/empty`);
    expect(res.status).toBe(503);
    expect(res.body).toContain("no member of pool 'empty'");
  });
});
