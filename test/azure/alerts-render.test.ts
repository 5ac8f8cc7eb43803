/**
 * Metric alerts under Pulumi's mocks: what the component registers for the spec's alarms, checked against the
 * documented Microsoft.Insights/metricAlerts rules (no @azure/arm-monitor REST model is installed, so the shape is
 * held to @pulumi/azure-native's input types by tsc and to the documented values here).
 */
import * as pulumi from '@pulumi/pulumi';
import { mockPulumi, settle } from '../support/pulumi';

const recorder = mockPulumi(() => ({}));

import { buildModel } from '../../lib/model/build';
import { LoadBalancer, AzurePropsError } from '../../providers/azure';
import { ALERT_WINDOWS_MINUTES } from '../../providers/azure/plan/alerts';
import { GATEWAY_SUBNET, IDENTITY, l7Spec, RESOURCE_GROUP, SUBSCRIPTION } from './helpers';

const AG = `/subscriptions/${SUBSCRIPTION}/resourceGroups/${RESOURCE_GROUP}/providers/Microsoft.Insights/actionGroups/ops`;
const WINDOWS = new Set(ALERT_WINDOWS_MINUTES.map((m) => (m % 60 === 0 ? `PT${m / 60}H` : `PT${m}M`)));
const model = buildModel({
  ...l7Spec({
    alarms: [
      { name: 'down', metric: 'unhealthy-members', pool: 'app', threshold: 0, notify: 'ops' },
      { name: 'none', metric: 'healthy-members', pool: 'app', threshold: 1, evaluationPeriods: 1 },
      { name: 'refused', metric: 'rate-limited', threshold: 1000, periodSeconds: 300, notify: 'ops' },
    ],
  }),
  allowNearest: ['azure-appgw:pool.fail-closed', 'azure-appgw:alarm.rate-limited'],
});
const props = {
  resourceGroupName: RESOURCE_GROUP,
  location: 'westeurope',
  subscriptionId: SUBSCRIPTION,
  model,
  applicationGateway: { subnetId: GATEWAY_SUBNET, identityId: IDENTITY },
};

let warn: jest.SpyInstance;
beforeAll(() => {
  warn = jest.spyOn(pulumi.log, 'warn').mockImplementation(async () => undefined);
});
afterAll(() => warn.mockRestore());

test('one global metric alert per planned alarm, scoped to the gateway, with the action group of its notify', async () => {
  recorder.reset();
  const lb = new LoadBalancer('ops', { ...props, actionGroups: { ops: AG } });
  await settle(recorder, [lb]);
  const alerts = recorder.resources.filter((r) => r.type === 'azure-native:monitor:MetricAlert');
  const gateway = recorder.resources.find((r) => r.type === 'azure-native:network:ApplicationGateway')!;
  expect(alerts.map((a) => a.name).sort()).toEqual(['ops-alert-down', 'ops-alert-none', 'ops-alert-refused']);
  for (const a of alerts) {
    const i = a.inputs as Record<string, any>;
    expect(i.location).toBe('global');
    expect(i.scopes).toEqual([`${gateway.name}-id`]); // the mocks give a resource the id `<name>-id`
    // Documented: windowSize one of PT1M..PT24H, evaluationFrequency not longer than windowSize, severity 0-4.
    expect(WINDOWS.has(i.windowSize)).toBe(true);
    expect(i.evaluationFrequency).toBe('PT1M');
    expect(i.severity).toBeGreaterThanOrEqual(0);
    expect(i.severity).toBeLessThanOrEqual(4);
    expect(i.criteria.odataType).toBe('Microsoft.Azure.Monitor.SingleResourceMultipleMetricCriteria');
    expect(i.criteria.allOf).toHaveLength(1);
    expect(i.criteria.allOf[0].metricNamespace).toBe('Microsoft.Network/applicationGateways');
  }
  const inputs = (n: string) => alerts.find((a) => a.name === n)!.inputs as Record<string, any>;
  expect(inputs('ops-alert-down').actions).toEqual([{ actionGroupId: AG }]);
  expect(inputs('ops-alert-none').actions).toBeUndefined();
  expect(inputs('ops-alert-none').windowSize).toBe('PT1M');
  expect(inputs('ops-alert-refused').criteria.allOf[0]).toMatchObject({ metricName: 'AzwafCustomRule', timeAggregation: 'Total', threshold: 1000 });
});

test('a notify without its action group is refused before anything is created', () => {
  expect(() => new LoadBalancer('ops-missing', props)).toThrow(AzurePropsError);
});
