/** Backend services and health checks: one per pool for the Application Load Balancer, one per L4 frontend. */
import type { FrontendModel, LoadBalancerModel, PoolModel } from '../../../lib/model/types';
import { albBackendServiceId } from './routing';
import type { BackendServicePlan, HealthCheckPlan, LoadBalancingScheme, NetworkLoadBalancerKind } from './types';

/** GCP's smallest connection-tracking idle timeout for internal passthrough load balancers. */
export const INTERNAL_PASSTHROUGH_MIN_IDLE_SECONDS = 600;
/** Envoy's default ring size, set explicitly. */
const MINIMUM_RING_SIZE = 1024;

export function healthCheckPlan(pool: PoolModel, id: string, regional: boolean): HealthCheckPlan {
  const hc = pool.healthCheck;
  return {
    id,
    pool: pool.name,
    regional,
    protocol: hc.protocol === 'grpc' ? (pool.protocol === 'grpcs' ? 'grpc-tls' : 'grpc') : hc.protocol,
    port: hc.port,
    ...(hc.path !== undefined ? { requestPath: hc.path } : {}),
    ...(hc.grpcService ? { grpcServiceName: hc.grpcService } : {}),
    checkIntervalSec: hc.intervalSeconds,
    timeoutSec: hc.timeoutSeconds,
    healthyThreshold: hc.healthyThreshold,
    unhealthyThreshold: hc.unhealthyThreshold,
  };
}

const L7_POLICY: Readonly<Record<PoolModel['algorithm'], NonNullable<BackendServicePlan['localityLbPolicy']>>> = {
  'round-robin': 'ROUND_ROBIN',
  'weighted-round-robin': 'ROUND_ROBIN',
  'least-connections': 'LEAST_REQUEST',
  'least-response-time': 'LEAST_REQUEST',
  'ip-hash': 'RING_HASH',
  random: 'RANDOM',
};

/**
 * Where the Compute API accepts the hashing fields (compute v1 BackendService, @google-cloud/compute 7.8.0
 * compute.proto; https://cloud.google.com/compute/docs/reference/rest/v1/backendServices):
 * - localityLbPolicy "is applicable to either: a regional backend service with the service protocol set to HTTP,
 *   HTTPS, HTTP2 or H2C, and load_balancing_scheme set to INTERNAL_MANAGED; a global backend service with the
 *   load_balancing_scheme set to INTERNAL_SELF_MANAGED, INTERNAL_MANAGED, or EXTERNAL_MANAGED". Not regional
 *   EXTERNAL_MANAGED: there GCP's default applies, ROUND_ROBIN, or MAGLEV (consistent hashing) when
 *   sessionAffinity is not NONE.
 * - consistentHash "is applicable to either: a regional backend service ... INTERNAL_MANAGED; a global backend
 *   service with the load_balancing_scheme set to INTERNAL_SELF_MANAGED": never EXTERNAL_MANAGED. Its
 *   minimumRingSize defaults to 1024 (lbkit's value), so only HTTP_COOKIE affinity, which names its cookie in
 *   consistentHash.httpCookie, needs it: app-cookie persistence is internal only (capabilities.ts).
 */
export function acceptsLocalityPolicy(regional: boolean, scheme: LoadBalancingScheme): boolean {
  return !regional || scheme === 'INTERNAL_MANAGED';
}
export function acceptsConsistentHash(regional: boolean, scheme: LoadBalancingScheme): boolean {
  return regional && scheme === 'INTERNAL_MANAGED';
}

/** Session affinity and the hashing it needs: GCP affinity only holds with a consistent-hash locality policy. */
function l7Affinity(
  pool: PoolModel,
  regional: boolean,
  scheme: LoadBalancingScheme,
): Pick<BackendServicePlan, 'localityLbPolicy' | 'sessionAffinity' | 'affinityCookieTtlSec' | 'consistentHash'> {
  const p = pool.sessionPersistence;
  const policy = (value: NonNullable<BackendServicePlan['localityLbPolicy']>) => (acceptsLocalityPolicy(regional, scheme) ? { localityLbPolicy: value } : {});
  const ring = (httpCookie?: { name: string; ttlSec: number }) =>
    acceptsConsistentHash(regional, scheme) ? { consistentHash: { minimumRingSize: MINIMUM_RING_SIZE, ...(httpCookie ? { httpCookie } : {}) } } : {};
  if (p?.type === 'lb-cookie') {
    // affinityCookieTtlSec 0: "the cookie is non-persistent and lasts only until the end of the browser session"
    // (https://cloud.google.com/compute/docs/reference/rest/v1/backendServices, affinityCookieTtlSec).
    const ttl = p.sessionCookie ? 0 : p.durationSeconds;
    return { ...policy('RING_HASH'), sessionAffinity: 'GENERATED_COOKIE', affinityCookieTtlSec: ttl, ...ring() };
  }
  if (p?.type === 'app-cookie') {
    return { ...policy('RING_HASH'), sessionAffinity: 'HTTP_COOKIE', affinityCookieTtlSec: 0, ...ring({ name: p.cookieName, ttlSec: p.durationSeconds }) };
  }
  if (p?.type === 'source-ip' || pool.algorithm === 'ip-hash') {
    return { ...policy('RING_HASH'), sessionAffinity: 'CLIENT_IP', affinityCookieTtlSec: 0, ...ring() };
  }
  return { ...policy(L7_POLICY[pool.algorithm]), sessionAffinity: 'NONE', affinityCookieTtlSec: 0 };
}

