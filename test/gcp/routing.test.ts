/** URL maps: each mapping row, and fidelity to lbkit's first-match semantics (lib/model/match.ts). */
import fc from 'fast-check';
import { buildModel } from '../../lib/model/build';
import { selectRule } from '../../lib/model/match';
import type { LoadBalancerSpec, RuleSpec } from '../../lib/spec/schema';
import { planGcp } from '../../providers/gcp/plan';
import { headerMatch, matchRules, queryMatch, re2Literal, urlMapPlan } from '../../providers/gcp/plan/routing';
import { evaluateUrlMap, type GcpRequest } from '../conformance/evaluators/gcp-url-map';
import { urlMapOfPlan } from '../conformance/evaluators/plans';
import { weighted } from '../support/specs';

const frontendOf = (rules: RuleSpec[], extra: Partial<LoadBalancerSpec['frontends'][number]> = {}, pools = ['a', 'b', 'dflt']) =>
  buildModel({
    name: 'r',
    certificates: [{ name: 'site', domains: ['example.com'] }],
    frontends: [{ name: 'web', protocol: 'https', port: 443, tls: { certificate: 'site' }, rules, defaultAction: { forward: { pool: 'dflt' } }, ...extra }],
    pools: pools.map((name) => ({ name, protocol: 'http' as const, port: 8080 })),
  }).frontends[0];

describe('match rules', () => {
  test.each([
    ['prefix /api: the segment itself, or anything below it', { prefix: '/api' }, [{ fullPathMatch: '/api' }, { prefixMatch: '/api/' }]],
    ['prefix /api/ (trailing slash normalized by the model)', { prefix: '/api/' }, [{ fullPathMatch: '/api' }, { prefixMatch: '/api/' }]],
    ['prefix /: everything', { prefix: '/' }, [{ prefixMatch: '/' }]],
    ['exact', { exact: '/home.html' }, [{ fullPathMatch: '/home.html' }]],
    ['regex, whole path (GCP regexMatch is a full match)', { regex: '/v[0-9]+/.*' }, [{ regexMatch: '/v[0-9]+/.*' }]],
  ])('path %s', (_name, path, expected) => {
    const f = frontendOf([{ name: 'x', match: { paths: [path] }, action: { forward: { pool: 'a' } } }]);
    expect(matchRules(f.rules[0].match).map(({ headerMatches, queryParameterMatches, ...p }) => p)).toEqual(expected);
  });

  test('no path condition matches every path; duplicates collapse', () => {
    const none = frontendOf([{ name: 'x', match: { hosts: ['a.example.com'] }, action: { forward: { pool: 'a' } } }]).rules[0].match;
    expect(matchRules(none).map((m) => m.prefixMatch)).toEqual(['/']);
    const dup = frontendOf([{ name: 'x', match: { paths: [{ exact: '/api' }, { prefix: '/api' }] }, action: { forward: { pool: 'a' } } }]).rules[0].match;
    expect(matchRules(dup).map((m) => m.fullPathMatch ?? m.prefixMatch)).toEqual(['/api', '/api/']);
  });

  test.each([
    ['exact: case-insensitive, escaped', { kind: 'exact', value: 'a.b*c(1)' }, { headerName: 'x-v', regexMatch: '(?i)a\\.b\\*c\\(1\\)' }],
    ['prefix: case-insensitive, then anything', { kind: 'prefix', value: 'Bearer ' }, { headerName: 'x-v', regexMatch: '(?i)Bearer .*' }],
    ['regex: as written, case-sensitive', { kind: 'regex', value: 'v[0-9]+' }, { headerName: 'x-v', regexMatch: 'v[0-9]+' }],
    ['present', { kind: 'present' }, { headerName: 'x-v', presentMatch: true }],
  ] as const)('header %s', (_name, m, expected) => {
    expect(headerMatch({ name: 'x-v', ...m } as never)).toEqual(expected);
  });

  test('query: exact values compare case-insensitively (escaped); present', () => {
    expect(queryMatch({ name: 'q', kind: 'exact', value: 'a+b' })).toEqual({ name: 'q', regexMatch: '(?i)a\\+b' });
    expect(queryMatch({ name: 'q', kind: 'present' })).toEqual({ name: 'q', presentMatch: true });
  });

  test('every header and query condition rides on every path alternative (they AND, paths OR)', () => {
    const f = frontendOf([
      {
        name: 'x',
        match: { paths: [{ prefix: '/a' }, { exact: '/b' }], headers: [{ name: 'X-Env', present: true }], query: [{ name: 'v', exact: '2' }] },
        action: { forward: { pool: 'a' } },
      },
    ]);
    const rules = matchRules(f.rules[0].match);
    expect(rules).toHaveLength(3);
    for (const r of rules) {
      expect(r.headerMatches).toEqual([{ headerName: 'x-env', presentMatch: true }]);
      expect(r.queryParameterMatches).toEqual([{ name: 'v', regexMatch: '(?i)2' }]);
    }
  });

  test('re2Literal escapes every metacharacter and nothing else', () => {
    expect(re2Literal('a.b+c*d?e(f)g|h[i]j{k}l^m$n\\o-p/q')).toBe('a\\.b\\+c\\*d\\?e\\(f\\)g\\|h\\[i\\]j\\{k\\}l\\^m\\$n\\\\o-p/q');
    expect(new RegExp(`^${re2Literal('a.b*(c)')}$`).test('a.b*(c)')).toBe(true);
  });
});

