/**
 * Would the GCP global components deploy? Every resource lbkit:global:CloudDns and lbkit:global:GcpGlobal
 * register (Pulumi mocks) for each routing policy, IPv4 and dualstack: the Compute resources against the
 * Compute API's schema and cross-field rules (test/gcp/api, as for the regional component), the Cloud DNS
 * record sets against the ResourceRecordSet fields and the rules the Cloud DNS reference writes down
 * (support/cloud-dns-rules.ts). The checker's teeth: planted faults, each caught by the rule named.
 */
import { describeFindings } from '../gcp/api/deploy-check';
import { schemaFindings, type Finding } from '../gcp/api/compute-schema';
import { ruleFindings } from '../gcp/api/rules';
import { autonamed } from '../gcp/fixtures';
import { mockPulumi, settle, type RecordedResource } from '../support/pulumi';
import { CloudDns, GcpGlobal } from '../../providers/global/pulumi';
import { RECORD_RULES, RECORD_SET, recordSetFindings } from './support/cloud-dns-rules';
import { cloudDnsDeployments, gcpGlobalDeployments } from './support/specs';

const rec = mockPulumi(autonamed);
beforeAll(() => jest.spyOn(console, 'warn').mockImplementation(() => undefined));

/** The component's own resource is no API resource. */
const COMPONENTS = new Set(['lbkit:global:CloudDns', 'lbkit:global:GcpGlobal']);

function findings(resources: readonly RecordedResource[]): Finding[] {
  const compute = resources.filter((r) => !COMPONENTS.has(r.type) && r.type !== RECORD_SET);
  return [
    ...compute.flatMap(
      (r) =>
        schemaFindings(r.type, r.name, r.inputs) ?? [{ resource: `${r.type}::${r.name}`, path: '', rule: 'unmapped', message: 'no API message is mapped' }],
    ),
    ...ruleFindings(resources),
    ...recordSetFindings(resources),
  ];
}

async function render(make: () => CloudDns | GcpGlobal): Promise<RecordedResource[]> {
  rec.reset();
  await settle(rec, [make()]);
  return [...rec.resources];
}

const dns = cloudDnsDeployments();
const anycast = gcpGlobalDeployments();

describe('every routing policy, IPv4 and dualstack: every resource valid', () => {
  test.each(dns.map((d) => [d.name, d] as const))('Cloud DNS %s', async (_name, d) => {
    const resources = await render(() => new CloudDns(d.name, d.args));
    const types = resources.filter((r) => r.type === RECORD_SET).map((r) => `${String(r.inputs.name)} ${String(r.inputs.type)}`);
    const hosts = d.args.model!.hostNames.map((h) => `${h}.`);
    expect(types.sort()).toEqual(hosts.flatMap((h) => (d.name.endsWith('dualstack') ? [`${h} A`, `${h} AAAA`] : [`${h} A`])).sort());
    expect(describeFindings(findings(resources))).toEqual([]);
  });

  test.each(anycast.map((d) => [d.name, d] as const))('global Application Load Balancer %s', async (_name, d) => {
    const resources = await render(() => new GcpGlobal(d.name, d.args));
    const dual = d.name.endsWith('dualstack');
    expect(resources.filter((r) => r.type === 'gcp:compute/globalAddress:GlobalAddress').map((r) => r.inputs.ipVersion)).toEqual(
      dual ? [undefined, 'IPV6'] : [undefined],
    );
    expect(resources.filter((r) => r.type === 'gcp:compute/globalForwardingRule:GlobalForwardingRule')).toHaveLength(dual ? 2 : 1);
    const types = resources.filter((r) => r.type === RECORD_SET).map((r) => `${String(r.inputs.name)} ${String(r.inputs.type)}`);
    expect(types.sort()).toEqual(
      dual ? ['example.com. A', 'example.com. AAAA', 'www.example.com. A', 'www.example.com. AAAA'] : ['example.com. A', 'www.example.com. A'],
    );
    expect(describeFindings(findings(resources))).toEqual([]);
  });
});

test('the AAAA record set answers and health-checks the IPv6 addresses with the same routing policy as the A record set', async () => {
  const d = dns.find((x) => x.name === 'wrr-dualstack')!;
  const records = (await render(() => new CloudDns(d.name, d.args))).filter((r) => r.type === RECORD_SET && r.inputs.name === 'www.example.com.');
  const [a, aaaa] = ['A', 'AAAA'].map((t) => records.find((r) => r.inputs.type === t)!.inputs as Record<string, any>);
  const endpoints = (r: Record<string, any>) => r.routingPolicy.wrrs.map((w: any) => [w.weight, ...w.healthCheckedTargets.externalEndpoints]);
  expect(endpoints(a)).toEqual([
    [3, '203.0.113.10'],
    [1, '203.0.113.11'],
    [2, '203.0.113.12'],
  ]);
  expect(endpoints(aaaa)).toEqual([
    [3, '2001:db8::10'],
    [1, '2001:db8::11'],
    [2, '2001:db8::12'],
  ]);
  expect(aaaa.routingPolicy.healthCheck).toBe(a.routingPolicy.healthCheck);
});

