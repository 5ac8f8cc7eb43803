/** What both renderers share: placement in Pulumi form, sub-resource ids, public IPs, locks and log settings. */
import * as authorization from '@pulumi/azure-native/authorization';
import * as monitor from '@pulumi/azure-native/monitor';
import * as network from '@pulumi/azure-native/network';
import * as pulumi from '@pulumi/pulumi';
import { subResourceId, type NetworkParentType } from './ids';
import type { PublicIpPlan, SubResourceRef } from './plan/types';

export interface RenderContext {
  /** The component: every resource is its child. */
  readonly parent: pulumi.Resource;
  /** The component's name: every child's logical name starts with it. */
  readonly name: string;
  readonly subscriptionId: pulumi.Input<string>;
  readonly resourceGroupName: pulumi.Input<string>;
  readonly location: pulumi.Input<string>;
  readonly zones?: readonly string[];
  readonly tags: Record<string, string>;
}

/** Builds `{ id }` references to sub-resources of one parent, in the documented ARM id format (ids.ts). */
export function referencesTo(ctx: RenderContext, type: NetworkParentType, name: string): (ref: SubResourceRef) => { id: pulumi.Output<string> } {
  const parent = pulumi.all([ctx.subscriptionId, ctx.resourceGroupName]);
  return (ref) => ({
    id: parent.apply(([subscriptionId, resourceGroupName]) => subResourceId({ subscriptionId, resourceGroupName, type, name }, ref)),
  });
}

/**
 * Standard SKU, static, regional (zone-redundant when zones are given): what a Standard frontend needs. With
 * protection.ddos 'advanced', DDoS IP Protection on the address (ddosSettings.protectionMode Enabled, no plan:
 * https://learn.microsoft.com/azure/ddos-protection/ddos-protection-sku-comparison, checked 2026-12-02).
 */
export function publicIps(ctx: RenderContext, plans: readonly PublicIpPlan[], logical: string): Map<string, network.PublicIPAddress> {
  return new Map(
    plans.map((ip) => [
      ip.name,
      new network.PublicIPAddress(
        `${ctx.name}-${logical}-${ip.ipVersion.toLowerCase()}`,
        {
          publicIpAddressName: ip.name,
          resourceGroupName: ctx.resourceGroupName,
          location: ctx.location,
          sku: { name: 'Standard', tier: 'Regional' },
          publicIPAllocationMethod: 'Static',
          publicIPAddressVersion: ip.ipVersion,
          ...(ctx.zones?.length ? { zones: [...ctx.zones] } : {}),
          ...(ip.ddosProtection ? { ddosSettings: { protectionMode: 'Enabled' } } : {}),
          tags: ctx.tags,
        },
        { parent: ctx.parent },
      ),
    ]),
  );
}

/** deletionProtection (the nearest mapping): Azure refuses to delete the resource while the lock exists. */
export function deletionLock(ctx: RenderContext, logical: string, lockName: string, resource: pulumi.CustomResource): authorization.ManagementLockByScope {
  return new authorization.ManagementLockByScope(
    `${ctx.name}-${logical}-lock`,
    {
      scope: resource.id,
      level: 'CanNotDelete',
      lockName,
      notes: 'lbkit: the spec sets deletionProtection',
    },
    { parent: ctx.parent },
  );
}

/** Access logs of an Application Gateway to a Log Analytics workspace or a storage account. */
export function accessLogSetting(
  ctx: RenderContext,
  settingName: string,
  resource: pulumi.CustomResource,
  destination: { readonly workspaceId?: pulumi.Input<string>; readonly storageAccountId?: pulumi.Input<string> },
): monitor.DiagnosticSetting {
  return new monitor.DiagnosticSetting(
    `${ctx.name}-access-logs`,
    {
      name: settingName,
      resourceUri: resource.id,
      logs: [{ category: 'ApplicationGatewayAccessLog', enabled: true }],
      ...(destination.workspaceId ? { workspaceId: destination.workspaceId } : { storageAccountId: destination.storageAccountId }),
    },
    { parent: ctx.parent },
  );
}

/** Addresses of a binding as backend entries, named after the address so that reordering changes nothing. */
export function addressName(address: pulumi.Input<string>): pulumi.Output<string> {
  return pulumi.output(address).apply((a) => `ip-${a.replace(/[^A-Za-z0-9]+/g, '-')}`);
}
