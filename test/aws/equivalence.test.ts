/**
 * CDK and Pulumi deploy the same thing: for each example spec and the kitchen-sink spec, the synthesized
 * CloudFormation and the registered @pulumi/aws inputs, each mapped by its own provider's names into one neutral
 * shape (support/normalize.ts), must be equal: load balancers and their attributes, listeners, rules with
 * priorities and conditions, target groups with health checks, attributes and targets, security groups, the
 * web ACL with its rules and IP sets, Shield Advanced protections, the dashboard's widgets, tags.
 */
import type { App, CfnResource } from 'aws-cdk-lib';
import { mockPulumi, settle } from '../support/pulumi';
import { LoadBalancer as PulumiLoadBalancer, type LoadBalancerArgs } from '../../providers/aws/pulumi';
import { LoadBalancer as CdkLoadBalancer } from '../../providers/aws/cdk';
import type { AwsPlan } from '../../providers/aws/plan';
import { addExampleStacks, PLACEMENTS } from '../../examples/cdk/stacks';
import { NETWORK, pulumiArgs, REGION } from '../../examples/cdk/placements';
import { KITCHEN_SINK, KITCHEN_SINK_PLACEMENT, PROTECTED, PROTECTED_BINDINGS } from './fixtures';
import { stackWithVpc, testApp } from './support/cdk';
import { awsState, mockArn, mockArnSuffix } from './support/pulumi-aws';
import { clean, fromPulumi, fromTemplate } from './support/normalize';

const recorder = mockPulumi(awsState);

/** Logical id -> neutral name, from what the construct exposes. */
function cdkNames(lb: CdkLoadBalancer): Record<string, string> {
  const stack = lb.node.scopes[1] as unknown as { getLogicalId(c: CfnResource): string };
  const id = (c: { node: { defaultChild?: unknown } }) => stack.getLogicalId(c.node.defaultChild as CfnResource);
  const names: Record<string, string> = {};
  for (const [pool, tg] of Object.entries(lb.targetGroups)) names[id(tg)] = `tg:${pool}`;
  for (const [frontend, l] of Object.entries(lb.listeners)) names[id(l)] = `listener:${frontend}`;
  for (const [key, sg] of Object.entries(lb.securityGroups)) names[id(sg)] = `sg:${key}`;
  if (lb.applicationLoadBalancer) names[id(lb.applicationLoadBalancer)] = 'lb:application';
  if (lb.networkLoadBalancer) names[id(lb.networkLoadBalancer)] = 'lb:network';
  if (lb.webAcl) names[stack.getLogicalId(lb.webAcl)] = 'webacl';
  for (const set of lb.plan.webAcl?.ipSets ?? []) names[stack.getLogicalId(lb.node.findChild(`IpSet-${set.id}`) as CfnResource)] = `ipset:${set.id}`;
  for (const [name, alarm] of Object.entries(lb.alarms)) names[stack.getLogicalId(alarm)] = `alarm:${name}`;
  return names;
}

/** Mock ARNs and resource names -> the same neutral names. */
function pulumiNames(component: string, plan: AwsPlan): (value: string) => string | undefined {
  const map = new Map<string, string>();
  const add = (type: string, name: string, neutral: string, kind: string) => {
    map.set(mockArn(type, name), neutral);
    map.set(`${kind}:${name}`, neutral);
  };
  for (const tg of plan.targetGroups) {
    add('aws:lb/targetGroup:TargetGroup', `${component}-${tg.pool}`, `tg:${tg.pool}`, 'tg');
    map.set(mockArnSuffix('aws:lb/targetGroup:TargetGroup', `${component}-${tg.pool}`), `tg:${tg.pool}`);
  }
  for (const a of plan.model.alarms) map.set(mockArn('aws:cloudwatch/metricAlarm:MetricAlarm', `${component}/${a.name}`), `alarm:${a.name}`);
  for (const lb of plan.loadBalancers) {
    const name = `${component}-${lb.id.toLowerCase()}`;
    add('aws:lb/loadBalancer:LoadBalancer', name, `lb:${lb.kind}`, 'lb');
    map.set(mockArnSuffix('aws:lb/loadBalancer:LoadBalancer', name), `lb:${lb.kind}`);
    map.set(`${name}-id`, `sg:${lb.id}`);
    map.set(`sg:${name}`, `sg:${lb.id}`);
    for (const l of lb.listeners) add('aws:lb/listener:Listener', `${component}/${l.id}`, `listener:${l.id}`, 'listener');
  }
  for (const set of plan.webAcl?.ipSets ?? []) add('aws:wafv2/ipSet:IpSet', `${component}-${set.id}`, `ipset:${set.id}`, 'ipset');
  map.set(mockArn('aws:wafv2/webAcl:WebAcl', `${component}-waf`), 'webacl');
  return (value) => map.get(value);
}

