/**
 * Valid as an API server would judge it: every object emitted for generated specs passes its CRD's schema (after
 * defaulting) and CEL rules, list semantics and name rules (0 findings), and planted faults are each caught.
 * Needs the upstream CRDs (fixtures.ts CRD_DIR); skips with a message where they are absent.
 */
import fc from 'fast-check';
import { buildModel } from '../../lib/model/build';
import type { LoadBalancerModel } from '../../lib/model/types';
import type { LoadBalancerSpec } from '../../lib/spec/schema';
import { KUBERNETES_BACKEND } from '../../providers/kubernetes/backend';
import type { K8sObject } from '../../providers/kubernetes/objects';
import type { KubernetesOptions } from '../../providers/kubernetes/options';
import type { K8sTargetId } from '../../providers/kubernetes/targets';
import { checkObjects } from '../../providers/kubernetes/validate/check';
import { loadCrds, type CrdIndex } from '../../providers/kubernetes/validate/crds';
import { specArb } from '../conformance/arbitraries';
import { coherentSpec } from '../support/arbitraries';
import { ENVOY_WEB_NEAREST, exampleModel, withCrds } from './fixtures';

/** The floor the issue sets: generated specs checked per target. */
const MIN_SPECS = 300;

/** L4 specs: tcp, udp (and for Gateways tls) frontends, source ranges, idle timeouts, client-address persistence, dual stack. */
const l4Spec = (gateway: boolean): fc.Arbitrary<LoadBalancerSpec> =>
  fc
    .record({
      frontends: fc.uniqueArray(
        fc.record({
          name: fc.constantFrom('db', 'dns', 'mq', 'tls'),
          protocol: gateway ? fc.constantFrom('tcp' as const, 'udp' as const, 'tls' as const) : fc.constantFrom('tcp' as const, 'udp' as const),
          port: fc.integer({ min: 1, max: 65535 }),
          cidrs: fc.option(fc.constantFrom(['10.0.0.0/8'], ['192.168.0.0/16', '2001:db8::/32']), { nil: undefined }),
          idle: gateway ? fc.option(fc.integer({ min: 1, max: 4000 }), { nil: undefined }) : fc.constant(undefined),
        }),
        { minLength: 1, maxLength: 3, selector: (f) => f.name },
      ),
      affinity: fc.boolean(),
      dualstack: fc.boolean(),
    })
    .map(({ frontends, affinity, dualstack }): LoadBalancerSpec => ({
      name: 'l4',
      ipAddressType: dualstack ? 'dualstack' : 'ipv4',
      certificates: [{ name: 'site', domains: ['db.example.com'] }],
      frontends: frontends.map((f) => ({
        name: f.name,
        protocol: f.protocol,
        port: f.port,
        ...(f.protocol === 'tls' ? { tls: { certificate: 'site' } } : {}),
        ...(f.cidrs ? { allowedSourceCidrs: [...f.cidrs] } : {}),
        ...(f.idle ? { idleTimeoutSeconds: f.idle } : {}),
        defaultAction: { forward: { pool: `${f.name}-pool` } },
      })),
      pools: frontends.map((f) => ({
        name: `${f.name}-pool`,
        protocol: f.protocol === 'udp' ? ('udp' as const) : ('tcp' as const),
        port: 5000 + (f.port % 1000),
        ...(f.protocol === 'udp' ? { healthCheck: { protocol: 'tcp' as const } } : {}),
        ...(affinity ? { sessionPersistence: { type: 'source-ip' as const } } : {}),
      })),
    }));

type PoolSpec = NonNullable<LoadBalancerSpec['pools']>[number];

/** Pool settings the Gateway plans write as policies: cookies with and without a lifetime (a session cookie), budgets. */
const poolPolicyArb = fc.record(
  {
    sessionPersistence: fc.constantFrom<PoolSpec['sessionPersistence']>(
      { type: 'lb-cookie', durationSeconds: 600 },
      { type: 'lb-cookie', sessionCookie: true },
      { type: 'source-ip' },
    ),
    retryBudget: fc.record(
      {
        percent: fc.integer({ min: 0, max: 100 }),
        intervalSeconds: fc.integer({ min: 1, max: 3600 }),
        minRetryRate: fc.record({ count: fc.integer({ min: 1, max: 1_000_000 }), intervalSeconds: fc.integer({ min: 1, max: 3600 }) }),
      },
      { requiredKeys: [] },
    ),
  },
  { requiredKeys: [] },
);

