/**
 * The Pulumi components lbkit:global:Route53 and lbkit:global:GlobalAccelerator: resource graph snapshots,
 * children parented to the component, and every problem reported before anything registers.
 */
import { mockPulumi, settle, snapshotOf } from '../support/pulumi';
import { GlobalAccelerator, Route53 } from '../../providers/global/pulumi';
import { InvalidInputError } from '../../lib/errors';
import { latencyOverAnycast, SPECS } from './support/specs';

const recorder = mockPulumi((type) =>
  type === 'aws:globalaccelerator/accelerator:Accelerator' ? { dnsName: 'a123.awsglobalaccelerator.com', hostedZoneId: 'Z2BJ6XQ5FK7U4H' } : {},
);
beforeEach(() => recorder.reset());
beforeEach(() => jest.spyOn(console, 'warn').mockImplementation(() => undefined));
afterEach(() => jest.restoreAllMocks());

const AWS_REGION: Record<string, string> = { 'us-east': 'us-east-1', 'eu-west': 'eu-west-1', 'ap-south': 'ap-south-1' };
const regions = Object.fromEntries(
  Object.entries(AWS_REGION).map(([name, awsRegion]) => [
    name,
    {
      awsRegion,
      dnsName: `shop-${name}.${awsRegion}.elb.amazonaws.com`,
      canonicalHostedZoneId: `ZONE-${awsRegion}`,
      loadBalancerArn: `arn:aws:elasticloadbalancing:${awsRegion}:123456789012:loadbalancer/app/shop/0123`,
    },
  ]),
);

test('Route 53, latency example: health checks and alias records, parented to the component', async () => {
  const c = new Route53('shop', {
    specFile: `${SPECS}/global-latency.yaml`,
    allowNearest: ['aws-route53:global.ttl', 'aws-route53:global.health.timeout'],
    hostedZoneId: 'Z0123',
    regions,
  });
  await settle(recorder, [c]);
  expect(snapshotOf(recorder)).toMatchSnapshot();
  expect(recorder.ofType('aws:route53/record:Record')).toHaveLength(6);
  expect(recorder.resources.filter((r) => r.type !== 'lbkit:global:Route53').every((r) => r.parent === 'shop')).toBe(true);
});

test('Global Accelerator, the latency example delivered by anycast', async () => {
  const c = new GlobalAccelerator('shop', { ...latencyOverAnycast(), hostedZoneId: 'Z0123', regions });
  await settle(recorder, [c]);
  expect(snapshotOf(recorder)).toMatchSnapshot();
  expect(recorder.ofType('aws:globalaccelerator/endpointGroup:EndpointGroup').map((r) => r.inputs.endpointGroupRegion)).toEqual([
    'us-east-1',
    'eu-west-1',
    'ap-south-1',
  ]);
});

test('every problem before anything registers', () => {
  expect(() => new Route53('bad', { specFile: `${SPECS}/global-latency.yaml`, hostedZoneId: 'Z0123', regions: { 'us-east': regions['us-east'] } })).toThrow(
    InvalidInputError,
  );
  try {
    new Route53('bad', { specFile: `${SPECS}/global-latency.yaml`, hostedZoneId: 'Z0123', regions: { 'us-east': regions['us-east'] } });
  } catch (e) {
    expect((e as InvalidInputError).problems.map((p) => p.path)).toEqual(['healthCheck.timeoutSeconds', 'ttlSeconds', 'regions.eu-west', 'regions.ap-south']);
  }
  expect(recorder.resources).toEqual([]);
});
