/** Member alarms on the Azure Load Balancer: DipAvailability metric alerts (plan/lb-alerts.ts), rendered and placed. */
import * as pulumi from '@pulumi/pulumi';
import { mockPulumi, settle } from '../support/pulumi';

const recorder = mockPulumi(() => ({}));

import { buildModel } from '../../lib/model/build';
import type { AlarmSpec, LoadBalancerSpec } from '../../lib/spec/schema';
import { AzurePropsError, LoadBalancer } from '../../providers/azure';
import { AZURE_LB } from '../../providers/azure/capabilities';
import { planAzure } from '../../providers/azure/plan';
import { httpPool, l4Spec, lbScope, MEMBER_SUBNET, RESOURCE_GROUP, SUBSCRIPTION } from './helpers';

const AG = `/subscriptions/${SUBSCRIPTION}/resourceGroups/${RESOURCE_GROUP}/providers/Microsoft.Insights/actionGroups/ops`;
const ALLOW_NEAREST = ['azure-lb:pool.health.tcp', 'azure-lb:alarm.unhealthy-members', 'azure-lb:alarm.healthy-members'];
const DOWN: AlarmSpec = { name: 'down', metric: 'unhealthy-members', pool: 'pg', threshold: 0, periodSeconds: 60, evaluationPeriods: 5, notify: 'ops' };
const NONE: AlarmSpec = { name: 'none', metric: 'healthy-members', pool: 'pg', threshold: 1, evaluationPeriods: 1 };
const spec = (alarms: AlarmSpec[], extra: Partial<LoadBalancerSpec> = {}) => l4Spec({ alarms, allowNearest: ALLOW_NEAREST, ...extra });

let warn: jest.SpyInstance;
beforeAll(() => {
  warn = jest.spyOn(pulumi.log, 'warn').mockImplementation(async () => undefined);
});
afterAll(() => warn.mockRestore());

test("unhealthy-members: one series per member of the pool's rule, Average <= 0 over the whole evaluation", () => {
  const [alert, ...others] = planAzure(buildModel(spec([DOWN]))).loadBalancer!.metricAlerts!;
  expect(others).toEqual([]);
  expect(alert).toMatchObject({
    name: 'db-lb-down',
    alarm: 'down',
    path: 'alarms[0]',
    metricName: 'DipAvailability',
    metricNamespace: 'Microsoft.Network/loadBalancers',
    timeAggregation: 'Average',
    operator: 'LessThanOrEqual',
    threshold: 0,
    windowSize: 'PT5M',
    evaluationFrequency: 'PT1M',
    notify: 'ops',
  });
  // The pool's rule (frontend 5432 -> backend 5432), one series per member.
  expect(alert.dimensions.map((d) => `${d.name} ${d.operator} ${d.values.join(',')}`)).toEqual([
    'FrontendPort Include 5432',
    'BackendPort Include 5432',
    'BackendIPAddress Include *',
  ]);
});

test('healthy-members below 1: the pool as a whole (no member split); windows round up to the next Azure window', () => {
  const [alert] = planAzure(buildModel(spec([{ ...NONE, periodSeconds: 300, evaluationPeriods: 2 }]))).loadBalancer!.metricAlerts!;
  expect(alert.dimensions.map((d) => d.name)).toEqual(['FrontendPort', 'BackendPort']);
  expect(alert).toMatchObject({ operator: 'LessThanOrEqual', threshold: 0, windowSize: 'PT15M' });
});

test("dualstack: the IPv4 and IPv6 rules of the pool share their ports; an alarm on a pool of the gateway is not the load balancer's", () => {
  const [alert] = planAzure(buildModel(spec([NONE], { ipAddressType: 'dualstack' }))).loadBalancer!.metricAlerts!;
  expect(alert.dimensions.slice(0, 2).map((d) => d.values)).toEqual([['5432'], ['5432']]);
  const mixed = spec([{ ...NONE, pool: 'app' }], {
    frontends: [...l4Spec().frontends, { name: 'web', protocol: 'http', port: 80, defaultAction: { forward: { pool: 'app' } } }],
    pools: [...l4Spec().pools!, httpPool('app')],
    allowNearest: [...ALLOW_NEAREST, 'azure-appgw:pool.fail-closed'],
  });
  const plan = planAzure(buildModel(mixed));
  expect(plan.loadBalancer!.metricAlerts).toBeUndefined();
  expect(plan.applicationGateway!.metricAlerts!.map((a) => a.metricName)).toEqual(['HealthyHostCount']);
});

test.each([
  ['unhealthy-members', 1, '0'],
  ['healthy-members', 2, '1'],
] as const)('%s at threshold %i is outside what DipAvailability expresses (accepted: %s)', (metric, threshold, accepted) => {
  const model = buildModel({ ...spec([{ name: 'a', metric, pool: 'pg', threshold }]), strict: false });
  expect(AZURE_LB.checkRanges!(lbScope(model))).toEqual([
    expect.objectContaining({ path: 'alarms[0].threshold', accepted: expect.stringContaining(accepted) }),
  ]);
});

describe('rendered', () => {
  const props = (model: ReturnType<typeof buildModel>) => ({
    resourceGroupName: RESOURCE_GROUP,
    location: 'westeurope',
    subscriptionId: SUBSCRIPTION,
    model,
    loadBalancer: { subnetId: MEMBER_SUBNET },
  });

  test('a global metric alert scoped to the load balancer, named apart from the gateway alert of the same alarm', async () => {
    recorder.reset();
    const lb = new LoadBalancer('ops', { ...props(buildModel(spec([DOWN, NONE]))), actionGroups: { ops: AG } });
    await settle(recorder, [lb]);
    const balancer = recorder.resources.find((r) => r.type === 'azure-native:network:LoadBalancer')!;
    const alerts = recorder.resources.filter((r) => r.type === 'azure-native:monitor:MetricAlert');
    expect(alerts.map((a) => a.name).sort()).toEqual(['ops-lb-alert-down', 'ops-lb-alert-none']);
    const down = alerts.find((a) => a.name === 'ops-lb-alert-down')!.inputs as Record<string, any>;
    expect(down).toMatchObject({ ruleName: 'db-lb-down', location: 'global', scopes: [`${balancer.name}-id`], actions: [{ actionGroupId: AG }] });
    expect(down.criteria.allOf[0]).toMatchObject({
      metricName: 'DipAvailability',
      metricNamespace: 'Microsoft.Network/loadBalancers',
      timeAggregation: 'Average',
    });
  });

  test('a notify without its action group is refused before anything is created', () => {
    expect(() => new LoadBalancer('ops-missing', props(buildModel(spec([DOWN]))))).toThrow(AzurePropsError);
  });
});
