/**
 * The lbkit:azure:LoadBalancer component under Pulumi's mocks: the resource graph of every example spec
 * that targets Azure (snapshots), parentage, the documented sub-resource id format (every reference points
 * at a sub-resource that exists), outputs, warnings and construction errors.
 */
import * as pulumi from '@pulumi/pulumi';
import { mockPulumi, settle, snapshotOf, valueOf, type RecordedResource } from '../support/pulumi';

const recorder = mockPulumi((type, _name, inputs) => {
  if (type === 'azure-native:network:PublicIPAddress') return { ipAddress: inputs.publicIPAddressVersion === 'IPv6' ? '2001:db8::10' : '203.0.113.10' };
  if (type === 'azure-native:network:LoadBalancer') {
    return {
      frontendIPConfigurations: (inputs.frontendIPConfigurations as Array<Record<string, unknown>>).map((c) => ({
        ...c,
        privateIPAddress: c.privateIPAddress ?? '10.0.2.9',
      })),
    };
  }
  return {};
});

import { CapabilityError } from '../../lib/errors';
import { buildModel } from '../../lib/model/build';
import { LoadBalancer, AzurePropsError, type AzureLoadBalancerProps } from '../../providers/azure';
import {
  EXAMPLES,
  exampleModel,
  GATEWAY_SUBNET,
  IDENTITY,
  l4Spec,
  l7Spec,
  MEMBER_SUBNET,
  RESOURCE_GROUP,
  SITE_SECRET,
  SUBSCRIPTION,
  VNET,
  WORKSPACE,
} from './helpers';

const base = { resourceGroupName: RESOURCE_GROUP, location: 'westeurope', subscriptionId: SUBSCRIPTION };
const webProps = (): AzureLoadBalancerProps => ({
  ...base,
  model: exampleModel('web-azure.yaml'),
  applicationGateway: { subnetId: GATEWAY_SUBNET, identityId: IDENTITY },
  certificates: { site: SITE_SECRET },
  accessLogs: { workspaceId: WORKSPACE },
  bindings: {
    web: { ipAddresses: ['10.0.1.4', '10.0.1.5'] },
    api: { fqdns: ['api.internal.example.com'], probeHostName: 'api.internal.example.com' },
    static: { ipAddresses: ['10.0.1.6'] },
  },
});

// Accepted nearest mappings are logged through pulumi.log.warn: recorded here instead of printed.
let warn: jest.SpyInstance;
beforeAll(() => {
  warn = jest.spyOn(pulumi.log, 'warn').mockImplementation(async () => undefined);
});
beforeEach(() => warn.mockClear());
afterAll(() => warn.mockRestore());

/** Builds a component alone in the recorder and returns it with what it registered. */
async function build(
  name: string,
  props: AzureLoadBalancerProps,
): Promise<{ component: LoadBalancer; resources: RecordedResource[]; get: (type: string, name: string) => RecordedResource }> {
  recorder.reset();
  const component = new LoadBalancer(name, props);
  await settle(recorder, [component]);
  const resources = [...recorder.resources];
  const get = (type: string, n: string) => {
    const found = resources.filter((r) => r.type === type && r.name === n);
    if (found.length !== 1) throw new Error(`expected one ${type} named ${n}, found ${found.length}`);
    return found[0];
  };
  return { component, resources, get };
}
const COMPONENT = 'lbkit:azure:LoadBalancer';
/** The component's children (the component itself is registered too, at the root). */
const childrenOf = <T extends { type: string; parent?: string }>(graph: readonly T[]): T[] => {
  expect(graph.filter((r) => r.type === COMPONENT).map((r) => r.parent)).toEqual([undefined]);
  return graph.filter((r) => r.type !== COMPONENT);
};
const graphOf = (resources: RecordedResource[]) => snapshotOf({ resources, ofType: () => [], get: () => resources[0], reset: () => undefined });

