/**
 * Pools -> ELBv2 target groups: protocol, health check and attributes. An attribute the spec leaves out is not
 * set, so the target group keeps AWS's own default (./defaults.ts).
 */
import { written } from '../../../lib/model/given';
import type { LoadBalancerModel, PoolModel } from '../../../lib/model/types';
import { planHealthCheck } from './health-check';
import type { AttributeMap, LoadBalancerKind, TargetGroupAttributesPlan, TargetGroupPlan } from './types';

/** lbkit algorithm -> ALB `load_balancing.algorithm.type` (nearest mappings are gated by the capability table). */
const ALB_ALGORITHM = {
  'round-robin': 'round_robin',
  'weighted-round-robin': 'round_robin',
  'least-connections': 'least_outstanding_requests',
  'least-response-time': 'least_outstanding_requests',
  random: 'weighted_random',
  'ip-hash': 'round_robin',
} as const;

export function loadBalancerKindOf(pool: PoolModel): LoadBalancerKind {
  return pool.protocol === 'http' || pool.protocol === 'https' || pool.protocol === 'grpc' || pool.protocol === 'grpcs' ? 'application' : 'network';
}

/**
 * grpc and grpcs pools are HTTP and HTTPS target groups with protocolVersion GRPC; http2 pools HTTP2
 * (https://docs.aws.amazon.com/elasticloadbalancing/latest/application/load-balancer-target-groups.html#target-group-protocol-version).
 * HTTP1 is the API's default and stays unwritten, so existing templates do not change.
 */
function protocolOf(pool: PoolModel): { protocol: TargetGroupPlan['protocol']; protocolVersion?: 'GRPC' | 'HTTP2' } {
  if (pool.protocol === 'grpc') return { protocol: 'HTTP', protocolVersion: 'GRPC' };
  if (pool.protocol === 'grpcs') return { protocol: 'HTTPS', protocolVersion: 'GRPC' };
  return { protocol: pool.protocol.toUpperCase() as TargetGroupPlan['protocol'], ...(pool.http2 ? { protocolVersion: 'HTTP2' as const } : {}) };
}

export function planTargetGroup(model: LoadBalancerModel, pool: PoolModel): TargetGroupPlan {
  const kind = loadBalancerKindOf(pool);
  return {
    pool: pool.name,
    path: pool.path,
    loadBalancer: kind,
    ...protocolOf(pool),
    port: pool.port,
    healthCheck: planHealthCheck(model, pool),
    attributes: kind === 'application' ? albAttributes(model, pool) : nlbAttributes(model, pool),
  };
}

/** The deregistration delay when the spec writes drainingSeconds (AWS's own 300 s otherwise). */
function draining(model: LoadBalancerModel, pool: PoolModel): Pick<TargetGroupAttributesPlan, 'deregistrationDelaySeconds'> {
  return written(model, `${pool.path}.drainingSeconds`) ? { deregistrationDelaySeconds: pool.drainingSeconds } : {};
}

function albAttributes(model: LoadBalancerModel, pool: PoolModel): TargetGroupAttributesPlan {
  const given = (field: string) => written(model, `${pool.path}.${field}`);
  const algorithm = given('algorithm') ? ALB_ALGORITHM[pool.algorithm] : undefined;
  const p = pool.sessionPersistence;
  // A cookie's lifetime the spec leaves out is AWS's own (1 day, as lbkit's).
  const duration = p && p.type !== 'source-ip' && given('sessionPersistence.durationSeconds') ? { durationSeconds: p.durationSeconds } : {};
  return {
    ...draining(model, pool),
    ...(given('slowStartSeconds') ? { slowStartSeconds: pool.slowStartSeconds } : {}),
    ...(algorithm ? { algorithm } : {}),
    ...(algorithm === 'weighted_random' ? { anomalyMitigation: 'off' as const } : {}),
    ...(p?.type === 'lb-cookie'
      ? { stickiness: { enabled: true, type: 'lb_cookie' as const, ...duration } }
      : p?.type === 'app-cookie'
        ? { stickiness: { enabled: true, type: 'app_cookie' as const, ...duration, cookieName: p.cookieName } }
        : {}),
  };
}

function nlbAttributes(model: LoadBalancerModel, pool: PoolModel): TargetGroupAttributesPlan {
  // ip-hash's nearest NLB mapping is source_ip stickiness (gated by the capability table).
  const sticky = pool.sessionPersistence?.type === 'source-ip' || pool.algorithm === 'ip-hash';
  const drains = draining(model, pool);
  return {
    ...drains,
    // lbkit's draining ends a member's connections when the draining time is over; NLB keeps them unless told.
    ...(drains.deregistrationDelaySeconds !== undefined ? { connectionTermination: true } : {}),
    ...(sticky ? { stickiness: { enabled: true, type: 'source_ip' as const } } : {}),
  };
}

/** The attributes as ELBv2 key/value pairs (CloudFormation TargetGroupAttributes). */
export function targetGroupAttributeMap(a: TargetGroupAttributesPlan): AttributeMap {
  const s = a.stickiness;
  return {
    ...(a.deregistrationDelaySeconds !== undefined ? { 'deregistration_delay.timeout_seconds': String(a.deregistrationDelaySeconds) } : {}),
    ...(a.connectionTermination !== undefined ? { 'deregistration_delay.connection_termination.enabled': String(a.connectionTermination) } : {}),
    ...(a.slowStartSeconds !== undefined ? { 'slow_start.duration_seconds': String(a.slowStartSeconds) } : {}),
    ...(a.algorithm ? { 'load_balancing.algorithm.type': a.algorithm } : {}),
    ...(a.anomalyMitigation ? { 'load_balancing.algorithm.anomaly_mitigation': a.anomalyMitigation } : {}),
    ...(s ? { 'stickiness.enabled': String(s.enabled), 'stickiness.type': s.type } : {}),
    ...(s?.type === 'lb_cookie' && s.durationSeconds !== undefined ? { 'stickiness.lb_cookie.duration_seconds': String(s.durationSeconds) } : {}),
    ...(s?.type === 'app_cookie' ? { 'stickiness.app_cookie.cookie_name': s.cookieName! } : {}),
    ...(s?.type === 'app_cookie' && s.durationSeconds !== undefined ? { 'stickiness.app_cookie.duration_seconds': String(s.durationSeconds) } : {}),
  };
}
