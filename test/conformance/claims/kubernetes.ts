/**
 * Native claims of the Kubernetes targets, asserted on the objects the plan emits (what the YAML, cdk8s and Pulumi
 * renderers write unchanged, test/kubernetes/adapters.test.ts). Specs set strict: false so that the pool defaults a
 * target only approximates (draining, health on the portable Gateway) stay warnings; the claimed row is native.
 */
import { buildModel } from '../../../lib/model/build';
import type { FrontendSpec, LoadBalancerSpec, PoolSpec } from '../../../lib/spec/schema';
import type { K8sObject } from '../../../providers/kubernetes/objects';
import { planKubernetes } from '../../../providers/kubernetes/plan';
import type { K8sTargetId } from '../../../providers/kubernetes/targets';
import {
  forTarget,
  l4 as l4Base,
  l4Udp as l4UdpBase,
  l7 as l7Base,
  l7Https as l7HttpsBase,
  l7HttpToHttps as l7HttpToHttpsBase,
  l7MostSpecific as l7MostSpecificBase,
  l7Rule as l7RuleBase,
  l7TwoFrontends,
  l7Weighted as l7WeightedBase,
  type Claim,
  type Claims,
  type SpecParts,
} from './claim';
import { envoyRetryRows, filterRows, gkeFilterRows } from './kubernetes-filters';

type Obj = K8sObject & { spec: Record<string, any> };

export interface K8sCompiled {
  readonly objects: readonly Obj[];
  readonly of: (kind: string) => Obj[];
  readonly one: (kind: string) => Obj;
  /** Every HTTPRoute rule, with its route. */

  readonly rules: Array<Record<string, any> & { route: Obj }>;
}

export function compileK8s(target: string, spec: LoadBalancerSpec): K8sCompiled {
  const { plan, problems } = planKubernetes(buildModel(spec), target as K8sTargetId);
  if (problems.length) throw new Error(problems.map((p) => p.message).join('; '));
  const objects = plan.objects as Obj[];
  const of = (kind: string) => objects.filter((o) => o.kind === kind);
  return {
    objects,
    of,
    one: (kind) => {
      const found = of(kind);
      if (found.length !== 1) throw new Error(`expected one ${kind}, found ${found.length}`);
      return found[0];
    },
    rules: of('HTTPRoute').flatMap((route) => (route.spec.rules as Array<Record<string, unknown>>).map((r) => ({ ...r, route }))),
  };
}

type C = Claim<K8sCompiled>;
const claim = (spec: LoadBalancerSpec, check: (c: K8sCompiled) => void): C => ({ spec, check });
const loose = (parts: SpecParts = {}): SpecParts => ({ ...parts, spec: { strict: false, ...parts.spec } });
const l7 = (parts: SpecParts = {}) => l7Base(loose(parts));
const l7Https = (tls: Parameters<typeof l7HttpsBase>[0] = {}, parts: SpecParts = {}) => l7HttpsBase(tls, loose(parts));
const l7Rule = (match: Parameters<typeof l7RuleBase>[0], action?: Parameters<typeof l7RuleBase>[1], parts: SpecParts = {}) =>
  l7RuleBase(match, action, loose(parts));
const l7HttpToHttps = () => l7HttpToHttpsBase(loose());
const l7MostSpecific = () => l7MostSpecificBase(loose());
const l7Weighted = () => l7WeightedBase(loose());
const l4 = (parts: SpecParts = {}) => l4Base(loose(parts));
const l4Udp = (parts: SpecParts = {}) => l4UdpBase(loose(parts));

const rule = (c: K8sCompiled, name = 'r') => c.rules.find((r) => r.name === name)!;
const listener = (c: K8sCompiled, name: string) => (c.one('Gateway').spec.listeners as Array<Record<string, unknown>>).find((l) => l.name === name)!;
const redirectCode = (statusCode: 301 | 302 | 303 | 307 | 308) =>
  claim(l7Rule(undefined, { redirect: { path: '/new', statusCode } }), (c) => {
    expect(rule(c).filters[0].requestRedirect.statusCode).toBe(statusCode);
  });
