/**
 * Every problem at once: the AWS backend's plan returns them (never throws), `planAws`, the CDK construct and
 * the Pulumi component throw them together (placement with the rest), before anything is created; CDK errors
 * name the construct path.
 */
import { thrown } from '../support/thrown';
import { Stack, type CfnResource } from 'aws-cdk-lib';
import { AwsPlacementError, CapabilityError, InvalidInputError, ProblemsError, type Problem } from '../../lib/errors';
import { buildModel } from '../../lib/model/build';
import type { LoadBalancerSpec } from '../../lib/spec/schema';
import { TARGETS } from '../../providers';
import { AWS_BACKEND } from '../../providers/aws/backend';
import { LoadBalancer as CdkLoadBalancer, type LoadBalancerProps } from '../../providers/aws/cdk';
import { planAws } from '../../providers/aws/plan';
import { LoadBalancer as PulumiLoadBalancer, type LoadBalancerArgs } from '../../providers/aws/pulumi';
import { mockPulumi, settle } from '../support/pulumi';
import { certificateArn, httpSpec } from './fixtures';
import { stackWithVpc, testApp } from './support/cdk';
import { awsState } from './support/pulumi-aws';

const recorder = mockPulumi(awsState);
beforeEach(() => recorder.reset());

/** What `fn` throws; a test that expected an error fails when there is none. */
function thrownError(fn: () => unknown): Error {
  const error = thrown(fn);
  if (!error) throw new Error('expected an error');
  return error as Error;
}

/** HTTPS with a certificate and mTLS verify, access logs, and a rule to the second pool. */
const securedSpec = (): LoadBalancerSpec => {
  const spec = httpSpec({
    rules: [{ name: 'r', action: { forward: { pool: 'api' } } }],
    certificates: [{ name: 'site' }],
    trustStores: [{ name: 'ca' }],
    accessLogs: {},
  });
  spec.frontends[0] = { ...spec.frontends[0], protocol: 'https', port: 443, tls: { certificate: 'site', clientCertificateTrust: { trustStore: 'ca' } } };
  return spec;
};

/** A bad IP, a binding for no pool, a pool without binding; no certificate, no trust store, no region. */
const BROKEN_BINDINGS = { web: { ips: ['10.0.0.300', '10.0.0.1', 'nope'] }, wbe: { ips: [] } };
const BROKEN_PATHS = ['bindings.wbe', 'bindings.web.ips[0]', 'bindings.web.ips[2]', 'bindings.api', 'certificates.site', 'trustStores.ca'];

/** A capability problem (no fail-closed pool on an ALB) and a limit problem (six header conditions in one rule). */
const specWithCapabilityAndLimit = (): LoadBalancerSpec =>
  httpSpec({
    pools: [{ name: 'web', protocol: 'http', port: 80, whenAllUnhealthy: 'fail-closed' }],
    rules: [
      {
        name: 'big',
        match: { headers: Array.from({ length: 6 }, (_, i) => ({ name: `x-${i}`, present: true as const })) },
        action: { forward: { pool: 'web' } },
      },
    ],
  });

const summary = (problems: readonly Problem[]) => problems.map((p) => `${p.code} ${p.path}`);

function cdkError(props: Partial<LoadBalancerProps>): { error: ProblemsError; stack: Stack } {
  const { stack, vpc } = stackWithVpc(testApp(), 'broken');
  const error = thrownError(() => new CdkLoadBalancer(stack, 'Lb', { spec: securedSpec(), vpc, bindings: {}, ...props } as LoadBalancerProps));
  expect(error).toBeInstanceOf(ProblemsError);
  return { error: error as ProblemsError, stack };
}

const pulumiArgs = (args: Partial<LoadBalancerArgs>): LoadBalancerArgs => ({
  spec: securedSpec(),
  vpcId: 'vpc-0123456789abcdef0',
  subnetIds: ['subnet-0123456789abcdef0'],
  bindings: {},
  ...args,
});

