/** The Azure shape of a model: L4 frontends to an Azure Load Balancer, L7 frontends to an Application Gateway. */
import { scopeFor } from '../../../lib/capabilities/check';
import type { LoadBalancerModel } from '../../../lib/model/types';
import { planApplicationGateway } from './appgw';
import { planLoadBalancer } from './lb';
import type { AzurePlan, AzurePlanOptions } from './types';

export function planAzure(model: LoadBalancerModel, options: AzurePlanOptions = {}): AzurePlan {
  const prefix = options.namePrefix ?? model.name;
  const loadBalancer = planLoadBalancer(scopeFor(model, 'azure-lb'), prefix);
  const applicationGateway = planApplicationGateway(scopeFor(model, 'azure-appgw'), prefix, options.wafManagedRules ?? false);
  return { ...(loadBalancer ? { loadBalancer } : {}), ...(applicationGateway ? { applicationGateway } : {}) };
}

export { planLoadBalancer, planApplicationGateway };
export * from './types';
