/** The model: defaults in one place, stable ids, rule order, shadowed rules. */
import { buildModel, DEFAULTS, type LoadBalancerModel } from '../../lib/model';
import type { LoadBalancerSpec, RuleSpec } from '../../lib/spec';

const pools = [
  { name: 'web', protocol: 'http' as const, port: 8080 },
  { name: 'api', protocol: 'http' as const, port: 9000 },
];
function withRules(rules: RuleSpec[], ruleOrder: 'first-match' | 'most-specific' = 'first-match'): LoadBalancerModel {
  return buildModel({
    name: 'm',
    frontends: [{ name: 'web', protocol: 'http', port: 80, ruleOrder, rules, defaultAction: { forward: { pool: 'web' } } }],
    pools,
  });
}
const fwd = (pool = 'api') => ({ forward: { pool } });

describe('defaults', () => {
  const model = buildModel({
    name: 'd',
    certificates: [{ name: 'c' }],
    frontends: [
      { name: 'https', protocol: 'https', port: 443, tls: { certificate: 'c' }, defaultAction: { redirect: { path: '/x' } } },
      { name: 'http', protocol: 'http', port: 80, redirectHttpToHttps: true },
      { name: 'tcp', protocol: 'tcp', port: 5432, defaultAction: { forward: { pool: 'db' } } },
      { name: 'fix', protocol: 'http', port: 81, defaultAction: { fixedResponse: { statusCode: 404 } } },
    ],
    pools: [
      { name: 'db', protocol: 'tcp', port: 5432 },
      { name: 'web', protocol: 'http', port: 8080, passiveHealthCheck: {}, sessionPersistence: { type: 'lb-cookie' } },
    ],
    rateLimits: [{ name: 'r', limit: 10, windowSeconds: 60 }],
  });

  test('load balancer', () => {
    expect({
      scheme: model.scheme,
      ip: model.ipAddressType,
      dp: model.deletionProtection,
      strict: model.strict,
      logs: model.accessLogs,
      tags: model.tags,
    }).toEqual({ scheme: 'external', ip: 'ipv4', dp: false, strict: true, logs: undefined, tags: {} });
  });

  test('frontends', () => {
    const [https, http, tcp, fix] = model.frontends;
    expect(https).toMatchObject({
      layer: 'l7',
      idleTimeoutSeconds: 60,
      ruleOrder: 'first-match',
      allowedSourceCidrs: [],
      tls: { minimumVersion: '1.2', additionalCertificates: [] },
    });
    expect(https.defaultAction).toEqual({ type: 'redirect', path: '/x', statusCode: 301 });
    expect(http.redirectHttpToHttps).toEqual({ port: 443, statusCode: 301 });
    expect(http.defaultAction).toBeUndefined();
    expect(tcp.layer).toBe('l4');
    expect(fix.defaultAction).toEqual({ type: 'fixed-response', statusCode: 404, contentType: 'text/plain', body: '' });
  });

  test('pools: L7 and L4 differ only where documented', () => {
    const [db, web] = model.pools;
    expect(web).toMatchObject({
      algorithm: 'round-robin',
      drainingSeconds: 300,
      slowStartSeconds: 0,
      whenAllUnhealthy: 'fail-open',
      healthCheck: {
        protocol: 'http',
        path: '/',
        port: 8080,
        usesTrafficPort: true,
        intervalSeconds: 10,
        timeoutSeconds: 5,
        healthyThreshold: 3,
        unhealthyThreshold: 3,
        successCodes: '200',
        successRanges: [[200, 200]],
      },
      passiveHealthCheck: { consecutiveFailures: 5, ejectionSeconds: 30, maxEjectedPercent: 50 },
      sessionPersistence: { type: 'lb-cookie', durationSeconds: 86400 },
    });
    expect(db).toMatchObject({ algorithm: 'random', healthCheck: { protocol: 'tcp', port: 5432, successRanges: [] } });
    expect(db.healthCheck.path).toBeUndefined();
    expect(db.healthCheck.successCodes).toBeUndefined();
    expect(db.usedBy).toEqual(['tcp']);
  });

  test('rate limits default to every L7 frontend, per client IP, answering 429', () => {
    expect(model.rateLimits[0]).toEqual({
      name: 'r',
      path: 'rateLimits[0]',
      limit: 10,
      windowSeconds: 60,
      key: { type: 'client-ip' },
      frontends: ['https', 'http', 'fix'],
      responseStatus: 429,
    });
  });

  test('the defaults table is the one place the values come from', () => {
    // The pool that writes no health check gets the table's; the pools test above holds the values themselves.
    const web = model.pools[1];
    expect(web.healthCheck).toMatchObject(DEFAULTS.healthCheck);
    expect(web.passiveHealthCheck).toEqual(DEFAULTS.passiveHealthCheck);
  });
});

