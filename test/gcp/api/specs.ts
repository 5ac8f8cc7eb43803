/**
 * Generated GCP deployments for the deploy-validity test: the conformance generator's routing (hosts, paths,
 * headers, methods, redirects, weighted splits; test/conformance/arbitraries.ts) with every pool, frontend and
 * load-balancer feature the GCP columns accept layered on (algorithms, persistence, passive health, draining,
 * probes, rate limits, source CIDRs, idle timeouts, mTLS, dual stack, internal, tags, L4 frontends, rule
 * filters: header modifiers, rewrites, prefix redirects, timeouts, retries; listeners with host names), placed
 * globally or regionally with instance groups, zonal NEGs or serverless NEGs. `strict: false`: nearest
 * mappings compile, and what GCP refuses is counted, not rendered.
 */
import fc from 'fast-check';
import type { FrontendSpec, LoadBalancerSpec, PoolSpec, RateLimitSpec, RuleSpec } from '../../../lib/spec/schema';
import { buildModel } from '../../../lib/model/build';
import type { LoadBalancerModel } from '../../../lib/model/types';
import type { GcpLoadBalancerProps, GcpPoolBinding } from '../../../providers/gcp/props';
import { NAMED_FRONTENDS, specArb } from '../../conformance/arbitraries';
import { placeAnything, PROJECT, REGION } from '../fixtures';

const ALGORITHMS = ['round-robin', 'weighted-round-robin', 'least-connections', 'least-response-time', 'ip-hash', 'random'] as const;
type BindingKind = 'instanceGroups' | 'networkEndpoints' | 'serverless';

const poolExtras = fc.record({
  algorithm: fc.constantFrom(...ALGORITHMS),
  persistence: fc.constantFrom('none', 'lb-cookie', 'app-cookie', 'source-ip'),
  passive: fc.boolean(),
  draining: fc.constantFrom(0, 30, 300),
  probe: fc.constantFrom('http' as const, 'https' as const, 'tcp' as const),
  protocol: fc.constantFrom('http' as const, 'https' as const),
  interval: fc.integer({ min: 2, max: 60 }),
  binding: fc.constantFrom<BindingKind>('instanceGroups', 'instanceGroups', 'networkEndpoints', 'serverless'),
});

const extras = fc.record({
  scheme: fc.constantFrom('external' as const, 'external' as const, 'internal' as const),
  global: fc.boolean(),
  dualstack: fc.boolean(),
  deletionProtection: fc.boolean(),
  accessLogs: fc.boolean(),
  tags: fc.boolean(),
  idle: fc.option(fc.integer({ min: 5, max: 600 }), { nil: undefined }),
  cidrs: fc.boolean(),
  mtls: fc.constantFrom('none', 'verify', 'passthrough'),
  tls13: fc.boolean(),
  filters: fc.boolean(),
  rateLimit: fc.option(
    fc.record({
      header: fc.boolean(),
      scoped: fc.boolean(),
      status: fc.constantFrom(403, 404, 429, 502),
      window: fc.constantFrom(10, 60, 300, 3600),
      limit: fc.integer({ min: 1, max: 10000 }),
    }),
    { nil: undefined },
  ),
  l4: fc.constantFrom('none', 'none', 'tcp-same-port', 'tcp-other-port', 'udp', 'tls'),
  // Listeners with host names: a second frontend on web's port, beside web as the catch-all or with web named too.
  hostnames: fc.constantFrom('none', 'none', 'catch-all', 'no-catch-all'),
  l4Algorithm: fc.constantFrom('ip-hash', 'random'),
  pools: fc.array(poolExtras, { minLength: 12, maxLength: 12 }),
});

export interface GeneratedDeployment {
  readonly spec: LoadBalancerSpec;
  readonly model: LoadBalancerModel;
  readonly props: GcpLoadBalancerProps;
}

function bindingFor(kind: BindingKind, pool: string, port: number): GcpPoolBinding {
  if (kind === 'serverless') return { serverless: { run: { region: REGION, cloudRun: { service: pool } } } };
  if (kind === 'networkEndpoints')
    return {
      networkEndpoints: {
        b: {
          zone: 'europe-west1-b',
          endpoints: [
            { ipAddress: '10.0.1.5', instance: `${pool}-1` },
            { ipAddress: '10.0.1.6', port: port + 1, instance: `${pool}-2` },
          ],
        },
      },
    };
  return {
    instanceGroups: {
      b: { group: `projects/${PROJECT}/zones/europe-west1-b/instanceGroups/${pool}-b`, namedPort: { name: `${pool}-b`, zone: 'europe-west1-b' } },
    },
  };
}

