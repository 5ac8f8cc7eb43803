/**
 * Would the AWS global Pulumi components deploy? For each AWS case (support/aws-specs.ts), the resources
 * lbkit:global:Route53 and lbkit:global:GlobalAccelerator register (Pulumi mocks), renamed to CloudFormation's
 * properties (support/pulumi-to-cfn.ts), are held equal to the CDK template of the same spec and placement, the
 * template aws-cdk.test.ts passes through cfn-lint: same resources, same properties, references to resources
 * of the same types. A planted wrong property fails it.
 */
import * as pulumi from '@pulumi/pulumi';
import { mockPulumi, settle, type RecordedResource } from '../support/pulumi';
import { GlobalAccelerator, Route53 } from '../../providers/global/pulumi';
import { synthAws, type CfnTemplate } from './support/aws-cdk';
import { awsCases, HOSTED_ZONE_ID, type AwsCase } from './support/aws-specs';
import { MAPPED_TYPES, toCfn } from './support/pulumi-to-cfn';

/** Global Accelerator's fixed hosted zone id for alias records (the CDK construct writes the constant). */
const GA_ZONE = 'Z2BJ6XQ5FK7U4H';
/** Provider outputs stand for references: `ref:<resource name>`, resolved to the referenced type below. */
const rec = mockPulumi((type, name) =>
  type.startsWith('aws:globalaccelerator/')
    ? { arn: `ref:${name}`, dnsName: `ref:${name}`, ...(type.endsWith(':Accelerator') ? { hostedZoneId: GA_ZONE } : {}) }
    : {},
);
beforeAll(() => jest.spyOn(pulumi.log, 'warn').mockImplementation(async () => undefined));

type Json = Record<string, any>;

/** Sorted keys, tag lists sorted by key, empty lists dropped: the same resource prints the same. */
function canonical(v: unknown, ref: (x: unknown) => string | undefined): unknown {
  const r = ref(v);
  if (r) return r;
  if (Array.isArray(v)) {
    const items = v.map((x) => canonical(x, ref));
    return items.every((x) => x && typeof x === 'object' && 'Key' in (x as Json))
      ? [...items].sort((a: any, b: any) => String(a.Key).localeCompare(b.Key))
      : items;
  }
  if (v && typeof v === 'object') {
    return Object.fromEntries(
      Object.keys(v)
        .sort()
        .filter((k) => !(Array.isArray((v as Json)[k]) && (v as Json)[k].length === 0))
        .map((k) => [k, canonical((v as Json)[k], ref)]),
    );
  }
  return v;
}

function fromTemplate(t: CfnTemplate): string[] {
  const ref = (x: unknown) => {
    const target = (x as Json)?.Ref ?? (x as Json)?.['Fn::GetAtt']?.[0];
    return typeof target === 'string' && t.Resources[target] ? `<ref ${t.Resources[target].Type}>` : undefined;
  };
  return Object.values(t.Resources)
    .map((r) => JSON.stringify({ Type: r.Type, Properties: canonical(r.Properties ?? {}, ref) }))
    .sort();
}

function fromPulumi(resources: readonly RecordedResource[]): string[] {
  const mapped = resources.map((r) => ({ r, cfn: toCfn(r.type, r.inputs) }));
  const types = new Map<string, string>();
  for (const { r, cfn } of mapped) if (cfn) [`${r.name}-id`, `ref:${r.name}`].forEach((k) => types.set(k, cfn.Type));
  const ref = (x: unknown) => (typeof x === 'string' && types.has(x) ? `<ref ${types.get(x)}>` : undefined);
  return mapped
    .filter((m) => m.cfn)
    .map(({ cfn }) => JSON.stringify({ Type: cfn!.Type, Properties: canonical(cfn!.Properties, ref) }))
    .sort();
}

async function renderPulumi(c: AwsCase): Promise<RecordedResource[]> {
  rec.reset();
  const args = { ...c.input, hostedZoneId: HOSTED_ZONE_ID, regions: c.regions };
  await settle(rec, [c.target === 'aws-route53' ? new Route53(c.name, args) : new GlobalAccelerator(c.name, args)]);
  return [...rec.resources];
}

const cases = awsCases();
let templates: Record<string, CfnTemplate> = {};
beforeAll(() => {
  templates = synthAws(cases);
});

test.each(cases.map((c) => [c.name, c] as const))('%s: the Pulumi resources are the CloudFormation template', async (name, c) => {
  const resources = await renderPulumi(c);
  expect(resources.filter((r) => !r.type.startsWith('lbkit:')).every((r) => MAPPED_TYPES.includes(r.type))).toBe(true);
  expect(fromPulumi(resources)).toEqual(fromTemplate(templates[name]));
});

describe('a planted fault fails it', () => {
  const PLANTS: Array<[string, string, (rs: RecordedResource[]) => void]> = [
    ['a misspelt health check input', 'global-latency', (rs) => renameInput(rs, 'aws:route53/healthCheck:HealthCheck', 'failureThreshold', 'failureTreshold')],
    ['a wrong probe interval', 'global-latency', (rs) => (first(rs, 'aws:route53/healthCheck:HealthCheck').requestInterval = 15)],
    ['a lost routing policy', 'global-failover-dns', (rs) => delete first(rs, 'aws:route53/record:Record').failoverRoutingPolicies],
    ['a second latency policy block', 'global-latency', (rs) => first(rs, 'aws:route53/record:Record').latencyRoutingPolicies.push({ region: 'us-west-2' })],
    [
      'an AAAA record lost',
      'global-weighted-dualstack-tagged',
      (rs) =>
        rs.splice(
          rs.findIndex((r) => r.inputs.type === 'AAAA'),
          1,
        ),
    ],
    [
      'client IP preservation off',
      'global-anycast',
      (rs) => (first(rs, 'aws:globalaccelerator/endpointGroup:EndpointGroup').endpointConfigurations[0].clientIpPreservationEnabled = false),
    ],
    [
      'a listener pointing at an endpoint group',
      'global-anycast',
      (rs) =>
        (first(rs, 'aws:globalaccelerator/listener:Listener').acceleratorArn = `ref:${byType(rs, 'aws:globalaccelerator/endpointGroup:EndpointGroup').name}`),
    ],
    ['a tag lost', 'global-anycast-dualstack-tagged', (rs) => (first(rs, 'aws:globalaccelerator/accelerator:Accelerator').tags = {})],
  ];
  const byType = (rs: RecordedResource[], type: string) => rs.find((r) => r.type === type)!;
  const first = (rs: RecordedResource[], type: string) => byType(rs, type).inputs as Json;
  function renameInput(rs: RecordedResource[], type: string, from: string, to: string) {
    const i = first(rs, type);
    i[to] = i[from];
    delete i[from];
  }

  test.each(PLANTS)('%s', async (_what, name, plant) => {
    const resources = (await renderPulumi(cases.find((c) => c.name === name)!)).map((r) => ({ ...r, inputs: JSON.parse(JSON.stringify(r.inputs)) as Json }));
    expect(fromPulumi(resources)).toEqual(fromTemplate(templates[name]));
    plant(resources);
    expect(fromPulumi(resources)).not.toEqual(fromTemplate(templates[name]));
  });
});
