/** Cloud Armor protection: managed WAF rules, IP lists, countries, Adaptive Protection, their priority bands and ranges; the rate-limited alert. */
import { CapabilityError } from '../../lib/errors';
import { buildModel } from '../../lib/model/build';
import type { LoadBalancerSpec, ProtectionSpec } from '../../lib/spec/schema';
import { compileForGcp, LoadBalancer } from '../../providers/gcp';
import { planGcp } from '../../providers/gcp/plan';
import { matchSubexpressions } from '../../providers/gcp/armor-limits';
import { DEFAULT_RULE_PRIORITY, ruleExpression } from '../../providers/gcp/plan/armor';
import { managedRuleSets } from '../../providers/gcp/plan/armor-protection';
import { seriesFilter } from '../../providers/gcp/render/alerts';
import { mockPulumi, settle } from '../support/pulumi';
import { subexpressions } from './api/rules';
import { autonamed, placeAnything, twoFrontends } from './fixtures';

const rec = mockPulumi(autonamed);
beforeAll(() => {
  jest.spyOn(console, 'warn').mockImplementation(() => undefined);
});

const spec = (protection: ProtectionSpec, overrides: Partial<LoadBalancerSpec> = {}): LoadBalancerSpec => twoFrontends({ protection, ...overrides });
const plan = (s: LoadBalancerSpec, global = true) => planGcp(buildModel(s), { global });
const rulesOf = (s: LoadBalancerSpec, global = true) => plan(s, global).securityPolicies[0].rules;
const ranges = (n: number, third = 0) => Array.from({ length: n }, (_, i) => `10.${third}.${i}.0/24`);
const compileError = (s: LoadBalancerSpec, global = true): CapabilityError | undefined => {
  try {
    compileForGcp(placeAnything(buildModel(s), { global }));
    return undefined;
  } catch (e) {
    if (e instanceof CapabilityError) return e;
    throw e;
  }
};

