/**
 * Listeners with host names on the GCP Application Load Balancers (plan/listeners.ts): the frontends of a port
 * become one URL map, target proxy and forwarding rule; the URL map, read by the evaluator written from GCP's
 * documentation, routes every host as lbkit binds it (lib/model/listeners.ts) and then as that frontend's rules
 * select (lib/model/match.ts).
 */
import fc from 'fast-check';
import { SpecValidationError } from '../../lib/errors';
import { buildModel } from '../../lib/model/build';
import { bindHost, frontendsByPort } from '../../lib/model/listeners';
import { selectRule } from '../../lib/model/match';
import type { FrontendSpec, LoadBalancerSpec, RuleSpec } from '../../lib/spec/schema';
import { compileForGcp, LoadBalancer } from '../../providers/gcp';
import { planGcp } from '../../providers/gcp/plan';
import { evaluateUrlMap, type GcpRequest } from '../conformance/evaluators/gcp-url-map';
import { urlMapOfPlan } from '../conformance/evaluators/plans';
import { mockPulumi, settle } from '../support/pulumi';
import { autonamed, placeAnything } from './fixtures';

const rec = mockPulumi(autonamed);
beforeAll(() => {
  // The component logs the accepted nearest mapping (frontend.hostnames) as a Pulumi warning.
  jest.spyOn(console, 'warn').mockImplementation(() => undefined);
});

const frontend = (name: string, hostnames: string[] | undefined, rules: RuleSpec[] = []): FrontendSpec => ({
  name,
  protocol: 'https',
  port: 443,
  ...(hostnames ? { hostnames } : {}),
  tls: { certificate: name },
  ...(rules.length ? { rules } : {}),
  defaultAction: { forward: { pool: name } },
});
const specOf = (frontends: FrontendSpec[]): LoadBalancerSpec => {
  const pools = new Set(frontends.flatMap((f) => [f.name, ...(f.rules ?? []).map((r) => r.action.forward!.pool)]));
  return {
    name: 'hosts',
    allowNearest: ['gcp-alb-global:frontend.hostnames', 'gcp-alb-regional:frontend.hostnames'],
    certificates: frontends.map((f) => ({ name: f.name, domains: [f.hostnames?.[0] ?? 'rest.test'] })),
    frontends,
    pools: [...pools].map((name) => ({ name, protocol: 'http' as const, port: 8080 })),
  };
};
const GRID = [
  frontend('exact', ['a.example.com']),
  frontend('wild', ['*.example.com']),
  frontend('deep', ['*.deep.example.com']),
  frontend('org', ['www.example.org']),
];
const HOSTS = [
  'a.example.com',
  'A.EXAMPLE.COM:443',
  'b.example.com',
  'x.y.example.com',
  'v.deep.example.com',
  'deep.example.com',
  'example.com',
  'www.example.org',
  'other.test',
];
const get = (host: string, path = '/'): GcpRequest => ({ host, path, headers: { ':method': 'GET' }, query: [] });

/** The backend service's pool, or 404 when the URL map aborts the request. */
function routed(map: ReturnType<typeof urlMapOfPlan>, req: GcpRequest): string {
  const r = evaluateUrlMap(map, req);
  if (r.kind === 'service') return r.backendService.replace(/^bs-/, '');
  if (r.kind === 'abort') return String(r.status);
  throw new Error(`unexpected route ${JSON.stringify(r)}`);
}

