/**
 * GRPCRoutes of one L7 frontend (gateway.networking.k8s.io/v1 GRPCRoute, Gateway API v1.6.1 standard channel): the
 * same host split as HTTPRoutes (host-routes.ts), each rule named after the spec rule. A rule's gRPC calls become
 * method matches (type Exact, service and method; the method left out matches every method of the service), its
 * header conditions GRPCHeaderMatches, its forward or weighted forward backendRefs.
 *
 * Which frontends: on k8s-gateway and k8s-envoy-gateway, a frontend whose rules route gRPC calls, or whose every pool
 * is a grpc or grpcs pool. An HTTPRoute and a GRPCRoute cannot share a listener's hostname (the GRPCRoute hostnames
 * doc: the implementation 'MUST accept exactly one of these two routes'), so such a frontend gets GRPCRoutes only;
 * what a GRPCRoute cannot say (paths, methods, query, redirects, fixed responses) is a range problem (grpc-ranges.ts).
 * GKE Gateway has no GRPCRoute (capabilities-grpc.ts): its frontends keep HTTPRoute path matches.
 */
import type { FrontendModel, GrpcCallMatch } from '../../../lib/model/types';
import { grpcFrontend } from '../grpc-frontends';
import { backendRefOf, type BackendRef } from './backends';
import type { PlanContext } from './context';
import type { RouteEntry } from './host-routes';
import { headerMatch, routeObjects, type HttpRouteParts } from './http-routes';

/** Whether the frontend is rendered as GRPCRoutes on this target (GKE Gateway has none). */
export const rendersGrpc = (ctx: PlanContext, f: FrontendModel): boolean => ctx.target !== 'k8s-gke-gateway' && grpcFrontend(ctx.model, f);

const methodMatch = (call: GrpcCallMatch) => ({ type: 'Exact', service: call.service, ...(call.method !== undefined ? { method: call.method } : {}) });

/**
 * The calls of a rule, read from its path conditions (exact '/<service>/<method>', prefix '/<service>': lib/model/grpc.ts):
 * most-specific order splits a rule by its paths, and each part keeps only its own.
 */
function callsOf(entry: RouteEntry): GrpcCallMatch[] {
  if (!entry.match.grpc) return [];
  return entry.match.paths.map((p) => {
    const [service, method] = p.value.slice(1).split('/');
    return p.kind === 'exact' ? { service, method } : { service };
  });
}

function ruleOf(ctx: PlanContext, entry: RouteEntry, refs: ReadonlyMap<string, BackendRef>): Record<string, unknown> {
  const headers = entry.match.headers.map((h) => headerMatch(ctx, h));
  const own = callsOf(entry);
  const calls: ReadonlyArray<GrpcCallMatch | undefined> = own.length ? own : [undefined];
  const matches = calls
    .map((c) => ({ ...(c ? { method: methodMatch(c) } : {}), ...(headers.length ? { headers } : {}) }))
    .filter((m) => Object.keys(m).length > 0);
  const a = entry.action;
  // Only forwards reach here: grpc-ranges.ts refuses redirects and fixed responses on a GRPCRoute frontend.
  const backendRefs =
    a.type === 'forward'
      ? [backendRefOf(refs.get(a.pool)!)]
      : a.type === 'weighted-forward'
        ? a.targets.map((t) => backendRefOf(refs.get(t.pool)!, t.weight))
        : [];
  return { name: entry.name, ...(matches.length ? { matches } : {}), backendRefs };
}

export function grpcRoutes(ctx: PlanContext, f: FrontendModel, refs: ReadonlyMap<string, BackendRef>): HttpRouteParts {
  return { ...routeObjects(ctx, f, 'GRPCRoute', (e) => ruleOf(ctx, e, refs)), filters: [] };
}
