/**
 * A pool's settings as Envoy Gateway's BackendTrafficPolicy spells them (gateway.envoyproxy.io_backendtrafficpolicies
 * v1.9.0: loadBalancer, healthCheck.active / passive / panicThreshold). Durations are Gateway durations ('10s').
 */
import type { PoolModel } from '../../../lib/model/types';

const seconds = (n: number) => `${n}s`;

function successStatuses(p: PoolModel): number[] {
  return p.healthCheck.successRanges.flatMap(([from, to]) => Array.from({ length: to - from + 1 }, (_, i) => from + i));
}

/** The cookie Envoy generates for lb-cookie persistence, named after the policy's first pool. */
export const persistenceCookie = (pool: string) => `lbkit-${pool}`;

function loadBalancer(p: PoolModel, cookie: string): Record<string, unknown> {
  const persistence = p.sessionPersistence;
  if (persistence?.type === 'lb-cookie') {
    return { type: 'ConsistentHash', consistentHash: { type: 'Cookie', cookie: { name: cookie, ttl: seconds(persistence.durationSeconds) } } };
  }
  if (persistence?.type === 'app-cookie') return { type: 'ConsistentHash', consistentHash: { type: 'Cookie', cookie: { name: persistence.cookieName } } };
  if (persistence?.type === 'source-ip' || p.algorithm === 'ip-hash') return { type: 'ConsistentHash', consistentHash: { type: 'SourceIP' } };
  const slowStart = p.slowStartSeconds > 0 ? { slowStart: { window: seconds(p.slowStartSeconds) } } : {};
  switch (p.algorithm) {
    case 'random': return { type: 'Random' };
    case 'least-connections':
    case 'least-response-time': return { type: 'LeastRequest', ...slowStart };
    default: return { type: 'RoundRobin', ...slowStart };
  }
}

function activeCheck(p: PoolModel): Record<string, unknown> {
  const h = p.healthCheck;
  const common = {
    timeout: seconds(h.timeoutSeconds), interval: seconds(h.intervalSeconds),
    healthyThreshold: h.healthyThreshold, unhealthyThreshold: h.unhealthyThreshold,
    ...(h.usesTrafficPort ? {} : { overrides: { port: h.port } }),
  };
  if (h.protocol === 'tcp') return { ...common, type: 'TCP', tcp: {} };
  return { ...common, type: 'HTTP', http: { path: h.path ?? '/', expectedStatuses: successStatuses(p) } };
}

/** The BackendTrafficPolicy fields a pool decides (`cookie`: the generated cookie's name). */
export function poolPolicy(p: PoolModel, cookie = persistenceCookie(p.name)): Record<string, unknown> {
  return {
    loadBalancer: loadBalancer(p, cookie),
    healthCheck: {
      active: activeCheck(p),
      ...(p.passiveHealthCheck ? {
        passive: {
          consecutive5XxErrors: p.passiveHealthCheck.consecutiveFailures,
          baseEjectionTime: seconds(p.passiveHealthCheck.ejectionSeconds),
          maxEjectionPercent: p.passiveHealthCheck.maxEjectedPercent,
        },
      } : {}),
      // Envoy's panic mode sends to every endpoint when the healthy share drops below the threshold: 0 turns it
      // off (fail closed); 1 enters it only when (nearly) none is healthy (fail open).
      panicThreshold: p.whenAllUnhealthy === 'fail-closed' ? 0 : 1,
    },
  };
}

/** Pools with equal keys can share one policy. */
export const poolPolicyKey = (p: PoolModel): string => JSON.stringify(poolPolicy(p, ''));
