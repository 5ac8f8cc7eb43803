/** Mapping rows of azure-appgw: what each spec feature becomes in the Application Gateway plan. */
import fc from 'fast-check';
import { buildModel } from '../../lib/model/build';
import { selectRule } from '../../lib/model/match';
import type { LoadBalancerSpec, RuleSpec } from '../../lib/spec/schema';
import { planApplicationGateway } from '../../providers/azure/plan/appgw';
import { pathPatterns } from '../../providers/azure/plan/routing';
import type { ApplicationGatewayPlan } from '../../providers/azure/plan/types';
import { targetName } from '../conformance/evaluators/azure-appgw';
import { agwRoute } from '../conformance/evaluators/plans';
import { appgwScope, exampleModel, httpPool, l7Spec } from './helpers';

const plan = (spec: LoadBalancerSpec): ApplicationGatewayPlan => planApplicationGateway(appgwScope(buildModel(spec)), spec.name, false)!;
const rulesSpec = (rules: RuleSpec[], extra: Partial<LoadBalancerSpec> = {}): LoadBalancerSpec =>
  l7Spec({
    frontends: [{ name: 'web', protocol: 'http', port: 80, rules, defaultAction: { forward: { pool: 'app' } } }],
    pools: ['app', 'api', 'static', 'admin'].map((n) => httpPool(n)),
    ...extra,
  });

describe('web-azure example', () => {
  const web = planApplicationGateway(appgwScope(exampleModel('web-azure.yaml')), 'web', false)!;

  test('listeners in evaluation order: the host rule first, then any host, then the redirecting http frontend (another port: its priority order does not matter)', () => {
    // Priorities from the listener names (plan/priorities.ts): exact hosts 1-9999, any host 18000-20000.
    expect(web.requestRoutingRules.map((r) => [r.name, r.priority, r.ruleType])).toEqual([
      ['https_api.example.com', 5685, 'PathBasedRouting'],
      ['https', 18365, 'PathBasedRouting'],
      ['http', 18012, 'Basic'],
    ]);
    expect(web.httpListeners.map((l) => [l.name, l.protocol, l.hostNames, l.sslCertificate?.name, l.requireServerNameIndication])).toEqual([
      ['https_api.example.com', 'Https', ['api.example.com'], 'site', true],
      ['https', 'Https', [], 'site', false],
      ['http', 'Http', [], undefined, undefined],
    ]);
  });

  test.each([
    [443, 'api.example.com', '/v1/users', 'pool:api'],
    [443, 'API.Example.com:443', '/v1', 'pool:api'],
    [443, 'api.example.com', '/v1x', 'pool:web'],
    [443, 'api.example.com', '/static/site.css', 'pool:static'],
    [443, 'api.example.com', '/home.html', 'redirect:https_rule_old-home'],
    [443, 'www.example.com', '/v1/users', 'pool:web'],
    [443, 'www.example.com', '/assets', 'pool:static'],
    [443, 'www.example.com', '/assets/a/b.png', 'pool:static'],
    [443, 'www.example.com', '/assetsx', 'pool:web'],
    [443, 'www.example.com', '/home.html', 'redirect:https_rule_old-home'],
    [443, 'www.example.com', '/', 'pool:web'],
    [80, 'www.example.com', '/v1/users', 'redirect:http_to-https'],
  ])('port %i host %s path %s reaches %s', (port, host, path, expected) => {
    expect(targetName(agwRoute(web, port, host, path))).toBe(expected);
  });

  test('redirects: old-home keeps the host and drops the path, http goes to the https listener with path and query', () => {
    expect(web.redirectConfigurations).toEqual([
      {
        name: 'https_rule_old-home',
        redirectType: 'Permanent',
        includePath: false,
        includeQueryString: true,
        targetListener: { collection: 'httpListeners', name: 'https' },
      },
      {
        name: 'http_to-https',
        redirectType: 'Permanent',
        includePath: true,
        includeQueryString: true,
        targetListener: { collection: 'httpListeners', name: 'https' },
      },
    ]);
  });

  test('pools: settings, probes and the WAF_v2 SKU the rate limit needs', () => {
    expect(web.sku).toBe('WAF_v2');
    expect(web.frontendPorts).toEqual([
      { name: 'port-443', port: 443 },
      { name: 'port-80', port: 80 },
    ]);
    expect(
      web.backendHttpSettings.map((s) => [s.name, s.port, s.protocol, s.cookieBasedAffinity, s.affinityCookieName, s.connectionDraining, s.requestTimeout]),
    ).toEqual([
      ['web', 8080, 'Http', 'Enabled', 'ApplicationGatewayAffinity', { enabled: true, drainTimeoutInSec: 30 }, 60],
      ['api', 9000, 'Http', 'Disabled', undefined, { enabled: true, drainTimeoutInSec: 60 }, 60],
      ['static', 8081, 'Http', 'Disabled', undefined, { enabled: true, drainTimeoutInSec: 10 }, 60],
    ]);
    expect(web.probes[0]).toEqual({
      name: 'web',
      pool: 'web',
      protocol: 'Http',
      path: '/healthz',
      port: 8080,
      interval: 10,
      timeout: 5,
      unhealthyThreshold: 3,
      statusCodes: ['200'],
    });
    expect(web.sslPolicy).toEqual({ policyType: 'Predefined', policyName: 'AppGwSslPolicy20220101' });
    expect(web.sslProfiles).toEqual([]);
  });
});

