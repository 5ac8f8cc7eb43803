/** Mapping rows of the WAF policy: rate limits and client restrictions on Application Gateway WAF_v2. */
import { buildModel } from '../../lib/model/build';
import type { LoadBalancerSpec } from '../../lib/spec/schema';
import { planApplicationGateway } from '../../providers/azure/plan/appgw';
import type { WafMatchConditionPlan } from '../../providers/azure/plan/types';
import { EVERY_REQUEST, planWafPolicies } from '../../providers/azure/plan/waf';
import { appgwScope, exampleModel, httpPool, l7Spec } from './helpers';

const ALLOW_REMAINING = { name: 'AllowRemaining', priority: 100, ruleType: 'MatchRule', action: 'Allow', matchConditions: [EVERY_REQUEST] };
const policies = (spec: LoadBalancerSpec, managed = false) => planWafPolicies(appgwScope(buildModel(spec)), 'shop-agw', managed);
const twoFrontends = (extra: Partial<LoadBalancerSpec>) =>
  l7Spec({
    frontends: [
      { name: 'web', protocol: 'http', port: 80, defaultAction: { forward: { pool: 'app' } } },
      { name: 'admin', protocol: 'http', port: 8080, defaultAction: { forward: { pool: 'app' } } },
    ],
    ...extra,
  });

test('the condition of the last rule matches every request: no client has the broadcast address', () => {
  expect(EVERY_REQUEST).toMatchObject({ variableName: 'RemoteAddr', operator: 'IPMatch', negationConditon: true, matchValues: ['255.255.255.255/32'] });
});

test('web-azure: a gateway policy and one for the https listeners with the per-client limit', () => {
  expect(planApplicationGateway(appgwScope(exampleModel('web-azure.yaml')), 'web', false)!.wafPolicies).toEqual([
    { key: 'gateway', name: 'web-agw-waf', managedRules: 'bypassed', customRules: [ALLOW_REMAINING] },
    {
      key: 'https',
      name: 'web-agw-waf-https',
      blockStatus: 429,
      managedRules: 'bypassed',
      customRules: [
        {
          name: 'PerClient',
          priority: 1,
          ruleType: 'RateLimitRule',
          action: 'Block',
          rateLimitDuration: 'OneMin',
          rateLimitThreshold: 600,
          groupBy: 'ClientAddr',
          matchConditions: [EVERY_REQUEST],
        },
        ALLOW_REMAINING,
      ],
    },
  ]);
});

test.each([
  [60, 'OneMin'],
  [300, 'FiveMins'],
] as const)('window %i s: %s', (windowSeconds, duration) => {
  const [, frontend] = policies(l7Spec({ rateLimits: [{ name: 'burst', limit: 10, windowSeconds }] }));
  expect(frontend.customRules[0]).toMatchObject({ rateLimitDuration: duration, rateLimitThreshold: 10 });
});

test('a limit on some frontends: only their listeners get the policy', () => {
  const spec = twoFrontends({ rateLimits: [{ name: 'admin-limit', limit: 50, windowSeconds: 60, scope: { frontends: ['admin'] }, responseStatus: 403 }] });
  expect(policies(spec).map((p) => [p.key, p.blockStatus])).toEqual([
    ['gateway', undefined],
    ['admin', 403],
  ]);
  const plan = planApplicationGateway(appgwScope(buildModel(spec)), 'shop', false)!;
  expect(plan.httpListeners.map((l) => [l.name, l.firewallPolicy])).toEqual([
    ['web', undefined],
    ['admin', 'admin'],
  ]);
});

test('allowed source CIDRs (nearest): a first rule that blocks every other client, with 403', () => {
  const [, frontend] = policies(
    l7Spec({
      frontends: [
        { name: 'web', protocol: 'http', port: 80, allowedSourceCidrs: ['10.0.0.0/8', '2001:db8::/32'], defaultAction: { forward: { pool: 'app' } } },
      ],
    }),
  );
  expect(frontend.blockStatus).toBe(403);
  expect(frontend.customRules[0]).toEqual({
    name: 'AllowedSources',
    priority: 1,
    ruleType: 'MatchRule',
    action: 'Block',
    matchConditions: [
      { variableName: 'RemoteAddr', operator: 'IPMatch', negationConditon: true, matchValues: ['10.0.0.0/8', '2001:db8::/32'], transforms: [] },
    ],
  });
});

test('managed rules wanted: no last allow rule, the OWASP set enforced', () => {
  const [gateway, frontend] = policies(l7Spec({ rateLimits: [{ name: 'burst', limit: 10, windowSeconds: 60 }] }), true);
  expect(gateway).toEqual({ key: 'gateway', name: 'shop-agw-waf', managedRules: 'enforced', customRules: [] });
  expect(frontend.customRules.map((r) => r.name)).toEqual(['Burst']);
});

describe("rule-scoped limits (nearest): conditions on the rule's own host and path", () => {
  const [, frontend] = policies(
    l7Spec({
      frontends: [
        {
          name: 'web',
          protocol: 'http',
          port: 80,
          rules: [
            {
              name: 'login',
              match: { hosts: ['shop.example.com', '*.eu.example.com'], paths: [{ prefix: '/login' }, { exact: '/auth.json' }] },
              action: { forward: { pool: 'app' } },
            },
            { name: 'rest', match: { paths: [{ prefix: '/' }] }, action: { forward: { pool: 'app' } } },
          ],
          defaultAction: { forward: { pool: 'app' } },
        },
      ],
      rateLimits: [{ name: 'logins', limit: 5, windowSeconds: 60, scope: { rules: ['web/login', 'web/rest'] } }],
    }),
  );
  const [login, rest] = frontend.customRules;
  const regex = (c: WafMatchConditionPlan) => new RegExp(c.matchValues[0]);

  test('one rate-limit rule per scoped rule', () => {
    expect([login.name, rest.name]).toEqual(['LoginsLogin', 'LoginsRest']);
    expect(rest.matchConditions).toEqual([EVERY_REQUEST]);
  });

  test.each([
    ['shop.example.com', true],
    ['shop.example.com:8080', true],
    ['a.b.eu.example.com', true],
    ['eu.example.com', false],
    ['evil-shop.example.com', false],
  ])('host %s matches: %s', (host, expected) => {
    const [hostCondition] = login.matchConditions;
    expect(hostCondition).toMatchObject({ variableName: 'RequestHeaders', selector: 'Host', operator: 'Regex', transforms: ['Lowercase'] });
    expect(regex(hostCondition).test(host)).toBe(expected);
  });

  test.each([
    ['/login', true],
    ['/login/', true],
    ['/login/step?x=1', true],
    ['/login?next=/', true],
    ['/loginx', false],
    ['/auth.json', true],
    ['/auth.json?a', true],
    ['/authxjson', false],
    ['/auth.json/x', false],
  ])('request URI %s matches: %s', (uri, expected) => {
    const pathCondition = login.matchConditions[1];
    expect(pathCondition).toMatchObject({ variableName: 'RequestUri', operator: 'Regex', transforms: [] });
    expect(regex(pathCondition).test(uri)).toBe(expected);
  });
});

test('WAF rule names keep letters and digits; two limits that collide are an error naming both', () => {
  expect(() =>
    policies(
      l7Spec({
        pools: [httpPool('app')],
        rateLimits: [
          { name: 'a-1', limit: 5, windowSeconds: 60 },
          { name: 'a1', limit: 6, windowSeconds: 60 },
        ],
      }),
    ),
  ).toThrow(/two WAF custom rules the name 'A1'/);
});
