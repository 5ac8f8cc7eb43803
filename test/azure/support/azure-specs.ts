/**
 * Seeded specs over every feature the Azure columns accept (native or nearest, with strict: false): L7
 * frontends for Application Gateway (hosts, exact and prefix paths, listener and URL redirects, https with
 * TLS 1.3, mutual TLS and SNI certificates, http-to-https redirects, rate limits by frontend and by rule with
 * their windows and statuses, client CIDRs, persistence, draining, probes, header changes and rewrites, http
 * frontends with host names beside the catch-all) and L4 frontends for Load Balancer
 * (tcp and udp, idle timeouts in whole minutes, probes, ip-hash and source-ip, fail-open and fail-closed),
 * internal or external, IPv4 or dual-stack, with deletion protection and access logs; protection (IP lists,
 * countries, managed rules, DDoS) and alarms (operations below).
 */
import fc from 'fast-check';
import type { ActionSpec, FrontendSpec, LoadBalancerSpec, PoolSpec, RateLimitSpec, RuleSpec } from '../../../lib/spec/schema';

const HOSTS = ['example.com', 'api.example.com', 'www.example.com', '*.example.com', '*.b.example.com', 'shop.example.org'];
const PATHS = ['/', '/api', '/api/v1', '/static', '/a/b', '/X'];
const pick = <T>(values: readonly T[]) => fc.constantFrom(...values);
const maybe = <T>(arb: fc.Arbitrary<T>) => fc.option(arb, { nil: undefined });
const clean = <T>(o: T): T => JSON.parse(JSON.stringify(o)) as T;

const httpPoolArb = (name: string): fc.Arbitrary<PoolSpec> =>
  fc
    .record({
      protocol: pick(['http', 'https'] as const),
      port: pick([80, 443, 8080, 8443]),
      probe: pick(['http', 'https'] as const),
      path: pick(['/', '/healthz']),
      successCodes: maybe(pick(['200', '200-299', '200-399,404'])),
      interval: fc.integer({ min: 5, max: 300 }),
      unhealthy: fc.integer({ min: 1, max: 10 }),
      healthy: fc.integer({ min: 1, max: 10 }),
      persistence: fc.boolean(),
      draining: fc.integer({ min: 1, max: 3600 }),
      whenAllUnhealthy: pick(['fail-open', 'fail-closed'] as const),
      algorithm: pick(['round-robin', 'weighted-round-robin', 'random'] as const),
    })
    .map((p) => ({
      name,
      protocol: p.protocol,
      port: p.port,
      algorithm: p.algorithm,
      healthCheck: {
        protocol: p.probe,
        path: p.path,
        ...(p.successCodes ? { successCodes: p.successCodes } : {}),
        intervalSeconds: p.interval,
        timeoutSeconds: Math.min(p.interval - 1, 30),
        healthyThreshold: p.healthy,
        unhealthyThreshold: p.unhealthy,
      },
      ...(p.persistence ? { sessionPersistence: { type: 'lb-cookie' as const } } : {}),
      drainingSeconds: p.draining,
      whenAllUnhealthy: p.whenAllUnhealthy,
    }));

const actionArb = (pools: readonly string[], scheme: 'http' | 'https'): fc.Arbitrary<ActionSpec> =>
  fc.oneof(
    { weight: 4, arbitrary: pick(pools).map((pool) => ({ forward: { pool } })) },
    {
      weight: 1,
      arbitrary: fc
        .record({ path: maybe(pick(['/moved', '/r'])), statusCode: pick([301, 302, 303, 307, 308] as const) })
        .map(({ path, statusCode }) => ({ redirect: clean({ host: 'moved.example.net', path, statusCode }) })),
    },
    // To the other listener of this gateway (the spec always has http 80 and https 443 frontends).
    {
      weight: 1,
      arbitrary: fc.record({ strip: fc.boolean(), root: fc.boolean(), statusCode: pick([301, 302, 307] as const) }).map(({ strip, root, statusCode }) => ({
        redirect: clean({
          scheme: scheme === 'http' ? ('https' as const) : ('http' as const),
          path: root ? '/' : undefined,
          query: strip ? '' : undefined,
          statusCode,
        }),
      })),
    },
  );

