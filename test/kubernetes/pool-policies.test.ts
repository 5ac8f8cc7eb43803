/**
 * Pool settings of issue 16 on the Gateway targets: a load-balancer session cookie (lb-cookie without Max-Age) and
 * a retry budget, as each target writes them or refuses them (capabilities-pool-policies.ts), and the objects
 * checked against the CRDs with their CEL rules, with the faults they must avoid.
 */
import { buildModel } from '../../lib/model/build';
import type { LoadBalancerSpec, PoolSpec } from '../../lib/spec/schema';
import { KUBERNETES_BACKEND } from '../../providers/kubernetes/backend';
import type { K8sObject } from '../../providers/kubernetes/objects';
import type { KubernetesOptions } from '../../providers/kubernetes/options';
import type { K8sTargetId } from '../../providers/kubernetes/targets';
import { checkObjects } from '../../providers/kubernetes/validate/check';
import { loadCrds } from '../../providers/kubernetes/validate/crds';
import { withCrds } from './fixtures';

type Obj = K8sObject & { spec: Record<string, any> };

const SESSION: PoolSpec['sessionPersistence'] = { type: 'lb-cookie', sessionCookie: true };
const BUDGET: PoolSpec['retryBudget'] = { percent: 25, intervalSeconds: 30, minRetryRate: { count: 5, intervalSeconds: 2 } };

/** An http frontend whose default action splits between 'app' and 'other' (or forwards to 'app'); the pools' settings vary. */
const spec = (app: Partial<PoolSpec>, other: Partial<PoolSpec> = app, split = false): LoadBalancerSpec => ({
  name: 'pp',
  frontends: [
    {
      name: 'web',
      protocol: 'http',
      port: 80,
      defaultAction: split
        ? {
            weightedForward: {
              pools: [
                { pool: 'app', weight: 1 },
                { pool: 'other', weight: 1 },
              ],
              stickinessSeconds: 60,
            },
          }
        : { forward: { pool: 'app' } },
    },
  ],
  pools: [
    { name: 'app', protocol: 'http', port: 8080, ...app },
    { name: 'other', protocol: 'http', port: 8081, ...other },
  ],
  strict: false,
});

const planOf = (target: K8sTargetId, s: LoadBalancerSpec, options: KubernetesOptions = {}) =>
  KUBERNETES_BACKEND.plan({ model: buildModel(s), target, options });
const objectsOf = (target: K8sTargetId, s: LoadBalancerSpec, options: KubernetesOptions = {}) => planOf(target, s, options).plan!.objects as Obj[];
const featureProblems = (target: K8sTargetId, s: LoadBalancerSpec, feature: string, options: KubernetesOptions = {}) =>
  planOf(target, s, options).problems.filter((p) => p.capability?.feature === feature);
const defaultRule = (objects: readonly Obj[]) => objects.filter((o) => o.kind === 'HTTPRoute').flatMap((o) => o.spec.rules as Array<Record<string, any>>)[0];
const EXPERIMENTAL: KubernetesOptions = { channel: 'experimental' };

describe('a load-balancer session cookie (lb-cookie, sessionCookie: true)', () => {
  test('k8s-gateway, experimental channel: HTTPRoute sessionPersistence lifetimeType Session, without absoluteTimeout', () => {
    expect(featureProblems('k8s-gateway', spec({ sessionPersistence: SESSION }), 'pool.persistence.session-cookie', EXPERIMENTAL)).toEqual([]);
    expect(defaultRule(objectsOf('k8s-gateway', spec({ sessionPersistence: SESSION }), EXPERIMENTAL)).sessionPersistence).toEqual({
      type: 'Cookie',
      cookieConfig: { lifetimeType: 'Session' },
    });
  });

  test('a split whose pools ask for a session cookie and a lifetime gets the lifetime (a rule has one cookie)', () => {
    const mixed = spec({ sessionPersistence: SESSION }, { sessionPersistence: { type: 'lb-cookie', durationSeconds: 600 } }, true);
    expect(defaultRule(objectsOf('k8s-gateway', mixed, EXPERIMENTAL)).sessionPersistence).toEqual({
      type: 'Cookie',
      absoluteTimeout: '600s',
      cookieConfig: { lifetimeType: 'Permanent' },
    });
    const both = spec({ sessionPersistence: SESSION }, { sessionPersistence: SESSION }, true);
    expect(defaultRule(objectsOf('k8s-gateway', both, EXPERIMENTAL)).sessionPersistence).toEqual({ type: 'Cookie', cookieConfig: { lifetimeType: 'Session' } });
  });

  test('k8s-gateway, standard channel: refused, naming the experimental channel; the route has no sessionPersistence', () => {
    const problems = featureProblems('k8s-gateway', spec({ sessionPersistence: SESSION }), 'pool.persistence.session-cookie');
    expect(problems).toHaveLength(1);
    expect(`${problems[0].message} ${problems[0].fix ?? ''}`).toMatch(/experimental/);
    expect(defaultRule(objectsOf('k8s-gateway', spec({ sessionPersistence: SESSION }))).sessionPersistence).toBeUndefined();
  });

  test("k8s-envoy-gateway: the cookie hash with ttl '0s' (Envoy then generates a session cookie); a lifetime stays its ttl", () => {
    const cookieOf = (p: Partial<PoolSpec>) =>
      objectsOf('k8s-envoy-gateway', spec(p)).find((o) => o.kind === 'BackendTrafficPolicy')!.spec.loadBalancer.consistentHash.cookie;
    expect(featureProblems('k8s-envoy-gateway', spec({ sessionPersistence: SESSION }), 'pool.persistence.session-cookie')).toEqual([]);
    expect(cookieOf({ sessionPersistence: SESSION })).toEqual({ name: 'lbkit-app', ttl: '0s' });
    expect(cookieOf({ sessionPersistence: { type: 'lb-cookie', durationSeconds: 600 } })).toEqual({ name: 'lbkit-app', ttl: '600s' });
  });

  test('k8s-gke-gateway: GENERATED_COOKIE with cookieTtlSec 0; a lifetime stays its cookieTtlSec', () => {
    const affinityOf = (p: Partial<PoolSpec>) =>
      objectsOf('k8s-gke-gateway', spec(p)).find((o) => o.kind === 'GCPBackendPolicy' && o.metadata.name === 'pp-app')!.spec.default.sessionAffinity;
    expect(featureProblems('k8s-gke-gateway', spec({ sessionPersistence: SESSION }), 'pool.persistence.session-cookie')).toEqual([]);
    expect(affinityOf({ sessionPersistence: SESSION })).toEqual({ type: 'GENERATED_COOKIE', cookieTtlSec: 0 });
    expect(affinityOf({ sessionPersistence: { type: 'lb-cookie', durationSeconds: 600 } })).toEqual({ type: 'GENERATED_COOKIE', cookieTtlSec: 600 });
  });
});

