/** L7 routing over real sockets: every condition kind exactly as SEMANTICS.md defines it, actions, headers. */
import { createServer, request as rawRequest } from 'node:http';
import type { LoadBalancerSpec } from '../../lib/spec/schema';
import { request } from '../../providers/local';
import { httpSpec, rawExchange, servePools, startLb, statusOf } from './support';

const POOLS = ['api', 'static', 'v2', 'login', 'items', 'canary', 'curl', 'version', 'debug', 'beta', 'preview', 'internal', 'fallback'];

const spec: LoadBalancerSpec = {
  name: 'routing',
  frontends: [
    {
      name: 'web',
      protocol: 'http',
      port: 80,
      rules: [
        { name: 'api', match: { hosts: ['api.example.com'] }, action: { forward: { pool: 'api' } } },
        { name: 'static', match: { hosts: ['*.example.com'], paths: [{ prefix: '/static' }] }, action: { forward: { pool: 'static' } } },
        { name: 'v2', match: { paths: [{ prefix: '/v2/' }] }, action: { forward: { pool: 'v2' } } },
        { name: 'login', match: { paths: [{ exact: '/login' }], methods: ['POST'] }, action: { forward: { pool: 'login' } } },
        { name: 'items', match: { paths: [{ regex: '/items/[0-9]+' }] }, action: { forward: { pool: 'items' } } },
        { name: 'canary', match: { headers: [{ name: 'X-Canary', exact: 'Yes' }] }, action: { forward: { pool: 'canary' } } },
        { name: 'curl', match: { headers: [{ name: 'user-agent', prefix: 'Curl/' }] }, action: { forward: { pool: 'curl' } } },
        { name: 'version', match: { headers: [{ name: 'X-Version', regex: 'v[0-9]+' }] }, action: { forward: { pool: 'version' } } },
        { name: 'debug', match: { headers: [{ name: 'X-Debug', present: true }] }, action: { forward: { pool: 'debug' } } },
        {
          name: 'beta',
          match: {
            query: [
              { name: 'Mode', exact: 'Beta' },
              { name: 'lang', present: true },
            ],
          },
          action: { forward: { pool: 'beta' } },
        },
        { name: 'preview', match: { query: [{ name: 'preview', present: true }] }, action: { forward: { pool: 'preview' } } },
        { name: 'internal', match: { sourceCidrs: ['127.0.0.64/26'] }, action: { forward: { pool: 'internal' } } },
        { name: 'old', match: { paths: [{ exact: '/old' }] }, action: { redirect: { path: '/new', query: '', statusCode: 302 } } },
        { name: 'moved', match: { paths: [{ exact: '/moved' }] }, action: { redirect: { host: 'www.example.org', scheme: 'https', port: 8443 } } },
        {
          name: 'teapot',
          match: { paths: [{ exact: '/teapot' }] },
          action: { fixedResponse: { statusCode: 418, contentType: 'application/json', body: '{"short":"stout"}' } },
        },
      ],
      defaultAction: { forward: { pool: 'fallback' } },
    },
  ],
  pools: POOLS.map((name) => ({ name, protocol: 'http' as const, port: 8080 })),
};

const served = servePools(spec, POOLS);
let base: string;

beforeAll(() => {
  base = served.lb.url('web');
});

type Case = [string, { path: string; method?: string; headers?: Record<string, string | string[]>; from?: string }, string];