const ruleArb = (pools: readonly string[], scheme: 'http' | 'https', i: number): fc.Arbitrary<RuleSpec> =>
  fc
    .record({
      hosts: maybe(fc.uniqueArray(pick(HOSTS), { minLength: 1, maxLength: 2 })),
      paths: maybe(
        fc.uniqueArray(
          fc.tuple(pick(['exact', 'prefix'] as const), pick(PATHS)).map(([k, v]) => ({ [k]: v })),
          { minLength: 1, maxLength: 2, selector: (p) => JSON.stringify(p) },
        ),
      ),
      action: actionArb(pools, scheme),
      filters: maybe(
        fc.record({
          set: fc.boolean(),
          add: fc.boolean(),
          remove: fc.boolean(),
          response: fc.boolean(),
          host: fc.boolean(),
          path: pick(['none', 'full', 'prefix'] as const),
        }),
      ),
    })
    .map(({ hosts, paths, action, filters }) =>
      clean({ name: `r${i}`, match: hosts || paths ? { hosts, paths } : undefined, action, ...(action.forward && filters ? filtersOf(filters, paths) : {}) }),
    );

/** Header changes and rewrites of a forwarding rule; a prefix rewrite only on a rule with prefix conditions alone. */
function filtersOf(
  f: { set: boolean; add: boolean; remove: boolean; response: boolean; host: boolean; path: 'none' | 'full' | 'prefix' },
  paths: ReadonlyArray<Record<string, string>> | undefined,
): Partial<RuleSpec> {
  const prefixOnly = !!paths?.length && paths.every((p) => 'prefix' in p);
  const headers = clean({
    set: f.set ? [{ name: 'X-Env', value: 'prod' }] : undefined,
    add: f.add ? [{ name: 'X-Tag', value: 'lb' }] : undefined,
    remove: f.remove ? ['X-Secret'] : undefined,
  });
  const path = f.path === 'full' ? { full: '/v2/home' } : f.path === 'prefix' && prefixOnly ? { prefix: '/v2' } : undefined;
  return clean({
    requestHeaders: Object.keys(headers).length ? headers : undefined,
    responseHeaders: f.response
      ? { set: [{ name: 'Cache-Control', value: 'no-store' }], add: [{ name: 'X-Via', value: 'lb' }], remove: ['Server'] }
      : undefined,
    rewrite: f.host || path ? clean({ host: f.host ? 'origin.example.com' : undefined, path }) : undefined,
  });
}

const l7Arb = fc
  .record({
    poolCount: fc.integer({ min: 1, max: 4 }),
    tls13: fc.boolean(),
    mtls: fc.boolean(),
    sni: fc.boolean(),
    httpRedirects: fc.boolean(),
    named: fc.boolean(),
    ruleOrder: pick(['first-match', 'most-specific'] as const),
    idle: fc.integer({ min: 1, max: 4000 }),
    cidrs: maybe(fc.uniqueArray(pick(['10.0.0.0/8', '192.168.1.0/24', '203.0.113.7/32', '2001:db8::/32']), { minLength: 1, maxLength: 3 })),
    limits: fc.array(fc.record({ limit: fc.integer({ min: 1, max: 100000 }), window: pick([60, 300]), scope: pick(['all', 'https', 'rule'] as const) }), {
      maxLength: 3,
    }),
    status: pick([403, 405, 406, 429]),
  })
  .chain((s) => {
    const pools = Array.from({ length: s.poolCount }, (_, i) => `p${i}`);
    return fc.record({
      s: fc.constant(s),
      pools: fc.tuple(...pools.map(httpPoolArb)),
      httpsRules: fc.array(fc.nat(), { maxLength: 6 }).chain((xs) => fc.tuple(...xs.map((_, i) => ruleArb(pools, 'https', i)))),
      httpRules: fc.array(fc.nat(), { maxLength: 3 }).chain((xs) => fc.tuple(...xs.map((_, i) => ruleArb(pools, 'http', i)))),
      defaults: fc.tuple(pick(pools), pick(pools)),
    });
  })
  .map(({ s, pools, httpsRules, httpRules, defaults }): Partial<LoadBalancerSpec> => {
    const https: FrontendSpec = {
      name: 'https',
      protocol: 'https',
      port: 443,
      ruleOrder: s.ruleOrder,
      idleTimeoutSeconds: s.idle,
      tls: clean({
        certificate: 'site',
        minimumVersion: s.tls13 ? ('1.3' as const) : undefined,
        additionalCertificates: s.sni ? ['other'] : undefined,
        clientCertificateTrust: s.mtls ? { trustStore: 'clients' } : undefined,
      }),
      // With the http frontend redirecting, no http listener takes a redirect that keeps the client's host.
      rules: s.httpRedirects
        ? httpsRules.map((r) =>
            r.action.redirect && !r.action.redirect.host
              ? { ...r, action: { redirect: { host: 'moved.example.net', statusCode: r.action.redirect.statusCode } } }
              : r,
          )
        : httpsRules,
      defaultAction: { forward: { pool: defaults[0] } },
      ...(s.cidrs ? { allowedSourceCidrs: s.cidrs } : {}),
    };
    const http: FrontendSpec = s.httpRedirects
      ? { name: 'http', protocol: 'http', port: 80, redirectHttpToHttps: true }
      : { name: 'http', protocol: 'http', port: 80, rules: httpRules, defaultAction: { forward: { pool: defaults[1] } } };
    const scoped = httpsRules.find((r) => r.match);
    const rateLimits: RateLimitSpec[] = s.limits.map((l, i) =>
      clean({
        name: `limit-${i}`,
        limit: l.limit,
        windowSeconds: l.window,
        responseStatus: s.status,
        scope:
          l.scope === 'https' || (l.scope === 'rule' && !scoped)
            ? { frontends: ['https'] }
            : l.scope === 'rule'
              ? { rules: [`https/${scoped!.name}`] }
              : undefined,
      }),
    );
    return {
      certificates: [
        { name: 'site', domains: ['example.com', '*.example.com'] },
        { name: 'other', domains: ['shop.example.org', '*.example.net'] },
      ],
      ...(s.mtls ? { trustStores: [{ name: 'clients' }] } : {}),
      // Frontends with host names share port 80 with the catch-all http frontend (multi-site listeners).
      frontends: [
        https,
        http,
        ...(s.named
          ? [
              {
                name: 'named',
                protocol: 'http' as const,
                port: 80,
                hostnames: ['api.example.org', '*.shop.example.org'],
                defaultAction: { forward: { pool: defaults[1] } },
              },
            ]
          : []),
      ],
      pools,
      ...(rateLimits.length ? { rateLimits } : {}),
    };
  });

