/**
 * HTTP/2 and gRPC rows of the Gateway columns (issue 20).
 *
 * - Gateway API routes gRPC with GRPCRoute (standard channel, gateway.networking.k8s.io_grpcroutes.yaml v1.6.1):
 *   method matches Exact on service and method ('Core: Exact with service and method'), header matches, backendRefs;
 *   'Implementations supporting GRPCRoute with the HTTPS ProtocolType MUST accept HTTP/2 connections [...] via ALPN'
 *   and 'with the HTTP ProtocolType MUST support [...] h2c [...] with prior knowledge'. It has no redirect and no
 *   fixed response, and an HTTPRoute and a GRPCRoute cannot share a listener's hostname.
 * - Members speak h2c when the Service port says appProtocol kubernetes.io/h2c (GEP-1911,
 *   https://gateway-api.sigs.k8s.io/guides/backend-protocol/). Envoy Gateway gives GRPCRoute destinations the GRPC
 *   protocol (HTTP/2) whatever the appProtocol (envoyproxy/gateway#9337, internal/gatewayapi/route.go); behind an
 *   HTTPRoute only the appProtocol turns HTTP/2 on (envoyproxy/gateway#8648).
 * - Envoy Gateway BackendTrafficPolicy healthCheck.active type GRPC, grpc.service
 *   (gateway.envoyproxy.io_backendtrafficpolicies v1.9.0); Envoy's gRPC health checker counts SERVING only
 *   (https://www.envoyproxy.io/docs/envoy/latest/api-v3/config/core/v3/health_check.proto#config-core-v3-healthcheck-grpchealthcheck).
 *   ClientTrafficPolicy tls.alpnProtocols (default [h2, http/1.1] on HTTPS listeners).
 * - GKE Gateway has no GRPCRoute and no gRPC backends (GoogleCloudPlatform/gke-gateway-api#31, open: 'a service which
 *   exposes only gRPC ports does not work with Gateway'); its data plane is a GCP Application Load Balancer, so the
 *   client side is providers/gcp's (ALPN h2 always on, no h2c).
 */
import { cite, native, nearest, unsupported, type Support } from '../../lib/capabilities/support';
import type { GatewayFlavour } from './ranges';

const GRPCROUTE = cite('gateway.networking.k8s.io_grpcroutes.yaml, Gateway API v1.6.1 (GRPCRoute description, spec.rules[].matches)', '2026-12-02');
const GEP_1911 = cite('https://gateway-api.sigs.k8s.io/guides/backend-protocol/ (GEP-1911 appProtocol kubernetes.io/h2c)', '2026-12-02');
const EG_GRPC_PROTOCOL = cite(
  'https://github.com/envoyproxy/gateway/pull/9337 (GRPCRoute destinations use protocol GRPC); envoyproxy/gateway#8648',
  '2026-12-02',
);
const EG_BTP = cite('gateway.envoyproxy.io_backendtrafficpolicies.yaml v1.9.0 healthCheck.active type GRPC, grpc.service', '2026-12-02');
const ENVOY_GRPC_HC = cite(
  'https://www.envoyproxy.io/docs/envoy/latest/api-v3/config/core/v3/health_check.proto (GrpcHealthCheck: SERVING is healthy)',
  '2026-12-02',
);
const EG_CTP = cite('gateway.envoyproxy.io_clienttrafficpolicies.yaml v1.9.0 tls.alpnProtocols (default h2, http/1.1 on HTTPS)', '2026-12-02');
const GKE_NO_GRPC = cite('https://github.com/GoogleCloudPlatform/gke-gateway-api/issues/31 (no GRPCRoute, no gRPC backends)', '2026-12-02');
const GCP_H2 = cite('https://cloud.google.com/load-balancing/docs/https#http2-support', '2026-12-02');
const PROBE = cite('https://kubernetes.io/docs/tasks/configure-pod-container/configure-liveness-readiness-startup-probes/ (grpc probe, service)', '2026-12-02');

const H2C_SERVICE = "the Service port's appProtocol kubernetes.io/h2c: lbkit writes it on the Services of address bindings, a bound Service must carry it";