describe('paths', () => {
  test.each([
    [{ kind: 'prefix', value: '/p' }, ['/p', '/p/*']],
    [{ kind: 'prefix', value: '/a/b' }, ['/a/b', '/a/b/*']],
    [{ kind: 'prefix', value: '/' }, ['/*']],
    [{ kind: 'exact', value: '/home.html' }, ['/home.html']],
  ] as const)('%j compiles to %j', (path, patterns) => {
    expect(pathPatterns(path)).toEqual(patterns);
  });

  test('a pattern an earlier path rule lists is left out of later ones; a rule left with none is dropped', () => {
    const p = plan(
      rulesSpec([
        { name: 'api', match: { paths: [{ prefix: '/api' }] }, action: { forward: { pool: 'api' } } },
        { name: 'api-again', match: { paths: [{ exact: '/api' }, { exact: '/API/v2' }] }, action: { forward: { pool: 'admin' } } },
        { name: 'shadowed', match: { paths: [{ prefix: '/api' }] }, action: { forward: { pool: 'static' } } },
      ]),
    );
    expect(p.urlPathMaps[0].pathRules.map((r) => [r.rule, r.paths])).toEqual([
      ['api', ['/api', '/api/*']],
      ['api-again', ['/API/v2']],
    ]);
  });

  test('a rule without path condition becomes the map default and ends the map', () => {
    const p = plan(
      rulesSpec([
        { name: 'admin', match: { hosts: ['admin.example.com'] }, action: { forward: { pool: 'admin' } } },
        { name: 'api', match: { paths: [{ prefix: '/api' }] }, action: { forward: { pool: 'api' } } },
      ]),
    );
    expect(p.requestRoutingRules.map((r) => [r.name, r.ruleType, targetName(r.target)])).toEqual([
      ['web_admin.example.com', 'Basic', 'pool:admin'],
      ['web', 'PathBasedRouting', 'none'],
    ]);
    expect(targetName(agwRoute(p, 80, 'admin.example.com', '/api/x'))).toBe('pool:admin');
  });
});

