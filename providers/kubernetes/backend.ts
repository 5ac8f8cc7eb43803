/** The Kubernetes family as the backend contract sees it (lib/backend.ts): plain objects, no cdk8s or Pulumi import. */
import type { Backend, TargetDef } from '../../lib/backend';
import { judge } from '../../lib/capabilities/check';
import { modelFor } from '../../lib/model/targets';
import { K8S_GATEWAY_EXPERIMENTAL } from './capabilities';
import { describePlan } from './describe';
import type { KubernetesOptions } from './options';
import { planKubernetes, type KubernetesPlan } from './plan';
import { K8S_TARGETS, type K8sTargetId } from './targets';

/** The options of a plan: placement, and which target (the Gateway implementation, or Services). */
export interface KubernetesPlanOptions extends KubernetesOptions {
  /** @default 'k8s-gateway' */
  readonly target?: K8sTargetId;
}

/** A target's definition as the options place it: k8s-gateway on the experimental channel gets that channel's column. */
export function targetDef(target: K8sTargetId, options: KubernetesOptions = {}): TargetDef<K8sTargetId> {
  const def = K8S_TARGETS.find((t) => t.id === target)!;
  return target === 'k8s-gateway' && options.channel === 'experimental' ? { ...def, column: K8S_GATEWAY_EXPERIMENTAL } : def;
}

export const KUBERNETES_BACKEND: Backend<KubernetesPlan, KubernetesPlanOptions, K8sTargetId> = {
  family: 'kubernetes',
  title: 'Kubernetes (Gateway API, Envoy Gateway, GKE Gateway, Service type LoadBalancer with MetalLB)',
  targets: K8S_TARGETS,
  plan({ model, target, options, knownTargets }) {
    const id = target ?? options?.target ?? 'k8s-gateway';
    // The target compiles its own model (its `targets:` override); the table applies the override itself.
    const { plan, problems } = planKubernetes(modelFor(model, id), id, options ?? {});
    const capability = judge(model, [{ def: targetDef(id, options) }], knownTargets);
    return { plan, problems: [...capability.problems, ...problems], warnings: capability.warnings };
  },
  describe: (plan) => describePlan(plan),
};