const headerRegex = (value: string) => (c: K8sCompiled) => expect(rule(c).matches[0].headers).toEqual([{ type: 'RegularExpression', name: 'x-env', value }]);

/**
 * Rows every Gateway flavour writes the same way; GKE leaves a redirect's port out when it is the scheme's
 * well-known one (it does not implement HTTPRoutePortRedirect; the same Location).
 */
function gatewayRows(gke = false): Record<string, C> {
  const port = (n: number) => (gke ? {} : { port: n });
  return {
    'rule.match.header.case-sensitive': claim(l7Rule({ headers: [{ name: 'x-env', exact: 'Be.Ta', caseSensitive: true }] }), (c) =>
      expect(rule(c).matches[0].headers).toEqual([{ type: 'Exact', name: 'x-env', value: 'Be.Ta' }]),
    ),
    'frontend.protocol.http': claim(l7(), (c) => expect(listener(c, 'web')).toEqual({ name: 'web', port: 80, protocol: 'HTTP' })),
    'frontend.protocol.https': claim(l7Https(), (c) =>
      expect(listener(c, 'web')).toMatchObject({ protocol: 'HTTPS', tls: { mode: 'Terminate', certificateRefs: [{ kind: 'Secret', name: 'site' }] } }),
    ),
    'frontend.tls.sni-certificates': claim(l7Https({ additionalCertificates: ['alt'] }), (c) =>
      expect((listener(c, 'web').tls as { certificateRefs: unknown }).certificateRefs).toEqual([
        { kind: 'Secret', name: 'site' },
        { kind: 'Secret', name: 'alt' },
      ]),
    ),
    'frontend.redirect-http-to-https': claim(l7HttpToHttps(), (c) =>
      expect(c.rules.find((r) => r.route.spec.parentRefs[0].sectionName === 'web')!.filters).toEqual([
        { type: 'RequestRedirect', requestRedirect: { scheme: 'https', ...port(443), statusCode: 301 } },
      ]),
    ),
    'frontend.rule-order.most-specific': claim(l7MostSpecific(), (c) => expect(c.rules.map((r) => r.name)).toEqual(['long', 'short', 'lbkit.default'])),
    'rule.match.host.exact': claim(l7Rule({ hosts: ['api.example.com'] }), (c) => expect(rule(c).route.spec.hostnames).toEqual(['api.example.com'])),
    'rule.match.host.wildcard': claim(l7Rule({ hosts: ['*.example.com'] }), (c) => expect(rule(c).route.spec.hostnames).toEqual(['*.example.com'])),
    'rule.match.path.exact': claim(l7Rule({ paths: [{ exact: '/x' }] }), (c) => expect(rule(c).matches).toEqual([{ path: { type: 'Exact', value: '/x' } }])),
    'rule.match.path.prefix': claim(l7Rule({ paths: [{ prefix: '/api' }] }), (c) =>
      expect(rule(c).matches).toEqual([{ path: { type: 'PathPrefix', value: '/api' } }]),
    ),
    'action.forward': claim(l7(), (c) => expect(rule(c, 'lbkit.default').backendRefs).toEqual([{ name: 'app', port: 8080 }])),
    'action.weighted-forward': claim(l7Weighted(), (c) => {
      expect(rule(c).backendRefs).toEqual([
        { name: 'app', port: 8080, weight: 3 },
        { name: 'other', port: 8081, weight: 1 },
      ]);
    }),
    'action.redirect': claim(l7Rule(undefined, { redirect: { host: 'new.example.com', path: '/new', statusCode: 302 } }), (c) => {
      expect(rule(c).filters).toEqual([
        {
          type: 'RequestRedirect',
          requestRedirect: {
            scheme: 'http',
            hostname: 'new.example.com',
            ...port(80),
            path: { type: 'ReplaceFullPath', replaceFullPath: '/new' },
            statusCode: 302,
          },
        },
      ]);
    }),
    'action.redirect.status-301': redirectCode(301),
    'action.redirect.status-302': redirectCode(302),
    'action.redirect.status-303': redirectCode(303),
    'action.redirect.status-307': redirectCode(307),
    'action.redirect.status-308': redirectCode(308),
    'pool.protocol.http': claim(l7(), (c) => {
      expect(rule(c, 'lbkit.default').backendRefs[0].port).toBe(8080);
      expect(c.of('BackendTLSPolicy')).toEqual([]);
    }),
  };
}

