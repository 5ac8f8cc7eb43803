/** Native claims of the GCP targets, asserted on the GCP plan (what the component renders 1:1), compiled as the component does. */
import { buildModel } from '../../../lib/model/build';
import type { LoadBalancerSpec, RuleSpec } from '../../../lib/spec/schema';
import { compileForGcp } from '../../../providers/gcp';
import type { BackendServicePlan, GcpPlan, HealthCheckPlan, RouteTarget, UrlMapPlan } from '../../../providers/gcp/plan/types';
import { placeAnything } from '../../gcp/fixtures';
import { armorClaims } from './gcp-operations';
import {
  forTarget,
  l4 as l4Base,
  l4Tls as l4TlsBase,
  l4Udp,
  l7,
  l7Https,
  l7HttpToHttps,
  l7MostSpecific,
  l7Rule,
  l7TwoFrontends,
  l7Weighted,
  type Claim,
  type Claims,
} from './claim';

export interface GcpCompiled {
  readonly plan: GcpPlan;
  readonly urlMap: UrlMapPlan;
  readonly service: (pool: string) => BackendServicePlan;
  readonly check: (pool: string) => HealthCheckPlan;
}

export function compileGcp(target: string, spec: LoadBalancerSpec): GcpCompiled {
  const model = buildModel(spec);
  const kind = target === 'gcp-nlb-proxy' ? 'proxy' : 'passthrough';
  const { plan } = compileForGcp(
    placeAnything(model, {
      // Internal load balancers are regional; the global flag places the external ones.
      global: target !== 'gcp-alb-regional' && model.scheme !== 'internal',
      networkLoadBalancers: Object.fromEntries(model.frontends.filter((f) => f.layer === 'l4').map((f) => [f.name, kind])),
    }),
  );
  return {
    plan,
    urlMap: plan.urlMaps[0],
    service: (pool) => plan.backendServices.find((s) => s.pool === pool)!,
    check: (pool) => plan.healthChecks.find((h) => h.pool === pool)!,
  };
}

type C = Claim<GcpCompiled>;
const claim = (spec: LoadBalancerSpec, check: (c: GcpCompiled) => void): C => ({ spec, check });
const route = (c: GcpCompiled) => c.urlMap.pathMatchers[0].routeRules[0];
const matchRules = (c: GcpCompiled) => route(c).matchRules.map(({ headerMatches, queryParameterMatches, ...path }) => ({ ...path, headerMatches }));
const redirectCode = (statusCode: 301 | 302 | 303 | 307 | 308, code: string) =>
  claim(l7Rule(undefined, { redirect: { path: '/new', statusCode } }), (c) => {
    expect((route(c).target as Extract<RouteTarget, { kind: 'redirect' }>).redirect.redirectResponseCode).toBe(code);
  });
/** GCP has no setting that fails closed: the plan carries no failover or fail-closed policy for the pool. */
const failsOpen = (c: GcpCompiled, pool: string) => expect(Object.keys(c.service(pool)).filter((k) => /failover|fail/i.test(k))).toEqual([]);

