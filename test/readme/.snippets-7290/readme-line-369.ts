import * as managedidentity from '@pulumi/azure-native/managedidentity';
import * as network from '@pulumi/azure-native/network';
import * as operationalinsights from '@pulumi/azure-native/operationalinsights';
import * as resources from '@pulumi/azure-native/resources';
import * as pulumi from '@pulumi/pulumi';
import { LoadBalancer } from '../../../providers/azure/index';

const location = new pulumi.Config('azure-native').require('location');
const group = new resources.ResourceGroup('web', { location });
const vnet = new network.VirtualNetwork('web', {
  resourceGroupName: group.name,
  location,
  addressSpace: { addressPrefixes: ['10.20.0.0/16'] },
  // Application Gateway v2 needs a subnet of its own.
  subnets: [{ name: 'appgw', addressPrefix: '10.20.0.0/24' }, { name: 'members', addressPrefix: '10.20.1.0/24' }],
});
const appgwSubnet = vnet.subnets.apply((s) => s!.find((x) => x.name === 'appgw')!.id!);
// Give this identity read access (Key Vault Secrets User) to the certificate's secret.
const identity = new managedidentity.UserAssignedIdentity('appgw', { resourceGroupName: group.name, location });
const logs = new operationalinsights.Workspace('web', { resourceGroupName: group.name, location, sku: { name: 'PerGB2018' } });

const web = new LoadBalancer('web', {
  specFile: 'web-azure.yaml',
  resourceGroupName: group.name,
  location,
  zones: ['1', '2', '3'],
  applicationGateway: { subnetId: appgwSubnet, identityId: identity.id },
  certificates: { site: 'https://my-vault.vault.azure.net/secrets/site' }, // Key Vault secret id per spec certificate
  accessLogs: { workspaceId: logs.id },                                      // the spec turns access logs on
  bindings: {
    web: { ipAddresses: ['10.20.1.10', '10.20.1.11'] },
    api: { ipAddresses: ['10.20.1.20'] },
    static: { fqdns: ['static.internal.example.com'] },
  },
});

export const addresses = web.frontendIpAddresses;
export {};
