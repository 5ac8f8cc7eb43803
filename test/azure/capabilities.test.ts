/**
 * Every capability error of azure-lb and azure-appgw: each spec below is a baseline that compiles exactly,
 * plus one feature the target cannot express (unsupported), can only approximate (nearest: an error until
 * accepted) or a value outside what it accepts (range).
 */
import { assertCapabilities, checkCapabilities } from '../../providers';
import { CapabilityError } from '../../lib/errors';
import { AZURE_APPGW, AZURE_LB } from '../../providers/azure/capabilities';
import { FEATURES } from '../../lib/capabilities/features';
import { l4HttpCells, l7TransportCells } from '../../lib/capabilities/layer-cells';
import type { TargetId } from '../../providers';
import { buildModel } from '../../lib/model/build';
import type { FrontendSpec, LoadBalancerSpec, PoolSpec, RuleSpec } from '../../lib/spec/schema';
import { httpPool, l4Spec, l7Spec, tcpPool } from './helpers';
import { weighted } from '../support/specs';

const errors = (spec: LoadBalancerSpec, target: TargetId) => checkCapabilities(buildModel(spec), target).errors;

// L7 variations of the baseline.
const l7Frontend = (extra: Partial<FrontendSpec>): LoadBalancerSpec =>
  l7Spec({ frontends: [{ name: 'web', protocol: 'http', port: 80, defaultAction: { forward: { pool: 'app' } }, ...extra }] });
const l7Rule = (rule: Partial<RuleSpec>): LoadBalancerSpec => l7Frontend({ rules: [{ name: 'r', action: { forward: { pool: 'app' } }, ...rule }] });
const l7Pool = (extra: Partial<PoolSpec>): LoadBalancerSpec => l7Spec({ pools: [httpPool('app', extra)] });
const https = (tls: object, extra: Partial<LoadBalancerSpec> = {}): LoadBalancerSpec =>
  l7Spec({
    frontends: [{ name: 'web', protocol: 'https', port: 443, tls: { certificate: 'site', ...tls }, defaultAction: { forward: { pool: 'app' } } }],
    certificates: [{ name: 'site', domains: ['example.com'] }, { name: 'more', domains: ['example.org'] }, { name: 'bare' }],
    trustStores: [{ name: 'clients' }],
    ...extra,
  });
const withRedirect = (redirect: object): LoadBalancerSpec => l7Rule({ match: { paths: [{ exact: '/old' }] }, action: { redirect }, name: 'r' });
const rateLimit = (extra: object): LoadBalancerSpec => l7Spec({ rateLimits: [{ name: 'limit', limit: 100, windowSeconds: 60, ...extra }] });
/** The spec, accepting the nearest mappings that come with the feature under test. */
const accepting = (spec: LoadBalancerSpec, ...features: string[]): LoadBalancerSpec => ({ ...spec, allowNearest: [...(spec.allowNearest ?? []), ...features] });
// L4 variations.
const l4Frontend = (extra: Partial<FrontendSpec>): LoadBalancerSpec =>
  l4Spec({ frontends: [{ name: 'pg', protocol: 'tcp', port: 5432, idleTimeoutSeconds: 300, defaultAction: { forward: { pool: 'pg' } }, ...extra }] });
const l4Pool = (extra: Partial<PoolSpec>): LoadBalancerSpec => l4Spec({ pools: [tcpPool('pg', extra)] });

type Row = [label: string, spec: LoadBalancerSpec, feature: string | string[], level: 'unsupported' | 'nearest' | 'range'];

const grpcPool = (extra: Partial<PoolSpec> = {}): LoadBalancerSpec =>
  https(
    {},
    {
      frontends: [{ name: 'web', protocol: 'https', port: 443, http2: true, tls: { certificate: 'site' }, defaultAction: { forward: { pool: 'app' } } }],
      pools: [
        {
          name: 'app',
          protocol: 'grpc',
          port: 50051,
          drainingSeconds: 30,
          whenAllUnhealthy: 'fail-closed',
          ...extra,
          healthCheck: { healthyThreshold: 1, unhealthyThreshold: 1, ...extra.healthCheck },
        },
      ],
    },
  );

/** Operations (issue 19): one alarm, or one protection field, on the baseline. */
const alarm = (spec: (extra: Partial<LoadBalancerSpec>) => LoadBalancerSpec, metric: string, pool?: string): LoadBalancerSpec =>
  spec({
    alarms: [
      { name: 'a', metric: metric as never, threshold: metric === '5xx-ratio' ? 0.1 : metric === 'unhealthy-members' ? 0 : 1, ...(pool ? { pool } : {}) },
    ],
  });
