/**
 * Rule filters on the Gateway targets (issue 16): header modifiers, rewrites, prefix redirects, timeouts and retries
 * as HTTPRoute fields and Envoy Gateway BackendTrafficPolicy retries; their grades per column; their ranges; and every
 * object they produce checked against the CRDs with CEL (generated specs, and faults the split per match avoids).
 */
import fc from 'fast-check';
import { buildModel } from '../../lib/model/build';
import type { LoadBalancerSpec, RuleSpec } from '../../lib/spec/schema';
import { KUBERNETES_BACKEND } from '../../providers/kubernetes/backend';
import type { K8sObject } from '../../providers/kubernetes/objects';
import type { KubernetesOptions } from '../../providers/kubernetes/options';
import { planKubernetes } from '../../providers/kubernetes/plan';
import type { K8sTargetId } from '../../providers/kubernetes/targets';
import { checkObjects } from '../../providers/kubernetes/validate/check';
import { loadCrds } from '../../providers/kubernetes/validate/crds';
import { toYaml } from '../../providers/kubernetes/yaml';
import { withCrds } from './fixtures';

type Rule = Record<string, any>;

const spec = (rules: RuleSpec[], extra: Partial<LoadBalancerSpec> = {}): LoadBalancerSpec => ({
  name: 'f',
  frontends: [{ name: 'web', protocol: 'http', port: 80, defaultAction: { forward: { pool: 'app' } }, rules }],
  pools: [
    { name: 'app', protocol: 'http', port: 8080 },
    { name: 'other', protocol: 'http', port: 8081 },
  ],
  strict: false,
  ...extra,
});

/** Every L7 filter at once: a prefix rewrite over two paths and two methods, a weighted split with retries, a prefix redirect. */
const ALL: RuleSpec[] = [
  {
    name: 'api',
    match: { paths: [{ prefix: '/api' }, { prefix: '/api/v1' }], methods: ['GET', 'HEAD'] },
    action: { forward: { pool: 'app' } },
    requestHeaders: { set: [{ name: 'X-Env', value: 'prod' }], add: [{ name: 'x-via', value: 'lb' }], remove: ['x-debug'] },
    responseHeaders: { remove: ['server'] },
    rewrite: { host: 'api.internal', path: { prefix: '/' } },
    timeouts: { requestSeconds: 30, backendSeconds: 5 },
  },
  {
    name: 'split',
    match: { paths: [{ exact: '/checkout' }] },
    // Nine in ten to app: the rewrite and the retry hold for both backendRefs.
    action: { weightedForward: { pools: (['app', 'other'] as const).map((pool) => ({ pool, weight: pool === 'app' ? 9 : 1 })) } },
    rewrite: { path: { full: '/pay' } },
    timeouts: { requestSeconds: 20, backendSeconds: 4 },
    retry: { attempts: 3, statuses: [502, 503] },
  },
  { name: 'old', match: { paths: [{ prefix: '/old' }] }, action: { redirect: { pathPrefix: '/new', statusCode: 308 } } },
];

const planOf = (target: K8sTargetId, rules: RuleSpec[], options: KubernetesOptions = {}) =>
  KUBERNETES_BACKEND.plan({ model: buildModel(spec(rules)), target, options });
const routeRules = (objects: readonly K8sObject[]): Rule[] => objects.filter((o) => o.kind === 'HTTPRoute').flatMap((o) => o.spec!.rules as Rule[]);
const named = (objects: readonly K8sObject[], name: string) => routeRules(objects).find((r) => r.name === name)!;

describe('manifests (snapshots, written deliberately for issue 16)', () => {
  test.each([
    ['k8s-gateway', 'experimental'],
    ['k8s-envoy-gateway', 'standard'],
  ] as const)('every filter on %s (%s channel)', (target, channel) => {
    const { plan, problems } = planKubernetes(buildModel(spec(ALL)), target, { channel });
    expect(problems).toEqual([]);
    expect(toYaml(plan.objects.filter((o) => o.kind === 'HTTPRoute' || o.kind === 'BackendTrafficPolicy'))).toMatchSnapshot();
  });
});

