/**
 * The GCP family as the backend contract sees it (lib/backend.ts): no Pulumi import. The component
 * (loadBalancer.ts) and `lbkit plan` both plan through it, so they agree on the plan and its problems.
 */
import type { Backend, PlanScope } from '../../lib/backend';
import { judge, scopeOf } from '../../lib/capabilities/check';
import type { LoadBalancerModel } from '../../lib/model/types';
import { describePlan } from './describe';
import { planGcp } from './plan';
import type { GcpPlan, GcpPlanOptions, NetworkLoadBalancerKind } from './plan/types';
import type { GcpPlacement } from './props';
import { GCP_TARGETS, type GcpTargetId } from './targets';
import { placementProblems, placementWarnings } from './placement';
import { limitProblems } from './plan/limits';

const defOf = (id: GcpTargetId) => GCP_TARGETS.find((t) => t.id === id)!;

/** The plan options that make every frontend of one target's layer compile to that target. */
function optionsFor(target: GcpTargetId, model: LoadBalancerModel): GcpPlanOptions {
  if (target === 'gcp-alb-global' || target === 'gcp-alb-regional') return { global: target === 'gcp-alb-global' };
  const kind: NetworkLoadBalancerKind = target === 'gcp-nlb-proxy' ? 'proxy' : 'passthrough';
  const frontends = scopeOf(model, defOf(target)).frontends;
  return { global: model.scheme === 'external', networkLoadBalancers: Object.fromEntries(frontends.map((f) => [f.name, kind])) };
}

/** The plan options a placement asks for; without one, external L7 frontends go global and L4 ones take their default kind. */
function optionsOf(model: LoadBalancerModel, placement: GcpPlacement | undefined): GcpPlanOptions {
  return {
    global: placement?.global ?? model.scheme === 'external',
    ...(placement?.networkLoadBalancers ? { networkLoadBalancers: placement.networkLoadBalancers } : {}),
    ...(placement?.firewall?.internalClientRanges ? { internalClientRanges: placement.firewall.internalClientRanges } : {}),
    ...(placement?.routePriorities ? { routePriorities: placement.routePriorities } : {}),
  };
}

/**
 * The plan and every problem: capability (each target the plan compiles to, on its frontends) and, when a
 * placement is given, placement and bindings. With `target` (`lbkit plan --target`), the model is planned as
 * that target gets it and the placement is not checked.
 */
function plan({ model, target, options: placement, knownTargets }: PlanScope<GcpPlacement, GcpTargetId>) {
  const plan = target ? planGcp(model, optionsFor(target, model), scopeOf(model, defOf(target)).frontends) : planGcp(model, optionsOf(model, placement));
  const capability = judge(
    model,
    plan.targets.map(({ target: id, frontends }) => ({ def: defOf(id), frontends })),
    knownTargets,
  );
  const placed = placement !== undefined && target === undefined;
  return {
    plan,
    problems: [...capability.problems, ...limitProblems(plan, placed ? placement : undefined), ...(placed ? placementProblems(model, plan, placement) : [])],
    warnings: [...capability.warnings, ...(placed ? placementWarnings(model, plan, placement) : [])],
  };
}

export const GCP_BACKEND: Backend<GcpPlan, GcpPlacement, GcpTargetId> = {
  family: 'gcp',
  title: 'Google Cloud (Application and Network Load Balancers, Cloud Armor)',
  targets: GCP_TARGETS,
  plan,
  describe: (p) => describePlan(p),
};
