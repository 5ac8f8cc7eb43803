/** What the Pulumi renderer adds to the plan: certificates, mTLS, addresses, NEGs, firewalls, deletion policy. */
import { buildModel } from '../../lib/model/build';
import type { LoadBalancerSpec } from '../../lib/spec/schema';
import { LoadBalancer } from '../../providers/gcp';
import { CONSECUTIVE_ERRORS_ONLY } from '../../providers/gcp/render/backends';
import type { GcpLoadBalancerProps } from '../../providers/gcp/props';
import { mockPulumi, settle } from '../support/pulumi';
import { autonamed, placeAnything, webModel } from './fixtures';
import { mtlsOnly } from '../support/mtls';

const rec = mockPulumi(autonamed);
beforeAll(() => {
  jest.spyOn(console, 'warn').mockImplementation(() => undefined);
});

async function render(name: string, props: GcpLoadBalancerProps): Promise<LoadBalancer> {
  rec.reset();
  const lb = new LoadBalancer(name, props);
  await settle(rec, [lb]);
  return lb;
}
const inputs = (type: string, name: string) => rec.get(`gcp:${type}`, name).inputs as Record<string, unknown>;
const small = (spec: Partial<LoadBalancerSpec> = {}) =>
  buildModel({
    name: 's',
    certificates: [{ name: 'site', domains: ['shop.example.com'] }],
    frontends: [
      { name: 'https', protocol: 'https', port: 443, tls: { certificate: 'site' }, defaultAction: { forward: { pool: 'app' } } },
      { name: 'http', protocol: 'http', port: 80, redirectHttpToHttps: true },
    ],
    pools: [{ name: 'app', protocol: 'http', port: 8080, passiveHealthCheck: { consecutiveFailures: 3, ejectionSeconds: 20, maxEjectedPercent: 40 } }],
    allowNearest: ['pool.passive-health'],
    ...spec,
  });

test('a Google-managed certificate for the spec domains; outlier detection ejects on consecutive errors only', async () => {
  await render('m', placeAnything(small(), { certificates: {} }));
  expect(inputs('compute/managedSslCertificate:ManagedSslCertificate', 'm-cert-site')).toMatchObject({
    type: 'MANAGED',
    managed: { domains: ['shop.example.com'] },
  });
  expect(inputs('compute/targetHttpsProxy:TargetHttpsProxy', 'm-https-proxy-https').sslCertificates).toEqual(['m-cert-site-id']);
  // The pool's passiveHealthCheck (3 failures, 20 s, 40 %) over the fixed fields.
  const outlier = inputs('compute/backendService:BackendService', 'm-bs-app').outlierDetection;
  expect(outlier).toEqual({ ...CONSECUTIVE_ERRORS_ONLY, consecutiveErrors: 3, baseEjectionTime: { seconds: 20, nanos: 0 }, maxEjectionPercent: 40 });
  // Consecutive errors always eject; gateway failures and the success rate never do.
  expect(outlier).toMatchObject({ enforcingConsecutiveErrors: 100, enforcingConsecutiveGatewayFailure: 0, enforcingSuccessRate: 0 });
});

test('an existing certificate is referenced, not created; a certificate map replaces the certificates', async () => {
  await render('e', placeAnything(small(), { certificates: { site: { kind: 'existing', sslCertificate: 'projects/p/global/sslCertificates/site' } } }));
  expect(rec.resources.filter((r) => /Certificate/.test(r.type))).toEqual([]);
  expect(inputs('compute/targetHttpsProxy:TargetHttpsProxy', 'e-https-proxy-https').sslCertificates).toEqual(['projects/p/global/sslCertificates/site']);

  await render(
    'c',
    placeAnything(small(), { certificates: undefined, certificateMap: '//certificatemanager.googleapis.com/projects/p/locations/global/certificateMaps/shop' }),
  );
  const proxy = inputs('compute/targetHttpsProxy:TargetHttpsProxy', 'c-https-proxy-https');
  expect(proxy.certificateMap).toBe('//certificatemanager.googleapis.com/projects/p/locations/global/certificateMaps/shop');
  expect(proxy.sslCertificates).toBeUndefined();
});