describe('rules that replace their matched prefix', () => {
  test('become one route rule per path and method, each with the same filters; other rules stay whole', () => {
    const objects = planKubernetes(buildModel(spec(ALL)), 'k8s-gateway').plan.objects;
    expect(routeRules(objects).map((r) => r.name)).toEqual(['api.1', 'api.2', 'api.3', 'api.4', 'split', 'old', 'lbkit.default']);
    expect(['api.1', 'api.2', 'api.3', 'api.4'].map((n) => named(objects, n).matches)).toEqual([
      [{ path: { type: 'PathPrefix', value: '/api' }, method: 'GET' }],
      [{ path: { type: 'PathPrefix', value: '/api' }, method: 'HEAD' }],
      [{ path: { type: 'PathPrefix', value: '/api/v1' }, method: 'GET' }],
      [{ path: { type: 'PathPrefix', value: '/api/v1' }, method: 'HEAD' }],
    ]);
    const filters = ['api.1', 'api.2', 'api.3', 'api.4'].map((n) => JSON.stringify(named(objects, n).filters));
    expect(new Set(filters).size).toBe(1);
  });

  test('the parts of one rule are no order problem among themselves: the longest prefix wins, as in lbkit', () => {
    expect(planOf('k8s-gateway', ALL, { channel: 'experimental' }).problems).toEqual([]);
    const reversed = planOf('k8s-gateway', [{ ...ALL[0], match: { paths: [{ prefix: '/api/v1' }, { prefix: '/api' }] } }]);
    expect(reversed.problems).toEqual([]);
  });

  test('the split counts against the 16 rules of a route', () => {
    const paths = Array.from({ length: 16 }, (_, i) => ({ prefix: `/p${i}` }));
    const r = planOf('k8s-gateway', [{ name: 'many', match: { paths }, action: { forward: { pool: 'app' } }, rewrite: { path: { prefix: '/' } } }]);
    expect(r.problems.map((p) => p.message)).toEqual([expect.stringContaining('has 17 rules')]);
  });
});

describe('grades', () => {
  const features = (target: K8sTargetId, rules: RuleSpec[], options: KubernetesOptions = {}) =>
    KUBERNETES_BACKEND.plan({ model: buildModel({ ...spec(rules), strict: true }), target, options })
      .problems.map((p) => p.capability?.feature)
      .filter(Boolean);
  const retry: RuleSpec = { name: 'r', action: { forward: { pool: 'app' } }, retry: { attempts: 2, statuses: [503] } };
  const headers: RuleSpec = { name: 'h', action: { forward: { pool: 'app' } }, requestHeaders: { set: [{ name: 'x-a', value: '1' }] } };

  test('the standard channel refuses retries, naming the experimental channel and Envoy Gateway', () => {
    const r = KUBERNETES_BACKEND.plan({ model: buildModel({ ...spec([retry]), strict: true }), target: 'k8s-gateway' });
    const p = r.problems.find((x) => x.capability?.feature === 'rule.retry')!;
    expect(`${p.message} ${p.fix ?? ''}`).toMatch(/experimental/);
    expect(`${p.message} ${p.fix ?? ''}`).toMatch(/k8s-envoy-gateway/);
  });

  test('header modifiers are native on every Gateway column; GKE refuses path rewrites and timeouts (its conformance reports)', () => {
    expect(features('k8s-gateway', [headers])).toEqual([]);
    expect(features('k8s-envoy-gateway', [headers])).toEqual([]);
    expect(features('k8s-gke-gateway', [headers])).toEqual([]);
    const rewrite: RuleSpec = { name: 'w', match: { paths: [{ prefix: '/a' }] }, action: { forward: { pool: 'app' } }, rewrite: { path: { prefix: '/b' } } };
    const timed: RuleSpec = { name: 't', action: { forward: { pool: 'app' } }, timeouts: { requestSeconds: 5 } };
    expect(features('k8s-gke-gateway', [rewrite, timed])).toEqual(['rule.filter.rewrite-path-prefix', 'rule.timeout.request']);
  });

  test('retries are nearest on the experimental channel and on Envoy Gateway, refused under strict', () => {
    expect(features('k8s-gateway', [retry], { channel: 'experimental' })).toEqual(['rule.retry', 'rule.retry.statuses']);
    expect(features('k8s-envoy-gateway', [retry])).toEqual(['rule.retry']);
    const lenient = KUBERNETES_BACKEND.plan({ model: buildModel(spec([retry])), target: 'k8s-envoy-gateway' });
    expect(lenient.problems).toEqual([]);
    expect(lenient.warnings.map((w) => w.feature)).toEqual(['rule.retry']);
  });
});

