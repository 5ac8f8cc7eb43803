/**
 * Issue 16 on azure-appgw: frontends with host names become multi-site listeners, rule filters become rewrite
 * rule sets. Plan rows, plan problems, and the component's Application Gateway under Pulumi's mocks (snapshot,
 * every sub-resource reference resolving).
 */
import { mockPulumi, settle, snapshotOf } from '../support/pulumi';

const recorder = mockPulumi((type) => (type === 'azure-native:network:PublicIPAddress' ? { ipAddress: '203.0.113.10' } : {}));

import { AzurePlanError } from '../../lib/errors';
import { buildModel } from '../../lib/model/build';
import type { FrontendSpec, LoadBalancerSpec } from '../../lib/spec/schema';
import { describeTarget } from '../../providers';
import { LoadBalancer } from '../../providers/azure';
import { planApplicationGateway } from '../../providers/azure/plan/appgw';
import { prefixRewrite } from '../../providers/azure/plan/rewrites';
import { agwProps, appgwScope, httpPool } from './helpers';

const https = (name: string, certificate: string, hostnames?: string[], extra: Partial<FrontendSpec> = {}): FrontendSpec => ({
  name,
  protocol: 'https',
  port: 443,
  ...(hostnames ? { hostnames } : {}),
  tls: { certificate },
  defaultAction: { forward: { pool: name } },
  ...extra,
});

const spec: LoadBalancerSpec = {
  name: 'sites',
  certificates: Object.entries({ shop: 'shop.example.com', wild: '*.example.com', rest: 'rest.test' }).map(([name, domain]) => ({ name, domains: [domain] })),
  frontends: [
    https('shop', 'shop', ['shop.example.com'], {
      rules: [
        {
          name: 'api',
          match: { paths: [{ prefix: '/api', caseSensitive: false }] },
          action: { forward: { pool: 'api' } },
          rewrite: { host: 'api.internal', path: { prefix: '/v2' } },
          requestHeaders: { set: [{ name: 'X-Site', value: 'shop' }], add: [{ name: 'X-Via', value: 'lb' }] },
          responseHeaders: { remove: ['Server'] },
        },
      ],
    }),
    https('wild', 'wild', ['*.example.com']),
    https('rest', 'rest', undefined, {
      rules: [
        // shop.example.com binds to 'shop' and *.example.com to 'wild': no listener of 'rest' for them.
        { name: 'shadowed', match: { hosts: ['shop.example.com', '*.a.example.com'] }, action: { forward: { pool: 'api' } } },
        { name: 'legacy', match: { hosts: ['old.test'] }, action: { forward: { pool: 'rest' } }, rewrite: { path: { full: '/legacy/index.html' } } },
      ],
    }),
    { name: 'http', protocol: 'http', port: 80, hostnames: ['shop.example.com', '*.example.com'], redirectHttpToHttps: true },
  ],
  pools: ['shop', 'wild', 'rest', 'api'].map((n) => httpPool(n)),
  strict: false,
};

const plan = (s: LoadBalancerSpec) => planApplicationGateway(appgwScope(buildModel(s)), s.name, false)!;