/**
 * HTTP/2 to members: HTTP2 is HTTP/2 with TLS, H2C HTTP/2 in clear
 * (https://cloud.google.com/load-balancing/docs/backend-service#protocol-to-backends).
 */
function albBackendProtocol(pool: PoolModel): BackendServicePlan['protocol'] {
  const tls = pool.protocol === 'https' || pool.protocol === 'grpcs';
  if (pool.http2) return tls ? 'HTTP2' : 'H2C';
  return tls ? 'HTTPS' : 'HTTP';
}

export interface AlbBackendOptions {
  readonly regional: boolean;
  readonly scheme: LoadBalancingScheme;
  readonly backendTimeoutSec: number;
  readonly securityPolicy?: string;
}

export function albBackendService(model: LoadBalancerModel, pool: PoolModel, options: AlbBackendOptions): BackendServicePlan {
  const id = albBackendServiceId(pool.name);
  const passive = pool.passiveHealthCheck;
  return {
    id,
    pool: pool.name,
    flavor: 'alb',
    regional: options.regional,
    scheme: options.scheme,
    protocol: albBackendProtocol(pool),
    port: pool.port,
    portName: pool.name,
    healthCheck: `hc-${pool.name}`,
    ...l7Affinity(pool, options.regional, options.scheme),
    connectionDrainingTimeoutSec: pool.drainingSeconds,
    timeoutSec: options.backendTimeoutSec,
    ...(passive
      ? {
          outlierDetection: {
            consecutiveErrors: passive.consecutiveFailures,
            baseEjectionSec: passive.ejectionSeconds,
            maxEjectionPercent: passive.maxEjectedPercent,
          },
        }
      : {}),
    logging: model.accessLogs !== undefined,
    ...(options.securityPolicy ? { securityPolicy: options.securityPolicy } : {}),
  };
}

export const l4BackendServiceId = (frontend: string): string => `bs-l4-${frontend}`;

/** An L4 frontend's backend service: it reaches exactly one pool (weighted forwarding is not expressible on L4). */
export function l4BackendService(
  model: LoadBalancerModel,
  frontend: FrontendModel,
  pool: PoolModel,
  kind: NetworkLoadBalancerKind,
  regional: boolean,
): BackendServicePlan {
  const internal = model.scheme === 'internal';
  const sticky = pool.sessionPersistence?.type === 'source-ip' || pool.algorithm === 'ip-hash';
  const common = {
    id: l4BackendServiceId(frontend.name),
    pool: pool.name,
    port: pool.port,
    healthCheck: `hc-l4-${frontend.name}`,
    sessionAffinity: sticky ? ('CLIENT_IP' as const) : ('NONE' as const),
    connectionDrainingTimeoutSec: pool.drainingSeconds,
    // Per-connection logs (passthrough: sampled packets), https://cloud.google.com/load-balancing/docs/network/networklb-monitoring.
    ...(model.accessLogs !== undefined ? { logging: true } : {}),
  };
  if (kind === 'passthrough') {
    return {
      ...common,
      flavor: 'passthrough',
      regional: true,
      scheme: internal ? 'INTERNAL' : 'EXTERNAL',
      protocol: frontend.protocol === 'udp' ? 'UDP' : 'TCP',
      // External passthrough accepts only MAGLEV (or WEIGHTED_MAGLEV); internal passthrough hashes by sessionAffinity alone.
      ...(internal ? {} : { localityLbPolicy: 'MAGLEV' as const }),
      // The lbkit default (60 s) is below what internal passthrough accepts; an explicit value is range-checked.
      idleTimeoutSec: internal ? Math.max(frontend.idleTimeoutSeconds, INTERNAL_PASSTHROUGH_MIN_IDLE_SECONDS) : frontend.idleTimeoutSeconds,
    };
  }
  return {
    ...common,
    flavor: 'proxy',
    regional,
    scheme: internal ? 'INTERNAL_MANAGED' : 'EXTERNAL_MANAGED',
    protocol: pool.protocol === 'tls' ? 'SSL' : 'TCP',
    portName: pool.name,
    // The proxy closes connections idle this long (GCP: backend service timeout).
    timeoutSec: frontend.idleTimeoutSeconds,
  };
}
