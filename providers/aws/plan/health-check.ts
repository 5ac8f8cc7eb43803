/**
 * A pool's health check as ELBv2 takes it, mapped once: from the model into the plan, and from the plan into
 * the settings both renderers take (aws-cdk-lib's `HealthCheck` and @pulumi/aws's `TargetGroupHealthCheck`
 * share these field names except three, which the CDK renderer renames).
 *
 * A setting the spec leaves out is left out of the plan, so the target group keeps AWS's own default
 * (./defaults.ts); the interval and the timeout are one constraint (the timeout below the interval), so writing
 * either writes both, as lbkit checked them.
 */
import { written, writtenAny } from '../../../lib/model/given';
import type { LoadBalancerModel, PoolModel } from '../../../lib/model/types';
import type { HealthCheckPlan } from './types';

/** A gRPC probe: Health/Check on the target group's protocol, healthy on the matcher's GrpcCode values. */
const GRPC_HEALTH_PATH = '/grpc.health.v1.Health/Check';

/** The model's probe in ELBv2 terms, the probe port 'traffic-port' when it is the pool's. */
export function planHealthCheck(model: LoadBalancerModel, pool: PoolModel): HealthCheckPlan {
  const hc = pool.healthCheck;
  const at = `${pool.path}.healthCheck`;
  const given = (field: string) => written(model, `${at}.${field}`);
  const grpc = hc.protocol === 'grpc';
  // A gRPC pool whose spec writes no health check keeps ALB's own gRPC probe (/AWS.ALB/healthcheck, GrpcCode 12).
  const grpcProbe = grpc && written(model, at);
  const timed = writtenAny(model, `${at}.intervalSeconds`, `${at}.timeoutSeconds`);
  return {
    enabled: true,
    protocol: grpc ? (pool.protocol === 'grpcs' ? 'HTTPS' : 'HTTP') : (hc.protocol.toUpperCase() as HealthCheckPlan['protocol']),
    port: hc.usesTrafficPort ? 'traffic-port' : String(hc.port),
    ...(hc.path !== undefined && given('path') ? { path: hc.path } : {}),
    ...(grpcProbe ? { path: GRPC_HEALTH_PATH, grpcMatcher: hc.grpcStatusCodes ?? '0' } : {}),
    ...(timed ? { intervalSeconds: hc.intervalSeconds, timeoutSeconds: hc.timeoutSeconds } : {}),
    ...(given('healthyThreshold') ? { healthyThreshold: hc.healthyThreshold } : {}),
    ...(given('unhealthyThreshold') ? { unhealthyThreshold: hc.unhealthyThreshold } : {}),
    ...(hc.successCodes !== undefined && given('successCodes') ? { matcher: hc.successCodes } : {}),
  };
}

/** The probe settings a renderer takes, with its own representation of a duration. */
export type ProbeSettings<Duration> = Omit<HealthCheckPlan, 'intervalSeconds' | 'timeoutSeconds'> & {
  readonly interval?: Duration;
  readonly timeout?: Duration;
};

/** The plan's probe as renderer settings: the same fields, the two durations (when set) as the renderer counts time. */
export function probeSettings<Duration>(hc: HealthCheckPlan, duration: (seconds: number) => Duration): ProbeSettings<Duration> {
  const { intervalSeconds, timeoutSeconds, ...same } = hc;
  return {
    ...same,
    ...(intervalSeconds !== undefined ? { interval: duration(intervalSeconds) } : {}),
    ...(timeoutSeconds !== undefined ? { timeout: duration(timeoutSeconds) } : {}),
  };
}