/** Rows every GCP target shares, on a spec of its layer. */
function shared(base: (parts: Parameters<typeof l7>[0]) => LoadBalancerSpec, pool: string): Record<string, C> {
  return {
    'lb.ip.dualstack': claim(base({ spec: { ipAddressType: 'dualstack' } }), (c) =>
      expect(c.plan.forwardingRules.map((r) => r.ipVersion)).toEqual(['IPV4', 'IPV6']),
    ),
    'pool.health.tcp': claim(base({ pool: { healthCheck: { protocol: 'tcp' } } }), (c) => expect(c.check(pool)).toMatchObject({ protocol: 'tcp' })),
    'pool.health.http': claim(base({ pool: { healthCheck: { protocol: 'http', path: '/ready' } } }), (c) =>
      expect(c.check(pool)).toMatchObject({ protocol: 'http', requestPath: '/ready' }),
    ),
    'pool.health.https': claim(base({ pool: { healthCheck: { protocol: 'https', path: '/ready' } } }), (c) =>
      expect(c.check(pool)).toMatchObject({ protocol: 'https', requestPath: '/ready' }),
    ),
    'pool.health.healthy-threshold': claim(base({ pool: { healthCheck: { healthyThreshold: 4, unhealthyThreshold: 4 } } }), (c) =>
      expect(c.check(pool).healthyThreshold).toBe(4),
    ),
    'pool.health.asymmetric-thresholds': claim(base({ pool: { healthCheck: { healthyThreshold: 2, unhealthyThreshold: 5 } } }), (c) => {
      expect(c.check(pool)).toMatchObject({ healthyThreshold: 2, unhealthyThreshold: 5 });
    }),
    'pool.persistence.source-ip': claim(base({ pool: { sessionPersistence: { type: 'source-ip' } } }), (c) =>
      expect(c.service(pool).sessionAffinity).toBe('CLIENT_IP'),
    ),
    'pool.draining': claim(base({ pool: { drainingSeconds: 45 } }), (c) => expect(c.service(pool).connectionDrainingTimeoutSec).toBe(45)),
    // Written: a field left out is GCP's own and not judged (nativeDefaults); GCP fails open either way.
    'pool.fail-open': claim(base({ pool: { whenAllUnhealthy: 'fail-open' } }), (c) => failsOpen(c, pool)),
  };
}

