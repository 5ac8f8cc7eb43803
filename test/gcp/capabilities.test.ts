/**
 * Every capability error the GCP targets raise, through the component's compile step: each non-native cell
 * (strict error naming the nearest option; nearest ones opt in by allowNearest), and each range check.
 */
import { CAPABILITIES } from '../../providers';
import { CapabilityError } from '../../lib/errors';
import { checkCapabilities } from '../../providers';
import { l4HttpCells, l7TransportCells } from '../../lib/capabilities/layer-cells';
import type { TargetId } from '../../providers';
import { buildModel } from '../../lib/model/build';
import type { LoadBalancerSpec } from '../../lib/spec/schema';
import { compileForGcp, LoadBalancer } from '../../providers/gcp';
import type { GcpLoadBalancerProps } from '../../providers/gcp/props';
import { mockPulumi } from '../support/pulumi';
import { placeAnything } from './fixtures';
import { weighted } from '../support/specs';

const rec = mockPulumi();
type Spec = LoadBalancerSpec;
type Frontend = Spec['frontends'][number];
type Pool = NonNullable<Spec['pools']>[number];

/** Per layer: the frontend, the pool it forwards to, and a spare pool of the same protocol. */
const LAYERS: Record<'l7' | 'l4', [Frontend, Pool, Pool]> = {
  l7: [
    { name: 'web', protocol: 'http', port: 80, defaultAction: { forward: { pool: 'app' } } },
    { name: 'app', protocol: 'http', port: 8080 },
    { name: 'other', protocol: 'http', port: 8081 },
  ],
  l4: [
    { name: 'db', protocol: 'tcp', port: 5432, defaultAction: { forward: { pool: 'db' } } },
    { name: 'db', protocol: 'tcp', port: 5432 },
    { name: 'db2', protocol: 'tcp', port: 5432 },
  ],
};
/** One frontend of the layer to its pool, with the certificate and trust store the cases name. */
const oneFrontend =
  (layer: keyof typeof LAYERS) =>
  (frontend: Partial<Frontend> = {}, pool: Partial<Pool> = {}, spec: Partial<Spec> = {}): Spec => {
    const [f, p, spare] = LAYERS[layer];
    return {
      name: 'cap',
      certificates: [{ name: 'site' }],
      trustStores: [{ name: 'ca' }],
      frontends: [{ ...f, ...frontend }],
      pools: [{ ...p, ...pool }, { ...spare }],
      ...spec,
    };
  };
/** An http frontend to one http pool (L7 targets). */
const l7 = oneFrontend('l7');
const rule = (match: object, action: object = { forward: { pool: 'app' } }) => l7({ rules: [{ name: 'r', match, action } as never] });
const https = (tls: object) => l7({ protocol: 'https', port: 443, tls: { certificate: 'site', ...tls } as never });
/** A tcp frontend to one tcp pool on the same port (L4 targets). */
const l4 = oneFrontend('l4');
const tls = (frontend: Partial<Frontend> = {}, pool: Partial<Pool> = {}) => l4({ protocol: 'tls', port: 443, tls: { certificate: 'site' }, ...frontend }, pool);
const props = (target: TargetId, spec: Spec): GcpLoadBalancerProps => {
  const model = buildModel(spec);
  const l4Kind = target === 'gcp-nlb-passthrough' ? 'passthrough' : 'proxy';
  return placeAnything(model, {
    global: target !== 'gcp-alb-regional',
    networkLoadBalancers: Object.fromEntries(model.frontends.filter((f) => f.layer === 'l4').map((f) => [f.name, l4Kind])),
  });
};

