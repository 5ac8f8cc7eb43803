/**
 * Issue 14 on Kubernetes: a setting the spec leaves out is no policy field (the implementation's default) and never a
 * capability error; written, it is judged. Each target compiles its own model (`targets:` overrides).
 */
import { buildModel } from '../../lib/model/build';
import type { LoadBalancerSpec } from '../../lib/spec/schema';
import { checkCapabilities } from '../../providers';
import { KUBERNETES_BACKEND } from '../../providers/kubernetes/backend';
import { exampleSpec } from './fixtures';
import { weighted } from '../support/specs';

const app = (pool: Record<string, unknown> = {}): LoadBalancerSpec => ({
  name: 'shop',
  frontends: [{ name: 'web', protocol: 'http', port: 80, defaultAction: { forward: { pool: 'app' } } }],
  pools: [{ name: 'app', protocol: 'http', port: 8080, ...pool }],
});

const policies = (spec: LoadBalancerSpec, target: 'k8s-envoy-gateway' | 'k8s-gke-gateway') =>
  KUBERNETES_BACKEND.plan({ model: buildModel({ ...spec, strict: false }), target }).plan!.objects.filter((o) => /Policy$/.test(o.kind));

describe('k8s-gateway: strict without allowNearest', () => {
  test("a spec that writes nothing the target lacks compiles: lbkit's defaults (health check, draining, fail-open, algorithm) are not judged", () => {
    const result = KUBERNETES_BACKEND.plan({ model: buildModel(app()), target: 'k8s-gateway' });
    expect(buildModel(app()).strict).toBe(true);
    expect(result.problems).toEqual([]);
  });

  test('the same settings written are judged', () => {
    const written = app({ drainingSeconds: 300, whenAllUnhealthy: 'fail-open', healthCheck: { path: '/healthz' } });
    const paths = checkCapabilities(buildModel(written), 'k8s-gateway').errors.map((e) => e.path);
    expect(paths).toEqual(expect.arrayContaining(['pools[0].drainingSeconds', 'pools[0].whenAllUnhealthy', 'pools[0].healthCheck']));
  });
});

describe('policies: only what the spec wrote', () => {
  test('Envoy Gateway: no BackendTrafficPolicy for a pool with nothing written; written fields only', () => {
    expect(policies(app(), 'k8s-envoy-gateway')).toEqual([]);
    const [policy] = policies(app({ healthCheck: { path: '/healthz', intervalSeconds: 7 }, whenAllUnhealthy: 'fail-closed' }), 'k8s-envoy-gateway');
    expect(policy.spec).not.toHaveProperty('loadBalancer');
    expect((policy.spec as { healthCheck: unknown }).healthCheck).toEqual({
      active: { interval: '7s', type: 'HTTP', http: { path: '/healthz', expectedStatuses: [200] } },
      panicThreshold: 0,
    });
  });

  test('Envoy Gateway: the pools of a split share one policy, with every field any of them writes', () => {
    const spec: LoadBalancerSpec = {
      name: 'shop',
      frontends: [
        {
          name: 'web',
          protocol: 'http',
          port: 80,
          defaultAction: weighted({ app: 90, canary: 10 }),
        },
      ],
      pools: [
        { name: 'app', protocol: 'http', port: 8080, healthCheck: { path: '/' } },
        { name: 'canary', protocol: 'http', port: 8080, healthCheck: { path: '/', intervalSeconds: 10 } },
      ],
    };
    const [policy] = policies(spec, 'k8s-envoy-gateway');
    expect((policy.spec as { healthCheck: { active: unknown } }).healthCheck.active).toEqual({
      interval: '10s',
      type: 'HTTP',
      http: { path: '/', expectedStatuses: [200] },
    });
  });

  test('GKE Gateway: no HealthCheckPolicy without a written health check, no connectionDraining without drainingSeconds', () => {
    expect(policies(app(), 'k8s-gke-gateway')).toEqual([]);
    const objects = policies(app({ healthCheck: { path: '/healthz', timeoutSeconds: 4 }, drainingSeconds: 20 }), 'k8s-gke-gateway');
    expect(objects.map((o) => [o.kind, (o.spec as { default: Record<string, unknown> }).default])).toEqual([
      ['HealthCheckPolicy', { timeoutSec: 4, config: { type: 'HTTP', httpHealthCheck: { requestPath: '/healthz' } } }],
      ['GCPBackendPolicy', { connectionDraining: { drainingTimeoutSec: 20 } }],
    ]);
  });

  test('web.yaml on Envoy Gateway needs no allowNearest for the fail-open it does not write', () => {
    const spec = exampleSpec('web.yaml');
    expect(spec.allowNearest).not.toContain('k8s-envoy-gateway:pool.fail-open');
    expect(KUBERNETES_BACKEND.plan({ model: buildModel(spec), target: 'k8s-envoy-gateway' }).problems).toEqual([]);
  });
});

describe('targets: each Kubernetes target compiles its own model', () => {
  test('an override for k8s-envoy-gateway reaches its objects; k8s-gateway keeps the spec', () => {
    const spec: LoadBalancerSpec = { ...app(), targets: { 'k8s-envoy-gateway': { pools: [{ name: 'app', healthCheck: { path: '/ready' } }] } } };
    const [policy] = policies(spec, 'k8s-envoy-gateway');
    expect(JSON.stringify(policy.spec)).toContain('/ready');
    expect(KUBERNETES_BACKEND.plan({ model: buildModel(spec), target: 'k8s-gateway' }).problems).toEqual([]);
  });
});