function alb(regional: boolean): Record<string, C> {
  return {
    ...shared(l7, 'app'),
    ...(regional
      ? {
          'lb.scheme.internal': claim(l7({ spec: { scheme: 'internal' } }), (c) =>
            expect(c.service('app')).toMatchObject({ scheme: 'INTERNAL_MANAGED', regional: true }),
          ),
        }
      : {
          'frontend.tls.mtls-verify': claim(l7Https({ clientCertificateTrust: { trustStore: 'ca' } }), (c) =>
            expect(c.plan.mtlsPolicies).toMatchObject([{ trustStore: 'ca', clientValidationMode: 'REJECT_INVALID' }]),
          ),
        }),
    'lb.access-logs': claim(l7({ spec: { accessLogs: {} } }), (c) => expect(c.service('app').logging).toBe(true)),
    'action.forward': claim(l7(), (c) => expect(c.urlMap.default).toEqual({ kind: 'service', backendService: 'bs-app' })),
    'frontend.protocol.http': claim(l7(), (c) => expect(c.plan.proxies).toMatchObject([{ kind: 'http', urlMap: 'urlmap-web' }])),
    'frontend.protocol.https': claim(l7Https(), (c) => expect(c.plan.proxies).toMatchObject([{ kind: 'https', certificates: ['site'] }])),
    'frontend.tls.minimum-1.3': claim(l7Https({ minimumVersion: '1.3' }), (c) =>
      expect(c.plan.sslPolicies).toMatchObject([{ profile: 'RESTRICTED', minTlsVersion: 'TLS_1_3' }]),
    ),
    'frontend.tls.sni-certificates': claim(l7Https({ additionalCertificates: ['alt'] }), (c) =>
      expect(c.plan.proxies).toMatchObject([{ kind: 'https', certificates: ['site', 'alt'] }]),
    ),
    'frontend.redirect-http-to-https': claim(l7HttpToHttps(), (c) =>
      expect(c.urlMap.default).toEqual({
        kind: 'redirect',
        redirect: { httpsRedirect: true, stripQuery: false, redirectResponseCode: 'MOVED_PERMANENTLY_DEFAULT' },
      }),
    ),
    'frontend.idle-timeout': claim(l7({ frontend: { idleTimeoutSeconds: 120 } }), (c) => expect(c.plan.proxies[0]).toMatchObject({ keepAliveSec: 120 })),
    'frontend.rule-order.most-specific': claim(l7MostSpecific(), (c) =>
      expect(c.urlMap.pathMatchers[0].routeRules.map((r) => [r.priority, r.rule])).toEqual([
        [1000, 'long'],
        [2000, 'short'],
      ]),
    ),
    'rule.match.host.exact': claim(l7Rule({ hosts: ['api.example.com'] }), (c) =>
      expect(c.urlMap.hostRules.map((h) => h.hosts)).toEqual([['api.example.com'], ['*']]),
    ),
    'rule.match.host.wildcard': claim(l7Rule({ hosts: ['*.example.com'] }), (c) =>
      expect(c.urlMap.hostRules.map((h) => h.hosts)).toEqual([['*.example.com'], ['*']]),
    ),
    'rule.match.path.exact': claim(l7Rule({ paths: [{ exact: '/x' }] }), (c) => expect(matchRules(c)).toEqual([{ fullPathMatch: '/x', headerMatches: [] }])),
    'rule.match.path.prefix': claim(l7Rule({ paths: [{ prefix: '/api' }] }), (c) =>
      expect(matchRules(c)).toEqual([
        { fullPathMatch: '/api', headerMatches: [] },
        { prefixMatch: '/api/', headerMatches: [] },
      ]),
    ),
    'rule.match.path.regex': claim(l7Rule({ paths: [{ regex: '/v[0-9]+' }] }), (c) =>
      expect(matchRules(c)).toEqual([{ regexMatch: '/v[0-9]+', headerMatches: [] }]),
    ),
    'rule.match.header.exact': claim(l7Rule({ headers: [{ name: 'X-Env', exact: 'Beta' }] }), (c) =>
      expect(matchRules(c)[0].headerMatches).toEqual([{ headerName: 'x-env', regexMatch: '(?i)Beta' }]),
    ),
    'rule.match.header.prefix': claim(l7Rule({ headers: [{ name: 'x-env', prefix: 'be' }] }), (c) =>
      expect(matchRules(c)[0].headerMatches).toEqual([{ headerName: 'x-env', regexMatch: '(?i)be.*' }]),
    ),
    'rule.match.header.regex': claim(l7Rule({ headers: [{ name: 'x-id', regex: '[0-9]+' }] }), (c) =>
      expect(matchRules(c)[0].headerMatches).toEqual([{ headerName: 'x-id', regexMatch: '[0-9]+' }]),
    ),
    'rule.match.method': claim(l7Rule({ methods: ['GET', 'HEAD'] }), (c) =>
      expect(matchRules(c)[0].headerMatches).toEqual([{ headerName: ':method', regexMatch: 'GET|HEAD' }]),
    ),
    'rule.match.header.present': claim(l7Rule({ headers: [{ name: 'x-canary', present: true }] }), (c) =>
      expect(matchRules(c)[0].headerMatches).toEqual([{ headerName: 'x-canary', presentMatch: true }]),
    ),
    'action.weighted-forward': claim(l7Weighted(), (c) => {
      expect(route(c).target).toEqual({
        kind: 'weighted',
        services: [
          { backendService: 'bs-app', weight: 3 },
          { backendService: 'bs-other', weight: 1 },
        ],
      });
    }),
    'action.redirect': claim(l7Rule(undefined, { redirect: { host: 'www.example.com', path: '/new' } }), (c) => {
      expect(route(c).target).toEqual({
        kind: 'redirect',
        redirect: {
          hostRedirect: 'www.example.com',
          pathRedirect: '/new',
          httpsRedirect: false,
          stripQuery: false,
          redirectResponseCode: 'MOVED_PERMANENTLY_DEFAULT',
        },
      });
    }),
    'action.redirect.status-301': redirectCode(301, 'MOVED_PERMANENTLY_DEFAULT'),
    'action.redirect.status-302': redirectCode(302, 'FOUND'),
    'action.redirect.status-303': redirectCode(303, 'SEE_OTHER'),
    'action.redirect.status-307': redirectCode(307, 'TEMPORARY_REDIRECT'),
    'action.redirect.status-308': redirectCode(308, 'PERMANENT_REDIRECT'),
    'pool.protocol.http': claim(l7(), (c) => expect(c.service('app')).toMatchObject({ protocol: 'HTTP', scheme: 'EXTERNAL_MANAGED' })),
    'pool.protocol.https': claim(l7({ pool: { protocol: 'https' } }), (c) => expect(c.service('app').protocol).toBe('HTTPS')),
    // Regional EXTERNAL_MANAGED takes no localityLbPolicy: GCP's default is ROUND_ROBIN, MAGLEV with affinity (plan/backends.ts).
    'pool.algorithm.round-robin': claim(l7({ pool: { algorithm: 'round-robin' } }), (c) =>
      expect(c.service('app').localityLbPolicy).toBe(regional ? undefined : 'ROUND_ROBIN'),
    ),
    'pool.algorithm.ip-hash': claim(l7({ pool: { algorithm: 'ip-hash' } }), (c) =>
      expect(c.service('app')).toMatchObject({ sessionAffinity: 'CLIENT_IP', ...(regional ? {} : { localityLbPolicy: 'RING_HASH' }) }),
    ),
    ...(regional
      ? {}
      : { 'pool.algorithm.random': claim(l7({ pool: { algorithm: 'random' } }), (c) => expect(c.service('app').localityLbPolicy).toBe('RANDOM')) }),
    'pool.persistence.lb-cookie': claim(l7({ pool: { sessionPersistence: { type: 'lb-cookie', durationSeconds: 600 } } }), (c) => {
      expect(c.service('app')).toMatchObject({
        sessionAffinity: 'GENERATED_COOKIE',
        affinityCookieTtlSec: 600,
        ...(regional ? {} : { localityLbPolicy: 'RING_HASH' }),
      });
    }),
    'rate-limit.custom-status': claim(
      l7({ spec: { rateLimits: [{ name: 'per-ip', limit: 100, windowSeconds: 60, responseStatus: 403 }], allowNearest: ['rate-limit.client-ip'] } }),
      (c) => expect(c.plan.securityPolicies[0].rules.find((r) => r.rateLimit)!.rateLimit!.exceedAction).toBe('deny(403)'),
    ),
    'rate-limit.frontend-subset': claim(
      l7TwoFrontends('other', 8080, {
        spec: { rateLimits: [{ name: 'per-ip', limit: 100, windowSeconds: 60, scope: { frontends: ['web'] } }], allowNearest: ['rate-limit.client-ip'] },
      }),
      (c) => {
        expect(c.plan.securityPolicies.map((p) => p.frontends)).toEqual([['web']]);
        expect([c.service('app').securityPolicy, c.service('other').securityPolicy]).toEqual([c.plan.securityPolicies[0].id, undefined]);
      },
    ),
    // HTTP/2 and gRPC (issue 20): a target HTTPS proxy offers h2 by itself; gRPC calls are path matches.
    'frontend.http2.alpn': claim(l7Https({}, { frontend: { http2: true } }), (c) =>
      expect(c.plan.proxies).toMatchObject([{ kind: 'https', certificates: ['site'] }]),
    ),
    'rule.match.grpc': claim(l7Rule({ grpc: [{ service: 'shop.v1.Cart', method: 'Get' }] }), (c) =>
      expect(matchRules(c)).toEqual([{ fullPathMatch: '/shop.v1.Cart/Get', headerMatches: [] }]),
    ),
    'pool.protocol.grpcs': claim(l7Https({}, { frontend: { http2: true }, pool: { protocol: 'grpcs' } }), (c) => {
      expect(c.service('app').protocol).toBe('HTTP2');
      expect(c.check('app')).toMatchObject({ protocol: 'grpc-tls' });
    }),
    'pool.http2': claim(l7({ pool: { protocol: 'https', http2: true } }), (c) => expect(c.service('app').protocol).toBe('HTTP2')),
    'pool.health.grpc': claim(l7Https({}, { frontend: { http2: true }, pool: { protocol: 'grpcs', healthCheck: { protocol: 'grpc' } } }), (c) =>
      expect(c.check('app')).toMatchObject({ protocol: 'grpc-tls', port: 8080 }),
    ),
    'pool.health.grpc-service': claim(
      l7Https({}, { frontend: { http2: true }, pool: { protocol: 'grpcs', healthCheck: { grpcService: 'shop.v1.Cart' } } }),
      (c) => expect(c.check('app').grpcServiceName).toBe('shop.v1.Cart'),
    ),
    ...(regional
      ? {}
      : {
          'pool.protocol.grpc': claim(l7Https({}, { frontend: { http2: true }, pool: { protocol: 'grpc' } }), (c) => {
            expect(c.service('app').protocol).toBe('H2C');
            expect(c.check('app')).toMatchObject({ protocol: 'grpc' });
          }),
        }),
  };
}

