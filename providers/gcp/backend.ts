/** The GCP family as the backend contract sees it (lib/backend.ts): no Pulumi import. */
import type { Backend } from '../../lib/backend';
import { judge, scopeOf } from '../../lib/capabilities/check';
import { describePlan } from './describe';
import { planGcp } from './plan';
import type { GcpPlan, GcpPlanOptions, NetworkLoadBalancerKind } from './plan/types';
import { GCP_TARGETS, type GcpTargetId } from './targets';

const defOf = (id: GcpTargetId) => GCP_TARGETS.find((t) => t.id === id)!;

/** The plan options that make every frontend of one target's layer compile to that target. */
function optionsFor(target: GcpTargetId, model: Parameters<typeof planGcp>[0]): GcpPlanOptions {
  if (target === 'gcp-alb-global' || target === 'gcp-alb-regional') return { global: target === 'gcp-alb-global' };
  const kind: NetworkLoadBalancerKind = target === 'gcp-nlb-proxy' ? 'proxy' : 'passthrough';
  const frontends = scopeOf(model, defOf(target)).frontends;
  return { global: model.scheme === 'external', networkLoadBalancers: Object.fromEntries(frontends.map((f) => [f.name, kind])) };
}

export const GCP_BACKEND: Backend<GcpPlan, GcpPlanOptions, GcpTargetId> = {
  family: 'gcp',
  title: 'Google Cloud (Application and Network Load Balancers, Cloud Armor)',
  targets: GCP_TARGETS,
  plan({ model, target, options, knownTargets }) {
    const plan = target
      ? planGcp(model, optionsFor(target, model), scopeOf(model, defOf(target)).frontends)
      : planGcp(model, options ?? { global: model.scheme === 'external' });
    const capability = judge(model, plan.targets.map(({ target: id, frontends }) => ({ def: defOf(id), frontends })), knownTargets);
    return { plan, problems: capability.problems, warnings: capability.warnings };
  },
  describe: (plan) => describePlan(plan),
};