/**
 * One spec in five gets pool policies on its HTTP pools (the same settings on every pool of the spec): most
 * targets refuse some of them, and each target still needs MIN_SPECS accepted specs.
 */
const withPoolPolicies = (specs: fc.Arbitrary<LoadBalancerSpec>): fc.Arbitrary<LoadBalancerSpec> =>
  fc.tuple(specs, fc.oneof({ weight: 4, arbitrary: fc.constant(undefined) }, { weight: 1, arbitrary: poolPolicyArb })).map(([spec, policy]) => ({
    ...spec,
    pools: spec.pools?.map((p) => (policy && p.protocol !== 'tcp' && p.protocol !== 'tls' && p.protocol !== 'udp' ? { ...p, ...policy } : p)),
  }));

const L7_SPECS = withPoolPolicies(fc.oneof(coherentSpec, specArb('aws-alb'), specArb('gcp-alb-global')));

function options(target: K8sTargetId, model: LoadBalancerModel, pick: number, channel: Channel): KubernetesOptions {
  const pools = model.pools.map((p) => p.name);
  const bound = pools[pick % Math.max(pools.length, 1)];
  if (target === 'k8s-service')
    return {
      metallb: { addresses: ['192.168.10.0/24'] },
      ...(bound && pick % 3 === 0 ? { bindings: { [bound]: { addresses: ['10.0.0.7', '10.0.0.8'] } } } : {}),
    };
  const bindings =
    bound && pick % 3 === 0 ? { bindings: { [bound]: pick % 2 ? { addresses: ['10.0.0.7'] } : { service: `${bound}-svc`, namespace: 'apps' } } } : {};
  return { ...bindings, ...(channel === 'experimental' ? { channel } : {}) };
}

interface Run {
  accepted: number;
  tried: number;
  objects: number;
  byKind: Record<string, number>;
  findings: string[];
  unchecked: number;
  celRules: number;
  /** Objects that ask for a session cookie (lifetimeType Session, ttl '0s', cookieTtlSec 0). */
  sessionCookies: number;
}

type Channel = 'standard' | 'experimental';
const SESSION_COOKIE = /"lifetimeType":"Session"|"ttl":"0s"|"cookieTtlSec":0\b/;

function run(target: K8sTargetId, channel: Channel, crds: CrdIndex, seed: number): Run {
  const arb = target === 'k8s-service' ? l4Spec(false) : fc.oneof({ weight: 4, arbitrary: L7_SPECS }, { weight: 1, arbitrary: l4Spec(true) });
  const result: Run = { accepted: 0, tried: 0, objects: 0, byKind: {}, findings: [], unchecked: 0, celRules: 0, sessionCookies: 0 };
  const specs = fc.sample(fc.tuple(arb, fc.nat()), { seed, numRuns: 4000 });
  for (const [spec, pick] of specs) {
    if (result.accepted >= MIN_SPECS) break;
    result.tried++;
    let model: LoadBalancerModel;
    try {
      model = buildModel({ ...spec, strict: false });
    } catch {
      continue;
    }
    const planned = KUBERNETES_BACKEND.plan({ model, target, options: options(target, model, pick, channel) });
    if (planned.problems.length || !planned.plan?.objects.length) continue;
    result.accepted++;
    const check = checkObjects(planned.plan.objects, crds);
    result.objects += planned.plan.objects.length;
    for (const o of planned.plan.objects) result.byKind[o.kind] = (result.byKind[o.kind] ?? 0) + 1;
    result.sessionCookies += planned.plan.objects.filter((o) => SESSION_COOKIE.test(JSON.stringify(o))).length;
    result.unchecked += check.unchecked.length;
    result.celRules += check.cel.evaluated;
    result.findings.push(...check.findings.map((f) => `${JSON.stringify(spec).slice(0, 300)} -> ${f.object} ${f.path}: ${f.message}`));
    expect(check.cel.unevaluated).toEqual([]);
  }
  return result;
}

