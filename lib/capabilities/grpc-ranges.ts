/** A range check that ALB-style targets share: gRPC pools need HTTP/2 from the client, which comes over TLS only. */
import type { ModelScope } from './features';
import type { RangeViolation } from './support';

/** Every action of a cleartext http frontend that forwards to a gRPC pool, with the target's own wording. */
export function grpcBehindHttpFrontends(scope: ModelScope, accepted: string): RangeViolation[] {
  const grpcPools = new Set(scope.pools.filter((p) => p.protocol === 'grpc' || p.protocol === 'grpcs').map((p) => p.name));
  return scope.frontends
    .filter((f) => f.protocol === 'http')
    .flatMap((f) =>
      [
        ...f.rules.map((r) => ({ a: r.action, at: `${r.path}.action` })),
        ...(f.defaultAction ? [{ a: f.defaultAction, at: `${f.path}.defaultAction` }] : []),
      ].flatMap(({ a, at }) =>
        (a.type === 'forward' ? [a.pool] : a.type === 'weighted-forward' ? a.targets.map((t) => t.pool) : [])
          .filter((p) => grpcPools.has(p))
          .map((p) => ({ path: at, accepted, message: `http frontend '${f.name}' forwards to gRPC pool '${p}'` })),
      ),
    );
}