const l4Arb = fc
  .record({
    tcp: fc.uniqueArray(fc.integer({ min: 1, max: 65534 }), { minLength: 0, maxLength: 3 }),
    udp: fc.boolean(),
    idle: fc.array(fc.integer({ min: 4, max: 66 }), { minLength: 3, maxLength: 3 }),
    probe: pick(['tcp', 'http', 'https'] as const),
    interval: fc.integer({ min: 5, max: 300 }),
    thresholds: fc.tuple(fc.integer({ min: 1, max: 10 }), fc.integer({ min: 1, max: 10 })),
    affinity: pick(['none', 'ip-hash', 'source-ip'] as const),
    whenAllUnhealthy: pick(['fail-open', 'fail-closed'] as const),
    draining: pick([0, 30]),
  })
  .map((s): Partial<LoadBalancerSpec> => {
    const frontends: FrontendSpec[] = s.tcp.map((port, i) => ({
      name: `t${i}`,
      protocol: 'tcp',
      port,
      idleTimeoutSeconds: s.idle[i] * 60,
      defaultAction: { forward: { pool: `tcp${i}` } },
    }));
    const pools: PoolSpec[] = s.tcp.map((_, i) => ({
      name: `tcp${i}`,
      protocol: 'tcp',
      port: 5000 + i,
      healthCheck: {
        protocol: s.probe,
        ...(s.probe === 'tcp' ? {} : { path: '/health', port: 8080 }),
        intervalSeconds: s.interval,
        timeoutSeconds: Math.min(s.interval - 1, 10),
        healthyThreshold: s.thresholds[0],
        unhealthyThreshold: s.thresholds[1],
      },
      ...(s.affinity === 'ip-hash'
        ? { algorithm: 'ip-hash' as const }
        : s.affinity === 'source-ip'
          ? { sessionPersistence: { type: 'source-ip' as const } }
          : {}),
      whenAllUnhealthy: s.whenAllUnhealthy,
      drainingSeconds: s.draining,
    }));
    if (s.udp) {
      frontends.push({ name: 'dns', protocol: 'udp', port: 53, defaultAction: { forward: { pool: 'dns' } } });
      pools.push({ name: 'dns', protocol: 'udp', port: 53, healthCheck: { protocol: 'tcp', port: 53, intervalSeconds: s.interval, timeoutSeconds: 4 } });
    }
    return { frontends, pools };
  });

interface OpsDraw {
  readonly ipDeny: boolean;
  readonly ipAllow: boolean;
  readonly geo?: 'allow' | 'deny';
  readonly managed?: 'baseline' | 'strict';
  readonly ddos: boolean;
  readonly alarms: boolean;
  readonly notify: boolean;
}

