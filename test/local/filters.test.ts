/** Rule filters over real sockets: request and response header modifiers, URL rewrites, prefix redirects (SEMANTICS.md "Filters"). */
import type { LoadBalancerSpec } from '../../lib/spec/schema';
import { request } from '../../providers/local';
import { forward, httpPools, servePools, webFrontend } from './support';

const POOLS = ['headers', 'rewrite', 'fallback'];

const spec: LoadBalancerSpec = {
  name: 'filters',
  frontends: [
    webFrontend({
      rules: [
        {
          name: 'headers',
          match: { paths: [{ prefix: '/h' }] },
          action: forward('headers'),
          requestHeaders: { set: [{ name: 'X-Env', value: 'prod' }], add: [{ name: 'X-Tag', value: 'lb' }], remove: ['X-Secret'] },
          responseHeaders: { set: [{ name: 'Cache-Control', value: 'no-store' }], add: [{ name: 'X-Backend', value: 'via-lb' }], remove: ['Content-Type'] },
        },
        { name: 'prefix', match: { paths: [{ prefix: '/api/v1' }, { prefix: '/old' }] }, action: forward('rewrite'), rewrite: { path: { prefix: '/v2' } } },
        { name: 'strip', match: { paths: [{ prefix: '/strip' }] }, action: forward('rewrite'), rewrite: { path: { prefix: '/' } } },
        {
          name: 'full',
          match: { paths: [{ exact: '/legacy' }] },
          action: forward('rewrite'),
          rewrite: { path: { full: '/new/home' }, host: 'internal.example.com' },
        },
        { name: 'moved', match: { paths: [{ prefix: '/docs' }] }, action: { redirect: { pathPrefix: '/manual', statusCode: 302 } } },
      ],
      defaultAction: forward('fallback'),
    }),
  ],
  pools: httpPools(POOLS),
};

const served = servePools(spec, POOLS);

async function seen(path: string, headers: Record<string, string | string[]> = {}): Promise<{ url: string; headers: Record<string, string> }> {
  const res = await request(`${served.lb.url('web')}${path}`, { headers });
  expect(res.status).toBe(200);
  return JSON.parse(res.body) as { url: string; headers: Record<string, string> };
}

describe('request header modifier', () => {
  test('set replaces every occurrence, add appends with a comma, remove drops every occurrence', async () => {
    const echo = await seen('/h', { 'x-env': ['dev', 'test'], 'x-tag': 'client', 'x-secret': ['a', 'b'], 'x-other': 'kept' });
    expect(echo.headers['x-env']).toBe('prod');
    expect(echo.headers['x-tag']).toBe('client,lb');
    expect(echo.headers['x-secret']).toBeUndefined();
    expect(echo.headers['x-other']).toBe('kept');
  });

  test('add creates the header when the request has none', async () => {
    expect((await seen('/h')).headers['x-tag']).toBe('lb');
  });

  test('a rule without filters forwards headers unchanged', async () => {
    const echo = await seen('/x', { 'x-secret': 's' });
    expect(echo.headers['x-secret']).toBe('s');
  });
});

describe('response header modifier', () => {
  test("set, add and remove apply to the member's response", async () => {
    const res = await request(`${served.lb.url('web')}/h`);
    expect(res.headers['cache-control']).toBe('no-store');
    expect(res.headers['x-backend']).toBe('headers,via-lb');
    expect(res.headers['content-type']).toBeUndefined();
  });
});

describe('URL rewrite', () => {
  test.each([
    ['/api/v1/users?id=7', '/v2/users?id=7'],
    ['/api/v1', '/v2'],
    ['/old/a/b', '/v2/a/b'],
    ['/strip/x/y', '/x/y'],
    ['/strip', '/'],
  ])('prefix rewrite: %s reaches the member as %s', async (path, expected) => {
    expect((await seen(path)).url).toBe(expected);
  });

  test('full path rewrite keeps the query; host rewrite replaces Host', async () => {
    const echo = await seen('/legacy?a=1', { host: 'www.example.com' });
    expect(echo.url).toBe('/new/home?a=1');
    expect(echo.headers.host).toBe('internal.example.com');
  });
});

describe('redirect with pathPrefix', () => {
  test.each([
    ['/docs/guide/intro?v=2', '/manual/guide/intro?v=2'],
    ['/docs', '/manual'],
  ])('%s redirects to %s', async (path, expected) => {
    const res = await request(`${served.lb.url('web')}${path}`, { headers: { host: 'example.com' } });
    expect(res.status).toBe(302);
    expect(new URL(res.headers.location!).pathname + new URL(res.headers.location!).search).toBe(expected);
  });
});
