/** Backend services and health checks: one per pool for the Application Load Balancer, one per L4 frontend. */
import { written } from '../../../lib/model/targets';
import type { FrontendModel, LoadBalancerModel, PoolModel } from '../../../lib/model/types';
import { GCP_DEFAULTS } from './defaults';
import { albBackendServiceId } from './routing';
import type { BackendServicePlan, HealthCheckPlan, LoadBalancingScheme, NetworkLoadBalancerKind } from './types';

/** Envoy's default ring size, set explicitly. */
const MINIMUM_RING_SIZE = 1024;

/**
 * A pool's health check: protocol, port and path always (they say what is probed); the timing and thresholds
 * only as the spec wrote them, else GCP's own (defaults.ts). GCP refuses a timeout above the interval, so a
 * written timeout above GCP's 5 s interval brings the model's interval with it.
 */
export function healthCheckPlan(model: LoadBalancerModel, pool: PoolModel, id: string, regional: boolean): HealthCheckPlan {
  const hc = pool.healthCheck;
  const given = (field: string) => written(model, `${pool.path}.healthCheck.${field}`);
  const interval = given('intervalSeconds') || (given('timeoutSeconds') && hc.timeoutSeconds > GCP_DEFAULTS.healthCheck.checkIntervalSec);
  return {
    id,
    pool: pool.name,
    regional,
    protocol: hc.protocol === 'grpc' ? (pool.protocol === 'grpcs' ? 'grpc-tls' : 'grpc') : hc.protocol,
    port: hc.port,
    ...(hc.path !== undefined ? { requestPath: hc.path } : {}),
    ...(hc.grpcService ? { grpcServiceName: hc.grpcService } : {}),
    ...(interval ? { checkIntervalSec: hc.intervalSeconds } : {}),
    ...(given('timeoutSeconds') ? { timeoutSec: hc.timeoutSeconds } : {}),
    ...(given('healthyThreshold') ? { healthyThreshold: hc.healthyThreshold } : {}),
    ...(given('unhealthyThreshold') ? { unhealthyThreshold: hc.unhealthyThreshold } : {}),
  };
}

/** The pool's draining as written; left out, the provider's 300 s (defaults.ts). */
const draining = (model: LoadBalancerModel, pool: PoolModel) =>
  written(model, `${pool.path}.drainingSeconds`) ? { connectionDrainingTimeoutSec: pool.drainingSeconds } : {};

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
  model: LoadBalancerModel,
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
  // An algorithm left out is GCP's own: sessionAffinity NONE with localityLbPolicy ROUND_ROBIN (lbkit's round-robin).
  if (!written(model, `${pool.path}.algorithm`)) return {};
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
    ...l7Affinity(model, pool, options.regional, options.scheme),
    ...draining(model, pool),
    // No timeoutSec: no spec field sets the response timeout, so GCP's 30 s applies (defaults.ts).
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
  // An idle timeout left out is GCP's own (defaults.ts): 60 s external, 600 s internal passthrough, 30 s proxy.
  const idle = written(model, `${frontend.path}.idleTimeoutSeconds`) ? frontend.idleTimeoutSeconds : undefined;
  const common = {
    id: l4BackendServiceId(frontend.name),
    pool: pool.name,
    port: pool.port,
    healthCheck: `hc-l4-${frontend.name}`,
    // NONE is GCP's default: set only when the spec chose the algorithm.
    ...(sticky ? { sessionAffinity: 'CLIENT_IP' as const } : written(model, `${pool.path}.algorithm`) ? { sessionAffinity: 'NONE' as const } : {}),
    ...draining(model, pool),
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
      // A written value below what internal passthrough accepts is a range error (capabilities.ts).
      ...(idle !== undefined ? { idleTimeoutSec: idle } : {}),
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
    ...(idle !== undefined ? { timeoutSec: idle } : {}),
  };
}
