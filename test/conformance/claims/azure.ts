/**
 * Native claims of azure-lb and azure-appgw, asserted on the Azure plan (what the component renders 1:1),
 * and for access logs on the rendered resources. Specs start from the Azure tests' exact-on-Azure builders.
 */
import { buildModel } from '../../../lib/model/build';
import type { LoadBalancerSpec } from '../../../lib/spec/schema';
import { LoadBalancer } from '../../../providers/azure';
import { planAzure, type ApplicationGatewayPlan, type AzurePlan, type LoadBalancerPlan } from '../../../providers/azure/plan';
import { GATEWAY_SUBNET, httpPool, IDENTITY, l4Spec, l7Spec, RESOURCE_GROUP, SITE_SECRET, SUBSCRIPTION, WORKSPACE } from '../../azure/helpers';
import { settle, type PulumiRecorder, type RecordedResource } from '../../support/pulumi';
import { forTarget, type Claim, type Claims } from './claim';

export interface AzureCompiled {
  readonly plan: AzurePlan;
  readonly agw: ApplicationGatewayPlan;
  readonly lb: LoadBalancerPlan;
  /** The component's resources under Pulumi's mocks. */
  readonly render: () => Promise<RecordedResource[]>;
}

let serial = 0;
export function compileAzure(spec: LoadBalancerSpec, recorder: PulumiRecorder): AzureCompiled {
  const model = buildModel(spec);
  const plan = planAzure(model);
  return {
    plan,
    agw: plan.applicationGateway!,
    lb: plan.loadBalancer!,
    render: async () => {
      recorder.reset();
      const component = new LoadBalancer(`claim${++serial}`, {
        model,
        resourceGroupName: RESOURCE_GROUP,
        location: 'westeurope',
        subscriptionId: SUBSCRIPTION,
        applicationGateway: { subnetId: GATEWAY_SUBNET, identityId: IDENTITY, privateIPAddress: '10.0.3.10' },
        certificates: { site: SITE_SECRET },
        accessLogs: { workspaceId: WORKSPACE },
      });
      await settle(recorder, [component]);
      return [...recorder.resources];
    },
  };
}

type C = Claim<AzureCompiled>;
const claim = (spec: LoadBalancerSpec, check: (c: AzureCompiled) => void | Promise<void>): C => ({ spec, check });
const HTTPS = { name: 'secure', protocol: 'https' as const, port: 443, tls: { certificate: 'site' }, defaultAction: { forward: { pool: 'app' } } };
const certificates = [{ name: 'site', domains: ['example.com'] }];
const withRules = (rules: NonNullable<LoadBalancerSpec['frontends'][number]['rules']>, extra: Partial<LoadBalancerSpec> = {}) =>
  l7Spec({
    frontends: [{ name: 'web', protocol: 'http', port: 80, rules, defaultAction: { forward: { pool: 'app' } } }],
    pools: [httpPool('app'), httpPool('api')],
    ...extra,
  });
const redirectTo = (statusCode: 301 | 302 | 303 | 307) =>
  withRules([{ name: 'go', match: { hosts: ['old.example.com'] }, action: { redirect: { host: 'new.example.com', statusCode } } }]);
const redirectType = (c: AzureCompiled) => c.agw.redirectConfigurations.find((r) => r.name.includes('go'))!.redirectType;
const rateLimited = (rateLimit: object) =>
  l7Spec({
    frontends: [
      { name: 'web', protocol: 'http', port: 80, defaultAction: { forward: { pool: 'app' } } },
      { name: 'other', protocol: 'http', port: 8080, defaultAction: { forward: { pool: 'app' } } },
    ],
    rateLimits: [{ name: 'per-ip', limit: 100, windowSeconds: 60, scope: { frontends: ['web'] }, ...rateLimit }],
    allowNearest: ['azure-appgw:pool.fail-closed', 'azure-appgw:rate-limit.client-ip'],
  });

