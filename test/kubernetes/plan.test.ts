/** The Kubernetes plan: objects per target (snapshots), names from spec names, bindings, placement problems. */
import { buildModel } from '../../lib/model/build';
import { KubernetesPlacementError, InvalidInputError } from '../../lib/errors';
import type { LoadBalancerSpec } from '../../lib/spec/schema';
import { compileKubernetes } from '../../providers/kubernetes/compile';
import { planKubernetes } from '../../providers/kubernetes/plan';
import { toYaml } from '../../providers/kubernetes/yaml';
import { KUBERNETES_BACKEND } from '../../providers/kubernetes/backend';
import { ENVOY_WEB_NEAREST, exampleModel, exampleSpec } from './fixtures';
import { httpRulesSpec } from '../support/specs';

const names = (objects: readonly { kind: string; metadata: { name: string } }[]) => objects.map((o) => `${o.kind}/${o.metadata.name}`);

describe('manifests (snapshots)', () => {
  test.each(['k8s-gateway', 'k8s-envoy-gateway', 'k8s-gke-gateway'] as const)('web.yaml on %s', (target) => {
    expect(toYaml(planKubernetes(exampleModel('web.yaml'), target).plan.objects)).toMatchSnapshot();
  });

  test('internal-tcp.yaml and udp.yaml on k8s-service, with MetalLB', () => {
    const metallb = { addresses: ['192.168.10.0/24'] };
    expect(toYaml(planKubernetes(exampleModel('internal-tcp.yaml'), 'k8s-service', { metallb }).plan.objects)).toMatchSnapshot();
    const udp = planKubernetes(exampleModel('udp.yaml'), 'k8s-service', { metallb, bindings: { resolvers: { addresses: ['10.0.0.53', '10.0.0.54'] } } });
    expect(udp.problems).toEqual([]);
    expect(toYaml(udp.plan.objects)).toMatchSnapshot();
  });

  test('the objects come out in the same order with the same names every time', () => {
    const a = planKubernetes(exampleModel('web.yaml'), 'k8s-envoy-gateway').plan.objects;
    const b = planKubernetes(exampleModel('web.yaml'), 'k8s-envoy-gateway').plan.objects;
    expect(b).toEqual(a);
  });
});

describe('names come from spec names', () => {
  test('inserting a rule renames nothing: every earlier object keeps its name and rule names', () => {
    const spec = exampleSpec('web.yaml');
    const https = spec.frontends[0];
    const inserted: LoadBalancerSpec = {
      ...spec,
      frontends: [
        {
          ...https,
          rules: [
            { name: 'health', match: { paths: [{ exact: '/healthz' }] }, action: { fixedResponse: { statusCode: 200, body: 'ok' } } },
            ...(https.rules ?? []),
          ],
        },
        ...spec.frontends.slice(1),
      ],
    };
    const before = planKubernetes(buildModel(spec), 'k8s-envoy-gateway').plan.objects;
    const after = planKubernetes(buildModel(inserted), 'k8s-envoy-gateway').plan.objects;
    expect(names(after)).toEqual(expect.arrayContaining(names(before)));
    const ruleNames = (objects: typeof before) =>
      objects
        .filter((o) => o.kind === 'HTTPRoute')
        .map((o) => ({ route: o.metadata.name, rules: (o.spec!.rules as Array<{ name: string }>).map((r) => r.name) }));
    for (const r of ruleNames(before)) {
      const now = ruleNames(after).find((x) => x.route === r.route)!;
      expect(now.rules.filter((n) => n !== 'health')).toEqual(r.rules);
    }
  });

  test('a long name keeps its first characters and a hash, within 63', () => {
    const model = buildModel(
      httpRulesSpec(
        'a-very-long-load-balancer-name-x',
        [{ name: 'r', match: { hosts: ['a-rather-long-host-name.subdomain.example.com'] }, action: { forward: { pool: 'p' } } }],
        { pools: ['p'], poolPort: 80, frontend: { name: 'an-equally-long-frontend-name-x' } },
      ),
    );
    const routes = planKubernetes(model, 'k8s-gateway').plan.objects.filter((o) => o.kind === 'HTTPRoute');
    for (const r of routes) expect(r.metadata.name.length).toBeLessThanOrEqual(63);
    expect(new Set(routes.map((r) => r.metadata.name)).size).toBe(routes.length);
  });
});

