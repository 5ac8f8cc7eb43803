/**
 * `protection.ddos: advanced` -> Shield Advanced: an AWS::Shield::Protection on the ALB's ARN when the ALB serves
 * a protected frontend (https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-shield-protection.html).
 * The account must subscribe to Shield Advanced first (a yearly commitment, outside lbkit); without it the
 * protection fails to create. An NLB is protected through its Elastic IPs, which lbkit does not allocate, so the
 * aws-nlb cell stays unsupported.
 */
import type { FrontendModel, LoadBalancerModel } from '../../../lib/model/types';
import type { ShieldProtectionPlan } from './types';

export function planShield(model: LoadBalancerModel, l7: readonly FrontendModel[]): ShieldProtectionPlan[] {
  const p = model.protection;
  if (p?.ddos !== 'advanced' || !l7.some((f) => p.frontends.includes(f.name))) return [];
  return [{ loadBalancer: 'Alb', name: `lbkit-${model.name}-alb`, path: 'protection.ddos' }];
}
