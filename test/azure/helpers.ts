/** Shared fixtures of the Azure tests: example specs, placement values, spec builders. */
import { join } from 'node:path';
import { scopeFor } from '../../providers';
import type { ModelScope } from '../../lib/capabilities/features';
import { buildModel } from '../../lib/model/build';
import type { LoadBalancerModel } from '../../lib/model/types';
import { loadSpecFile } from '../../lib/spec/load';
import type { LoadBalancerSpec, PoolSpec } from '../../lib/spec/schema';
import type { AzureLoadBalancerProps } from '../../providers/azure/props';

export const EXAMPLES = join(__dirname, '..', '..', 'examples', 'specs');
export const SUBSCRIPTION = '00000000-0000-0000-0000-000000000001';
export const RESOURCE_GROUP = 'rg-lbkit';
export const VNET = `/subscriptions/${SUBSCRIPTION}/resourceGroups/${RESOURCE_GROUP}/providers/Microsoft.Network/virtualNetworks/vnet`;
export const GATEWAY_SUBNET = `${VNET}/subnets/appgw`;
export const MEMBER_SUBNET = `${VNET}/subnets/members`;
export const IDENTITY = `/subscriptions/${SUBSCRIPTION}/resourceGroups/${RESOURCE_GROUP}/providers/Microsoft.ManagedIdentity/userAssignedIdentities/agw`;
export const SITE_SECRET = 'https://kv-lbkit.vault.azure.net/secrets/site';
export const WORKSPACE = `/subscriptions/${SUBSCRIPTION}/resourceGroups/${RESOURCE_GROUP}/providers/Microsoft.OperationalInsights/workspaces/logs`;

/**
 * The L4 examples are portable specs; on azure-lb they use nearest mappings (no probe timeout, no timed
 * drain), which these tests accept explicitly, as a user targeting Azure would.
 */
export const L4_EXAMPLE_NEAREST: Readonly<Record<string, readonly string[]>> = {
  'internal-tcp.yaml': ['azure-lb:pool.health.tcp', 'azure-lb:pool.draining'],
  'udp.yaml': ['azure-lb:pool.health.tcp', 'azure-lb:pool.draining'],
};

export function exampleSpec(file: string): LoadBalancerSpec {
  return loadSpecFile(join(EXAMPLES, file));
}

export function exampleModel(file: string, allowNearest: readonly string[] = L4_EXAMPLE_NEAREST[file] ?? []): LoadBalancerModel {
  const spec = exampleSpec(file);
  return buildModel({ ...spec, allowNearest: [...(spec.allowNearest ?? []), ...allowNearest] });
}

/** A builder of pools named `name` with these settings, `extra` changing or adding fields. */
const poolsOf =
  (settings: Omit<PoolSpec, 'name'>) =>
  (name: string, extra: Partial<PoolSpec> = {}): PoolSpec => ({ name, ...settings, ...extra });
export const httpPool = poolsOf({
  protocol: 'http',
  port: 8080,
  healthCheck: { path: '/healthz', healthyThreshold: 1, unhealthyThreshold: 1 },
  drainingSeconds: 30,
  whenAllUnhealthy: 'fail-closed',
});
export const tcpPool = poolsOf({
  protocol: 'tcp',
  port: 5432,
  healthCheck: { protocol: 'tcp', healthyThreshold: 2, unhealthyThreshold: 2 },
  drainingSeconds: 0,
});

/** A spec of one http frontend that is exact on azure-appgw unless `extra` adds something. */
export function l7Spec(extra: Partial<LoadBalancerSpec> = {}): LoadBalancerSpec {
  return {
    name: 'shop',
    frontends: [{ name: 'web', protocol: 'http', port: 80, defaultAction: { forward: { pool: 'app' } } }],
    pools: [httpPool('app')],
    allowNearest: ['azure-appgw:pool.fail-closed'],
    ...extra,
  };
}

/** A spec of one tcp frontend that is exact on azure-lb unless `extra` adds something. */
export function l4Spec(extra: Partial<LoadBalancerSpec> = {}): LoadBalancerSpec {
  return {
    name: 'db',
    frontends: [{ name: 'pg', protocol: 'tcp', port: 5432, idleTimeoutSeconds: 300, defaultAction: { forward: { pool: 'pg' } } }],
    pools: [tcpPool('pg')],
    allowNearest: ['azure-lb:pool.health.tcp'],
    ...extra,
  };
}

export const appgwScope = (model: LoadBalancerModel): ModelScope => scopeFor(model, 'azure-appgw');
export const lbScope = (model: LoadBalancerModel): ModelScope => scopeFor(model, 'azure-lb');

/** Component props of an Application Gateway-only spec: resource group, gateway subnet and identity, certificate secrets. */
export function agwProps(model: LoadBalancerModel, certificates?: Record<string, string>): AzureLoadBalancerProps {
  return {
    model,
    resourceGroupName: RESOURCE_GROUP,
    location: 'westeurope',
    subscriptionId: SUBSCRIPTION,
    applicationGateway: { subnetId: GATEWAY_SUBNET, identityId: IDENTITY },
    ...(certificates ? { certificates } : {}),
  };
}