const protect = (spec: (extra: Partial<LoadBalancerSpec>) => LoadBalancerSpec, protection: object): LoadBalancerSpec => spec({ protection });
const OPERATIONS_APPGW: Row[] = [
  ...['5xx-ratio', 'latency', 'rejected-connections'].map((m): Row => [`alarm ${m}`, alarm(l7Spec, m), `alarm.${m}`, 'unsupported']),
  // Metric alerts sum counts over one period (no consecutive windows): nearest.
  ...['5xx-count', 'rate-limited'].map((m): Row => [`alarm ${m}`, alarm(l7Spec, m), `alarm.${m}`, 'nearest']),
  // Azure's Default Rule Set has versions, not levels; IP lists, countries and DDoS are native (claims/azure.ts).
  ['managed rules', protect(l7Spec, { managedRules: { level: 'baseline' } }), 'protection.managed-rules', 'nearest'],
];
const OPERATIONS_LB: Row[] = [
  // DipAvailability: a share of probes per member, no count (lb-alerts.ts).
  ...['unhealthy-members', 'healthy-members'].map((m): Row => [`alarm ${m}`, alarm(l4Spec, m, 'pg'), `alarm.${m}`, 'nearest']),
  ['alarm rejected-connections', alarm(l4Spec, 'rejected-connections'), 'alarm.rejected-connections', 'unsupported'],
];