describe('stable ids', () => {
  const rules: RuleSpec[] = [
    { name: 'a', match: { paths: [{ prefix: '/a' }] }, action: fwd() },
    { name: 'b', match: { paths: [{ prefix: '/b' }] }, action: fwd() },
  ];

  test('inserting a rule renames nothing', () => {
    const before = withRules(rules).frontends[0].rules.map((r) => r.id);
    const after = withRules([{ name: 'new', match: { paths: [{ prefix: '/n' }] }, action: fwd() }, ...rules]).frontends[0].rules.map((r) => r.id);
    expect(before).toEqual(['a', 'b']);
    expect(after).toEqual(['new', 'a', 'b']);
  });

  test('order is the evaluation position, ids are names', () => {
    expect(withRules(rules).frontends[0].rules.map((r) => [r.id, r.order, r.path])).toEqual([
      ['a', 0, 'frontends[0].rules[0]'],
      ['b', 1, 'frontends[0].rules[1]'],
    ]);
  });

  test('a prefix with a trailing slash means the same segment prefix', () => {
    const [rule] = withRules([{ name: 'a', match: { paths: [{ prefix: '/api/' }, { prefix: '/' }] }, action: fwd() }]).frontends[0].rules;
    expect(rule.match.paths).toEqual([
      { kind: 'prefix', value: '/api' },
      { kind: 'prefix', value: '/' },
    ]);
  });

  test('hosts and header names are lower-cased; header values kept', () => {
    const [rule] = withRules([
      { name: 'a', match: { hosts: ['API.Example.com', '*.Example.com'], headers: [{ name: 'X-Env', exact: 'Prod' }] }, action: fwd() },
    ]).frontends[0].rules;
    expect(rule.match.hosts).toEqual([
      { kind: 'exact', value: 'api.example.com' },
      { kind: 'wildcard', suffix: '.example.com', value: '*.example.com' },
    ]);
    expect(rule.match.headers).toEqual([{ name: 'x-env', kind: 'exact', value: 'Prod' }]);
  });
});

describe('most-specific order (Gateway API precedence)', () => {
  const ORDER_CASES: Array<[string, RuleSpec[], string[]]> = [
    [
      'exact host before wildcard before none',
      [
        { name: 'none', match: { paths: [{ prefix: '/' }] }, action: fwd() },
        { name: 'wild', match: { hosts: ['*.example.com'] }, action: fwd() },
        { name: 'exact', match: { hosts: ['a.example.com'] }, action: fwd() },
      ],
      ['exact', 'wild', 'none'],
    ],
    [
      'longer wildcard first',
      [
        { name: 'short', match: { hosts: ['*.com'] }, action: fwd() },
        { name: 'long', match: { hosts: ['*.example.com'] }, action: fwd() },
      ],
      ['long', 'short'],
    ],
    // No path ranks as Gateway API's default `PathPrefix /` (issue 16): after '/a', before a regex.
    [
      'exact path before longer prefix before shorter, none (prefix /), regex',
      [
        { name: 'none', match: { methods: ['GET'] }, action: fwd() },
        { name: 'regex', match: { paths: [{ regex: '/r.*' }] }, action: fwd() },
        { name: 'short', match: { paths: [{ prefix: '/a' }] }, action: fwd() },
        { name: 'long', match: { paths: [{ prefix: '/a/b' }] }, action: fwd() },
        { name: 'exact', match: { paths: [{ exact: '/a' }] }, action: fwd() },
      ],
      ['exact', 'long', 'short', 'none', 'regex'],
    ],
    [
      'then method, then more headers, then more query, then declaration',
      [
        { name: 'plain', match: { paths: [{ prefix: '/x' }] }, action: fwd() },
        { name: 'query', match: { paths: [{ prefix: '/x' }], query: [{ name: 'q', present: true }] }, action: fwd() },
        {
          name: 'headers2',
          match: {
            paths: [{ prefix: '/x' }],
            headers: [
              { name: 'a', present: true },
              { name: 'b', present: true },
            ],
          },
          action: fwd(),
        },
        { name: 'headers1', match: { paths: [{ prefix: '/x' }], headers: [{ name: 'a', present: true }] }, action: fwd() },
        { name: 'method', match: { paths: [{ prefix: '/x' }], methods: ['POST'] }, action: fwd() },
        { name: 'plain2', match: { paths: [{ prefix: '/x' }] }, action: fwd() },
      ],
      ['method', 'headers2', 'headers1', 'query', 'plain', 'plain2'],
    ],
  ];

  test.each(ORDER_CASES)('%s', (_t, rules, expected) => {
    expect(withRules(rules, 'most-specific').frontends[0].rules.map((r) => r.id)).toEqual(expected);
  });

  test('a rule whose values rank differently is split into fragments with value-derived ids', () => {
    const rules: RuleSpec[] = [
      { name: 'broad', match: { paths: [{ prefix: '/api/v1' }, { prefix: '/' }] }, action: fwd() },
      { name: 'mid', match: { paths: [{ prefix: '/api' }] }, action: fwd('web') },
    ];
    const ordered = withRules(rules, 'most-specific').frontends[0].rules;
    expect(ordered.map((r) => [r.name, r.match.paths.map((p) => p.value)])).toEqual([
      ['broad', ['/api/v1']],
      ['mid', ['/api']],
      ['broad', ['/']],
    ]);
    expect(ordered[0].id).toMatch(/^broad-[0-9a-f]{6}$/);
    expect(ordered[2].id).toMatch(/^broad-[0-9a-f]{6}$/);
    expect(ordered[0].id).not.toBe(ordered[2].id);
    // Ids do not depend on position: declaring the rules the other way round keeps them.
    const reversed = withRules([rules[1], rules[0]], 'most-specific').frontends[0].rules;
    expect(reversed.map((r) => r.id)).toEqual(ordered.map((r) => r.id));
  });
});