/** Every `{ id }` of a sub-resource of `parent` inside its inputs, with where it points. */
function subResourceRefs(
  parent: RecordedResource,
  type: 'applicationGateways' | 'loadBalancers',
  name: string,
): Array<{ id: string; collection: string; item: string }> {
  const prefix = `/subscriptions/${SUBSCRIPTION}/resourceGroups/${RESOURCE_GROUP}/providers/Microsoft.Network/${type}/${name}/`;
  const found: Array<{ id: string; collection: string; item: string }> = [];
  const walk = (v: unknown): void => {
    if (Array.isArray(v)) v.forEach(walk);
    else if (v && typeof v === 'object') {
      for (const [k, x] of Object.entries(v)) {
        if (k === 'id' && typeof x === 'string' && x.includes('/providers/Microsoft.Network/')) {
          expect(x.startsWith(prefix) || x === VNET || x.startsWith(`${VNET}/`)).toBe(true);
          if (x.startsWith(prefix)) {
            const [collection, item, ...rest] = x.slice(prefix.length).split('/');
            expect(rest).toEqual([]);
            found.push({ id: x, collection, item });
          }
        } else walk(x);
      }
    }
  };
  walk(parent.inputs);
  return found;
}

function expectRefsResolve(parent: RecordedResource, type: 'applicationGateways' | 'loadBalancers', name: string): number {
  const refs = subResourceRefs(parent, type, name);
  for (const r of refs) {
    const items = parent.inputs[r.collection] as Array<{ name: string }> | undefined;
    expect({ ref: r.id, exists: !!items?.some((i) => i.name === r.item) }).toEqual({ ref: r.id, exists: true });
  }
  return refs.length;
}

describe('web-azure.yaml (Application Gateway WAF_v2)', () => {
  let component: LoadBalancer;
  let get: (type: string, name: string) => RecordedResource;
  let graph: ReturnType<typeof snapshotOf>;
  beforeAll(async () => {
    const built = await build('web', webProps());
    ({ component, get } = built);
    graph = graphOf(built.resources);
  });

  test('resource graph', () => {
    expect(graph).toMatchSnapshot();
  });

  test('every child is parented to the component', () => {
    const children = childrenOf(graph);
    expect(children.map((r) => [r.type, r.parent])).toEqual(children.map((r) => [r.type, 'web']));
    expect(children.map((r) => r.type)).toEqual([
      'azure-native:monitor:DiagnosticSetting',
      'azure-native:network:ApplicationGateway',
      'azure-native:network:PublicIPAddress',
      'azure-native:network:WebApplicationFirewallPolicy',
      'azure-native:network:WebApplicationFirewallPolicy',
    ]);
  });

  test("sub-resource ids: the documented format, built from the gateway's own name, each pointing at a sub-resource", () => {
    const gateway = get('azure-native:network:ApplicationGateway', 'web-agw');
    expect(gateway.inputs.applicationGatewayName).toBe('web-agw');
    const listener = (gateway.inputs.httpListeners as Array<Record<string, { id: string }>>)[0];
    expect(listener.frontendPort.id).toBe(
      `/subscriptions/${SUBSCRIPTION}/resourceGroups/${RESOURCE_GROUP}/providers/Microsoft.Network/applicationGateways/web-agw/frontendPorts/port-443`,
    );
    const rule = (gateway.inputs.requestRoutingRules as Array<Record<string, { id: string }>>)[2];
    expect(rule.httpListener.id).toMatch(/\/applicationGateways\/web-agw\/httpListeners\/http$/);
    const map = (gateway.inputs.urlPathMaps as Array<{ pathRules: Array<Record<string, { id: string }>> }>)[0];
    expect(map.pathRules[0].backendAddressPool.id).toMatch(/\/applicationGateways\/web-agw\/backendAddressPools\/api$/);
    expect(map.pathRules[0].backendHttpSettings.id).toMatch(/\/applicationGateways\/web-agw\/backendHttpSettingsCollection\/api$/);
    expect(expectRefsResolve(gateway, 'applicationGateways', 'web-agw')).toBeGreaterThan(30);
  });

  test("WAF policies: the gateway's and the https listeners', blocking with 429", () => {
    const gateway = get('azure-native:network:ApplicationGateway', 'web-agw');
    expect(gateway.inputs.firewallPolicy).toEqual({ id: 'web-waf-id' });
    expect((gateway.inputs.httpListeners as Array<{ name: string; firewallPolicy?: { id: string } }>).map((l) => [l.name, l.firewallPolicy?.id])).toEqual([
      ['https_api.example.com', 'web-waf-https-id'],
      ['https', 'web-waf-https-id'],
      ['http', undefined],
    ]);
    const policy = get('azure-native:network:WebApplicationFirewallPolicy', 'web-waf-https');
    expect(policy.inputs.policySettings).toMatchObject({ state: 'Enabled', mode: 'Prevention', customBlockResponseStatusCode: 429 });
    expect(policy.inputs.managedRules).toEqual({ managedRuleSets: [{ ruleSetType: 'OWASP', ruleSetVersion: '3.2' }] });
  });

  test('bindings, certificates and identity reach the gateway', () => {
    const gateway = get('azure-native:network:ApplicationGateway', 'web-agw');
    expect(gateway.inputs.backendAddressPools).toEqual([
      { name: 'web', backendAddresses: [{ ipAddress: '10.0.1.4' }, { ipAddress: '10.0.1.5' }] },
      { name: 'api', backendAddresses: [{ fqdn: 'api.internal.example.com' }] },
      { name: 'static', backendAddresses: [{ ipAddress: '10.0.1.6' }] },
    ]);
    expect((gateway.inputs.probes as Array<{ name: string; host: string }>).map((p) => [p.name, p.host])).toEqual([
      ['web', '127.0.0.1'],
      ['api', 'api.internal.example.com'],
      ['static', '127.0.0.1'],
    ]);
    expect(gateway.inputs.sslCertificates).toEqual([{ name: 'site', keyVaultSecretId: SITE_SECRET }]);
    expect(gateway.inputs.identity).toEqual({ type: 'UserAssigned', userAssignedIdentities: [IDENTITY] });
    expect(gateway.inputs.sku).toEqual({ name: 'WAF_v2', tier: 'WAF_v2' });
  });

  test('outputs: frontend address, gateway id, pool ids', async () => {
    expect(await valueOf(component.frontendIpAddresses)).toEqual(['203.0.113.10']);
    expect(await valueOf(component.applicationGatewayId!)).toBe('web-agw-id');
    expect(await valueOf(component.backendAddressPoolIds.applicationGateway.web)).toBe(
      `/subscriptions/${SUBSCRIPTION}/resourceGroups/${RESOURCE_GROUP}/providers/Microsoft.Network/applicationGateways/web-agw/backendAddressPools/web`,
    );
    expect(component.loadBalancer).toBeUndefined();
  });

  test('the accepted approximations are logged as warnings on the component', () => {
    expect(component.warnings.map((w) => w.feature)).toContain('rate-limit.client-ip');
  });
});