const APPGW: Row[] = [
  ...OPERATIONS_APPGW,
  // HTTP/2 and gRPC (issue 20)
  ['h2c to clients', l7Frontend({ http2: true }), 'frontend.http2.cleartext', 'unsupported'],
  [
    'HTTP/2 off',
    https(
      {},
      { frontends: [{ name: 'web', protocol: 'https', port: 443, http2: false, tls: { certificate: 'site' }, defaultAction: { forward: { pool: 'app' } } }] },
    ),
    'frontend.http2.off',
    'unsupported',
  ],
  ['grpc pool', grpcPool(), ['pool.protocol.grpc', 'pool.health.grpc'], 'unsupported'],
  ['grpcs pool', grpcPool({ protocol: 'grpcs' }), ['pool.protocol.grpcs', 'pool.health.grpc'], 'unsupported'],
  [
    'grpc probe naming a service',
    grpcPool({ healthCheck: { grpcService: 'a.B' } }),
    ['pool.protocol.grpc', 'pool.health.grpc', 'pool.health.grpc-service'],
    'unsupported',
  ],
  [
    'grpc probe status codes',
    grpcPool({ healthCheck: { grpcStatusCodes: '0,5' } }),
    ['pool.protocol.grpc', 'pool.health.grpc', 'pool.health.grpc-status-codes'],
    'unsupported',
  ],
  ['HTTP/2 to members', l7Pool({ http2: true }), 'pool.http2', 'unsupported'],
  ['gRPC call condition', accepting(l7Rule({ match: { grpc: [{ service: 'a.B' }] } }), 'azure-appgw:rule.match.path.prefix'), 'rule.match.grpc', 'unsupported'],
  [
    'fixed response with a gRPC status',
    l7Rule({ action: { fixedResponse: { statusCode: 404, grpcStatus: 12 } } }),
    ['action.fixed-response', 'action.fixed-response.grpc-status'],
    'unsupported',
  ],
  ['mutual TLS passthrough', https({ clientCertificateTrust: { trustStore: 'clients', mode: 'passthrough' } }), 'frontend.tls.mtls-passthrough', 'unsupported'],
  ['regex path', l7Rule({ match: { paths: [{ regex: '/a.*' }] } }), 'rule.match.path.regex', 'unsupported'],
  ['header exact', l7Rule({ match: { headers: [{ name: 'x-a', exact: 'b' }] } }), 'rule.match.header.exact', 'unsupported'],
  ['header prefix', l7Rule({ match: { headers: [{ name: 'x-a', prefix: 'b' }] } }), 'rule.match.header.prefix', 'unsupported'],
  ['header regex', l7Rule({ match: { headers: [{ name: 'x-a', regex: 'b+' }] } }), 'rule.match.header.regex', 'unsupported'],
  ['header present', l7Rule({ match: { headers: [{ name: 'x-a', present: true }] } }), 'rule.match.header.present', 'unsupported'],
  ['query exact', l7Rule({ match: { query: [{ name: 'a', exact: 'b' }] } }), 'rule.match.query.exact', 'unsupported'],
  ['query present', l7Rule({ match: { query: [{ name: 'a', present: true }] } }), 'rule.match.query.present', 'unsupported'],
  ['method', l7Rule({ match: { methods: ['POST'] } }), 'rule.match.method', 'unsupported'],
  ['source', l7Rule({ match: { sourceCidrs: ['10.0.0.0/8'] } }), 'rule.match.source', 'unsupported'],
  [
    'weighted split',
    { ...l7Frontend({ defaultAction: weighted({ app: 1, b: 1 }) }), pools: [httpPool('app'), httpPool('b')] },
    'action.weighted-forward',
    'unsupported',
  ],
  ['fixed response', l7Rule({ action: { fixedResponse: { statusCode: 404 } } }), 'action.fixed-response', 'unsupported'],
  ['least connections', l7Pool({ algorithm: 'least-connections' }), 'pool.algorithm.least-connections', 'unsupported'],
  ['ip-hash', l7Pool({ algorithm: 'ip-hash' }), 'pool.algorithm.ip-hash', 'unsupported'],
  ['least response time', l7Pool({ algorithm: 'least-response-time' }), 'pool.algorithm.least-response-time', 'unsupported'],
  ['tcp probe', l7Pool({ healthCheck: { protocol: 'tcp', healthyThreshold: 1, unhealthyThreshold: 1 } }), 'pool.health.tcp', 'unsupported'],
  ['passive health', l7Pool({ passiveHealthCheck: {} }), 'pool.passive-health', 'unsupported'],
  ['app cookie', l7Pool({ sessionPersistence: { type: 'app-cookie', cookieName: 'sid' } }), 'pool.persistence.app-cookie', 'unsupported'],
  ['source-ip persistence', l7Pool({ sessionPersistence: { type: 'source-ip' } }), 'pool.persistence.source-ip', 'unsupported'],
  ['slow start', l7Pool({ slowStartSeconds: 60 }), 'pool.slow-start', 'unsupported'],
  ['rate limit per header', rateLimit({ key: { header: 'x-api-key' } }), 'rate-limit.header', 'unsupported'],
  ['deletion protection', l7Spec({ deletionProtection: true }), 'lb.deletion-protection', 'nearest'],
  // Issue 16 (Gateway-API-grade L7)
  [
    'header exact, exact case (judged by the exact-case row alone)',
    l7Rule({ match: { headers: [{ name: 'x-a', exact: 'B', caseSensitive: true }] } }),
    'rule.match.header.case-sensitive',
    'unsupported',
  ],
  ['query exact, exact case', l7Rule({ match: { query: [{ name: 'a', exact: 'B', caseSensitive: true }] } }), 'rule.match.query.case-sensitive', 'unsupported'],
  ['request header modifier', l7Rule({ requestHeaders: { set: [{ name: 'x-a', value: '1' }] } }), 'rule.filter.request-headers', 'nearest'],
  ['response header modifier', l7Rule({ responseHeaders: { remove: ['server'] } }), 'rule.filter.response-headers', 'nearest'],
  // Host and full-path rewrites are native (no diagnostic): test/azure/plan-rewrites.test.ts.
  [
    'request header name the gateway discards',
    accepting(l7Rule({ requestHeaders: { set: [{ name: 'x_a', value: '1' }] } }), 'azure-appgw:rule.filter.request-headers'),
    'range',
    'range',
  ],
  [
    'prefix path rewrite',
    accepting(l7Rule({ match: { paths: [{ prefix: '/a' }] }, rewrite: { path: { prefix: '/b' } } }), 'rule.match.path.prefix'),
    'rule.filter.rewrite-path-prefix',
    'nearest',
  ],
  [
    'prefix redirect',
    accepting(l7Rule({ match: { paths: [{ prefix: '/a' }] }, action: { redirect: { host: 'example.com', pathPrefix: '/b' } } }), 'rule.match.path.prefix'),
    'action.redirect.path-prefix',
    'unsupported',
  ],
  ['request timeout', l7Rule({ timeouts: { requestSeconds: 5 } }), 'rule.timeout.request', 'unsupported'],
  ['backend timeout', l7Rule({ timeouts: { backendSeconds: 5 } }), 'rule.timeout.backend', 'unsupported'],
  ['retry policy', l7Rule({ retry: { attempts: 2 } }), 'rule.retry', 'unsupported'],
  ['retry on statuses', l7Rule({ retry: { attempts: 2, statuses: [503] } }), ['rule.retry', 'rule.retry.statuses'], 'unsupported'],
  ['retry budget', l7Pool({ retryBudget: { percent: 20 } }), 'pool.retry-budget', 'unsupported'],
  ['host names on a frontend (multi-site listeners, no 421)', l7Frontend({ hostnames: ['a.example.com'] }), 'frontend.hostnames', 'nearest'],
  ['SNI certificates', https({ additionalCertificates: ['more'] }), 'frontend.tls.sni-certificates', 'nearest'],
  ['idle timeout', l7Frontend({ idleTimeoutSeconds: 120 }), 'frontend.idle-timeout', 'nearest'],
  ['allowed source CIDRs', l7Frontend({ allowedSourceCidrs: ['10.0.0.0/8'] }), 'frontend.allowed-source-cidrs', 'nearest'],
  ['exact path', l7Rule({ match: { paths: [{ exact: '/a' }] } }), 'rule.match.path.exact', 'nearest'],
  ['path prefix', l7Rule({ match: { paths: [{ prefix: '/a' }] } }), 'rule.match.path.prefix', 'nearest'],
  ['redirect 308', l7Frontend({ defaultAction: { redirect: { host: 'example.com', statusCode: 308 } } }), 'action.redirect.status-308', 'nearest'],
  ['weighted round robin', l7Pool({ algorithm: 'weighted-round-robin' }), 'pool.algorithm.weighted-round-robin', 'nearest'],
  ['random', l7Pool({ algorithm: 'random' }), 'pool.algorithm.random', 'nearest'],
  ['healthy threshold 2', l7Pool({ healthCheck: { path: '/', healthyThreshold: 2, unhealthyThreshold: 2 } }), 'pool.health.healthy-threshold', 'nearest'],
  ['asymmetric thresholds', l7Pool({ healthCheck: { path: '/', healthyThreshold: 1, unhealthyThreshold: 3 } }), 'pool.health.asymmetric-thresholds', 'nearest'],
  ['lb cookie', l7Pool({ sessionPersistence: { type: 'lb-cookie' } }), 'pool.persistence.lb-cookie', 'nearest'],
  ['fail open', l7Pool({ whenAllUnhealthy: 'fail-open' }), 'pool.fail-open', 'nearest'],
  ['fail closed', { ...l7Spec(), allowNearest: [] }, 'pool.fail-closed', 'nearest'],
  ['rate limit per client', rateLimit({}), 'rate-limit.client-ip', 'nearest'],
  [
    'rate limit on rules',
    {
      ...l7Rule({ match: { hosts: ['a.example.com'] } }),
      rateLimits: [{ name: 'limit', limit: 100, windowSeconds: 60, scope: { rules: ['web/r'] } }],
      allowNearest: ['azure-appgw:pool.fail-closed', 'azure-appgw:rate-limit.client-ip'],
    },
    'rate-limit.rule-scope',
    'nearest',
  ],
  ['draining off', l7Pool({ drainingSeconds: 0 }), 'range', 'range'],
  ['rate-limit window 120 s', accepting(rateLimit({ windowSeconds: 120 }), 'azure-appgw:rate-limit.client-ip'), 'range', 'range'],
  ['rate-limit status 418', accepting(rateLimit({ responseStatus: 418 }), 'azure-appgw:rate-limit.client-ip'), 'range', 'range'],
  [
    'two rate-limit statuses on one frontend',
    accepting(
      l7Spec({
        rateLimits: [
          { name: 'a', limit: 1, windowSeconds: 60 },
          { name: 'b', limit: 1, windowSeconds: 60, responseStatus: 403 },
        ],
      }),
      'azure-appgw:rate-limit.client-ip',
    ),
    'range',
    'range',
  ],
  ['path with a wildcard character', accepting(l7Rule({ match: { paths: [{ exact: '/a*' }] } }), 'azure-appgw:rule.match.path.exact'), 'range', 'range'],
  ['redirect keeping the host to a new path', accepting(withRedirect({ path: '/new' }), 'azure-appgw:rule.match.path.exact'), 'range', 'range'],
  ['redirect keeping the host with a new query', accepting(withRedirect({ query: 'a=1' }), 'azure-appgw:rule.match.path.exact'), 'range', 'range'],
  ['redirect keeping the host to a port nothing serves', accepting(withRedirect({ port: 8080 }), 'azure-appgw:rule.match.path.exact'), 'range', 'range'],
  [
    'redirect to a fixed URL ending in a query',
    accepting(withRedirect({ host: 'example.com', query: 'a=1' }), 'azure-appgw:rule.match.path.exact'),
    'range',
    'range',
  ],
  ['http to https without an https frontend', l7Frontend({ redirectHttpToHttps: true, defaultAction: undefined }), 'range', 'range'],
  [
    'additional certificate without domains',
    https({ additionalCertificates: ['bare'] }, { allowNearest: ['azure-appgw:pool.fail-closed', 'azure-appgw:frontend.tls.sni-certificates'] }),
    'range',
    'range',
  ],
];

