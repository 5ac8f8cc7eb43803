/**
 * The Kubernetes plan: the objects one target gets for a model, as plain data, and every placement problem.
 * Objects come out in a stable order (Gateway first, then routes, policies, Services), each named from spec names.
 */
import type { Problem } from '../../../lib/errors';
import { reachedPools } from '../../../lib/model/derived';
import type { LoadBalancerModel, PoolModel } from '../../../lib/model/types';
import type { K8sObject } from '../objects';
import type { KubernetesOptions } from '../options';
import type { K8sTargetId } from '../targets';
import { poolBackend, type BackendRef } from './backends';
import { contextOf, type PlanContext } from './context';
import { backendTrafficPolicies, clientTrafficPolicies, securityPolicies, type RouteSection } from './envoy';
import { backendTlsPolicies, gatewayObject, l4Route, referenceGrants, retryBudgetPolicies } from './gateway';
import { gkePolicies } from './gke';
import { grpcRoutes, rendersGrpc } from './grpc-routes';
import { httpRoutes } from './http-routes';
import { planServices } from './service';

export interface KubernetesPlan {
  readonly target: K8sTargetId;
  readonly namespace: string;
  readonly objects: readonly K8sObject[];
}

const layerOf = (target: K8sTargetId) => (target === 'k8s-service' ? 'l4' : target === 'k8s-gke-gateway' ? 'l7' : 'both');

function placementProblems(ctx: PlanContext): Problem[] {
  const p = (path: string, message: string, fix: string): Problem => ({ code: 'LBKIT_K8S_PLACEMENT', path, message, fix, target: ctx.target });
  const known = new Set(ctx.model.pools.map((x) => x.name));
  return [
    ...(/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/.test(ctx.namespace) && ctx.namespace.length <= 63
      ? []
      : [p('namespace', `'${ctx.namespace}' is no namespace name`, 'a DNS-1123 label')]),
    ...Object.keys(ctx.options.bindings ?? {})
      .filter((b) => !known.has(b))
      .map((b) => p(`bindings.${b}`, `no pool is named '${b}'`, `bind one of: ${[...known].join(', ')}`)),
    ...(ctx.options.metallb && ctx.target !== 'k8s-service'
      ? [p('metallb', 'MetalLB options apply to k8s-service only', 'drop metallb, or plan for k8s-service')]
      : []),
    ...(ctx.channel === 'experimental' && ctx.target !== 'k8s-gateway'
      ? [p('channel', `channel 'experimental' applies to k8s-gateway only`, 'drop channel, or plan for k8s-gateway')]
      : []),
  ];
}

export function planKubernetes(model: LoadBalancerModel, target: K8sTargetId, options: KubernetesOptions = {}): { plan: KubernetesPlan; problems: Problem[] } {
  const ctx = contextOf(model, target, options);
  const layer = layerOf(target);
  const frontends = model.frontends.filter((f) => layer === 'both' || f.layer === layer);
  const problems = placementProblems(ctx);
  if (!frontends.length) return { plan: { target, namespace: ctx.namespace, objects: [] }, problems };
  if (target === 'k8s-service') {
    const services = planServices(
      ctx,
      frontends.filter((f) => f.protocol !== 'tls'),
    );
    return { plan: { target, namespace: ctx.namespace, objects: services.objects }, problems: [...problems, ...services.problems] };
  }
  const pools: PoolModel[] = [...new Set(frontends.flatMap(reachedPools))].map((n) => model.pools.find((p) => p.name === n)!);
  const refs = new Map<string, BackendRef>();
  const backendObjects: K8sObject[] = [];
  for (const pool of pools) {
    const r = poolBackend(ctx, pool);
    problems.push(...r.problems);
    if (r.backend) {
      refs.set(pool.name, r.backend.ref);
      backendObjects.push(...r.backend.objects);
    } else refs.set(pool.name, { name: pool.name, port: pool.port });
  }
  const l7 = frontends
    .filter((f) => f.layer === 'l7')
    .map((f) =>
      rendersGrpc(ctx, f) ? { kind: 'GRPCRoute' as const, ...grpcRoutes(ctx, f, refs) } : { kind: 'HTTPRoute' as const, ...httpRoutes(ctx, f, refs) },
    );
  const l4 = frontends.filter((f) => f.layer === 'l4').map((f) => ({ f, route: l4Route(ctx, f, refs) }));
  const sections: RouteSection[] = [
    ...l7.flatMap((r) => r.sections.map((s) => ({ ...s, kind: r.kind }))),
    ...l4
      .filter(({ f }) => f.defaultAction)
      .map(({ f, route }) => ({
        kind: route.kind as RouteSection['kind'],
        route: route.metadata.name,
        rule: 'lbkit.default',
        action: f.defaultAction!,
        frontend: f.name,
      })),
  ];
  const objects: K8sObject[] = [
    gatewayObject(ctx, frontends),
    ...l7.flatMap((r) => r.routes),
    ...l4.map((x) => x.route),
    ...(target === 'k8s-envoy-gateway'
      ? [
          ...l7.flatMap((r) => r.filters),
          ...backendTrafficPolicies(ctx, sections),
          ...clientTrafficPolicies(ctx, frontends),
          ...securityPolicies(ctx, frontends),
        ]
      : []),
    ...(target === 'k8s-gke-gateway' ? gkePolicies(ctx, pools, refs) : []),
    ...backendTlsPolicies(ctx, pools, refs),
    ...retryBudgetPolicies(ctx, pools, refs),
    ...referenceGrants(ctx, [...refs.values()], [...new Set([...l7.map((r) => r.kind), ...l4.map((x) => x.route.kind)])]),
    ...backendObjects,
  ];
  return { plan: { target, namespace: ctx.namespace, objects }, problems };
}
