/** The inputs of a Compute Engine health check from a global plan's probe (gcp-cloud-dns, gcp-global). */
import type * as compute from '@pulumi/gcp/compute';
import type { GcpGlobalPlan } from '../plan/gcp-global';

/** A planned probe (gcp-global's; gcp-cloud-dns's carries its port besides). */
export type PlannedProbe = GcpGlobalPlan['healthCheck'];

/** `port`: a fixed port (external endpoints), or the serving port of each backend (a backend service's members). */
export function healthCheckInputs(
  h: PlannedProbe,
  port: { readonly port: number } | { readonly portSpecification: 'USE_SERVING_PORT' },
): compute.HealthCheckArgs {
  const probe = { ...port, ...(h.path && h.protocol !== 'TCP' ? { requestPath: h.path } : {}) };
  return {
    checkIntervalSec: h.intervalSeconds,
    timeoutSec: h.timeoutSeconds,
    healthyThreshold: h.healthyThreshold,
    unhealthyThreshold: h.unhealthyThreshold,
    ...(h.protocol === 'HTTP' ? { httpHealthCheck: probe } : h.protocol === 'HTTPS' ? { httpsHealthCheck: probe } : { tcpHealthCheck: { ...port } }),
  };
}
