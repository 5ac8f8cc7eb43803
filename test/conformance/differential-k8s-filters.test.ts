/**
 * Rule filters on k8s-gateway, decided two ways: the Gateway API evaluator (evaluators/k8s-filters.ts, from the
 * reference) on the HTTPRoutes the plan emits, and the local proxy's own functions on the model (the rule
 * lib/model/match.ts selects, providers/local/http/filters.ts for the forwarded request, lib/model/filters.ts for
 * the response, providers/local/http/redirect.ts for prefix redirects). Seeded generated specs and requests; the
 * reference's own examples first.
 */
import fc from 'fast-check';
import { buildModel } from '../../lib/model/build';
import { applyHeaderModifier } from '../../lib/model/filters';
import { selectRule, type RequestView } from '../../lib/model/match';
import type { LoadBalancerSpec, RuleSpec } from '../../lib/spec/schema';
import { KUBERNETES_BACKEND } from '../../providers/kubernetes/backend';
import { filteredRequest } from '../../providers/local/http/filters';
import type { Inspected } from '../../providers/local/http/inspect';
import { redirectLocation } from '../../providers/local/http/redirect';
import { headerModifierArb } from './arbitraries';
import { forwardedRequest, modifyHeaders, replacePrefixMatch, respondedHeaders, type Fields } from './evaluators/k8s-filters';
import { evaluateGateway, selectRouteMatch } from './evaluators/k8s-gateway';
import type { ConformanceRequest } from './evaluators/request';

describe('the evaluator on the reference examples', () => {
  test.each([
    ['/foo/bar', '/foo', '/xyz', '/xyz/bar'],
    ['/foo/bar', '/foo', '/xyz/', '/xyz/bar'],
    ['/foo/bar', '/foo/', '/xyz', '/xyz/bar'],
    ['/foo/bar', '/foo/', '/xyz/', '/xyz/bar'],
    ['/foo', '/foo', '/xyz', '/xyz'],
    ['/foo/', '/foo', '/xyz', '/xyz/'],
    ['/foo/bar', '/foo', '', '/bar'],
    ['/foo/', '/foo', '', '/'],
    ['/foo', '/foo', '', '/'],
    ['/foo/', '/foo', '/', '/'],
    ['/foo', '/foo', '/', '/'],
  ])('ReplacePrefixMatch: %s with prefix %s and replacement %s is %s', (path, prefix, replacement, want) => {
    expect(replacePrefixMatch(path, prefix, replacement)).toBe(want);
  });

  test('HTTPHeaderFilter set, add and remove as in the reference', () => {
    expect(modifyHeaders([['my-header', 'foo']], { set: [{ name: 'my-header', value: 'bar' }] })).toEqual([['my-header', 'bar']]);
    expect(modifyHeaders([['my-header', 'foo']], { add: [{ name: 'my-header', value: 'bar,baz' }] })).toEqual([['my-header', 'foo,bar,baz']]);
    expect(
      modifyHeaders(
        [
          ['my-header1', 'foo'],
          ['my-header2', 'bar'],
          ['my-header3', 'baz'],
        ],
        { remove: ['my-header1', 'My-Header3'] },
      ),
    ).toEqual([['my-header2', 'bar']]);
  });
});

const PREFIXES = ['/api', '/api/v1', '/static', '/a/b'];
const PATHS = ['/api', '/api/', '/api/x', '/api/v1', '/api/v1/y/z', '/apix', '/static/app.js', '/a/b', '/a/b/', '/a/bc', '/', '/other'];
const HEADERS: Fields = [
  ['x-env', 'prod'],
  ['X-Trace', 'a'],
  ['x-trace', 'b'],
  ['cache-control', 'no-cache'],
];
const modifier = headerModifierArb(['x-env', 'x-trace', 'x-new', 'cache-control'], ['1', 'a,b', 'v'], ['x-env', 'x-trace', 'x-gone']);

const ruleArb = (i: number): fc.Arbitrary<RuleSpec> =>
  fc
    .record({
      prefixes: fc.uniqueArray(fc.constantFrom(...PREFIXES), { minLength: 1, maxLength: 2 }),
      methods: fc.option(fc.constantFrom<Array<'GET' | 'POST'>>(['GET'], ['GET', 'POST']), { nil: undefined }),
      requestHeaders: fc.option(modifier, { nil: undefined }),
      responseHeaders: fc.option(modifier, { nil: undefined }),
      host: fc.option(fc.constant('internal.example.com'), { nil: undefined }),
      path: fc.option(fc.constantFrom({ prefix: '/v2' }, { prefix: '/' }, { prefix: '/v2/' }, { full: '/fixed' }), { nil: undefined }),
      redirect: fc.option(fc.constantFrom('/moved', '/', '/moved/'), { nil: undefined }),
    })
    .map((r) => ({
      name: `r${i}`,
      match: { paths: r.prefixes.map((prefix) => ({ prefix })), ...(r.methods ? { methods: r.methods } : {}) },
      ...(r.redirect !== undefined
        ? { action: { redirect: { pathPrefix: r.redirect } } }
        : {
            action: { forward: { pool: `p${i}` } },
            ...(r.requestHeaders ? { requestHeaders: r.requestHeaders } : {}),
            ...(r.responseHeaders ? { responseHeaders: r.responseHeaders } : {}),
            ...(r.host || r.path ? { rewrite: { ...(r.host ? { host: r.host } : {}), ...(r.path ? { path: r.path } : {}) } } : {}),
          }),
    }));

