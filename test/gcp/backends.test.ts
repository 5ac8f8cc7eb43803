/** Backend services, health checks, frontends and firewalls: each mapping row, read from the plan. */
import { buildModel } from '../../lib/model/build';
import type { LoadBalancerSpec, PoolSpec } from '../../lib/spec/schema';
import { defaultNetworkLoadBalancerKind, HEALTH_CHECK_RANGES, PASSTHROUGH_HEALTH_CHECK_RANGES, planGcp } from '../../providers/gcp/plan';
import type { GcpPlanOptions } from '../../providers/gcp/plan/types';
import { mtlsOnly } from '../support/mtls';

const web = (pool: Partial<PoolSpec> = {}, spec: Partial<LoadBalancerSpec> = {}) =>
  buildModel({
    name: 'b',
    frontends: [{ name: 'web', protocol: 'http', port: 80, defaultAction: { forward: { pool: 'app' } } }],
    pools: [{ name: 'app', protocol: 'http', port: 8080, ...pool }],
    ...spec,
  });
const plan = (model: ReturnType<typeof web>, options: Partial<GcpPlanOptions> = {}) => planGcp(model, { global: true, ...options });
const service = (p: ReturnType<typeof plan>, id = 'bs-app') => p.backendServices.find((s) => s.id === id)!;