withCrds('generated specs give 0 findings', (dir) => {
  test.each([
    // target, channel, seed, and whether its specs must include session cookies and retry budgets (where native)
    ['k8s-gateway', 'standard', 9_101, false, false],
    ['k8s-gateway', 'experimental', 9_105, true, true],
    ['k8s-envoy-gateway', 'standard', 9_102, true, false],
    ['k8s-gke-gateway', 'standard', 9_103, true, false],
    ['k8s-service', 'standard', 9_104, false, false],
  ] as const)('%s (%s channel)', (target, channel, seed, sessionCookies, retryBudgets) => {
    const r = run(target, channel, loadCrds(dir, channel), seed);
    console.log(
      `${target} (${channel}): ${r.accepted} specs (of ${r.tried} generated), ${r.objects} objects (${Object.entries(r.byKind)
        .map(([k, n]) => `${k} ${n}`)
        .join(
          ', ',
        )}), ${r.sessionCookies} with a session cookie, ${r.celRules} CEL rule evaluations, ${r.unchecked} objects without a CRD here, ${r.findings.length} findings`,
    );
    expect(r.findings.slice(0, 5)).toEqual([]);
    expect(r.accepted).toBeGreaterThanOrEqual(MIN_SPECS);
    expect(r.sessionCookies > 0).toBe(sessionCookies);
    expect((r.byKind.XBackendTrafficPolicy ?? 0) > 0).toBe(retryBudgets);
  });
});

/** A planted fault: it changes the manifests in place. */
type Fault = (objects: K8sObject[]) => void;
const find = (objects: K8sObject[], kind: string) =>
  objects.find((o) => o.kind === kind)! as { spec: Record<string, any>; metadata: Record<string, any> } & K8sObject;
const routeRule = (objects: K8sObject[]) => (find(objects, 'HTTPRoute').spec.rules as Array<Record<string, any>>)[0];

/** Mistakes a renderer could make, each breaking one rule an API server enforces. */
const FAULTS: Readonly<Record<string, Fault>> = {
  'Gateway without gatewayClassName (schema: required)': (o) => {
    delete find(o, 'Gateway').spec.gatewayClassName;
  },
  'two listeners with one name (CEL: listener names are unique)': (o) => {
    const l = find(o, 'Gateway').spec.listeners;
    l[1].name = l[0].name;
  },
  'an HTTP listener with tls (CEL)': (o) => {
    const l = find(o, 'Gateway').spec.listeners;
    l[1].tls = l[0].tls;
  },
  'a listener port of 0 (schema: minimum 1)': (o) => {
    find(o, 'Gateway').spec.listeners[0].port = 0;
  },
  "a path value with '//' (CEL)": (o) => {
    routeRule(o).matches[0].path.value = '/v1//x';
  },
  'a path type that does not exist (schema: enum)': (o) => {
    routeRule(o).matches[0].path.type = 'Prefix';
  },
  'a backendRef to a Service without port (CEL: port required for Services, after defaulting kind)': (o) => {
    delete routeRule(o).backendRefs[0].port;
  },
  'a misspelt field (unknown field)': (o) => {
    routeRule(o).backendRef = routeRule(o).backendRefs;
  },
  'a redirect status 304 (schema: enum)': (o) => {
    find(o, 'HTTPRoute').spec.rules[2].filters[0].requestRedirect.statusCode = 304;
  },
  'a redirect next to backendRefs (CEL)': (o) => {
    const rules = find(o, 'HTTPRoute').spec.rules;
    rules[2].backendRefs = rules[0].backendRefs;
  },
  '17 rules in one HTTPRoute (schema: maxItems 16)': (o) => {
    const r = find(o, 'HTTPRoute').spec;
    r.rules = Array.from({ length: 17 }, (_, i) => ({ ...r.rules[0], name: `r${i}` }));
  },
  '129 matches in one HTTPRoute (CEL: at most 128)': (o) => {
    const r = find(o, 'HTTPRoute').spec;
    r.rules = Array.from({ length: 16 }, (_, i) => ({
      ...r.rules[0],
      name: `r${i}`,
      matches: Array.from({ length: i === 0 ? 9 : 8 }, (_x, j) => ({ path: { type: 'PathPrefix', value: `/p${j}` } })),
    }));
  },
  'two header matches on one name (list-type map)': (o) => {
    routeRule(o).matches[0].headers = [
      { name: 'x', value: 'a' },
      { name: 'x', value: 'b' },
    ];
  },
  'a weight above 1000000 (schema: maximum)': (o) => {
    const d = find(o, 'HTTPRoute').spec.rules.find((r: { name: string }) => r.name === 'lbkit.default');
    d.backendRefs[0].weight = 1_000_001;
  },
  'ConsistentHash without consistentHash (CEL)': (o) => {
    const p = o.find((x) => x.kind === 'BackendTrafficPolicy' && (x.spec as any).loadBalancer?.type === 'ConsistentHash')! as any;
    delete p.spec.loadBalancer.consistentHash;
  },
  'slowStart with Random (CEL)': (o) => {
    const p = find(o, 'BackendTrafficPolicy').spec;
    p.loadBalancer = { type: 'Random', slowStart: { window: '30s' } };
  },
  'an active HTTP check without http (CEL)': (o) => {
    delete find(o, 'BackendTrafficPolicy').spec.healthCheck.active.http;
  },
  'a duration of "10 seconds" (schema: pattern)': (o) => {
    find(o, 'BackendTrafficPolicy').spec.healthCheck.active.interval = '10 seconds';
  },
  'a policy targeting a Service (CEL: kinds)': (o) => {
    find(o, 'BackendTrafficPolicy').spec.targetRefs[0].kind = 'Service';
  },
  'a rate-limit unit of Fortnight (schema: enum)': (o) => {
    const p = o.find((x) => x.kind === 'BackendTrafficPolicy' && (x.spec as any).rateLimit)! as any;
    p.spec.rateLimit.local.rules[0].limit.unit = 'Fortnight';
  },
  'a route name with upper case (metadata)': (o) => {
    (find(o, 'HTTPRoute').metadata as { name: string }).name = 'Web-Route';
  },
  'two objects of one kind and name': (o) => {
    o.push(JSON.parse(JSON.stringify(find(o, 'HTTPRoute'))));
  },
  'an EndpointSlice for no Service (core)': (o) => {
    (find(o, 'EndpointSlice').metadata.labels as Record<string, string>)['kubernetes.io/service-name'] = 'nothing';
  },
  'a Service port of 70000 (core)': (o) => {
    (find(o, 'Service').spec.ports as Array<{ port: number }>)[0].port = 70_000;
  },
};

