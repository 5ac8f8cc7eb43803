/** Renders a LoadBalancerPlan as an azure-native Standard Load Balancer (inline pools, probes and rules). */
import * as network from '@pulumi/azure-native/network';
import * as pulumi from '@pulumi/pulumi';
import { virtualNetworkOfSubnet } from './ids';
import type { LoadBalancerPlan } from './plan/types';
import type { LoadBalancerModel } from '../../lib/model/types';
import type { AzureLoadBalancerProps } from './props';
import { addressName, deletionLock, publicIps, referencesTo, type RenderContext } from './render';
import { renderMetricAlerts } from './alerts';

export interface RenderedLoadBalancer {
  readonly loadBalancer: network.LoadBalancer;
  readonly publicIps: readonly network.PublicIPAddress[];
  /** By backend pool name: the spec pool's name, '<pool>_ipv6' for its IPv6 twin. */
  readonly backendAddressPoolIds: Record<string, pulumi.Output<string>>;
  readonly frontendIpAddresses: pulumi.Output<string[]>;
}

export function renderLoadBalancer(ctx: RenderContext, plan: LoadBalancerPlan, props: AzureLoadBalancerProps, model: LoadBalancerModel): RenderedLoadBalancer {
  const ref = referencesTo(ctx, 'loadBalancers', plan.name);
  const placement = props.loadBalancer ?? {};
  const ips = publicIps(ctx, plan.publicIps, 'lb');
  const privateAddress = (v: string) => (v === 'IPv4' ? placement.privateIPAddress : placement.privateIPv6Address);
  const defaultNetwork = placement.virtualNetworkId ?? (placement.subnetId ? pulumi.output(placement.subnetId).apply(virtualNetworkOfSubnet) : undefined);

  const loadBalancer = new network.LoadBalancer(
    `${ctx.name}-lb`,
    {
      loadBalancerName: plan.name,
      resourceGroupName: ctx.resourceGroupName,
      location: ctx.location,
      sku: { name: 'Standard', tier: 'Regional' },
      frontendIPConfigurations: plan.frontendIPConfigurations.map((fc) =>
        fc.publicIp
          ? { name: fc.name, publicIPAddress: { id: ips.get(fc.publicIp)!.id } }
          : {
              name: fc.name,
              subnet: { id: placement.subnetId },
              privateIPAddressVersion: fc.ipVersion,
              privateIPAllocationMethod: privateAddress(fc.ipVersion) ? 'Static' : 'Dynamic',
              ...(privateAddress(fc.ipVersion) ? { privateIPAddress: privateAddress(fc.ipVersion) } : {}),
              ...(ctx.zones?.length ? { zones: [...ctx.zones] } : {}),
            },
      ),
      backendAddressPools: plan.backendAddressPools.map((p) => {
        const binding = props.bindings?.[p.pool];
        const addresses = (p.ipVersion === 'IPv4' ? binding?.ipAddresses : binding?.ipv6Addresses) ?? [];
        const virtualNetwork = binding?.virtualNetworkId ?? defaultNetwork;
        return {
          name: p.name,
          loadBalancerBackendAddresses: addresses.map((ipAddress) => ({ name: addressName(ipAddress), ipAddress, virtualNetwork: { id: virtualNetwork } })),
        };
      }),
      probes: plan.probes.map((p) => ({
        name: p.name,
        protocol: p.protocol,
        port: p.port,
        ...(p.requestPath !== undefined ? { requestPath: p.requestPath } : {}),
        intervalInSeconds: p.intervalInSeconds,
        probeThreshold: p.probeThreshold,
        // The legacy count Azure documents alongside probeThreshold; kept equal so that both read the same.
        numberOfProbes: p.probeThreshold,
        noHealthyBackendsBehavior: p.noHealthyBackendsBehavior,
      })),
      loadBalancingRules: plan.rules.map((r) => ({
        name: r.name,
        frontendIPConfiguration: ref(r.frontendIPConfiguration),
        backendAddressPool: ref(r.backendAddressPool),
        probe: ref(r.probe),
        protocol: r.protocol,
        frontendPort: r.frontendPort,
        backendPort: r.backendPort,
        loadDistribution: r.loadDistribution,
        ...(r.idleTimeoutInMinutes !== undefined ? { idleTimeoutInMinutes: r.idleTimeoutInMinutes } : {}),
        enableTcpReset: r.enableTcpReset,
        disableOutboundSnat: r.disableOutboundSnat,
        enableFloatingIP: r.enableFloatingIP,
      })),
      tags: ctx.tags,
    },
    { parent: ctx.parent },
  );

  if (model.deletionProtection) deletionLock(ctx, 'lb', `${plan.name}-lock`, loadBalancer);
  // 'lb-alert': an alarm's pool may be served by the gateway too, whose alert keeps the name 'alert'.
  renderMetricAlerts(ctx, plan.metricAlerts ?? [], loadBalancer.id, props.actionGroups ?? {}, 'lb-alert');

  const frontendIpAddresses = plan.internal
    ? loadBalancer.frontendIPConfigurations.apply((configs) => (configs ?? []).flatMap((c) => (c.privateIPAddress ? [c.privateIPAddress] : [])))
    : pulumi.all([...ips.values()].map((ip) => ip.ipAddress)).apply((all) => all.filter((a): a is string => !!a));
  return {
    loadBalancer,
    publicIps: [...ips.values()],
    backendAddressPoolIds: Object.fromEntries(plan.backendAddressPools.map((p) => [p.name, ref({ collection: 'backendAddressPools', name: p.name }).id])),
    frontendIpAddresses,
  };
}
