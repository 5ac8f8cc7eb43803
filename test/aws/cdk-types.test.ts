/**
 * The CDK construct's maps, typed by the spec's names: with the spec as a typed constant, ALB and NLB listeners
 * and target groups are apart and a name the spec does not have does not compile. `npx tsc -p tsconfig.json`
 * typechecks this file (test/ is in the project): each `@ts-expect-error` line must be an error, or the
 * typecheck fails. The assertions then hold the same at run time, with the DNS name outputs.
 */
import { Template } from 'aws-cdk-lib/assertions';
import * as autoscaling from 'aws-cdk-lib/aws-autoscaling';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as elbv2 from 'aws-cdk-lib/aws-elasticloadbalancingv2';
import type { LoadBalancerSpec } from '../../lib/spec/schema';
import { LoadBalancer } from '../../providers/aws/cdk';
import { certificateArn } from './fixtures';
import { stackWithVpc, testApp } from './support/cdk';

const SHOP = {
  name: 'shop',
  certificates: [{ name: 'site' }],
  frontends: [
    { name: 'https', protocol: 'https', port: 443, tls: { certificate: 'site' }, defaultAction: { forward: { pool: 'static' } } },
    { name: 'db', protocol: 'tcp', port: 5432, defaultAction: { forward: { pool: 'pg' } } },
  ],
  pools: [
    { name: 'static', protocol: 'http', port: 8080 },
    { name: 'pg', protocol: 'tcp', port: 5432 },
  ],
} as const;

function shop() {
  const { stack, vpc } = stackWithVpc(testApp(), 'typed');
  const lb = new LoadBalancer(stack, 'Shop', {
    spec: SHOP,
    vpc,
    certificates: { site: certificateArn('site') },
    bindings: { static: { targetType: 'instance' }, pg: { ips: ['10.0.1.10'] } },
  });
  return { stack, vpc, lb };
}

test('a spec written as const: ALB and NLB listeners and target groups apart, keyed by its names', () => {
  const { stack, vpc, lb } = shop();
  const asg = new autoscaling.AutoScalingGroup(stack, 'Asg', {
    vpc,
    instanceType: new ec2.InstanceType('t3.micro'),
    machineImage: ec2.MachineImage.latestAmazonLinux2023(),
  });
  // An ApplicationTargetGroup, as ASG attachment takes it: no cast.
  asg.attachToApplicationTargetGroup(lb.applicationTargetGroups.static);
  const https: elbv2.ApplicationListener = lb.applicationListeners.https;
  https.addAction('Maintenance', {
    priority: 5,
    conditions: [elbv2.ListenerCondition.pathPatterns(['/down'])],
    action: elbv2.ListenerAction.fixedResponse(503),
  });
  const pg: elbv2.NetworkTargetGroup = lb.networkTargetGroups.pg;
  const db: elbv2.NetworkListener = lb.networkListeners.db;

  // @ts-expect-error a pool the spec does not have
  void lb.targetGroups.typo;
  // @ts-expect-error static is an ALB target group, not an NLB one
  void lb.networkTargetGroups.static;
  // @ts-expect-error pg is an NLB target group
  void lb.applicationTargetGroups.pg;
  // @ts-expect-error db is an NLB listener
  void lb.applicationListeners.db;
  // @ts-expect-error a frontend the spec does not have
  void lb.listeners.typo;

  expect(Object.keys(lb.applicationTargetGroups)).toEqual(['static']);
  expect(Object.keys(lb.networkTargetGroups)).toEqual(['pg']);
  expect(Object.keys(lb.applicationListeners)).toEqual(['https']);
  expect(Object.keys(lb.networkListeners)).toEqual(['db']);
  expect(lb.targetGroups.static).toBe(lb.applicationTargetGroups.static);
  expect(pg).toBe(lb.targetGroups.pg);
  expect(db).toBe(lb.listeners.db);
  const template = Template.fromStack(stack);
  template.hasResourceProperties('AWS::AutoScaling::AutoScalingGroup', {
    TargetGroupARNs: [{ Ref: stack.getLogicalId(lb.applicationTargetGroups.static.node.defaultChild as never) }],
  });
  template.hasResourceProperties('AWS::ElasticLoadBalancingV2::ListenerRule', { Priority: 5 });
});

test('DNS names as stack outputs, one per load balancer; dnsName is the ALB’s', () => {
  const { stack, lb } = shop();
  const outputs = Template.fromStack(stack).findOutputs('*');
  const values = Object.values(outputs).map((o) => o.Value['Fn::GetAtt']);
  expect(values).toEqual([
    [stack.getLogicalId(lb.applicationLoadBalancer!.node.defaultChild as never), 'DNSName'],
    [stack.getLogicalId(lb.networkLoadBalancer!.node.defaultChild as never), 'DNSName'],
  ]);
  expect(Object.keys(lb.outputs)).toEqual(['Alb', 'Nlb']);
  expect(stack.resolve(lb.dnsName)).toEqual({ 'Fn::GetAtt': [stack.getLogicalId(lb.applicationLoadBalancer!.node.defaultChild as never), 'DNSName'] });
});

test('a spec typed as LoadBalancerSpec or read from a file: maps keyed by any string', () => {
  const wide: LoadBalancerSpec = { ...SHOP, certificates: [{ name: 'site' }], frontends: [SHOP.frontends[1]], pools: [SHOP.pools[1]] } as LoadBalancerSpec;
  const { stack, vpc } = stackWithVpc(testApp(), 'wide');
  const lb = new LoadBalancer(stack, 'Wide', { spec: wide, vpc, bindings: { pg: { ips: ['10.0.1.10'] } } });
  // Names are not known to the compiler: any key compiles, and a missing one is undefined at run time.
  const missing: elbv2.ApplicationTargetGroup | undefined = lb.applicationTargetGroups.static;
  expect(missing).toBeUndefined();
  expect(lb.networkTargetGroups.pg).toBeInstanceOf(elbv2.NetworkTargetGroup);
  expect(Object.keys(Template.fromStack(stack).findOutputs('*'))).toHaveLength(1);
});
