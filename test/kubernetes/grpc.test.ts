/**
 * gRPC on the Gateway targets: GRPCRoutes for gRPC frontends (k8s-gateway, k8s-envoy-gateway), Envoy Gateway gRPC
 * health checks and ALPN, h2c Services, GKE refusing gRPC pools; every object passes the CRD schemas and CEL rules.
 */
import { buildModel } from '../../lib/model/build';
import type { LoadBalancerSpec } from '../../lib/spec/schema';
import { KUBERNETES_BACKEND } from '../../providers/kubernetes/backend';
import type { K8sObject } from '../../providers/kubernetes/objects';
import { checkObjects } from '../../providers/kubernetes/validate/check';
import { loadCrds } from '../../providers/kubernetes/validate/crds';
import { toYaml } from '../../providers/kubernetes/yaml';
import { exampleSpec, withCrds } from './fixtures';

/** k8s-gateway grades the member protocol and the probe nearest: the standard channel has neither field. */
const PORTABLE_NEAREST = ['k8s-gateway:pool.protocol.grpc', 'k8s-gateway:pool.health.grpc', 'k8s-gateway:frontend.http2.alpn'];
const BINDINGS = { checkout: { addresses: ['10.1.0.7'] } };

const plan = (spec: LoadBalancerSpec, target: 'k8s-gateway' | 'k8s-envoy-gateway' | 'k8s-gke-gateway') =>
  KUBERNETES_BACKEND.plan({ model: buildModel(spec), target, options: (spec.pools ?? []).some((p) => p.name === 'checkout') ? { bindings: BINDINGS } : {} });
const ofKind = (objects: readonly K8sObject[], kind: string) => objects.filter((o) => o.kind === kind) as Array<K8sObject<Record<string, any>>>;

/** A gRPC frontend with header conditions, a weighted split, a named-service probe, a grpcs pool, and a frontend without HTTP/2. */
const RICH: LoadBalancerSpec = {
  name: 'rpc',
  // TLS to members verifies their certificate against the system CAs (BackendTLSPolicy), as for https pools.
  allowNearest: ['k8s-envoy-gateway:pool.protocol.grpcs'],
  certificates: [{ name: 'api', domains: ['api.example.com'] }],
  frontends: [
    {
      name: 'api',
      protocol: 'https',
      port: 443,
      http2: true,
      tls: { certificate: 'api' },
      rules: [
        {
          name: 'canary',
          match: { hosts: ['api.example.com'], grpc: [{ service: 'shop.v1.Cart' }], headers: [{ name: 'x-canary', exact: 'yes' }] },
          action: {
            weightedForward: {
              pools: [
                { pool: 'cart', weight: 9 },
                { pool: 'cart-next', weight: 1 },
              ],
            },
          },
        },
        { name: 'pay', match: { grpc: [{ service: 'shop.v1.Payments', method: 'Charge' }] }, action: { forward: { pool: 'payments' } } },
      ],
      defaultAction: { forward: { pool: 'cart' } },
    },
    { name: 'legacy', protocol: 'https', port: 8443, http2: false, tls: { certificate: 'api' }, defaultAction: { forward: { pool: 'web' } } },
  ],
  pools: [
    { name: 'cart', protocol: 'grpc', port: 50051, healthCheck: { grpcService: 'shop.v1.Cart', intervalSeconds: 5, timeoutSeconds: 2 } },
    { name: 'cart-next', protocol: 'grpc', port: 50051, healthCheck: { grpcService: 'shop.v1.Cart', intervalSeconds: 5, timeoutSeconds: 2 } },
    { name: 'payments', protocol: 'grpcs', port: 50443 },
    { name: 'web', protocol: 'http', port: 8080 },
  ],
};