function nlb(proxy: boolean): Record<string, C> {
  // No algorithm is native on the proxy NLB (it spreads by balancing mode): its specs accept the nearest one.
  const l4 = (parts: Parameters<typeof l4Base>[0] = {}) =>
    l4Base({ ...parts, spec: { ...(proxy ? { allowNearest: ['gcp-nlb-proxy:pool.algorithm.random'] } : {}), ...parts.spec } });
  const l4Tls = (tls: Parameters<typeof l4TlsBase>[0] = {}, parts: Parameters<typeof l4Base>[0] = {}) =>
    l4TlsBase(tls, { ...parts, spec: { allowNearest: ['gcp-nlb-proxy:pool.algorithm.random'], ...parts.spec } });
  const internal = claim(l4({ spec: { scheme: 'internal' } }), (c) =>
    expect(c.plan.forwardingRules[0]).toMatchObject({ internal: true, scheme: proxy ? 'INTERNAL_MANAGED' : 'INTERNAL' }),
  );
  const tcp = claim(l4(), (c) => expect(proxy ? c.plan.proxies[0].kind : c.plan.forwardingRules[0].ipProtocol).toBe(proxy ? 'tcp' : 'TCP'));
  const common: Record<string, C> = {
    ...shared(l4, 'db'),
    'lb.scheme.internal': internal,
    'frontend.protocol.tcp': tcp,
    'pool.protocol.tcp': claim(l4(), (c) => expect(c.service('db').protocol).toBe('TCP')),
    'action.forward': claim(l4(), (c) => {
      expect(c.service('db').id).toBe('bs-l4-db');
      expect(proxy ? c.plan.proxies[0] : c.plan.forwardingRules[0].target).toMatchObject(
        proxy ? { backendService: 'bs-l4-db' } : { backendService: 'bs-l4-db' },
      );
    }),
  };
  if (proxy) {
    return {
      ...common,
      'frontend.protocol.tls': claim(l4Tls(), (c) => expect(c.plan.proxies[0]).toMatchObject({ kind: 'ssl', certificates: ['site'] })),
      'frontend.tls.minimum-1.3': claim(l4Tls({ minimumVersion: '1.3' }), (c) =>
        expect(c.plan.sslPolicies).toMatchObject([{ profile: 'RESTRICTED', minTlsVersion: 'TLS_1_3' }]),
      ),
      'frontend.tls.sni-certificates': claim(l4Tls({ additionalCertificates: ['alt'] }), (c) =>
        expect(c.plan.proxies[0]).toMatchObject({ kind: 'ssl', certificates: ['site', 'alt'] }),
      ),
      'pool.protocol.tls': claim(l4Tls({}, { pool: { protocol: 'tls' } }), (c) => expect(c.service('db').protocol).toBe('SSL')),
      'lb.access-logs': claim(l4({ spec: { accessLogs: {} } }), (c) => expect(c.service('db').logging).toBe(true)),
    };
  }
  return {
    ...common,
    'frontend.protocol.udp': claim(l4Udp(), (c) => expect(c.plan.forwardingRules[0]).toMatchObject({ ipProtocol: 'UDP', port: 53 })),
    'frontend.idle-timeout': claim(l4({ frontend: { idleTimeoutSeconds: 120 } }), (c) => expect(c.service('db').idleTimeoutSec).toBe(120)),
    'frontend.allowed-source-cidrs': claim(l4({ frontend: { allowedSourceCidrs: ['10.0.0.0/8'] } }), (c) => {
      expect(c.plan.forwardingRules[0].sourceIpRanges).toEqual(['10.0.0.0/8']);
      expect(c.plan.firewalls.find((f) => f.id === 'fw-clients-db-v4')!.source).toEqual({ ranges: ['10.0.0.0/8'] });
    }),
    'pool.protocol.udp': claim(l4Udp(), (c) => expect(c.service('dns').protocol).toBe('UDP')),
    'pool.algorithm.ip-hash': claim(l4({ pool: { algorithm: 'ip-hash' } }), (c) => expect(c.service('db').sessionAffinity).toBe('CLIENT_IP')),
    'pool.algorithm.random': claim(l4({ pool: { algorithm: 'random' } }), (c) =>
      expect(c.service('db')).toMatchObject({ localityLbPolicy: 'MAGLEV', sessionAffinity: 'NONE' }),
    ),
  };
}

