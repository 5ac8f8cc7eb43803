/** The documented ARM id format of load balancer and application gateway sub-resources. */
import { parentId, subResourceId, virtualNetworkOfSubnet, type ParentResource } from '../../providers/azure/ids';

const gateway: ParentResource = { subscriptionId: '1111', resourceGroupName: 'rg-web', type: 'applicationGateways', name: 'web-agw' };

test.each([
  [
    { collection: 'frontendPorts', name: 'port-443' },
    '/subscriptions/1111/resourceGroups/rg-web/providers/Microsoft.Network/applicationGateways/web-agw/frontendPorts/port-443',
  ],
  [
    { collection: 'httpListeners', name: 'https_api.example.com' },
    '/subscriptions/1111/resourceGroups/rg-web/providers/Microsoft.Network/applicationGateways/web-agw/httpListeners/https_api.example.com',
  ],
  [
    { collection: 'backendHttpSettingsCollection', name: 'api' },
    '/subscriptions/1111/resourceGroups/rg-web/providers/Microsoft.Network/applicationGateways/web-agw/backendHttpSettingsCollection/api',
  ],
])('%j', (ref, id) => {
  expect(subResourceId(gateway, ref)).toBe(id);
});

test('load balancers use the same format under loadBalancers', () => {
  expect(subResourceId({ ...gateway, type: 'loadBalancers', name: 'db-lb' }, { collection: 'probes', name: 'pg' })).toBe(
    '/subscriptions/1111/resourceGroups/rg-web/providers/Microsoft.Network/loadBalancers/db-lb/probes/pg',
  );
});

test.each([
  [{ ...gateway, subscriptionId: '' }, /subscriptionId ''/],
  [{ ...gateway, resourceGroupName: 'a/b' }, /resourceGroupName 'a\/b'/],
])('a segment that is empty or holds a slash is refused: %j', (parent, message) => {
  expect(() => parentId(parent)).toThrow(message);
});

test('the virtual network of a subnet id', () => {
  expect(virtualNetworkOfSubnet('/subscriptions/1/resourceGroups/rg/providers/Microsoft.Network/virtualNetworks/vnet/subnets/a')).toBe(
    '/subscriptions/1/resourceGroups/rg/providers/Microsoft.Network/virtualNetworks/vnet',
  );
  expect(() => virtualNetworkOfSubnet('/subscriptions/1/resourceGroups/rg')).toThrow(/not a subnet id/);
});