const ALB = ['gcp-alb-global', 'gcp-alb-regional'] as const;
const NLB = ['gcp-nlb-passthrough', 'gcp-nlb-proxy'] as const;
/** [feature, spec using it, targets where it is not native]. */
const CASES: Array<[string, Spec, readonly TargetId[]]> = [
  ['lb.deletion-protection', l7({}, {}, { deletionProtection: true }), ALB],
  ['lb.deletion-protection', l4({}, {}, { deletionProtection: true }), NLB],
  ['lb.access-logs', l4({}, {}, { accessLogs: {} }), ['gcp-nlb-passthrough']],
  ['frontend.tls.mtls-verify', https({ clientCertificateTrust: { trustStore: 'ca' } }), ['gcp-alb-regional']],
  ['frontend.tls.mtls-passthrough', https({ clientCertificateTrust: { trustStore: 'ca', mode: 'passthrough' } }), ALB],
  ['frontend.allowed-source-cidrs', l7({ allowedSourceCidrs: ['10.0.0.0/8'] }), ALB],
  ['frontend.allowed-source-cidrs', l4({ allowedSourceCidrs: ['10.0.0.0/8'] }), ['gcp-nlb-proxy']],
  ['frontend.idle-timeout', l4({ idleTimeoutSeconds: 900 }), ['gcp-nlb-proxy']],
  ['frontend.protocol.tls', tls(), ['gcp-nlb-passthrough']],
  ['frontend.tls.minimum-1.3', tls({ tls: { certificate: 'site', minimumVersion: '1.3' } }), ['gcp-nlb-passthrough']],
  ['frontend.tls.sni-certificates', tls({ tls: { certificate: 'site', additionalCertificates: ['site'] } }), ['gcp-nlb-passthrough']],
  ['frontend.tls.mtls-verify', tls({ tls: { certificate: 'site', clientCertificateTrust: { trustStore: 'ca' } } }), NLB],
  ['frontend.tls.mtls-passthrough', tls({ tls: { certificate: 'site', clientCertificateTrust: { trustStore: 'ca', mode: 'passthrough' } } }), NLB],
  ['frontend.protocol.udp', l4({ protocol: 'udp' }, { protocol: 'udp', healthCheck: { protocol: 'tcp' } }), ['gcp-nlb-proxy']],
  ['pool.protocol.udp', l4({ protocol: 'udp' }, { protocol: 'udp', healthCheck: { protocol: 'tcp' } }), ['gcp-nlb-proxy']],
  ['pool.protocol.tls', tls({}, { protocol: 'tls' }), ['gcp-nlb-passthrough']],
  ['rule.match.query.exact', rule({ query: [{ name: 'v', exact: '1' }] }), ALB],
  ['rule.match.query.present', rule({ query: [{ name: 'v', present: true }] }), ALB],
  ['rule.match.source', rule({ sourceCidrs: ['10.0.0.0/8'] }), ALB],
  [
    'action.weighted-forward',
    l4({
      defaultAction: weighted({ db: 1, db2: 1 }),
    }),
    NLB,
  ],
  ['action.weighted-forward.stickiness', rule({}, weighted({ app: 1, other: 1 }, 60)), ALB],
  ['action.fixed-response', rule({}, { fixedResponse: { statusCode: 503 } }), ALB],
  ['pool.algorithm.round-robin', l4({}, { algorithm: 'round-robin' }), NLB],
  ['pool.algorithm.weighted-round-robin', l7({}, { algorithm: 'weighted-round-robin' }), ALB],
  ['pool.algorithm.weighted-round-robin', l4({}, { algorithm: 'weighted-round-robin' }), NLB],
  ['pool.algorithm.least-connections', l7({}, { algorithm: 'least-connections' }), ALB],
  ['pool.algorithm.least-connections', l4({}, { algorithm: 'least-connections' }), NLB],
  ['pool.algorithm.least-response-time', l7({}, { algorithm: 'least-response-time' }), ALB],
  ['pool.algorithm.least-response-time', l4({}, { algorithm: 'least-response-time' }), NLB],
  ['pool.algorithm.ip-hash', l4({}, { algorithm: 'ip-hash' }), ['gcp-nlb-proxy']],
  ['pool.algorithm.random', l4({}, { algorithm: 'random' }), ['gcp-nlb-proxy']],
  ['pool.algorithm.random', l7({}, { algorithm: 'random' }, { scheme: 'internal' }), ['gcp-alb-regional']],
  ['pool.health.success-codes', l7({}, { healthCheck: { successCodes: '200-299' } }), ALB],
  ['pool.health.success-codes', l4({}, { healthCheck: { protocol: 'http', successCodes: '200,204' } }), NLB],
  ['pool.passive-health', l7({}, { passiveHealthCheck: {} }), ALB],
  ['pool.passive-health', l4({}, { passiveHealthCheck: {} }), NLB],
  ['pool.persistence.app-cookie', l7({}, { sessionPersistence: { type: 'app-cookie', cookieName: 'S' } }), ALB],
  ['pool.slow-start', l7({}, { slowStartSeconds: 30 }), ALB],
  ['pool.slow-start', l4({}, { slowStartSeconds: 30 }), NLB],
  ['pool.fail-closed', l7({}, { whenAllUnhealthy: 'fail-closed' }), ALB],
  ['pool.fail-closed', l4({}, { whenAllUnhealthy: 'fail-closed' }), NLB],
  ['rate-limit.client-ip', l7({}, {}, { rateLimits: [{ name: 'r', limit: 10, windowSeconds: 60 }] }), ALB],
  ['rate-limit.header', l7({}, {}, { rateLimits: [{ name: 'r', limit: 10, windowSeconds: 60, key: { header: 'x-key' } }] }), ALB],
  [
    'rate-limit.rule-scope',
    { ...rule({ paths: [{ prefix: '/a' }] }), rateLimits: [{ name: 'r', limit: 10, windowSeconds: 60, scope: { rules: ['web/r'] } }] },
    ALB,
  ],
  // Listeners with host names: rendered, nearest (routed by Host alone, no 421; SNI picks among the port's certificates).
  ['frontend.hostnames', l7({ hostnames: ['a.example.com'] }), ALB],
  // HTTP/2 and gRPC (issue 20)
  ['frontend.http2.cleartext', l7({ http2: true }), ALB],
  ['frontend.http2.off', l7({ protocol: 'https', port: 443, tls: { certificate: 'site' } as never, http2: false }), ALB],
  ['pool.protocol.grpc', l7({ protocol: 'https', port: 443, tls: { certificate: 'site' } as never, http2: true }, { protocol: 'grpc' }), ['gcp-alb-regional']],
  [
    'pool.health.grpc-status-codes',
    l7({ protocol: 'https', port: 443, tls: { certificate: 'site' } as never, http2: true }, { protocol: 'grpcs', healthCheck: { grpcStatusCodes: '0,5' } }),
    ALB,
  ],
  ['action.fixed-response.grpc-status', rule({ paths: [{ prefix: '/a' }] }, { fixedResponse: { statusCode: 404, grpcStatus: 12 } }), ALB],
  // Operations (issue 19)
  // 5xx-count, 5xx-ratio, latency and (global) rate-limited are native on the ALBs (alert policies, test/gcp/alerts.test.ts);
  // the NLB cells stay unsupported.
  ['alarm.rate-limited', l7({}, {}, { alarms: [{ name: 'a', metric: 'rate-limited', threshold: 1 }] }), ['gcp-alb-regional']],
  ['alarm.rejected-connections', l7({}, {}, { alarms: [{ name: 'a', metric: 'rejected-connections', threshold: 1 }] }), ALB],
  ...(['unhealthy-members', 'healthy-members'] as const).flatMap((m): Array<[string, Spec, readonly TargetId[]]> => [
    [`alarm.${m}`, l7({}, {}, { alarms: [{ name: 'a', metric: m, pool: 'app', threshold: 1 }] }), ALB],
    [`alarm.${m}`, l4({}, {}, { alarms: [{ name: 'a', metric: m, pool: 'db', threshold: 1 }] }), NLB],
  ]),
  ['alarm.rejected-connections', l4({}, {}, { alarms: [{ name: 'a', metric: 'rejected-connections', threshold: 1 }] }), NLB],
  // Managed rules, IP lists and geo are native on both ALBs (Cloud Armor, test/gcp/armor-protection.test.ts); Adaptive Protection is global only.
  ['protection.ddos-advanced', l7({}, {}, { protection: { ddos: 'advanced' } }), ['gcp-alb-regional']],
  ['protection.ddos-advanced', l4({}, {}, { protection: { frontends: ['db'], ddos: 'advanced' } }), NLB],
];