const cases: Array<[string, (app: App) => CdkLoadBalancer, () => LoadBalancerArgs]> = [
  ...Object.keys(PLACEMENTS).map((spec): [string, (app: App) => CdkLoadBalancer, () => LoadBalancerArgs] => [
    spec,
    (app) => addExampleStacks(app).stacks[spec].loadBalancer,
    () => pulumiArgs(spec),
  ]),
  [
    'kitchen-sink',
    (app) => {
      const { stack, vpc } = stackWithVpc(app, 'kitchen-sink');
      return new CdkLoadBalancer(stack, 'Shop', {
        spec: KITCHEN_SINK,
        vpc,
        vpcSubnets: { subnets: vpc.privateSubnets },
        targetCidrs: [NETWORK.cidr],
        ...KITCHEN_SINK_PLACEMENT,
      });
    },
    () => ({ spec: KITCHEN_SINK, vpcId: NETWORK.vpcId, subnetIds: [...NETWORK.privateSubnetIds], targetCidrs: [NETWORK.cidr], ...KITCHEN_SINK_PLACEMENT }),
  ],
  [
    'guarded',
    (app) => {
      const { stack, vpc } = stackWithVpc(app, 'guarded');
      return new CdkLoadBalancer(stack, 'Guarded', { spec: PROTECTED, vpc, targetCidrs: [NETWORK.cidr], bindings: PROTECTED_BINDINGS, dashboard: true });
    },
    () => ({
      spec: PROTECTED,
      vpcId: NETWORK.vpcId,
      subnetIds: [...NETWORK.publicSubnetIds],
      targetCidrs: [NETWORK.cidr],
      bindings: PROTECTED_BINDINGS,
      dashboard: true,
      region: REGION,
    }),
  ],
];

let app: App;
const constructs: Record<string, CdkLoadBalancer> = {};
beforeAll(() => {
  app = testApp();
  const examples = addExampleStacks(app);
  for (const spec of Object.keys(PLACEMENTS)) constructs[spec] = examples.stacks[spec].loadBalancer;
  for (const [name, make] of cases.slice(-2)) constructs[name] = make(app);
});

test.each(cases.map(([name]) => name))(
  '%s: the CDK template and the Pulumi resources are the same load balancer',
  async (name) => {
    const lb = constructs[name];
    const assembly = app.synth();
    const template = assembly.getStackByName(lb.node.scopes[1].node.id).template;
    const cdk = clean(fromTemplate(template, cdkNames(lb), REGION));

    recorder.reset();
    const args = cases.find(([n]) => n === name)![2]();
    const component = new PulumiLoadBalancer(name, args);
    await settle(recorder, [component]);
    const pulumi = clean(fromPulumi(recorder.resources, pulumiNames(name, component.plan)));

    expect(pulumi).toEqual(cdk);
    // The comparison is not vacuous: every listener, rule and target group of the plan is in it.
    const neutral = cdk as { listeners: Record<string, { rules: unknown[] }>; targetGroups: Record<string, unknown> };
    expect(Object.keys(neutral.targetGroups).sort()).toEqual(lb.plan.targetGroups.map((t) => `tg:${t.pool}`).sort());
    expect(Object.values(neutral.listeners).reduce((n, l) => n + l.rules.length, 0)).toBe(
      lb.plan.loadBalancers.flatMap((l) => l.listeners).reduce((n, l) => n + l.rules.length, 0),
    );
    // The operations resources are in it where the example has them: the ops example's web ACL with its
    // protection rules, its dashboard.
    if (name === 'guarded') {
      expect((neutral as unknown as { shield: unknown[] }).shield).toHaveLength(1);
      expect((neutral as unknown as { webAcl: { ipSets: unknown[] } }).webAcl.ipSets).toHaveLength(4);
    }
    if (name === 'ops') {
      expect((neutral as unknown as { webAcl: { rules: unknown[] } }).webAcl.rules).toHaveLength(4);
      expect((neutral as unknown as { dashboards: Array<{ widgets: unknown[] }> }).dashboards[0].widgets).toHaveLength(lb.plan.model.alarms.length + 6);
    }
    // The first case synthesizes every stack of the app: slow on a loaded 2-core machine, bounded all the same.
  },
  120_000,
);