describe('grpc.yaml', () => {
  test('k8s-envoy-gateway compiles it strictly: one GRPCRoute, calls as method matches, the address-bound Service speaks h2c', () => {
    const r = plan(exampleSpec('grpc.yaml'), 'k8s-envoy-gateway');
    expect(r.problems).toEqual([]);
    const objects = r.plan!.objects;
    expect(ofKind(objects, 'HTTPRoute')).toEqual([]);
    const [route] = ofKind(objects, 'GRPCRoute');
    expect(route.spec!.rules.map((x: { name: string; matches?: unknown }) => [x.name, x.matches])).toEqual([
      ['checkout', [{ method: { type: 'Exact', service: 'shop.v1.Checkout' } }]],
      [
        'cart-writes',
        [
          { method: { type: 'Exact', service: 'shop.v1.Cart', method: 'AddItem' } },
          { method: { type: 'Exact', service: 'shop.v1.Cart', method: 'RemoveItem' } },
        ],
      ],
      ['lbkit.default', undefined],
    ]);
    // cart-writer writes its probe timing: an active GRPC check on its rule only (sectionName).
    const [btp] = ofKind(objects, 'BackendTrafficPolicy');
    expect(btp.spec!.targetRefs).toEqual([{ group: 'gateway.networking.k8s.io', kind: 'GRPCRoute', name: route.metadata.name, sectionName: 'cart-writes' }]);
    expect(btp.spec!.healthCheck.active).toEqual({ type: 'GRPC', timeout: '2s', interval: '5s' });
    expect(ofKind(objects, 'Service')[0].spec!.ports[0].appProtocol).toBe('kubernetes.io/h2c');
    expect(toYaml(objects)).toMatchSnapshot();
  });

  test('k8s-gateway compiles it with its three nearest cells accepted; k8s-gateway strict names them', () => {
    const strict = plan(exampleSpec('grpc.yaml'), 'k8s-gateway');
    expect([...new Set(strict.problems.map((p) => p.capability?.feature))].sort()).toEqual(['frontend.http2.alpn', 'pool.health.grpc', 'pool.protocol.grpc']);
    const r = plan(exampleSpec('grpc.yaml', { allowNearest: ['aws-alb:pool.health.grpc', ...PORTABLE_NEAREST] }), 'k8s-gateway');
    expect(r.problems).toEqual([]);
    expect(ofKind(r.plan!.objects, 'GRPCRoute')).toHaveLength(1);
    expect(toYaml(r.plan!.objects)).toMatchSnapshot();
  });

  test('k8s-gke-gateway refuses the gRPC pools, citing GKE Gateway having no GRPCRoute', () => {
    const r = plan(exampleSpec('grpc.yaml'), 'k8s-gke-gateway');
    expect(r.problems.map((p) => p.path)).toEqual(['pools[0].protocol', 'pools[1].protocol', 'pools[2].protocol', 'pools[1].healthCheck']);
    expect(r.problems[0].message).toMatch(/GKE Gateway has no GRPCRoute/);
  });
});

describe('a richer gRPC spec on k8s-envoy-gateway', () => {
  const r = plan(RICH, 'k8s-envoy-gateway');
  const objects = r.plan!.objects;

  test('compiles strictly: a GRPCRoute per host with header and method matches, an HTTPRoute for the HTTP/1.1-only frontend', () => {
    expect(r.problems).toEqual([]);
    const routes = ofKind(objects, 'GRPCRoute');
    expect(routes.map((x) => [x.spec!.hostnames, x.spec!.rules.map((y: { name: string }) => y.name)])).toEqual([
      [['api.example.com'], ['canary', 'pay', 'lbkit.default']],
      [undefined, ['pay', 'lbkit.default']],
    ]);
    expect(routes[0].spec!.rules[0]).toEqual({
      name: 'canary',
      matches: [{ method: { type: 'Exact', service: 'shop.v1.Cart' }, headers: [{ type: 'RegularExpression', name: 'x-canary', value: '(?i)yes' }] }],
      backendRefs: [
        { name: 'cart', port: 50051, weight: 9 },
        { name: 'cart-next', port: 50051, weight: 1 },
      ],
    });
    expect(ofKind(objects, 'HTTPRoute').map((x) => x.spec!.parentRefs[0].sectionName)).toEqual(['legacy']);
  });

  test('the named-service probe, TLS to the grpcs pool, and h2 turned off on the legacy listener', () => {
    const checks = ofKind(objects, 'BackendTrafficPolicy').map((p) => p.spec!.healthCheck?.active);
    expect(checks).toContainEqual({ type: 'GRPC', timeout: '2s', interval: '5s', grpc: { service: 'shop.v1.Cart' } });
    expect(ofKind(objects, 'BackendTLSPolicy').map((p) => p.spec!.targetRefs[0].name)).toEqual(['payments']);
    expect(ofKind(objects, 'ClientTrafficPolicy').map((p) => [p.spec!.targetRefs[0].sectionName, p.spec!.tls])).toEqual([
      ['legacy', { alpnProtocols: ['http/1.1'] }],
    ]);
  });
});