const APPGW: Record<string, C> = {
  // Application Gateway path rules compare without case: caseSensitive: false is its own behaviour, written as is.
  'rule.match.path.case-insensitive': claim(
    withRules([{ name: 'api', match: { paths: [{ prefix: '/API', caseSensitive: false }] }, action: { forward: { pool: 'api' } } }]),
    (c) => expect(c.agw.urlPathMaps.flatMap((m) => m.pathRules.flatMap((r) => r.paths))).toEqual(expect.arrayContaining(['/API', '/API/*'])),
  ),
  // Rewrite rule sets (plan/rewrites.ts): the set of the rule, attached to its path rule, carries the rewrite.
  'rule.filter.rewrite-host': claim(
    withRules([
      { name: 'api', match: { paths: [{ prefix: '/api', caseSensitive: false }] }, action: { forward: { pool: 'api' } }, rewrite: { host: 'in.example.com' } },
    ]),
    (c) => {
      expect(c.agw.rewriteRuleSets).toEqual([
        expect.objectContaining({
          name: 'web_api',
          rewriteRules: [
            expect.objectContaining({
              conditions: [],
              actionSet: expect.objectContaining({ requestHeaderConfigurations: [{ headerName: 'Host', headerValue: 'in.example.com' }] }),
            }),
          ],
        }),
      ]);
      expect(c.agw.urlPathMaps[0].pathRules[0].rewriteRuleSet).toEqual({ collection: 'rewriteRuleSets', name: 'web_api' });
    },
  ),
  'rule.filter.rewrite-path-full': claim(withRules([{ name: 'api', action: { forward: { pool: 'api' } }, rewrite: { path: { full: '/v2/status' } } }]), (c) => {
    expect(c.agw.rewriteRuleSets[0].rewriteRules).toEqual([
      expect.objectContaining({ conditions: [], actionSet: expect.objectContaining({ urlConfiguration: { modifiedPath: '/v2/status', reroute: false } }) }),
    ]);
    expect(c.agw.requestRoutingRules[0].rewriteRuleSet).toEqual({ collection: 'rewriteRuleSets', name: 'web_api' });
  }),
  'lb.scheme.internal': claim(l7Spec({ scheme: 'internal' }), (c) => {
    expect(c.agw.internal).toBe(true);
    expect(c.agw.httpListeners.map((l) => l.frontendIPConfiguration.name)).toEqual(['private-ipv4']);
  }),
  'lb.ip.dualstack': claim(l7Spec({ ipAddressType: 'dualstack' }), (c) => expect(c.agw.httpListeners.map((l) => l.ipVersion)).toEqual(['IPv4', 'IPv6'])),
  'lb.access-logs': claim(l7Spec({ accessLogs: { prefix: 'gw' } }), async (c) => {
    const setting = (await c.render()).find((r) => r.type === 'azure-native:monitor:DiagnosticSetting')!;
    expect(setting.inputs).toMatchObject({
      name: 'gw-access-logs',
      logs: [{ category: 'ApplicationGatewayAccessLog', enabled: true }],
      workspaceId: WORKSPACE,
    });
  }),
  // Operations (issue 19): Azure Monitor metric alerts (providers/azure/plan/alerts.ts)
  'alarm.unhealthy-members': claim(l7Spec({ alarms: [{ name: 'a', metric: 'unhealthy-members', pool: 'app', threshold: 0 }] }), (c) =>
    expect(c.agw.metricAlerts).toMatchObject([
      {
        metricName: 'UnhealthyHostCount',
        timeAggregation: 'Minimum',
        operator: 'GreaterThan',
        dimensions: [{ name: 'BackendSettingsPool', values: ['app~app'] }],
      },
    ]),
  ),
  'alarm.healthy-members': claim(l7Spec({ alarms: [{ name: 'a', metric: 'healthy-members', pool: 'app', threshold: 1 }] }), (c) =>
    expect(c.agw.metricAlerts).toMatchObject([
      { metricName: 'HealthyHostCount', timeAggregation: 'Maximum', operator: 'LessThan', dimensions: [{ name: 'BackendSettingsPool', values: ['app~app'] }] },
    ]),
  ),
  // Protection (providers/azure/plan/waf-protection.ts, plan/ddos.ts): rules on the frontend's own WAF policy.
  'protection.ip-deny': claim(l7Spec({ protection: { ipDeny: ['203.0.113.0/24'] } }), (c) => {
    expect(c.agw.sku).toBe('WAF_v2');
    expect(c.agw.wafPolicies.find((p) => p.key === 'web')!.customRules[0]).toMatchObject({
      name: 'ProtectionIpDeny',
      action: 'Block',
      matchConditions: [{ variableName: 'RemoteAddr', operator: 'IPMatch', negationConditon: false, matchValues: ['203.0.113.0/24'] }],
    });
  }),
  'protection.ip-allow': claim(l7Spec({ protection: { ipAllow: ['198.51.100.0/24'] } }), (c) =>
    expect(c.agw.wafPolicies.find((p) => p.key === 'web')!.customRules[0]).toMatchObject({
      name: 'ProtectionIpAllow',
      action: 'Block',
      matchConditions: [{ variableName: 'RemoteAddr', operator: 'IPMatch', negationConditon: true, matchValues: ['198.51.100.0/24'] }],
    }),
  ),
  'protection.geo': claim(l7Spec({ protection: { geo: { allow: ['DE', 'FR'] } } }), (c) =>
    expect(c.agw.wafPolicies.find((p) => p.key === 'web')!.customRules[0]).toMatchObject({
      name: 'ProtectionGeo',
      action: 'Block',
      matchConditions: [{ variableName: 'RemoteAddr', operator: 'GeoMatch', negationConditon: true, matchValues: ['DE', 'FR'] }],
    }),
  ),
  'protection.ddos-advanced': claim(l7Spec({ protection: { ddos: 'advanced' } }), async (c) => {
    const ips = (await c.render()).filter((r) => r.type === 'azure-native:network:PublicIPAddress');
    expect(ips.map((ip) => ip.inputs.ddosSettings)).toEqual([{ protectionMode: 'Enabled' }]);
  }),
  'frontend.protocol.http': claim(l7Spec(), (c) => expect(c.agw.httpListeners[0]).toMatchObject({ protocol: 'Http', frontendPort: { name: 'port-80' } })),
  'frontend.protocol.https': claim(l7Spec({ certificates, frontends: [HTTPS] }), (c) =>
    expect(c.agw.httpListeners[0]).toMatchObject({ protocol: 'Https', sslCertificate: { name: 'site' } }),
  ),
  'frontend.tls.minimum-1.3': claim(l7Spec({ certificates, frontends: [{ ...HTTPS, tls: { certificate: 'site', minimumVersion: '1.3' } }] }), (c) => {
    expect(c.agw.sslPolicy).toEqual({ policyType: 'CustomV2', minProtocolVersion: 'TLSv1_3' });
  }),
  'frontend.tls.mtls-verify': claim(
    l7Spec({
      certificates,
      trustStores: [{ name: 'ca' }],
      frontends: [{ ...HTTPS, tls: { certificate: 'site', clientCertificateTrust: { trustStore: 'ca' } } }],
    }),
    (c) => {
      expect(c.agw.sslProfiles).toMatchObject([{ frontend: 'secure', trustedClientCertificates: ['ca'] }]);
      expect(c.agw.httpListeners[0].sslProfile).toEqual({ collection: 'sslProfiles', name: 'secure' });
    },
  ),
  'frontend.redirect-http-to-https': claim(
    l7Spec({ certificates, frontends: [{ name: 'web', protocol: 'http', port: 80, redirectHttpToHttps: true }, HTTPS] }),
    (c) => {
      expect(c.agw.redirectConfigurations).toEqual([
        expect.objectContaining({
          redirectType: 'Permanent',
          includePath: true,
          includeQueryString: true,
          targetListener: { collection: 'httpListeners', name: 'secure' },
        }),
      ]);
    },
  ),
  'frontend.rule-order.most-specific': claim(
    l7Spec({
      frontends: [
        {
          name: 'web',
          protocol: 'http',
          port: 80,
          ruleOrder: 'most-specific',
          rules: [
            { name: 'wide', match: { hosts: ['*.example.com'] }, action: { forward: { pool: 'api' } } },
            { name: 'exact', match: { hosts: ['a.example.com'] }, action: { forward: { pool: 'app' } } },
          ],
          defaultAction: { forward: { pool: 'app' } },
        },
      ],
      pools: [httpPool('app'), httpPool('api')],
    }),
    (c) => {
      // First match would send a.example.com to 'wide' (api); most-specific puts the exact host first.
      expect(c.agw.requestRoutingRules.find((r) => r.name === 'web_a.example.com')!.target).toMatchObject({ kind: 'forward', pool: 'app' });
    },
  ),
  'rule.match.host.exact': claim(withRules([{ name: 'a', match: { hosts: ['api.example.com'] }, action: { forward: { pool: 'api' } } }]), (c) => {
    expect(c.agw.httpListeners.map((l) => l.hostNames)).toEqual([['api.example.com'], []]);
  }),
  'rule.match.host.wildcard': claim(withRules([{ name: 'a', match: { hosts: ['*.example.com'] }, action: { forward: { pool: 'api' } } }]), (c) => {
    expect(c.agw.httpListeners.map((l) => l.hostNames)).toEqual([['*.example.com'], []]);
  }),
  'action.forward': claim(l7Spec(), (c) =>
    expect(c.agw.requestRoutingRules[0].target).toMatchObject({ kind: 'forward', pool: 'app', backendHttpSettings: { name: 'app' } }),
  ),
  'action.redirect': claim(redirectTo(301), (c) => {
    expect(c.agw.redirectConfigurations.find((r) => r.name.includes('go'))).toMatchObject({
      targetUrl: 'http://new.example.com',
      includePath: true,
      includeQueryString: true,
    });
  }),
  'action.redirect.status-301': claim(redirectTo(301), (c) => expect(redirectType(c)).toBe('Permanent')),
  'action.redirect.status-302': claim(redirectTo(302), (c) => expect(redirectType(c)).toBe('Found')),
  'action.redirect.status-303': claim(redirectTo(303), (c) => expect(redirectType(c)).toBe('SeeOther')),
  'action.redirect.status-307': claim(redirectTo(307), (c) => expect(redirectType(c)).toBe('Temporary')),
  'pool.protocol.http': claim(l7Spec(), (c) => expect(c.agw.backendHttpSettings[0]).toMatchObject({ protocol: 'Http', port: 8080 })),
  'pool.protocol.https': claim(
    l7Spec({ pools: [httpPool('app', { protocol: 'https', healthCheck: { protocol: 'https', healthyThreshold: 1, unhealthyThreshold: 1 } })] }),
    (c) => {
      expect(c.agw.backendHttpSettings[0].protocol).toBe('Https');
    },
  ),
  // Round robin is Application Gateway's only distribution: no load distribution policy is emitted.
  'pool.algorithm.round-robin': claim(l7Spec({ pools: [httpPool('app', { algorithm: 'round-robin' })] }), (c) => {
    expect(Object.keys(c.agw)).not.toContain('loadDistributionPolicies');
    expect(c.agw.backendAddressPools).toEqual([{ name: 'app', pool: 'app' }]);
  }),
  'pool.health.http': claim(l7Spec(), (c) => expect(c.agw.probes[0]).toMatchObject({ protocol: 'Http', path: '/healthz', unhealthyThreshold: 1 })),
  'pool.health.https': claim(
    l7Spec({ pools: [httpPool('app', { healthCheck: { protocol: 'https', path: '/healthz', healthyThreshold: 1, unhealthyThreshold: 1 } })] }),
    (c) => {
      expect(c.agw.probes[0].protocol).toBe('Https');
    },
  ),
  'pool.health.success-codes': claim(
    l7Spec({ pools: [httpPool('app', { healthCheck: { successCodes: '200-299,302', healthyThreshold: 1, unhealthyThreshold: 1 } })] }),
    (c) => {
      expect(c.agw.probes[0].statusCodes).toEqual(['200-299', '302']);
    },
  ),
  'pool.persistence.session-cookie': claim(l7Spec({ pools: [httpPool('app', { sessionPersistence: { type: 'lb-cookie', sessionCookie: true } })] }), (c) => {
    expect(c.agw.backendHttpSettings[0]).toMatchObject({ cookieBasedAffinity: 'Enabled', affinityCookieName: 'ApplicationGatewayAffinity' });
  }),
  'pool.draining': claim(l7Spec({ pools: [httpPool('app', { drainingSeconds: 45 })] }), (c) =>
    expect(c.agw.backendHttpSettings[0].connectionDraining).toEqual({ enabled: true, drainTimeoutInSec: 45 }),
  ),
  'rate-limit.custom-status': claim(rateLimited({ responseStatus: 403 }), (c) => expect(c.agw.wafPolicies.find((p) => p.key === 'web')!.blockStatus).toBe(403)),
  'rate-limit.frontend-subset': claim(rateLimited({}), (c) => {
    expect(c.agw.httpListeners.map((l) => [l.name, l.firewallPolicy])).toEqual([
      ['web', 'web'],
      ['other', undefined],
    ]);
  }), // HTTP/2 and gRPC (issue 20): every gateway lbkit makes has enableHttp2.
  'frontend.http2.alpn': claim(l7Spec({ certificates, frontends: [{ ...HTTPS, http2: true }] }), async (c) => {
    const gateway = (await c.render()).find((r) => r.type === 'azure-native:network:ApplicationGateway')!;
    expect(gateway.inputs).toMatchObject({ enableHttp2: true });
  }),
};

