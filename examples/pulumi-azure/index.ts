/**
 * A Pulumi program: the web example on Azure (an Application Gateway WAF_v2 in front of three pools) and the
 * internal PostgreSQL example (an internal Standard Load Balancer), each one `lbkit:azure:LoadBalancer`.
 *
 *   pulumi stack init dev
 *   pulumi config set azure-native:location westeurope
 *   pulumi config set siteCertificateSecretId https://<vault>.vault.azure.net/secrets/site
 *   pulumi up
 *
 * The certificate is a Key Vault secret the program does not create; give the identity below read access to
 * it (Key Vault Secrets User) before `pulumi up`. In an application, import the component from 'lbkit/azure'
 * and the spec helpers from 'lbkit'.
 */
import { join } from 'node:path';
import * as managedidentity from '@pulumi/azure-native/managedidentity';
import * as network from '@pulumi/azure-native/network';
import * as operationalinsights from '@pulumi/azure-native/operationalinsights';
import * as resources from '@pulumi/azure-native/resources';
import * as pulumi from '@pulumi/pulumi';
import { LoadBalancer } from '../../providers/azure';

const config = new pulumi.Config();
const azure = new pulumi.Config('azure-native');
const location = azure.require('location');
const specs = join(__dirname, '..', 'specs');

const group = new resources.ResourceGroup('lbkit', { location });

// Application Gateway v2 needs a subnet of its own; the members live in another one.
const vnet = new network.VirtualNetwork('lbkit', {
  resourceGroupName: group.name,
  location,
  addressSpace: { addressPrefixes: ['10.20.0.0/16'] },
  subnets: [
    { name: 'appgw', addressPrefix: '10.20.0.0/24' },
    { name: 'members', addressPrefix: '10.20.1.0/24' },
  ],
});
const subnetId = (name: string) => vnet.subnets.apply((subnets) => subnets!.find((s) => s.name === name)!.id!);

// The gateway reads its TLS certificate from Key Vault with this identity.
const identity = new managedidentity.UserAssignedIdentity('appgw', { resourceGroupName: group.name, location });
const logs = new operationalinsights.Workspace('lbkit', { resourceGroupName: group.name, location, sku: { name: 'PerGB2018' }, retentionInDays: 30 });

const web = new LoadBalancer('web', {
  // web.yaml's weighted canary cannot run on Application Gateway: web-azure.yaml is the same app without it.
  specFile: join(specs, 'web-azure.yaml'),
  resourceGroupName: group.name,
  location,
  zones: ['1', '2', '3'],
  applicationGateway: { subnetId: subnetId('appgw'), identityId: identity.id, autoscale: { minCapacity: 2, maxCapacity: 10 } },
  certificates: { site: config.require('siteCertificateSecretId') },
  accessLogs: { workspaceId: logs.id },
  bindings: {
    web: { ipAddresses: ['10.20.1.10', '10.20.1.11'] },
    api: { ipAddresses: ['10.20.1.20'] },
    static: { fqdns: ['static.internal.example.com'] },
  },
});

const ordersDb = new LoadBalancer('orders-db', {
  specFile: join(specs, 'internal-tcp.yaml'),
  // Azure Load Balancer probes have no timeout setting and it has no timed drain: accepted for this stack.
  allowNearest: ['azure-lb:pool.health.tcp', 'azure-lb:pool.draining'],
  resourceGroupName: group.name,
  location,
  loadBalancer: { subnetId: subnetId('members'), privateIPAddress: '10.20.1.100' },
  bindings: { pgbouncer: { ipAddresses: ['10.20.1.30', '10.20.1.31'] } },
});

export const webAddresses = web.frontendIpAddresses;
export const applicationGatewayId = web.applicationGatewayId;
export const ordersDbAddress = ordersDb.frontendIpAddresses;
/** VMs or scale sets that join the pgbouncer pool from their NIC reference this id. */
export const pgbouncerPoolId = ordersDb.backendAddressPoolIds.loadBalancer.pgbouncer;