describe('Application Load Balancer backend services', () => {
  test.each([
    ['round-robin', { localityLbPolicy: 'ROUND_ROBIN', sessionAffinity: 'NONE' }],
    ['weighted-round-robin', { localityLbPolicy: 'ROUND_ROBIN', sessionAffinity: 'NONE' }],
    ['least-connections', { localityLbPolicy: 'LEAST_REQUEST', sessionAffinity: 'NONE' }],
    ['least-response-time', { localityLbPolicy: 'LEAST_REQUEST', sessionAffinity: 'NONE' }],
    ['random', { localityLbPolicy: 'RANDOM', sessionAffinity: 'NONE' }],
    ['ip-hash', { localityLbPolicy: 'RING_HASH', sessionAffinity: 'CLIENT_IP' }],
  ] as const)('algorithm %s', (algorithm, expected) => {
    const s = service(plan(web({ algorithm })));
    expect(s).toMatchObject(expected);
    // consistentHash is accepted on regional INTERNAL_MANAGED only (plan/backends.ts): never on this global EXTERNAL_MANAGED service.
    expect(s.consistentHash).toBeUndefined();
  });

  test.each([
    [
      'lb-cookie',
      { type: 'lb-cookie', durationSeconds: 3600 },
      { localityLbPolicy: 'RING_HASH', sessionAffinity: 'GENERATED_COOKIE', affinityCookieTtlSec: 3600, consistentHash: { minimumRingSize: 1024 } },
    ],
    [
      'app-cookie',
      { type: 'app-cookie', cookieName: 'SESSION', durationSeconds: 600 },
      {
        localityLbPolicy: 'RING_HASH',
        sessionAffinity: 'HTTP_COOKIE',
        affinityCookieTtlSec: 0,
        consistentHash: { minimumRingSize: 1024, httpCookie: { name: 'SESSION', ttlSec: 600 } },
      },
    ],
    ['source-ip', { type: 'source-ip' }, { localityLbPolicy: 'RING_HASH', sessionAffinity: 'CLIENT_IP', affinityCookieTtlSec: 0 }],
  ] as const)('session persistence %s on regional INTERNAL_MANAGED (affinity holds only with consistent hashing)', (_n, sessionPersistence, expected) => {
    expect(service(plan(web({ sessionPersistence }, { scheme: 'internal' })))).toMatchObject(expected);
  });

  test.each([
    ['lb-cookie', { type: 'lb-cookie', durationSeconds: 3600 }, 'GENERATED_COOKIE'],
    ['source-ip', { type: 'source-ip' }, 'CLIENT_IP'],
  ] as const)(
    'session persistence %s on EXTERNAL_MANAGED: no consistentHash (the API accepts it on regional INTERNAL_MANAGED only)',
    (_n, sessionPersistence, affinity) => {
      const global = service(plan(web({ sessionPersistence })));
      expect(global).toMatchObject({ localityLbPolicy: 'RING_HASH', sessionAffinity: affinity });
      expect(global.consistentHash).toBeUndefined();
      // Regional EXTERNAL_MANAGED takes no localityLbPolicy either: GCP's default with affinity is MAGLEV (consistent hashing).
      const regional = service(plan(web({ sessionPersistence }), { global: false }));
      expect(regional).toMatchObject({ sessionAffinity: affinity });
      expect(regional.localityLbPolicy).toBeUndefined();
      expect(regional.consistentHash).toBeUndefined();
    },
  );

  test('scheme, protocol, port name, draining, passive health, logging; no algorithm or timeout written: GCP defaults (fields left out)', () => {
    const s = service(
      plan(
        web(
          { protocol: 'https', drainingSeconds: 45, passiveHealthCheck: { consecutiveFailures: 7, ejectionSeconds: 60, maxEjectedPercent: 25 } },
          { accessLogs: {} },
        ),
      ),
    );
    expect(s).toEqual({
      id: 'bs-app',
      pool: 'app',
      flavor: 'alb',
      regional: false,
      scheme: 'EXTERNAL_MANAGED',
      protocol: 'HTTPS',
      port: 8080,
      portName: 'app',
      healthCheck: 'hc-app',
      connectionDrainingTimeoutSec: 45,
      outlierDetection: { consecutiveErrors: 7, baseEjectionSec: 60, maxEjectionPercent: 25 },
      logging: true,
    });
    expect(service(plan(web())).logging).toBe(false);
  });

  test('external is global EXTERNAL_MANAGED (never classic EXTERNAL); regional stays EXTERNAL_MANAGED; internal is INTERNAL_MANAGED', () => {
    const global = plan(web());
    expect([...global.backendServices, ...global.forwardingRules].map((x) => [x.regional, x.scheme])).toEqual([
      [false, 'EXTERNAL_MANAGED'],
      [false, 'EXTERNAL_MANAGED'],
    ]);
    const regional = plan(web(), { global: false });
    expect([...regional.backendServices, ...regional.forwardingRules].map((x) => [x.regional, x.scheme])).toEqual([
      [true, 'EXTERNAL_MANAGED'],
      [true, 'EXTERNAL_MANAGED'],
    ]);
    expect(regional.needsProxyOnlySubnet).toBe(true);
    const internal = plan(web({}, { scheme: 'internal' }));
    expect([...internal.backendServices, ...internal.forwardingRules].map((x) => [x.regional, x.scheme])).toEqual([
      [true, 'INTERNAL_MANAGED'],
      [true, 'INTERNAL_MANAGED'],
    ]);
    expect(internal.addresses).toEqual([{ id: 'ip-alb-regional-v4', flavor: 'alb', regional: true, internal: true, ipVersion: 'IPV4', shared: false }]);
  });
});

describe('health checks', () => {
  test.each([
    ['http, on the traffic port', {}, { protocol: 'http', port: 8080, requestPath: '/' }],
    ['https, own port and path', { protocol: 'https', port: 8443, path: '/healthz' }, { protocol: 'https', port: 8443, requestPath: '/healthz' }],
    ['tcp', { protocol: 'tcp' }, { protocol: 'tcp', port: 8080 }],
  ] as const)('%s', (_n, healthCheck, expected) => {
    const hc = plan(web({ healthCheck: { ...healthCheck, intervalSeconds: 7, timeoutSeconds: 3, healthyThreshold: 2, unhealthyThreshold: 4 } }))
      .healthChecks[0];
    expect(hc).toEqual({
      id: 'hc-app',
      pool: 'app',
      regional: false,
      ...expected,
      checkIntervalSec: 7,
      timeoutSec: 3,
      healthyThreshold: 2,
      unhealthyThreshold: 4,
    });
  });
});

