/**
 * GRPCRoute matching for the Gateway API evaluator (k8s-gateway.ts), written from the CRD's own text
 * (gateway.networking.k8s.io_grpcroutes.yaml, Gateway API v1.6.1), independently of lbkit's matcher:
 *
 * - A gRPC request is a POST whose content-type is application/grpc (alone or with '+codec' / ';params') to
 *   '/<service>/<method>' (https://github.com/grpc/grpc/blob/master/doc/PROTOCOL-HTTP2.md, "Path"); a GRPCRoute
 *   matches gRPC requests only (anything else is left to the implementation: here no match).
 * - GRPCMethodMatch type Exact (the default): 'service' and 'method' compare as written; one left out matches any.
 *   'If no matches are specified, the implementation MUST match every gRPC request.' Headers as HTTPRoute's.
 * - Precedence, after the hostname: 'Characters in a matching service', 'Characters in a matching method',
 *   'Header matches'; then the oldest route, '{namespace}/{name}' order, and the first matching rule.
 */
import type { ConformanceRequest } from './request';

type Json = Record<string, any>;

export interface GrpcCall {
  readonly service: string;
  readonly method: string;
}

/** The call a request makes, or undefined when it is no gRPC request. */
export function grpcCallOf(req: ConformanceRequest): GrpcCall | undefined {
  const types = req.headers.filter(([k]) => k.toLowerCase() === 'content-type').map(([, v]) => v.trim().toLowerCase());
  const grpc = types.length === 1 && /^application\/grpc($|[+;])/.test(types[0]);
  const m = /^\/([^/]+)\/([^/]+)$/.exec(req.path);
  return req.method === 'POST' && grpc && m ? { service: m[1], method: m[2] } : undefined;
}

/**
 * The precedence key [service chars, method chars, header matches] of every match of `rule` that applies to the
 * call; `headerMatches` is the HTTPRoute header semantics.
 */
export function grpcRuleKeys(rule: Json, call: GrpcCall, req: ConformanceRequest, headerMatches: (h: Json, req: ConformanceRequest) => boolean): number[][] {
  const matches: Json[] = rule.matches ?? [{}];
  return matches.flatMap((m) => {
    const method: Json | undefined = m.method;
    if (method && (method.type ?? 'Exact') !== 'Exact') throw new Error('RegularExpression method matches are implementation-specific: not evaluated');
    if (method?.service !== undefined && method.service !== call.service) return [];
    if (method?.method !== undefined && method.method !== call.method) return [];
    if (!(m.headers ?? []).every((h: Json) => headerMatches(h, req))) return [];
    return [[method?.service?.length ?? 0, method?.method?.length ?? 0, (m.headers ?? []).length]];
  });
}