describe('each non-native cell is a strict error naming the nearest option', () => {
  const rows = CASES.flatMap(([feature, spec, targets]) => targets.map((target) => [target, feature, spec] as const));

  test.each(rows)('%s: %s', (target, feature, spec) => {
    const cell = CAPABILITIES[target].support[feature];
    expect(cell.level).not.toBe('native');
    let error: CapabilityError | undefined;
    try {
      compileForGcp(props(target, spec));
    } catch (e) {
      error = e as CapabilityError;
    }
    expect(error).toBeInstanceOf(CapabilityError);
    const d = error!.diagnostics.find((x) => x.feature === feature)!;
    expect(d).toMatchObject({ target, level: cell.level, severity: 'error' });
    expect(d.message).toContain(cell.level === 'nearest' ? cell.mapping : cell.level === 'unsupported' ? cell.nearest : '');
    if (cell.level === 'nearest') {
      // Opting in turns it into a warning the component reports.
      const accepted = { ...spec, allowNearest: [`${target}:${feature}`] };
      const others = (() => {
        try {
          compileForGcp(props(target, accepted));
          return [];
        } catch (e) {
          return (e as CapabilityError).diagnostics.map((x) => x.feature);
        }
      })();
      expect(others).not.toContain(feature);
      if (!others.length) expect(compileForGcp(props(target, accepted)).warnings.some((w) => w.message.includes(feature))).toBe(true);
    }
  });

  test('the table above covers every non-native GCP cell a target can reach', () => {
    const shared = new Set([...Object.keys(l4HttpCells('x')), ...Object.keys(l7TransportCells('x'))]);
    const covered = new Set([...rows.map(([t, f]) => `${t} ${f}`), 'gcp-alb-global lb.scheme.internal']);
    const missing = (['gcp-alb-global', 'gcp-alb-regional', 'gcp-nlb-passthrough', 'gcp-nlb-proxy'] as const).flatMap((t) =>
      Object.entries(CAPABILITIES[t].support)
        .filter(([f, c]) => c.level !== 'native' && !shared.has(f) && !covered.has(`${t} ${f}`))
        .map(([f]) => `${t} ${f}`),
    );
    expect(missing).toEqual([]);
  });

  test('internal on the global target: `lbkit plan` reports it; the component builds internal load balancers regionally', () => {
    const model = buildModel(l7({}, {}, { scheme: 'internal' }));
    const report = checkCapabilities(model, 'gcp-alb-global');
    expect(report.errors.map((d) => [d.feature, d.level, d.path])).toEqual([['lb.scheme.internal', 'unsupported', 'scheme']]);
    expect(compileForGcp(placeAnything(model)).plan.targets).toEqual([{ target: 'gcp-alb-regional', frontends: ['web'] }]);
  });

  test('the component throws it synchronously and registers nothing', () => {
    rec.reset();
    expect(() => new LoadBalancer('strict', props('gcp-alb-global', rule({ sourceCidrs: ['10.0.0.0/8'] })))).toThrow(CapabilityError);
    expect(rec.resources).toEqual([]);
  });
});

