/**
 * Rule filters on azure-appgw, against the local proxy: the rewrite rule sets the component renders (under
 * Pulumi's mocks), run by the Application Gateway evaluator (test/conformance/evaluators/azure-rewrites.ts,
 * written from Azure's documentation), must give the member the path, Host and headers the local proxy gives
 * it over real sockets, and give the client the response headers the local proxy gives it.
 */
import { mockPulumi, settle } from '../support/pulumi';

const recorder = mockPulumi((type) => (type === 'azure-native:network:PublicIPAddress' ? { ipAddress: '203.0.113.10' } : {}));

import { buildModel } from '../../lib/model/build';
import type { LoadBalancerSpec, RuleSpec } from '../../lib/spec/schema';
import { LoadBalancer } from '../../providers/azure';
import { request, startBackends, type LocalLoadBalancer, type TestBackend } from '../../providers/local';
import { evaluateGateway, type ApplicationGateway } from '../conformance/evaluators/azure-appgw';
import { rewriteRequest, rewriteResponse, type RewriteSubject } from '../conformance/evaluators/azure-rewrites';
import { startLb } from '../local/support';
import { agwProps } from './helpers';

const POOLS = ['headers', 'rewrite', 'fallback'];
const fwd = (pool: string) => ({ forward: { pool } });
const rules: RuleSpec[] = [
  {
    name: 'headers',
    match: { paths: [{ prefix: '/h', caseSensitive: false }] },
    action: fwd('headers'),
    requestHeaders: { set: [{ name: 'X-Env', value: 'prod' }], add: [{ name: 'X-Tag', value: 'lb' }], remove: ['X-Secret'] },
    responseHeaders: { set: [{ name: 'Cache-Control', value: 'no-store' }], add: [{ name: 'X-Backend', value: 'via-lb' }], remove: ['Content-Type'] },
  },
  {
    name: 'prefix',
    match: { paths: [{ prefix: '/api/v1' }, { prefix: '/api' }, { prefix: '/old' }] },
    action: fwd('rewrite'),
    rewrite: { path: { prefix: '/v2/' } },
  },
  { name: 'strip', match: { paths: [{ prefix: '/strip' }] }, action: fwd('rewrite'), rewrite: { path: { prefix: '/' } } },
  { name: 'root', match: { hosts: ['root.example.com'], paths: [{ prefix: '/' }] }, action: fwd('rewrite'), rewrite: { path: { prefix: '/base' } } },
  {
    name: 'full',
    match: { paths: [{ exact: '/legacy' }] },
    action: fwd('rewrite'),
    rewrite: { path: { full: '/new/home' }, host: 'internal.example.com' },
  },
  // No path condition: the rule becomes the default of the listener's path map (defaultRewriteRuleSet).
  { name: 'catch', match: { hosts: ['catch.example.com'] }, action: fwd('fallback'), rewrite: { host: 'origin.example.com' } },
];
const spec: LoadBalancerSpec = {
  name: 'filters',
  strict: false,
  frontends: [{ name: 'web', protocol: 'http', port: 80, rules, defaultAction: fwd('fallback') }],
  pools: POOLS.map((name) => ({ name, protocol: 'http' as const, port: 8080 })),
};

const CASES: Array<{ host: string; target: string; headers?: Record<string, string | string[]> }> = [
  { host: 'www.example.com', target: '/h', headers: { 'x-env': 'dev', 'x-tag': 'client', 'x-secret': 'a', 'x-other': 'kept' } },
  { host: 'www.example.com', target: '/h/x' },
  { host: 'www.example.com', target: '/api/v1/users?id=7' },
  { host: 'www.example.com', target: '/api/v1' },
  { host: 'www.example.com', target: '/api/v1x' },
  { host: 'www.example.com', target: '/api' },
  { host: 'www.example.com', target: '/api/' },
  { host: 'www.example.com', target: '/old/a/b?q' },
  { host: 'www.example.com', target: '/strip/x/y' },
  { host: 'www.example.com', target: '/strip' },
  { host: 'www.example.com', target: '/strip//x' },
  { host: 'root.example.com', target: '/' },
  { host: 'root.example.com', target: '/a/b' },
  { host: 'www.example.com', target: '/legacy?a=1' },
  { host: 'catch.example.com', target: '/anything' },
  { host: 'www.example.com', target: '/elsewhere', headers: { 'x-secret': 's' } },
];

let gateway: ApplicationGateway;
let lb: LocalLoadBalancer;
let backends: TestBackend[];

beforeAll(async () => {
  backends = await startBackends(POOLS);
  lb = await startLb(spec, { bindings: Object.fromEntries(POOLS.map((p, i) => [p, [backends[i].address]])) });
  recorder.reset();
  const component = new LoadBalancer('filters', agwProps(buildModel(spec)));
  await settle(recorder, [component]);
  gateway = recorder.resources.find((r) => r.type === 'azure-native:network:ApplicationGateway')!.inputs as unknown as ApplicationGateway;
});

afterAll(async () => {
  await lb.stop({ graceMs: 0 });
  await Promise.all(backends.map((b) => b.close()));
});

const fields = (headers: Record<string, string | string[]>): Array<[string, string]> =>
  Object.entries(headers).flatMap(([n, v]) => (Array.isArray(v) ? v : [v]).map((x) => [n, x] as [string, string]));
const lower = (subject: RewriteSubject) => Object.fromEntries(subject.headers.map(([n, v]) => [n.toLowerCase(), v]));
const WATCHED = ['host', 'x-env', 'x-tag', 'x-secret', 'x-other'];
const WATCHED_RESPONSE = ['cache-control', 'x-backend', 'content-type'];
const pick = (headers: Record<string, unknown>, names: readonly string[]) => Object.fromEntries(names.map((n) => [n, headers[n]]));

test('the gateway renders one rewrite rule set per rule with filters', () => {
  expect(gateway.rewriteRuleSets?.map((s) => s.name)).toEqual(['web_headers', 'web_prefix', 'web_strip', 'web_root', 'web_full', 'web_catch']);
});

test.each(CASES)(
  '$host $target: the member gets what the local proxy sends it, the client what the local proxy answers',
  async ({ host, target, headers = {} }) => {
    const res = await request(`${lb.url('web')}${target}`, { headers: { ...headers, host } });
    const local = JSON.parse(res.body) as { url: string; headers: Record<string, string> };

    const [path, query] = target.split('?');
    const route = evaluateGateway(gateway, { port: 80, frontendIPConfiguration: 'public-ipv4' }, host, path);
    if (route?.kind !== 'forward') throw new Error(`the gateway does not forward ${host}${target}`);
    const set = gateway.rewriteRuleSets?.find((s) => s.name === route.rewriteRuleSet);
    const received: RewriteSubject = { headers: [['Host', host], ...fields(headers)], path };
    const upstream = rewriteRequest(set, received);
    expect(`${upstream.path}${query !== undefined ? `?${query}` : ''}`).toBe(local.url);
    expect(pick(lower(upstream), WATCHED)).toEqual(pick(local.headers, WATCHED));

    const member = backends[POOLS.indexOf(route.pool)];
    const direct = await request(`http://${member.address}${local.url}`);
    const answered = rewriteResponse(set, received, { headers: fields(direct.headers as Record<string, string>), path });
    expect(pick(lower(answered), WATCHED_RESPONSE)).toEqual(pick(res.headers, WATCHED_RESPONSE));
  },
);