test('dualstack regions without their IPv6 addresses: a placement problem per region, before anything registers', () => {
  rec.reset();
  const d = dns.find((x) => x.name === 'geo-dualstack')!;
  const regions = Object.fromEntries(Object.entries(d.args.regions).map(([k, v]) => [k, { gcpRegion: v.gcpRegion, ipAddress: v.ipAddress }]));
  expect(() => new CloudDns('no-v6', { ...d.args, regions })).toThrow(/regions\.us-east\.ipv6Address/);
  expect(rec.resources).toEqual([]);
});

describe('the checker has teeth: each planted fault is caught by the rule named', () => {
  type Inputs = Record<string, any>;
  const clone = (rs: RecordedResource[]) => rs.map((r) => ({ ...r, inputs: JSON.parse(JSON.stringify(r.inputs)) as Record<string, unknown> }));
  /** The record sets, A before AAAA. */
  const records = (rs: RecordedResource[]) =>
    rs
      .filter((r) => r.type === RECORD_SET)
      .map((r) => r.inputs as Inputs)
      .sort((x, y) => String(x.type).localeCompare(String(y.type)));
  const bases: Record<string, RecordedResource[]> = {};
  beforeAll(async () => {
    for (const name of ['wrr-dualstack', 'primary-backup-ipv4', 'geo-ipv4', 'single-ipv4']) {
      const d = dns.find((x) => x.name === name)!;
      bases[name] = await render(() => new CloudDns(d.name, d.args));
    }
    const g = anycast.find((x) => x.name === 'anycast-dualstack')!;
    bases[g.name] = await render(() => new GcpGlobal(g.name, g.args));
  });

  const PLANTS: Array<[string, string, string, (rs: RecordedResource[]) => void]> = [
    ['an unknown routing policy field', 'wrr-dualstack', 'field', (rs) => (records(rs)[0].routingPolicy.wrrs[0].ratio = 2)],
    [
      'an IPv4 endpoint in the AAAA record set',
      'wrr-dualstack',
      'address-family',
      (rs) => (records(rs).find((r) => r.type === 'AAAA')!.routingPolicy.wrrs[0].healthCheckedTargets.externalEndpoints = ['203.0.113.10']),
    ],
    ['a CNAME record set with health-checked targets', 'wrr-dualstack', 'health-checked-types', (rs) => (records(rs)[0].type = 'CNAME')],
    ['rrdatas beside a routing policy', 'primary-backup-ipv4', 'rrdata-or-policy', (rs) => (records(rs)[0].rrdatas = ['203.0.113.10'])],
    ['two routing policies', 'primary-backup-ipv4', 'one-policy', (rs) => (records(rs)[0].routingPolicy.wrrs = [{ weight: 1, rrdatas: ['203.0.113.10'] }])],
    [
      'internal load balancers as targets',
      'primary-backup-ipv4',
      'external-load-balancers',
      (rs) => {
        const p = records(rs)[0].routingPolicy.primaryBackup.primary;
        p.internalLoadBalancers = [{ ipAddress: '10.0.0.1', ipProtocol: 'tcp', port: '80', networkUrl: 'n', project: 'p' }];
        delete p.externalEndpoints;
      },
    ],
    [
      'both kinds of targets',
      'primary-backup-ipv4',
      'targets-one-kind',
      (rs) => (records(rs)[0].routingPolicy.primaryBackup.primary.internalLoadBalancers = [{ ipAddress: '10.0.0.1' }]),
    ],
    ['external endpoints without a health check', 'geo-ipv4', 'external-needs-health-check', (rs) => delete records(rs)[0].routingPolicy.healthCheck],
    [
      'a health check probing every 10 s',
      'geo-ipv4',
      'health-check-source-regions',
      (rs) => ((rs.find((r) => r.type === 'gcp:compute/healthCheck:HealthCheck')!.inputs as Inputs).checkIntervalSec = 10),
    ],
    [
      'one location twice',
      'geo-ipv4',
      'geo-unique-location',
      (rs) => (records(rs)[0].routingPolicy.geos[1].location = records(rs)[0].routingPolicy.geos[0].location),
    ],
    ['a weight above 1000', 'wrr-dualstack', 'wrr-weight', (rs) => (records(rs)[0].routingPolicy.wrrs[0].weight = 1001)],
    ['no backup item', 'primary-backup-ipv4', 'primary-backup', (rs) => (records(rs)[0].routingPolicy.primaryBackup.backupGeos = [])],
    ['a name without its trailing dot', 'single-ipv4', 'record-name', (rs) => (records(rs)[0].name = 'shop.example.com')],
    [
      'an IPv6 address version the Compute API does not know',
      'anycast-dualstack',
      'enum',
      (rs) => ((rs.find((r) => r.type === 'gcp:compute/globalAddress:GlobalAddress' && r.inputs.ipVersion)!.inputs as Inputs).ipVersion = 'V6'),
    ],
  ];

  test.each(PLANTS)('%s', (_what, base, rule, plant) => {
    const rs = clone(bases[base]);
    expect(findings(rs)).toEqual([]);
    plant(rs);
    expect(findings(rs).map((f) => f.rule)).toContain(rule);
  });

  test('every rule has a planted fault and a source', () => {
    const planted = new Set(PLANTS.map((p) => p[2]));
    expect(RECORD_RULES.map((r) => r.id).filter((id) => !planted.has(id))).toEqual([]);
    for (const r of RECORD_RULES) expect(r.source).toMatch(/https:\/\/|@pulumi\/gcp/);
  });
});