const opsArb: fc.Arbitrary<OpsDraw> = fc.record({
  ipDeny: fc.boolean(),
  ipAllow: fc.boolean(),
  geo: pick([undefined, 'allow', 'deny'] as const),
  managed: pick([undefined, 'baseline', 'strict'] as const),
  ddos: fc.boolean(),
  alarms: fc.boolean(),
  notify: fc.boolean(),
});

/**
 * Protection and alarms as Azure takes them: request protection on the L7 frontends when their rate limits
 * answer 403 (one block status per WAF policy), DDoS on the L4 frontends of an external load balancer, member
 * alarms at the thresholds DipAvailability expresses (0 unhealthy, 1 healthy), notifying 'ops' (placement).
 */
function operations(
  o: OpsDraw,
  kind: 'l7' | 'l4' | 'both',
  internal: boolean,
  l7: Partial<LoadBalancerSpec>,
  l4: Partial<LoadBalancerSpec>,
): Partial<LoadBalancerSpec> {
  const requests = kind !== 'l4' && (l7.rateLimits ?? []).every((r) => r.responseStatus === 403);
  const protection = clean({
    ...(kind === 'l4' ? { frontends: (l4.frontends ?? []).map((f) => f.name) } : {}),
    ...(requests && o.ipDeny ? { ipDeny: ['203.0.113.0/24', '2001:db8:bad::/48'] } : {}),
    ...(requests && o.ipAllow ? { ipAllow: ['0.0.0.0/1', '128.0.0.0/1', '::/0'] } : {}),
    ...(requests && o.geo ? { geo: { [o.geo]: o.geo === 'allow' ? ['DE', 'FR', 'ZZ'] : ['KP'] } } : {}),
    ...(requests && o.managed ? { managedRules: { level: o.managed } } : {}),
    ...(o.ddos && !(kind === 'l4' && internal) ? { ddos: 'advanced' } : {}),
  });
  const pool = (kind === 'l4' ? l4 : l7).pools?.[0]?.name;
  const notify = o.notify ? { notify: 'ops' } : {};
  const alarms =
    o.alarms && pool
      ? [
          { name: 'down', metric: 'unhealthy-members', pool, threshold: 0, evaluationPeriods: 2, ...notify },
          { name: 'none', metric: 'healthy-members', pool, threshold: 1, periodSeconds: 300 },
          ...(kind !== 'l4'
            ? [
                { name: 'errors', metric: '5xx-count', threshold: 10 },
                { name: 'refused', metric: 'rate-limited', threshold: 100, ...notify },
              ]
            : []),
        ]
      : [];
  return clean({
    ...(Object.keys(protection).filter((k) => k !== 'frontends').length ? { protection } : {}),
    ...(alarms.length ? { alarms } : {}),
  }) as Partial<LoadBalancerSpec>;
}

/** A spec for Azure: L7, L4 or both, with the load-balancer-wide options. */
export const azureSpecArb: fc.Arbitrary<LoadBalancerSpec> = fc
  .record({
    kind: pick(['l7', 'l7', 'l4', 'both'] as const),
    l7: l7Arb,
    l4: l4Arb,
    internal: fc.boolean(),
    dualstack: fc.boolean(),
    deletionProtection: fc.boolean(),
    accessLogs: fc.boolean(),
    ops: opsArb,
  })
  .map(({ kind: asked, l7, l4, internal, dualstack, deletionProtection, accessLogs, ops }) => {
    // An L4 draw without frontends becomes an L7 spec.
    const kind = asked === 'l4' && !l4.frontends?.length ? 'l7' : asked;
    const parts = kind === 'l7' ? [l7] : kind === 'l4' ? [l4] : [l7, l4];
    const frontends: FrontendSpec[] = parts.flatMap((p) => p.frontends ?? []);
    return clean<LoadBalancerSpec>({
      ...l7,
      name: 'gen',
      scheme: internal ? 'internal' : 'external',
      ipAddressType: dualstack ? 'dualstack' : 'ipv4',
      deletionProtection,
      // Azure Load Balancer has no request logs (lb.access-logs is unsupported there).
      ...(accessLogs && kind === 'l7' ? { accessLogs: { prefix: 'gen' } } : {}),
      certificates: kind === 'l4' ? undefined : l7.certificates,
      trustStores: kind === 'l4' ? undefined : l7.trustStores,
      rateLimits: kind === 'l4' ? undefined : l7.rateLimits,
      frontends,
      pools: parts.flatMap((p) => p.pools ?? []),
      ...operations(ops, kind, internal, l7, l4),
      strict: false,
    });
  });