function gke(): Record<string, Support> {
  const noGrpc = (what: string) => unsupported(`${what} (GKE Gateway has no GRPCRoute and no gRPC backends)`, GKE_NO_GRPC);
  return {
    'frontend.http2.alpn': native('the GCP Application Load Balancer offers HTTP/2 to clients by ALPN', GCP_H2),
    'frontend.http2.cleartext': unsupported('https with http2: the load balancer offers HTTP/2 to clients over TLS only', GCP_H2),
    'frontend.http2.off': unsupported('http2 left on: a target HTTPS proxy always offers HTTP/2', GCP_H2),
    // A gRPC call is a POST to '/<service>/<method>': the HTTPRoute path match is the same condition.
    'rule.match.grpc': native("HTTPRoute path Exact '/<service>/<method>' or PathPrefix '/<service>' (GKE Gateway has no GRPCRoute)", GKE_NO_GRPC),
    'pool.protocol.grpc': noGrpc('a k8s-envoy-gateway target, or an http pool'),
    'pool.protocol.grpcs': noGrpc('a k8s-envoy-gateway target, or an https pool'),
    'pool.http2': noGrpc('HTTP/1.1 to members'),
    'pool.health.grpc': noGrpc('an http probe on a health endpoint'),
    'pool.health.grpc-service': noGrpc('an http probe on a health endpoint'),
    'pool.health.grpc-status-codes': noGrpc('an http probe on a health endpoint'),
    'action.fixed-response.grpc-status': unsupported('a forward to a member that answers with the gRPC status', GKE_NO_GRPC),
  };
}

/** Envoy Gateway: GRPC destinations, and its ClientTrafficPolicy and BackendTrafficPolicy extensions. */
function envoy(): Record<string, Support> {
  return {
    'pool.protocol.grpc': native('GRPCRoute backendRefs: Envoy Gateway speaks HTTP/2 (h2c) to GRPCRoute destinations', EG_GRPC_PROTOCOL),
    'pool.http2': nearest(H2C_SERVICE, EG_GRPC_PROTOCOL),
    'frontend.http2.alpn': native('HTTPS listener: ClientTrafficPolicy tls.alpnProtocols defaults to h2, http/1.1', EG_CTP),
    'frontend.http2.cleartext': native('HTTP listener: h2c by prior knowledge, which GRPCRoute requires of its implementations', GRPCROUTE),
    'frontend.http2.off': native("ClientTrafficPolicy tls.alpnProtocols ['http/1.1'] on the listener: h2 is not offered", EG_CTP),
    'pool.health.grpc': native('BackendTrafficPolicy healthCheck.active type GRPC: healthy on OK with SERVING, as lbkit', EG_BTP),
    'pool.health.grpc-service': native('healthCheck.active.grpc.service', EG_BTP),
    'pool.health.grpc-status-codes': unsupported("grpcStatusCodes '0': Envoy's gRPC health check passes on SERVING only", ENVOY_GRPC_HC),
  };
}

/** The portable (standard channel) column: what GRPCRoute itself requires, the rest left to the implementation. */
function portable(): Record<string, Support> {
  return {
    'pool.protocol.grpc': nearest(`GRPCRoute backendRefs: h2c to the members is the implementation's choice, or ${H2C_SERVICE}`, GEP_1911),
    'pool.http2': nearest(H2C_SERVICE, GEP_1911),
    'frontend.http2.alpn': nearest(
      'HTTPS listener: a listener with GRPCRoutes must accept h2 by ALPN; with HTTPRoutes only, HTTP/2 is the implementation’s choice',
      GRPCROUTE,
    ),
    'frontend.http2.cleartext': nearest(
      'HTTP listener: a listener with GRPCRoutes must accept h2c by prior knowledge; with HTTPRoutes only, the implementation’s choice',
      GRPCROUTE,
    ),
    'frontend.http2.off': unsupported('http2 left on, or k8s-envoy-gateway (ClientTrafficPolicy tls.alpnProtocols)', GRPCROUTE),
    'pool.health.grpc': nearest("the pods' readinessProbe grpc (the standard channel has no probe)", PROBE),
    'pool.health.grpc-service': nearest("the pods' readinessProbe grpc.service", PROBE),
    'pool.health.grpc-status-codes': unsupported("grpcStatusCodes '0': a gRPC readinessProbe passes on SERVING only", PROBE),
  };
}

export function grpcCells(f: GatewayFlavour): Record<string, Support> {
  if (f === 'gke') return gke();
  return {
    'rule.match.grpc': native(
      "GRPCRoute matches method type Exact, service (and method): the route's path conditions '/<service>/<method>' or '/<service>/'",
      GRPCROUTE,
    ),
    'pool.protocol.grpcs': nearest(
      'GRPCRoute backendRefs with a BackendTLSPolicy: the Gateway verifies the member certificate for <service>.<namespace>.svc against the system CAs',
      GRPCROUTE,
    ),
    'action.fixed-response.grpc-status': unsupported('a forward to a member that answers with the gRPC status: GRPCRoute has no fixed response', GRPCROUTE),
    ...(f === 'envoy' ? envoy() : portable()),
  };
}