const LB: Row[] = [
  ...OPERATIONS_LB,
  ['access logs', l4Spec({ accessLogs: {} }), 'lb.access-logs', 'unsupported'],
  [
    'tls frontend',
    l4Spec({
      certificates: [{ name: 'c' }],
      frontends: [{ name: 'pg', protocol: 'tls', port: 5432, idleTimeoutSeconds: 300, tls: { certificate: 'c' }, defaultAction: { forward: { pool: 'pg' } } }],
    }),
    'frontend.protocol.tls',
    'unsupported',
  ],
  // A tls pool needs a tls frontend: both are reported.
  [
    'tls to members',
    l4Spec({
      certificates: [{ name: 'c' }],
      frontends: [{ name: 'pg', protocol: 'tls', port: 5432, idleTimeoutSeconds: 300, tls: { certificate: 'c' }, defaultAction: { forward: { pool: 'pg' } } }],
      pools: [tcpPool('pg', { protocol: 'tls' })],
    }),
    ['frontend.protocol.tls', 'pool.protocol.tls'],
    'unsupported',
  ],
  ['allowed source CIDRs', l4Frontend({ allowedSourceCidrs: ['10.0.0.0/8'] }), 'frontend.allowed-source-cidrs', 'unsupported'],
  [
    'weighted split',
    l4Spec({
      pools: [tcpPool('pg'), tcpPool('b')],
      frontends: [
        {
          name: 'pg',
          protocol: 'tcp',
          port: 5432,
          idleTimeoutSeconds: 300,
          defaultAction: weighted({ pg: 1, b: 1 }),
        },
      ],
    }),
    'action.weighted-forward',
    'unsupported',
  ],
  ['weighted round robin', l4Pool({ algorithm: 'weighted-round-robin' }), 'pool.algorithm.weighted-round-robin', 'unsupported'],
  ['least connections', l4Pool({ algorithm: 'least-connections' }), 'pool.algorithm.least-connections', 'unsupported'],
  ['least response time', l4Pool({ algorithm: 'least-response-time' }), 'pool.algorithm.least-response-time', 'unsupported'],
  [
    'success codes',
    accepting(l4Pool({ healthCheck: { protocol: 'http', successCodes: '200-299', healthyThreshold: 2, unhealthyThreshold: 2 } }), 'azure-lb:pool.health.http'),
    'pool.health.success-codes',
    'unsupported',
  ],
  ['passive health', l4Pool({ passiveHealthCheck: {} }), 'pool.passive-health', 'unsupported'],
  ['slow start', l4Pool({ slowStartSeconds: 60 }), 'pool.slow-start', 'unsupported'],
  ['deletion protection', l4Spec({ deletionProtection: true }), 'lb.deletion-protection', 'nearest'],
  ['round robin', l4Pool({ algorithm: 'round-robin' }), 'pool.algorithm.round-robin', 'nearest'],
  ['ip-hash', l4Pool({ algorithm: 'ip-hash' }), 'pool.algorithm.ip-hash', 'nearest'],
  ['tcp probe (no timeout)', { ...l4Spec(), allowNearest: [] }, 'pool.health.tcp', 'nearest'],
  ['http probe (no timeout)', l4Pool({ healthCheck: { protocol: 'http', healthyThreshold: 2, unhealthyThreshold: 2 } }), 'pool.health.http', 'nearest'],
  ['https probe (no timeout)', l4Pool({ healthCheck: { protocol: 'https', healthyThreshold: 2, unhealthyThreshold: 2 } }), 'pool.health.https', 'nearest'],
  [
    'asymmetric thresholds',
    l4Pool({ healthCheck: { protocol: 'tcp', healthyThreshold: 2, unhealthyThreshold: 3 } }),
    'pool.health.asymmetric-thresholds',
    'nearest',
  ],
  ['draining', l4Pool({ drainingSeconds: 30 }), 'pool.draining', 'nearest'],
  [
    'probe interval 4 s',
    l4Pool({ healthCheck: { protocol: 'tcp', intervalSeconds: 4, timeoutSeconds: 2, healthyThreshold: 2, unhealthyThreshold: 2 } }),
    'range',
    'range',
  ],
  [
    'http probe on port 25',
    accepting(l4Pool({ healthCheck: { protocol: 'http', port: 25, healthyThreshold: 2, unhealthyThreshold: 2 } }), 'azure-lb:pool.health.http'),
    'range',
    'range',
  ],
  ['idle timeout 60 s (tcp)', l4Frontend({ idleTimeoutSeconds: 60 }), 'range', 'range'],
  ['idle timeout 270 s (not whole minutes)', l4Frontend({ idleTimeoutSeconds: 270 }), 'range', 'range'],
  [
    'idle timeout on udp',
    l4Spec({
      frontends: [{ name: 'dns', protocol: 'udp', port: 53, idleTimeoutSeconds: 120, defaultAction: { forward: { pool: 'dns' } } }],
      pools: [tcpPool('dns', { protocol: 'udp', port: 53 })],
    }),
    'range',
    'range',
  ],
  ['port 65535', l4Frontend({ port: 65535 }), 'range', 'range'],
  [
    'two tcp frontends on one pool',
    l4Spec({
      frontends: [
        { name: 'a', protocol: 'tcp', port: 5432, idleTimeoutSeconds: 300, defaultAction: { forward: { pool: 'pg' } } },
        { name: 'b', protocol: 'tcp', port: 6432, idleTimeoutSeconds: 300, defaultAction: { forward: { pool: 'pg' } } },
      ],
    }),
    'range',
    'range',
  ],
];

