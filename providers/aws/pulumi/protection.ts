/**
 * The plan's web ACL (rate limits and protection: plan/waf.ts, plan/waf-protection.ts) as @pulumi/aws wafv2
 * resources associated with the ALB, and its Shield Advanced protections (plan/shield.ts) as aws.shield.Protection.
 */
import type * as lb from '@pulumi/aws/lb';
import * as shield from '@pulumi/aws/shield';
import * as wafv2 from '@pulumi/aws/wafv2';
import type * as pulumi from '@pulumi/pulumi';
import type { ShieldProtectionPlan, WebAclPlan } from '../plan/types';
import { webAclRules, webAclVisibility } from '../plan/waf';

export function renderWebAcl(
  name: string,
  acl: WebAclPlan,
  alb: lb.LoadBalancer,
  tags: Record<string, string>,
  opts: pulumi.CustomResourceOptions,
): { webAcl: wafv2.WebAcl; ipSets: Record<string, wafv2.IpSet> } {
  const ipSets = Object.fromEntries(
    acl.ipSets.map((set) => [
      set.id,
      new wafv2.IpSet(`${name}-${set.id}`, { scope: 'REGIONAL', ipAddressVersion: set.ipAddressVersion, addresses: [...set.addresses], tags }, opts),
    ]),
  );
  const webAcl = new wafv2.WebAcl(
    `${name}-waf`,
    {
      scope: 'REGIONAL',
      defaultAction: { allow: {} },
      visibilityConfig: webAclVisibility(acl) as unknown as wafv2.WebAclArgs['visibilityConfig'],
      rules: webAclRules(acl, (id) => ipSets[id].arn) as unknown as wafv2.WebAclArgs['rules'],
      tags,
    },
    opts,
  );
  new wafv2.WebAclAssociation(`${name}/waf`, { resourceArn: alb.arn, webAclArn: webAcl.arn }, opts);
  return { webAcl, ipSets };
}

/** Shield Advanced protections by the load balancer they protect ('Alb'). */
export function renderShield(
  name: string,
  protections: readonly ShieldProtectionPlan[],
  alb: lb.LoadBalancer | undefined,
  tags: Record<string, string>,
  opts: pulumi.CustomResourceOptions,
): Record<string, shield.Protection> {
  return Object.fromEntries(
    protections.map((p) => [
      p.loadBalancer,
      new shield.Protection(`${name}/shield-${p.loadBalancer.toLowerCase()}`, { name: p.name, resourceArn: alb!.arn, tags }, opts),
    ]),
  );
}