describe('L4 examples (Azure Load Balancer)', () => {
  test("internal-tcp.yaml: internal frontend in the subnet, IP-based pool in the subnet's network", async () => {
    const { component, resources, get } = await build('orders', {
      ...base,
      model: exampleModel('internal-tcp.yaml'),
      loadBalancer: { subnetId: MEMBER_SUBNET, privateIPAddress: '10.0.2.10' },
      bindings: { pgbouncer: { ipAddresses: ['10.0.2.4'] } },
    });
    const graph = graphOf(resources);
    expect(graph).toMatchSnapshot();
    expect(childrenOf(graph).every((r) => r.parent === 'orders')).toBe(true);
    const lb = get('azure-native:network:LoadBalancer', 'orders-lb');
    expect(expectRefsResolve(lb, 'loadBalancers', 'orders-db-lb')).toBe(3);
    expect((lb.inputs.backendAddressPools as Array<{ loadBalancerBackendAddresses: unknown[] }>)[0].loadBalancerBackendAddresses).toEqual([
      { name: 'ip-10-0-2-4', ipAddress: '10.0.2.4', virtualNetwork: { id: VNET } },
    ]);
    expect(await valueOf(component.frontendIpAddresses)).toEqual(['10.0.2.10']);
  });

  test('udp.yaml: a Standard static public IP, a Udp rule', async () => {
    const { component, resources, get } = await build('dns', { ...base, model: exampleModel('udp.yaml') });
    const graph = graphOf(resources);
    expect(graph).toMatchSnapshot();
    expect(childrenOf(graph).map((r) => [r.type, r.name, r.parent])).toEqual([
      ['azure-native:network:LoadBalancer', 'dns-lb', 'dns'],
      ['azure-native:network:PublicIPAddress', 'dns-lb-ipv4', 'dns'],
    ]);
    expect(get('azure-native:network:PublicIPAddress', 'dns-lb-ipv4').inputs).toMatchObject({
      sku: { name: 'Standard', tier: 'Regional' },
      publicIPAllocationMethod: 'Static',
      publicIPAddressVersion: 'IPv4',
    });
    expect(await valueOf(component.frontendIpAddresses)).toEqual(['203.0.113.10']);
  });
});

