/**
 * Application Gateway and Load Balancer limits (azure-subscription-service-limits) are plan problems
 * (LBKIT_AZURE_PLAN) naming the limit and that it is not raised on request; a spec at the limit plans.
 */
import { TARGETS } from '../../providers';
import { AZURE_BACKEND } from '../../providers/azure';
import { AGW_LIMITS } from '../../providers/azure/plan/limits';
import { buildModel } from '../../lib/model/build';
import type { FrontendSpec, LoadBalancerSpec, RuleSpec } from '../../lib/spec/schema';
import { httpPool, l7Spec } from './helpers';

const range = (n: number) => Array.from({ length: n }, (_, i) => i);
const planProblems = (spec: LoadBalancerSpec) => {
  // strict: false accepts the nearest mappings (case-insensitive paths, WAF client restriction): limits only.
  const result = AZURE_BACKEND.plan({ model: buildModel({ ...spec, strict: false }), target: 'azure-appgw', knownTargets: TARGETS });
  return { plan: result.plan, problems: result.problems.map((p) => ({ code: p.code, path: p.path, message: p.message })) };
};
const web = (rules: RuleSpec[], extra: Partial<FrontendSpec> = {}): FrontendSpec => ({
  name: 'web',
  protocol: 'http',
  port: 80,
  rules,
  defaultAction: { forward: { pool: 'app' } },
  ...extra,
});

/** A frontend with `n` rules, each on its own host (one listener each), forwarding to the default pool. */
const hostRules = (n: number): LoadBalancerSpec =>
  l7Spec({ frontends: [web(range(n).map((i) => ({ name: `h${i}`, match: { hosts: [`h${i}.example.com`] }, action: { forward: { pool: 'app' } } })))] });
/** A frontend with `n` path rules, each to its own pool. */
const pathRules = (n: number): LoadBalancerSpec =>
  l7Spec({
    frontends: [web(range(n).map((i) => ({ name: `p${i}`, match: { paths: [{ exact: `/p${i}` }] }, action: { forward: { pool: `p${i}` } } })))],
    pools: [httpPool('app'), ...range(n).map((i) => httpPool(`p${i}`))],
  });
/** `n` frontends on ports 8000.. */
const ports = (n: number): LoadBalancerSpec =>
  l7Spec({ frontends: range(n).map((i) => ({ name: `f${i}`, protocol: 'http' as const, port: 8000 + i, defaultAction: { forward: { pool: 'app' } } })) });

const limitNames = (spec: LoadBalancerSpec) =>
  planProblems(spec).problems.map((p) => {
    expect(p.code).toBe('LBKIT_AZURE_PLAN');
    expect(p.message).toMatch(/azure-subscription-service-limits#application-gateway-limits/);
    expect(p.message).toMatch(/not a quota Azure raises on request/);
    return /\('([^']+)'/.exec(p.message)?.[1];
  });

test('the documented values', () => {
  expect(Object.fromEntries(Object.entries(AGW_LIMITS).map(([k, v]) => [k, v.max]))).toEqual({
    frontendPorts: 100,
    backendAddressPools: 100,
    backendHttpSettings: 100,
    httpListeners: 100,
    requestRoutingRules: 400,
    rewriteRuleSets: 400,
    rewriteConfigurationsPerSet: 40,
    rewriteConditionsPerSet: 40,
    pathRulesPerUrlMap: 100,
    redirectConfigurations: 100,
    sslCertificates: 100,
    trustedClientCertificates: 200,
    wafIpRangesPerCondition: 600,
  });
});

test('listeners: 99 host rules (100 listeners with the any-host one) plan; 100 do not', () => {
  expect(planProblems(hostRules(99))).toMatchObject({ problems: [] });
  expect(planProblems(hostRules(99)).plan?.applicationGateway?.httpListeners).toHaveLength(100);
  expect(limitNames(hostRules(100))).toEqual(['HTTP listeners (active, routing traffic)']);
  expect(planProblems(hostRules(100)).plan).toBeUndefined();
});

test('pools and HTTP settings: 100 pools plan, 101 do not', () => {
  expect(planProblems(pathRules(99)).problems).toEqual([]);
  expect(limitNames(pathRules(100))).toEqual(['Backend address pools', 'Backend HTTP settings']);
  expect(planProblems(pathRules(100)).problems.map((p) => p.path)).toEqual(['pools', 'pools']);
});

test('path rules per URL map: 100 plan, 101 do not', () => {
  const paths = (n: number) =>
    l7Spec({ frontends: [web(range(n).map((i) => ({ name: `p${i}`, match: { paths: [{ exact: `/p${i}` }] }, action: { forward: { pool: 'app' } } })))] });
  expect(planProblems(paths(100)).problems).toEqual([]);
  expect(limitNames(paths(101))).toEqual(['Maximum path-based rules per URL map']);
  expect(planProblems(paths(101)).problems.map((p) => p.path)).toEqual(['frontends[0].rules']);
});

test('frontend ports: 100 plan, 101 do not (nor do their 101 listeners)', () => {
  expect(planProblems(ports(100)).problems).toEqual([]);
  expect(limitNames(ports(101))).toEqual(['Frontend ports', 'HTTP listeners (active, routing traffic)']);
});

test('client CIDRs: 600 in one WAF match condition plan, 601 do not', () => {
  const cidrs = (n: number) => l7Spec({ frontends: [web([], { allowedSourceCidrs: range(n).map((i) => `10.${i >> 8}.${i & 255}.0/24`) })] });
  expect(planProblems(cidrs(600)).problems).toEqual([]);
  expect(limitNames(cidrs(601))).toEqual(['WAF IP address ranges per match condition (CRS 3.2)']);
  expect(planProblems(cidrs(601)).problems[0].path).toBe('frontends[0].allowedSourceCidrs');
});