describe('frontends', () => {
  const https = (spec: Partial<LoadBalancerSpec> = {}, minimumVersion: '1.2' | '1.3' = '1.2') =>
    buildModel({
      name: 'f',
      certificates: [{ name: 'site' }, { name: 'other' }],
      frontends: [
        {
          name: 'https',
          protocol: 'https',
          port: 443,
          idleTimeoutSeconds: 120,
          tls: { certificate: 'site', additionalCertificates: ['other'], minimumVersion },
          defaultAction: { forward: { pool: 'app' } },
        },
        { name: 'http', protocol: 'http', port: 80, redirectHttpToHttps: true },
      ],
      pools: [{ name: 'app', protocol: 'http', port: 8080 }],
      ...spec,
    });

  test.each([
    ['1.2', 'MODERN', 'TLS_1_2'],
    ['1.3', 'RESTRICTED', 'TLS_1_3'],
  ] as const)('TLS %s: SSL policy %s, %s', (version, profile, minTlsVersion) => {
    expect(plan(https({}, version)).sslPolicies).toEqual([{ id: 'ssl-https', regional: false, profile, minTlsVersion }]);
  });

  test('target HTTPS proxy: certificates (SNI ones after the default), keep-alive from the idle timeout; the redirect frontend shares the address', () => {
    const p = plan(https());
    expect(p.proxies).toEqual([
      {
        kind: 'https',
        id: 'https-proxy-https',
        frontend: 'https',
        regional: false,
        urlMap: 'urlmap-https',
        keepAliveSec: 120,
        certificates: ['site', 'other'],
        sslPolicy: 'ssl-https',
      },
      // No idleTimeoutSeconds written on the redirect frontend: GCP's own keep-alive (610 s), so no keepAliveSec.
      { kind: 'http', id: 'http-proxy-http', frontend: 'http', regional: false, urlMap: 'urlmap-http' },
    ]);
    expect(p.forwardingRules.map((r) => [r.id, r.port, r.address, r.target])).toEqual([
      ['fr-https-v4', 443, 'ip-alb-global-v4', { proxy: 'https-proxy-https' }],
      ['fr-http-v4', 80, 'ip-alb-global-v4', { proxy: 'http-proxy-http' }],
    ]);
    expect(p.addresses).toEqual([{ id: 'ip-alb-global-v4', flavor: 'alb', regional: false, internal: false, ipVersion: 'IPV4', shared: true }]);
  });

  test('dualstack: one forwarding rule per IP version and frontend, one address per IP version', () => {
    const p = plan(https({ ipAddressType: 'dualstack' }));
    expect(p.forwardingRules.map((r) => `${r.id}@${r.address}->${'proxy' in r.target ? r.target.proxy : ''}`)).toEqual([
      'fr-https-v4@ip-alb-global-v4->https-proxy-https',
      'fr-https-v6@ip-alb-global-v6->https-proxy-https',
      'fr-http-v4@ip-alb-global-v4->http-proxy-http',
      'fr-http-v6@ip-alb-global-v6->http-proxy-http',
    ]);
    expect(p.addresses.map((a) => a.ipVersion)).toEqual(['IPV4', 'IPV6']);
  });

  test('mutual TLS: a server TLS policy per frontend, REJECT_INVALID for verify', () => {
    const p = plan(https(mtlsOnly('app')));
    expect(p.mtlsPolicies).toEqual([{ id: 'mtls-https', trustStore: 'clients', clientValidationMode: 'REJECT_INVALID' }]);
    expect(p.proxies[0]).toMatchObject({ mtlsPolicy: 'mtls-https' });
  });
});

