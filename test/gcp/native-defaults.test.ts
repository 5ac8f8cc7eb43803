/**
 * Issue 14 on GCP: a field the spec leaves out compiles to GCP's own default and is never a capability error; the
 * same field written is judged and compiled. Each target plans from its own override (`targets:`), in `lbkit plan
 * --target`, in the family's plan (the component's call) and in the component itself.
 */
import { buildModel } from '../../lib/model/build';
import type { LoadBalancerSpec } from '../../lib/spec/schema';
import { checkCapabilities, describeTarget } from '../../providers';
import { GCP_BACKEND, gcpModel } from '../../providers/gcp/backend';
import { compileForGcp } from '../../providers/gcp/loadBalancer';
import type { GcpTargetId } from '../../providers/gcp/targets';
import { placeAnything } from './fixtures';
import { frontendsToPools } from '../support/specs';

const web = (pool: Record<string, unknown> = {}, frontend: Record<string, unknown> = {}): LoadBalancerSpec => ({
  name: 'shop',
  frontends: [{ name: 'web', protocol: 'http', port: 80, defaultAction: { forward: { pool: 'app' } }, ...frontend }],
  pools: [{ name: 'app', protocol: 'http', port: 8080, healthCheck: { path: '/healthz' }, ...pool }],
});

const tcp = (frontend: Record<string, unknown> = {}, spec: Partial<LoadBalancerSpec> = {}): LoadBalancerSpec => ({
  name: 'db',
  frontends: [{ name: 'pg', protocol: 'tcp', port: 5432, defaultAction: { forward: { pool: 'pg' } }, ...frontend }],
  pools: [{ name: 'pg', protocol: 'tcp', port: 5432 }],
  ...spec,
});

const planOf = (spec: LoadBalancerSpec, target: GcpTargetId) => {
  const result = GCP_BACKEND.plan({ model: buildModel(spec), target });
  expect(result.problems).toEqual([]);
  return result.plan!;
};

describe('fields left out: GCP defaults, no value in the plan', () => {
  test('health check timing and thresholds, draining, affinity, locality policy, backend timeout and keep-alive', () => {
    const plan = planOf(web(), 'gcp-alb-global');
    const [hc] = plan.healthChecks;
    expect(hc).toMatchObject({ protocol: 'http', port: 8080, requestPath: '/healthz' });
    for (const field of ['checkIntervalSec', 'timeoutSec', 'healthyThreshold', 'unhealthyThreshold']) expect(hc).not.toHaveProperty(field);
    const [bs] = plan.backendServices;
    for (const field of ['connectionDrainingTimeoutSec', 'sessionAffinity', 'affinityCookieTtlSec', 'localityLbPolicy', 'timeoutSec']) {
      expect(bs).not.toHaveProperty(field);
    }
    expect(plan.proxies[0]).not.toHaveProperty('keepAliveSec');
    expect(describeTarget(buildModel(web()), 'gcp-alb-global').find((r) => r.id === 'hc-app')!.detail).toBe(
      'http:8080/healthz every 5s (GCP default), timeout 5s (GCP default), healthy 2 (GCP default), unhealthy 2 (GCP default)',
    );
  });

  test('written, the same fields are compiled as written', () => {
    const spec = web(
      {
        healthCheck: { path: '/healthz', intervalSeconds: 10, timeoutSeconds: 5, healthyThreshold: 3, unhealthyThreshold: 3 },
        drainingSeconds: 300,
        algorithm: 'round-robin',
      },
      { idleTimeoutSeconds: 60 },
    );
    const plan = planOf(spec, 'gcp-alb-global');
    expect(plan.healthChecks[0]).toMatchObject({ checkIntervalSec: 10, timeoutSec: 5, healthyThreshold: 3, unhealthyThreshold: 3 });
    expect(plan.backendServices[0]).toMatchObject({ connectionDrainingTimeoutSec: 300, sessionAffinity: 'NONE', localityLbPolicy: 'ROUND_ROBIN' });
    expect(plan.proxies[0]).toMatchObject({ keepAliveSec: 60 });
  });

  test("a written timeout above GCP's 5 s interval brings lbkit's interval (GCP refuses a timeout above the interval)", () => {
    const long = planOf(web({ healthCheck: { path: '/', timeoutSeconds: 8 } }), 'gcp-alb-global').healthChecks[0];
    expect(long).toMatchObject({ checkIntervalSec: 10, timeoutSec: 8 });
    const short = planOf(web({ healthCheck: { path: '/', timeoutSeconds: 3 } }), 'gcp-alb-global').healthChecks[0];
    expect(short).toMatchObject({ timeoutSec: 3 });
    expect(short).not.toHaveProperty('checkIntervalSec');
  });

  test('network load balancers: idle timeout and affinity left out are GCP defaults; internal passthrough judges a written 60 s', () => {
    const internal = { scheme: 'internal' as const };
    expect(checkCapabilities(buildModel(tcp({}, internal)), 'gcp-nlb-passthrough').errors).toEqual([]);
    const passthrough = planOf(tcp({}, internal), 'gcp-nlb-passthrough').backendServices[0];
    expect(passthrough).not.toHaveProperty('idleTimeoutSec');
    expect(passthrough).not.toHaveProperty('sessionAffinity');
    expect(checkCapabilities(buildModel(tcp({ idleTimeoutSeconds: 60 }, internal)), 'gcp-nlb-passthrough').errors.map((e) => e.path)).toEqual([
      'frontends[0].idleTimeoutSeconds',
    ]);
    const proxy = planOf(tcp({}, { pools: [{ name: 'pg', protocol: 'tcp', port: 6432 }] }), 'gcp-nlb-proxy').backendServices[0];
    expect(proxy).toMatchObject({ flavor: 'proxy' });
    expect(proxy).not.toHaveProperty('timeoutSec');
  });

  test('a range written is judged on the target that compiles it', () => {
    // The global keep-alive accepts 5-1200 s; the internal passthrough case above shows a default left out.
    const errors = (spec: LoadBalancerSpec) => checkCapabilities(buildModel(spec), 'gcp-alb-global').errors.map((e) => e.path);
    expect(errors(web())).toEqual([]);
    expect(errors(web({}, { idleTimeoutSeconds: 1300 }))).toEqual(['frontends[0].idleTimeoutSeconds']);
  });
});

