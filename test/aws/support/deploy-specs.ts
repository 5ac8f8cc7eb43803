/**
 * Seeded specs for the deploy-validity check: every feature the aws-alb and aws-nlb columns accept (nearest ones
 * too, the specs say `strict: false`), within the ranges the columns check, with repeated values, rules
 * without match and L4 weighted forwards among them; rules with URL rewrites (ALB transforms) and frontends that
 * share the https and http ports by host names (one ALB listener per port). A generated spec that still breaks a
 * limit is reported by the plan and left out (the test counts those).
 */
import fc from 'fast-check';
import type { LoadBalancerSpec } from '../../../lib/spec/schema';
import { hostedArb, hostedFrontends, rewriteArb, rewriteOf } from './deploy-hosted';
import { weighted } from '../../support/specs';

const HOSTS = ['example.com', 'api.example.com', '*.example.com', 'a.b.example.com'];
const PATH_VALUES = ['/', '/api', '/api/v1', '/docs', '/a/b', '/a%20b'];

const pathArb = fc.oneof(
  fc.constantFrom(...PATH_VALUES).map((prefix) => ({ prefix })),
  fc.constantFrom(...PATH_VALUES).map((exact) => ({ exact })),
  fc.constantFrom('/v[0-9]+/.*', '/(a|b)/c').map((regex) => ({ regex })),
);
const headerArb = fc.oneof(
  fc.record({ name: fc.constantFrom('x-env', 'X-Canary'), exact: fc.constantFrom('beta', 'a*b', 'yes') }),
  fc.record({ name: fc.constantFrom('x-mode'), prefix: fc.constantFrom('fast', 'v1') }),
  fc.record({ name: fc.constantFrom('x-trace'), present: fc.constant(true as const) }),
  fc.record({ name: fc.constantFrom('x-id'), regex: fc.constantFrom('[0-9]+', 'a|b') }),
);
const queryArb = fc.oneof(
  fc.record({ name: fc.constantFrom('v', 'debug'), exact: fc.constantFrom('1', '2*') }),
  fc.record({ name: fc.constantFrom('trace'), present: fc.constant(true as const) }),
);
const MATCH_FIELDS = {
  hosts: fc.array(fc.constantFrom(...HOSTS), { minLength: 1, maxLength: 3 }),
  paths: fc.array(pathArb, { minLength: 1, maxLength: 3 }),
  headers: fc.uniqueArray(headerArb, { minLength: 1, maxLength: 1, selector: (h) => h.name.toLowerCase() }),
  query: fc.array(queryArb, { minLength: 1, maxLength: 1 }),
  methods: fc.array(fc.constantFrom('GET', 'POST', 'PUT', 'HEAD') as fc.Arbitrary<'GET' | 'POST' | 'PUT' | 'HEAD'>, { minLength: 1, maxLength: 3 }),
  sourceCidrs: fc.array(fc.constantFrom('10.0.0.0/8', '192.168.0.0/16', '2001:db8::/48'), { minLength: 1, maxLength: 2 }),
};
/** One to three match fields, so that most rules fit ELBv2's 5 evaluations per rule (lbkit splits the rest). */
const matchArb = fc
  .subarray(Object.keys(MATCH_FIELDS) as (keyof typeof MATCH_FIELDS)[], { minLength: 1, maxLength: 3 })
  .chain((fields) => fc.record(Object.fromEntries(fields.map((f) => [f, MATCH_FIELDS[f]])) as { [K in keyof typeof MATCH_FIELDS]?: (typeof MATCH_FIELDS)[K] }));