describe('plan: rules and priority bands', () => {
  test('ipDeny: srcIpRanges deny(403) rules of 10 ranges from priority 200; the default rule allows', () => {
    const rules = rulesOf(spec({ ipDeny: ranges(23) }));
    expect(rules.map((r) => [r.priority, r.action, 'srcIpRanges' in r.match ? r.match.srcIpRanges.length : 'expr'])).toEqual([
      [200, 'deny(403)', 10],
      [201, 'deny(403)', 10],
      [202, 'deny(403)', 3],
      [DEFAULT_RULE_PRIORITY, 'allow', 1],
    ]);
  });

  test('ipAllow up to 5 ranges: one deny(403) rule on the negation at 300, before the rate limits', () => {
    const rules = rulesOf(
      spec({ ipAllow: ['10.0.0.0/8', '192.168.0.0/16'] }, { rateLimits: [{ name: 'per-ip', limit: 100, windowSeconds: 60, responseStatus: 429 }] }),
    );
    expect(rules.map((r) => [r.priority, r.action])).toEqual([
      [300, 'deny(403)'],
      [1000, 'throttle'],
      [DEFAULT_RULE_PRIORITY, 'allow'],
    ]);
    expect(rules[0].match).toEqual({ expression: "!(inIpRange(origin.ip, '10.0.0.0/8') || inIpRange(origin.ip, '192.168.0.0/16'))" });
  });

  test('ipAllow over 5 ranges (no rate limit): allow rules of 10 at the end and the default rule deny(403)', () => {
    const rules = rulesOf(spec({ ipAllow: ranges(12), ipDeny: ['10.0.5.7/32'] }));
    expect(rules.map((r) => [r.priority, r.action])).toEqual([
      [200, 'deny(403)'],
      [100000, 'allow'],
      [100001, 'allow'],
      [DEFAULT_RULE_PRIORITY, 'deny(403)'],
    ]);
  });

  test('geo deny: 5 countries a rule on origin.region_code; geo allow: the negation', () => {
    const deny = rulesOf(spec({ geo: { deny: ['KP', 'IR', 'SY', 'CU', 'RU', 'BY'] } }));
    expect(deny.slice(0, 2).map((r) => [r.priority, r.match])).toEqual([
      [
        310,
        {
          expression:
            "(origin.region_code == 'KP' || origin.region_code == 'IR' || origin.region_code == 'SY' || origin.region_code == 'CU' || origin.region_code == 'RU')",
        },
      ],
      [311, { expression: "origin.region_code == 'BY'" }],
    ]);
    const allow = rulesOf(spec({ geo: { allow: ['DE', 'AT'] } }));
    expect(allow[0]).toMatchObject({
      priority: 310,
      action: 'deny(403)',
      match: { expression: "!(origin.region_code == 'DE' || origin.region_code == 'AT')" },
    });
  });

  test.each([
    ['baseline', 1, ['sqli', 'xss', 'lfi', 'rfi', 'rce']],
    ['strict', 2, ['sqli', 'xss', 'lfi', 'rfi', 'rce', 'scannerdetection', 'protocolattack', 'java']],
  ] as const)('managed rules %s: one deny(403) rule per preconfigured set at sensitivity %d', (level, sensitivity, sets) => {
    const rules = rulesOf(spec({ managedRules: { level } }));
    const waf = rules.filter((r) => r.priority >= 400 && r.priority < 1000);
    expect(waf.map((r) => ('expression' in r.match ? r.match.expression : ''))).toEqual(
      sets.map((s) => `evaluatePreconfiguredWaf('${s}-v33-stable', {'sensitivity': ${sensitivity}})`),
    );
    expect(waf.every((r) => r.action === 'deny(403)' && r.preview === undefined)).toBe(true);
    expect(managedRuleSets(level).names).toHaveLength(sets.length);
  });

  test('managed rules in detect mode are previewed (not enforced)', () => {
    const rules = rulesOf(spec({ managedRules: { level: 'baseline', mode: 'detect' } }));
    expect(rules.filter((r) => r.preview).map((r) => r.priority)).toEqual([400, 401, 402, 403, 404]);
  });

  test('every part together: bands never collide with allowedSourceCidrs (100) or the rate limits (1000+)', () => {
    const s = spec(
      { ipDeny: ranges(11), ipAllow: ['10.0.0.0/8'], geo: { deny: ['KP'] }, managedRules: { level: 'strict' } },
      { rateLimits: Array.from({ length: 3 }, (_, i) => ({ name: `l${i}`, limit: 100, windowSeconds: 60 })) },
    );
    s.frontends[0].allowedSourceCidrs = ['10.0.0.0/8'];
    const priorities = rulesOf(s).map((r) => r.priority);
    expect(priorities).toEqual([100, 200, 201, 300, 310, 400, 401, 402, 403, 404, 405, 406, 407, 1000, 1001, 1002, DEFAULT_RULE_PRIORITY]);
  });

  test('protection.frontends narrows the policy to those frontends; others keep no policy', () => {
    const p = plan(spec({ frontends: ['admin'], ipDeny: ['203.0.113.0/24'] }));
    expect(p.securityPolicies.map((x) => x.frontends)).toEqual([['admin']]);
    expect(p.backendServices.map((s) => [s.pool, s.securityPolicy])).toEqual([
      ['app', undefined],
      ['ops', 'armor-admin'],
    ]);
  });

  test('ddos advanced: Adaptive Protection on the global policy (a policy even without rules); regional policies never carry it', () => {
    const global = plan(spec({ ddos: 'advanced' }));
    expect(global.securityPolicies).toEqual([
      {
        id: 'armor-web',
        regional: false,
        frontends: ['web', 'admin'],
        adaptiveProtection: true,
        rules: [{ priority: DEFAULT_RULE_PRIORITY, description: 'everything else', action: 'allow', match: { srcIpRanges: ['*'] } }],
      },
    ]);
    expect(plan(spec({ ddos: 'advanced', ipDeny: ['10.0.0.0/8'] }), false).securityPolicies[0].adaptiveProtection).toBeUndefined();
  });
});