describe.each([
  ['azure-appgw', l7Spec(), APPGW],
  ['azure-lb', l4Spec(), LB],
] as const)('%s', (target, baseline, rows) => {
  test('the baseline spec compiles without diagnostics', () => {
    expect(checkCapabilities(buildModel(baseline), target).errors).toEqual([]);
  });

  test.each(rows)('%s: %s error for %s', (_label, spec, features, level) => {
    const found = errors(spec, target);
    const expected = typeof features === 'string' ? [features] : features;
    expect(found.map((e) => [e.feature, e.level])).toEqual(expected.map((f) => [f, level]));
    const [error] = found;
    const feature = expected[0];
    const column = target === 'azure-lb' ? AZURE_LB : AZURE_APPGW;
    if (level === 'range') {
      expect(error.message).toMatch(new RegExp(`^${target}: .+ \\(${target} accepts .+\\)$`));
      return;
    }
    const cell = column.support[feature];
    // The error names the provider, the feature and the nearest option; a nearest one says how to accept it.
    expect(error.message).toContain(target);
    expect(error.message).toContain(feature);
    expect(error.message).toContain(cell.level === 'nearest' ? cell.mapping : cell.level === 'unsupported' ? cell.nearest : '?');
    if (level === 'nearest') {
      expect(error.message).toContain(`add '${target}:${feature}' to allowNearest`);
      const accepted = buildModel({ ...spec, allowNearest: [...(spec.allowNearest ?? []), `${target}:${feature}`] });
      const warnings = assertCapabilities(accepted, target);
      expect(warnings.map((w) => w.feature)).toContain(feature);
    } else {
      expect(() => assertCapabilities(buildModel({ ...spec, strict: false }), target)).toThrow(CapabilityError);
    }
  });

  test('every nearest and unsupported cell a spec can reach on this target has a row above', () => {
    const column = target === 'azure-lb' ? AZURE_LB : AZURE_APPGW;
    const layer = target === 'azure-lb' ? 'l4' : 'l7';
    const covered = new Set(rows.flatMap((r) => r[2]));
    // A target's cells for the other layer's features (lib/capabilities/layer-cells.ts) are never reached from its scope.
    const otherLayer = new Set(Object.keys(layer === 'l4' ? l4HttpCells('x') : l7TransportCells('x')));
    const reachable = FEATURES.map((f) => f.id)
      .filter((id) => column.support[id].level !== 'native')
      .filter((id) => !otherLayer.has(id))
      // TLS features ride on a protocol an L4 target does not support.
      .filter((id) => layer === 'l7' || !id.startsWith('frontend.tls.'));
    const uncovered = reachable.filter((id) => !covered.has(id) && !['action.weighted-forward.stickiness'].includes(id));
    expect(uncovered).toEqual([]);
  });
});
