/**
 * What a GRPCRoute can say (gateway.networking.k8s.io_grpcroutes.yaml, Gateway API v1.6.1): matches on gRPC method
 * (service, method) and headers only, backendRefs or filters, no redirect and no direct response. A gRPC frontend
 * (plan/grpc-routes.ts) on k8s-gateway and k8s-envoy-gateway becomes GRPCRoutes only, since an HTTPRoute and a
 * GRPCRoute cannot share a listener's hostname; these are its limits. A grpc pool behind an HTTPRoute would be spoken
 * to in HTTP/1.1 unless its Service says kubernetes.io/h2c, so grpc and grpcs pools are reached from gRPC frontends.
 */
import type { ModelScope } from '../../lib/capabilities/features';
import type { RangeViolation } from '../../lib/capabilities/support';
import { reachedPoolModels } from '../../lib/model/derived';
import type { ActionModel, FrontendModel } from '../../lib/model/types';
import { grpcFrontend, isGrpcPool } from './grpc-frontends';

const GRPC_ROUTE =
  'on a frontend with gRPC rules (rendered as GRPCRoutes): gRPC calls and header conditions, forward and weighted-forward actions, no rule filters, timeouts or retries';

function grpcFrontendRanges(f: FrontendModel): RangeViolation[] {
  const out: RangeViolation[] = [];
  const v = (path: string, message: string) => out.push({ path, accepted: GRPC_ROUTE, message });
  for (const r of f.rules) {
    if (!r.match.grpc && r.match.paths.length)
      v(`${r.path}.match.paths`, `rule '${r.name}' has path conditions: a GRPCRoute matches gRPC service and method only`);
    if (r.match.methods.length)
      v(`${r.path}.match.methods`, `rule '${r.name}' has method conditions: every gRPC call is a POST, and a GRPCRoute has no method match`);
    if (r.match.query.length) v(`${r.path}.match.query`, `rule '${r.name}' has query conditions: a GRPCRoute has no query match`);
    // GRPCRoute has header modifier filters but no URLRewrite, timeouts or retry; lbkit renders none of them there yet.
    for (const field of ['requestHeaders', 'responseHeaders', 'rewrite', 'timeouts', 'retry'] as const) {
      const f = r.filters;
      const has = field === 'timeouts' ? f?.requestTimeoutSeconds !== undefined || f?.backendTimeoutSeconds !== undefined : f?.[field] !== undefined;
      if (has) v(`${r.path}.${field}`, `rule '${r.name}' has ${field}: lbkit renders no GRPCRoute filters, timeouts or retries`);
    }
  }
  const actions: Array<[ActionModel, string]> = [
    ...f.rules.map((r): [ActionModel, string] => [r.action, `${r.path}.action`]),
    ...(f.defaultAction ? [[f.defaultAction, `${f.path}.defaultAction`] as [ActionModel, string]] : []),
  ];
  for (const [a, path] of actions)
    if (a.type === 'redirect' || a.type === 'fixed-response') v(path, `a ${a.type} action: a GRPCRoute has no redirect and no direct response`);
  return out;
}

export function grpcRanges(scope: ModelScope): RangeViolation[] {
  const l7 = scope.frontends.filter((f) => f.layer === 'l7');
  return [
    ...l7.filter((f) => grpcFrontend(scope.model, f)).flatMap(grpcFrontendRanges),
    ...l7
      .filter((f) => !grpcFrontend(scope.model, f))
      .flatMap((f) =>
        reachedPoolModels(scope.model, f)
          .filter((p) => isGrpcPool(p.protocol))
          .map((p): RangeViolation => ({
            path: `${p.path}.protocol`,
            accepted: 'grpc and grpcs pools reached from frontends with gRPC rules or only gRPC pools (GRPCRoutes)',
            message: `frontend '${f.name}' is rendered as HTTPRoutes and reaches ${p.protocol} pool '${p.name}': the Gateway would speak HTTP/1.1 to it`,
          })),
      ),
  ];
}
