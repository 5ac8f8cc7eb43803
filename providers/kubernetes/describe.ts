/** What `lbkit plan --target k8s-...` lists: every object of the plan, one row each. */
import type { PlannedResource } from '../../lib/backend';
import type { K8sObject } from './objects';
import type { KubernetesPlan } from './plan';

function detail(o: K8sObject): string {
  const spec = (o.spec ?? {}) as Record<string, unknown>;
  switch (o.kind) {
    case 'Gateway':
      return `class ${String(spec.gatewayClassName)}, listeners ${(spec.listeners as Array<{ name: string; protocol: string; port: number }>).map((l) => `${l.name} ${l.protocol}:${l.port}`).join(', ')}`;
    case 'HTTPRoute':
      return `${(spec.hostnames as string[] | undefined)?.join(', ') ?? 'any host'}: rules ${(spec.rules as Array<{ name: string }>).map((r) => r.name).join(', ')}`;
    case 'Service':
      return spec.type === 'LoadBalancer'
        ? `LoadBalancer ${(spec.ports as Array<{ protocol: string; port: number }>).map((p) => `${p.protocol}:${p.port}`).join(', ')}`
        : 'members by EndpointSlice (no selector)';
    case 'EndpointSlice':
      return `${o.endpoints?.length ?? 0} addresses (${o.addressType})`;
    default: {
      const refs = (spec.targetRefs ?? (spec.targetRef ? [spec.targetRef] : undefined)) as
        Array<{ kind: string; name: string; sectionName?: string }> | undefined;
      return refs ? `attached to ${refs.map((r) => `${r.kind} ${r.name}${r.sectionName ? `/${r.sectionName}` : ''}`).join(', ')}` : o.apiVersion;
    }
  }
}

export function describePlan(plan: KubernetesPlan): PlannedResource[] {
  return plan.objects.map((o) => ({
    type: `${o.apiVersion.includes('/') ? o.apiVersion.split('/')[0] : 'core'}/${o.kind}`,
    id: `${o.metadata.namespace ? `${o.metadata.namespace}/` : ''}${o.metadata.name}`,
    detail: detail(o),
  }));
}