const l7Action = (pools: readonly string[]) =>
  fc.oneof(
    { weight: 3, arbitrary: fc.constantFrom(...pools).map((pool) => ({ forward: { pool } })) },
    {
      weight: 2,
      arbitrary: fc
        .record(
          {
            pools: fc
              .uniqueArray(fc.constantFrom(...pools), { minLength: 2, maxLength: pools.length })
              .chain((names) => fc.tuple(...names.map((pool) => fc.integer({ min: 0, max: 999 }).map((weight) => ({ pool, weight }))))),
            stickinessSeconds: fc.option(fc.integer({ min: 1, max: 604800 }), { nil: undefined }),
          },
          { requiredKeys: ['pools'] },
        )
        .map((weightedForward) => ({ weightedForward })),
    },
    {
      weight: 1,
      arbitrary: fc
        .record(
          {
            scheme: fc.constantFrom('https' as const),
            host: fc.constantFrom('www.example.com'),
            path: fc.constantFrom('/new', '/'),
            statusCode: fc.constantFrom(301 as const, 302 as const, 303 as const, 307 as const, 308 as const),
          },
          { requiredKeys: ['statusCode'] },
        )
        .map((redirect) => ({ redirect })),
    },
    {
      weight: 1,
      arbitrary: fc
        .record(
          {
            statusCode: fc.constantFrom(200, 404, 503),
            contentType: fc.constantFrom('text/plain' as const, 'application/json' as const),
            body: fc.constantFrom('busy', '{"a":1}'),
          },
          { requiredKeys: ['statusCode'] },
        )
        .map((fixedResponse) => ({ fixedResponse })),
    },
  );

const healthArb = (protocols: readonly ('tcp' | 'http' | 'https')[]) =>
  fc
    .integer({ min: 5, max: 300 })
    .chain((interval) =>
      fc.record({
        protocol: fc.constantFrom(...protocols),
        intervalSeconds: fc.constant(interval),
        timeoutSeconds: fc.integer({ min: 2, max: Math.min(120, interval - 1) }),
        healthyThreshold: fc.integer({ min: 2, max: 10 }),
        unhealthyThreshold: fc.integer({ min: 2, max: 10 }),
        port: fc.constantFrom(8080, 9000),
      }),
    )
    .chain((hc) =>
      hc.protocol === 'tcp'
        ? fc.constant(hc)
        : fc
            .record({ path: fc.constantFrom('/healthz', '/ready'), successCodes: fc.constantFrom('200', '200-299', '200,302') })
            .map((extra) => ({ ...hc, ...extra })),
    );

const l7PoolArb = (name: string) =>
  fc
    .record({
      protocol: fc.constantFrom('http' as const, 'https' as const),
      port: fc.integer({ min: 1, max: 65535 }),
      algorithm: fc.constantFrom(
        'round-robin' as const,
        'least-connections' as const,
        'random' as const,
        'weighted-round-robin' as const,
        'least-response-time' as const,
      ),
      healthCheck: healthArb(['http', 'https']),
      sessionPersistence: fc.option(
        fc.oneof(
          fc.record({ type: fc.constant('lb-cookie' as const), durationSeconds: fc.integer({ min: 1, max: 604800 }) }),
          fc.record({ type: fc.constant('app-cookie' as const), cookieName: fc.constantFrom('SESSION', 'sid') }),
        ),
        { nil: undefined },
      ),
      drainingSeconds: fc.integer({ min: 0, max: 3600 }),
      slowStartSeconds: fc.constantFrom(0, 30, 300, 900),
    })
    .map((p) => ({ name, ...p, slowStartSeconds: p.algorithm === 'random' ? 0 : p.slowStartSeconds }));

const l4PoolArb = (name: string, protocol: 'tcp' | 'tls' | 'udp') =>
  fc
    .record({
      port: fc.integer({ min: 1, max: 65535 }),
      healthCheck: healthArb(protocol === 'udp' ? ['http'] : ['tcp', 'http', 'https']),
      sessionPersistence: fc.option(fc.constant({ type: 'source-ip' as const }), { nil: undefined }),
      drainingSeconds: fc.integer({ min: 0, max: 3600 }),
    })
    .map((p) => ({ name, protocol, ...p }));

const cidrsArb = fc.option(fc.array(fc.constantFrom('10.0.0.0/8', '172.16.0.0/12', '2001:db8::/32', '10.0.0.0/8'), { minLength: 1, maxLength: 3 }), {
  nil: undefined,
});