describe('host rules and path matchers', () => {
  test('each host pattern gets the rules matching every host GCP sends it, in order; * gets the host-less rules', () => {
    const f = frontendOf([
      { name: 'wild', match: { hosts: ['*.example.com'] }, action: { forward: { pool: 'a' } } },
      { name: 'all', match: { paths: [{ prefix: '/health' }] }, action: { forward: { pool: 'b' } } },
      { name: 'api', match: { hosts: ['api.example.com'] }, action: { forward: { pool: 'a' } } },
      { name: 'deep', match: { hosts: ['*.b.example.com', 'example.com'] }, action: { forward: { pool: 'b' } } },
    ]);
    const map = urlMapPlan(f, false);
    const rulesOf = (host: string) => {
      const pm = map.hostRules.find((h) => h.hosts.includes(host))!.pathMatcher;
      return map.pathMatchers.find((p) => p.name === pm)!.routeRules.map((r) => `${r.priority}:${r.rule}`);
    };
    expect(map.hostRules.map((h) => [h.hosts, h.pathMatcher])).toEqual([
      [['*.example.com'], 'host-wildcard-example-com'],
      [['api.example.com'], 'host-api-example-com'],
      [['*.b.example.com'], 'host-wildcard-b-example-com'],
      [['example.com'], 'host-example-com'],
      [['*'], 'any-host'],
    ]);
    expect(rulesOf('*.example.com')).toEqual(['1000:wild', '2000:all']);
    expect(rulesOf('api.example.com')).toEqual(['1000:wild', '2000:all', '3000:api']);
    // Hosts under *.b.example.com are under *.example.com too: both rules apply there, in order.
    expect(rulesOf('*.b.example.com')).toEqual(['1000:wild', '2000:all', '4000:deep']);
    // example.com is not under *.example.com: the wildcard rule does not apply there.
    expect(rulesOf('example.com')).toEqual(['2000:all', '4000:deep']);
    expect(rulesOf('*')).toEqual(['2000:all']);
  });

  test('priorities follow the model order (most-specific order is already applied by the model)', () => {
    const f = frontendOf(
      [
        { name: 'short', match: { paths: [{ prefix: '/a' }] }, action: { forward: { pool: 'a' } } },
        { name: 'long', match: { paths: [{ prefix: '/a/b' }] }, action: { forward: { pool: 'b' } } },
      ],
      { ruleOrder: 'most-specific' },
    );
    const rules = urlMapPlan(f, false).pathMatchers[0].routeRules;
    expect(rules.map((r) => [r.priority, r.rule])).toEqual([
      [1000, 'long'],
      [2000, 'short'],
    ]);
  });

  test('no rules: the default alone; an http frontend that redirects: an https redirect alone', () => {
    expect(urlMapPlan(frontendOf([]), false)).toMatchObject({ hostRules: [], pathMatchers: [], default: { kind: 'service', backendService: 'bs-dflt' } });
    const model = buildModel({ name: 'r', frontends: [{ name: 'http', protocol: 'http', port: 80, redirectHttpToHttps: { statusCode: 308 } }] });
    expect(urlMapPlan(model.frontends[0], false)).toEqual({
      id: 'urlmap-http',
      frontend: 'http',
      regional: false,
      hostRules: [],
      pathMatchers: [],
      default: { kind: 'redirect', redirect: { httpsRedirect: true, stripQuery: false, redirectResponseCode: 'PERMANENT_REDIRECT' } },
    });
  });
});

describe('actions', () => {
  const target = (action: RuleSpec['action'], protocol: 'http' | 'https' = 'https') => {
    const spec: LoadBalancerSpec = {
      name: 'r',
      certificates: [{ name: 'site' }],
      frontends: [
        {
          name: 'web',
          protocol,
          port: protocol === 'https' ? 443 : 80,
          ...(protocol === 'https' ? { tls: { certificate: 'site' } } : {}),
          rules: [{ name: 'x', action }],
          defaultAction: { forward: { pool: 'a' } },
        },
      ],
      pools: [
        { name: 'a', protocol: 'http', port: 80 },
        { name: 'b', protocol: 'http', port: 80 },
      ],
    };
    return planGcp(buildModel(spec), { global: true }).urlMaps[0].pathMatchers[0].routeRules[0].target;
  };

  test('forward and weighted forward', () => {
    expect(target({ forward: { pool: 'b' } })).toEqual({ kind: 'service', backendService: 'bs-b' });
    expect(target(weighted({ a: 3, b: 1 }))).toEqual({
      kind: 'weighted',
      services: [
        { backendService: 'bs-a', weight: 3 },
        { backendService: 'bs-b', weight: 1 },
      ],
    });
  });

  test.each([
    [301, 'MOVED_PERMANENTLY_DEFAULT'],
    [302, 'FOUND'],
    [303, 'SEE_OTHER'],
    [307, 'TEMPORARY_REDIRECT'],
    [308, 'PERMANENT_REDIRECT'],
  ] as const)('redirect status %d is %s', (statusCode, code) => {
    expect(target({ redirect: { path: '/new', statusCode } })).toEqual({
      kind: 'redirect',
      redirect: { pathRedirect: '/new', httpsRedirect: false, stripQuery: false, redirectResponseCode: code },
    });
  });

  test("redirect host and path; query '' strips the query; https only from an http frontend", () => {
    expect(target({ redirect: { host: 'new.example.com', path: '/n', query: '' } })).toEqual({
      kind: 'redirect',
      redirect: {
        hostRedirect: 'new.example.com',
        pathRedirect: '/n',
        httpsRedirect: false,
        stripQuery: true,
        redirectResponseCode: 'MOVED_PERMANENTLY_DEFAULT',
      },
    });
    expect(target({ redirect: { scheme: 'https' } }, 'http')).toMatchObject({ redirect: { httpsRedirect: true } });
    expect(target({ redirect: { scheme: 'https', path: '/n' } }, 'https')).toMatchObject({ redirect: { httpsRedirect: false } });
  });
});

