/**
 * Advanced network DDoS protection (plan networkDdos): "to add advanced protection for a given region, create a
 * network edge security service in that region and attach a security policy with ADVANCED DDoS protection enabled"
 * (https://cloud.google.com/sdk/gcloud/reference/compute/network-edge-security-services). The policy is a regional
 * CLOUD_ARMOR_NETWORK one (compute.proto SecurityPolicy.type, SecurityPolicyDdosProtectionConfig.ddos_protection
 * ADVANCED); both need Cloud Armor Enterprise and protect everything external of the project in the region.
 */
import * as compute from '@pulumi/gcp/compute';
import type * as pulumi from '@pulumi/pulumi';
import type { RenderContext } from './context';

/** The network edge security service's policy self link, when the plan asks for advanced network DDoS protection. */
export function renderNetworkDdos(ctx: RenderContext): pulumi.Output<string> | undefined {
  const plan = ctx.plan.networkDdos;
  if (!plan) return undefined;
  const policy = new compute.RegionSecurityPolicy(
    ctx.name(plan.id),
    {
      ...ctx.common,
      region: ctx.region,
      description: `lbkit: advanced network DDoS protection of ${plan.frontends.join(', ')}`,
      type: 'CLOUD_ARMOR_NETWORK',
      ddosProtectionConfig: { ddosProtection: 'ADVANCED' },
    },
    ctx.opts(),
  );
  new compute.NetworkEdgeSecurityService(
    ctx.name('network-edge-security'),
    { ...ctx.common, region: ctx.region, description: 'lbkit: advanced network DDoS protection', securityPolicy: policy.selfLink },
    ctx.opts(),
  );
  return policy.selfLink;
}
