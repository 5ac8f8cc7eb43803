/**
 * A pool's settings as Envoy Gateway's BackendTrafficPolicy spells them (gateway.envoyproxy.io_backendtrafficpolicies
 * v1.9.0: loadBalancer, healthCheck.active / passive / panicThreshold). Durations are Gateway durations ('10s').
 */
import type { LoadBalancerModel, PoolModel } from '../../../lib/model/types';

/** Whether the spec wrote a field of the pool (a path under the pool's, such as 'healthCheck'); see context.ts. */
export type PoolWritten = (field: string) => boolean;
const everything: PoolWritten = () => true;

const seconds = (n: number) => `${n}s`;

function successStatuses(p: PoolModel): number[] {
  return p.healthCheck.successRanges.flatMap(([from, to]) => Array.from({ length: to - from + 1 }, (_, i) => from + i));
}

/** The cookie Envoy generates for lb-cookie persistence, named after the policy's first pool. */
export const persistenceCookie = (pool: string) => `lbkit-${pool}`;

function loadBalancer(p: PoolModel, cookie: string): Record<string, unknown> {
  const persistence = p.sessionPersistence;
  if (persistence?.type === 'lb-cookie') {
    // Envoy generates the cookie only when a ttl is given; a ttl of 0 makes it a session cookie (no Max-Age).
    const ttl = seconds(persistence.sessionCookie ? 0 : persistence.durationSeconds);
    return { type: 'ConsistentHash', consistentHash: { type: 'Cookie', cookie: { name: cookie, ttl } } };
  }
  if (persistence?.type === 'app-cookie') return { type: 'ConsistentHash', consistentHash: { type: 'Cookie', cookie: { name: persistence.cookieName } } };
  if (persistence?.type === 'source-ip' || p.algorithm === 'ip-hash') return { type: 'ConsistentHash', consistentHash: { type: 'SourceIP' } };
  const slowStart = p.slowStartSeconds > 0 ? { slowStart: { window: seconds(p.slowStartSeconds) } } : {};
  switch (p.algorithm) {
    case 'random':
      return { type: 'Random' };
    case 'least-connections':
    case 'least-response-time':
      return { type: 'LeastRequest', ...slowStart };
    default:
      return { type: 'RoundRobin', ...slowStart };
  }
}

function activeCheck(p: PoolModel, written: PoolWritten): Record<string, unknown> {
  const h = p.healthCheck;
  // A field left out takes the CRD's own default (healthCheck.active: timeout 1s, interval 3s, unhealthyThreshold 3,
  // healthyThreshold 1; gateway.envoyproxy.io_backendtrafficpolicies v1.9.0).
  const common = {
    ...(written('healthCheck.timeoutSeconds') ? { timeout: seconds(h.timeoutSeconds) } : {}),
    ...(written('healthCheck.intervalSeconds') ? { interval: seconds(h.intervalSeconds) } : {}),
    ...(written('healthCheck.healthyThreshold') ? { healthyThreshold: h.healthyThreshold } : {}),
    ...(written('healthCheck.unhealthyThreshold') ? { unhealthyThreshold: h.unhealthyThreshold } : {}),
    ...(h.usesTrafficPort ? {} : { overrides: { port: h.port } }),
  };
  if (h.protocol === 'tcp') return { ...common, type: 'TCP', tcp: {} };
  // grpc.health.v1.Health/Check; without a service the probe asks about the whole server.
  if (h.protocol === 'grpc') return { ...common, type: 'GRPC', ...(h.grpcService ? { grpc: { service: h.grpcService } } : {}) };
  return { ...common, type: 'HTTP', http: { path: h.path ?? '/', expectedStatuses: successStatuses(p) } };
}

/**
 * The BackendTrafficPolicy fields a pool decides (`cookie`: the generated cookie's name). A setting the spec left
 * out is no field: Envoy Gateway's own default applies (LeastRequest load balancing, no active health check, Envoy's
 * 50% panic threshold: https://gateway.envoyproxy.io/docs/tasks/traffic/load-balancing,
 * https://www.envoyproxy.io/docs/envoy/latest/intro/arch_overview/upstream/load_balancing/panic_threshold).
 */
export function poolPolicy(p: PoolModel, cookie = persistenceCookie(p.name), written: PoolWritten = everything): Record<string, unknown> {
  const balanced = p.sessionPersistence !== undefined || written('algorithm') || written('slowStartSeconds');
  const healthCheck = {
    ...(written('healthCheck') ? { active: activeCheck(p, written) } : {}),
    ...(p.passiveHealthCheck
      ? {
          passive: {
            consecutive5XxErrors: p.passiveHealthCheck.consecutiveFailures,
            baseEjectionTime: seconds(p.passiveHealthCheck.ejectionSeconds),
            maxEjectionPercent: p.passiveHealthCheck.maxEjectedPercent,
          },
        }
      : {}),
    // Envoy's panic mode sends to every endpoint when the healthy share drops below the threshold: 0 turns it
    // off (fail closed); 1 enters it only when (nearly) none is healthy (fail open).
    ...(written('whenAllUnhealthy') ? { panicThreshold: p.whenAllUnhealthy === 'fail-closed' ? 0 : 1 } : {}),
  };
  return {
    ...(balanced ? { loadBalancer: loadBalancer(p, cookie) } : {}),
    ...(Object.keys(healthCheck).length ? { healthCheck } : {}),
  };
}

/** What the spec wrote of pool `p` of `model` (model.given; everything for a model built by hand). */
export const poolWritten =
  (model: LoadBalancerModel, p: PoolModel): PoolWritten =>
  (field) =>
    !model.given || model.given.has(`${p.path}.${field}`);

/** Pools with equal keys can share one policy. */
export const poolPolicyKey = (p: PoolModel, written: PoolWritten = everything): string => JSON.stringify(poolPolicy(p, '', written));