test('mutual TLS: a trust config from the CA bundle and a server TLS policy on the HTTPS proxy', async () => {
  const model = small(mtlsOnly('app'));
  await render('t', placeAnything(model, { trustStores: { clients: { caCertificates: ['-----BEGIN CERTIFICATE-----ca'] } } }));
  expect(inputs('certificatemanager/trustConfig:TrustConfig', 't-trust-clients')).toMatchObject({
    location: 'global',
    trustStores: [{ trustAnchors: [{ pemCertificate: '-----BEGIN CERTIFICATE-----ca' }] }],
  });
  expect(inputs('networksecurity/serverTlsPolicy:ServerTlsPolicy', 't-mtls-https')).toMatchObject({
    location: 'global',
    allowOpen: false,
    mtlsPolicy: { clientValidationMode: 'REJECT_INVALID', clientValidationTrustConfig: 't-trust-clients-id' },
  });
  expect(inputs('compute/targetHttpsProxy:TargetHttpsProxy', 't-https-proxy-https').serverTlsPolicy).toBe('t-mtls-https-id');
});

test('internal: one shared internal address, INTERNAL_MANAGED rules in the subnetwork, an existing proxy-only subnet', async () => {
  const lb = await render('i', placeAnything(small({ scheme: 'internal' }), { proxyOnlySubnet: { ipCidrRange: '10.129.0.0/23', create: false } }));
  expect(inputs('compute/address:Address', 'i-ip-alb-regional-v4')).toMatchObject({
    addressType: 'INTERNAL',
    purpose: 'SHARED_LOADBALANCER_VIP',
    subnetwork: expect.stringContaining('subnetworks/apps'),
  });
  for (const fr of rec.ofType('gcp:compute/forwardingRule:ForwardingRule')) {
    expect(fr.inputs).toMatchObject({
      loadBalancingScheme: 'INTERNAL_MANAGED',
      allowGlobalAccess: false,
      ipAddress: 'i-ip-alb-regional-v4-id',
      network: expect.any(String),
      subnetwork: expect.any(String),
    });
  }
  expect(rec.ofType('gcp:compute/subnetwork:Subnetwork')).toEqual([]);
  expect(inputs('compute/firewall:Firewall', 'i-fw-proxy-only-subnet').sourceRanges).toEqual(['10.129.0.0/23']);
  expect(rec.ofType('gcp:compute/regionBackendService:RegionBackendService').map((r) => r.inputs.loadBalancingScheme)).toEqual(['INTERNAL_MANAGED']);
  expect(await new Promise((resolve) => lb.ipAddress.apply(resolve))).toBe('203.0.113.10');
});

test('dualstack: an IPv4 and an IPv6 global address, a forwarding rule per frontend and version', async () => {
  const lb = await render('d', placeAnything(small({ ipAddressType: 'dualstack' })));
  expect(rec.ofType('gcp:compute/globalAddress:GlobalAddress').map((r) => r.inputs.ipVersion)).toEqual(['IPV4', 'IPV6']);
  expect(
    rec
      .ofType('gcp:compute/globalForwardingRule:GlobalForwardingRule')
      .map((r) => `${r.name} ${r.inputs.ipAddress} ${r.inputs.portRange}`)
      .sort(),
  ).toEqual([
    'd-fr-http-v4 d-ip-alb-global-v4-id 80',
    'd-fr-http-v6 d-ip-alb-global-v6-id 80',
    'd-fr-https-v4 d-ip-alb-global-v4-id 443',
    'd-fr-https-v6 d-ip-alb-global-v6-id 443',
  ]);
  expect(Object.keys(lb.ipAddresses)).toEqual(['ip-alb-global-v4', 'ip-alb-global-v6']);
});

