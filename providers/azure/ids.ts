/**
 * ARM resource ids of the sub-resources of a load balancer or application gateway.
 *
 * Both are single ARM resources whose parts refer to one another by id (a listener to its frontend port, a
 * routing rule to its listener, pool and settings). The ids are built in the documented format from the
 * parent's own name, which lbkit sets explicitly, so they are known before the parent exists:
 *
 *   /subscriptions/{subscription}/resourceGroups/{group}/providers/Microsoft.Network/{type}/{name}/{collection}/{item}
 *
 * (azure-native also accepts '$self/{collection}/{item}' since pulumi-azure-native#2478; lbkit keeps the
 * absolute form, which ARM itself returns, so inputs and outputs read the same.)
 */
import type { SubResourceRef } from './plan/types';

export type NetworkParentType = 'loadBalancers' | 'applicationGateways';

export interface ParentResource {
  readonly subscriptionId: string;
  readonly resourceGroupName: string;
  readonly type: NetworkParentType;
  readonly name: string;
}

/** '/subscriptions/{sub}/resourceGroups/{rg}/providers/Microsoft.Network/{type}/{name}'. */
export function parentId(p: ParentResource): string {
  for (const [field, value] of Object.entries(p)) {
    // An empty or slashed segment would silently point elsewhere; ARM ids are segment-exact.
    if (!value || value.includes('/')) throw new Error(`${field} '${value}' cannot be part of an ARM resource id`);
  }
  return `/subscriptions/${p.subscriptionId}/resourceGroups/${p.resourceGroupName}/providers/Microsoft.Network/${p.type}/${p.name}`;
}

/** The id of `collection/item` inside the parent. */
export function subResourceId(p: ParentResource, ref: SubResourceRef): string {
  return `${parentId(p)}/${ref.collection}/${ref.name}`;
}

/** The virtual network of a subnet id ('.../virtualNetworks/{vnet}/subnets/{subnet}'). */
export function virtualNetworkOfSubnet(subnetId: string): string {
  const match = /^(.*\/virtualNetworks\/[^/]+)\/subnets\/[^/]+$/i.exec(subnetId);
  if (!match) throw new Error(`'${subnetId}' is not a subnet id (.../virtualNetworks/{name}/subnets/{name})`);
  return match[1];
}