describe('hosts', () => {
  test('exact hosts first, then wildcards with the longest suffix first, then any host', () => {
    const p = plan(
      rulesSpec([
        { name: 'wide', match: { hosts: ['*.example.com'] }, action: { forward: { pool: 'static' } } },
        { name: 'narrow', match: { hosts: ['*.eu.example.com'] }, action: { forward: { pool: 'admin' } } },
        { name: 'exact', match: { hosts: ['shop.eu.example.com'], paths: [{ prefix: '/api' }] }, action: { forward: { pool: 'api' } } },
      ]),
    );
    expect(p.httpListeners.map((l) => l.hostNames)).toEqual([['shop.eu.example.com'], ['*.eu.example.com'], ['*.example.com'], []]);
    // shop.eu.example.com: 'wide' comes first in the spec and matches it, so /api never reaches 'exact'.
    expect(targetName(agwRoute(p, 80, 'shop.eu.example.com', '/api'))).toBe('pool:static');
    expect(targetName(agwRoute(p, 80, 'a.b.eu.example.com', '/'))).toBe('pool:static');
    expect(targetName(agwRoute(p, 80, 'example.com', '/'))).toBe('pool:app');
  });

  test('host listener names are stable and keep a wildcard readable', () => {
    const p = plan(rulesSpec([{ name: 'w', match: { hosts: ['*.example.com'] }, action: { forward: { pool: 'api' } } }]));
    expect(p.httpListeners.map((l) => l.name)).toEqual(['web_star.example.com', 'web']);
  });

  // First match over hosts and paths, as the model defines it, equals what the compiled gateway does, for
  // lower-case paths (Application Gateway's case-insensitive paths are the accepted nearest mapping).
  test("compiled routing equals the model's first match on generated rules and requests", () => {
    const hosts = ['a.example.com', 'b.example.com', '*.example.com', 'x.a.example.com', '*.a.example.com'];
    const paths = ['/', '/api', '/api/v1', '/static', '/x'];
    const rule = fc.record({
      hosts: fc.uniqueArray(fc.constantFrom(...hosts), { maxLength: 2 }),
      paths: fc.uniqueArray(fc.tuple(fc.constantFrom('exact', 'prefix'), fc.constantFrom(...paths)), { maxLength: 2, selector: ([k, v]) => `${k}${v}` }),
      pool: fc.constantFrom('api', 'static', 'admin'),
    });
    const requests = fc.array(
      fc.tuple(
        fc.constantFrom('a.example.com', 'B.example.com:80', 'x.a.example.com', 'y.x.a.example.com', 'example.com', 'other.org'),
        fc.constantFrom('/', '/api', '/api/', '/api/v1', '/api/v1/x', '/apix', '/static/a', '/x', '/xy', '/home'),
      ),
      { minLength: 1, maxLength: 20 },
    );
    fc.assert(
      fc.property(fc.array(rule, { maxLength: 5 }), fc.constantFrom('first-match', 'most-specific'), requests, (rules, ruleOrder, reqs) => {
        const spec = rulesSpec(
          rules.map((r, i) => ({
            name: `r${i}`,
            match: { ...(r.hosts.length ? { hosts: r.hosts } : {}), ...(r.paths.length ? { paths: r.paths.map(([k, v]) => ({ [k]: v })) } : {}) },
            action: { forward: { pool: r.pool } },
          })),
        );
        spec.frontends[0] = { ...spec.frontends[0], ruleOrder: ruleOrder as 'first-match' };
        const model = buildModel(spec);
        const p = planApplicationGateway(appgwScope(model), 'shop', false)!;
        for (const [host, path] of reqs) {
          const frontend = model.frontends[0];
          const chosen = selectRule(frontend, { method: 'GET', host, path, query: '', header: () => [], sourceIp: '192.0.2.1' });
          const expected = (chosen?.action ?? frontend.defaultAction)!;
          expect(targetName(agwRoute(p, 80, host, path))).toBe(`pool:${expected.type === 'forward' ? expected.pool : '?'}`);
        }
      }),
      { numRuns: 300, seed: 20240501 },
    );
  });
});

describe('redirects', () => {
  const redirecting = (redirect: object) =>
    plan(
      rulesSpec([{ name: 'go', match: { paths: [{ exact: '/go' }] }, action: { redirect } }], {
        frontends: [
          {
            name: 'web',
            protocol: 'http',
            port: 80,
            rules: [{ name: 'go', match: { paths: [{ exact: '/go' }] }, action: { redirect } }],
            defaultAction: { forward: { pool: 'app' } },
          },
          { name: 'tls', protocol: 'https', port: 443, tls: { certificate: 'site' }, defaultAction: { forward: { pool: 'app' } } },
        ],
        certificates: [{ name: 'site' }],
      }),
    ).redirectConfigurations[0];

  test.each([
    [301, 'Permanent'],
    [302, 'Found'],
    [303, 'SeeOther'],
    [307, 'Temporary'],
    [308, 'Permanent'],
  ] as const)('status %i is %s', (statusCode, type) => {
    expect(redirecting({ scheme: 'https', statusCode }).redirectType).toBe(type);
  });

  test('keeping the host: to the basic listener of the frontend serving the scheme and port', () => {
    expect(redirecting({ scheme: 'https' })).toMatchObject({
      targetListener: { collection: 'httpListeners', name: 'tls' },
      includePath: true,
      includeQueryString: true,
    });
    expect(redirecting({ scheme: 'https', path: '/', query: '' })).toMatchObject({ includePath: false, includeQueryString: false });
  });

  test('naming a host: a fixed URL; the request path is appended unless the redirect sets one', () => {
    expect(redirecting({ host: 'www.example.com' })).toEqual({
      name: 'web_rule_go',
      redirectType: 'Permanent',
      targetUrl: 'http://www.example.com',
      includePath: true,
      includeQueryString: true,
    });
    expect(redirecting({ scheme: 'https', host: 'www.example.com', port: 8443, path: '/new', query: 'a=1' })).toMatchObject({
      targetUrl: 'https://www.example.com:8443/new?a=1',
      includePath: false,
      includeQueryString: false,
    });
  });
});