/** Rows of the Gateways that carry L4 routes (not GKE). */
function transportRows(): Record<string, C> {
  return {
    'frontend.protocol.tcp': claim(l4(), (c) => {
      expect(listener(c, 'db')).toEqual({ name: 'db', port: 5432, protocol: 'TCP' });
      expect(c.one('TCPRoute').spec.parentRefs).toEqual([{ name: 'claim', sectionName: 'db' }]);
    }),
    'frontend.protocol.udp': claim(l4Udp(), (c) => {
      expect(listener(c, 'dns')).toEqual({ name: 'dns', port: 53, protocol: 'UDP' });
      expect(c.one('UDPRoute').spec.parentRefs).toEqual([{ name: 'claim', sectionName: 'dns' }]);
    }),
    'pool.protocol.tcp': claim(l4(), (c) => expect(c.one('TCPRoute').spec.rules[0].backendRefs).toEqual([{ name: 'db', port: 5432 }])),
    'pool.protocol.udp': claim(l4Udp(), (c) => expect(c.one('UDPRoute').spec.rules[0].backendRefs).toEqual([{ name: 'dns', port: 53 }])),
  };
}

/** Routing rows Envoy Gateway and GKE write as RE2 (case-insensitive where lbkit is). */
function re2Rows(): Record<string, C> {
  return {
    'rule.match.path.regex': claim(l7Rule({ paths: [{ regex: '/v[0-9]+' }] }), (c) =>
      expect(rule(c).matches).toEqual([{ path: { type: 'RegularExpression', value: '/v[0-9]+' } }]),
    ),
    'rule.match.header.exact': claim(l7Rule({ headers: [{ name: 'x-env', exact: 'be.ta' }] }), headerRegex('(?i)be\\.ta')),
    'rule.match.header.prefix': claim(l7Rule({ headers: [{ name: 'x-env', prefix: 'be' }] }), headerRegex('(?i)be.*')),
    'rule.match.header.regex': claim(l7Rule({ headers: [{ name: 'x-env', regex: '[0-9]+' }] }), headerRegex('[0-9]+')),
    'rule.match.header.present': claim(l7Rule({ headers: [{ name: 'x-env', present: true }] }), headerRegex('.*')),
    'rule.match.query.case-sensitive': claim(l7Rule({ query: [{ name: 'Tab', exact: 'Pro', caseSensitive: true }] }), (c) =>
      expect(rule(c).matches[0].queryParams).toEqual([{ type: 'Exact', name: 'Tab', value: 'Pro' }]),
    ),
  };
}

const btp = (c: K8sCompiled, pool = 'app') => c.of('BackendTrafficPolicy').find((p) => p.metadata.name === `claim-${pool}`)!.spec;
const active = (c: K8sCompiled) => btp(c).healthCheck.active;

/** gRPC and HTTP/2 rows (issue 20): GRPCRoute matches, h2c backends, gRPC health checks, ALPN per listener. */
const grpcSpec = (pool: Partial<PoolSpec> = {}, frontend: Partial<FrontendSpec> = {}) =>
  l7Https(
    {},
    {
      frontend: {
        http2: true,
        rules: [{ name: 'r', match: { grpc: [{ service: 'shop.v1.Cart', method: 'AddItem' }] }, action: { forward: { pool: 'app' } } }],
        ...frontend,
      },
      pool: { protocol: 'grpc', port: 50051, ...pool },
    },
  );