describe('shadowed rules', () => {
  const SHADOW_CASES: Array<[string, RuleSpec[], string[]]> = [
    [
      'a rule without conditions shadows every later rule',
      [
        { name: 'all', action: fwd() },
        { name: 'x', match: { paths: [{ prefix: '/x' }] }, action: fwd() },
      ],
      ["rule 'x' of frontend 'web' never matches: rule 'all' before it takes every request it would"],
    ],
    [
      'a shorter prefix shadows a longer one',
      [
        { name: 'api', match: { paths: [{ prefix: '/api' }] }, action: fwd() },
        { name: 'v1', match: { paths: [{ prefix: '/api/v1' }, { exact: '/api' }] }, action: fwd() },
      ],
      ["rule 'v1' of frontend 'web' never matches: rule 'api' before it takes every request it would"],
    ],
    [
      'a wildcard host shadows an exact host under it',
      [
        { name: 'wild', match: { hosts: ['*.example.com'] }, action: fwd() },
        { name: 'exact', match: { hosts: ['a.example.com'], paths: [{ prefix: '/x' }] }, action: fwd() },
      ],
      ["rule 'exact' of frontend 'web' never matches: rule 'wild' before it takes every request it would"],
    ],
    [
      'a present header shadows an exact value; method subsets too',
      [
        { name: 'p', match: { headers: [{ name: 'x', present: true }], methods: ['GET', 'POST'] }, action: fwd() },
        {
          name: 'e',
          match: {
            headers: [
              { name: 'x', exact: 'y' },
              { name: 'z', present: true },
            ],
            methods: ['GET'],
          },
          action: fwd(),
        },
      ],
      ["rule 'e' of frontend 'web' never matches: rule 'p' before it takes every request it would"],
    ],
    [
      'segment prefixes do not shadow look-alikes',
      [
        { name: 'api', match: { paths: [{ prefix: '/api' }] }, action: fwd() },
        { name: 'apix', match: { paths: [{ prefix: '/apix' }] }, action: fwd() },
      ],
      [],
    ],
    [
      'a narrower earlier rule shadows nothing',
      [
        { name: 'get', match: { paths: [{ prefix: '/a' }], methods: ['GET'] }, action: fwd() },
        { name: 'any', match: { paths: [{ prefix: '/a' }] }, action: fwd() },
      ],
      [],
    ],
    [
      'exact values do not shadow other values; different CIDRs neither',
      [
        { name: 'h', match: { headers: [{ name: 'x', exact: 'a' }], sourceCidrs: ['10.0.0.0/8'] }, action: fwd() },
        { name: 'i', match: { headers: [{ name: 'x', exact: 'b' }], sourceCidrs: ['10.1.0.0/16'] }, action: fwd() },
        { name: 'j', match: { headers: [{ name: 'x', exact: 'A' }], sourceCidrs: ['11.0.0.0/8'] }, action: fwd() },
      ],
      [],
    ],
  ];

  test.each(SHADOW_CASES)('%s', (_t, rules, expected) => {
    const model = withRules(rules);
    expect(model.warnings.filter((w) => w.code === 'shadowed-rule').map((w) => w.message)).toEqual(expected);
  });

  test('unused pools and redirects to a missing https port are warnings', () => {
    const model = buildModel({
      name: 'w',
      frontends: [{ name: 'h', protocol: 'http', port: 80, redirectHttpToHttps: { port: 8443 } }],
      pools: [{ name: 'idle', protocol: 'http', port: 1 }],
    } satisfies LoadBalancerSpec);
    expect(model.warnings.map((w) => [w.code, w.path])).toEqual([
      ['redirect-target-missing', 'frontends[0].redirectHttpToHttps'],
      ['unused-pool', 'pools[0]'],
    ]);
  });
});
