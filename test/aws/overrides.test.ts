/**
 * Per-target overrides on AWS (`targets: { aws-alb: ..., aws-nlb: ... }`): the ALB compiles its override, the NLB
 * its own, through the backend, the CDK construct and the Pulumi component alike; a spec the ALB grades nearest
 * compiles natively under strict once its aws-alb override changes that part, and the caller's allowNearest
 * reaches the overrides. What a target's override writes is written (its own defaults elsewhere).
 */
import { Match, Template } from 'aws-cdk-lib/assertions';
import { CapabilityError } from '../../lib/errors';
import { buildModel } from '../../lib/model/build';
import type { LoadBalancerSpec } from '../../lib/spec/schema';
import { AWS_BACKEND } from '../../providers/aws/backend';
import { LoadBalancer as CdkLoadBalancer } from '../../providers/aws/cdk';
import { planAws } from '../../providers/aws/plan';
import { LoadBalancer as PulumiLoadBalancer } from '../../providers/aws/pulumi';
import { mockPulumi, settle } from '../support/pulumi';
import { stackWithVpc, testApp } from './support/cdk';
import { awsState } from './support/pulumi-aws';

const recorder = mockPulumi(awsState);

/** An app the ALB grades nearest twice (least-response-time, a 308 redirect), and a TCP service. */
const APP: LoadBalancerSpec = {
  name: 'app',
  frontends: [
    {
      name: 'http',
      protocol: 'http',
      port: 80,
      rules: [{ name: 'moved', match: { paths: [{ prefix: '/old' }] }, action: { redirect: { path: '/new', statusCode: 308 } } }],
      defaultAction: { forward: { pool: 'web' } },
    },
    { name: 'db', protocol: 'tcp', port: 5432, defaultAction: { forward: { pool: 'pg' } } },
  ],
  pools: [
    { name: 'web', protocol: 'http', port: 8080, algorithm: 'least-response-time' },
    { name: 'pg', protocol: 'tcp', port: 5432 },
  ],
};

/** The ALB's override: the nearest algorithm and redirect replaced by what the ALB has; the NLB's: an idle timeout. */
const TARGETS: LoadBalancerSpec['targets'] = {
  'aws-alb': {
    pools: [{ name: 'web', algorithm: 'least-connections' }],
    frontends: [{ name: 'http', rules: [{ name: 'moved', action: { redirect: { path: '/new', statusCode: 301 } } }] }],
  },
  'aws-nlb': { frontends: [{ name: 'db', idleTimeoutSeconds: 900 }], pools: [{ name: 'pg', drainingSeconds: 30 }] },
};
const WITH_OVERRIDES: LoadBalancerSpec = { ...APP, targets: TARGETS };

const features = (spec: LoadBalancerSpec, allowNearest?: string[]) =>
  AWS_BACKEND.plan({ model: buildModel(spec), options: { allowNearest } }).problems.map((p) => `${p.target} ${p.capability?.feature}`);

test('without the override the ALB grades the algorithm and the 308 nearest: errors under strict', () => {
  expect(features(APP).sort()).toEqual(['aws-alb action.redirect.status-308', 'aws-alb pool.algorithm.least-response-time']);
  expect(() => planAws(buildModel(APP))).toThrow(CapabilityError);
});

test('with it, both targets compile natively under strict, each from its own model', () => {
  expect(features(WITH_OVERRIDES)).toEqual([]);
  const plan = planAws(buildModel(WITH_OVERRIDES));
  const [alb, nlb] = plan.loadBalancers;
  expect(plan.targetGroups.find((t) => t.pool === 'web')!.attributes.algorithm).toBe('least_outstanding_requests');
  expect(alb.listeners[0].rules[0].action).toMatchObject({ type: 'redirect', statusCode: 'HTTP_301' });
  // The NLB's override: written there, so compiled; the ALB's model never saw it.
  expect(nlb.listeners[0].tcpIdleTimeoutSeconds).toBe(900);
  expect(plan.targetGroups.find((t) => t.pool === 'pg')!.attributes).toEqual({ deregistrationDelaySeconds: 30, connectionTermination: true });
  // One target planned alone compiles its own model.
  const albOnly = AWS_BACKEND.plan({ model: buildModel(WITH_OVERRIDES), target: 'aws-alb' });
  expect(albOnly.problems).toEqual([]);
  expect(albOnly.plan!.targetGroups.find((t) => t.pool === 'web')!.attributes.algorithm).toBe('least_outstanding_requests');
});

test("the caller's allowNearest and strict reach a target's override", () => {
  // The override keeps the 308 (nearest): accepted only by the caller's allowNearest.
  const keeps308: LoadBalancerSpec = { ...APP, targets: { 'aws-alb': { pools: [{ name: 'web', algorithm: 'least-connections' }] } } };
  expect(features(keeps308)).toEqual(['aws-alb action.redirect.status-308']);
  expect(features(keeps308, ['aws-alb:action.redirect.status-308'])).toEqual([]);
  const { stack, vpc } = stackWithVpc(testApp(), 'nearest');
  const bindings = { web: { ips: ['10.0.1.10'] }, pg: { ips: ['10.0.1.11'] } };
  expect(() => new CdkLoadBalancer(stack, 'Strict', { spec: keeps308, vpc, bindings })).toThrow(/action\.redirect\.status-308/);
  const lb = new CdkLoadBalancer(stack, 'Accepted', { spec: keeps308, vpc, bindings, allowNearest: ['aws-alb:action.redirect.status-308'] });
  expect(lb.warnings.map((w) => w.feature)).toEqual(['action.redirect.status-308']);
});

const BINDINGS = { web: { ips: ['10.0.1.10'] }, pg: { ips: ['10.0.1.11'] } };

test('the CDK construct renders the overrides', () => {
  const { stack, vpc } = stackWithVpc(testApp(), 'overrides');
  const bindings = BINDINGS;
  new CdkLoadBalancer(stack, 'App', { spec: WITH_OVERRIDES, vpc, bindings });
  const template = Template.fromStack(stack);
  template.hasResourceProperties('AWS::ElasticLoadBalancingV2::TargetGroup', {
    Port: 8080,
    TargetGroupAttributes: Match.arrayWith([{ Key: 'load_balancing.algorithm.type', Value: 'least_outstanding_requests' }]),
  });
  template.hasResourceProperties('AWS::ElasticLoadBalancingV2::Listener', {
    Protocol: 'TCP',
    ListenerAttributes: [{ Key: 'tcp.idle_timeout.seconds', Value: '900' }],
  });
}, 120_000);

test('the Pulumi component renders the overrides', async () => {
  const bindings = BINDINGS;
  recorder.reset();
  const component = new PulumiLoadBalancer('app', { spec: WITH_OVERRIDES, vpcId: 'vpc-0123456789abcdef0', subnetIds: ['subnet-0123456789abcdef0'], bindings });
  await settle(recorder, [component]);
  expect(recorder.get('aws:lb/targetGroup:TargetGroup', 'app-web').inputs.loadBalancingAlgorithmType).toBe('least_outstanding_requests');
  expect(recorder.get('aws:lb/listener:Listener', 'app/db').inputs.tcpIdleTimeoutSeconds).toBe(900);
  expect(recorder.get('aws:lb/targetGroup:TargetGroup', 'app-pg').inputs).toMatchObject({ deregistrationDelay: 30, connectionTermination: true });
}, 120_000);