const grpcRoute = (c: K8sCompiled) => c.one('GRPCRoute').spec as Record<string, any>;
const grpcMatch: C = claim(grpcSpec(), (c) =>
  expect(grpcRoute(c).rules.flatMap((r: { matches?: unknown[] }) => r.matches ?? [])).toContainEqual({
    method: { type: 'Exact', service: 'shop.v1.Cart', method: 'AddItem' },
  }),
);
const grpcHealth = (c: K8sCompiled) =>
  c
    .of('BackendTrafficPolicy')
    .map((p) => p.spec.healthCheck?.active)
    .filter(Boolean);

const ENVOY: Record<string, C> = {
  'rule.match.grpc': grpcMatch,
  // The pool is a GRPCRoute backend (Services lbkit writes for it, with bindings, take appProtocol kubernetes.io/h2c).
  'pool.protocol.grpc': claim(grpcSpec(), (c) =>
    expect(grpcRoute(c).rules.flatMap((r: { backendRefs?: Array<{ name: string }> }) => (r.backendRefs ?? []).map((b) => b.name))).toContain('app'),
  ),
  'pool.health.grpc': claim(grpcSpec({ healthCheck: { intervalSeconds: 5, timeoutSeconds: 2 } }), (c) =>
    expect(grpcHealth(c)).toContainEqual(expect.objectContaining({ type: 'GRPC' })),
  ),
  'pool.health.grpc-service': claim(grpcSpec({ healthCheck: { intervalSeconds: 5, timeoutSeconds: 2, grpcService: 'shop.v1.Cart' } }), (c) =>
    expect(grpcHealth(c)).toContainEqual(expect.objectContaining({ type: 'GRPC', grpc: { service: 'shop.v1.Cart' } })),
  ),
  'frontend.http2.alpn': claim(grpcSpec(), (c) => expect(c.of('GRPCRoute').length).toBe(1)),
  'frontend.http2.cleartext': claim(
    l7({
      frontend: { http2: true, rules: [{ name: 'r', match: { grpc: [{ service: 'shop.v1.Cart' }] }, action: { forward: { pool: 'app' } } }] },
      pool: { protocol: 'grpc', port: 50051 },
    }),
    (c) => expect((c.one('Gateway').spec.listeners as Array<{ protocol: string }>).map((l) => l.protocol)).toEqual(['HTTP']),
  ),
  'frontend.http2.off': claim(l7Https({}, { frontend: { http2: false } }), (c) =>
    expect(c.of('ClientTrafficPolicy').map((p) => p.spec.tls?.alpnProtocols)).toContainEqual(['http/1.1']),
  ),
  ...gatewayRows(),
  ...filterRows(),
  ...envoyRetryRows(),
  ...transportRows(),
  ...re2Rows(),
  'rule.match.method': claim(l7Rule({ methods: ['POST'] }), (c) => expect(rule(c).matches).toEqual([{ method: 'POST' }])),
  'frontend.tls.mtls-verify': claim(l7Https({ clientCertificateTrust: { trustStore: 'ca' } }), (c) => {
    expect(c.one('Gateway').spec.tls).toEqual({
      frontend: {
        default: {},
        perPort: [{ port: 443, tls: { validation: { caCertificateRefs: [{ group: '', kind: 'ConfigMap', name: 'ca' }], mode: 'AllowValidOnly' } } }],
      },
    });
  }),
  'frontend.tls.minimum-1.3': claim(l7Https({ minimumVersion: '1.3' }), (c) =>
    expect(c.one('ClientTrafficPolicy').spec).toMatchObject({
      targetRefs: [{ kind: 'Gateway', name: 'claim', sectionName: 'web' }],
      tls: { minVersion: '1.3' },
    }),
  ),
  'frontend.idle-timeout': claim(l7({ frontend: { idleTimeoutSeconds: 120 } }), (c) =>
    expect(c.one('ClientTrafficPolicy').spec.timeout).toEqual({ http: { idleTimeout: '120s' } }),
  ),
  'frontend.allowed-source-cidrs': claim(l7({ frontend: { allowedSourceCidrs: ['10.0.0.0/8'] } }), (c) => {
    expect(c.one('SecurityPolicy').spec.authorization).toEqual({
      defaultAction: 'Deny',
      rules: [{ name: 'allowed-sources', action: 'Allow', principal: { clientCIDRs: ['10.0.0.0/8'] } }],
    });
  }),
  'action.fixed-response': claim(l7Rule(undefined, { fixedResponse: { statusCode: 404, body: 'no' } }), (c) => {
    expect(rule(c).filters).toEqual([
      { type: 'ExtensionRef', extensionRef: { group: 'gateway.envoyproxy.io', kind: 'HTTPRouteFilter', name: 'claim-web-r-response' } },
    ]);
    expect(c.one('HTTPRouteFilter').spec.directResponse).toEqual({ statusCode: 404, contentType: 'text/plain', body: { type: 'Inline', inline: 'no' } });
  }),
  // Written: a pool that leaves its algorithm out keeps Envoy Gateway's own default (SEMANTICS.md, target defaults).
  'pool.algorithm.round-robin': claim(l7({ pool: { algorithm: 'round-robin' } }), (c) => expect(btp(c).loadBalancer).toEqual({ type: 'RoundRobin' })),
  'pool.algorithm.ip-hash': claim(l7({ pool: { algorithm: 'ip-hash' } }), (c) =>
    expect(btp(c).loadBalancer).toEqual({ type: 'ConsistentHash', consistentHash: { type: 'SourceIP' } }),
  ),
  'pool.algorithm.random': claim(l7({ pool: { algorithm: 'random' } }), (c) => expect(btp(c).loadBalancer).toEqual({ type: 'Random' })),
  'pool.health.tcp': claim(l7({ pool: { healthCheck: { protocol: 'tcp' } } }), (c) => expect(active(c)).toMatchObject({ type: 'TCP', tcp: {} })),
  'pool.health.http': claim(l7({ pool: { healthCheck: { path: '/ready' } } }), (c) =>
    expect(active(c)).toMatchObject({ type: 'HTTP', http: { path: '/ready', expectedStatuses: [200] } }),
  ),
  'pool.health.success-codes': claim(l7({ pool: { healthCheck: { successCodes: '200-202,204' } } }), (c) =>
    expect(active(c).http.expectedStatuses).toEqual([200, 201, 202, 204]),
  ),
  'pool.health.healthy-threshold': claim(l7({ pool: { healthCheck: { healthyThreshold: 4, unhealthyThreshold: 4 } } }), (c) =>
    expect(active(c).healthyThreshold).toBe(4),
  ),
  'pool.health.asymmetric-thresholds': claim(l7({ pool: { healthCheck: { healthyThreshold: 2, unhealthyThreshold: 5 } } }), (c) =>
    expect(active(c)).toMatchObject({ healthyThreshold: 2, unhealthyThreshold: 5 }),
  ),
  'pool.passive-health': claim(l7({ pool: { passiveHealthCheck: { consecutiveFailures: 7, ejectionSeconds: 20, maxEjectedPercent: 30 } } }), (c) => {
    expect(btp(c).healthCheck.passive).toEqual({ consecutive5XxErrors: 7, baseEjectionTime: '20s', maxEjectionPercent: 30 });
  }),
  'pool.persistence.lb-cookie': claim(l7({ pool: { sessionPersistence: { type: 'lb-cookie', durationSeconds: 600 } } }), (c) => {
    expect(btp(c).loadBalancer).toEqual({ type: 'ConsistentHash', consistentHash: { type: 'Cookie', cookie: { name: 'lbkit-app', ttl: '600s' } } });
  }),
  // Envoy generates a session cookie for a ttl of zero (none without a ttl): route_components.proto HashPolicy.Cookie.ttl.
  'pool.persistence.session-cookie': claim(l7({ pool: { sessionPersistence: { type: 'lb-cookie', sessionCookie: true } } }), (c) => {
    expect(btp(c).loadBalancer).toEqual({ type: 'ConsistentHash', consistentHash: { type: 'Cookie', cookie: { name: 'lbkit-app', ttl: '0s' } } });
  }),
  'pool.persistence.source-ip': claim(l7({ pool: { sessionPersistence: { type: 'source-ip' } } }), (c) =>
    expect(btp(c).loadBalancer.consistentHash).toEqual({ type: 'SourceIP' }),
  ),
  'pool.slow-start': claim(l7({ pool: { slowStartSeconds: 30 } }), (c) =>
    expect(btp(c).loadBalancer).toEqual({ type: 'RoundRobin', slowStart: { window: '30s' } }),
  ),
  'pool.fail-closed': claim(l7({ pool: { whenAllUnhealthy: 'fail-closed' } }), (c) => expect(btp(c).healthCheck.panicThreshold).toBe(0)),
  'rate-limit.rule-scope': claim(
    l7Rule(
      { paths: [{ prefix: '/api' }] },
      { forward: { pool: 'other' } },
      { spec: { rateLimits: [{ name: 'api', limit: 100, windowSeconds: 60, scope: { rules: ['web/r'] } }] } },
    ),
    (c) => {
      const limited = c.of('BackendTrafficPolicy').filter((p) => p.spec.rateLimit);
      expect(limited.map((p) => p.spec.targetRefs)).toEqual([[{ group: 'gateway.networking.k8s.io', kind: 'HTTPRoute', name: 'claim-web', sectionName: 'r' }]]);
      expect(limited[0].spec.rateLimit.local.rules[0].limit).toEqual({ requests: 100, unit: 'Minute' });
    },
  ),
  'rate-limit.frontend-subset': claim(
    l7TwoFrontends('admin', 8000, loose({ spec: { rateLimits: [{ name: 'web-only', limit: 10, windowSeconds: 1, scope: { frontends: ['web'] } }] } })),
    (c) =>
      expect(
        c
          .of('BackendTrafficPolicy')
          .filter((p) => p.spec.rateLimit)
          .flatMap((p) => p.spec.targetRefs.map((r: { name: string }) => r.name)),
      ).toEqual(['claim-web']),
  ),
};

