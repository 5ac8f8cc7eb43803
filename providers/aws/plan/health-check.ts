/**
 * A pool's health check as ELBv2 takes it, mapped once: from the model into the plan, and from the plan into
 * the settings both renderers take (aws-cdk-lib's `HealthCheck` and @pulumi/aws's `TargetGroupHealthCheck`
 * share these field names except three, which the CDK renderer renames).
 */
import type { PoolModel } from '../../../lib/model/types';
import type { HealthCheckPlan } from './types';

/** The model's probe in ELBv2 terms: every value explicit, the probe port 'traffic-port' when it is the pool's. */
export function planHealthCheck(hc: PoolModel['healthCheck']): HealthCheckPlan {
  return {
    enabled: true,
    protocol: hc.protocol.toUpperCase() as HealthCheckPlan['protocol'],
    port: hc.usesTrafficPort ? 'traffic-port' : String(hc.port),
    ...(hc.path !== undefined ? { path: hc.path } : {}),
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