const specArb: fc.Arbitrary<LoadBalancerSpec> = fc
  .integer({ min: 1, max: 3 })
  .chain((n) => fc.tuple(...Array.from({ length: n }, (_, i) => ruleArb(i))))
  .map((rules) => ({
    name: 'f',
    frontends: [{ name: 'web', protocol: 'http', port: 80, ruleOrder: 'most-specific', rules, defaultAction: { forward: { pool: 'fallback' } } }],
    pools: [...rules.map((_, i) => ({ name: `p${i}`, protocol: 'http' as const, port: 8080 + i })), { name: 'fallback', protocol: 'http', port: 9000 }],
    strict: false,
  }));

/** Header fields compared per name (order across names is not observable as a header map). */
const byName = (fields: Fields) =>
  [...fields].map(([n, v]) => [n.toLowerCase(), v] as const).sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : a[1] < b[1] ? -1 : a[1] > b[1] ? 1 : 0));
const flat = (fields: Fields) => fields.flatMap(([n, v]) => [n, v]);
const pairs = (list: readonly string[]): Array<[string, string]> => Array.from({ length: list.length / 2 }, (_, i) => [list[2 * i], list[2 * i + 1]]);

test('filters, rewrites and prefix redirects: the HTTPRoutes decide as the local proxy does', () => {
  const stats = { specs: 0, requests: 0, forwarded: 0, rewritten: 0, modified: 0, redirects: 0 };
  for (const spec of fc.sample(specArb, { seed: 7_301, numRuns: 400 })) {
    const model = buildModel(spec);
    const planned = KUBERNETES_BACKEND.plan({ model, target: 'k8s-gateway' });
    // Orders Gateway precedence would change and the root-prefix replacements are range problems: not rendered.
    if (planned.problems.length) continue;
    stats.specs++;
    const gateway = planned.plan!.objects.find((o) => o.kind === 'Gateway')!;
    const routes = planned.plan!.objects.filter((o) => o.kind === 'HTTPRoute');
    const frontend = model.frontends[0];
    for (const path of PATHS) {
      for (const method of ['GET', 'POST']) {
        const req: ConformanceRequest = { frontend: 'web', method, host: 'example.com', path, query: 'q=1', headers: HEADERS, sourceIp: '127.0.0.1' };
        const view: RequestView = { ...req, header: (n) => HEADERS.filter(([k]) => k.toLowerCase() === n).map(([, v]) => v) };
        const rule = selectRule(frontend, view);
        const chosen = selectRouteMatch(gateway, routes, 'web', req)!;
        stats.requests++;
        if (rule?.action.type === 'redirect') {
          stats.redirects++;
          const local = redirectLocation(rule.action, {
            scheme: 'http',
            host: req.host,
            localAddress: '127.0.0.1',
            localPort: 80,
            path,
            query: req.query,
            mapPort: (p) => p,
            rulePaths: rule.match.paths,
          });
          const gw = evaluateGateway(gateway, routes, 'web', { scheme: 'http', port: 80 }, req, (s) => s);
          expect({ path, method, location: gw.kind === 'redirect' ? gw.location : gw }).toEqual({ path, method, location: new URL(local).href });
          continue;
        }
        stats.forwarded++;
        const inspected = { host: req.host, path, query: req.query, target: `${path}?${req.query}` } as Inspected;
        const local = filteredRequest(rule, ['Host', req.host, ...flat(HEADERS)], inspected);
        const localFields = pairs(local.headers);
        const gw = forwardedRequest(chosen.rule, chosen.match, req);
        if (rule?.filters?.rewrite) stats.rewritten++;
        if (rule?.filters?.requestHeaders || rule?.filters?.responseHeaders) stats.modified++;
        expect({ path, method, target: `${gw.path}?${req.query}`, host: gw.host, headers: byName(gw.headers) }).toEqual({
          path,
          method,
          target: local.target,
          host: localFields.find(([n]) => n.toLowerCase() === 'host')![1],
          headers: byName(localFields.filter(([n]) => n.toLowerCase() !== 'host')),
        });
        const response: Fields = [
          ['server', 'echo'],
          ['x-env', 'member'],
        ];
        const localResponse = rule?.filters?.responseHeaders ? pairs(applyHeaderModifier(flat(response), rule.filters.responseHeaders)) : response;
        expect(byName(respondedHeaders(chosen.rule, response))).toEqual(byName(localResponse));
      }
    }
  }
  console.log(
    `k8s-gateway filters: ${stats.specs} specs, ${stats.requests} requests (${stats.forwarded} forwarded, ${stats.rewritten} rewritten, ${stats.modified} with header modifiers, ${stats.redirects} prefix redirects)`,
  );
  expect(stats.specs).toBeGreaterThanOrEqual(150);
  expect(stats.rewritten).toBeGreaterThan(500);
  expect(stats.redirects).toBeGreaterThan(200);
});
