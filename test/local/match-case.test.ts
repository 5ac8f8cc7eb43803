/** Exact-case header and query conditions (`caseSensitive: true`) over real sockets; the default still ignores case. */
import type { LoadBalancerSpec } from '../../lib/spec/schema';
import { request, startBackends, type LocalLoadBalancer, type TestBackend } from '../../providers/local';
import { startLb } from './support';

const POOLS = ['header-exact', 'header-prefix', 'query-exact', 'query-present', 'folded', 'fallback'];

const spec: LoadBalancerSpec = {
  name: 'match-case',
  frontends: [
    {
      name: 'web',
      protocol: 'http',
      port: 80,
      rules: [
        { name: 'header-exact', match: { headers: [{ name: 'X-Env', exact: 'Beta', caseSensitive: true }] }, action: { forward: { pool: 'header-exact' } } },
        {
          name: 'header-prefix',
          match: { headers: [{ name: 'X-Agent', prefix: 'Bot/', caseSensitive: true }] },
          action: { forward: { pool: 'header-prefix' } },
        },
        { name: 'query-exact', match: { query: [{ name: 'Mode', exact: 'Beta', caseSensitive: true }] }, action: { forward: { pool: 'query-exact' } } },
        { name: 'query-present', match: { query: [{ name: 'Preview', present: true, caseSensitive: true }] }, action: { forward: { pool: 'query-present' } } },
        { name: 'folded', match: { headers: [{ name: 'X-Folded', exact: 'Beta' }] }, action: { forward: { pool: 'folded' } } },
      ],
      defaultAction: { forward: { pool: 'fallback' } },
    },
  ],
  pools: POOLS.map((name) => ({ name, protocol: 'http' as const, port: 8080 })),
};

let lb: LocalLoadBalancer;
let backends: TestBackend[];

beforeAll(async () => {
  backends = await startBackends(POOLS);
  lb = await startLb(spec, { bindings: Object.fromEntries(POOLS.map((p, i) => [p, [backends[i].address]])) });
});

afterAll(async () => {
  await lb.stop({ graceMs: 0 });
  await Promise.all(backends.map((b) => b.close()));
});

const CASES: Array<[string, string, Record<string, string>, string]> = [
  ['header exact with exact case matches', '/', { 'x-env': 'Beta' }, 'header-exact'],
  ['header exact with other case does not match', '/', { 'x-env': 'beta' }, 'fallback'],
  ['header name still ignores case', '/', { 'X-ENV': 'Beta' }, 'header-exact'],
  ['header prefix with exact case matches', '/', { 'x-agent': 'Bot/1.0' }, 'header-prefix'],
  ['header prefix with other case does not match', '/', { 'x-agent': 'bot/1.0' }, 'fallback'],
  ['query exact with exact case matches', '/?Mode=Beta', {}, 'query-exact'],
  ['query value with other case does not match', '/?Mode=beta', {}, 'fallback'],
  ['query name with other case does not match', '/?mode=Beta', {}, 'fallback'],
  ['query present: the name compares with exact case', '/?Preview', {}, 'query-present'],
  ['query present: other case of the name does not match', '/?preview', {}, 'fallback'],
  ['without caseSensitive, case is still ignored', '/', { 'x-folded': 'BETA' }, 'folded'],
];

describe('exact-case conditions', () => {
  test.each(CASES)('%s', async (_name, path, headers, pool) => {
    const res = await request(`${lb.url('web')}${path}`, { headers });
    expect(res.status).toBe(200);
    expect(res.headers['x-backend']).toBe(pool);
  });
});
