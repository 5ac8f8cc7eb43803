/**
 * The AWS global constructs (aws-route53, aws-global-accelerator): template snapshots of every example, the
 * routing fields per policy, cfn-lint on every template, and construction errors listing every problem with
 * the construct path.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { App, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import * as route53 from 'aws-cdk-lib/aws-route53';
import { GlobalPlacementError, InvalidInputError } from '../../lib/errors';
import { GlobalAccelerator, GlobalDns } from '../../providers/global/cdk';
import { stackWithZone, synthAws } from './support/aws-cdk';
import { awsCases, regionsOf } from './support/aws-specs';
import { latencyOverAnycast, readSpec, SPECS } from './support/specs';

const templates: Record<string, Record<string, any>> = {};
beforeAll(() => Object.assign(templates, synthAws(awsCases())));

test.each(['global-latency', 'global-geo', 'dns-one', 'global-failover-dns', 'global-anycast'])('template of %s matches its snapshot', (name) => {
  expect(templates[name]).toMatchSnapshot();
});

const records = (name: string) => Object.values(Template.fromJSON(templates[name]).findResources('AWS::Route53::RecordSet')).map((r: any) => r.Properties);

test('latency: one alias record per host name and region, Region from the placement, health checks attached', () => {
  const rs = records('global-latency');
  expect(rs).toHaveLength(6);
  expect(rs.filter((r) => r.Name === 'www.example.com.').map((r) => [r.SetIdentifier, r.Region])).toEqual([
    ['us-east', 'us-east-1'],
    ['eu-west', 'eu-west-1'],
    ['ap-south', 'ap-south-1'],
  ]);
  expect(rs.every((r) => r.AliasTarget.EvaluateTargetHealth === true && r.HealthCheckId && r.TTL === undefined)).toBe(true);
  const checks = Object.values(Template.fromJSON(templates['global-latency']).findResources('AWS::Route53::HealthCheck')).map(
    (h: any) => h.Properties.HealthCheckConfig,
  );
  expect(checks.map((c) => [c.Type, c.Port, c.ResourcePath, c.RequestInterval, c.FailureThreshold])).toEqual(Array(3).fill(['HTTP', 80, '/', 10, 2]));
});

test('geo: one record per place, the default region also gets CountryCode *', () => {
  const rs = records('global-geo').map((r) => [r.SetIdentifier, r.GeoLocation]);
  expect(rs).toEqual(
    expect.arrayContaining([
      ['us-east-continentna', { ContinentCode: 'NA' }],
      ['us-east-default', { CountryCode: '*' }],
      ['eu-west-continenteu', { ContinentCode: 'EU' }],
      ['eu-central-countryde', { CountryCode: 'DE' }],
    ]),
  );
});

test('failover (two regions): PRIMARY and SECONDARY; DNS for one load balancer: one plain alias record', () => {
  expect(records('global-failover-dns').map((r) => [r.SetIdentifier, r.Failover])).toEqual([
    ['us-east', 'PRIMARY'],
    ['eu-west', 'SECONDARY'],
  ]);
  expect(records('dns-one')).toEqual([
    {
      HostedZoneId: 'Z0123456789ABCDEFGHIJ',
      Name: 'shop.example.com.',
      Type: 'A',
      AliasTarget: { DNSName: 'shop-main-123456.eu-west-1.elb.amazonaws.com', HostedZoneId: 'Z32O12XQLNTSW2', EvaluateTargetHealth: true },
    },
  ]);
});

test('Global Accelerator: one endpoint group per region with its load balancer, alias records to the accelerator', () => {
  const t = Template.fromJSON(templates['global-anycast']);
  t.resourceCountIs('AWS::GlobalAccelerator::EndpointGroup', 3);
  t.hasResourceProperties('AWS::GlobalAccelerator::Listener', { Protocol: 'TCP', PortRanges: [{ FromPort: 80, ToPort: 80 }] });
  t.hasResourceProperties('AWS::Route53::RecordSet', { Name: 'www.example.com.', AliasTarget: { HostedZoneId: 'Z2BJ6XQ5FK7U4H' } });
});

test('every problem at once, with the construct path: capability, ranges and placement', () => {
  const app = new App();
  const { stack, zone } = stackWithZone(app, 'broken');
  const spec = { ...readSpec('global-geo.yaml'), healthCheck: { intervalSeconds: 15 } };
  let error: InvalidInputError | undefined;
  try {
    new GlobalDns(stack, 'Global', {
      spec,
      baseDir: SPECS,
      hostedZone: zone,
      regions: { 'us-east': regionsOf('global-geo.yaml')['us-east'], mars: regionsOf('global-geo.yaml')['us-east'] },
    });
  } catch (e) {
    error = e as InvalidInputError;
  }
  expect(error).toBeInstanceOf(InvalidInputError);
  expect(error!.constructPath).toBe('broken/Global');
  expect(error!.problems.map((p) => [p.code, p.path])).toEqual([
    ['LBKIT_CAPABILITY', 'ttlSeconds'],
    ['LBKIT_CAPABILITY', 'whenAllUnhealthy'],
    ['LBKIT_CAPABILITY', 'healthCheck.intervalSeconds'],
    ['LBKIT_GLOBAL_PLACEMENT', 'regions.eu-west'],
    ['LBKIT_GLOBAL_PLACEMENT', 'regions.eu-central'],
    ['LBKIT_GLOBAL_PLACEMENT', 'regions.mars'],
  ]);
  expect(
    () =>
      new GlobalAccelerator(new Stack(app, 'east', { env: { region: 'us-east-1' } }), 'G', {
        ...latencyOverAnycast(),
        hostedZone: zone,
        regions: regionsOf('global-latency.yaml'),
      }),
  ).toThrow(GlobalPlacementError);
});

const cfnLint = spawnSync('cfn-lint', ['--version'], { encoding: 'utf8' });
const lintable = cfnLint.status === 0;
(lintable ? test : test.skip)(`cfn-lint accepts every template${lintable ? '' : ' (skipped: cfn-lint is not installed)'}`, () => {
  const dir = mkdtempSync(join(tmpdir(), 'lbkit-global-'));
  const files = Object.entries(templates).map(([name, t]) => {
    const file = join(dir, `${name}.json`);
    writeFileSync(file, JSON.stringify(t));
    return file;
  });
  const out = spawnSync('cfn-lint', ['--format', 'parseable', ...files], { encoding: 'utf8' });
  expect(out.stdout + out.stderr).toBe('');
  expect(out.status).toBe(0);
  void execFileSync;
});

test('a hosted zone of another name is a placement problem', () => {
  const app = new App();
  const stack = new Stack(app, 'other', { env: { account: '123456789012', region: 'us-east-1' } });
  const zone = route53.HostedZone.fromHostedZoneAttributes(stack, 'Zone', { hostedZoneId: 'Z1', zoneName: 'example.org' });
  expect(() => new GlobalDns(stack, 'Global', { specFile: `${SPECS}/dns-one.yaml`, hostedZone: zone, regions: regionsOf('dns-one.yaml') })).toThrow(
    /hostedZone: the hosted zone is 'example.org', the spec's zone is 'example.com'/,
  );
});
