/**
 * The plan's web ACL (rate limits and protection: plan/waf.ts, plan/waf-protection.ts) as WAFv2 L1 resources
 * associated with the ALB, and its Shield Advanced protections (plan/shield.ts) as AWS::Shield::Protection.
 */
import * as elbv2 from 'aws-cdk-lib/aws-elasticloadbalancingv2';
import * as shield from 'aws-cdk-lib/aws-shield';
import * as wafv2 from 'aws-cdk-lib/aws-wafv2';
import type { Construct } from 'constructs';
import type { ShieldProtectionPlan, WebAclPlan } from '../plan/types';
import { webAclRules, webAclVisibility } from '../plan/waf';
import { cloudFormationWaf } from './render';

export interface RenderedWebAcl {
  readonly webAcl: wafv2.CfnWebACL;
  readonly association: wafv2.CfnWebACLAssociation;
  /** IP sets by plan id. */
  readonly ipSets: Readonly<Record<string, wafv2.CfnIPSet>>;
}

export function renderWebAcl(scope: Construct, acl: WebAclPlan, alb: elbv2.ApplicationLoadBalancer): RenderedWebAcl {
  const ipSets = Object.fromEntries(
    acl.ipSets.map((set) => [
      set.id,
      new wafv2.CfnIPSet(scope, `IpSet-${set.id}`, { scope: 'REGIONAL', ipAddressVersion: set.ipAddressVersion, addresses: [...set.addresses] }),
    ]),
  );
  const webAcl = new wafv2.CfnWebACL(scope, 'WebAcl', {
    scope: 'REGIONAL',
    defaultAction: { allow: {} },
    visibilityConfig: webAclVisibility(acl) as unknown as wafv2.CfnWebACL.VisibilityConfigProperty,
    rules: webAclRules(acl, (setId) => ipSets[setId].attrArn).map((r) => cloudFormationWaf(r) as unknown as wafv2.CfnWebACL.RuleProperty),
  });
  const association = new wafv2.CfnWebACLAssociation(scope, 'WebAclAssociation', { resourceArn: alb.loadBalancerArn, webAclArn: webAcl.attrArn });
  return { webAcl, association, ipSets };
}

/** Shield Advanced protections by the load balancer they protect ('Alb'). */
export function renderShield(
  scope: Construct,
  protections: readonly ShieldProtectionPlan[],
  alb: elbv2.ApplicationLoadBalancer | undefined,
): Record<string, shield.CfnProtection> {
  return Object.fromEntries(
    protections.map((p) => [p.loadBalancer, new shield.CfnProtection(scope, `Shield${p.loadBalancer}`, { name: p.name, resourceArn: alb!.loadBalancerArn })]),
  );
}