/** One generated AWS spec; `seed` makes names unique across a batch. */
export const awsDeploySpec: fc.Arbitrary<LoadBalancerSpec> = fc
  .record({
    l7Pools: fc.tuple(l7PoolArb('web'), l7PoolArb('api'), l7PoolArb('alt')),
    l4: fc.record({ tcp: l4PoolArb('db', 'tcp'), tcp2: l4PoolArb('db3', 'tcp'), tls: l4PoolArb('db2', 'tls'), udp: l4PoolArb('dns', 'udp') }),
    withL4: fc.boolean(),
    withUdp: fc.boolean(),
    weightedL4: fc.boolean(),
    scheme: fc.constantFrom('external' as const, 'internal' as const),
    dualstack: fc.boolean(),
    deletionProtection: fc.boolean(),
    accessLogs: fc.boolean(),
    httpsPort: fc.constantFrom(443, 8443),
    minimumVersion: fc.constantFrom('1.2' as const, '1.3' as const),
    sni: fc.boolean(),
    mtls: fc.constantFrom(undefined, 'verify' as const, 'passthrough' as const),
    redirect: fc.boolean(),
    idle: fc.integer({ min: 60, max: 4000 }),
    l4Idle: fc.integer({ min: 60, max: 4000 }),
    allowed: cidrsArb,
    ruleOrder: fc.constantFrom('first-match' as const, 'most-specific' as const),
    rules: fc.array(
      fc.record(
        { match: fc.option(matchArb, { nil: undefined, freq: 6 }), action: l7Action(['web', 'api', 'alt']), rewrite: rewriteArb },
        { requiredKeys: ['action'] },
      ),
      { maxLength: 6 },
    ),
    rewrites: fc.boolean(),
    hosted: fc.option(hostedArb, { nil: undefined, freq: 2 }),
    httpRules: fc.array(fc.record({ match: fc.option(matchArb, { nil: undefined }), action: l7Action(['web', 'api']) }, { requiredKeys: ['action'] }), {
      maxLength: 2,
    }),
    protection: fc.option(
      fc.record(
        {
          managedRules: fc.record({
            level: fc.constantFrom('baseline' as const, 'strict' as const),
            mode: fc.constantFrom('block' as const, 'detect' as const),
          }),
          ipDeny: fc.uniqueArray(fc.constantFrom('203.0.113.0/24', '198.51.100.7/32', '2001:db8:bad::/48'), { minLength: 1, maxLength: 3 }),
          ipAllow: fc.uniqueArray(fc.constantFrom('10.0.0.0/8', '192.0.2.0/24', '2001:db8::/32'), { minLength: 1, maxLength: 3 }),
          geo: fc.oneof(
            fc.record({ deny: fc.uniqueArray(fc.constantFrom('KP', 'IR', 'RU'), { minLength: 1, maxLength: 2 }) }),
            fc.record({ allow: fc.uniqueArray(fc.constantFrom('DE', 'FR', 'US'), { minLength: 1, maxLength: 2 }) }),
          ),
          ddos: fc.constantFrom('platform' as const, 'advanced' as const),
        },
        { requiredKeys: [] },
      ),
      { nil: undefined, freq: 2 },
    ),
    alarms: fc.uniqueArray(
      fc.constantFrom(
        { name: 'errors', metric: '5xx-ratio' as const, threshold: 0.05 },
        { name: 'slow', metric: 'latency' as const, percentile: 95, threshold: 500, periodSeconds: 300 as const },
        { name: 'down', metric: 'healthy-members' as const, pool: 'web', threshold: 1, evaluationPeriods: 1 },
        { name: 'refused', metric: 'rate-limited' as const, threshold: 100 },
        { name: 'rejected', metric: 'rejected-connections' as const, threshold: 0 },
      ),
      { maxLength: 3, selector: (a) => a.name },
    ),
    rateLimits: fc.array(
      fc.record({
        limit: fc.integer({ min: 10, max: 100000 }),
        windowSeconds: fc.constantFrom(60, 120, 300, 600),
        key: fc.constantFrom('client-ip' as const, { header: 'X-Api-Key' }),
        responseStatus: fc.constantFrom(429, 503),
        scoped: fc.constantFrom('none', 'rules', 'frontends'),
      }),
      { maxLength: 2 },
    ),
  })
  .map((g): LoadBalancerSpec => {
    const rules = g.rules.map((r, i) => ({
      name: `r${i + 1}`,
      ...(r.match ? { match: r.match } : {}),
      action: r.action,
      ...(g.rewrites ? rewriteOf(r) : {}),
    }));
    const httpRules = g.httpRules.map((r, i) => ({ name: `h${i + 1}`, ...(r.match ? { match: r.match } : {}), action: r.action }));
    const dualstack = g.dualstack && !(g.withL4 && g.withUdp);
    const frontends: LoadBalancerSpec['frontends'] = [
      {
        name: 'https',
        protocol: 'https',
        port: g.httpsPort,
        idleTimeoutSeconds: g.idle,
        ruleOrder: g.ruleOrder,
        ...(g.allowed ? { allowedSourceCidrs: g.allowed } : {}),
        tls: {
          certificate: 'main',
          minimumVersion: g.minimumVersion,
          ...(g.sni ? { additionalCertificates: ['alt'] } : {}),
          ...(g.mtls ? { clientCertificateTrust: { trustStore: 'clients', mode: g.mtls } } : {}),
        },
        rules,
        defaultAction: { forward: { pool: 'web' } },
      },
      g.redirect
        ? { name: 'http', protocol: 'http', port: 80, idleTimeoutSeconds: g.idle, redirectHttpToHttps: { port: g.httpsPort, statusCode: 302 } }
        : { name: 'http', protocol: 'http', port: 80, idleTimeoutSeconds: g.idle, rules: httpRules, defaultAction: { fixedResponse: { statusCode: 404 } } },
    ];
    if (g.hosted) frontends.push(...hostedFrontends(g.hosted, frontends[0], frontends[1]));
    const pools: LoadBalancerSpec['pools'] = [...g.l7Pools];
    if (g.withL4) {
      frontends.push(
        {
          name: 'tcp',
          protocol: 'tcp',
          port: 5432,
          idleTimeoutSeconds: g.l4Idle,
          ...(g.allowed ? { allowedSourceCidrs: g.allowed } : {}),
          defaultAction: g.weightedL4 ? weighted({ db: 3, db3: 1 }) : { forward: { pool: 'db' } },
        },
        {
          name: 'tls',
          protocol: 'tls',
          port: 5433,
          // No idleTimeoutSeconds: an NLB TLS listener's is fixed at 350 s (writing one is a range error).
          tls: { certificate: 'edge', minimumVersion: g.minimumVersion, ...(g.sni ? { additionalCertificates: ['alt'] } : {}) },
          defaultAction: { forward: { pool: 'db2' } },
        },
      );
      pools.push(g.l4.tcp, g.l4.tls, ...(g.weightedL4 ? [g.l4.tcp2] : []));
      if (g.withUdp) {
        frontends.push({ name: 'dns', protocol: 'udp', port: 53, defaultAction: { forward: { pool: 'dns' } } });
        pools.push(g.l4.udp);
      }
    }
    const rateLimits = g.rateLimits.map((r, i) => ({
      name: `limit-${i + 1}`,
      limit: r.limit,
      windowSeconds: r.windowSeconds,
      key: r.key,
      responseStatus: r.responseStatus,
      ...(r.scoped === 'rules' && rules.length
        ? { scope: { rules: [`https/${rules[0].name}`] } }
        : r.scoped === 'frontends'
          ? { scope: { frontends: ['https'] } }
          : {}),
    }));
    return JSON.parse(
      JSON.stringify({
        name: 'gen',
        scheme: g.scheme,
        ipAddressType: dualstack ? 'dualstack' : 'ipv4',
        deletionProtection: g.deletionProtection,
        strict: false,
        ...(g.accessLogs ? { accessLogs: { prefix: 'logs' } } : {}),
        certificates: [{ name: 'main' }, { name: 'alt' }, { name: 'edge' }],
        trustStores: [{ name: 'clients' }],
        frontends,
        pools,
        rateLimits,
        ...(g.protection ? { protection: g.protection } : {}),
        alarms: g.alarms,
        tags: { generated: 'true' },
      }),
    ) as LoadBalancerSpec;
  });
