/** The Azure shape of a model: L4 frontends to an Azure Load Balancer, L7 frontends to an Application Gateway. */
import { scopeOf } from '../../../lib/capabilities/check';
import { AZURE_TARGET_DEFS } from '../targets';
import type { LoadBalancerModel } from '../../../lib/model/types';
import { planApplicationGateway } from './appgw';
import { planLoadBalancer } from './lb';
import type { AzurePlan, AzurePlanOptions } from './types';

export function planAzure(model: LoadBalancerModel, options: AzurePlanOptions = {}): AzurePlan {
  const prefix = options.namePrefix ?? model.name;
  const loadBalancer = planLoadBalancer(scopeOf(model, AZURE_TARGET_DEFS[0]), prefix);
  const applicationGateway = planApplicationGateway(scopeOf(model, AZURE_TARGET_DEFS[1]), prefix, options.wafManagedRules ?? false);
  return { ...(loadBalancer ? { loadBalancer } : {}), ...(applicationGateway ? { applicationGateway } : {}) };
}

export { planLoadBalancer, planApplicationGateway };
export * from './types';
