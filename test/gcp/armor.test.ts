/** Cloud Armor: throttle rules for rate limits, source restrictions, policy sharing and attachment. */
import { buildModel } from '../../lib/model/build';
import type { LoadBalancerSpec } from '../../lib/spec/schema';
import { DEFAULT_RULE_PRIORITY, ruleExpression } from '../../providers/gcp/plan/armor';
import { planGcp } from '../../providers/gcp/plan';

const spec = (overrides: Partial<LoadBalancerSpec> = {}): LoadBalancerSpec => ({
  name: 'a',
  frontends: [
    {
      name: 'public',
      protocol: 'http',
      port: 80,
      rules: [{ name: 'login', match: { paths: [{ prefix: '/login' }] }, action: { forward: { pool: 'auth' } } }],
      defaultAction: { forward: { pool: 'web' } },
    },
    { name: 'admin', protocol: 'http', port: 8080, defaultAction: { forward: { pool: 'admin' } } },
  ],
  pools: [
    { name: 'web', protocol: 'http', port: 80 },
    { name: 'auth', protocol: 'http', port: 81 },
    { name: 'admin', protocol: 'http', port: 82 },
  ],
  ...overrides,
});
const ALLOW_ALL = { priority: DEFAULT_RULE_PRIORITY, description: 'everything else', action: 'allow', match: { srcIpRanges: ['*'] } };

describe('rate limits', () => {
  test('per client IP: a throttle rule keyed on IP, deny with the response status, then allow everything else', () => {
    const p = planGcp(
      buildModel(spec({ rateLimits: [{ name: 'per-ip', limit: 100, windowSeconds: 60, scope: { frontends: ['public'] }, responseStatus: 403 }] })),
      { global: true },
    );
    expect(p.securityPolicies).toEqual([
      {
        id: 'armor-public',
        regional: false,
        frontends: ['public'],
        rules: [
          {
            priority: 1000,
            description: 'rate limit per-ip: 100 per 60s per client IP',
            action: 'throttle',
            match: { srcIpRanges: ['*'] },
            rateLimit: { count: 100, intervalSec: 60, exceedAction: 'deny(403)', enforceOnKey: 'IP' },
          },
          ALLOW_ALL,
        ],
      },
    ]);
    expect(p.backendServices.map((s) => [s.pool, s.securityPolicy])).toEqual([
      ['web', 'armor-public'],
      ['auth', 'armor-public'],
      ['admin', undefined],
    ]);
  });

  test('per header: enforceOnKey HTTP_HEADER with the header name; priorities follow the spec order', () => {
    const p = planGcp(
      buildModel(
        spec({
          rateLimits: [
            { name: 'per-ip', limit: 100, windowSeconds: 60 },
            { name: 'per-key', limit: 10, windowSeconds: 10, key: { header: 'X-Api-Key' } },
          ],
        }),
      ),
      { global: false },
    );
    const rules = p.securityPolicies[0].rules;
    expect(rules.map((r) => [r.priority, r.rateLimit?.enforceOnKey, r.rateLimit?.enforceOnKeyName])).toEqual([
      [1000, 'IP', undefined],
      [1001, 'HTTP_HEADER', 'x-api-key'],
      [DEFAULT_RULE_PRIORITY, undefined, undefined],
    ]);
    // Both frontends ask for the same protection: one policy, regional like the load balancer.
    expect(p.securityPolicies.map((x) => [x.id, x.regional, x.frontends])).toEqual([['armor-public', true, ['public', 'admin']]]);
    expect(new Set(p.backendServices.map((s) => s.securityPolicy))).toEqual(new Set(['armor-public']));
  });

  test("scoped to rules: the throttle matches a CEL expression of the rules' conditions", () => {
    const p = planGcp(buildModel(spec({ rateLimits: [{ name: 'logins', limit: 5, windowSeconds: 60, scope: { rules: ['public/login'] } }] })), {
      global: true,
    });
    expect(p.securityPolicies[0].rules[0].match).toEqual({ expression: "(request.path.matches('^(?:/login(?:/.*)?)$'))" });
  });
});

describe('CEL expressions of rule conditions', () => {
  const expr = (match: NonNullable<LoadBalancerSpec['frontends'][number]['rules']>[number]['match']) =>
    ruleExpression(
      buildModel(
        spec({
          frontends: [
            {
              name: 'public',
              protocol: 'http',
              port: 80,
              rules: [{ name: 'r', match, action: { forward: { pool: 'web' } } }],
              defaultAction: { forward: { pool: 'web' } },
            },
          ],
        }),
      ).frontends[0].rules[0].match,
    );

  test.each([
    [
      'hosts, ignoring case and port',
      { hosts: ['api.example.com', '*.example.org'] },
      "request.headers['host'].matches('(?i)^(?:api\\\\.example\\\\.com|[^/:]+\\\\.example\\\\.org)(?::[0-9]+)?$')",
    ],
    [
      'paths: exact, segment prefix, regex',
      { paths: [{ exact: '/a' }, { prefix: '/b' }, { regex: '/c[0-9]' }] },
      "request.path.matches('^(?:/a|/b(?:/.*)?|(?:/c[0-9]))$')",
    ],
    [
      'headers',
      {
        headers: [
          { name: 'X-A', exact: "it's" },
          { name: 'x-b', present: true },
        ],
      },
      "request.headers['x-a'].matches('(?i)^it\\'s$') && 'x-b' in request.headers",
    ],
    ['query', { query: [{ name: 'v', exact: '2' }] }, "request.query.matches('(?i)(?:^|&)v=2(?:&|$)')"],
    [
      'methods and sources',
      { methods: ['GET', 'HEAD'], sourceCidrs: ['10.0.0.0/8'] },
      "(request.method == 'GET' || request.method == 'HEAD') && inIpRange(origin.ip, '10.0.0.0/8')",
    ],
    ['nothing: every request', undefined, 'true'],
  ] as const)('%s', (_n, match, expected) => {
    expect(expr(match as never)).toBe(expected);
  });
});

describe('allowed sources', () => {
  test('a deny(403) rule for every other source comes first, before the throttles', () => {
    const p = planGcp(
      buildModel(
        spec({
          frontends: [
            {
              name: 'admin',
              protocol: 'http',
              port: 8080,
              allowedSourceCidrs: ['10.0.0.0/8', '192.168.0.0/16'],
              defaultAction: { forward: { pool: 'admin' } },
            },
          ],
          rateLimits: [{ name: 'r', limit: 10, windowSeconds: 10 }],
        }),
      ),
      { global: true },
    );
    expect(p.securityPolicies[0].rules.map((r) => [r.priority, r.action, r.match])).toEqual([
      [100, 'deny(403)', { expression: "!(inIpRange(origin.ip, '10.0.0.0/8') || inIpRange(origin.ip, '192.168.0.0/16'))" }],
      [1000, 'throttle', { srcIpRanges: ['*'] }],
      [DEFAULT_RULE_PRIORITY, 'allow', { srcIpRanges: ['*'] }],
    ]);
  });

  test('no protection, no policy', () => {
    const p = planGcp(buildModel(spec()), { global: true });
    expect(p.securityPolicies).toEqual([]);
    expect(p.backendServices.every((s) => s.securityPolicy === undefined)).toBe(true);
  });
});
