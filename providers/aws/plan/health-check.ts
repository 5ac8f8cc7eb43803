/**
 * A pool's health check as ELBv2 takes it, mapped once: from the model into the plan, and from the plan into
 * the settings both renderers take (aws-cdk-lib's `HealthCheck` and @pulumi/aws's `TargetGroupHealthCheck`
 * share these field names except three, which the CDK renderer renames).
 */
import type { PoolModel } from '../../../lib/model/types';
import type { HealthCheckPlan } from './types';

/** The model's probe in ELBv2 terms: every value explicit, the probe port 'traffic-port' when it is the pool's. */
/** A gRPC probe: Health/Check on the target group's protocol, healthy on the matcher's GrpcCode values. */
const GRPC_HEALTH_PATH = '/grpc.health.v1.Health/Check';

export function planHealthCheck(hc: PoolModel['healthCheck'], poolProtocol: PoolModel['protocol']): HealthCheckPlan {
  const grpc = hc.protocol === 'grpc';
  return {
    enabled: true,
    protocol: grpc ? (poolProtocol === 'grpcs' ? 'HTTPS' : 'HTTP') : (hc.protocol.toUpperCase() as HealthCheckPlan['protocol']),
    port: hc.usesTrafficPort ? 'traffic-port' : String(hc.port),
    ...(hc.path !== undefined ? { path: hc.path } : {}),
    ...(grpc ? { path: GRPC_HEALTH_PATH, grpcMatcher: hc.grpcStatusCodes ?? '0' } : {}),
    intervalSeconds: hc.intervalSeconds,
    timeoutSeconds: hc.timeoutSeconds,
    healthyThreshold: hc.healthyThreshold,
    unhealthyThreshold: hc.unhealthyThreshold,
    ...(hc.successCodes !== undefined ? { matcher: hc.successCodes } : {}),
  };
}

/** The probe settings a renderer takes, with its own representation of a duration. */
export type ProbeSettings<Duration> = Omit<HealthCheckPlan, 'intervalSeconds' | 'timeoutSeconds'> & {
  readonly interval: Duration;
  readonly timeout: Duration;
};

/** The plan's probe as renderer settings: the same fields, the two durations as the renderer counts time. */
export function probeSettings<Duration>(hc: HealthCheckPlan, duration: (seconds: number) => Duration): ProbeSettings<Duration> {
  const { intervalSeconds, timeoutSeconds, ...same } = hc;
  return { ...same, interval: duration(intervalSeconds), timeout: duration(timeoutSeconds) };
}