describe('Network Load Balancers', () => {
  const l4 = (frontend: Partial<LoadBalancerSpec['frontends'][number]>, pool: Partial<PoolSpec> = {}, spec: Partial<LoadBalancerSpec> = {}) =>
    buildModel({
      name: 'n',
      certificates: [{ name: 'site' }],
      frontends: [{ name: 'db', protocol: 'tcp', port: 5432, defaultAction: { forward: { pool: 'db' } }, ...frontend }],
      pools: [{ name: 'db', protocol: 'tcp', port: 5432, ...pool }],
      ...spec,
    });

  test.each([
    ['tcp on the pool port: passthrough', {}, {}, 'passthrough'],
    ['tcp to another port: proxy (passthrough cannot translate ports)', {}, { port: 6432 }, 'proxy'],
    ['udp: passthrough', { protocol: 'udp' as const }, { protocol: 'udp' as const, healthCheck: { protocol: 'tcp' as const } }, 'passthrough'],
    ['tls: proxy (target SSL proxy)', { protocol: 'tls' as const, tls: { certificate: 'site' } }, {}, 'proxy'],
  ])('default kind, %s', (_n, frontend, pool, kind) => {
    const model = l4(frontend, pool);
    expect(defaultNetworkLoadBalancerKind(model, model.frontends[0])).toBe(kind);
    expect(plan(model).targets).toEqual([{ target: `gcp-nlb-${kind}`, frontends: ['db'] }]);
  });

  test('external passthrough: EXTERNAL, MAGLEV, connection tracking idle timeout, ports on the forwarding rule, source ranges', () => {
    const p = plan(l4({ idleTimeoutSeconds: 900, allowedSourceCidrs: ['198.51.100.0/24'] }, { algorithm: 'ip-hash', drainingSeconds: 20 }));
    expect(p.backendServices).toEqual([
      {
        id: 'bs-l4-db',
        pool: 'db',
        port: 5432,
        healthCheck: 'hc-l4-db',
        sessionAffinity: 'CLIENT_IP',
        connectionDrainingTimeoutSec: 20,
        flavor: 'passthrough',
        regional: true,
        scheme: 'EXTERNAL',
        protocol: 'TCP',
        localityLbPolicy: 'MAGLEV',
        idleTimeoutSec: 900,
      },
    ]);
    expect(p.forwardingRules).toEqual([
      {
        id: 'fr-db-v4',
        frontend: 'db',
        flavor: 'passthrough',
        regional: true,
        internal: false,
        scheme: 'EXTERNAL',
        ipProtocol: 'TCP',
        port: 5432,
        ipVersion: 'IPV4',
        address: 'ip-passthrough-regional-v4',
        target: { backendService: 'bs-l4-db' },
        sourceIpRanges: ['198.51.100.0/24'],
      },
    ]);
    expect(p.proxies).toEqual([]);
  });

  test('internal passthrough: INTERNAL, no locality policy; idle timeout and affinity left out keep GCP defaults (600 s, NONE)', () => {
    const s = plan(l4({}, {}, { scheme: 'internal' })).backendServices[0];
    expect(s).toMatchObject({ scheme: 'INTERNAL' });
    expect(s.localityLbPolicy).toBeUndefined();
    expect(s.sessionAffinity).toBeUndefined();
    expect(s.idleTimeoutSec).toBeUndefined();
    const written = plan(l4({ idleTimeoutSeconds: 900 }, { algorithm: 'random' }, { scheme: 'internal' })).backendServices[0];
    expect(written).toMatchObject({ scheme: 'INTERNAL', sessionAffinity: 'NONE', idleTimeoutSec: 900 });
  });

  test('proxy: global external TCP proxy, or regional internal with the proxy-only subnet; timeoutSec is the idle timeout', () => {
    const external = plan(l4({ idleTimeoutSeconds: 300 }, { port: 6432 }));
    expect(external.backendServices[0]).toMatchObject({
      flavor: 'proxy',
      regional: false,
      scheme: 'EXTERNAL_MANAGED',
      protocol: 'TCP',
      portName: 'db',
      timeoutSec: 300,
    });
    expect(external.proxies).toEqual([{ kind: 'tcp', id: 'tcp-proxy-db', frontend: 'db', regional: false, backendService: 'bs-l4-db' }]);
    expect(external.needsProxyOnlySubnet).toBe(false);
    const internal = plan(l4({}, { port: 6432 }, { scheme: 'internal' }));
    expect(internal.backendServices[0]).toMatchObject({ regional: true, scheme: 'INTERNAL_MANAGED' });
    expect(internal.forwardingRules[0]).toMatchObject({ regional: true, internal: true, scheme: 'INTERNAL_MANAGED', target: { proxy: 'tcp-proxy-db' } });
    expect(internal.needsProxyOnlySubnet).toBe(true);
  });

  test('tls: the global target SSL proxy with its SSL policy; a tls pool gets protocol SSL', () => {
    const p = plan(l4({ protocol: 'tls', port: 443, tls: { certificate: 'site', minimumVersion: '1.3' } }, { protocol: 'tls', port: 8443 }));
    expect(p.proxies).toEqual([{ kind: 'ssl', id: 'ssl-proxy-db', frontend: 'db', backendService: 'bs-l4-db', certificates: ['site'], sslPolicy: 'ssl-db' }]);
    expect(p.sslPolicies).toEqual([{ id: 'ssl-db', regional: false, profile: 'RESTRICTED', minTlsVersion: 'TLS_1_3' }]);
    expect(p.backendServices[0].protocol).toBe('SSL');
  });

  test('explicit kinds override the default', () => {
    expect(plan(l4({}), { networkLoadBalancers: { db: 'proxy' } }).targets).toEqual([{ target: 'gcp-nlb-proxy', frontends: ['db'] }]);
  });
});