describe('plan', () => {
  const agw = plan(spec);

  test('one listener per host name, with its frontend certificate; only the frontend without host names has a basic listener', () => {
    expect(agw.httpListeners.map((l) => [l.name, l.hostNames, l.sslCertificate?.name, l.requireServerNameIndication])).toEqual([
      ['shop_shop.example.com', ['shop.example.com'], 'shop', true],
      ['wild_star.example.com', ['*.example.com'], 'wild', true],
      ['rest_old.test', ['old.test'], 'rest', true],
      ['rest', [], 'rest', false],
      ['http_shop.example.com', ['shop.example.com'], undefined, undefined],
      ['http_star.example.com', ['*.example.com'], undefined, undefined],
    ]);
    expect(agw.frontendPorts).toEqual([
      { name: 'port-443', port: 443 },
      { name: 'port-80', port: 80 },
    ]);
  });

  test('priorities: exact names, then the wildcard, then the basic listener', () => {
    const priority = (name: string) => agw.requestRoutingRules.find((r) => r.name === name)!.priority;
    expect(priority('shop_shop.example.com')).toBeLessThan(priority('wild_star.example.com'));
    expect(priority('rest_old.test')).toBeLessThan(priority('wild_star.example.com'));
    expect(priority('wild_star.example.com')).toBeLessThan(priority('rest'));
  });

  test('http-to-https redirects go to a listener with an exact host name (a redirect cannot target a wildcard listener)', () => {
    // One redirect configuration, used by the routing rules of both http listeners.
    expect(agw.redirectConfigurations.map((r) => r.targetListener?.name)).toEqual(['rest']);
    expect(agw.requestRoutingRules.filter((r) => r.name.startsWith('http_')).map((r) => r.target)).toEqual([
      { kind: 'redirect', redirectConfiguration: { collection: 'redirectConfigurations', name: 'http_to-https' } },
      { kind: 'redirect', redirectConfiguration: { collection: 'redirectConfigurations', name: 'http_to-https' } },
    ]);
    const onlyNamed: LoadBalancerSpec = { ...spec, frontends: [spec.frontends[0], spec.frontends[1], spec.frontends[3]] };
    expect(plan(onlyNamed).redirectConfigurations.map((r) => r.targetListener?.name)).toEqual(['shop_shop.example.com']);
  });

  test('rewrite rule sets: one per rule with filters, on its path rule or routing rule', () => {
    expect(agw.rewriteRuleSets.map((s) => [s.name, s.rewriteRules.map((r) => [r.name, r.ruleSequence])])).toEqual([
      [
        'shop_api',
        [
          ['shop_api_filters', 100],
          ['shop_api_prefix', 200],
          ['shop_api_add-request-1-present', 300],
          ['shop_api_add-request-1-absent', 400],
        ],
      ],
      ['rest_legacy', [['rest_legacy_filters', 100]]],
    ]);
    const [shop, legacy] = agw.rewriteRuleSets;
    expect(shop.rewriteRules[0]).toMatchObject({
      conditions: [],
      actionSet: {
        requestHeaderConfigurations: [
          { headerName: 'x-site', headerValue: 'shop' },
          { headerName: 'Host', headerValue: 'api.internal' },
        ],
        responseHeaderConfigurations: [{ headerName: 'server', headerValue: '' }],
      },
    });
    expect(shop.rewriteRules[2]).toMatchObject({
      conditions: [{ variable: 'http_req_x-via', pattern: '.+', negate: false }],
      actionSet: { requestHeaderConfigurations: [{ headerName: 'x-via', headerValue: '{http_req_x-via},lb' }] },
    });
    expect(shop.rewriteRules[3]).toMatchObject({
      conditions: [{ variable: 'http_req_x-via', negate: true }],
      actionSet: { requestHeaderConfigurations: [{ headerName: 'x-via', headerValue: 'lb' }] },
    });
    expect(legacy.rewriteRules[0].actionSet.urlConfiguration).toEqual({ modifiedPath: '/legacy/index.html', reroute: false });
    expect(agw.urlPathMaps.find((m) => m.name === 'shop_shop.example.com')!.pathRules[0].rewriteRuleSet).toEqual({
      collection: 'rewriteRuleSets',
      name: 'shop_api',
    });
    expect(agw.requestRoutingRules.find((r) => r.name === 'rest_old.test')!.rewriteRuleSet).toEqual({ collection: 'rewriteRuleSets', name: 'rest_legacy' });
    // The shadowed rule has no listener and no set; the basic listener of 'rest' has no rewrite.
    expect(agw.requestRoutingRules.find((r) => r.name === 'rest')!.rewriteRuleSet).toBeUndefined();
  });

  test.each([
    [['/api', '/api/v1'], '/v2', '^(?:/api/v1|/api)((?:/.*)?)$', '/v2{var_uri_path_1}'],
    [['/', '/a.b'], '/v2/', '^(?:/a\\.b|/$|)((?:/.*)?)$', '/v2{var_uri_path_1}'],
    [['/api', '/'], '/', '^(?:/api|)(?:/(.*))?$', '/{var_uri_path_1}'],
  ])('prefix rewrite of %j to %s: pattern %s, modifiedPath %s', (prefixes, to, pattern, modifiedPath) => {
    const r = prefixRewrite(
      { match: { hosts: [], paths: prefixes.map((value) => ({ kind: 'prefix', value })), headers: [], query: [], remove: [] } } as never,
      {
        kind: 'prefix',
        value: to,
      },
    );
    expect(r).toEqual({ condition: { variable: 'var_uri_path', pattern, ignoreCase: true, negate: false }, modifiedPath });
  });
});

