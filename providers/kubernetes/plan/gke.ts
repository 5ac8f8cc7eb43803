/**
 * GKE Gateway policies, one of each per pool, attached to the pool's Service (GKE: 'HealthCheckPolicy and
 * GCPBackendPolicy resources must reference a Service'; 'only one GCPBackendPolicy can be attached to a Service'),
 * in the Service's namespace. Fields: https://googlecloudplatform.github.io/gke-gateway-api (HealthCheckPolicy
 * default.{checkIntervalSec, timeoutSec, healthyThreshold, unhealthyThreshold, config.type, httpHealthCheck},
 * GCPBackendPolicy default.{sessionAffinity, connectionDraining, logging}).
 */
import type { PoolModel } from '../../../lib/model/types';
import { GKE_NETWORKING, type K8sObject } from '../objects';
import type { BackendRef } from './backends';
import { meta, type PlanContext } from './context';
import { poolWritten } from './pool-policy';
import { objectName } from './names';

function healthConfig(p: PoolModel): Record<string, unknown> {
  const h = p.healthCheck;
  const port = h.usesTrafficPort ? {} : { port: h.port, portSpecification: 'USE_FIXED_PORT' };
  if (h.protocol === 'tcp') return { type: 'TCP', tcpHealthCheck: { ...port } };
  // Refused under strict (capabilities-grpc.ts: no gRPC backends on GKE Gateway); rendered as GCP's gRPC check when allowed.
  if (h.protocol === 'grpc') return { type: 'GRPC', grpcHealthCheck: { ...(h.grpcService ? { grpcServiceName: h.grpcService } : {}), ...port } };
  const key = h.protocol === 'https' ? 'httpsHealthCheck' : 'httpHealthCheck';
  return { type: h.protocol.toUpperCase(), [key]: { requestPath: h.path ?? '/', ...port } };
}

export function gkePolicies(ctx: PlanContext, pools: readonly PoolModel[], refs: ReadonlyMap<string, BackendRef>): K8sObject[] {
  return pools.flatMap((p) => {
    const ref = refs.get(p.name)!;
    const targetRef = { group: '', kind: 'Service', name: ref.name };
    const namespace = ref.namespace ?? ctx.namespace;
    const h = p.healthCheck;
    // A setting the spec left out is no field: GKE's own default applies (a HealthCheckPolicy's unset fields, the
    // Service's default health check without one, connection draining 0 s:
    // https://cloud.google.com/kubernetes-engine/docs/how-to/configure-gateway-resources).
    const given = poolWritten(ctx.model, p);
    const persistence = p.sessionPersistence;
    // cookieTtlSec 0: 'the cookie is non-persistent and lasts only until the end of the browser session' (a session cookie).
    const affinity =
      persistence?.type === 'lb-cookie'
        ? { type: 'GENERATED_COOKIE', cookieTtlSec: persistence.sessionCookie ? 0 : persistence.durationSeconds }
        : persistence?.type === 'source-ip' || p.algorithm === 'ip-hash'
          ? { type: 'CLIENT_IP' }
          : undefined;
    const backend = {
      ...(given('drainingSeconds') ? { connectionDraining: { drainingTimeoutSec: p.drainingSeconds } } : {}),
      ...(affinity ? { sessionAffinity: affinity } : {}),
      ...(ctx.model.accessLogs ? { logging: { enabled: true } } : {}),
    };
    return [
      ...(given('healthCheck')
        ? [
            {
              apiVersion: GKE_NETWORKING,
              kind: 'HealthCheckPolicy',
              metadata: { ...meta(ctx, objectName(ctx.model.name, p.name, 'health')), namespace },
              spec: {
                default: {
                  ...(given('healthCheck.intervalSeconds') ? { checkIntervalSec: h.intervalSeconds } : {}),
                  ...(given('healthCheck.timeoutSeconds') ? { timeoutSec: h.timeoutSeconds } : {}),
                  ...(given('healthCheck.healthyThreshold') ? { healthyThreshold: h.healthyThreshold } : {}),
                  ...(given('healthCheck.unhealthyThreshold') ? { unhealthyThreshold: h.unhealthyThreshold } : {}),
                  config: healthConfig(p),
                },
                targetRef,
              },
            },
          ]
        : []),
      ...(Object.keys(backend).length
        ? [
            {
              apiVersion: GKE_NETWORKING,
              kind: 'GCPBackendPolicy',
              metadata: { ...meta(ctx, objectName(ctx.model.name, p.name)), namespace },
              spec: { default: backend, targetRef },
            },
          ]
        : []),
    ];
  });
}