describe('Envoy Gateway retries and timeouts', () => {
  test('a retry without a backend timeout has no perRetry; the request timeout stays on the HTTPRoute', () => {
    const r = planOf('k8s-envoy-gateway', [{ name: 'r', action: { forward: { pool: 'app' } }, retry: { attempts: 1 }, timeouts: { requestSeconds: 9 } }]).plan!
      .objects;
    expect(r.filter((o) => o.kind === 'BackendTrafficPolicy').map((o) => o.spec!.retry)).toEqual([
      { numRetries: 1, retryOn: { triggers: ['connect-failure', 'reset'] } },
    ]);
    expect(named(r, 'r').timeouts).toEqual({ request: '9s' });
  });

  test('without a retry the backend timeout is the HTTPRoute backendRequest, and no policy is written', () => {
    const r = planOf('k8s-envoy-gateway', [{ name: 'r', action: { forward: { pool: 'app' } }, timeouts: { backendSeconds: 3 } }]).plan!.objects;
    expect(named(r, 'r').timeouts).toEqual({ backendRequest: '3s' });
    expect(r.filter((o) => o.kind === 'BackendTrafficPolicy')).toEqual([]);
  });

  test("two rules' retries on one pool get two policies, each named after its rule", () => {
    const rules: RuleSpec[] = ['a', 'b'].map((name, i) => ({
      name,
      match: { paths: [{ prefix: `/${name}` }] },
      action: { forward: { pool: 'app' } },
      retry: { attempts: i + 1 },
    }));
    const policies = planOf('k8s-envoy-gateway', rules).plan!.objects.filter((o) => o.kind === 'BackendTrafficPolicy');
    expect(policies.map((p) => [p.metadata.name, (p.spec!.targetRefs as Array<{ sectionName: string }>).map((t) => t.sectionName)])).toEqual([
      ['f-app-retry-a', ['a']],
      ['f-app-retry-b', ['b']],
    ]);
  });
});

describe('ranges', () => {
  test('more than 16 headers in a list and empty values are range problems with their paths', () => {
    const set = Array.from({ length: 17 }, (_, i) => ({ name: `x-h${i}`, value: 'v' }));
    const r = planOf('k8s-gateway', [
      { name: 'r', action: { forward: { pool: 'app' } }, requestHeaders: { set }, responseHeaders: { add: [{ name: 'x-e', value: '' }] } },
    ]);
    expect(r.problems.map((p) => p.path).sort()).toEqual(['frontends[0].rules[0].requestHeaders.set', 'frontends[0].rules[0].responseHeaders.add[0].value']);
  });

  test('a gRPC frontend refuses rule filters (GRPCRoutes carry none)', () => {
    const grpc = spec([], {
      frontends: [
        {
          name: 'web',
          protocol: 'http',
          port: 80,
          http2: true,
          defaultAction: { forward: { pool: 'app' } },
          rules: [{ name: 'g', match: { grpc: [{ service: 'shop.v1.Cart' }] }, action: { forward: { pool: 'app' } }, timeouts: { requestSeconds: 5 } }],
        },
      ],
      pools: [{ name: 'app', protocol: 'grpc', port: 50051 }],
    });
    const r = KUBERNETES_BACKEND.plan({ model: buildModel(grpc), target: 'k8s-envoy-gateway' });
    expect(r.problems.map((p) => p.path)).toContain('frontends[0].rules[0].timeouts');
  });
});

/** Generated filter rules: each spec valid in lbkit, checked as an API server would on every target. */
const header = fc.record({ name: fc.constantFrom('x-a', 'x-b', 'X-Trace', 'cache-control'), value: fc.constantFrom('1', 'a,b', 'v e') });
const modifier = fc
  .record({
    set: fc.option(fc.uniqueArray(header, { minLength: 1, maxLength: 2, selector: (h) => h.name.toLowerCase() }), { nil: undefined }),
    remove: fc.option(fc.constant<string[]>(['x-remove']), { nil: undefined }),
  })
  .filter((m) => m.set !== undefined || m.remove !== undefined);
