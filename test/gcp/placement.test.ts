/** Placement props: every problem is reported at construction, with the prop it concerns. */
import { buildModel } from '../../lib/model/build';
import { LbkitError } from '../../lib/errors';
import type { LoadBalancerSpec } from '../../lib/spec/schema';
import { compileForGcp, GcpPlacementError } from '../../providers/gcp';
import type { GcpLoadBalancerProps } from '../../providers/gcp/props';
import { NETWORK, placeAnything, webModel } from './fixtures';
import { mtlsOnly } from '../support/mtls';

const problems = (props: GcpLoadBalancerProps) => {
  try {
    compileForGcp(props);
  } catch (e) {
    if (e instanceof GcpPlacementError) return e.problems.map((p) => `${p.prop}: ${p.message}`);
    throw e;
  }
  return [];
};
const l4 = (spec: Partial<LoadBalancerSpec> = {}) =>
  buildModel({
    name: 'p',
    frontends: [{ name: 'db', protocol: 'tcp', port: 5432, defaultAction: { forward: { pool: 'db' } } }],
    pools: [{ name: 'db', protocol: 'tcp', port: 5432 }],
    ...spec,
  });
const web = webModel();
const bindingOf = (model: ReturnType<typeof l4>, binding: GcpLoadBalancerProps['bindings'][string]) => placeAnything(model, { bindings: { db: binding } });

describe('placement', () => {
  test('placeAnything fits every example', () => {
    expect(problems(placeAnything(web))).toEqual([]);
    expect(problems(placeAnything(l4({ scheme: 'internal' })))).toEqual([]);
  });

  test.each([
    [
      'global on an internal load balancer',
      placeAnything(webModel({ scheme: 'internal' }), { global: true }),
      'global: internal Application Load Balancers are regional',
    ],
    ['no region for regional resources', placeAnything(l4(), { region: undefined }), 'region: regional load balancers'],
    ['no network for firewall rules', placeAnything(l4(), { network: undefined }), 'network: the VPC network is needed for firewall rules'],
    [
      'no subnetwork for internal forwarding rules',
      placeAnything(l4({ scheme: 'internal' }), { subnetwork: undefined }),
      'subnetwork: internal forwarding rules take their address from a subnetwork',
    ],
    [
      'no subnetwork for IPv6 passthrough',
      placeAnything(l4({ ipAddressType: 'dualstack' }), { subnetwork: undefined }),
      'subnetwork: IPv6 passthrough forwarding rules need a dual-stack subnetwork',
    ],
    [
      'no proxy-only subnet for a regional ALB',
      placeAnything(web, { global: false, proxyOnlySubnet: undefined }),
      "proxyOnlySubnet: regional Application and proxy Network Load Balancers need the region's proxy-only subnet",
    ],
    [
      'an unknown networkLoadBalancers frontend',
      placeAnything(l4(), { networkLoadBalancers: { https: 'proxy' } }),
      "networkLoadBalancers.https: the spec has no tcp, tls or udp frontend 'https'",
    ],
  ])('%s', (_n, props, expected) => {
    expect(problems(props).some((p) => p.startsWith(expected))).toBe(true);
  });

  test('a firewall-less placement needs no network', () => {
    expect(problems(placeAnything(l4(), { network: undefined, firewall: { create: false } }))).toEqual([]);
  });
});

describe('certificates', () => {
  test('a certificate name the spec does not have, with a hint', () => {
    expect(problems(placeAnything(web, { certificates: { sites: { kind: 'existing', sslCertificate: 'x' } } }))).toContain(
      "certificates.sites: the spec has no certificate 'sites' (did you mean 'site'?)",
    );
  });

  test('Google-managed certificates: global only, with domains, without wildcards', () => {
    expect(problems(placeAnything(web, { certificates: {} }))).toEqual([
      'certificates.site: has no binding, so it would be a Google-managed certificate, but compute managed certificates cannot cover wildcard domains (*.example.com): use certificateMap (Certificate Manager) or a self-managed certificate',
    ]);
    const noWildcard = webModel({ certificates: [{ name: 'site', domains: ['example.com', 'www.example.com'] }] });
    expect(problems(placeAnything(noWildcard, { certificates: { site: { kind: 'managed' } } }))).toEqual([]);
    expect(problems(placeAnything(noWildcard, { certificates: { site: { kind: 'managed' } }, global: false }))[0]).toMatch(
      /^certificates\.site: is managed, but Google-managed certificates are global only and frontend 'https' is regional/,
    );
    const noDomains = webModel({ certificates: [{ name: 'site' }] });
    expect(problems(placeAnything(noDomains, { certificates: {} }))[0]).toMatch(
      /^certificates\.site: .* needs the spec's certificates\[\]\.domains, and it lists none/,
    );
  });

  test('a certificate map serves global frontends only', () => {
    expect(problems(placeAnything(web, { certificates: undefined, certificateMap: 'm' }))).toEqual([]);
    expect(problems(placeAnything(web, { certificates: undefined, certificateMap: 'm', global: false }))).toEqual([
      "certificateMap: frontend 'https' is regional; certificate maps serve global external load balancers only (use certificates)",
    ]);
  });

  test('mutual TLS needs its trust store', () => {
    const mtls = webModel(mtlsOnly('web'));
    expect(problems(placeAnything(mtls, { trustStores: {} }))).toEqual([
      "trustStores.clients: mutual TLS needs trust store 'clients': caCertificates or an existing trustConfig",
    ]);
  });
});