describe('a retry budget per pool', () => {
  const budgets = (objects: readonly Obj[]) => objects.filter((o) => o.kind === 'XBackendTrafficPolicy');

  test("k8s-gateway, experimental channel: an XBackendTrafficPolicy on the pool's Service, retryConstraint field for field", () => {
    expect(featureProblems('k8s-gateway', spec({ retryBudget: BUDGET }, {}), 'pool.retry-budget', EXPERIMENTAL)).toEqual([]);
    expect(budgets(objectsOf('k8s-gateway', spec({ retryBudget: BUDGET }, {}), EXPERIMENTAL))).toEqual([
      {
        apiVersion: 'gateway.networking.x-k8s.io/v1alpha1',
        kind: 'XBackendTrafficPolicy',
        metadata: expect.objectContaining({ name: 'pp-app-retry-budget', namespace: 'default' }),
        spec: {
          targetRefs: [{ group: '', kind: 'Service', name: 'app' }],
          retryConstraint: { budget: { percent: 25, interval: '30s' }, minRetryRate: { count: 5, interval: '2s' } },
        },
      },
    ]);
  });

  test("the spec's defaults are written (Gateway API's own), and a bound Service's policy lives in its namespace", () => {
    const [policy] = budgets(
      objectsOf('k8s-gateway', spec({ retryBudget: {} }, {}), { ...EXPERIMENTAL, bindings: { app: { service: 'shop', namespace: 'apps' } } }),
    );
    expect(policy.metadata.namespace).toBe('apps');
    expect(policy.spec).toEqual({
      targetRefs: [{ group: '', kind: 'Service', name: 'shop' }],
      retryConstraint: { budget: { percent: 20, interval: '10s' }, minRetryRate: { count: 10, interval: '1s' } },
    });
  });

  test.each([
    ['k8s-gateway', /experimental/],
    ['k8s-envoy-gateway', /XBackendTrafficPolicy/],
    ['k8s-gke-gateway', /no budget/],
  ] as const)('%s (standard channel): refused, and no XBackendTrafficPolicy is written', (target, named) => {
    const problems = featureProblems(target, spec({ retryBudget: BUDGET }, {}), 'pool.retry-budget');
    expect(problems).toHaveLength(1);
    expect(`${problems[0].message} ${problems[0].fix ?? ''}`).toMatch(named);
    expect(budgets(objectsOf(target, spec({ retryBudget: BUDGET }, {})))).toEqual([]);
  });
});

withCrds('session cookies and retry budgets pass the CRDs', (dir) => {
  const experimental = loadCrds(dir, 'experimental');
  const both = spec({ sessionPersistence: SESSION, retryBudget: BUDGET });
  const planned = () => structuredClone(objectsOf('k8s-gateway', both, EXPERIMENTAL));
  const find = (objects: Obj[], kind: string) => objects.find((o) => o.kind === kind)!;

  test('the experimental objects pass the experimental CRDs; Envoy Gateway ttl 0s passes its CRD', () => {
    expect(checkObjects(planned(), experimental).findings).toEqual([]);
    expect(checkObjects(objectsOf('k8s-envoy-gateway', spec({ sessionPersistence: SESSION })), loadCrds(dir)).findings).toEqual([]);
  });

  test.each([
    [
      'a Permanent cookie without absoluteTimeout (CEL)',
      (o: Obj[]) => {
        defaultRule(o).sessionPersistence.cookieConfig.lifetimeType = 'Permanent';
      },
    ],
    [
      'a budget interval of 2h (CEL: at most one hour)',
      (o: Obj[]) => {
        find(o, 'XBackendTrafficPolicy').spec.retryConstraint.budget.interval = '2h';
      },
    ],
    [
      'a budget of 101 percent (schema: maximum)',
      (o: Obj[]) => {
        find(o, 'XBackendTrafficPolicy').spec.retryConstraint.budget.percent = 101;
      },
    ],
    [
      'a policy without targetRefs (schema: required)',
      (o: Obj[]) => {
        delete find(o, 'XBackendTrafficPolicy').spec.targetRefs;
      },
    ],
  ])('a planted fault is caught: %s', (_name, plant) => {
    const objects = planned();
    plant(objects);
    expect(checkObjects(objects, experimental).findings.length).toBeGreaterThan(0);
  });
});