describe('host routes', () => {
  test('each host route holds every rule that applies to its host, then the default action; no-host rules go everywhere', () => {
    const model = buildModel(
      httpRulesSpec(
        'h',
        [
          { name: 'api', match: { hosts: ['api.example.com'], paths: [{ prefix: '/v1' }] }, action: { forward: { pool: 'a' } } },
          { name: 'any', match: { hosts: ['*.example.com'], paths: [{ prefix: '/x' }] }, action: { forward: { pool: 'b' } } },
          { name: 'all', match: { paths: [{ prefix: '/all' }] }, action: { forward: { pool: 'b' } } },
        ],
        { pools: ['a', 'b'], poolPort: 80 },
      ),
    );
    const routes = planKubernetes(model, 'k8s-gateway')
      .plan.objects.filter((o) => o.kind === 'HTTPRoute')
      .map((o) => [o.spec!.hostnames ?? [], (o.spec!.rules as Array<{ name: string }>).map((r) => r.name)]);
    expect(routes).toEqual([
      [['api.example.com'], ['api', 'any', 'all', 'lbkit.default']],
      [['*.example.com'], ['any', 'all', 'lbkit.default']],
      [[], ['all', 'lbkit.default']],
    ]);
  });

  test('an order that Gateway API precedence would change within one host is a range problem; most-specific sorts it right', () => {
    const spec = (ruleOrder: 'first-match' | 'most-specific'): LoadBalancerSpec => ({
      ...httpRulesSpec(
        'o',
        [
          { name: 'short', match: { paths: [{ prefix: '/api' }] }, action: { forward: { pool: 'a' } } },
          { name: 'long', match: { paths: [{ prefix: '/api/v1' }] }, action: { forward: { pool: 'b' } } },
        ],
        { pools: ['a', 'b'], poolPort: 80, frontend: { ruleOrder } },
      ),
      allowNearest: [
        'k8s-gateway:pool.algorithm.round-robin',
        'k8s-gateway:pool.health.http',
        'k8s-gateway:pool.health.healthy-threshold',
        'k8s-gateway:pool.draining',
        'k8s-gateway:pool.fail-open',
      ],
    });
    const firstMatch = KUBERNETES_BACKEND.plan({ model: buildModel(spec('first-match')), target: 'k8s-gateway' });
    expect(firstMatch.problems.map((p) => p.path)).toEqual(['frontends[0].rules[1]']);
    expect(firstMatch.problems[0].message).toMatch(/Gateway API precedence would pick rule 'long' before the earlier, overlapping rule 'short'/);
    expect(KUBERNETES_BACKEND.plan({ model: buildModel(spec('most-specific')), target: 'k8s-gateway' }).problems).toEqual([]);
  });
});