const hcp = (c: K8sCompiled) => c.of('HealthCheckPolicy').find((p) => p.spec.targetRef.name === 'app')!.spec.default;
const gbp = (c: K8sCompiled) => c.of('GCPBackendPolicy').find((p) => p.spec.targetRef.name === 'app')!.spec.default;

const GKE: Record<string, C> = {
  // GKE Gateway has no GRPCRoute: gRPC calls are matched as HTTPRoute paths ('/<service>/<method>').
  'rule.match.grpc': claim(
    l7Https(
      {},
      {
        frontend: {
          http2: true,
          rules: [{ name: 'r', match: { grpc: [{ service: 'shop.v1.Cart', method: 'AddItem' }] }, action: { forward: { pool: 'app' } } }],
        },
      },
    ),
    (c) => expect(JSON.stringify(rule(c).matches)).toContain('/shop.v1.Cart/AddItem'),
  ),
  'frontend.http2.alpn': claim(l7Https({}, { frontend: { http2: true } }), (c) => expect(c.one('Gateway').spec.listeners.length).toBeGreaterThan(0)),
  ...gatewayRows(true),
  ...gkeFilterRows(),
  ...re2Rows(),
  'lb.scheme.internal': claim(l7({ spec: { scheme: 'internal' } }), (c) => expect(c.one('Gateway').spec.gatewayClassName).toBe('gke-l7-rilb')),
  'lb.access-logs': claim(l7({ spec: { accessLogs: {} } }), (c) => expect(gbp(c).logging).toEqual({ enabled: true })),
  'pool.algorithm.ip-hash': claim(l7({ pool: { algorithm: 'ip-hash' } }), (c) => expect(gbp(c).sessionAffinity).toEqual({ type: 'CLIENT_IP' })),
  'pool.health.tcp': claim(l7({ pool: { healthCheck: { protocol: 'tcp' } } }), (c) => expect(hcp(c).config).toEqual({ type: 'TCP', tcpHealthCheck: {} })),
  'pool.health.http': claim(l7({ pool: { healthCheck: { path: '/ready' } } }), (c) =>
    expect(hcp(c).config).toEqual({ type: 'HTTP', httpHealthCheck: { requestPath: '/ready' } }),
  ),
  'pool.health.https': claim(l7({ pool: { healthCheck: { protocol: 'https', path: '/ready' } } }), (c) =>
    expect(hcp(c).config).toEqual({ type: 'HTTPS', httpsHealthCheck: { requestPath: '/ready' } }),
  ),
  'pool.health.healthy-threshold': claim(l7({ pool: { healthCheck: { healthyThreshold: 4, unhealthyThreshold: 4 } } }), (c) =>
    expect(hcp(c).healthyThreshold).toBe(4),
  ),
  'pool.health.asymmetric-thresholds': claim(l7({ pool: { healthCheck: { healthyThreshold: 2, unhealthyThreshold: 5 } } }), (c) =>
    expect(hcp(c)).toMatchObject({ healthyThreshold: 2, unhealthyThreshold: 5 }),
  ),
  'pool.persistence.lb-cookie': claim(l7({ pool: { sessionPersistence: { type: 'lb-cookie', durationSeconds: 600 } } }), (c) =>
    expect(gbp(c).sessionAffinity).toEqual({ type: 'GENERATED_COOKIE', cookieTtlSec: 600 }),
  ),
  'pool.persistence.session-cookie': claim(l7({ pool: { sessionPersistence: { type: 'lb-cookie', sessionCookie: true } } }), (c) =>
    expect(gbp(c).sessionAffinity).toEqual({ type: 'GENERATED_COOKIE', cookieTtlSec: 0 }),
  ),
  'pool.persistence.source-ip': claim(l7({ pool: { sessionPersistence: { type: 'source-ip' } } }), (c) =>
    expect(gbp(c).sessionAffinity).toEqual({ type: 'CLIENT_IP' }),
  ),
  'pool.draining': claim(l7({ pool: { drainingSeconds: 45 } }), (c) => expect(gbp(c).connectionDraining).toEqual({ drainingTimeoutSec: 45 })),
  // GCP load balancers fail open by themselves: no policy field asks otherwise.
  // GCP's own behaviour, so no policy field (and, with nothing else written, no GCPBackendPolicy at all).
  'pool.fail-open': claim(l7({ pool: { whenAllUnhealthy: 'fail-open' } }), (c) =>
    expect(
      c
        .of('GCPBackendPolicy')
        .flatMap((p) => Object.keys(p.spec.default))
        .filter((k) => /fail/i.test(k)),
    ).toEqual([]),
  ),
};

