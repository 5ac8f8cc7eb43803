/**
 * Path conditions that ignore case (`caseSensitive: false` on exact and prefix) over real sockets; without it,
 * paths compare with exact case. Also the spec and model rules around it.
 */
import { buildModel } from '../../lib/model/build';
import { pathMatches } from '../../lib/model/match';
import { SpecValidationError } from '../../lib/errors';
import type { LoadBalancerSpec } from '../../lib/spec/schema';
import { request, startBackends, type LocalLoadBalancer, type TestBackend } from '../../providers/local';
import { thrown } from '../support/thrown';
import { startLb } from './support';

const POOLS = ['any-case-prefix', 'any-case-exact', 'exact-case', 'fallback'];

const spec: LoadBalancerSpec = {
  name: 'path-case',
  frontends: [
    {
      name: 'web',
      protocol: 'http',
      port: 80,
      rules: [
        { name: 'any-case-prefix', match: { paths: [{ prefix: '/Api', caseSensitive: false }] }, action: { forward: { pool: 'any-case-prefix' } } },
        { name: 'any-case-exact', match: { paths: [{ exact: '/Home.html', caseSensitive: false }] }, action: { forward: { pool: 'any-case-exact' } } },
        { name: 'exact-case', match: { paths: [{ prefix: '/Docs' }] }, action: { forward: { pool: 'exact-case' } } },
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

const CASES: Array<[string, string, string]> = [
  ['a prefix ignoring case matches its own case', '/Api/x', 'any-case-prefix'],
  ['a prefix ignoring case matches another case', '/aPI/x', 'any-case-prefix'],
  ['a prefix ignoring case still takes whole segments', '/apix', 'fallback'],
  ['an exact path ignoring case matches another case', '/HOME.HTML', 'any-case-exact'],
  ['an exact path ignoring case needs the whole path', '/home.html/x', 'fallback'],
  ['without caseSensitive, a prefix compares with exact case', '/Docs/a', 'exact-case'],
  ['without caseSensitive, another case does not match', '/docs/a', 'fallback'],
];

describe('paths ignoring case', () => {
  test.each(CASES)('%s', async (_name, path, pool) => {
    const res = await request(`${lb.url('web')}${path}`);
    expect(res.status).toBe(200);
    expect(res.headers['x-backend']).toBe(pool);
  });
});

describe('spec and model', () => {
  test('the model keeps ignoreCase only when the spec says caseSensitive: false', () => {
    const paths = buildModel(spec).frontends[0].rules.map((r) => r.match.paths[0]);
    expect(paths).toEqual([
      { kind: 'prefix', value: '/Api', ignoreCase: true },
      { kind: 'exact', value: '/Home.html', ignoreCase: true },
      { kind: 'prefix', value: '/Docs' },
    ]);
    expect(pathMatches({ kind: 'prefix', value: '/Api' }, '/api')).toBe(false);
  });

  test('caseSensitive on a regex path is a spec problem with its fix', () => {
    const regex: LoadBalancerSpec = {
      ...spec,
      frontends: [
        {
          ...spec.frontends[0],
          rules: [{ name: 'r', match: { paths: [{ regex: '/a.*', caseSensitive: false }] }, action: { forward: { pool: 'fallback' } } }],
        },
      ],
    };
    const error = thrown(() => buildModel(regex));
    expect(error).toBeInstanceOf(SpecValidationError);
    expect((error as SpecValidationError).message).toContain('frontends[0].rules[0].match.paths[0].caseSensitive');
  });
});
