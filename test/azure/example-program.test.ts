/** examples/pulumi-azure/index.ts runs under Pulumi's mocks: the program the README shows deploys as written. */
import * as pulumi from '@pulumi/pulumi';
import { mockPulumi, settle, type RecordedResource } from '../support/pulumi';

// The harness answers invokes with their inputs; the provider's client configuration is what the component
// asks for when no subscriptionId is given (the example gives none).
jest.mock('@pulumi/azure-native/authorization', () => ({
  ...jest.requireActual('@pulumi/azure-native/authorization'),
  getClientConfigOutput: jest.fn(() =>
    jest.requireActual('@pulumi/pulumi').output({ subscriptionId: 'sub-of-the-provider', tenantId: 't', clientId: 'c', objectId: 'o' }),
  ),
}));

const SUBNETS = '/subscriptions/0/resourceGroups/lbkit/providers/Microsoft.Network/virtualNetworks/lbkit/subnets';
const recorder = mockPulumi((type, _name, inputs) => {
  if (type === 'azure-native:network:VirtualNetwork')
    return { subnets: (inputs.subnets as Array<{ name: string }>).map((s) => ({ ...s, id: `${SUBNETS}/${s.name}` })) };
  // Azure names the resource group (auto-naming); the mock gives the name it would.
  if (type === 'azure-native:resources:ResourceGroup') return { name: 'lbkit-rg' };
  return {};
});

test('the example program builds the web gateway and the internal load balancer', async () => {
  pulumi.runtime.setConfig('azure-native:location', 'westeurope');
  pulumi.runtime.setConfig('lbkit:siteCertificateSecretId', 'https://kv.vault.azure.net/secrets/site');
  const warn = jest.spyOn(pulumi.log, 'warn').mockImplementation(async () => undefined);
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const program = require('../../examples/pulumi-azure') as typeof import('../../examples/pulumi-azure');
    await settle(recorder, []);
    expect(program.webAddresses).toBeDefined();
  } finally {
    warn.mockRestore();
  }
  const of = (type: string): RecordedResource[] => recorder.resources.filter((r) => r.type === type);
  expect(of('lbkit:azure:LoadBalancer').map((r) => r.name)).toEqual(['web', 'orders-db']);
  const gateway = of('azure-native:network:ApplicationGateway')[0];
  expect(gateway.parent).toBe('web');
  expect(gateway.inputs.gatewayIPConfigurations).toEqual([{ name: 'gateway', subnet: { id: `${SUBNETS}/appgw` } }]);
  expect(gateway.inputs.identity).toEqual({ type: 'UserAssigned', userAssignedIdentities: ['appgw-id'] });
  expect(gateway.inputs.zones).toEqual(['1', '2', '3']);
  expect((gateway.inputs.httpListeners as Array<{ frontendPort: { id: string } }>)[0].frontendPort.id).toBe(
    '/subscriptions/sub-of-the-provider/resourceGroups/lbkit-rg/providers/Microsoft.Network/applicationGateways/web-agw/frontendPorts/port-443',
  );
  expect(of('azure-native:monitor:DiagnosticSetting').map((d) => [d.parent, d.inputs.workspaceId])).toEqual([['web', 'lbkit-id']]);
  const lb = of('azure-native:network:LoadBalancer')[0];
  expect(lb.parent).toBe('orders-db');
  expect(
    (lb.inputs.backendAddressPools as Array<{ loadBalancerBackendAddresses: Array<{ virtualNetwork: { id: string } }> }>)[0].loadBalancerBackendAddresses[0]
      .virtualNetwork,
  ).toEqual({ id: '/subscriptions/0/resourceGroups/lbkit/providers/Microsoft.Network/virtualNetworks/lbkit' });
});
