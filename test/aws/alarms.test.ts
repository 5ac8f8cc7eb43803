/**
 * The spec's alarms on AWS (providers/aws/plan/alarms.ts): CloudWatch alarms rendered by the CDK construct and
 * the Pulumi component from one plan, with the SNS topics of `alarmTopics`; a notification name without a topic
 * is a placement problem reported before anything is created.
 */
import { Template } from 'aws-cdk-lib/assertions';
import type { LoadBalancerSpec } from '../../lib/spec/schema';
import { LoadBalancer as CdkLoadBalancer } from '../../providers/aws/cdk';
import { LoadBalancer as PulumiLoadBalancer } from '../../providers/aws/pulumi';
import { AwsPlacementError, planAws } from '../../providers/aws/plan';
import { describeAws } from '../../providers/aws/describe';
import { buildModel } from '../../lib/model/build';
import { mockPulumi, settle, snapshotOf } from '../support/pulumi';
import { ACCOUNT } from './fixtures';
import { resourcesOf, stackWithVpc, testApp } from './support/cdk';
import { awsState } from './support/pulumi-aws';
import { frontendsToPools, WEB_AND_DB } from '../support/specs';

const TOPIC = `arn:aws:sns:eu-west-1:${ACCOUNT}:lb-alarms`;

const SPEC: LoadBalancerSpec = {
  ...frontendsToPools('ops', WEB_AND_DB),
  alarms: [
    { name: 'errors', metric: '5xx-ratio', threshold: 0.05, notify: 'ops' },
    { name: 'app-errors', metric: '5xx-count', pool: 'app', threshold: 20, periodSeconds: 300 },
    { name: 'slow', metric: 'latency', threshold: 800, evaluationPeriods: 2, notify: 'ops' },
    { name: 'no-healthy-app', metric: 'healthy-members', pool: 'app', threshold: 1, evaluationPeriods: 1, notify: 'ops' },
    { name: 'unhealthy-pg', metric: 'unhealthy-members', pool: 'pg', threshold: 0 },
  ],
};
const BINDINGS = { app: { targetType: 'instance' as const }, pg: { targetType: 'instance' as const } };

test('`lbkit plan` lists each CloudWatch alarm on the load balancer whose metrics it watches', () => {
  const plan = planAws(buildModel(SPEC));
  const alarms = (target: 'aws-alb' | 'aws-nlb') =>
    describeAws(plan, target === 'aws-alb' ? 'application' : 'network')
      .filter((r) => r.type === 'AWS::CloudWatch::Alarm')
      .map((r) => `${r.id}: ${r.detail}`);
  expect(alarms('aws-alb')).toEqual([
    'AlarmErrors: (FILL(m1, 0) + FILL(m2, 0)) / m3 > 0.05 for 3 x 60s, notify ops',
    'AlarmAppErrors: HTTPCode_Target_5XX_Count Sum > 20 for 3 x 300s',
    'AlarmSlow: TargetResponseTime p99 > 0.8 for 2 x 60s, notify ops',
    'AlarmNoHealthyApp: HealthyHostCount Minimum < 1 for 1 x 60s, notify ops',
  ]);
  expect(alarms('aws-nlb')).toEqual(['AlarmUnhealthyPg: UnHealthyHostCount Maximum > 0 for 3 x 60s']);
});

describe('CDK', () => {
  function synth(alarmTopics?: Record<string, string>) {
    const app = testApp();
    const { stack, vpc } = stackWithVpc(app, 'alarms', { env: { account: ACCOUNT, region: 'eu-west-1' } });
    const lb = new CdkLoadBalancer(stack, 'Lb', { spec: SPEC, vpc, bindings: BINDINGS, ...(alarmTopics ? { alarmTopics } : {}) });
    return { lb, template: Template.fromStack(stack) };
  }

  test("one AWS::CloudWatch::Alarm per spec alarm, on the load balancers' and target groups' dimensions", () => {
    const { lb, template } = synth({ ops: TOPIC });
    expect(Object.keys(lb.alarms).sort()).toEqual(['app-errors', 'errors', 'no-healthy-app', 'slow', 'unhealthy-pg']);
    expect(resourcesOf(template, 'AWS::CloudWatch::Alarm')).toMatchSnapshot();
  });

  test('a notification name without an SNS topic is a placement problem, before anything is created', () => {
    let error: unknown;
    try {
      synth();
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(AwsPlacementError);
    expect((error as AwsPlacementError).problems.map((p) => p.path)).toEqual(['alarms[0].notify', 'alarms[2].notify', 'alarms[3].notify']);
  });
});

describe('Pulumi', () => {
  const recorder = mockPulumi(awsState);
  beforeEach(() => recorder.reset());

  test('one aws.cloudwatch.MetricAlarm per spec alarm, parented to the component', async () => {
    const lb = new PulumiLoadBalancer('ops', {
      spec: SPEC,
      vpcId: 'vpc-1',
      subnetIds: ['subnet-1', 'subnet-2'],
      bindings: BINDINGS,
      alarmTopics: { ops: TOPIC },
    });
    await settle(recorder, [lb]);
    const alarms = snapshotOf(recorder).filter((r) => r.type === 'aws:cloudwatch/metricAlarm:MetricAlarm');
    expect(alarms).toHaveLength(5);
    expect(alarms).toMatchSnapshot();
  });
});
