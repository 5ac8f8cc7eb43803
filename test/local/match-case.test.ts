/**
 * Exact-case header and query conditions (`caseSensitive: true`) over real sockets; the default still ignores case.
 * Path conditions the other way round: exact case by default, any case with `caseSensitive: false`.
 */
import { buildModel } from '../../lib/model/build';
import { pathMatches } from '../../lib/model/match';
import { SpecValidationError } from '../../lib/errors';
import type { LoadBalancerSpec } from '../../lib/spec/schema';
import { request } from '../../providers/local';
import { thrown } from '../support/thrown';
import { servePools } from './support';

const POOLS = [
  'header-exact',
  'header-prefix',
  'query-exact',
  'query-present',
  'folded',
  'path-any-case',
  'path-exact-any-case',
  'path-exact-case',
  'fallback',
];

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
        { name: 'path-any-case', match: { paths: [{ prefix: '/Api', caseSensitive: false }] }, action: { forward: { pool: 'path-any-case' } } },
        {
          name: 'path-exact-any-case',
          match: { paths: [{ exact: '/Home.html', caseSensitive: false }] },
          action: { forward: { pool: 'path-exact-any-case' } },
        },
        { name: 'path-exact-case', match: { paths: [{ prefix: '/Docs' }] }, action: { forward: { pool: 'path-exact-case' } } },
      ],
      defaultAction: { forward: { pool: 'fallback' } },
    },
  ],
  pools: POOLS.map((name) => ({ name, protocol: 'http' as const, port: 8080 })),
};

const served = servePools(spec, POOLS);

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
  ['a path prefix ignoring case matches its own case', '/Api/x', {}, 'path-any-case'],
  ['a path prefix ignoring case matches another case', '/aPI/x', {}, 'path-any-case'],
  ['a path prefix ignoring case still takes whole segments', '/apix', {}, 'fallback'],
  ['an exact path ignoring case matches another case', '/HOME.HTML', {}, 'path-exact-any-case'],
  ['an exact path ignoring case needs the whole path', '/home.html/x', {}, 'fallback'],
  ['without caseSensitive, a path prefix compares with exact case', '/Docs/a', {}, 'path-exact-case'],
  ['without caseSensitive, another case of the path does not match', '/docs/a', {}, 'fallback'],
];

describe('exact-case conditions', () => {
  test.each(CASES)('%s', async (_name, path, headers, pool) => {
    const res = await request(`${served.lb.url('web')}${path}`, { headers });
    expect(res.status).toBe(200);
    expect(res.headers['x-backend']).toBe(pool);
  });
});

describe('paths ignoring case: spec and model', () => {
  test('the model keeps ignoreCase only when the spec says caseSensitive: false', () => {
    const paths = buildModel(spec).frontends[0].rules.map((r) => r.match.paths[0]);
    expect(paths.slice(-3)).toEqual([
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