/** One forwarding rule with filters (issue 16). */
const filtered = (filters: Partial<RuleSpec>): LoadBalancerSpec =>
  l7({ frontend: { rules: [{ name: 'r', action: { forward: { pool: 'other' } }, ...filters }] } });

/** Issue 16 (Gateway-API-grade L7) rows of both URL-map targets. */
function gatewayAlb(): Record<string, C> {
  return {
    'rule.match.path.case-insensitive': claim(
      l7Rule({
        paths: [
          { prefix: '/api', caseSensitive: false },
          { exact: '/home.html', caseSensitive: false },
        ],
      }),
      (c) => expect(route(c).matchRules.filter((m) => m.ignoreCase === true).length).toBeGreaterThan(0),
    ),
    'alarm.5xx-count': claim(l7({ spec: { alarms: [{ name: 'errors', metric: '5xx-count', threshold: 10 }] } }), (c) => {
      const [a] = c.plan.alertPolicies;
      expect([a.series.metricType.endsWith('request_count'), a.series.labels.some((l) => l.includes('response_code_class = 500')), a.aligner]).toEqual([
        true,
        true,
        'ALIGN_DELTA',
      ]);
    }),
    'alarm.5xx-ratio': claim(l7({ spec: { alarms: [{ name: 'ratio', metric: '5xx-ratio', threshold: 0.05 }] } }), (c) => {
      const [a] = c.plan.alertPolicies;
      expect([a.series.metricType.endsWith('request_count'), a.denominator?.metricType.endsWith('request_count'), a.threshold]).toEqual([true, true, 0.05]);
    }),
    'alarm.latency': claim(l7({ spec: { alarms: [{ name: 'slow', metric: 'latency', percentile: 99, threshold: 800 }] } }), (c) => {
      const [a] = c.plan.alertPolicies;
      expect([a.series.metricType.endsWith('total_latencies'), a.aligner]).toEqual([true, 'ALIGN_PERCENTILE_99']);
    }),
    'rule.match.header.case-sensitive': claim(
      l7Rule({
        headers: [
          { name: 'X-Env', exact: 'Beta', caseSensitive: true },
          { name: 'x-agent', prefix: 'Bot/', caseSensitive: true },
        ],
      }),
      (c) => {
        expect(matchRules(c)[0].headerMatches).toEqual([
          { headerName: 'x-env', exactMatch: 'Beta' },
          { headerName: 'x-agent', prefixMatch: 'Bot/' },
        ]);
      },
    ),
    'rule.filter.request-headers': claim(
      filtered({ requestHeaders: { set: [{ name: 'X-Env', value: 'prod' }], add: [{ name: 'x-tag', value: 'lb' }], remove: ['x-secret'] } }),
      (c) => {
        expect(route(c).headerAction).toEqual({
          requestHeadersToAdd: [
            { headerName: 'x-env', headerValue: 'prod', replace: true },
            { headerName: 'x-tag', headerValue: 'lb', replace: false },
          ],
          requestHeadersToRemove: ['x-secret'],
          responseHeadersToAdd: [],
          responseHeadersToRemove: [],
        });
      },
    ),
    'rule.filter.response-headers': claim(filtered({ responseHeaders: { set: [{ name: 'cache-control', value: 'no-store' }], remove: ['server'] } }), (c) => {
      expect(route(c).headerAction).toMatchObject({
        responseHeadersToAdd: [{ headerName: 'cache-control', headerValue: 'no-store', replace: true }],
        responseHeadersToRemove: ['server'],
      });
    }),
    'rule.filter.rewrite-host': claim(filtered({ rewrite: { host: 'internal.example.com' } }), (c) =>
      expect(route(c).hostRewrite).toBe('internal.example.com'),
    ),
    'rule.filter.rewrite-path-prefix': claim(filtered({ match: { paths: [{ prefix: '/api' }] }, rewrite: { path: { prefix: '/v2' } } }), (c) => {
      const rules = c.urlMap.pathMatchers[0].routeRules;
      expect(rules.map((r) => ({ path: r.matchRules.map((m) => m.fullPathMatch ?? m.prefixMatch), rewrite: r.pathPrefixRewrite }))).toEqual([
        { path: ['/api'], rewrite: '/v2' },
        { path: ['/api/'], rewrite: '/v2/' },
      ]);
    }),
    'action.redirect.path-prefix': claim(l7Rule({ paths: [{ prefix: '/old' }] }, { redirect: { pathPrefix: '/new' } }), (c) => {
      const redirects = c.urlMap.pathMatchers[0].routeRules.map((r) => (r.target as Extract<RouteTarget, { kind: 'redirect' }>).redirect);
      expect(redirects.map((r) => ({ pathRedirect: r.pathRedirect, prefixRedirect: r.prefixRedirect }))).toEqual([
        { pathRedirect: '/new', prefixRedirect: undefined },
        { pathRedirect: undefined, prefixRedirect: '/new/' },
      ]);
    }),
    'pool.persistence.session-cookie': claim(l7({ pool: { sessionPersistence: { type: 'lb-cookie', sessionCookie: true } } }), (c) => {
      expect(c.service('app')).toMatchObject({ sessionAffinity: 'GENERATED_COOKIE', affinityCookieTtlSec: 0 });
    }),
    'rule.match.query.case-sensitive': claim(l7Rule({ query: [{ name: 'Mode', exact: 'Beta', caseSensitive: true }] }), (c) => {
      expect(route(c).matchRules[0].queryParameterMatches).toEqual([{ name: 'Mode', exactMatch: 'Beta' }]);
    }),
  };
}

export const GCP_CLAIMS: Claims<GcpCompiled> = {
  ...forTarget('gcp-alb-global', { ...alb(false), ...gatewayAlb(), ...armorClaims(false) }),
  ...forTarget('gcp-alb-regional', { ...alb(true), ...gatewayAlb(), ...armorClaims(true) }),
  ...forTarget('gcp-nlb-passthrough', nlb(false)),
  ...forTarget('gcp-nlb-proxy', nlb(true)),
};
