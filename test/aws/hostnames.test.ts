/**
 * Listeners with host names on AWS (plan/host-listeners.ts): the frontends of a port become one ALB listener,
 * with every certificate in its list and the binding as rule order. The plan, the CDK construct's template
 * (snapshot, cfn-lint, cdk-nag AwsSolutions) and the Pulumi component's resources.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { buildModel } from '../../lib/model/build';
import type { LoadBalancerSpec } from '../../lib/spec/schema';
import { LoadBalancer as CdkLoadBalancer } from '../../providers/aws/cdk';
import { NO_FRONTEND, planAws } from '../../providers/aws/plan';
import { LoadBalancer as PulumiLoadBalancer } from '../../providers/aws/pulumi';
import { mockPulumi, settle } from '../support/pulumi';
import { ACCOUNT, certificateArn } from './fixtures';
import { stackWithVpc, testApp } from './support/cdk';
import { awsState } from './support/pulumi-aws';

const forward = (pool: string) => ({ forward: { pool } });
const internal = ['10.0.0.0/8'];
export const HOSTED: LoadBalancerSpec = {
  name: 'hosted',
  allowNearest: ['aws-alb:frontend.hostnames'],
  accessLogs: { prefix: 'hosted' },
  certificates: [{ name: 'main' }, { name: 'alt' }, { name: 'edge' }],
  frontends: [
    {
      name: 'site',
      protocol: 'https',
      port: 443,
      allowedSourceCidrs: internal,
      hostnames: ['example.com', '*.example.com'],
      tls: { certificate: 'main' },
      rules: [
        { name: 'api', match: { paths: [{ prefix: '/api' }] }, action: forward('api') },
        {
          name: 'admin',
          match: { hosts: ['admin.example.com', '*.b.example.com', 'shop.example.org'] },
          action: { fixedResponse: { statusCode: 403, body: 'admin' } },
        },
      ],
      defaultAction: forward('web'),
    },
    {
      name: 'shop',
      protocol: 'https',
      port: 443,
      allowedSourceCidrs: internal,
      hostnames: ['shop.example.org', '*.deep.example.com'],
      tls: { certificate: 'alt', additionalCertificates: ['main'] },
      defaultAction: forward('api'),
    },
    { name: 'rest', protocol: 'https', port: 443, allowedSourceCidrs: internal, tls: { certificate: 'edge' }, defaultAction: forward('web') },
    { name: 'plain', protocol: 'http', port: 80, allowedSourceCidrs: internal, hostnames: ['example.com'], redirectHttpToHttps: {} },
    {
      name: 'other',
      protocol: 'http',
      port: 80,
      allowedSourceCidrs: internal,
      hostnames: ['*.example.org'],
      rules: [{ name: 'status', match: { paths: [{ exact: '/status' }] }, action: { fixedResponse: { statusCode: 200, body: 'ok' } } }],
      defaultAction: { fixedResponse: { statusCode: 200, body: 'other' } },
    },
  ],
  pools: [
    { name: 'web', protocol: 'http', port: 8080 },
    { name: 'api', protocol: 'http', port: 9000 },
  ],
};
const PLACEMENT = {
  certificates: {
    main: certificateArn('11111111-1111-1111-1111-111111111111'),
    alt: certificateArn('22222222-2222-2222-2222-222222222222'),
    edge: certificateArn('33333333-3333-3333-3333-333333333333'),
  },
  bindings: { web: { ips: ['10.0.1.10'] }, api: { ips: ['10.0.2.10'] } },
};

const hostsOf = (conditions: readonly { field: string; hostHeaderConfig?: { values?: readonly string[] } }[]) =>
  conditions.find((c) => c.field === 'host-header')?.hostHeaderConfig?.values;

describe('plan', () => {
  const plan = planAws(buildModel(HOSTED));
  const [https, http] = plan.loadBalancers[0].listeners;

  test('one listener per port, named by its first frontend, serving every frontend of the port', () => {
    expect(plan.loadBalancers[0].listeners.map((l) => [l.id, l.port, l.frontends])).toEqual([
      ['site', 443, ['site', 'shop', 'rest']],
      ['plain', 80, ['plain', 'other']],
    ]);
  });

  test("the catch-all's certificate is the default one; every other certificate of the port is in the list once", () => {
    expect(https.tls).toMatchObject({ certificate: 'edge', additionalCertificates: ['main', 'alt'] });
  });

  test('rules in binding order: exact names, the longer wildcard, the shorter one, then the catch-all; each run ends with its default', () => {
    expect(https.rules.map((r) => [r.id, hostsOf(r.conditions)])).toEqual([
      // The port's first frontend keeps its rule ids; 'admin' meets no host of 'example.com' and is left out there.
      ['api', ['example.com']],
      ['defaultAction', ['example.com']],
      ['shop:defaultAction', ['shop.example.org', '*.deep.example.com']],
      // A second run of 'site' (its wildcard, after the longer '*.deep.example.com'): the rule's hosts met with it.
      ['site#2:api', ['*.example.com']],
      ['site#2:admin', ['admin.example.com', '*.b.example.com']],
      ['site#2:defaultAction', ['*.example.com']],
    ]);
    const priorities = https.rules.map((r) => r.priority);
    expect(priorities).toEqual([...priorities].sort((a, b) => a - b));
    expect(new Set(priorities).size).toBe(priorities.length);
    expect(https.defaultAction).toEqual({ type: 'forward', pool: 'web' });
  });

  test("a port without a catch-all answers 404 by default; a redirecting frontend's run redirects", () => {
    expect(http.defaultAction).toEqual(NO_FRONTEND);
    expect(http.rules.map((r) => [r.id, hostsOf(r.conditions), r.action.type])).toEqual([
      ['defaultAction', ['example.com'], 'redirect'],
      ['other:status', ['*.example.org'], 'fixed-response'],
      ['other:defaultAction', ['*.example.org'], 'fixed-response'],
    ]);
  });

  test('one ingress rule set per port, and the priorities ledger names the listener', () => {
    expect(plan.loadBalancers[0].securityGroup.ingress.map((r) => r.description)).toEqual([
      'frontends site, shop, rest (https:443) from 10.0.0.0/8',
      'frontends plain, other (http:80) from 10.0.0.0/8',
    ]);
    expect(Object.keys(plan.priorities)).toContain('site/site#2:admin');
  });

  test('off the default port, the binding names take the regex form that allows :port', () => {
    const onPort = (port: number) => ({ ...HOSTED, frontends: HOSTED.frontends.slice(3).map((f) => ({ ...f, port })) });
    const [listener] = planAws(buildModel(onPort(8080))).loadBalancers[0].listeners;
    expect(listener.rules[0].conditions[0]).toEqual({
      field: 'host-header',
      hostHeaderConfig: { regexValues: ['^[eE][xX][aA][mM][pP][lL][eE]\\.[cC][oO][mM](?::[0-9]+)?$'] },
    });
  });

  test("ELBv2's limits: names beyond 3 values a condition split the rules; beyond 10 parts a rule, the frontend's hostnames are refused", () => {
    const named = (count: number): LoadBalancerSpec => ({
      ...HOSTED,
      frontends: [{ ...HOSTED.frontends[3], hostnames: Array.from({ length: count }, (_, i) => `h${i}.example.com`) }],
    });
    const [listener] = planAws(buildModel(named(7))).loadBalancers[0].listeners;
    expect(listener.rules.map((r) => [r.id, hostsOf(r.conditions)?.length])).toEqual([
      ['defaultAction', 3],
      ['defaultAction.2', 3],
      ['defaultAction.3', 1],
    ]);
    expect(() => planAws(buildModel(named(31)))).toThrow(/frontends\[0\]\.hostnames: needs 11 ALB rules/);
  });

  test('without allowNearest the cell is refused, naming the mapping', () => {
    expect(() => planAws(buildModel({ ...HOSTED, allowNearest: [] }))).toThrow(/frontend\.hostnames[\s\S]*no 421/);
  });
});

describe('CDK construct', () => {
  const app = testApp();
  Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
  const { stack, vpc } = stackWithVpc(app, 'hosted', { env: { account: ACCOUNT, region: 'eu-west-1' } });
  const lb = new CdkLoadBalancer(stack, 'Hosted', { spec: HOSTED, vpc, ...PLACEMENT });
  const assembly = app.synth();
  const template = assembly.getStackByName('hosted').template as { Resources: Record<string, { Type: string; Properties: Record<string, any> }> };
  const ofType = (type: string) => Object.entries(template.Resources).filter(([, r]) => r.Type === `AWS::ElasticLoadBalancingV2::${type}`);

  test('listeners, certificates and rules match the snapshot', () => {
    expect(Object.fromEntries([...ofType('Listener'), ...ofType('ListenerCertificate'), ...ofType('ListenerRule')])).toMatchSnapshot();
  });

  test('every frontend of a port is exposed with its shared listener', () => {
    expect(lb.listeners.site).toBe(lb.listeners.rest);
    expect(lb.listeners.shop).toBe(lb.listeners.site);
    expect(lb.listeners.plain).toBe(lb.listeners.other);
    expect(ofType('Listener')).toHaveLength(2);
    expect(ofType('ListenerCertificate').flatMap(([, r]) => r.Properties.Certificates.map((c: { CertificateArn: string }) => c.CertificateArn))).toEqual([
      PLACEMENT.certificates.main,
      PLACEMENT.certificates.alt,
    ]);
  });

  test('cdk-nag AwsSolutions finds nothing (sources restricted, access logs on; the logs bucket acknowledges its own S1)', () => {
    const report = JSON.parse(readFileSync(join(app.outdir, 'validation-report.json'), 'utf8')) as {
      pluginReports: Array<{ pluginName: string; violations: unknown[] }>;
    };
    expect(report.pluginReports.filter((p) => p.pluginName === 'AwsSolutions').flatMap((p) => p.violations)).toEqual([]);
  });

  const lint = spawnSync('cfn-lint', ['--version'], { encoding: 'utf8' }).status === 0 ? test : test.skip;
  lint(
    'cfn-lint: 0 errors',
    () => {
      const dir = mkdtempSync(join(tmpdir(), 'lbkit-hosted-'));
      try {
        const file = join(dir, 'hosted.json');
        writeFileSync(file, JSON.stringify(template));
        const run = spawnSync('cfn-lint', ['--format', 'json', '--regions', 'eu-west-1', '--', file], { encoding: 'utf8' });
        const errors = (JSON.parse(run.stdout) as Array<{ Level: string; Message: string }>).filter((f) => f.Level === 'Error');
        expect(errors.map((e) => e.Message)).toEqual([]);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
    120_000,
  );
});

const PULUMI_ARGS = { spec: HOSTED, vpcId: 'vpc-0123456789abcdef0', subnetIds: ['subnet-a', 'subnet-b'], accessLogsBucket: 'logs', ...PLACEMENT };

describe('Pulumi component', () => {
  const recorder = mockPulumi(awsState);
  // The component logs the accepted nearest cell as a warning (pulumi.log.warn falls back to the console under mocks).
  beforeEach(() => jest.spyOn(console, 'warn').mockImplementation(() => undefined));
  afterEach(() => jest.restoreAllMocks());
  test('one listener per port, exposed under every frontend name; the certificate list; rules with host conditions', async () => {
    const lb = new PulumiLoadBalancer('hosted', PULUMI_ARGS);
    await settle(recorder, [lb]);
    expect(new Set(recorder.ofType('aws:lb/listener:Listener').map((r) => r.name))).toEqual(new Set(['hosted/plain', 'hosted/site']));
    expect(Object.keys(lb.listeners).sort()).toEqual(['other', 'plain', 'rest', 'shop', 'site']);
    expect(lb.listeners.shop).toBe(lb.listeners.site);
    expect(recorder.get('aws:lb/listener:Listener', 'hosted/site').inputs.certificateArn).toBe(PLACEMENT.certificates.edge);
    expect(recorder.ofType('aws:lb/listenerCertificate:ListenerCertificate').map((r) => [r.name, r.inputs.certificateArn])).toEqual(
      expect.arrayContaining([
        ['hosted/site/main', PLACEMENT.certificates.main],
        ['hosted/site/alt', PLACEMENT.certificates.alt],
      ]),
    );
    expect(recorder.ofType('aws:lb/listenerCertificate:ListenerCertificate')).toHaveLength(2);
    const rule = recorder.get('aws:lb/listenerRule:ListenerRule', 'hosted/site/site#2:admin').inputs as { conditions: unknown[] };
    expect(rule.conditions).toContainEqual({ hostHeader: { values: ['admin.example.com', '*.b.example.com'] } });
    const plain = recorder.get('aws:lb/listener:Listener', 'hosted/plain').inputs as { defaultActions: unknown[] };
    expect(plain.defaultActions[0]).toMatchObject({
      type: 'fixed-response',
      fixedResponse: { statusCode: '404' },
    });
  });
});