withCrds('planted faults are caught', (dir) => {
  const crds = loadCrds(dir);
  const base = () => {
    const model = exampleModel('web.yaml', { allowNearest: ENVOY_WEB_NEAREST });
    return JSON.parse(
      JSON.stringify(
        KUBERNETES_BACKEND.plan({ model, target: 'k8s-envoy-gateway', options: { bindings: { static: { addresses: ['10.0.0.9'] } } } }).plan!.objects,
      ),
    ) as K8sObject[];
  };

  test('the unplanted manifests pass', () => {
    expect(checkObjects(base(), crds).findings).toEqual([]);
  });

  test.each(Object.entries(FAULTS))('%s', (_name, plant) => {
    const objects = base();
    plant(objects);
    expect(checkObjects(objects, crds).findings.length).toBeGreaterThan(0);
  });

  test('every planted fault is caught (count)', () => {
    const faults = Object.values(FAULTS);
    const caught = faults.filter((plant) => {
      const o = base();
      plant(o);
      return checkObjects(o, crds).findings.length > 0;
    }).length;
    console.log(`planted faults: ${caught} of ${faults.length} caught`);
    expect(caught).toBe(faults.length);
  });
});

withCrds('MetalLB objects', (dir) => {
  test('an IPAddressPool with a bad range is refused', () => {
    const model = exampleModel('udp.yaml', { strict: false });
    const objects = KUBERNETES_BACKEND.plan({ model, target: 'k8s-service', options: { metallb: { addresses: ['192.168.10.0/24'] } } }).plan!.objects;
    const crds = loadCrds(dir);
    expect(checkObjects(objects, crds).findings).toEqual([]);
    const bad = JSON.parse(JSON.stringify(objects)) as Array<{ kind: string; spec: { ipAddressPools?: unknown } }>;
    bad.find((o) => o.kind === 'L2Advertisement')!.spec.ipAddressPools = 'dns';
    expect(checkObjects(bad as unknown as K8sObject[], crds).findings.map((f) => f.by)).toContain('schema');
  });
});

withCrds('the experimental channel', (dir) => {
  test('k8s-gateway with channel experimental: HTTPRoute sessionPersistence passes the experimental CRDs, not the standard ones', () => {
    const model = exampleModel('web.yaml', { strict: false });
    const objects = KUBERNETES_BACKEND.plan({ model, target: 'k8s-gateway', options: { channel: 'experimental' } }).plan!.objects;
    expect(JSON.stringify(objects)).toContain('sessionPersistence');
    expect(checkObjects(objects, loadCrds(dir, 'experimental')).findings).toEqual([]);
    const standard = checkObjects(objects, loadCrds(dir, 'standard')).findings;
    expect(standard.length).toBeGreaterThan(0);
    expect(standard.every((f) => f.by === 'schema' && f.path.endsWith('sessionPersistence') && f.message === 'unknown field')).toBe(true);
  });
});