describe('bindings', () => {
  test('a pool bound to a Service in another namespace gets that backendRef and a ReferenceGrant there', () => {
    const { plan } = planKubernetes(exampleModel('web.yaml'), 'k8s-gateway', {
      namespace: 'edge',
      bindings: { api: { service: 'api-v2', namespace: 'apps', port: 9443 } },
    });
    const route = plan.objects.find((o) => o.kind === 'HTTPRoute' && (o.spec!.hostnames as string[] | undefined)?.includes('api.example.com'))!;
    expect((route.spec!.rules as Array<{ backendRefs?: unknown[] }>)[0].backendRefs).toEqual([{ name: 'api-v2', namespace: 'apps', port: 9443 }]);
    const grant = plan.objects.find((o) => o.kind === 'ReferenceGrant')!;
    expect(grant).toMatchObject({
      metadata: { namespace: 'apps' },
      spec: { from: [{ kind: 'HTTPRoute', namespace: 'edge' }], to: [{ group: '', kind: 'Service', name: 'api-v2' }] },
    });
  });

  test('a pool bound to addresses gets a Service without selector and an EndpointSlice', () => {
    const { plan } = planKubernetes(exampleModel('web.yaml'), 'k8s-gateway', { bindings: { static: { addresses: ['10.1.0.5', '10.1.0.6'] } } });
    const service = plan.objects.find((o) => o.kind === 'Service')!;
    expect(service).toMatchObject({ metadata: { name: 'web-static' }, spec: { ports: [{ port: 8081, protocol: 'TCP' }] } });
    expect(service.spec!.selector).toBeUndefined();
    expect(plan.objects.find((o) => o.kind === 'EndpointSlice')).toMatchObject({
      metadata: { labels: { 'kubernetes.io/service-name': 'web-static' } },
      addressType: 'IPv4',
      endpoints: [{ addresses: ['10.1.0.5'] }, { addresses: ['10.1.0.6'] }],
    });
  });

  test('every placement and binding problem is reported at once, before anything is made', () => {
    let error: unknown;
    try {
      compileKubernetes({
        spec: exampleSpec('web.yaml', { allowNearest: ENVOY_WEB_NEAREST }),
        target: 'k8s-envoy-gateway',
        namespace: 'Bad_NS',
        bindings: { web: { addresses: ['10.0.0.1', 'not-an-ip'] }, nope: { service: 'x' }, api: { selector: { app: 'api' } } },
        metallb: { addresses: ['10.0.0.0/24'] },
      });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(KubernetesPlacementError);
    expect((error as KubernetesPlacementError).problems.map((p) => p.path).sort()).toEqual([
      'bindings.api',
      'bindings.nope',
      'bindings.web.addresses[1]',
      'metallb',
      'namespace',
    ]);
  });

  test('capability and placement problems of one input come together', () => {
    expect(() => compileKubernetes({ spec: exampleSpec('web.yaml'), target: 'k8s-gateway', namespace: 'Bad_NS' })).toThrow(InvalidInputError);
  });
});

test('the experimental channel lets k8s-gateway write HTTPRoute sessionPersistence; the standard channel refuses lb-cookie', () => {
  const spec = exampleSpec('web.yaml');
  const standard = KUBERNETES_BACKEND.plan({ model: buildModel(spec), target: 'k8s-gateway' });
  expect(standard.problems.filter((p) => p.capability?.feature === 'pool.persistence.lb-cookie').length).toBe(2);
  const experimental = KUBERNETES_BACKEND.plan({ model: buildModel(spec), target: 'k8s-gateway', options: { channel: 'experimental' } });
  expect(experimental.problems.filter((p) => p.capability?.feature === 'pool.persistence.lb-cookie')).toEqual([]);
  const defaultRule = experimental
    .plan!.objects.filter((o) => o.kind === 'HTTPRoute')
    .flatMap((o) => o.spec!.rules as Array<Record<string, unknown>>)
    .find((r) => r.name === 'lbkit.default' && Array.isArray(r.backendRefs) && (r.backendRefs as unknown[]).length === 2)!;
  expect(defaultRule.sessionPersistence).toEqual({ type: 'Cookie', absoluteTimeout: '3600s', cookieConfig: { lifetimeType: 'Permanent' } });
});

describe('GKE redirects (HTTPRoutePortRedirect is not implemented there)', () => {
  const redirecting = (port?: number): LoadBalancerSpec => ({
    name: 'r',
    frontends: [{ name: 'web', protocol: 'http', port: 8080, defaultAction: { redirect: { scheme: 'https', ...(port ? { port } : {}) } } }],
  });
  const plannedRedirects = (spec: LoadBalancerSpec, target: 'k8s-gke-gateway' | 'k8s-gateway') => {
    const result = KUBERNETES_BACKEND.plan({ model: buildModel(spec), target, knownTargets: [] as never });
    const filters = (result.plan?.objects ?? [])
      .filter((o) => o.kind === 'HTTPRoute')
      .flatMap((o) => (o.spec as { rules: { filters?: { requestRedirect?: object }[] }[] }).rules.flatMap((r) => r.filters ?? []));
    return { problems: result.problems.map((p) => p.message), redirects: filters.map((f) => f.requestRedirect) };
  };

  test("the scheme's well-known port is left out on GKE (the same Location) and written elsewhere", () => {
    expect(plannedRedirects(redirecting(), 'k8s-gke-gateway')).toEqual({ problems: [], redirects: [{ scheme: 'https', statusCode: 301 }] });
    expect(plannedRedirects(redirecting(), 'k8s-gateway').redirects).toEqual([{ scheme: 'https', port: 443, statusCode: 301 }]);
  });

  test('another port is a range problem on GKE, naming the rule', () => {
    const { problems } = plannedRedirects(redirecting(8443), 'k8s-gke-gateway');
    expect(problems).toHaveLength(1);
    expect(problems[0]).toContain('https port 8443');
    expect(plannedRedirects(redirecting(8443), 'k8s-gateway').problems).toEqual([]);
  });
});

test('exact-case header and query conditions: Exact as written; an exact-case header prefix drops (?i) on Envoy Gateway and GKE', () => {
  const spec = httpRulesSpec('c', [
    {
      name: 'r',
      match: {
        headers: [
          { name: 'x-a', exact: 'Be.Ta', caseSensitive: true },
          { name: 'x-b', prefix: 'Pre', caseSensitive: true },
          { name: 'x-c', exact: 'Any' },
        ],
        query: [{ name: 'Tab', exact: 'Pro', caseSensitive: true }],
      },
      action: { forward: { pool: 'app' } },
    },
  ]);
  const match = (target: 'k8s-envoy-gateway' | 'k8s-gke-gateway') => {
    const route = planKubernetes(buildModel(spec), target).plan.objects.find((o) => o.kind === 'HTTPRoute')!;
    return (route.spec as { rules: { name: string; matches: object[] }[] }).rules.find((r) => r.name !== 'lbkit.default')!.matches[0];
  };
  for (const target of ['k8s-envoy-gateway', 'k8s-gke-gateway'] as const) {
    expect(match(target)).toMatchObject({
      headers: [
        { type: 'Exact', name: 'x-a', value: 'Be.Ta' },
        { type: 'RegularExpression', name: 'x-b', value: 'Pre.*' },
        { type: 'RegularExpression', name: 'x-c', value: '(?i)Any' },
      ],
      queryParams: [{ type: 'Exact', name: 'Tab', value: 'Pro' }],
    });
  }
});
