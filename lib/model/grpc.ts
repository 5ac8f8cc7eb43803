/**
 * gRPC in the model: a call condition as the path condition it is underneath, and the gRPC status a local
 * answer carries to a gRPC client.
 *
 * A gRPC call is an HTTP/2 POST to '/<package.Service>/<Method>' (the gRPC over HTTP/2 protocol,
 * https://github.com/grpc/grpc/blob/master/doc/PROTOCOL-HTTP2.md, "Path"), so routing on service and method is
 * routing on the path, and every target that matches paths routes gRPC calls the same way.
 */
import type { GrpcMatchSpec } from '../spec/schema';
import type { PathMatch } from './types';

/** '/<service>/<method>' exactly, or every method of the service: the segment prefix '/<service>'. */
export function grpcPathMatch(call: GrpcMatchSpec): PathMatch {
  return call.method !== undefined ? { kind: 'exact', value: `/${call.service}/${call.method}` } : { kind: 'prefix', value: `/${call.service}` };
}

/** gRPC status codes by name (https://grpc.github.io/grpc/core/md_doc_statuscodes.html). */
export const GRPC_STATUS = {
  OK: 0,
  CANCELLED: 1,
  UNKNOWN: 2,
  INVALID_ARGUMENT: 3,
  DEADLINE_EXCEEDED: 4,
  NOT_FOUND: 5,
  ALREADY_EXISTS: 6,
  PERMISSION_DENIED: 7,
  RESOURCE_EXHAUSTED: 8,
  FAILED_PRECONDITION: 9,
  ABORTED: 10,
  OUT_OF_RANGE: 11,
  UNIMPLEMENTED: 12,
  INTERNAL: 13,
  UNAVAILABLE: 14,
  DATA_LOSS: 15,
  UNAUTHENTICATED: 16,
} as const;

/**
 * The gRPC status for an HTTP status, as gRPC clients map a response that is not gRPC
 * (https://github.com/grpc/grpc/blob/master/doc/http-grpc-status-mapping.md): 400 INTERNAL, 401
 * UNAUTHENTICATED, 403 PERMISSION_DENIED, 404 UNIMPLEMENTED, 429/502/503/504 UNAVAILABLE, any other UNKNOWN.
 * The proxy writes this status itself, so a client reads the same code with the proxy's message.
 */
export function grpcStatusForHttp(status: number): number {
  switch (status) {
    case 400:
      return GRPC_STATUS.INTERNAL;
    case 401:
      return GRPC_STATUS.UNAUTHENTICATED;
    case 403:
      return GRPC_STATUS.PERMISSION_DENIED;
    case 404:
      return GRPC_STATUS.UNIMPLEMENTED;
    case 429:
    case 502:
    case 503:
    case 504:
      return GRPC_STATUS.UNAVAILABLE;
    default:
      return GRPC_STATUS.UNKNOWN;
  }
}

/** A gRPC request: its content-type is application/grpc, alone or with a '+codec' or ';params' suffix. */
export function isGrpcContentType(contentType: string | undefined): boolean {
  if (!contentType) return false;
  const t = contentType.trim().toLowerCase();
  return t === 'application/grpc' || t.startsWith('application/grpc+') || t.startsWith('application/grpc;');
}
