/** The proxy-only subnet of regional Envoy-based load balancers, and the firewall rules members need. */
import type * as pulumi from '@pulumi/pulumi';
import * as compute from '@pulumi/gcp/compute';
import type { RenderContext } from './context';

export function renderProxyOnlySubnet(ctx: RenderContext): compute.Subnetwork | undefined {
  const subnet = ctx.props.proxyOnlySubnet;
  if (!ctx.plan.needsProxyOnlySubnet || !subnet || subnet.create === false) return undefined;
  return new compute.Subnetwork(
    ctx.name('proxy-only-subnet'),
    {
      ...ctx.common,
      description: 'lbkit: proxy-only subnet of regional Application and proxy Network Load Balancers',
      network: ctx.props.network!,
      region: ctx.region,
      ipCidrRange: subnet.ipCidrRange,
      purpose: 'REGIONAL_MANAGED_PROXY',
      role: 'ACTIVE',
    },
    ctx.opts(),
  );
}

export function renderFirewalls(ctx: RenderContext): pulumi.Output<string>[] {
  const settings = ctx.props.firewall ?? {};
  if (settings.create === false) return [];
  return ctx.plan.firewalls.map(
    (fw) =>
      new compute.Firewall(
        ctx.name(fw.id),
        {
          ...ctx.common,
          description: `lbkit: ${fw.description}`,
          network: ctx.props.network!,
          direction: 'INGRESS',
          priority: 1000,
          disabled: false,
          sourceRanges: 'ranges' in fw.source ? [...fw.source.ranges] : [ctx.props.proxyOnlySubnet!.ipCidrRange],
          allows: fw.allow.map((a) => ({ protocol: a.protocol, ports: a.ports.map(String) })),
          ...(settings.targetTags ? { targetTags: [...settings.targetTags] } : {}),
        },
        ctx.opts(),
      ).id,
  );
}