/** The conformance specs give every rule its own pools; three are enough here (and keep 300 deployments fast). */
function fewerPools(spec: LoadBalancerSpec): LoadBalancerSpec {
  const names: string[] = (spec.pools ?? []).map((p) => p.name);
  const keep: string[] = [...names.filter((n) => n === 'dflt'), ...names.filter((n) => n !== 'dflt').slice(0, 2)];
  const to = (pool: string) => (keep.includes(pool) ? pool : (keep[1 + (names.indexOf(pool) % Math.max(1, keep.length - 1))] ?? 'dflt'));
  const action = <A>(a: A): A => {
    const x = a as { forward?: { pool: string }; weightedForward?: { pools: Array<{ pool: string; weight: number }> } } | undefined;
    if (x?.forward) return { ...x, forward: { pool: to(x.forward.pool) } } as A;
    if (x?.weightedForward) {
      // Two targets of one pool would be a duplicate: merge them, adding their weights.
      const merged = new Map<string, number>();
      for (const p of x.weightedForward.pools) merged.set(to(p.pool), (merged.get(to(p.pool)) ?? 0) + p.weight);
      const pools = [...merged].map(([pool, weight]) => ({ pool, weight }));
      return { ...x, weightedForward: { ...x.weightedForward, pools } } as A;
    }
    return a;
  };
  return {
    ...spec,
    frontends: spec.frontends.map((f) => ({
      ...f,
      ...(f.defaultAction ? { defaultAction: action(f.defaultAction) } : {}),
      ...(f.rules ? { rules: f.rules.map((r) => ({ ...r, action: action(r.action) })) } : {}),
    })),
    pools: (spec.pools ?? []).filter((p) => keep.includes(p.name)),
  };
}

/**
 * Issue 16 filters on a forwarding rule, varied by its position: header modifiers, Host and path prefix
 * rewrites (prefix conditions only), timeouts and retries with a status class; prefix redirects likewise.
 */
function withFilters(r: RuleSpec, j: number): RuleSpec {
  const prefixesOnly = !!r.match?.paths?.length && r.match.paths.every((p) => p.prefix !== undefined);
  if (r.action.redirect)
    return prefixesOnly && !r.action.redirect.path ? { ...r, action: { redirect: { ...r.action.redirect, pathPrefix: j % 2 ? '/moved' : '/m2' } } } : r;
  if (!r.action.forward && !r.action.weightedForward) return r;
  return {
    ...r,
    requestHeaders: { set: [{ name: 'x-env', value: 'prod' }], add: [{ name: 'x-tag', value: `r${j}` }], remove: ['x-secret'] },
    responseHeaders: { set: [{ name: 'cache-control', value: 'no-store' }] },
    rewrite: { host: 'internal.example.com', ...(prefixesOnly ? { path: { prefix: j % 2 ? '/v2' : '/' } } : {}) },
    timeouts: { requestSeconds: 30, ...(j % 2 ? { backendSeconds: 10 } : {}) },
    ...(j % 3 ? { retry: { attempts: 1 + (j % 3), statuses: j % 2 ? [502, 503] : [500] } } : {}),
  };
}

/** The differential's frontends with host names (and their pools) left out: the deployments add their own (site2). */
function withoutNamedFrontends(spec: LoadBalancerSpec): LoadBalancerSpec {
  const named = new Set(NAMED_FRONTENDS.map((f) => f.name));
  return { ...spec, frontends: spec.frontends.filter((f) => !named.has(f.name)), pools: spec.pools?.filter((p) => !named.has(p.name)) };
}

const baseSpecs = specArb('gcp-alb-global').map(withoutNamedFrontends).map(fewerPools);

