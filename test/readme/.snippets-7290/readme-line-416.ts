import * as pulumi from '@pulumi/pulumi';
import { LoadBalancer } from '../../../providers/azure/index';

pulumi.runtime.setMocks(
  {
    newResource: (args) => ({ id: `${args.name}-id`, state: args.inputs }),
    call: (args) =>
      args.token === 'azure-native:authorization:getClientConfig'
        ? { clientId: 'client', objectId: 'object', tenantId: 'tenant', subscriptionId: '00000000-0000-0000-0000-000000000000' }
        : args.inputs,
  },
  'web',
  'test',
  false, // preview: false, so outputs resolve
);

const web = new LoadBalancer('web', {
  specFile: 'examples/specs/web-azure.yaml',
  resourceGroupName: 'web-rg',
  location: 'westeurope',
  applicationGateway: {
    subnetId: '/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/web-rg/providers/Microsoft.Network/virtualNetworks/web/subnets/appgw',
    identityId: '/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/web-rg/providers/Microsoft.ManagedIdentity/userAssignedIdentities/appgw',
  },
  certificates: { site: 'https://my-vault.vault.azure.net/secrets/site' },
  accessLogs: { workspaceId: '/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/web-rg/providers/Microsoft.OperationalInsights/workspaces/web' },
  bindings: { web: { ipAddresses: ['10.20.1.10'] }, api: { ipAddresses: ['10.20.1.20'] }, static: { fqdns: ['static.internal.example.com'] } },
});
web.frontendIpAddresses.apply((addresses) => console.log(addresses));
export {};
