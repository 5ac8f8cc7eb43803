/** The metric alert checker (support/monitor-check.ts) on the alerts lbkit renders, and its teeth. */
import * as pulumi from '@pulumi/pulumi';
import { mockPulumi, settle, type RecordedResource } from '../support/pulumi';

const recorder = mockPulumi(() => ({}));

import { buildModel } from '../../lib/model/build';
import type { AlarmSpec } from '../../lib/spec/schema';
import { LoadBalancer } from '../../providers/azure';
import { GATEWAY_SUBNET, IDENTITY, l4Spec, l7Spec, MEMBER_SUBNET, RESOURCE_GROUP, SUBSCRIPTION } from './helpers';
import { METRIC_ALERT, MetricAlertChecker } from './support/monitor-check';

let alerts: RecordedResource[] = [];
const PLACE = { resourceGroupName: RESOURCE_GROUP, location: 'westeurope', subscriptionId: SUBSCRIPTION };
const ALARMS = (pool: string): AlarmSpec[] => [
  { name: 'down', metric: 'unhealthy-members', pool, threshold: 0 },
  { name: 'none', metric: 'healthy-members', pool, threshold: 1 },
];

beforeAll(async () => {
  jest.spyOn(pulumi.log, 'warn').mockImplementation(async () => undefined);
  const gateway = new LoadBalancer('agw', {
    ...PLACE,
    model: buildModel({
      ...l7Spec({
        alarms: [
          ...ALARMS('app'),
          { name: 'errors', metric: '5xx-count', threshold: 10 },
          { name: 'refused', metric: 'rate-limited', threshold: 10, notify: 'ops' },
        ],
      }),
      strict: false,
    }),
    applicationGateway: { subnetId: GATEWAY_SUBNET, identityId: IDENTITY },
    actionGroups: { ops: '/subscriptions/s/resourceGroups/r/providers/Microsoft.Insights/actionGroups/ops' },
  });
  const balancer = new LoadBalancer('lb', {
    ...PLACE,
    model: buildModel({ ...l4Spec({ alarms: ALARMS('pg') }), strict: false }),
    loadBalancer: { subnetId: MEMBER_SUBNET },
  });
  await settle(recorder, [gateway, balancer]);
  alerts = recorder.resources.filter((r) => r.type === METRIC_ALERT);
});

test("every metric alert lbkit renders fits azure-native's MetricAlert input types and the documented metrics", () => {
  expect(alerts).toHaveLength(6);
  const checker = new MetricAlertChecker();
  checker.check(alerts);
  expect(checker.checked).toBe(6);
  expect(checker.findings).toEqual([]);
});

describe('teeth: planted faults are caught', () => {
  const planted = (change: (i: Record<string, any>) => void) => {
    const inputs = JSON.parse(JSON.stringify(alerts.find((a) => a.name === 'lb-lb-alert-down')!.inputs));
    change(inputs);
    const checker = new MetricAlertChecker();
    checker.check([{ ...alerts[0], inputs }]);
    return checker.findings.map((f) => `${f.path} [${f.rule}]`);
  };
  test.each([
    ['misspelt property', (i: Record<string, any>) => (i.windowsize = 'PT5M'), 'windowsize [unknown-property]'],
    ['missing required', (i: Record<string, any>) => delete i.severity, 'severity [required]'],
    ['unknown operator', (i: Record<string, any>) => (i.criteria.allOf[0].operator = 'Below'), 'criteria.allOf[0].operator [enum]'],
    [
      'wrong criterion type',
      (i: Record<string, any>) => (i.criteria.allOf[0].criterionType = 'DynamicThresholdCriterion'),
      'criteria.allOf[0].criterionType [literal]',
    ],
    ['threshold as text', (i: Record<string, any>) => (i.criteria.allOf[0].threshold = '0'), 'criteria.allOf[0].threshold [type]'],
    ['undocumented window', (i: Record<string, any>) => (i.windowSize = 'PT2M'), 'windowSize [documented]'],
    [
      'aggregation the metric lacks',
      (i: Record<string, any>) => (i.criteria.allOf[0].timeAggregation = 'Total'),
      'criteria.allOf[0].timeAggregation [documented]',
    ],
    [
      'dimension the metric lacks',
      (i: Record<string, any>) => (i.criteria.allOf[0].dimensions[0].name = 'BackendPool'),
      'criteria.allOf[0].dimensions [documented]',
    ],
  ])('%s', (_what, change, finding) => expect(planted(change)).toContain(finding));
});