const service = (c: K8sCompiled) => c.one('Service').spec;
const SERVICE: Record<string, C> = {
  'lb.ip.dualstack': claim(l4({ spec: { ipAddressType: 'dualstack' } }), (c) =>
    expect(service(c)).toMatchObject({ ipFamilyPolicy: 'RequireDualStack', ipFamilies: ['IPv4', 'IPv6'] }),
  ),
  'frontend.protocol.tcp': claim(l4(), (c) => expect(service(c)).toMatchObject({ type: 'LoadBalancer', ports: [{ name: 'db', protocol: 'TCP', port: 5432 }] })),
  'frontend.protocol.udp': claim(l4Udp(), (c) => expect(service(c).ports).toEqual([{ name: 'dns', protocol: 'UDP', port: 53, targetPort: 53 }])),
  'frontend.allowed-source-cidrs': claim(l4({ frontend: { allowedSourceCidrs: ['10.0.0.0/8'] } }), (c) =>
    expect(service(c)).toMatchObject({ loadBalancerSourceRanges: ['10.0.0.0/8'], externalTrafficPolicy: 'Local' }),
  ),
  'action.forward': claim(l4(), (c) => expect(service(c).selector).toEqual({ 'app.kubernetes.io/name': 'db' })),
  'pool.protocol.tcp': claim(l4({ pool: { port: 6432 } }), (c) => expect(service(c).ports[0]).toMatchObject({ protocol: 'TCP', targetPort: 6432 })),
  'pool.protocol.udp': claim(l4Udp({ pool: { port: 5353 } }), (c) => expect(service(c).ports[0]).toMatchObject({ protocol: 'UDP', targetPort: 5353 })),
  'pool.algorithm.random': claim(l4({ pool: { algorithm: 'random' } }), (c) => expect(service(c).sessionAffinity).toBeUndefined()),
  'pool.persistence.source-ip': claim(l4({ pool: { sessionPersistence: { type: 'source-ip' } } }), (c) => {
    expect(service(c)).toMatchObject({
      sessionAffinity: 'ClientIP',
      sessionAffinityConfig: { clientIP: { timeoutSeconds: 10800 } },
      externalTrafficPolicy: 'Local',
    });
  }),
  // No publishNotReadyAddresses: only Ready endpoints receive connections, none when none is Ready.
  'pool.fail-closed': claim(l4({ pool: { whenAllUnhealthy: 'fail-closed' } }), (c) => expect(service(c).publishNotReadyAddresses).toBeUndefined()),
};