const ruleArb = (i: number): fc.Arbitrary<RuleSpec> =>
  fc
    .record({
      paths: fc.uniqueArray(fc.constantFrom('/a', '/a/b', '/c', '/'), { minLength: 1, maxLength: 3 }),
      methods: fc.option(fc.constantFrom<Array<'GET' | 'POST'>>(['GET'], ['GET', 'POST']), { nil: undefined }),
      requestHeaders: fc.option(modifier, { nil: undefined }),
      responseHeaders: fc.option(modifier, { nil: undefined }),
      rewrite: fc.option(
        fc.record({
          host: fc.option(fc.constant('in.example.com'), { nil: undefined }),
          path: fc.constantFrom({ prefix: '/x' }, { prefix: '/' }, { full: '/f' }),
        }),
        { nil: undefined },
      ),
      timeouts: fc.option(fc.record({ requestSeconds: fc.integer({ min: 10, max: 3600 }), backendSeconds: fc.integer({ min: 1, max: 10 }) }), {
        nil: undefined,
      }),
      retry: fc.option(fc.record({ attempts: fc.integer({ min: 1, max: 10 }), statuses: fc.constantFrom<number[]>([503], [500, 502, 504]) }), {
        nil: undefined,
      }),
      redirect: fc.boolean(),
    })
    .map((r) => ({
      name: `r${i}`,
      match: { paths: r.paths.map((prefix) => ({ prefix })), ...(r.methods ? { methods: r.methods } : {}) },
      ...(r.redirect
        ? { action: { redirect: { pathPrefix: '/moved' } } }
        : {
            action: { forward: { pool: 'app' } },
            ...(r.requestHeaders ? { requestHeaders: r.requestHeaders } : {}),
            ...(r.responseHeaders ? { responseHeaders: r.responseHeaders } : {}),
            ...(r.rewrite ? { rewrite: r.rewrite } : {}),
            ...(r.timeouts ? { timeouts: r.timeouts } : {}),
            ...(r.retry ? { retry: r.retry } : {}),
          }),
    }));
const specsArb = fc.integer({ min: 1, max: 3 }).chain((n) => fc.tuple(...Array.from({ length: n }, (_, i) => ruleArb(i))).map((rules) => spec(rules)));

withCrds('filter objects pass the CRD schemas and CEL rules', (dir) => {
  test.each([
    ['k8s-gateway', 'standard', 7_201],
    ['k8s-gateway', 'experimental', 7_202],
    ['k8s-envoy-gateway', 'standard', 7_203],
    ['k8s-gke-gateway', 'standard', 7_204],
  ] as const)('%s (%s channel)', (target, channel, seed) => {
    const crds = loadCrds(dir, channel);
    const findings: string[] = [];
    let planned = 0;
    let filtered = 0;
    let retries = 0;
    for (const s of fc.sample(specsArb, { seed, numRuns: 120 })) {
      let model;
      try {
        model = buildModel(s);
      } catch {
        continue;
      }
      // The plan itself, not the capability judgement: GKE refuses these rows, but what it would emit must still be valid.
      const { plan, problems } = planKubernetes(model, target, { channel });
      if (problems.length) continue;
      planned++;
      filtered += routeRules(plan.objects).filter((r) => r.filters || r.timeouts || r.retry).length;
      retries += plan.objects.filter((o) => o.kind === 'BackendTrafficPolicy' && o.spec!.retry).length;
      findings.push(...checkObjects(plan.objects, crds).findings.map((f) => `${f.object} ${f.path}: ${f.message}`));
    }
    console.log(
      `${target} (${channel}): ${planned} specs planned, ${filtered} route rules with filters, timeouts or retries, ${retries} retry policies, ${findings.length} findings`,
    );
    expect(findings.slice(0, 5)).toEqual([]);
    expect(planned).toBeGreaterThanOrEqual(60);
    expect(filtered).toBeGreaterThanOrEqual(60);
  });

  test('the faults the plan avoids are caught: two matches with ReplacePrefixMatch, backendRequest above request', () => {
    const crds = loadCrds(dir);
    const objects = planKubernetes(buildModel(spec(ALL)), 'k8s-gateway').plan.objects.map((o) => structuredClone(o));
    const rules = objects.find((o) => o.kind === 'HTTPRoute')!.spec!.rules as Rule[];
    rules[0].matches = [...rules[0].matches, ...rules[1].matches];
    rules[4].timeouts = { request: '5s', backendRequest: '6s' };
    const messages = checkObjects(objects, crds).findings.map((f) => f.message);
    expect(messages).toEqual(
      expect.arrayContaining([
        expect.stringContaining('When using URLRewrite filter with path.replacePrefixMatch, exactly one PathPrefix match must be specified'),
        expect.stringContaining('backendRequest timeout cannot be longer than request timeout'),
      ]),
    );
  });
});