describe('each value GCP does not accept is a range error', () => {
  const RANGES: Array<[string, TargetId, Spec, string]> = [
    ['idle timeout above 1200 s (global)', 'gcp-alb-global', l7({ idleTimeoutSeconds: 1300 }), 'frontends[0].idleTimeoutSeconds'],
    ['idle timeout above 600 s (regional)', 'gcp-alb-regional', l7({ idleTimeoutSeconds: 900 }), 'frontends[0].idleTimeoutSeconds'],
    [
      'cookie duration above one day',
      'gcp-alb-global',
      l7({}, { sessionPersistence: { type: 'lb-cookie', durationSeconds: 86401 } }),
      'pools[0].sessionPersistence.durationSeconds',
    ],
    [
      'redirect to http from https',
      'gcp-alb-global',
      { ...https({}), frontends: [{ ...https({}).frontends[0], rules: [{ name: 'r', action: { redirect: { scheme: 'http' } } }] }] },
      'frontends[0].rules[0].action.redirect.scheme',
    ],
    ['redirect to another port', 'gcp-alb-global', rule({}, { redirect: { port: 8443 } }), 'frontends[0].rules[0].action.redirect.port'],
    ['redirect setting a query', 'gcp-alb-global', rule({}, { redirect: { query: 'a=1' } }), 'frontends[0].rules[0].action.redirect.query'],
    [
      'https redirect to a port other than 443',
      'gcp-alb-global',
      l7({ redirectHttpToHttps: { port: 8443 }, defaultAction: undefined }),
      'frontends[0].redirectHttpToHttps.port',
    ],
    [
      'more than 15 certificates',
      'gcp-alb-global',
      https({ additionalCertificates: Array.from({ length: 15 }, () => 'site') }),
      'frontends[0].tls.additionalCertificates',
    ],
    ['a tag that is no GCP label', 'gcp-alb-global', l7({}, {}, { tags: { Team: 'x' } }), 'tags.Team'],
    [
      'a Cloud Armor interval',
      'gcp-alb-global',
      l7({}, {}, { allowNearest: ['rate-limit.client-ip'], rateLimits: [{ name: 'r', limit: 10, windowSeconds: 45 }] }),
      'rateLimits[0].windowSeconds',
    ],
    [
      'a Cloud Armor count',
      'gcp-alb-global',
      l7({}, {}, { allowNearest: ['rate-limit.client-ip'], rateLimits: [{ name: 'r', limit: 2_000_000, windowSeconds: 60 }] }),
      'rateLimits[0].limit',
    ],
    [
      'a Cloud Armor status',
      'gcp-alb-global',
      l7({}, {}, { allowNearest: ['rate-limit.client-ip'], rateLimits: [{ name: 'r', limit: 10, windowSeconds: 60, responseStatus: 503 }] }),
      'rateLimits[0].responseStatus',
    ],
    [
      'a pool shared by frontends with different protection',
      'gcp-alb-global',
      {
        ...l7(),
        allowNearest: ['rate-limit.client-ip'],
        frontends: [l7().frontends[0], { name: 'alt', protocol: 'http', port: 8080, defaultAction: { forward: { pool: 'app' } } }],
        rateLimits: [{ name: 'r', limit: 10, windowSeconds: 60, scope: { frontends: ['web'] } }],
      },
      'pools[0]',
    ],
    ['passthrough to another port', 'gcp-nlb-passthrough', l4({}, { port: 6432 }), 'pools[0].port'],
    [
      'internal passthrough idle below 600 s',
      'gcp-nlb-passthrough',
      l4({ idleTimeoutSeconds: 300 }, {}, { scheme: 'internal' }),
      'frontends[0].idleTimeoutSeconds',
    ],
    ['external passthrough idle below 60 s', 'gcp-nlb-passthrough', l4({ idleTimeoutSeconds: 30 }), 'frontends[0].idleTimeoutSeconds'],
    [
      'more than 64 source ranges',
      'gcp-nlb-passthrough',
      l4({ allowedSourceCidrs: Array.from({ length: 65 }, (_, i) => `10.0.${i}.0/24`) }),
      'frontends[0].allowedSourceCidrs',
    ],
    ['tls on an internal proxy', 'gcp-nlb-proxy', { ...tls(), scheme: 'internal' }, 'frontends[0].protocol'],
  ];

  test.each(RANGES)('%s', (_n, target, spec, path) => {
    try {
      compileForGcp(props(target, spec));
      throw new Error('compiled');
    } catch (e) {
      expect(e).toBeInstanceOf(CapabilityError);
      const ranges = (e as CapabilityError).diagnostics.filter((d) => d.level === 'range');
      expect(ranges.map((d) => d.path)).toContain(path);
      expect(ranges.find((d) => d.path === path)!.message).toMatch(new RegExp(`^${target}: .+ \\(${target} accepts .+\\)$`));
    }
  });
});
