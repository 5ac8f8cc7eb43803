/**
 * The proxy's own HTTP/1.1 server side (providers/local/http/server/) over real loopback sockets, with exact
 * bytes: pipelining in order, Expect, HTTP/1.0 persistence and close-delimited bodies, chunked responses,
 * HEAD, a client that half-closes after its request, an unread request body, and idle keep-alive connections.
 */
import type { LoadBalancerSpec } from '../../lib/spec/schema';
import { startBackend, type LocalLoadBalancer, type TestBackend } from '../../providers/local';
import { forward, httpPools, rawExchange, startLb, statusOf, webFrontend } from './support';

const spec: LoadBalancerSpec = {
  name: 'server',
  frontends: [
    webFrontend({
      idleTimeoutSeconds: 1,
      rules: [
        { name: 'fixed', match: { paths: [{ prefix: '/fixed' }] }, action: { fixedResponse: { statusCode: 200, body: 'fixed', contentType: 'text/plain' } } },
        { name: 'stream', match: { paths: [{ prefix: '/stream' }] }, action: forward('stream') },
      ],
    }),
  ],
  pools: httpPools(['app', 'stream']),
};

let lb: LocalLoadBalancer;
let app: TestBackend;
let stream: TestBackend;
let port: number;

beforeAll(async () => {
  app = await startBackend('app', { handler: (req, res) => res.writeHead(200, { 'Content-Length': String(req.url!.length) }).end(req.url) });
  // No Content-Length: Node's server sends the body chunked to the proxy.
  stream = await startBackend('stream', {
    handler: (_req, res) => {
      res.write('ab');
      res.end('cd');
    },
  });
  lb = await startLb(spec, { bindings: { app: [app.address], stream: [stream.address] }, timeScale: 0.3 }); // idle 300 ms
  port = lb.address('web').port;
});

afterAll(async () => {
  await lb.stop({ graceMs: 0 });
  await Promise.all([app.close(), stream.close()]);
});

const H = 'Host: example.com\r\n';

/** Each response of a raw answer: status, lower-case header map, body (Content-Length or chunked, decoded). */
function responses(text: string): Array<{ status: number; headers: Record<string, string>; body: string }> {
  const out = [];
  let rest = text;
  while (rest.length) {
    const end = rest.indexOf('\r\n\r\n');
    if (end < 0) break;
    const [line, ...fields] = rest.slice(0, end).split('\r\n');
    const headers = Object.fromEntries(fields.map((f) => [f.slice(0, f.indexOf(':')).toLowerCase(), f.slice(f.indexOf(':') + 1).trim()]));
    rest = rest.slice(end + 4);
    let body = '';
    if (headers['content-length'] !== undefined) {
      body = rest.slice(0, Number(headers['content-length']));
      rest = rest.slice(body.length);
    } else if (headers['transfer-encoding'] === 'chunked') {
      for (;;) {
        const eol = rest.indexOf('\r\n');
        const size = parseInt(rest.slice(0, eol), 16);
        rest = rest.slice(eol + 2);
        if (size === 0) {
          rest = rest.slice(2);
          break;
        }
        body += rest.slice(0, size);
        rest = rest.slice(size + 2);
      }
    } else if (!line.includes(' 100 ')) {
      body = rest;
      rest = '';
    }
    out.push({ status: Number(line.split(' ')[1]), headers, body });
  }
  return out;
}

test('pipelined requests are answered in order, each exactly once, on one connection', async () => {
  const res = await rawExchange(
    port,
    `GET /1 HTTP/1.1\r\n${H}\r\nGET /fixed HTTP/1.1\r\n${H}\r\nGET /333 HTTP/1.1\r\n${H}\r\nGET /4444 HTTP/1.1\r\n${H}Connection: close\r\n\r\n`,
  );
  expect(responses(res.text).map((r) => [r.status, r.body])).toEqual([
    [200, '/1'],
    [200, 'fixed'],
    [200, '/333'],
    [200, '/4444'],
  ]);
  expect(res.closed).toBe(true);
});

test('a pipelined request split across writes and mid-line waits for the response before it', async () => {
  const res = await rawExchange(port, [`GET /a HTTP/1.1\r\n${H}\r\nGET /b`, ` HTTP/1.1\r\n${H}Connection: close\r\n\r\n`], { gapMs: 30 });
  expect(responses(res.text).map((r) => r.body)).toEqual(['/a', '/b']);
});

test("Expect: 100-continue gets an interim 100, then the member's answer; the body reaches the member", async () => {
  app.take();
  const res = await rawExchange(port, `POST /up HTTP/1.1\r\n${H}Expect: 100-continue\r\nContent-Length: 3\r\nConnection: close\r\n\r\nabc`);
  expect(res.text.startsWith('HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 200 OK\r\n')).toBe(true);
  const [received] = app.take();
  expect([received.body, received.headers.expect]).toEqual(['abc', undefined]);
});