describe('ranges: what the rules cannot hold is refused with the path', () => {
  test('more than 5 allowed ranges on a rate-limited frontend', () => {
    const e = compileError(
      spec({ ipAllow: ranges(6) }, { rateLimits: [{ name: 'l', limit: 100, windowSeconds: 60 }], allowNearest: ['rate-limit.client-ip'] }),
    );
    expect(e?.diagnostics.map((d) => d.path)).toEqual(['protection.ipAllow']);
    expect(e?.diagnostics[0].message).toMatch(/conform action is allow/);
  });

  test('more than 5 allowed countries; 1000 denied ranges (the most the spec takes) fit', () => {
    const e = compileError(
      spec({ geo: { allow: ['DE', 'AT', 'CH', 'FR', 'IT', 'ES'] }, ipDeny: [...ranges(250, 1), ...ranges(250, 2), ...ranges(250, 3), ...ranges(250, 4)] }),
    );
    expect(e?.diagnostics.map((d) => d.path)).toEqual(['protection.geo.allow']);
    expect(
      compileError(
        spec({ geo: { deny: Array.from({ length: 51 }, (_, i) => `${String.fromCharCode(65 + (i % 26))}${String.fromCharCode(65 + Math.floor(i / 26))}`) } }),
      )?.diagnostics.map((d) => d.path),
    ).toEqual(['protection.geo.deny']);
  });

  test('frontends sharing a pool with and without protection are refused (Cloud Armor applies per backend service)', () => {
    const s = spec({ frontends: ['web'], ipDeny: ['10.0.0.0/8'] });
    s.frontends[1].defaultAction = { forward: { pool: 'app' } };
    expect(compileError(s)?.diagnostics.map((d) => d.path)).toContain('pools[0]');
  });

  test('more than 5 allowedSourceCidrs, a rate limit scoped to rules of more than 5 subexpressions', () => {
    const s = spec(
      {},
      {
        rateLimits: [{ name: 'login', limit: 10, windowSeconds: 60, scope: { rules: ['web/a'] } }],
        allowNearest: ['rate-limit.client-ip', 'rate-limit.rule-scope'],
      },
    );
    delete s.protection;
    s.frontends[0].allowedSourceCidrs = ranges(6);
    s.frontends[0].rules = [
      { name: 'a', match: { paths: [{ prefix: '/login' }], methods: ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'] }, action: { forward: { pool: 'app' } } },
    ];
    const ranged = compileError({ ...s, allowNearest: [...s.allowNearest!, 'frontend.allowed-source-cidrs'] })?.diagnostics;
    expect(ranged?.map((d) => [d.feature, d.path])).toEqual([
      ['range', 'frontends[0].allowedSourceCidrs'],
      ['range', 'rateLimits[0].scope.rules'],
    ]);
  });

  test('within the ranges, every part compiles on both ALBs', () => {
    const s = spec({ ipDeny: ranges(30), ipAllow: ranges(12), geo: { deny: ['KP'] }, managedRules: { level: 'strict' } });
    expect(compileError(s)).toBeUndefined();
    expect(compileError(s, false)).toBeUndefined();
  });
});

test('the columns count the subexpressions of a rule scope as the rendered CEL expression has them', () => {
  const model = buildModel(
    spec(
      {},
      {
        frontends: [
          {
            name: 'web',
            protocol: 'http',
            port: 80,
            rules: [
              { name: 'a', match: { hosts: ['a.example.com'], paths: [{ prefix: '/x' }], methods: ['GET', 'POST'] }, action: { forward: { pool: 'app' } } },
              {
                name: 'b',
                match: { headers: [{ name: 'x-a', present: true }], query: [{ name: 'q', exact: '1' }], sourceCidrs: ['10.0.0.0/8', '192.168.0.0/16'] },
                action: { forward: { pool: 'app' } },
              },
              { name: 'c', match: { paths: [{ exact: '/y' }, { regex: '/z|/w' }] }, action: { forward: { pool: 'app' } } },
            ],
            defaultAction: { forward: { pool: 'app' } },
          },
        ],
        pools: [{ name: 'app', protocol: 'http', port: 8080 }],
      },
    ),
  );
  const counts = model.frontends[0].rules.map((r) => [matchSubexpressions(r.match), subexpressions(ruleExpression(r.match))]);
  expect(counts).toEqual([
    [4, 4],
    [4, 4],
    [1, 1],
  ]);
});

describe('the rate-limited alarm', () => {
  test("an alert on Cloud Armor's blocked request count of the load balancer's policies; pool is ignored", () => {
    const [a] = plan(spec({ ipDeny: ['10.0.0.0/8'] }, { alarms: [{ name: 'refused', metric: 'rate-limited', threshold: 100, pool: 'app' }] })).alertPolicies;
    expect(a).toMatchObject({
      id: 'alert-refused',
      series: {
        metricType: 'networksecurity.googleapis.com/https/request_count',
        resourceType: 'network_security_policy',
        labels: ['metric.labels.blocked = true'],
      },
      securityPolicies: ['armor-web'],
      urlMaps: [],
      backendServices: [],
      aligner: 'ALIGN_DELTA',
      reducer: 'REDUCE_SUM',
      threshold: 100,
    });
    expect(seriesFilter(a.series, [], [], ['p1'])).toBe(
      'metric.type = "networksecurity.googleapis.com/https/request_count" AND resource.type = "network_security_policy" AND resource.labels.policy_name = one_of("p1") AND metric.labels.blocked = true',
    );
  });

  test('without a Cloud Armor policy nothing can be refused: no alert is planned', () => {
    const s = spec({ ddos: 'platform' }, { alarms: [{ name: 'refused', metric: 'rate-limited', threshold: 1 }] });
    expect(plan(s).alertPolicies).toEqual([]);
  });
});

describe('advanced network DDoS protection (passthrough)', () => {
  const l4 = (overrides: Partial<LoadBalancerSpec> = {}): LoadBalancerSpec => ({
    name: 'n',
    frontends: [{ name: 'db', protocol: 'tcp', port: 5432, defaultAction: { forward: { pool: 'pg' } } }],
    pools: [{ name: 'pg', protocol: 'tcp', port: 5432 }],
    protection: { frontends: ['db'], ddos: 'advanced' },
    allowNearest: ['protection.ddos-advanced'],
    ...overrides,
  });

  test('external: a CLOUD_ARMOR_NETWORK policy with ADVANCED and the network edge security service of the region', async () => {
    expect(plan(l4(), false).networkDdos).toEqual({ id: 'armor-network', frontends: ['db'] });
    rec.reset();
    await settle(rec, [new LoadBalancer('n', placeAnything(buildModel(l4()), { global: false }))]);
    expect(rec.get('gcp:compute/regionSecurityPolicy:RegionSecurityPolicy', 'n-armor-network').inputs).toMatchObject({
      type: 'CLOUD_ARMOR_NETWORK',
      ddosProtectionConfig: { ddosProtection: 'ADVANCED' },
      region: 'europe-west1',
    });
    expect(rec.get('gcp:compute/networkEdgeSecurityService:NetworkEdgeSecurityService', 'n-network-edge-security').inputs).toMatchObject({
      region: 'europe-west1',
      securityPolicy: expect.stringContaining('n-armor-network'),
    });
  });

  test('without ddos advanced, or on a frontend protection does not name, nothing is planned; internal is refused', () => {
    expect(plan(l4({ protection: { frontends: ['db'], ddos: 'platform' } }), false).networkDdos).toBeUndefined();
    expect(plan(l4({ protection: { ddos: 'advanced' } }), false).networkDdos).toBeUndefined();
    expect(compileError(l4({ scheme: 'internal' }), false)?.diagnostics.map((d) => [d.feature, d.path])).toEqual([['range', 'protection.ddos']]);
  });
});

describe('render', () => {
  const inputs = (type: string, name: string) => rec.get(`gcp:${type}`, name).inputs as Record<string, any>;

  test('SecurityPolicy rules carry preview and expressions; Adaptive Protection; the alert names the rendered policy', async () => {
    rec.reset();
    const model = buildModel(
      spec(
        { managedRules: { level: 'baseline', mode: 'detect' }, geo: { deny: ['KP'] }, ddos: 'advanced' },
        { alarms: [{ name: 'refused', metric: 'rate-limited', threshold: 10 }] },
      ),
    );
    await settle(rec, [new LoadBalancer('r', placeAnything(model))]);
    const policy = inputs('compute/securityPolicy:SecurityPolicy', 'r-armor-web');
    expect(policy.adaptiveProtectionConfig).toEqual({ layer7DdosDefenseConfig: { enable: true } });
    expect(policy.rules.map((r: any) => [r.priority, r.preview])).toEqual([
      [310, false],
      [400, true],
      [401, true],
      [402, true],
      [403, true],
      [404, true],
      [DEFAULT_RULE_PRIORITY, false],
    ]);
    expect(policy.rules[1].match).toEqual({ expr: { expression: "evaluatePreconfiguredWaf('sqli-v33-stable', {'sensitivity': 1})" } });
    const alert = inputs('monitoring/alertPolicy:AlertPolicy', 'r-alert-refused');
    expect(alert.conditions[0].conditionThreshold.filter).toContain('resource.labels.policy_name = one_of("r-armor-web")');
  });
});