describe('firewall rules', () => {
  test("Google's health-check ranges reach health-check and (GFE) traffic ports; regional proxies come from the proxy-only subnet", () => {
    const global = plan(web({ healthCheck: { port: 9000 } }));
    expect(global.firewalls).toEqual([
      {
        id: 'fw-health-checks',
        description: 'Google health checks and Google Front End traffic to the members',
        source: { ranges: [...HEALTH_CHECK_RANGES] },
        allow: [{ protocol: 'tcp', ports: [8080, 9000] }],
      },
    ]);
    expect(HEALTH_CHECK_RANGES).toEqual(['35.191.0.0/16', '130.211.0.0/22']);
    const regional = plan(web(), { global: false });
    expect(regional.firewalls.map((f) => [f.id, f.source, f.allow])).toEqual([
      ['fw-health-checks', { ranges: ['35.191.0.0/16', '130.211.0.0/22'] }, [{ protocol: 'tcp', ports: [8080] }]],
      ['fw-proxy-only-subnet', { proxyOnlySubnet: true }, [{ protocol: 'tcp', ports: [8080] }]],
    ]);
  });

  test('external passthrough: its own health-check ranges, and the clients (per IP version) to the frontend port', () => {
    const model = buildModel({
      name: 'd',
      ipAddressType: 'dualstack',
      frontends: [
        { name: 'dns', protocol: 'udp', port: 53, allowedSourceCidrs: ['198.51.100.0/24', '2001:db8::/32'], defaultAction: { forward: { pool: 'r' } } },
      ],
      pools: [{ name: 'r', protocol: 'udp', port: 53, healthCheck: { protocol: 'tcp' } }],
    });
    expect(plan(model).firewalls.map((f) => [f.id, f.source, f.allow])).toEqual([
      ['fw-health-checks-passthrough', { ranges: [...PASSTHROUGH_HEALTH_CHECK_RANGES] }, [{ protocol: 'tcp', ports: [53] }]],
      ['fw-clients-dns-v4', { ranges: ['198.51.100.0/24'] }, [{ protocol: 'udp', ports: [53] }]],
      ['fw-clients-dns-v6', { ranges: ['2001:db8::/32'] }, [{ protocol: 'udp', ports: [53] }]],
    ]);
  });
});
