/** Mapping rows of `protection` on Azure: WAF policy rules and rule sets (waf-protection.ts), DDoS IP Protection (ddos.ts). */
import { buildModel } from '../../lib/model/build';
import type { LoadBalancerSpec } from '../../lib/spec/schema';
import { AZURE_APPGW } from '../../providers/azure/capabilities';
import { describeAzure } from '../../providers/azure/describe';
import { planAzureTargets } from '../../providers/azure/plan';
import type { WafPolicyPlan } from '../../providers/azure/plan/types';
import { planWafPolicies } from '../../providers/azure/plan/waf';
import { PROTECTION_RULE_SETS, WAF_IP_RANGES_PER_CONDITION } from '../../providers/azure/plan/waf-protection';
import { appgwScope, l4Spec, l7Spec } from './helpers';

const ALLOW_NEAREST = ['azure-appgw:pool.fail-closed', 'azure-appgw:protection.managed-rules'];
const protectedSpec = (protection: NonNullable<LoadBalancerSpec['protection']>, extra: Partial<LoadBalancerSpec> = {}) =>
  l7Spec({
    frontends: [
      { name: 'web', protocol: 'http', port: 80, defaultAction: { forward: { pool: 'app' } } },
      { name: 'admin', protocol: 'http', port: 8080, defaultAction: { forward: { pool: 'app' } } },
    ],
    protection,
    allowNearest: ALLOW_NEAREST,
    ...extra,
  });
const policies = (spec: LoadBalancerSpec) => planWafPolicies(appgwScope(buildModel(spec)), 'shop-agw', false);
const policy = (spec: LoadBalancerSpec, key: string): WafPolicyPlan => policies(spec).find((p) => p.key === key)!;
/** A /32 per index, distinct: 10.x.y.z. */
const hosts = (n: number) => Array.from({ length: n }, (_, i) => `10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}/32`);

test('deny list, allow list and countries: Block rules in that order, before the rate limits, numbered without gaps', () => {
  const spec = protectedSpec(
    { frontends: ['web'], ipDeny: ['203.0.113.0/24'], ipAllow: ['198.51.100.0/24', '2001:db8::/32'], geo: { deny: ['KP'] } },
    { rateLimits: [{ name: 'per-ip', limit: 100, windowSeconds: 60, responseStatus: 403, scope: { frontends: ['web'] } }] },
  );
  const web = policy(spec, 'web');
  expect(web.customRules.map((r) => [r.name, r.priority, r.action])).toEqual([
    ['ProtectionIpDeny', 1, 'Block'],
    ['ProtectionIpAllow', 2, 'Block'],
    ['ProtectionGeo', 3, 'Block'],
    ['PerIp', 4, 'Block'],
    ['AllowRemaining', 100, 'Allow'],
  ]);
  expect(web.customRules[1].matchConditions).toEqual([
    { variableName: 'RemoteAddr', operator: 'IPMatch', negationConditon: true, matchValues: ['198.51.100.0/24', '2001:db8::/32'], transforms: [] },
  ]);
  expect(web.customRules[2].matchConditions).toEqual([
    { variableName: 'RemoteAddr', operator: 'GeoMatch', negationConditon: false, matchValues: ['KP'], transforms: [] },
  ]);
  // protection.frontends: the other frontend keeps the gateway's policy.
  expect(policies(spec).map((p) => p.key)).toEqual(['gateway', 'web']);
});

test('every http frontend is protected when protection names none; the gateway becomes WAF_v2 with listener policies', () => {
  const { plan, problems } = planAzureTargets(buildModel(protectedSpec({ ipDeny: ['203.0.113.7/32'] })));
  expect(problems['azure-appgw'].all).toEqual([]);
  expect(plan.applicationGateway!.sku).toBe('WAF_v2');
  expect(plan.applicationGateway!.httpListeners.map((l) => [l.name, l.firewallPolicy])).toEqual([
    ['web', 'web'],
    ['admin', 'admin'],
  ]);
});

test('a deny list over 600 ranges splits into rules (ORed); an allow list into conditions of one rule (ANDed)', () => {
  const n = WAF_IP_RANGES_PER_CONDITION + 1;
  const web = policy(protectedSpec({ frontends: ['web'], ipDeny: hosts(n), ipAllow: hosts(n).map((h) => h.replace(/^10\./, '11.')) }), 'web');
  const [deny1, deny2, allow] = web.customRules;
  expect([deny1.name, deny2.name, allow.name]).toEqual(['ProtectionIpDeny1', 'ProtectionIpDeny2', 'ProtectionIpAllow']);
  expect([deny1.matchConditions[0].matchValues.length, deny2.matchConditions[0].matchValues.length]).toEqual([600, 1]);
  expect(allow.matchConditions.map((c) => [c.negationConditon, c.matchValues.length])).toEqual([
    [true, 600],
    [true, 1],
  ]);
});

test("the spec's longest allow list (1000 ranges) fits one rule: 2 of its 10 conditions", () => {
  const web = policy(protectedSpec({ frontends: ['web'], ipAllow: hosts(1000) }), 'web');
  expect(web.customRules.map((r) => [r.name, r.matchConditions.map((c) => c.matchValues.length)])).toEqual([
    ['ProtectionIpAllow', [600, 400]],
    ['AllowRemaining', [1]],
  ]);
});

