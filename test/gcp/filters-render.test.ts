/**
 * Rule filters rendered on the URL map (issue 16): route rule headerAction, routeAction.urlRewrite (hostRewrite,
 * pathPrefixRewrite), urlRedirect.prefixRedirect, routeAction.timeout and retryPolicy.
 */
import { buildModel } from '../../lib/model/build';
import { matchedPrefix, rewrittenPath } from '../../lib/model/filters';
import type { RuleSpec } from '../../lib/spec/schema';
import { evaluateUrlMap, forwardedPath, redirectLocation, type GcpRequest, type UrlMap } from '../conformance/evaluators/gcp-url-map';
import { LoadBalancer } from '../../providers/gcp';
import { mockPulumi, settle } from '../support/pulumi';
import { autonamed, placeAnything } from './fixtures';

const rec = mockPulumi(autonamed);
beforeAll(() => {
  jest.spyOn(console, 'warn').mockImplementation(() => undefined);
});

test('headerAction (plural Pulumi names) and hostRewrite beside the service, on the rule that asks for them only', async () => {
  const model = buildModel({
    name: 'filters',
    frontends: [
      {
        name: 'web',
        protocol: 'http',
        port: 80,
        rules: [
          {
            name: 'api',
            match: { paths: [{ prefix: '/api' }] },
            action: { forward: { pool: 'app' } },
            requestHeaders: { set: [{ name: 'x-env', value: 'prod' }], remove: ['x-secret'] },
            responseHeaders: { add: [{ name: 'x-served-by', value: 'lb' }] },
            rewrite: { host: 'internal.example.com' },
          },
          { name: 'plain', match: { paths: [{ prefix: '/b' }] }, action: { forward: { pool: 'app' } } },
        ],
        defaultAction: { forward: { pool: 'app' } },
      },
    ],
    pools: [{ name: 'app', protocol: 'http', port: 8080 }],
  });
  rec.reset();
  const lb = new LoadBalancer('filters', placeAnything(model));
  await settle(rec, [lb]);
  const map = rec.resources.find((r) => r.type === 'gcp:compute/uRLMap:URLMap')!;
  const rules = (map.inputs.pathMatchers as Array<{ routeRules: Array<Record<string, unknown>> }>)[0].routeRules;
  expect(rules[0]).toMatchObject({
    headerAction: {
      requestHeadersToAdds: [{ headerName: 'x-env', headerValue: 'prod', replace: true }],
      requestHeadersToRemoves: ['x-secret'],
      responseHeadersToAdds: [{ headerName: 'x-served-by', headerValue: 'lb', replace: false }],
      responseHeadersToRemoves: [],
    },
    routeAction: { urlRewrite: { hostRewrite: 'internal.example.com' } },
  });
  expect(rules[0].service).toBeDefined();
  expect(rules[1].headerAction).toBeUndefined();
  expect(rules[1].routeAction).toBeUndefined();
});

/** Renders one http frontend with these rules (pool 'app') and returns the URL map's inputs, as the API reads them. */
async function renderedMap(rules: RuleSpec[], strict = true): Promise<{ map: UrlMap; model: ReturnType<typeof buildModel> }> {
  const model = buildModel({
    name: 'filters',
    strict,
    frontends: [{ name: 'web', protocol: 'http', port: 80, rules, defaultAction: { forward: { pool: 'app' } } }],
    pools: [{ name: 'app', protocol: 'http', port: 8080 }],
  });
  rec.reset();
  const lb = new LoadBalancer('filters', placeAnything(model));
  await settle(rec, [lb]);
  return { map: rec.resources.find((r) => r.type === 'gcp:compute/uRLMap:URLMap')!.inputs as unknown as UrlMap, model };
}

