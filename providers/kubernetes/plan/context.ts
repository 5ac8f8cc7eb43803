/** What every part of the Kubernetes plan reads: the model, the target, and the placement with its defaults applied. */
import type { LoadBalancerModel } from '../../../lib/model/types';
import type { K8sTargetId } from '../targets';
import type { KubernetesOptions } from '../options';
import type { ObjectMeta } from '../objects';
import { objectName } from './names';

export interface PlanContext {
  readonly model: LoadBalancerModel;
  readonly target: K8sTargetId;
  readonly options: KubernetesOptions;
  readonly namespace: string;
  readonly channel: 'standard' | 'experimental';
  readonly gatewayName: string;
  readonly gatewayClassName: string;
  readonly labels: Readonly<Record<string, string>>;
}

export function defaultGatewayClass(target: K8sTargetId, model: LoadBalancerModel): string {
  if (target === 'k8s-envoy-gateway') return 'eg';
  if (target === 'k8s-gke-gateway') return model.scheme === 'internal' ? 'gke-l7-rilb' : 'gke-l7-global-external-managed';
  return 'gateway';
}

export function contextOf(model: LoadBalancerModel, target: K8sTargetId, options: KubernetesOptions = {}): PlanContext {
  return {
    model,
    target,
    options,
    namespace: options.namespace ?? 'default',
    channel: options.channel ?? 'standard',
    gatewayName: objectName(model.name),
    gatewayClassName: options.gatewayClassName ?? defaultGatewayClass(target, model),
    labels: { 'app.kubernetes.io/managed-by': 'lbkit', 'lbkit.dev/load-balancer': model.name, ...(options.labels ?? {}) },
  };
}

export function meta(ctx: PlanContext, name: string, namespaced = true): ObjectMeta {
  return { name, ...(namespaced ? { namespace: ctx.namespace } : {}), labels: ctx.labels };
}

/**
 * Whether the spec wrote a field (model.given): a field it left out gets the implementation's own default, so the
 * plan emits no policy field for it (the columns set nativeDefaults). A model without `given` wrote everything.
 */
export { written } from '../../../lib/model/targets';