describe.each([true, false])('a port of https frontends with host names (catch-all: %s)', (catchAll) => {
  const spec = specOf(catchAll ? [...GRID, frontend('rest', undefined)] : GRID);
  const model = buildModel(spec);
  const plan = planGcp(model, { global: true });

  test('one URL map, one target HTTPS proxy with every certificate (the catch-all first), one forwarding rule', () => {
    expect(plan.urlMaps.map((u) => [u.id, u.frontend, u.sharedWith?.map((x) => x.frontend)])).toEqual([
      ['urlmap-exact', 'exact', catchAll ? ['wild', 'deep', 'org', 'rest'] : ['wild', 'deep', 'org']],
    ]);
    expect(plan.proxies).toMatchObject([{ kind: 'https', id: 'https-proxy-exact', urlMap: 'urlmap-exact', sslPolicy: 'ssl-exact' }]);
    const certificates = plan.proxies[0].kind === 'https' ? plan.proxies[0].certificates : [];
    expect(certificates).toEqual(catchAll ? ['rest', 'exact', 'wild', 'deep', 'org'] : ['exact', 'wild', 'deep', 'org']);
    expect(plan.forwardingRules.map((r) => [r.id, r.port])).toEqual([['fr-exact-v4', 443]]);
    expect(plan.sslPolicies.map((p) => p.id)).toEqual(['ssl-exact']);
  });

  test('every host reaches the frontend lbkit binds it to; a host no frontend serves gets 404', () => {
    const group = frontendsByPort(model.frontends)[0];
    const map = urlMapOfPlan(plan.urlMaps[0]);
    const got = HOSTS.map((h) => [h, routed(map, get(h))]);
    expect(got).toEqual(HOSTS.map((h) => [h, bindHost(group, h)?.name ?? '404']));
    // The grid reaches every frontend and, without a catch-all, the 404.
    expect(new Set(got.map(([, x]) => x))).toEqual(new Set(catchAll ? ['exact', 'wild', 'deep', 'org', 'rest'] : ['exact', 'wild', 'deep', 'org', '404']));
  });
});

test('http frontends sharing port 80 share one URL map and target HTTP proxy', () => {
  const http = (f: FrontendSpec): FrontendSpec => ({ ...f, protocol: 'http', port: 80, tls: undefined });
  const plan = planGcp(buildModel(specOf([http(frontend('a', ['a.example.com'])), http(frontend('b', undefined))])), { global: false });
  expect(plan.proxies).toEqual([{ kind: 'http', id: 'http-proxy-a', frontend: 'a', regional: true, urlMap: 'urlmap-a' }]);
  expect(plan.urlMaps[0].hostRules).toEqual([
    { hosts: ['a.example.com'], pathMatcher: 'host-a-example-com' },
    { hosts: ['*'], pathMatcher: 'any-host' },
  ]);
});

test("a port that only redirects answers unserved hosts 404 beside another port's backend service", () => {
  const redirect = (name: string, hostnames: string[]): FrontendSpec => ({
    name,
    protocol: 'http',
    port: 80,
    hostnames,
    defaultAction: { redirect: { host: `${name}.example.net` } },
  });
  const spec = specOf([frontend('site', undefined)]);
  const plan = planGcp(buildModel({ ...spec, frontends: [...spec.frontends, redirect('a', ['a.example.com']), redirect('b', ['b.example.com'])] }), {
    global: true,
  });
  const map = urlMapOfPlan(plan.urlMaps.find((u) => u.frontend === 'a')!);
  expect(plan.urlMaps.find((u) => u.frontend === 'a')!.default).toEqual({ kind: 'not-found', backendService: 'bs-site' });
  expect(evaluateUrlMap(map, get('c.example.com'))).toEqual({ kind: 'abort', status: 404 });
  expect(evaluateUrlMap(map, get('b.example.com'))).toMatchObject({ kind: 'redirect', redirect: { hostRedirect: 'b.example.net' } });
});