describe('what a GRPCRoute cannot say is a range problem', () => {
  const base = exampleSpec('grpc.yaml');
  const withRule = (rule: Record<string, unknown>): LoadBalancerSpec =>
    ({ ...base, frontends: [{ ...base.frontends[0], rules: [...base.frontends[0].rules!, rule] }] }) as LoadBalancerSpec;
  test.each([
    ['a path rule beside gRPC rules', { name: 'p', match: { paths: [{ prefix: '/x' }] }, action: { forward: { pool: 'checkout' } } }, 'rules[2].match.paths'],
    [
      'a method condition',
      { name: 'm', match: { grpc: [{ service: 'a.B' }], methods: ['POST'] }, action: { forward: { pool: 'checkout' } } },
      'rules[2].match.methods',
    ],
    [
      'a query condition',
      { name: 'q', match: { grpc: [{ service: 'a.B' }], query: [{ name: 'v', present: true }] }, action: { forward: { pool: 'checkout' } } },
      'rules[2].match.query',
    ],
    ['a redirect', { name: 'r', match: { grpc: [{ service: 'a.B' }] }, action: { redirect: { host: 'b.example.com' } } }, 'rules[2].action'],
  ])('%s', (_name, rule, at) => {
    const r = plan(withRule(rule), 'k8s-envoy-gateway');
    expect(r.problems.map((p) => p.path)).toContain(`frontends[0].${at}`);
  });

  test('a grpc pool behind a frontend rendered as HTTPRoutes', () => {
    const spec: LoadBalancerSpec = {
      ...RICH,
      frontends: [
        { ...RICH.frontends[1], http2: true, rules: [{ name: 'rpc', match: { paths: [{ prefix: '/rpc' }] }, action: { forward: { pool: 'cart' } } }] },
      ],
    };
    expect(plan(spec, 'k8s-envoy-gateway').problems.map((p) => p.path)).toEqual(['pools[0].protocol']);
  });
});

withCrds('the CRDs take every gRPC object', (dir) => {
  const crds = loadCrds(dir);
  test.each([
    ['grpc.yaml on k8s-envoy-gateway', exampleSpec('grpc.yaml'), 'k8s-envoy-gateway'],
    ['grpc.yaml on k8s-gateway', exampleSpec('grpc.yaml', { strict: false }), 'k8s-gateway'],
    ['grpc.yaml on k8s-gke-gateway (HTTPRoute paths, not strict)', exampleSpec('grpc.yaml', { strict: false }), 'k8s-gke-gateway'],
    ['the richer spec on k8s-envoy-gateway', RICH, 'k8s-envoy-gateway'],
    ['the richer spec on k8s-gateway', { ...RICH, strict: false }, 'k8s-gateway'],
  ] as const)('%s: 0 findings', (_name, spec, target) => {
    const objects = plan(spec, target).plan!.objects;
    expect(objects.length).toBeGreaterThan(0);
    const check = checkObjects(objects, crds);
    expect(check.findings).toEqual([]);
    expect(check.cel.unevaluated).toEqual([]);
  });

  test.each([
    ['a service with a slash (CEL: service characters)', (route: any) => (route.spec.rules[0].matches[0].method.service = 'shop/v1')],
    ['a method match with neither service nor method (CEL)', (route: any) => (route.spec.rules[0].matches[0].method = { type: 'Exact' })],
    ['a method type Prefix (schema: enum)', (route: any) => (route.spec.rules[0].matches[0].method.type = 'Prefix')],
    ['a redirect filter (schema: GRPCRoute has none)', (route: any) => (route.spec.rules[0].filters = [{ type: 'RequestRedirect', requestRedirect: {} }])],
  ])('a planted fault is caught: %s', (_name, plant) => {
    const objects = JSON.parse(JSON.stringify(plan(exampleSpec('grpc.yaml'), 'k8s-envoy-gateway').plan!.objects)) as K8sObject[];
    plant(objects.find((o) => o.kind === 'GRPCRoute'));
    expect(checkObjects(objects, crds).findings.length).toBeGreaterThan(0);
  });
});