export const deploymentArb: fc.Arbitrary<GeneratedDeployment> = fc.tuple(baseSpecs, extras).map(([base, x]) => {
  const internal = x.scheme === 'internal';
  const global = x.global && !internal;
  const regionalExternal = !global && !internal;
  const frontends: FrontendSpec[] = base.frontends.map((f, i) => ({
    ...f,
    ...(x.filters && f.rules ? { rules: f.rules.map((r, j) => withFilters(r, j)) } : {}),
    ...(i === 0 && x.idle !== undefined ? { idleTimeoutSeconds: x.idle } : {}),
    // The frontends share pool dflt: every frontend reaching a pool must ask for the same protection.
    ...(x.cidrs ? { allowedSourceCidrs: ['203.0.113.0/24', '198.51.100.0/24'] } : {}),
    ...(f.tls
      ? {
          tls: {
            ...f.tls,
            ...(x.tls13 ? { minimumVersion: '1.3' as const } : {}),
            ...(x.mtls !== 'none' && global ? { clientCertificateTrust: { trustStore: 'ca', mode: x.mtls as 'verify' | 'passthrough' } } : {}),
          },
        }
      : {}),
  }));
  const pools: PoolSpec[] = (base.pools ?? []).map((p, i) => {
    const e = x.pools[i % x.pools.length];
    // What the regional external backend service cannot take (capabilities.ts ranges), and what regional serverless cannot (placement).
    const algorithm = regionalExternal && ['least-connections', 'least-response-time', 'random'].includes(e.algorithm) ? 'round-robin' : e.algorithm;
    const persistence = e.persistence === 'app-cookie' && !internal ? 'lb-cookie' : e.persistence;
    const passive = e.passive && (global || e.binding !== 'serverless');
    return {
      ...p,
      protocol: e.protocol,
      algorithm,
      ...(persistence === 'none'
        ? {}
        : {
            sessionPersistence:
              persistence === 'app-cookie' ? { type: 'app-cookie' as const, cookieName: 'SESSION' } : { type: persistence as 'lb-cookie' | 'source-ip' },
          }),
      ...(passive ? { passiveHealthCheck: { consecutiveFailures: 3 } } : {}),
      drainingSeconds: e.draining,
      healthCheck: {
        protocol: e.probe,
        intervalSeconds: e.interval,
        timeoutSeconds: Math.min(e.interval - 1, 5),
        ...(e.probe !== 'tcp' ? { path: '/healthz' } : {}),
      },
    };
  });
  if (x.hostnames !== 'none' && base.pools?.length) {
    // The port's connection settings must agree: site2 copies web's (tls, source CIDRs, idle timeout).
    const { rules: _rules, ruleOrder: _order, ...web } = frontends[0];
    frontends.push({ ...web, name: 'site2', hostnames: ['shop.example.com', '*.api.example.com'], defaultAction: { forward: { pool: base.pools[0].name } } });
    if (x.hostnames === 'no-catch-all') frontends[0] = { ...frontends[0], hostnames: ['www.example.com', '*.example.com'] };
  }
  if (x.l4 !== 'none') {
    // The target SSL proxy is global external only: an internal tls frontend becomes tcp.
    const protocol = x.l4 === 'udp' ? ('udp' as const) : x.l4 === 'tls' && !internal ? ('tls' as const) : ('tcp' as const);
    const port = x.l4 === 'udp' ? 53 : 5432;
    frontends.push({
      name: 'l4',
      protocol,
      port,
      ...(protocol === 'tls' ? { tls: { certificate: 'site' } } : {}),
      defaultAction: { forward: { pool: 'l4pool' } },
    });
    pools.push({
      name: 'l4pool',
      protocol: protocol === 'udp' ? 'udp' : 'tcp',
      port: x.l4 === 'tcp-other-port' ? 6432 : port,
      algorithm: x.l4Algorithm as PoolSpec['algorithm'],
      healthCheck: { protocol: 'tcp' },
    });
  }
  const rateLimits: RateLimitSpec[] = x.rateLimit
    ? [
        {
          name: 'limit',
          limit: x.rateLimit.limit,
          windowSeconds: x.rateLimit.window,
          responseStatus: x.rateLimit.status,
          ...(x.rateLimit.header ? { key: { header: 'x-api-key' } } : {}),
          ...(x.rateLimit.scoped && (frontends[0].rules ?? []).length ? { scope: { rules: [`web/${frontends[0].rules![0].name}`] } } : {}),
        },
      ]
    : [];
  const spec: LoadBalancerSpec = {
    ...base,
    scheme: x.scheme,
    ipAddressType: x.dualstack && !internal ? 'dualstack' : 'ipv4',
    deletionProtection: x.deletionProtection,
    ...(x.accessLogs ? { accessLogs: {} } : {}),
    ...(x.tags ? { tags: { team: 'storefront', env: 'prod' } } : {}),
    trustStores: [{ name: 'ca' }],
    frontends,
    pools,
    rateLimits,
    strict: false,
  };
  const model = buildModel(spec);
  const l7Pools = new Set(
    model.frontends
      .filter((f) => f.layer === 'l7')
      .flatMap((f) => [f.defaultAction, ...f.rules.map((r) => r.action)])
      .flatMap((a) => (a?.type === 'forward' ? [a.pool] : a?.type === 'weighted-forward' ? a.targets.map((t) => t.pool) : [])),
  );
  const bindings = Object.fromEntries(
    model.pools.map((p, i) => {
      const kind = x.pools[i % x.pools.length].binding;
      // Serverless NEGs serve Application Load Balancers only (placement); L4 pools take instance groups or NEGs.
      return [p.name, bindingFor(l7Pools.has(p.name) ? kind : kind === 'serverless' ? 'instanceGroups' : kind, p.name, p.port)];
    }),
  );
  const props = placeAnything(model, { global, bindings });
  return { spec, model, props };
});