test('web.yaml cannot compile: the weighted canary is a capability error, thrown before any child', () => {
  recorder.reset();
  expect(
    () =>
      new LoadBalancer('canary', {
        ...webProps(),
        model: exampleModel('web.yaml', ['azure-appgw:rule.match.path.prefix', 'azure-appgw:rule.match.path.exact']),
      }),
  ).toThrow(CapabilityError);
  try {
    new LoadBalancer('canary2', { ...webProps(), model: exampleModel('web.yaml') });
  } catch (e) {
    expect((e as CapabilityError).diagnostics.map((d) => d.feature)).toContain('action.weighted-forward');
    expect((e as Error).message).toContain('forward to one pool');
  }
  expect(recorder.resources.filter((r) => r.name.startsWith('canary'))).toEqual([]);
});

test('both layers, dualstack, deletion protection: a load balancer and a gateway, each locked', async () => {
  const model = buildModel({
    ...l7Spec(),
    name: 'mixed',
    ipAddressType: 'dualstack',
    deletionProtection: true,
    frontends: [...l7Spec().frontends, ...l4Spec().frontends],
    pools: [...l7Spec().pools!, ...l4Spec().pools!],
    allowNearest: ['azure-appgw:pool.fail-closed', 'azure-lb:pool.health.tcp', 'lb.deletion-protection'],
  });
  const { component, resources, get } = await build('mixed', {
    ...base,
    model,
    zones: ['1', '2', '3'],
    applicationGateway: { subnetId: GATEWAY_SUBNET },
    bindings: { pg: { ipAddresses: ['10.0.3.4'], ipv6Addresses: ['fd00::4'], virtualNetworkId: VNET } },
  });
  const locks = resources.filter((r) => r.type === 'azure-native:authorization:ManagementLockByScope');
  expect(locks.map((l) => [l.name, l.inputs.scope, l.inputs.level, l.parent])).toEqual([
    ['mixed-lb-lock', 'mixed-lb-id', 'CanNotDelete', 'mixed'],
    ['mixed-agw-lock', 'mixed-agw-id', 'CanNotDelete', 'mixed'],
  ]);
  expect(childrenOf(resources).map((r) => r.parent)).toEqual(Array(resources.length - 1).fill('mixed'));
  expect(resources.filter((r) => r.type === 'azure-native:network:PublicIPAddress').map((p) => [p.name, p.inputs.zones])).toEqual([
    ['mixed-lb-ipv4', ['1', '2', '3']],
    ['mixed-lb-ipv6', ['1', '2', '3']],
    ['mixed-agw-ipv4', ['1', '2', '3']],
    ['mixed-agw-ipv6', ['1', '2', '3']],
  ]);
  const lb = get('azure-native:network:LoadBalancer', 'mixed-lb');
  expect(
    (lb.inputs.backendAddressPools as Array<{ name: string; loadBalancerBackendAddresses: Array<{ ipAddress: string }> }>).map((p) => [
      p.name,
      p.loadBalancerBackendAddresses.map((a) => a.ipAddress),
    ]),
  ).toEqual([
    ['pg', ['10.0.3.4']],
    ['pg_ipv6', ['fd00::4']],
  ]);
  expect(expectRefsResolve(lb, 'loadBalancers', 'mixed-lb')).toBe(6);
  expect(expectRefsResolve(get('azure-native:network:ApplicationGateway', 'mixed-agw'), 'applicationGateways', 'mixed-agw')).toBeGreaterThan(0);
  expect(await valueOf(component.frontendIpAddresses)).toEqual(['203.0.113.10', '2001:db8::10', '203.0.113.10', '2001:db8::10']);
  expect(Object.keys(component.backendAddressPoolIds.loadBalancer)).toEqual(['pg', 'pg_ipv6']);
});

