/**
 * Which frontends are gRPC frontends on the Gateway targets: those whose rules route gRPC calls, or whose every pool
 * is a grpc or grpcs pool. The plan renders them as GRPCRoutes (plan/grpc-routes.ts) and the ranges hold them to
 * what a GRPCRoute can say (grpc-ranges.ts); both read this one definition.
 */
import { reachedPoolModels } from '../../lib/model/derived';
import type { FrontendModel, LoadBalancerModel } from '../../lib/model/types';

/** grpc and grpcs pools speak gRPC: HTTP/2 always. */
export const isGrpcPool = (protocol: string): boolean => protocol === 'grpc' || protocol === 'grpcs';

export function grpcFrontend(model: LoadBalancerModel, f: FrontendModel): boolean {
  if (f.layer !== 'l7' || f.redirectHttpToHttps) return false;
  if (f.rules.some((r) => r.match.grpc)) return true;
  const pools = reachedPoolModels(model, f);
  return pools.length > 0 && pools.every((p) => isGrpcPool(p.protocol));
}