describe('the backend plan returns every problem; planAws throws them together', () => {
  test('capability and limit problems side by side, with their targets, and the plan still made', () => {
    const model = buildModel(specWithCapabilityAndLimit());
    const result = AWS_BACKEND.plan({ model, knownTargets: TARGETS });
    expect(summary(result.problems)).toEqual(['LBKIT_CAPABILITY pools[0].whenAllUnhealthy', 'LBKIT_AWS_LIMIT frontends[0].rules[0].match']);
    expect(result.problems.map((p) => p.target)).toEqual(['aws-alb', 'aws-alb']);
    expect(result.plan?.loadBalancers.map((l) => l.id)).toEqual(['Alb']);
    const error = thrownError(() => planAws(model));
    expect(error).toBeInstanceOf(InvalidInputError);
    expect(summary((error as InvalidInputError).problems)).toEqual(summary(result.problems));
  });

  test('placement problems come with the plan when the options carry a placement', () => {
    const model = buildModel(securedSpec());
    const terms = { certificate: 'certificate ARN', certificateFix: 'give one', trustStore: 'trust store ARN', trustStoreFix: 'give one' };
    const result = AWS_BACKEND.plan({ model, options: { placement: { bindings: BROKEN_BINDINGS, terms } } });
    expect(result.problems.map((p) => p.path)).toEqual(BROKEN_PATHS);
    expect(AWS_BACKEND.plan({ model }).problems).toEqual([]);
  });
});

describe('CDK construct', () => {
  test('a broken placement reports every problem in one error, naming the construct path, and creates nothing', () => {
    const { error, stack } = cdkError({ bindings: BROKEN_BINDINGS as LoadBalancerProps['bindings'] });
    expect(error).toBeInstanceOf(AwsPlacementError);
    expect(error.problems.map((p) => p.path)).toEqual([...BROKEN_PATHS, 'accessLogs']);
    expect(error.constructPath).toBe('broken/Lb');
    for (const path of [...BROKEN_PATHS, 'accessLogs']) expect(error.message).toContain(`  ${path}: `);
    expect(error.message).toMatch(/\n {2}in construct broken\/Lb$/);
    expect(error.message).toContain(
      "certificates.site: the spec's certificate 'site' (frontends[0].tls) has no certificate\n    fix: give an ACM certificate or an ACM/IAM certificate ARN",
    );
    expect(stack.node.findAll().filter((c) => (c as CfnResource).cfnResourceType?.startsWith('AWS::ElasticLoadBalancingV2'))).toEqual([]);
  });

  test('capability, limit and placement problems together are one InvalidInputError', () => {
    const { error } = cdkError({ spec: specWithCapabilityAndLimit(), bindings: { web: { ips: ['10.0.0.300'] } } });
    expect(error).toBeInstanceOf(InvalidInputError);
    expect(summary(error.problems)).toEqual([
      'LBKIT_CAPABILITY pools[0].whenAllUnhealthy',
      'LBKIT_AWS_LIMIT frontends[0].rules[0].match',
      'LBKIT_AWS_PLACEMENT bindings.web.ips[0]',
    ]);
    expect(error.message).toContain('in construct broken/Lb');
  });

  test('a capability error alone keeps its class and gains the construct path', () => {
    const { error } = cdkError({
      spec: httpSpec({ pools: [{ name: 'web', protocol: 'http', port: 80, whenAllUnhealthy: 'fail-closed' }] }),
      bindings: { web: { ips: ['10.0.0.1'] } },
    });
    expect(error).toBeInstanceOf(CapabilityError);
    expect(error.constructPath).toBe('broken/Lb');
  });

  test('the construct exposes the accepted approximations as typed warnings', () => {
    const { stack, vpc } = stackWithVpc(testApp(), 'warned');
    const spec = httpSpec({ rules: [{ name: 'r', match: { paths: [{ exact: '/o' }] }, action: { redirect: { path: '/n', statusCode: 303 } } }] });
    const lb = new CdkLoadBalancer(stack, 'Lb', { spec, vpc, bindings: { web: { ips: ['10.0.0.1'] } }, allowNearest: ['aws-alb:action.redirect.status-303'] });
    expect(lb.warnings.map((w) => [w.target, w.feature, w.severity])).toEqual([['aws-alb', 'action.redirect.status-303', 'warning']]);
  });
});