describe('TLS', () => {
  const tlsSpec = (frontends: LoadBalancerSpec['frontends'], extra: Partial<LoadBalancerSpec> = {}) =>
    l7Spec({
      frontends,
      certificates: [
        { name: 'site', domains: ['example.com'] },
        { name: 'other', domains: ['*.other.org'] },
      ],
      trustStores: [{ name: 'clients' }],
      ...extra,
    });
  const https = (name: string, port: number, tls: object) => ({
    name,
    protocol: 'https' as const,
    port,
    tls: { certificate: 'site', ...tls },
    defaultAction: { forward: { pool: 'app' } },
  });

  test('minimum 1.2: the predefined AppGwSslPolicy20220101', () => {
    expect(plan(tlsSpec([https('a', 443, { minimumVersion: '1.2' })])).sslPolicy).toEqual({ policyType: 'Predefined', policyName: 'AppGwSslPolicy20220101' });
  });

  test('minimum 1.3 everywhere: a CustomV2 gateway policy with TLSv1_3', () => {
    const p = plan(tlsSpec([https('a', 443, { minimumVersion: '1.3' })]));
    expect(p.sslPolicy).toEqual({ policyType: 'CustomV2', minProtocolVersion: 'TLSv1_3' });
    expect(p.sslProfiles).toEqual([]);
  });

  test('mixed versions and mutual TLS: SSL profiles for the frontends that differ', () => {
    const p = plan(
      tlsSpec([https('a', 443, {}), https('b', 8443, { minimumVersion: '1.3' }), https('c', 9443, { clientCertificateTrust: { trustStore: 'clients' } })]),
    );
    expect(p.sslPolicy.policyName).toBe('AppGwSslPolicy20220101');
    expect(p.sslProfiles).toEqual([
      { name: 'b', frontend: 'b', sslPolicy: { policyType: 'CustomV2', minProtocolVersion: 'TLSv1_3' }, trustedClientCertificates: [] },
      { name: 'c', frontend: 'c', sslPolicy: { policyType: 'Predefined', policyName: 'AppGwSslPolicy20220101' }, trustedClientCertificates: ['clients'] },
    ]);
    expect(p.trustedClientCertificates).toEqual(['clients']);
    expect(p.httpListeners.map((l) => [l.name, l.sslProfile?.name])).toEqual([
      ['a', undefined],
      ['b', 'b'],
      ['c', 'c'],
    ]);
  });

  test('additional certificates: a listener per covered host name, presenting that certificate', () => {
    const p = plan(tlsSpec([https('a', 443, { additionalCertificates: ['other'] })]));
    expect(p.sslCertificates).toEqual(['site', 'other']);
    expect(p.httpListeners.map((l) => [l.name, l.hostNames, l.sslCertificate?.name])).toEqual([
      ['a_star.other.org', ['*.other.org'], 'other'],
      ['a', [], 'site'],
    ]);
  });
});

describe('placement shapes', () => {
  test('internal: listeners on the private frontend; the public IP serves only the management plane', () => {
    const p = plan(l7Spec({ scheme: 'internal' }));
    expect(p.frontendIPConfigurations).toEqual([
      { name: 'public-ipv4', kind: 'public', ipVersion: 'IPv4', publicIp: 'shop-agw-ipv4', hasListeners: false },
      { name: 'private-ipv4', kind: 'private', ipVersion: 'IPv4', hasListeners: true },
    ]);
    expect(p.httpListeners[0].frontendIPConfiguration.name).toBe('private-ipv4');
  });

  test('dualstack: each listener and routing rule twice, the IPv6 one after the IPv4 ones', () => {
    const p = plan(l7Spec({ ipAddressType: 'dualstack' }));
    expect(p.publicIps.map((ip) => [ip.name, ip.ipVersion])).toEqual([
      ['shop-agw-ipv4', 'IPv4'],
      ['shop-agw-ipv6', 'IPv6'],
    ]);
    expect(p.httpListeners.map((l) => [l.name, l.frontendIPConfiguration.name])).toEqual([
      ['web', 'public-ipv4'],
      ['web_ipv6', 'public-ipv6'],
    ]);
    expect(p.requestRoutingRules.map((r) => [r.name, r.priority])).toEqual([
      ['web', 18181],
      ['web_ipv6', 18607],
    ]);
  });

  test('probe success codes become status code ranges; draining and idle timeout reach the backend settings', () => {
    const p = plan(
      l7Spec({
        frontends: [{ name: 'web', protocol: 'http', port: 80, idleTimeoutSeconds: 120, defaultAction: { forward: { pool: 'app' } } }],
        pools: [
          httpPool('app', {
            healthCheck: { path: '/', successCodes: '200-299,302', healthyThreshold: 1, unhealthyThreshold: 7, intervalSeconds: 20, timeoutSeconds: 3 },
            drainingSeconds: 90,
          }),
        ],
      }),
    );
    expect(p.probes[0]).toMatchObject({ statusCodes: ['200-299', '302'], unhealthyThreshold: 7, interval: 20, timeout: 3 });
    expect(p.backendHttpSettings[0]).toMatchObject({
      requestTimeout: 120,
      connectionDraining: { enabled: true, drainTimeoutInSec: 90 },
      cookieBasedAffinity: 'Disabled',
    });
    expect(p.sku).toBe('Standard_v2');
    expect(p.wafPolicies).toEqual([]);
  });
});
