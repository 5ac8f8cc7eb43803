/** What `lbkit plan --target local` lists: the model itself, as the reference proxy runs it. */
import type { PlannedResource } from '../../lib/backend';
import type { ModelScope } from '../../lib/capabilities/features';
import type { ActionModel } from '../../lib/model/types';

export function describeAction(a: ActionModel): string {
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

export function describeLocal(scope: ModelScope): PlannedResource[] {
  const { model } = scope;
  return [
    { type: 'load balancer', id: model.name, detail: `${model.scheme}, ${model.ipAddressType}` },
    ...scope.frontends.flatMap((f) => [
      { type: 'frontend', id: f.name, detail: `${f.protocol}:${f.port}${f.tls ? ` tls ${f.tls.minimumVersion}+` : ''}` },
      ...f.rules.map((r) => ({ type: 'rule', id: `${f.name}/${r.id}`, detail: `order ${r.order}: ${describeAction(r.action)}` })),
    ]),
    ...scope.pools.map((p) => ({ type: 'pool', id: p.name, detail: `${p.protocol}:${p.port} ${p.algorithm}, probe ${p.healthCheck.protocol}` })),
    ...scope.rateLimits.map((r) => ({
      type: 'rate limit',
      id: r.name,
      detail: `${r.limit} per ${r.windowSeconds}s per ${r.key.type === 'header' ? `header ${r.key.name}` : 'client IP'}`,
    })),
  ];
}