describe('fidelity: generated ports of frontends with host names and rules', () => {
  const NAMES = ['a.example.com', '*.example.com', '*.b.example.com', 'x.b.example.com', 'example.org'];
  const RULE_HOSTS = ['a.example.com', '*.example.com', 'z.b.example.com', '*.b.example.com', 'example.org', 'other.test'];
  const ruleArb = fc.record({
    hosts: fc.option(fc.subarray(RULE_HOSTS, { minLength: 1, maxLength: 2 }), { nil: undefined }),
    prefix: fc.option(fc.constantFrom('/api', '/'), { nil: undefined }),
  });
  const portArb = fc.record({
    catchAll: fc.boolean(),
    // Each name goes to frontend 1 or 2, or to none.
    owners: fc.array(fc.constantFrom(0, 1, 2), { minLength: NAMES.length, maxLength: NAMES.length }),
    rules: fc.array(fc.array(ruleArb, { maxLength: 2 }), { minLength: 3, maxLength: 3 }),
    http: fc.boolean(),
  });
  const REQUEST_HOSTS = [
    'a.example.com',
    'q.example.com',
    'x.b.example.com',
    'z.b.example.com',
    'y.z.b.example.com',
    'example.org',
    'www.example.org',
    'other.test',
  ];

  test('the URL map routes every (host, path) as lbkit binds and selects', () => {
    let checked = 0;
    fc.assert(
      fc.property(portArb, ({ catchAll, owners, rules, http }) => {
        const frontends = [0, 1, 2]
          .map((i) => {
            const names = i === 0 ? undefined : NAMES.filter((_, j) => owners[j] === i);
            if (i === 0 && !catchAll) return undefined;
            if (i > 0 && !names!.length) return undefined;
            const fr = rules[i].map((m, j): RuleSpec => ({
              name: `r${j}`,
              match: { ...(m.hosts ? { hosts: m.hosts } : {}), ...(m.prefix ? { paths: [{ prefix: m.prefix }] } : {}) },
              action: { forward: { pool: `f${i}r${j}` } },
            }));
            const f = frontend(`f${i}`, names, fr);
            return http ? { ...f, protocol: 'http' as const, port: 80, tls: undefined } : f;
          })
          .filter((f): f is FrontendSpec => f !== undefined);
        fc.pre(frontends.length > 0);
        let model;
        try {
          model = buildModel(specOf(frontends));
        } catch (e) {
          if (e instanceof SpecValidationError) return fc.pre(false);
          throw e;
        }
        const map = urlMapOfPlan(planGcp(model, { global: true }).urlMaps[0]);
        for (const host of REQUEST_HOSTS) {
          for (const path of ['/', '/api/x']) {
            const bound = bindHost(model.frontends, host);
            const view = { method: 'GET', host, path, query: '', sourceIp: '10.0.0.1', header: () => [] };
            const rule = bound ? selectRule(bound, view) : undefined;
            const action = rule?.action ?? bound?.defaultAction;
            const expected = action?.type === 'forward' ? action.pool : '404';
            expect({ host, path, got: routed(map, get(host, path)) }).toEqual({ host, path, got: expected });
          }
        }
        checked++;
      }),
      { numRuns: 300, seed: 1616 },
    );
    // Most generated ports are valid specs (no host name twice, at most one catch-all).
    expect(checked).toBeGreaterThan(200);
  });
});

describe('limits and outputs', () => {
  test('a port whose frontends hold more than 15 certificates is a range error on the port', () => {
    const many = Array.from({ length: 16 }, (_, i) => frontend(`f${i}`, [`h${i}.example.com`]));
    expect(() => compileForGcp(placeAnything(buildModel(specOf(many))))).toThrow(/certificates per port/);
    expect(() => compileForGcp(placeAnything(buildModel(specOf(many.slice(0, 15)))))).not.toThrow();
  });

  test('the component maps every frontend of the port to the shared URL map, and keeps priorities per frontend', async () => {
    const rules = (pool: string): RuleSpec[] => [{ name: 'api', match: { paths: [{ prefix: '/api' }] }, action: { forward: { pool } } }];
    const deploy = async (extra: RuleSpec[], ledger?: Record<string, Record<string, number>>) => {
      rec.reset();
      const spec = specOf([frontend('a', ['a.example.com'], [...extra, ...rules('x')]), frontend('b', undefined, rules('y'))]);
      const lb = new LoadBalancer('hn', placeAnything(buildModel(spec), ledger ? { routePriorities: ledger } : {}));
      await settle(rec, [lb]);
      return lb;
    };
    const before = await deploy([]);
    const [a, b] = await Promise.all([before.urlMaps.a, before.urlMaps.b].map((o) => new Promise((resolve) => o.apply(resolve))));
    expect(a).toBe(b);
    expect(before.routePriorities).toEqual({ a: { api: 1000 }, b: { api: 1000 } });
    const after = await deploy([{ name: 'first', match: { paths: [{ prefix: '/first' }] }, action: { forward: { pool: 'x' } } }], before.routePriorities);
    expect(after.routePriorities.a.api).toBe(1000);
    expect(after.routePriorities.b).toEqual({ api: 1000 });
    expect(after.routePriorities.a.first).toBeLessThan(1000);
  });
});
