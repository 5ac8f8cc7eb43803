/**
 * Issue 13's AWS deploy failures, each fixed: a rule without `match`, repeated condition values, a security group
 * past its rules quota, and listener-rule priorities that an inserted rule used to renumber (PriorityInUse).
 * Each is held on the plan and, where the renderers differ, on the CDK template and the Pulumi inputs.
 */
import { Template } from 'aws-cdk-lib/assertions';
import { buildModel } from '../../lib/model/build';
import type { LoadBalancerSpec } from '../../lib/spec/schema';
import { LoadBalancer as CdkLoadBalancer } from '../../providers/aws/cdk';
import { AWS_BACKEND } from '../../providers/aws/backend';
import { LoadBalancer as PulumiLoadBalancer } from '../../providers/aws/pulumi';
import { MATCH_EVERY_REQUEST, planAws, type AwsPlan, type ConditionPlan } from '../../providers/aws/plan';
import { mockPulumi, settle } from '../support/pulumi';
import { httpSpec } from './fixtures';
import { stackWithVpc, testApp } from './support/cdk';
import { awsState } from './support/pulumi-aws';

const recorder = mockPulumi(awsState);
beforeEach(() => recorder.reset());

const plan = (spec: LoadBalancerSpec, options = {}) => planAws(buildModel(spec), options);
const BINDINGS = { web: { ips: ['10.0.0.1'] }, api: { ips: ['10.0.0.2'] } };
type Rules = NonNullable<LoadBalancerSpec['frontends'][number]['rules']>;
const rule = (name: string, path: string): Rules[number] => ({ name, match: { paths: [{ prefix: path }] }, action: { forward: { pool: 'api' } } });
const conditions = (p: AwsPlan): ConditionPlan[][] => p.loadBalancers[0].listeners[0].rules.map((r) => [...r.conditions]);

function cdkTemplate(spec: LoadBalancerSpec, extra: object = {}): Template {
  const { stack, vpc } = stackWithVpc(testApp(), 'Fixes');
  new CdkLoadBalancer(stack, 'Lb', { spec, vpc, bindings: BINDINGS, ...extra });
  return Template.fromStack(stack);
}

async function pulumiRules(spec: LoadBalancerSpec, extra: object = {}): Promise<Array<Record<string, any>>> {
  const lb = new PulumiLoadBalancer('fixes', { spec, vpcId: 'vpc-1', subnetIds: ['subnet-1'], bindings: BINDINGS, region: 'eu-west-1', ...extra });
  await settle(recorder, [lb]);
  return recorder.resources.filter((r) => r.type === 'aws:lb/listenerRule:ListenerRule').map((r) => r.inputs);
}

describe('a rule without match matches every request (ELBv2 needs a condition)', () => {
  const spec = httpSpec({ rules: [rule('api', '/api'), { name: 'rest', action: { forward: { pool: 'web' } } }] });

  test("the plan gives it a path pattern '*'", () => {
    expect(conditions(plan(spec))[1]).toEqual([MATCH_EVERY_REQUEST]);
  });

  test('CDK synthesizes it (it threw "At least one of \'conditions\' ... is required")', () => {
    cdkTemplate(spec).hasResourceProperties('AWS::ElasticLoadBalancingV2::ListenerRule', {
      Priority: 20,
      Conditions: [{ Field: 'path-pattern', PathPatternConfig: { Values: ['*'] } }],
    });
  });

  test('Pulumi sends the condition (it sent conditions: [])', async () => {
    const rules = await pulumiRules(spec);
    expect(rules.find((r) => r.priority === 20)!.conditions).toEqual([{ pathPattern: { values: ['*'] } }]);
  });
});

describe('condition values are unique (CloudFormation rejects repeated array items)', () => {
  test('repeated spec values', () => {
    const p = plan(
      httpSpec({
        rules: [
          {
            name: 'r',
            match: { hosts: ['a.example.com', 'a.example.com'], methods: ['GET', 'GET'], sourceCidrs: ['10.0.0.0/8', '10.0.0.0/8'] },
            action: { forward: { pool: 'api' } },
          },
        ],
      }),
    );
    expect(conditions(p)).toEqual([
      [
        { field: 'host-header', hostHeaderConfig: { values: ['a.example.com'] } },
        { field: 'http-request-method', httpRequestMethodConfig: { values: ['GET'] } },
        { field: 'source-ip', sourceIpConfig: { values: ['10.0.0.0/8'] } },
      ],
    ]);
  });

  test("lbkit's own expansion: exact /docs and prefix /docs", () => {
    const p = plan(httpSpec({ rules: [{ name: 'r', match: { paths: [{ exact: '/docs' }, { prefix: '/docs' }] }, action: { forward: { pool: 'api' } } }] }));
    expect(conditions(p)).toEqual([[{ field: 'path-pattern', pathPatternConfig: { values: ['/docs', '/docs/*'] } }]]);
  });
});