test('lbkit plan lists the rewrite rule sets', () => {
  const rows = describeTarget(buildModel(spec), 'azure-appgw').filter((r) => r.type.endsWith('/rewriteRuleSets'));
  expect(rows.map((r) => `${r.id}: ${r.detail}`)).toEqual(['shop_api: rule api: 4 rewrite rules', 'rest_legacy: rule legacy: 1 rewrite rule']);
});

describe('plan problems', () => {
  test('a rewrite rule set over 40 header configurations names the limit', () => {
    const set = Array.from({ length: 41 }, (_, i) => ({ name: `x-h${i}`, value: 'v' }));
    const many: LoadBalancerSpec = {
      ...spec,
      frontends: [https('rest', 'rest', undefined, { rules: [{ name: 'many', action: { forward: { pool: 'rest' } }, requestHeaders: { set } }] })],
    };
    expect(() => plan(many)).toThrow(AzurePlanError);
    try {
      plan(many);
    } catch (e) {
      expect((e as AzurePlanError).problems).toEqual([
        expect.objectContaining({
          path: 'frontends[0].rules[0]',
          message: expect.stringContaining('41 number of header or url configuration per rewrite rule set; Azure allows 40'),
        }),
      ]);
    }
  });
});

describe('component', () => {
  test('the Application Gateway inputs (snapshot); every sub-resource reference resolves', async () => {
    recorder.reset();
    const secret = (name: string) => `https://kv.vault.azure.net/secrets/${name}`;
    const component = new LoadBalancer('sites', agwProps(buildModel(spec), { shop: secret('shop'), wild: secret('wild'), rest: secret('rest') }));
    await settle(recorder, [component]);
    const gateway = recorder.resources.find((r) => r.type === 'azure-native:network:ApplicationGateway')!;
    const pick = (k: string) => gateway.inputs[k];
    expect(
      snapshotOf({
        ...recorder,
        resources: [
          { ...gateway, inputs: Object.fromEntries(['httpListeners', 'requestRoutingRules', 'urlPathMaps', 'rewriteRuleSets'].map((k) => [k, pick(k)])) },
        ],
      }),
    ).toMatchSnapshot();
    const ids: string[] = [];
    const walk = (v: unknown): void => {
      if (Array.isArray(v)) v.forEach(walk);
      else if (v && typeof v === 'object')
        for (const [k, x] of Object.entries(v)) {
          if (k === 'id' && typeof x === 'string') ids.push(x);
          else walk(x);
        }
    };
    walk(gateway.inputs);
    const own = ids.filter((id) => id.includes('/applicationGateways/sites-agw/'));
    expect(own.filter((id) => id.includes('/rewriteRuleSets/'))).toHaveLength(2);
    for (const id of own) {
      const [collection, item] = id.split('/applicationGateways/sites-agw/')[1].split('/');
      expect({ id, exists: (gateway.inputs[collection] as Array<{ name: string }>).some((i) => i.name === item) }).toEqual({ id, exists: true });
    }
  });
});
