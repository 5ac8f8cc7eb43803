/** The Azure shape of a model: L4 frontends to an Azure Load Balancer, L7 frontends to an Application Gateway. */
import { scopeOf } from '../../../lib/capabilities/check';
import { problemsError } from '../../../lib/errors';
import type { LoadBalancerModel } from '../../../lib/model/types';
import { AZURE_TARGET_DEFS, type AzureTargetId } from '../targets';
import { planGatewayAlerts } from './alerts';
import { planApplicationGateway } from './appgw';
import { planLoadBalancer } from './lb';
import { planLoadBalancerAlerts } from './lb-alerts';
import { PlanProblems } from './problems';
import type { AzurePlan, AzurePlanOptions } from './types';

/** A plan with what each target's part of it ran into. */
export interface AzurePlanning {
  /** Complete when no target has a problem; else the parts that could be laid out. */
  readonly plan: AzurePlan;
  readonly problems: Readonly<Record<AzureTargetId, PlanProblems>>;
}

/** Plans the targets in `targets` (both by default), gathering every problem. */
export function planAzureTargets(
  model: LoadBalancerModel,
  options: AzurePlanOptions = {},
  targets: readonly AzureTargetId[] = ['azure-lb', 'azure-appgw'],
): AzurePlanning {
  const prefix = options.namePrefix ?? model.name;
  const problems = { 'azure-lb': new PlanProblems('azure-lb'), 'azure-appgw': new PlanProblems('azure-appgw') };
  const scope = (id: AzureTargetId) =>
    scopeOf(
      model,
      AZURE_TARGET_DEFS.find((d) => d.id === id)!,
    );
  const balancer = targets.includes('azure-lb') ? planLoadBalancer(scope('azure-lb'), prefix, problems['azure-lb']) : undefined;
  const lbAlerts = balancer ? planLoadBalancerAlerts(model, balancer, prefix) : [];
  const loadBalancer = balancer && lbAlerts.length ? { ...balancer, metricAlerts: lbAlerts } : balancer;
  const gateway = targets.includes('azure-appgw')
    ? planApplicationGateway(scope('azure-appgw'), prefix, options.wafManagedRules ?? false, problems['azure-appgw'])
    : undefined;
  const alerts = gateway ? planGatewayAlerts(model, gateway, prefix, problems['azure-appgw']) : [];
  const applicationGateway = gateway && alerts.length ? { ...gateway, metricAlerts: alerts } : gateway;
  return { plan: { ...(loadBalancer ? { loadBalancer } : {}), ...(applicationGateway ? { applicationGateway } : {}) }, problems };
}

/** The plan of a model; a spec that does not fit Azure throws AzurePlanError with every problem. */
export function planAzure(model: LoadBalancerModel, options: AzurePlanOptions = {}): AzurePlan {
  const { plan, problems } = planAzureTargets(model, options);
  const all = [...problems['azure-lb'].all, ...problems['azure-appgw'].all];
  if (all.length) throw problemsError(all);
  return plan;
}

export { planLoadBalancer, planApplicationGateway };
export { PlanProblems } from './problems';
export * from './types';
export type { MetricAlertPlan } from './types';