describe('targets: a GCP override applies to the target it names', () => {
  const spec = (): LoadBalancerSpec => ({
    ...web(),
    targets: {
      'gcp-alb-global': { frontends: [{ name: 'web', idleTimeoutSeconds: 900 }], pools: [{ name: 'app', drainingSeconds: 15 }] },
      'gcp-alb-regional': { frontends: [{ name: 'web', idleTimeoutSeconds: 400 }] },
    },
  });

  test('lbkit plan --target: each target its own override', () => {
    expect(planOf(spec(), 'gcp-alb-global').proxies[0]).toMatchObject({ keepAliveSec: 900 });
    expect(planOf(spec(), 'gcp-alb-global').backendServices[0]).toMatchObject({ connectionDrainingTimeoutSec: 15 });
    expect(planOf(spec(), 'gcp-alb-regional').proxies[0]).toMatchObject({ keepAliveSec: 400 });
    expect(planOf(spec(), 'gcp-alb-regional').backendServices[0]).not.toHaveProperty('connectionDrainingTimeoutSec');
  });

  test('the family plan and the component: the placement picks the target, and with it the override', () => {
    const model = buildModel(spec());
    const global = GCP_BACKEND.plan({ model, options: placeAnything(model) });
    expect(global.problems).toEqual([]);
    expect(global.plan!.proxies[0]).toMatchObject({ regional: false, keepAliveSec: 900 });
    const regional = GCP_BACKEND.plan({ model, options: placeAnything(model, { global: false }) });
    expect(regional.problems).toEqual([]);
    expect(regional.plan!.proxies[0]).toMatchObject({ regional: true, keepAliveSec: 400 });
    const compiled = compileForGcp(placeAnything(model));
    expect(compiled.plan.proxies[0]).toMatchObject({ keepAliveSec: 900 });
    expect(compiled.model.frontends[0].idleTimeoutSeconds).toBe(900);
    expect(compiled.model.pools[0].drainingSeconds).toBe(15);
  });

  test('an override that breaks a range on its target is that target’s error only', () => {
    const broken = buildModel({ ...web(), targets: { 'gcp-alb-regional': { frontends: [{ name: 'web', idleTimeoutSeconds: 900 }] } } });
    expect(checkCapabilities(broken, 'gcp-alb-regional').errors.map((e) => e.path)).toEqual(['frontends[0].idleTimeoutSeconds']);
    expect(checkCapabilities(broken, 'gcp-alb-global').errors).toEqual([]);
  });

  test('mixed L4 kinds: each frontend from its own kind’s override, written fields included', () => {
    const mixed: LoadBalancerSpec = {
      ...frontendsToPools('mixed', [
        ['pg', 'tcp', 5432, 'pg', 5432],
        ['bouncer', 'tcp', 5433, 'bouncer', 6432],
      ]),
      // The proxy's idle timeout is its backend service timeout: an approximation accepted by name.
      allowNearest: ['gcp-nlb-proxy:frontend.idle-timeout'],
      targets: {
        'gcp-nlb-passthrough': { frontends: [{ name: 'pg', idleTimeoutSeconds: 120 }] },
        'gcp-nlb-proxy': { frontends: [{ name: 'bouncer', idleTimeoutSeconds: 90 }] },
      },
    };
    const model = gcpModel(buildModel(mixed));
    expect(model.frontends.map((f) => [f.name, f.idleTimeoutSeconds])).toEqual([
      ['pg', 120],
      ['bouncer', 90],
    ]);
    expect(model.given!.has('frontends[0].idleTimeoutSeconds')).toBe(true);
    expect(model.given!.has('frontends[1].idleTimeoutSeconds')).toBe(true);
    const result = GCP_BACKEND.plan({ model: buildModel(mixed), options: placeAnything(buildModel(mixed)) });
    expect(result.problems).toEqual([]);
    const services = Object.fromEntries(result.plan!.backendServices.map((s) => [s.id, s]));
    expect(services['bs-l4-pg']).toMatchObject({ flavor: 'passthrough', idleTimeoutSec: 120 });
    expect(services['bs-l4-bouncer']).toMatchObject({ flavor: 'proxy', timeoutSec: 90 });
  });
});