test('another expectation is 417 and never reaches a member; the connection goes on', async () => {
  app.take();
  const res = await rawExchange(
    port,
    `POST /up HTTP/1.1\r\n${H}Expect: magic\r\nContent-Length: 3\r\n\r\nabcGET /next HTTP/1.1\r\n${H}Connection: close\r\n\r\n`,
  );
  expect(responses(res.text).map((r) => [r.status, r.body])).toEqual([
    [417, ''],
    [200, '/next'],
  ]);
  expect(app.take().map((r) => r.url)).toEqual(['/next']);
});

test('HTTP/1.0: closed after the response unless the client asks for keep-alive', async () => {
  const closing = await rawExchange(port, 'GET /x HTTP/1.0\r\n\r\n');
  expect(closing.closed).toBe(true);
  expect(responses(closing.text)[0].headers.connection).toBe('close');
  const kept = await rawExchange(port, 'GET /y HTTP/1.0\r\nConnection: keep-alive\r\n\r\n', { waitMs: 100 });
  expect(kept.closed).toBe(false);
  expect(responses(kept.text)[0]).toMatchObject({ body: '/y', headers: { connection: 'keep-alive', 'keep-alive': 'timeout=0' } });
});

test('a body without a length is chunked to an HTTP/1.1 client and close-delimited to an HTTP/1.0 client', async () => {
  const v11 = await rawExchange(port, `GET /stream HTTP/1.1\r\n${H}Connection: close\r\n\r\n`);
  expect(responses(v11.text)[0]).toMatchObject({ status: 200, body: 'abcd', headers: { 'transfer-encoding': 'chunked' } });
  const v10 = await rawExchange(port, 'GET /stream HTTP/1.0\r\nConnection: keep-alive\r\n\r\n');
  const [r] = responses(v10.text);
  expect(r).toMatchObject({ status: 200, body: 'abcd', headers: { connection: 'close' } });
  expect(r.headers['transfer-encoding']).toBeUndefined();
  expect(v10.closed).toBe(true);
});

test('HEAD: the head with its Content-Length, no body, and the connection carries the next request', async () => {
  const res = await rawExchange(port, `HEAD /fixed HTTP/1.1\r\n${H}\r\nGET /after HTTP/1.1\r\n${H}Connection: close\r\n\r\n`);
  expect(res.text).toMatch(/^HTTP\/1\.1 200 OK\r\n[^]*Content-Length: 5\r\n[^]*\r\n\r\nHTTP\/1\.1 200 OK\r\n/);
  expect(responses(res.text.slice(res.text.indexOf('\r\n\r\n') + 4))[0].body).toBe('/after');
});

test('a client that half-closes after its request still gets the response, then the connection closes', async () => {
  const res = await rawExchange(port, `GET /half HTTP/1.1\r\n${H}\r\n`, { end: true });
  expect(responses(res.text).map((r) => r.body)).toEqual(['/half']);
  expect(res.closed).toBe(true);
});

test('a request body nobody reads (a local answer) is read and dropped: the next request is parsed right', async () => {
  const res = await rawExchange(
    port,
    [`POST /fixed HTTP/1.1\r\n${H}Content-Length: 10\r\n\r\n01234`, `56789GET /next HTTP/1.1\r\n${H}Connection: close\r\n\r\n`],
    { gapMs: 30 },
  );
  expect(responses(res.text).map((r) => [r.status, r.body])).toEqual([
    [200, 'fixed'],
    [200, '/next'],
  ]);
});

test('a chunked request body is forwarded re-chunked, whatever its extensions', async () => {
  app.take();
  const res = await rawExchange(port, `POST /c HTTP/1.1\r\n${H}Transfer-Encoding: chunked\r\nConnection: close\r\n\r\n3;x=1\r\nabc\r\n2\r\nde\r\n0\r\n\r\n`);
  expect(statusOf(res.text)).toBe(200);
  expect(app.take()[0].body).toBe('abcde');
});

test('every response has a Date; an idle keep-alive connection is closed silently after the idle timeout', async () => {
  const res = await rawExchange(port, `GET /idle HTTP/1.1\r\n${H}\r\n`, { waitMs: 3000 });
  const [r] = responses(res.text);
  expect(new Date(r.headers.date).getTime()).toBeGreaterThan(Date.now() - 60_000);
  expect(res.closed).toBe(true);
  expect(res.elapsedMs).toBeGreaterThanOrEqual(250);
  expect(res.elapsedMs).toBeLessThan(1500);
  expect(responses(res.text)).toHaveLength(1);
});