const CASES: Case[] = [
  ['host is case-insensitive, port ignored', { path: '/', headers: { host: 'API.Example.COM:8080' } }, 'api'],
  ['host with a trailing dot', { path: '/', headers: { host: 'api.example.com.' } }, 'api'],
  ['the first matching rule wins', { path: '/static/a', headers: { host: 'api.example.com', 'x-canary': 'yes' } }, 'api'],
  ['wildcard host, one label', { path: '/static/app.css', headers: { host: 'www.example.com' } }, 'static'],
  ['wildcard host, several labels', { path: '/static', headers: { host: 'a.b.example.com' } }, 'static'],
  ['wildcard never matches the apex', { path: '/static/app.css', headers: { host: 'example.com' } }, 'fallback'],
  ['prefix matches whole segments only', { path: '/staticx', headers: { host: 'www.example.com' } }, 'fallback'],
  ["prefix '/v2/' matches '/v2'", { path: '/v2' }, 'v2'],
  ['prefix matches deeper paths', { path: '/v2/users/7?x=1' }, 'v2'],
  ['paths are case-sensitive', { path: '/V2/users' }, 'fallback'],
  ['paths are raw, not decoded', { path: '/v%32/users' }, 'fallback'],
  ['exact path and method', { path: '/login', method: 'POST' }, 'login'],
  ['method is part of the match', { path: '/login', method: 'GET' }, 'fallback'],
  ['exact path excludes the query', { path: '/login?next=/', method: 'POST' }, 'login'],
  ['regex matches the whole path', { path: '/items/42' }, 'items'],
  ['regex does not match a longer path', { path: '/items/42/reviews' }, 'fallback'],
  ['header exact ignores case', { path: '/', headers: { 'x-canary': 'YES' } }, 'canary'],
  ['header exact is whole value', { path: '/', headers: { 'x-canary': 'yess' } }, 'fallback'],
  ['any occurrence of a header may match', { path: '/', headers: { 'x-canary': ['no', 'yes'] } }, 'canary'],
  ['header prefix ignores case', { path: '/', headers: { 'user-agent': 'curl/8.5.0' } }, 'curl'],
  ['header regex matches the whole value', { path: '/', headers: { 'x-version': 'v12' } }, 'version'],
  ['header regex is case-sensitive', { path: '/', headers: { 'x-version': 'V12' } }, 'fallback'],
  ['header regex does not match a longer value', { path: '/', headers: { 'x-version': 'v12-beta' } }, 'fallback'],
  ['header present, empty value', { path: '/', headers: { 'x-debug': '' } }, 'debug'],
  ['query: every entry must hold', { path: '/?mode=beta' }, 'fallback'],
  ['query names and values ignore case', { path: '/?MODE=BETA&Lang' }, 'beta'],
  ['query values are percent-decoded', { path: '/?mode=be%74a&lang=en' }, 'beta'],
  ['query present with empty value', { path: '/?preview=' }, 'preview'],
  ['query present without =', { path: '/?a=1&preview' }, 'preview'],
  ['source address in range', { path: '/', from: '127.0.0.70' }, 'internal'],
  ['source address out of range', { path: '/', from: '127.0.0.1' }, 'fallback'],
  ['X-Forwarded-For is not the source', { path: '/', headers: { 'x-forwarded-for': '127.0.0.70' } }, 'fallback'],
];

describe('rules route exactly per the semantics', () => {
  test.each(CASES)('%s', async (_name, req, pool) => {
    const res = await request(`${base}${req.path}`, { method: req.method, headers: req.headers, localAddress: req.from });
    expect(res.status).toBe(200);
    expect(res.headers['x-backend']).toBe(pool);
  });
});

describe('actions', () => {
  test('redirect keeps what it does not set and removes the query when asked', async () => {
    const res = await request(`${base}/old?x=1`, { headers: { host: 'Shop.Example.com' } });
    expect(res.status).toBe(302);
    expect(res.headers.location).toBe(`http://shop.example.com:${served.lb.address('web').port}/new`);
  });

  test('redirect with scheme, host and port', async () => {
    const res = await request(`${base}/moved?q=2`);
    expect(res.status).toBe(301);
    expect(res.headers.location).toBe('https://www.example.org:8443/moved?q=2');
  });

  test('fixed response', async () => {
    const res = await request(`${base}/teapot`);
    expect(res.status).toBe(418);
    expect(res.headers['content-type']).toBe('application/json');
    expect(res.body).toBe('{"short":"stout"}');
  });
});

