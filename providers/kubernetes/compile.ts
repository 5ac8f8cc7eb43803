/**
 * The one entry every renderer shares (YAML, cdk8s, Pulumi): a model and placement in, the target's objects out,
 * after every problem of every layer has been gathered (capability, placement), so nothing is emitted for an input
 * that has one.
 */
import type { SpecInput } from '../../lib/backend';
import { problemsError, type CapabilityDiagnostic } from '../../lib/errors';
import { checkedInput } from '../../lib/input';
import { modelFor } from '../../lib/model/targets';
import type { LoadBalancerModel } from '../../lib/model/types';
import { KUBERNETES_BACKEND } from './backend';
import type { KubernetesOptions } from './options';
import type { KubernetesPlan } from './plan';
import type { K8sTargetId } from './targets';

export interface KubernetesProps extends SpecInput, KubernetesOptions {
  /** Which target the objects are for. @default 'k8s-gateway' */
  readonly target?: K8sTargetId;
}

export interface Compiled {
  readonly model: LoadBalancerModel;
  readonly plan: KubernetesPlan;
  readonly warnings: readonly CapabilityDiagnostic[];
}

/** Throws one error listing every problem; `knownTargets` lets allowNearest entries naming unknown targets be reported. */
export function compileKubernetes(props: KubernetesProps, knownTargets?: readonly string[]): Compiled {
  const target = props.target ?? 'k8s-gateway';
  const { model, result } = checkedInput(props, 'LBKIT_K8S_PLACEMENT', (m) => KUBERNETES_BACKEND.plan({ model: m, target, options: props, knownTargets }));
  if (!result.plan) throw problemsError(result.problems);
  // Renderers read the model the target compiled (its override applied), as the plan did.
  return { model: modelFor(model, target), plan: result.plan, warnings: result.warnings };
}