describe('one input contract: spec, specFile or model, with strict and allowNearest', () => {
  /** A 303 redirect: ALB's nearest is 302, an error under strict. */
  const nearSpec = () => httpSpec({ rules: [{ name: 'r', match: { paths: [{ exact: '/o' }] }, action: { redirect: { path: '/n', statusCode: 303 } } }] });
  const bindings = { web: { ips: ['10.0.0.1'] } };

  test('CDK: a built model is taken as it is, and strict: false accepts the nearest mapping', () => {
    const { stack, vpc } = stackWithVpc(testApp(), 'inputs');
    expect(thrownError(() => new CdkLoadBalancer(stack, 'Strict', { model: buildModel(nearSpec()), vpc, bindings }))).toBeInstanceOf(CapabilityError);
    const lb = new CdkLoadBalancer(stack, 'Lenient', { model: buildModel(nearSpec()), strict: false, vpc, bindings });
    expect(lb.warnings.map((w) => w.feature)).toEqual(['action.redirect.status-303']);
  });

  test('Pulumi: the same', async () => {
    jest.spyOn(console, 'warn').mockImplementation(() => undefined);
    const args = { vpcId: 'vpc-0123456789abcdef0', subnetIds: ['subnet-0123456789abcdef0'], bindings };
    expect(thrownError(() => new PulumiLoadBalancer('strict', { model: buildModel(nearSpec()), ...args }))).toBeInstanceOf(CapabilityError);
    await settle(recorder);
    expect(recorder.resources).toEqual([]);
    const lb = new PulumiLoadBalancer('lenient', { model: buildModel(nearSpec()), strict: false, ...args });
    await settle(recorder, [lb]);
    expect(lb.warnings.map((w) => w.feature)).toEqual(['action.redirect.status-303']);
    jest.restoreAllMocks();
  });

  test('two inputs at once is a placement problem of the prop spec', () => {
    const { error } = cdkError({ specFile: 'examples/specs/web.yaml' });
    expect(error).toBeInstanceOf(AwsPlacementError);
    expect(error.problems.map((p) => p.path)).toEqual(['spec']);
    const pulumi = thrownError(() => new PulumiLoadBalancer('two', pulumiArgs({ model: buildModel(securedSpec()) })));
    expect((pulumi as AwsPlacementError).problems.map((p) => p.path)).toEqual(['spec']);
  });
});

describe('Pulumi component', () => {
  test('a broken placement reports every problem in one error and registers nothing', async () => {
    const error = thrownError(() => new PulumiLoadBalancer('broken', pulumiArgs({ bindings: BROKEN_BINDINGS as LoadBalancerArgs['bindings'] })));
    await settle(recorder);
    expect(error).toBeInstanceOf(AwsPlacementError);
    expect((error as AwsPlacementError).problems.map((p) => p.path)).toEqual([...BROKEN_PATHS, 'region']);
    expect(error.message).toContain(
      "certificates.site: the spec's certificate 'site' (frontends[0].tls) has no certificate ARN\n    fix: give an ACM or IAM certificate ARN",
    );
    expect(recorder.resources).toEqual([]);
  });

  test('the same spec with a full placement registers the component, with typed warnings', async () => {
    const lb = new PulumiLoadBalancer(
      'fixed',
      pulumiArgs({
        bindings: { web: { ips: ['10.0.0.1'] }, api: { targetType: 'ip' } },
        certificates: { site: certificateArn('0') },
        trustStores: { ca: 'arn:aws:elasticloadbalancing:eu-west-1:123456789012:truststore/ca/0' },
        region: 'eu-west-1',
      }),
    );
    await settle(recorder, [lb]);
    expect(recorder.get('lbkit:aws:LoadBalancer', 'fixed')).toBeDefined();
    expect(lb.plan.targetGroups.map((t) => t.pool)).toEqual(['web', 'api']);
    expect(lb.warnings).toEqual([]);
  });
});
