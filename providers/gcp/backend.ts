/**
 * The GCP family as the backend contract sees it (lib/backend.ts): no Pulumi import. The component
 * (loadBalancer.ts) and `lbkit plan` both plan through it, so they agree on the plan and its problems.
 */
import type { Backend, PlanScope } from '../../lib/backend';
import { judge, scopeOf } from '../../lib/capabilities/check';
import { composedModel, modelFor } from '../../lib/model/targets';
import type { FrontendModel, LoadBalancerModel } from '../../lib/model/types';
import { describePlan } from './describe';
import { defaultNetworkLoadBalancerKind, planGcp } from './plan';
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
 * The model GCP compiles for a placement: each frontend as its target's override (`targets:`) has it, L7
 * frontends from gcp-alb-global or gcp-alb-regional (as the placement chooses), L4 frontends from the Network
 * Load Balancer kind each gets. The plan, the placement check and the component all read this one.
 */
export function gcpModel(model: LoadBalancerModel, placement?: GcpPlacement): LoadBalancerModel {
  const global = (placement?.global ?? model.scheme === 'external') && model.scheme !== 'internal';
  const kind = (f: FrontendModel) => placement?.networkLoadBalancers?.[f.name] ?? defaultNetworkLoadBalancerKind(model, f);
  return composedModel(model, [
    { target: global ? 'gcp-alb-global' : 'gcp-alb-regional', keeps: (f) => f.layer === 'l7' },
    { target: 'gcp-nlb-passthrough', keeps: (f) => f.layer === 'l4' && kind(f) === 'passthrough' },
    { target: 'gcp-nlb-proxy', keeps: (f) => f.layer === 'l4' && kind(f) === 'proxy' },
  ]);
}

/**
 * The plan and every problem: capability (each target the plan compiles to, on its frontends) and, when a
 * placement is given, placement and bindings. With `target` (`lbkit plan --target`), the model is planned as
 * that target gets it (its override included) and the placement is not checked.
 */
function plan({ model, target, options: placement, knownTargets }: PlanScope<GcpPlacement, GcpTargetId>) {
  const compiled = target ? modelFor(model, target) : gcpModel(model, placement);
  const plan = target
    ? planGcp(compiled, optionsFor(target, compiled), scopeOf(compiled, defOf(target)).frontends)
    : planGcp(compiled, optionsOf(compiled, placement));
  // The table judges each target on its own model (checkTarget applies the override) and sees every override key.
  const capability = judge(
    model,
    plan.targets.map(({ target: id, frontends }) => ({ def: defOf(id), frontends })),
    knownTargets,
  );
  const placed = placement !== undefined && target === undefined;
  return {
    plan,
    problems: [...capability.problems, ...limitProblems(plan, placed ? placement : undefined), ...(placed ? placementProblems(compiled, plan, placement) : [])],
    warnings: [...capability.warnings, ...(placed ? placementWarnings(compiled, plan, placement) : [])],
  };
}

export const GCP_BACKEND: Backend<GcpPlan, GcpPlacement, GcpTargetId> = {
  family: 'gcp',
  title: 'Google Cloud (Application and Network Load Balancers, Cloud Armor)',
  targets: GCP_TARGETS,
  plan,
  describe: (p) => describePlan(p),
};