test('specFile and allowNearest: a spec file compiles with nearest mappings accepted by the deployment, each logged', async () => {
  const { component, get } = await build('pg', {
    ...base,
    specFile: `${EXAMPLES}/internal-tcp.yaml`,
    allowNearest: ['azure-lb:pool.health.tcp', 'azure-lb:pool.draining'],
    loadBalancer: { subnetId: MEMBER_SUBNET },
  });
  expect(component.model.name).toBe('orders-db');
  expect(get('azure-native:network:LoadBalancer', 'pg-lb').inputs.loadBalancerName).toBe('orders-db-lb');
  expect(warn.mock.calls.map(([message, resource]) => [message.replace(/:.*/s, ''), resource === component])).toEqual([
    ['pools[0].healthCheck', true],
    ['pools[0].drainingSeconds', true],
  ]);
  expect(() => new LoadBalancer('pg-strict', { ...base, specFile: `${EXAMPLES}/internal-tcp.yaml`, loadBalancer: { subnetId: MEMBER_SUBNET } })).toThrow(
    CapabilityError,
  );
});

describe('props errors name the prop, synchronously', () => {
  const l7 = () => buildModel(l7Spec());
  test.each<[string, AzureLoadBalancerProps, string]>([
    ['no gateway subnet', { ...base, model: l7() }, 'applicationGateway.subnetId'],
    [
      'internal gateway without private address',
      { ...base, model: buildModel(l7Spec({ scheme: 'internal' })), applicationGateway: { subnetId: GATEWAY_SUBNET } },
      'applicationGateway.privateIPAddress',
    ],
    [
      'https without identity',
      {
        ...base,
        model: exampleModel('web-azure.yaml'),
        applicationGateway: { subnetId: GATEWAY_SUBNET },
        certificates: { site: SITE_SECRET },
        accessLogs: { workspaceId: WORKSPACE },
      },
      'applicationGateway.identityId',
    ],
    ['https without the certificate', { ...webProps(), certificates: {} }, 'certificates.site'],
    ['access logs without destination', { ...webProps(), accessLogs: undefined }, 'accessLogs'],
    [
      'binding of an unknown pool',
      { ...base, model: l7(), applicationGateway: { subnetId: GATEWAY_SUBNET }, bindings: { nope: { ipAddresses: ['10.0.0.1'] } } },
      'bindings.nope',
    ],
    ['host names in a Load Balancer pool', { ...base, model: buildModel(l4Spec()), bindings: { pg: { fqdns: ['db.example.com'] } } }, 'bindings.pg.fqdns'],
    ['addresses without a network', { ...base, model: buildModel(l4Spec()), bindings: { pg: { ipAddresses: ['10.0.0.1'] } } }, 'bindings.pg.virtualNetworkId'],
    ['internal load balancer without subnet', { ...base, model: buildModel(l4Spec({ scheme: 'internal' })) }, 'loadBalancer.subnetId'],
    ['neither model nor spec file', { ...base }, 'model'],
    [
      'autoscale out of range',
      { ...base, model: l7(), applicationGateway: { subnetId: GATEWAY_SUBNET, autoscale: { minCapacity: 3, maxCapacity: 200 } } },
      'applicationGateway.autoscale',
    ],
  ])('%s: %s', (_label, props, prop) => {
    let thrown: unknown;
    try {
      new LoadBalancer(`bad-${prop.replace(/\W/g, '-')}`, props);
    } catch (e) {
      thrown = e;
    }
    expect(thrown).toBeInstanceOf(AzurePropsError);
    expect((thrown as AzurePropsError).prop).toBe(prop);
    expect((thrown as AzurePropsError).code).toBe('LBKIT_AZURE_PROPS');
    expect((thrown as Error).message).toContain(`props.${prop}`);
  });
});
