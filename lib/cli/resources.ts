/**
 * What `lbkit plan` lists as a target's resources. A provider registers a describer for its targets
 * (providers/<cloud>/describe.ts); until one is registered, a generic summary of the model is shown.
 */
import type { TargetId } from '../capabilities/targets';
import type { LoadBalancerModel } from '../model/types';
import type { ModelScope } from '../capabilities/features';

export interface PlannedResource {
  /** The provider's resource type, e.g. 'AWS::ElasticLoadBalancingV2::Listener'. */
  readonly type: string;
  /** Stable logical id, derived from names. */
  readonly id: string;
  /** One line on what it does. */
  readonly detail: string;
}

export type ResourceDescriber = (scope: ModelScope) => PlannedResource[];

const describers = new Map<TargetId, ResourceDescriber>();

export function registerDescriber(target: TargetId, describer: ResourceDescriber): void {
  describers.set(target, describer);
}

export function describeResources(target: TargetId, scope: ModelScope): PlannedResource[] {
  const own = describers.get(target);
  return own ? own(scope) : genericResources(scope.model, scope);
}

function genericResources(model: LoadBalancerModel, scope: ModelScope): PlannedResource[] {
  return [
    { type: 'load balancer', id: model.name, detail: `${model.scheme}, ${model.ipAddressType}` },
    ...scope.frontends.flatMap((f) => [
      { type: 'frontend', id: f.name, detail: `${f.protocol}:${f.port}${f.tls ? ` tls ${f.tls.minimumVersion}+` : ''}` },
      ...f.rules.map((r) => ({ type: 'rule', id: `${f.name}/${r.id}`, detail: `order ${r.order}: ${describeAction(r.action)}` })),
    ]),
    ...scope.pools.map((p) => ({ type: 'pool', id: p.name, detail: `${p.protocol}:${p.port} ${p.algorithm}, probe ${p.healthCheck.protocol}` })),
    ...scope.rateLimits.map((r) => ({ type: 'rate limit', id: r.name, detail: `${r.limit} per ${r.windowSeconds}s per ${r.key.type === 'header' ? `header ${r.key.name}` : 'client IP'}` })),
  ];
}

export function describeAction(a: LoadBalancerModel['frontends'][number]['rules'][number]['action']): string {
  switch (a.type) {
    case 'forward':
      return `forward to ${a.pool}`;
    case 'weighted-forward':
      return `split ${a.targets.map((t) => `${t.pool}=${t.weight}`).join(' ')}`;
    case 'redirect':
      return `redirect ${a.statusCode}`;
    case 'fixed-response':
      return `fixed ${a.statusCode}`;
  }
}