describe('security group rules quota', () => {
  const cidrs = (n: number) => Array.from({ length: n }, (_, i) => `10.${i}.0.0/16`);
  const wide = (n: number): LoadBalancerSpec => {
    const spec = httpSpec();
    return { ...spec, frontends: [{ ...spec.frontends[0], allowedSourceCidrs: cidrs(n) }] };
  };

  test('80 allowed source CIDRs: a plan problem naming the quota and that it can be raised', () => {
    const { problems } = AWS_BACKEND.plan({ model: buildModel(wide(80)) });
    expect(problems).toEqual([
      expect.objectContaining({
        code: 'LBKIT_AWS_LIMIT',
        target: 'aws-alb',
        path: 'frontends',
        message: expect.stringMatching(/needs 80 inbound IPv4 rules; the VPC quota 'Inbound or outbound rules per security group' is 60 .*It can be raised/),
      }),
    ]);
  });

  test('60 fit; a raised quota is given as maxRulesPerSecurityGroup', () => {
    expect(AWS_BACKEND.plan({ model: buildModel(wide(60)) }).problems).toEqual([]);
    expect(AWS_BACKEND.plan({ model: buildModel(wide(80)), options: { maxRulesPerSecurityGroup: 100 } }).problems).toEqual([]);
  });
});

describe('priorities stay put: a ledger (plan.priorities) given back as `priorities`', () => {
  const before = httpSpec({ rules: [rule('a', '/a'), rule('b', '/b'), rule('c', '/c'), rule('d', '/d')] });
  const inserted = httpSpec({ rules: [rule('a', '/a'), rule('b', '/b'), rule('new', '/new'), rule('c', '/c'), rule('d', '/d')] });
  const first = plan(before);

  test('inserting a rule in the middle changes no existing priority and reuses none', () => {
    expect(first.priorities).toEqual({ 'http/a': 10, 'http/b': 20, 'http/c': 30, 'http/d': 40 });
    const next = plan(inserted, { priorities: first.priorities });
    for (const [key, priority] of Object.entries(first.priorities)) expect(next.priorities[key]).toBe(priority);
    expect(next.priorities['http/new']).toBeGreaterThan(20);
    expect(next.priorities['http/new']).toBeLessThan(30);
    expect(Object.values(first.priorities)).not.toContain(next.priorities['http/new']);
    // Without the ledger, the first deployment's numbering would renumber c and d (what made PriorityInUse).
    expect(plan(inserted).priorities).toMatchObject({ 'http/new': 30, 'http/c': 40, 'http/d': 50 });
  });

  test('removing and reordering: others keep theirs, the moved rule takes a free number in its new gap', () => {
    const removed = plan(httpSpec({ rules: [rule('a', '/a'), rule('c', '/c'), rule('d', '/d')] }), { priorities: first.priorities });
    expect(removed.priorities).toEqual({ 'http/a': 10, 'http/c': 30, 'http/d': 40 });
    const moved = plan(httpSpec({ rules: [rule('a', '/a'), rule('d', '/d'), rule('b', '/b'), rule('c', '/c')] }), { priorities: first.priorities });
    expect(moved.priorities).toMatchObject({ 'http/a': 10, 'http/b': 20, 'http/c': 30 });
    expect(moved.priorities['http/d']).toBeGreaterThan(10);
    expect(moved.priorities['http/d']).toBeLessThan(20);
  });

  test("a new rule never takes a number the ledger holds, even a removed rule's; no room is a plan problem", () => {
    const spec = httpSpec({ rules: [rule('a', '/a'), rule('x', '/x'), rule('b', '/b')] });
    const free = plan(spec, { priorities: { 'http/a': 10, 'http/gone': 11, 'http/b': 13 } });
    expect(free.priorities).toEqual({ 'http/a': 10, 'http/x': 12, 'http/b': 13 });
    const full = AWS_BACKEND.plan({ model: buildModel(spec), options: { priorities: { 'http/a': 10, 'http/gone': 11, 'http/b': 12 } } });
    expect(full.problems.map((p) => `${p.code} ${p.path}: ${p.message}`)).toEqual([
      'LBKIT_AWS_LIMIT frontends[0].rules: no free ALB rule priority between 10 and 12 for http/x (the priorities ledger holds the others)',
    ]);
  });

  test("CDK and Pulumi render the ledger's numbers", async () => {
    const template = cdkTemplate(inserted, { priorities: first.priorities });
    const cdkPriorities = Object.values(template.findResources('AWS::ElasticLoadBalancingV2::ListenerRule'))
      .map((r) => r.Properties.Priority)
      .sort((x, y) => x - y);
    const next = plan(inserted, { priorities: first.priorities });
    const expected = Object.values(next.priorities).sort((x, y) => x - y);
    expect(cdkPriorities).toEqual(expected);
    expect((await pulumiRules(inserted, { priorities: first.priorities })).map((r) => r.priority).sort((x, y) => x - y)).toEqual(expected);
  });
});