describe('forwarding', () => {
  test('X-Forwarded-For is appended, -Proto and -Port replaced; hop-by-hop headers dropped', async () => {
    const res = await request(`${base}/`, {
      headers: {
        'x-forwarded-for': '10.0.0.1',
        'x-forwarded-proto': 'https',
        'x-forwarded-port': '1',
        connection: 'x-secret',
        'x-secret': 'hop',
        te: 'trailers',
      },
    });
    const seen = JSON.parse(res.body).headers as Record<string, string>;
    expect(seen['x-forwarded-for']).toBe('10.0.0.1, 127.0.0.1');
    expect(seen['x-forwarded-proto']).toBe('http');
    expect(seen['x-forwarded-port']).toBe(String(served.lb.address('web').port));
    expect(seen['x-secret']).toBeUndefined();
    expect(seen.te).toBeUndefined();
  });

  test('an absolute-form target routes and forwards by its authority, not Host', async () => {
    const raw = await rawExchange(served.lb.address('web').port, 'GET http://api.example.com/x?y=1 HTTP/1.1\r\nHost: other.test\r\nConnection: close\r\n\r\n');
    expect(statusOf(raw.text)).toBe(200);
    expect(raw.text).toContain('X-Backend: api');
    const got = served.backends[POOLS.indexOf('api')].requests.at(-1)!;
    expect(got.url).toBe('/x?y=1');
    expect(got.headers.host).toBe('api.example.com');
  });

  test('client keep-alive: several requests on one connection', async () => {
    const one = 'GET /a HTTP/1.1\r\nHost: x\r\n\r\n';
    const raw = await rawExchange(served.lb.address('web').port, [one, one, 'GET /c HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n'], { gapMs: 30 });
    expect(raw.text.match(/HTTP\/1\.1 200 OK/g)).toHaveLength(3);
    expect(raw.closed).toBe(true);
  });

  test('connections to members are pooled and kept alive', async () => {
    const fallback = served.backends[POOLS.indexOf('fallback')];
    const before = fallback.connections;
    for (let i = 0; i < 30; i++) expect((await request(`${base}/pooled`)).status).toBe(200);
    expect(fallback.connections - before).toBeLessThanOrEqual(1);
  });

  test('request and response bodies stream (neither side is buffered whole)', async () => {
    // The member answers the first body chunk before the client sends the second; the client sends the
    // second only after reading that answer. Buffering either way would deadlock (and time out).
    const member = createServer((req, res) => {
      res.writeHead(200, { 'Content-Type': 'text/plain' });
      req.once('data', (chunk: Buffer) => res.write(`got ${chunk.toString()};`));
      req.on('end', () => res.end('end'));
    });
    await new Promise<void>((r) => member.listen(0, '127.0.0.1', r));
    const port = (member.address() as { port: number }).port;
    const streamLb = await startLb(httpSpec(), { bindings: { app: [`127.0.0.1:${port}`] } });
    try {
      const text = await new Promise<string>((resolve, reject) => {
        const req = rawRequest(
          { host: '127.0.0.1', port: streamLb.address('web').port, method: 'POST', path: '/', headers: { 'Transfer-Encoding': 'chunked' } },
          (res) => {
            let body = '';
            res.on('data', (d: Buffer) => {
              body += d.toString();
              if (body.startsWith('got one;') && !req.writableEnded) req.end('two');
            });
            res.on('end', () => resolve(body));
          },
        );
        req.on('error', reject);
        req.write('one');
      });
      expect(text).toBe('got one;end');
    } finally {
      await streamLb.stop({ graceMs: 0 });
      await new Promise((r) => member.close(r));
    }
  });

  test('a 4 MB body passes both ways intact', async () => {
    const body = Buffer.alloc(4 * 1024 * 1024, 'abcdefghij').toString();
    const res = await request(`${base}/upload`, { method: 'PUT', body });
    expect(res.status).toBe(200);
    expect(JSON.parse(res.body).body).toBe(body);
  });
});

describe('upgrades', () => {
  test('a WebSocket upgrade is passed on and the connection becomes a tunnel', async () => {
    const raw = await rawExchange(
      served.lb.address('web').port,
      ['GET /ws HTTP/1.1\r\nHost: x\r\nConnection: Upgrade\r\nUpgrade: websocket\r\n\r\n', 'ping-1', 'ping-2'],
      { gapMs: 50, waitMs: 400 },
    );
    expect(statusOf(raw.text)).toBe(101);
    expect(raw.text).toContain('X-Backend: fallback');
    expect(raw.text.endsWith('ping-1ping-2')).toBe(true);
  });

  test('an upgrade to another protocol (h2c) is not offered to the member: a plain answer, then close', async () => {
    const fallback = served.backends[POOLS.indexOf('fallback')];
    const raw = await rawExchange(
      served.lb.address('web').port,
      'GET /h2 HTTP/1.1\r\nHost: x\r\nConnection: Upgrade, HTTP2-Settings\r\nUpgrade: h2c\r\nHTTP2-Settings: AAMAAABkAAQCAAAAAAIAAAAA\r\n\r\n',
    );
    expect(statusOf(raw.text)).toBe(200);
    expect(raw.closed).toBe(true);
    const got = fallback.requests.at(-1)!;
    expect(got.url).toBe('/h2');
    expect(got.headers.upgrade).toBeUndefined();
    expect(got.headers['http2-settings']).toBeUndefined();
  });

  test('an upgrade that routes to a fixed response gets it and the connection closes', async () => {
    const raw = await rawExchange(served.lb.address('web').port, 'GET /teapot HTTP/1.1\r\nHost: x\r\nConnection: Upgrade\r\nUpgrade: websocket\r\n\r\n');
    expect(statusOf(raw.text)).toBe(418);
    expect(raw.closed).toBe(true);
  });

  test('an upgrade with a body is refused', async () => {
    const raw = await rawExchange(
      served.lb.address('web').port,
      'POST /ws HTTP/1.1\r\nHost: x\r\nConnection: Upgrade\r\nUpgrade: websocket\r\nContent-Length: 5\r\n\r\nhello',
    );
    expect(statusOf(raw.text)).toBe(400);
    expect(raw.closed).toBe(true);
  });
});
