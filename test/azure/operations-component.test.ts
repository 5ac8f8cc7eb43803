/**
 * Protection and alarms through the lbkit:azure:LoadBalancer component under Pulumi's mocks: the resource graph
 * of a spec with both layers, request protection, DDoS and member alarms (snapshot), and what the snapshot must
 * hold whatever else changes: the protected listeners' WAF policy, the DDoS settings and the alerts' scopes.
 */
import * as pulumi from '@pulumi/pulumi';
import { mockPulumi, settle, snapshotOf, type RecordedResource } from '../support/pulumi';

const recorder = mockPulumi(() => ({}));

import { buildModel } from '../../lib/model/build';
import { LoadBalancer } from '../../providers/azure';
import { GATEWAY_SUBNET, httpPool, IDENTITY, l4Spec, MEMBER_SUBNET, RESOURCE_GROUP, SUBSCRIPTION, VNET } from './helpers';

const AG = `/subscriptions/${SUBSCRIPTION}/resourceGroups/${RESOURCE_GROUP}/providers/Microsoft.Insights/actionGroups/ops`;
const l4 = l4Spec();
const model = buildModel({
  name: 'ops',
  frontends: [...l4.frontends, { name: 'web', protocol: 'http', port: 80, defaultAction: { forward: { pool: 'app' } } }],
  pools: [...l4.pools!, httpPool('app')],
  protection: {
    // Request protection takes http/https frontends only (the spec refuses it on 'pg'): the DDoS tier follows them.
    frontends: ['web'],
    ipDeny: ['203.0.113.0/24'],
    ipAllow: ['198.51.100.0/24', '2001:db8::/32'],
    geo: { deny: ['KP'] },
    managedRules: { level: 'strict' },
    ddos: 'advanced',
  },
  alarms: [
    { name: 'pg-down', metric: 'unhealthy-members', pool: 'pg', threshold: 0, notify: 'ops' },
    { name: 'app-none', metric: 'healthy-members', pool: 'app', threshold: 1, notify: 'ops' },
  ],
  allowNearest: ['azure-lb:pool.health.tcp', 'azure-appgw:pool.fail-closed', 'azure-appgw:protection.managed-rules', 'azure-lb:alarm.unhealthy-members'],
});

let resources: RecordedResource[] = [];
beforeAll(async () => {
  jest.spyOn(pulumi.log, 'warn').mockImplementation(async () => undefined);
  recorder.reset();
  const component = new LoadBalancer('ops', {
    resourceGroupName: RESOURCE_GROUP,
    location: 'westeurope',
    subscriptionId: SUBSCRIPTION,
    model,
    applicationGateway: { subnetId: GATEWAY_SUBNET, identityId: IDENTITY },
    loadBalancer: { subnetId: MEMBER_SUBNET, virtualNetworkId: VNET },
    actionGroups: { ops: AG },
  });
  await settle(recorder, [component]);
  resources = [...recorder.resources];
});

const ofType = (type: string) => resources.filter((r) => r.type === `azure-native:${type}`);

test('resource graph', () => {
  expect(snapshotOf(recorder)).toMatchSnapshot();
});

test("the protected listener's policy carries the protection rules and the strict rule sets, in Prevention", () => {
  const policy = ofType('network:WebApplicationFirewallPolicy').find((p) => p.name === 'ops-waf-web')!.inputs as Record<string, any>;
  expect(policy.managedRules).toEqual({
    managedRuleSets: [
      { ruleSetType: 'Microsoft_DefaultRuleSet', ruleSetVersion: '2.1' },
      { ruleSetType: 'Microsoft_BotManagerRuleSet', ruleSetVersion: '1.1' },
    ],
  });
  expect(policy.policySettings).toMatchObject({ mode: 'Prevention', customBlockResponseStatusCode: 403 });
  expect(policy.customRules.map((r: Record<string, any>) => [r.name, r.priority, r.matchConditions[0].operator])).toEqual([
    ['ProtectionIpDeny', 1, 'IPMatch'],
    ['ProtectionIpAllow', 2, 'IPMatch'],
    ['ProtectionGeo', 3, 'GeoMatch'],
  ]);
  const gateway = ofType('network:ApplicationGateway')[0].inputs as Record<string, any>;
  expect(gateway.sku).toEqual({ name: 'WAF_v2', tier: 'WAF_v2' });
});

test("DDoS IP Protection on the protected gateway's address only; alerts scoped to their resources", () => {
  expect(ofType('network:PublicIPAddress').map((ip) => [ip.name, ip.inputs.ddosSettings])).toEqual([
    ['ops-lb-ipv4', undefined],
    ['ops-agw-ipv4', { protectionMode: 'Enabled' }],
  ]);
  const scope = (type: string) => `${ofType(type)[0].name}-id`;
  expect(ofType('monitor:MetricAlert').map((a) => [a.name, (a.inputs.scopes as string[])[0]])).toEqual([
    ['ops-lb-alert-pg-down', scope('network:LoadBalancer')],
    ['ops-alert-app-none', scope('network:ApplicationGateway')],
  ]);
});