test.each([
  ['baseline', 'DRS 2.2 only', PROTECTION_RULE_SETS.baseline],
  ['strict', 'DRS 2.1 (paranoia level 2) and Bot Manager 1.1', PROTECTION_RULE_SETS.strict],
] as const)('managed rules %s: %s, enforced, no last allow rule', (level, _what, sets) => {
  const web = policy(protectedSpec({ frontends: ['web'], managedRules: { level } }), 'web');
  expect(web).toEqual({ key: 'web', name: 'shop-agw-waf-web', blockStatus: 403, managedRules: 'enforced', managedRuleSets: sets, customRules: [] });
});

test("detect: the policy's Detection mode; with blocking custom rules on the frontend it is a problem", () => {
  const detect = { level: 'baseline', mode: 'detect' } as const;
  expect(policy(protectedSpec({ frontends: ['web'], managedRules: detect }), 'web').mode).toBe('Detection');
  const { problems } = planAzureTargets(buildModel(protectedSpec({ frontends: ['web'], managedRules: detect, ipDeny: ['203.0.113.0/24'] })));
  expect(problems['azure-appgw'].all).toEqual([
    expect.objectContaining({ path: 'protection.managedRules.mode', message: expect.stringContaining('Detection mode only logs its custom rules') }),
  ]);
});

test('a rate limit on a protected frontend must answer 403 (one block status per WAF policy): a range problem with its path', () => {
  const model = buildModel({
    ...protectedSpec({ frontends: ['web'], ipDeny: ['203.0.113.0/24'] }, { rateLimits: [{ name: 'per-ip', limit: 100, windowSeconds: 60 }] }),
    strict: false,
  });
  const ranges = AZURE_APPGW.checkRanges!(appgwScope(model)).filter((v) => v.path.startsWith('rateLimits'));
  expect(ranges).toEqual([
    expect.objectContaining({ path: 'rateLimits[0].responseStatus', message: expect.stringContaining("answers 429 on protected frontend 'web'") }),
  ]);
});

describe('DDoS advanced: DDoS IP Protection on the public IPs', () => {
  test('the gateway: every public IP, the internal management address too', () => {
    const gateway = (scheme: 'external' | 'internal') =>
      planAzureTargets(buildModel(protectedSpec({ ddos: 'advanced' }, { scheme, ipAddressType: 'dualstack' }))).plan.applicationGateway!;
    expect(gateway('external').publicIps.map((ip) => [ip.ipVersion, ip.ddosProtection])).toEqual([
      ['IPv4', true],
      ['IPv6', true],
    ]);
    expect(gateway('internal').publicIps.map((ip) => ip.ddosProtection)).toEqual([true]);
    // DDoS alone puts no rule on the frontends: no WAF policy, Standard_v2.
    expect(gateway('external').sku).toBe('Standard_v2');
  });

  test('the load balancer: its public IPs; an internal one has none, a problem', () => {
    const lb = (scheme: 'external' | 'internal') => planAzureTargets(buildModel(l4Spec({ scheme, protection: { frontends: ['pg'], ddos: 'advanced' } })));
    expect(lb('external').plan.loadBalancer!.publicIps).toEqual([{ name: 'db-lb-ipv4', ipVersion: 'IPv4', ddosProtection: true }]);
    expect(lb('internal').problems['azure-lb'].all).toEqual([
      expect.objectContaining({ path: 'protection.ddos', message: expect.stringContaining('no public IP') }),
    ]);
  });

  test('platform (the default) protects nothing more', () => {
    const { plan } = planAzureTargets(buildModel(protectedSpec({ ddos: 'platform' })));
    expect(plan.applicationGateway!.publicIps.map((ip) => ip.ddosProtection)).toEqual([undefined]);
  });
});

test('lbkit plan lists the rule sets, the Detection mode, the protected addresses and the load balancer alerts', () => {
  const gateway = describeAzure(
    planAzureTargets(buildModel(protectedSpec({ frontends: ['web'], managedRules: { level: 'strict', mode: 'detect' }, ddos: 'advanced' }))).plan,
    'azure-appgw',
  );
  expect(gateway.map((r) => `${r.id}: ${r.detail}`)).toEqual(
    expect.arrayContaining([
      'shop-agw-ipv4: Standard, static, IPv4, DDoS IP Protection',
      'shop-agw-waf-web: 0 custom rules, Microsoft_DefaultRuleSet 2.1 + Microsoft_BotManagerRuleSet 1.1 enforced, Detection, blocks with 403',
    ]),
  );
  const model = buildModel(l4Spec({ alarms: [{ name: 'down', metric: 'unhealthy-members', pool: 'pg', threshold: 0 }], strict: false }));
  expect(describeAzure(planAzureTargets(model).plan, 'azure-lb').find((r) => r.type === 'Microsoft.Insights/metricAlerts')).toEqual({
    type: 'Microsoft.Insights/metricAlerts',
    id: 'db-lb-down',
    detail: 'DipAvailability Average LessThanOrEqual 0 over PT5M',
  });
});