test('proxy Network Load Balancer: a tls frontend on a global target SSL proxy; instance groups get the pool named port', async () => {
  const model = buildModel({
    name: 'x',
    certificates: [{ name: 'site' }],
    allowNearest: ['gcp-nlb-proxy:pool.algorithm.random'],
    frontends: [{ name: 'tls', protocol: 'tls', port: 443, idleTimeoutSeconds: 60, tls: { certificate: 'site' }, defaultAction: { forward: { pool: 'app' } } }],
    pools: [{ name: 'app', protocol: 'tls', port: 8443 }],
  });
  await render('x', placeAnything(model));
  expect(inputs('compute/targetSSLProxy:TargetSSLProxy', 'x-ssl-proxy-tls')).toMatchObject({
    backendService: 'x-bs-l4-tls-id',
    sslCertificates: ['x-cert-site-id'],
    sslPolicy: 'x-ssl-tls-id',
    proxyHeader: 'NONE',
  });
  expect(inputs('compute/globalForwardingRule:GlobalForwardingRule', 'x-fr-tls-v4')).toMatchObject({
    loadBalancingScheme: 'EXTERNAL_MANAGED',
    portRange: '443',
    target: 'x-ssl-proxy-tls-id',
  });
  expect(inputs('compute/backendService:BackendService', 'x-bs-l4-tls')).toMatchObject({
    protocol: 'SSL',
    portName: 'app',
    timeoutSec: 60,
    loadBalancingScheme: 'EXTERNAL_MANAGED',
  });
  expect(inputs('compute/instanceGroupNamedPort:InstanceGroupNamedPort', 'x-port-app-app-b')).toMatchObject({
    group: 'app-b',
    zone: 'europe-west1-b',
    name: 'app',
    port: 8443,
  });
});

test('passthrough with VM endpoints: GCE_VM_IP NEGs without ports; firewall rules only for tagged instances', async () => {
  const model = buildModel({
    name: 'p',
    frontends: [{ name: 'db', protocol: 'tcp', port: 5432, defaultAction: { forward: { pool: 'db' } } }],
    pools: [{ name: 'db', protocol: 'tcp', port: 5432 }],
  });
  await render(
    'p',
    placeAnything(model, {
      bindings: { db: { networkEndpoints: { b: { zone: 'europe-west1-b', endpoints: [{ ipAddress: '10.0.0.7', instance: 'db-1' }] } } } },
      firewall: { targetTags: ['db'] },
    }),
  );
  const neg = inputs('compute/networkEndpointGroup:NetworkEndpointGroup', 'p-neg-db-b');
  expect(neg).toMatchObject({ networkEndpointType: 'GCE_VM_IP', zone: 'europe-west1-b' });
  expect(neg.defaultPort).toBeUndefined();
  expect(inputs('compute/networkEndpoint:NetworkEndpoint', 'p-ep-db-b-10.0.0.7')).toEqual({
    deletionPolicy: 'DELETE',
    project: 'acme-prod',
    networkEndpointGroup: 'p-neg-db-b',
    zone: 'europe-west1-b',
    ipAddress: '10.0.0.7',
    instance: 'db-1',
  });
  expect(inputs('compute/regionBackendService:RegionBackendService', 'p-bs-l4-db').backends).toEqual([{ group: 'p-neg-db-b-id', balancingMode: 'CONNECTION' }]);
  expect(rec.ofType('gcp:compute/firewall:Firewall').map((r) => r.inputs.targetTags)).toEqual([['db'], ['db']]);
});

test('deletion protection: every resource PREVENT; no firewall rules when asked', async () => {
  await render(
    'k',
    placeAnything(webModel({ deletionProtection: true, allowNearest: ['lb.deletion-protection', 'rate-limit.client-ip'] }), { firewall: { create: false } }),
  );
  const children = rec.resources.filter((r) => r.type.startsWith('gcp:'));
  expect(children.length).toBeGreaterThan(20);
  expect(children.filter((r) => r.inputs.deletionPolicy !== 'PREVENT').map((r) => r.name)).toEqual([]);
  expect(rec.ofType('gcp:compute/firewall:Firewall')).toEqual([]);
});

test('a resource name that may outgrow GCP limits is a warning', async () => {
  const lb = await render('a-rather-long-component-name-for-gcp-lb', placeAnything(small()));
  expect(lb.warnings.map((w) => w.message).find((w) => w.startsWith('resource name'))).toMatch(
    /^resource name 'a-rather-long-component-name-for-gcp-lb-https-proxy-https' has 57 characters/,
  );
  expect((await render('short', placeAnything(small()))).warnings.filter((w) => w.message.startsWith('resource name'))).toEqual([]);
});