describe('bindings', () => {
  test('every pool a frontend reaches needs members; names must be pools', () => {
    expect(problems(placeAnything(l4(), { bindings: { dbb: { instanceGroups: {} } } }))).toEqual([
      "bindings.dbb: the spec has no pool 'dbb' (did you mean 'db'?)",
      "bindings.db: pool 'db' needs members: instanceGroups, networkEndpoints or serverless",
    ]);
  });

  test('one kind per pool', () => {
    expect(problems(bindingOf(l4(), { instanceGroups: {}, serverless: {} } as never))).toEqual([
      'bindings.db: give exactly one of instanceGroups, networkEndpoints, serverless (GCP backend services do not mix them); got instanceGroups, serverless',
    ]);
  });

  test('serverless NEGs: Application Load Balancers only, exactly one target each', () => {
    expect(problems(bindingOf(l4(), { serverless: { run: { region: 'r', cloudRun: { service: 's' }, appEngine: {} } } }))).toEqual([
      'bindings.db.serverless: serverless NEGs serve Application Load Balancers only; this pool is behind a Network Load Balancer',
      'bindings.db.serverless.run: give exactly one of cloudRun, cloudFunction, appEngine; got 2',
    ]);
  });

  test('VM endpoints name their instance; passthrough cannot use hybrid endpoints or share NEGs with proxies', () => {
    expect(problems(bindingOf(l4(), { networkEndpoints: { b: { zone: 'z', endpoints: [{ ipAddress: '10.0.0.2' }] } } }))).toEqual([
      'bindings.db.networkEndpoints.b.endpoints[0].instance: GCE_VM_IP endpoints name the VM instance that holds 10.0.0.2',
    ]);
    expect(
      problems(
        bindingOf(l4(), { networkEndpoints: { b: { zone: 'z', networkEndpointType: 'NON_GCP_PRIVATE_IP_PORT', endpoints: [{ ipAddress: '10.0.0.2' }] } } }),
      ),
    ).toEqual(['bindings.db.networkEndpoints.b.networkEndpointType: hybrid endpoints cannot serve a passthrough load balancer']);
    const both = buildModel({
      name: 'p',
      strict: false,
      frontends: [
        { name: 'a', protocol: 'tcp', port: 5432, defaultAction: { forward: { pool: 'db' } } },
        { name: 'b', protocol: 'tcp', port: 6000, defaultAction: { forward: { pool: 'db' } } },
      ],
      pools: [{ name: 'db', protocol: 'tcp', port: 5432 }],
    });
    expect(problems(bindingOf(both, { networkEndpoints: { b: { zone: 'z', endpoints: [{ ipAddress: '10.0.0.2', instance: 'vm' }] } } }))).toEqual([
      'bindings.db.networkEndpoints: passthrough needs GCE_VM_IP endpoint groups and proxies GCE_VM_IP_PORT ones: give the passthrough frontend its own pool',
    ]);
  });

  test('serverless pools warn that GCP does not health-check them', () => {
    const props = placeAnything(web, {
      bindings: { ...placeAnything(web).bindings, api: { serverless: { run: { region: 'europe-west1', cloudRun: { service: 'api' } } } } },
    });
    expect(compileForGcp(props).warnings.map((w) => w.message)).toContain(
      "pool 'api': GCP does not health-check serverless NEGs; its healthCheck is not applied",
    );
  });
});

test('exactly one of spec, specFile and model', () => {
  expect(() => compileForGcp({ bindings: {}, network: NETWORK })).toThrow(LbkitError);
  expect(() => compileForGcp({ spec: {} as LoadBalancerSpec, model: web, bindings: {} })).toThrow(/exactly one of spec, specFile and model/);
  const fromFile = compileForGcp({
    ...placeAnything(web),
    model: undefined,
    certificates: undefined,
    specFile: 'examples/specs/udp.yaml',
    bindings: { resolvers: { instanceGroups: {} } },
  });
  expect(fromFile.model.name).toBe('dns');
});

test('member keys name resources, so they must be names', () => {
  expect(problems(placeAnything(l4(), { bindings: { db: { instanceGroups: { 'Zone B': { group: 'g' } } } } }))).toEqual([
    "bindings.db.instanceGroups.Zone B: member keys name GCP resources: 1-32 characters of a-z, 0-9 and '-', starting with a letter",
  ]);
});