describe('fidelity: the planned URL map routes every request as lbkit does', () => {
  const HOSTS = ['example.com', 'api.example.com', '*.example.com', '*.b.example.com', 'a.b.example.com'];
  const pathArb = fc.oneof(
    fc.constantFrom('/', '/api', '/api/v1', '/static').map((prefix) => ({ prefix })),
    fc.constantFrom('/api', '/x', '/api/').map((exact) => ({ exact })),
    fc.constant({ regex: '/v[0-9]+/.*' }),
  );
  const headerArb = fc.oneof(
    fc.constantFrom('Prod', 'pr.d').map((exact) => ({ name: 'X-Env', exact })),
    fc.constant({ name: 'x-env', prefix: 'PRO' }),
    fc.constant({ name: 'x-env', regex: 'p[a-z]+' }),
    fc.constant({ name: 'x-env', present: true as const }),
  );
  const queryArb = fc.oneof(
    fc.constantFrom('1', 'On').map((exact) => ({ name: 'debug', exact })),
    fc.constant({ name: 'v', present: true as const }),
  );
  const ruleArb = fc.record(
    {
      hosts: fc.option(fc.subarray(HOSTS, { minLength: 1, maxLength: 2 }), { nil: undefined }),
      paths: fc.option(fc.array(pathArb, { minLength: 1, maxLength: 2 }), { nil: undefined }),
      headers: fc.option(fc.array(headerArb, { minLength: 1, maxLength: 1 }), { nil: undefined }),
      query: fc.option(fc.array(queryArb, { minLength: 1, maxLength: 1 }), { nil: undefined }),
    },
    { requiredKeys: [] },
  );
  const requestArb = fc.record<GcpRequest>({
    host: fc.constantFrom('example.com', 'API.example.com', 'x.example.com', 'a.b.example.com', 'z.b.example.com', 'b.example.com', 'other.org'),
    path: fc.constantFrom('/', '/api', '/api/', '/api/v1', '/apix', '/static/a', '/v2/x', '/x', '/x/'),
    headers: fc.constantFrom<Record<string, string>>({}, { 'x-env': 'prod' }, { 'x-env': 'PRODUCTION' }, { 'x-env': 'pr.d' }, { 'x-env': 'dev' }),
    query: fc.constantFrom(
      [],
      [['debug', '1']],
      [['debug', 'ON']],
      [['v', undefined]],
      [
        ['debug', '1'],
        ['v', ''],
      ],
    ) as fc.Arbitrary<GcpRequest['query']>,
  });

  test('for generated rules (first-match and most-specific) and requests', () => {
    fc.assert(
      fc.property(
        fc.array(ruleArb, { maxLength: 4 }),
        fc.constantFrom('first-match' as const, 'most-specific' as const),
        fc.array(requestArb, { minLength: 10, maxLength: 10 }),
        (matches, ruleOrder, requests) => {
          const rules = matches.map((match, i) => ({ name: `r${i}`, match, action: { forward: { pool: `p${i}` } } }));
          const f = frontendOf(rules, { ruleOrder }, ['dflt', ...rules.map((_, i) => `p${i}`)]);
          const map = urlMapPlan(f, false);
          for (const req of requests) {
            const query = req.query.map(([n, v]) => (v === undefined ? n : `${n}=${v}`)).join('&');
            const view = {
              method: 'GET',
              host: req.host,
              path: req.path,
              query,
              sourceIp: '10.0.0.1',
              header: (n: string) => (req.headers[n] !== undefined ? [req.headers[n]] : []),
            };
            const rule = selectRule(f, view);
            const expected = rule && rule.action.type === 'forward' ? `bs-${rule.action.pool}` : 'bs-dflt';
            const got = evaluateUrlMap(urlMapOfPlan(map), req);
            expect({ req, got: got.kind === 'service' ? got.backendService : got.kind }).toEqual({ req, got: expected });
          }
        },
      ),
      { numRuns: 300 },
    );
  });
});