const get = (path: string): GcpRequest => ({ host: 'example.com', path, headers: { ':method': 'GET', ':authority': 'example.com' }, query: [] });
const PATHS = ['/', '/x', '/api', '/api/', '/api/x', '/api/v1', '/api/v1/', '/api/v1/y', '/apix', '/strip', '/strip/a/b', '/old', '/old/p', '/oldx'];

test('prefix rewrites and prefix redirects: the URL map evaluated as GCP documents gives the path and Location lbkit gives, for every path', async () => {
  const { map, model } = await renderedMap([
    { name: 'redir', match: { paths: [{ prefix: '/old' }] }, action: { redirect: { pathPrefix: '/new/', statusCode: 302 } } },
    { name: 'api', match: { paths: [{ prefix: '/api' }, { prefix: '/api/v1' }] }, action: { forward: { pool: 'app' } }, rewrite: { path: { prefix: '/v2' } } },
    { name: 'strip', match: { paths: [{ prefix: '/strip' }] }, action: { forward: { pool: 'app' } }, rewrite: { path: { prefix: '/' } } },
    { name: 'root', match: { paths: [{ prefix: '/' }] }, action: { forward: { pool: 'app' } }, rewrite: { path: { prefix: '/root' } } },
  ]);
  const rules = model.frontends[0].rules;
  const cases = PATHS.map((path) => {
    const rule = rules.find((r) => matchedPrefix(r.match.paths, path) !== undefined)!;
    const route = evaluateUrlMap(map, get(path));
    if (rule.action.type === 'redirect') {
      const location =
        route.kind === 'redirect'
          ? redirectLocation(route.redirect, { host: 'example.com', path, query: '' } as never, { scheme: 'http', port: 80 } as never, route.prefixMatch)
          : route.kind;
      return { path, got: location, want: `http://example.com${rewrittenPath({ kind: 'prefix', value: rule.action.pathPrefix! }, rule.match.paths, path)}` };
    }
    return { path, got: forwardedPath(map, get(path)), want: rewrittenPath(rule.filters!.rewrite!.path!, rule.match.paths, path) };
  });
  expect(cases.filter((c) => c.got !== c.want)).toEqual([]);
  // The cases reach every rule, and both parts of the split ones.
  expect(cases.map((c) => c.want)).toEqual(
    expect.arrayContaining(['/v2', '/v2/x', '/v2/y', '/', '/a/b', '/root', '/root/x', 'http://example.com/new', 'http://example.com/new/p']),
  );
});

test('timeouts and retries: routeAction.timeout and retryPolicy with the status class, the per-try timeout only with a retry policy', async () => {
  const forward = { forward: { pool: 'app' } };
  const { map } = await renderedMap(
    [
      {
        name: 'gw',
        match: { paths: [{ prefix: '/a' }] },
        action: forward,
        timeouts: { requestSeconds: 30, backendSeconds: 5 },
        retry: { attempts: 2, statuses: [503, 502] },
      },
      { name: 'any5xx', match: { paths: [{ prefix: '/b' }] }, action: forward, retry: { attempts: 1, statuses: [500, 503] } },
      { name: 'once', match: { paths: [{ prefix: '/c' }] }, action: forward, timeouts: { requestSeconds: 30, backendSeconds: 5 } },
      { name: 'plain', match: { paths: [{ prefix: '/d' }] }, action: forward },
    ],
    // The cells are nearest (capabilities.ts): accepted here, refused under strict.
    false,
  );
  const actions = map.pathMatchers![0].routeRules!.map((r) => r.routeAction as Record<string, unknown> | undefined);
  expect(actions).toEqual([
    { timeout: { seconds: '30' }, retryPolicy: { numRetries: 2, perTryTimeout: { seconds: '5' }, retryConditions: ['connect-failure', 'gateway-error'] } },
    { retryPolicy: { numRetries: 1, retryConditions: ['connect-failure', '5xx'] } },
    // Without a retry policy the one attempt's backend timeout bounds the route.
    { timeout: { seconds: '5' } },
    undefined,
  ]);
});