/** Every field the Envoy Gateway plan can write, in one spec: each must pass the CRDs. */
/** The weighted default action splits between two pools alike but for their names. */
const WEB_POOL: NonNullable<LoadBalancerSpec['pools']>[number] = {
  name: 'web',
  protocol: 'http',
  port: 8080,
  healthCheck: { path: '/ready', successCodes: '200-204', healthyThreshold: 2, unhealthyThreshold: 4, port: 9090 },
  passiveHealthCheck: {},
  slowStartSeconds: 30,
  sessionPersistence: { type: 'lb-cookie', durationSeconds: 600 },
};

const KITCHEN_SINK: LoadBalancerSpec = {
  name: 'sink',
  strict: false,
  certificates: [
    { name: 'site', domains: ['example.com'] },
    { name: 'alt', domains: ['alt.example.com'] },
  ],
  trustStores: [{ name: 'ca' }],
  frontends: [
    {
      name: 'https',
      protocol: 'https',
      port: 443,
      idleTimeoutSeconds: 120,
      allowedSourceCidrs: ['10.0.0.0/8', '2001:db8::/32'],
      tls: { certificate: 'site', additionalCertificates: ['alt'], minimumVersion: '1.3', clientCertificateTrust: { trustStore: 'ca', mode: 'passthrough' } },
      rules: [
        {
          name: 'health',
          match: { paths: [{ exact: '/healthz' }], methods: ['GET', 'HEAD'] },
          action: { fixedResponse: { statusCode: 200, contentType: 'application/json', body: '{"ok":true}' } },
        },
        {
          name: 'api',
          match: { hosts: ['api.example.com', '*.example.com'], headers: [{ name: 'x-env', prefix: 'pro' }], query: [{ name: 'v', present: true }] },
          action: { forward: { pool: 'api' } },
        },
        {
          name: 'old',
          match: { paths: [{ regex: '/old/[a-z]+' }] },
          action: { redirect: { scheme: 'https', host: 'new.example.com', port: 8443, path: '/new', statusCode: 308 } },
        },
      ],
      defaultAction: {
        weightedForward: {
          pools: [
            { pool: 'web', weight: 9 },
            { pool: 'web2', weight: 1 },
          ],
        },
      },
    },
    {
      name: 'mtls',
      protocol: 'https',
      port: 8443,
      tls: { certificate: 'site', clientCertificateTrust: { trustStore: 'ca' } },
      defaultAction: { forward: { pool: 'secure' } },
    },
    { name: 'db', protocol: 'tcp', port: 5432, allowedSourceCidrs: ['10.0.0.0/8'], idleTimeoutSeconds: 600, defaultAction: { forward: { pool: 'db' } } },
    { name: 'tls', protocol: 'tls', port: 5433, tls: { certificate: 'site' }, defaultAction: { forward: { pool: 'db' } } },
  ],
  pools: [
    WEB_POOL,
    { ...WEB_POOL, name: 'web2' },
    {
      name: 'api',
      protocol: 'http',
      port: 9000,
      algorithm: 'least-connections',
      whenAllUnhealthy: 'fail-closed',
      sessionPersistence: { type: 'app-cookie', cookieName: 'SID' },
    },
    { name: 'secure', protocol: 'https', port: 8443, algorithm: 'random', healthCheck: { protocol: 'https', path: '/' } },
    { name: 'db', protocol: 'tcp', port: 5432, algorithm: 'ip-hash' },
  ],
  rateLimits: [
    { name: 'per-key', limit: 100, windowSeconds: 60, key: { header: 'x-api-key' }, scope: { rules: ['https/api'] } },
    { name: 'per-ip', limit: 10, windowSeconds: 1, scope: { frontends: ['https'] } },
  ],
};

withCrds('every field the plans write', (dir) => {
  test.each(['k8s-gateway', 'k8s-envoy-gateway', 'k8s-gke-gateway'] as const)('%s: the kitchen-sink spec passes the CRDs', (target) => {
    const objects = KUBERNETES_BACKEND.plan({
      model: buildModel(KITCHEN_SINK),
      target,
      options: { bindings: { api: { service: 'api', namespace: 'apps' }, db: { addresses: ['10.1.0.1'] } } },
    }).plan!.objects;
    expect(objects.length).toBeGreaterThan(5);
    expect(checkObjects(objects, loadCrds(dir)).findings).toEqual([]);
  });
});