const PORTABLE: Record<string, C> = {
  'rule.match.grpc': grpcMatch,
  ...gatewayRows(),
  ...filterRows(),
  ...transportRows(),
  'rule.match.method': claim(l7Rule({ methods: ['POST'] }), (c) => expect(rule(c).matches).toEqual([{ method: 'POST' }])),
  'frontend.tls.mtls-verify': ENVOY['frontend.tls.mtls-verify'],
  // Two https frontends on 443: one Listener per host name, the routes attached to their own listeners.
  'frontend.hostnames': claim(
    l7Https(
      {},
      {
        frontend: { hostnames: ['a.example.com', '*.example.com'] },
        spec: {
          frontends: [
            {
              name: 'web',
              protocol: 'https',
              port: 443,
              hostnames: ['a.example.com', '*.example.com'],
              tls: { certificate: 'site' },
              defaultAction: { forward: { pool: 'app' } },
            },
            { name: 'alt', protocol: 'https', port: 443, tls: { certificate: 'alt' }, defaultAction: { forward: { pool: 'other' } } },
          ],
          strict: false,
        },
      },
    ),
    (c) => {
      expect((c.one('Gateway').spec.listeners as Array<Record<string, unknown>>).map((l) => [l.name, l.port, l.hostname])).toEqual([
        ['web.0', 443, 'a.example.com'],
        ['web.1', 443, '*.example.com'],
        ['alt', 443, undefined],
      ]);
      expect(c.of('HTTPRoute').map((r) => r.spec.parentRefs.map((p: { sectionName: string }) => p.sectionName))).toEqual([['web.0', 'web.1'], ['alt']]);
    },
  ),
};

export const K8S_CLAIMS: Claims<K8sCompiled> = {
  ...forTarget('k8s-gateway', PORTABLE),
  ...forTarget('k8s-envoy-gateway', ENVOY),
  ...forTarget('k8s-gke-gateway', GKE),
  ...forTarget('k8s-service', SERVICE),
};