const lbWith = (extra: Partial<LoadBalancerSpec>) => l4Spec(extra);
const tcpPool = l4Spec().pools![0];

const LB: Record<string, C> = {
  'lb.scheme.internal': claim(lbWith({ scheme: 'internal' }), (c) => {
    expect(c.lb.internal).toBe(true);
    expect(c.lb.frontendIPConfigurations.map((f) => f.publicIp)).toEqual([undefined]);
  }),
  'lb.ip.dualstack': claim(lbWith({ ipAddressType: 'dualstack' }), (c) => expect(c.lb.rules.map((r) => r.ipVersion)).toEqual(['IPv4', 'IPv6'])),
  'frontend.protocol.tcp': claim(lbWith({}), (c) => expect(c.lb.rules[0]).toMatchObject({ protocol: 'Tcp', frontendPort: 5432 })),
  'frontend.protocol.udp': claim(
    lbWith({
      frontends: [{ name: 'dns', protocol: 'udp', port: 53, defaultAction: { forward: { pool: 'dns' } } }],
      pools: [{ ...tcpPool, name: 'dns', protocol: 'udp', port: 53, healthCheck: { protocol: 'tcp', port: 53, healthyThreshold: 2, unhealthyThreshold: 2 } }],
    }),
    (c) => expect(c.lb.rules[0]).toMatchObject({ protocol: 'Udp', frontendPort: 53, backendPort: 53 }),
  ),
  'frontend.idle-timeout': claim(lbWith({}), (c) => expect(c.lb.rules[0]).toMatchObject({ idleTimeoutInMinutes: 5, enableTcpReset: true })),
  'action.forward': claim(lbWith({}), (c) => expect(c.lb.rules[0].backendAddressPool).toEqual({ collection: 'backendAddressPools', name: 'pg' })),
  'pool.protocol.tcp': claim(lbWith({}), (c) => expect(c.lb.rules[0]).toMatchObject({ protocol: 'Tcp', backendPort: 5432 })),
  'pool.protocol.udp': claim(
    lbWith({
      frontends: [{ name: 'dns', protocol: 'udp', port: 53, defaultAction: { forward: { pool: 'dns' } } }],
      pools: [{ ...tcpPool, name: 'dns', protocol: 'udp', port: 53, healthCheck: { protocol: 'tcp', port: 53, healthyThreshold: 2, unhealthyThreshold: 2 } }],
    }),
    (c) => expect(c.lb.rules[0]).toMatchObject({ protocol: 'Udp', backendPort: 53 }),
  ),
  'pool.algorithm.random': claim(lbWith({ pools: [{ ...tcpPool, algorithm: 'random' }] }), (c) => expect(c.lb.rules[0].loadDistribution).toBe('Default')),
  'pool.health.healthy-threshold': claim(lbWith({}), (c) => expect(c.lb.probes[0].probeThreshold).toBe(2)),
  'pool.persistence.source-ip': claim(lbWith({ pools: [{ ...tcpPool, sessionPersistence: { type: 'source-ip' } }] }), (c) =>
    expect(c.lb.rules[0].loadDistribution).toBe('SourceIP'),
  ),
  'protection.ddos-advanced': claim(lbWith({ protection: { frontends: ['pg'], ddos: 'advanced' } }), (c) =>
    expect(c.lb.publicIps).toEqual([{ name: 'db-lb-ipv4', ipVersion: 'IPv4', ddosProtection: true }]),
  ),
  'pool.fail-open': claim(lbWith({ pools: [{ ...tcpPool, whenAllUnhealthy: 'fail-open' }] }), (c) =>
    expect(c.lb.probes[0].noHealthyBackendsBehavior).toBe('AllProbedUp'),
  ),
  'pool.fail-closed': claim(lbWith({ pools: [{ ...tcpPool, whenAllUnhealthy: 'fail-closed' }] }), (c) =>
    expect(c.lb.probes[0].noHealthyBackendsBehavior).toBe('AllProbedDown'),
  ),
};

export const AZURE_CLAIMS: Claims<AzureCompiled> = { ...forTarget('azure-appgw', APPGW), ...forTarget('azure-lb', LB) };
