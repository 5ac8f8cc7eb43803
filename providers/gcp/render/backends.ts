/** Health checks, pool members (instance groups, NEGs), Cloud Armor policies and backend services. */
import * as pulumi from '@pulumi/pulumi';
import * as compute from '@pulumi/gcp/compute';
import type { PoolModel } from '../../../lib/model/types';
import type { ArmorRulePlan, BackendServicePlan, Flavor, HealthCheckPlan } from '../plan/types';
import type { GcpBackendCapacity, GcpPoolBinding } from '../props';
import { globalOrRegional, lookup, type RenderContext } from './context';

/**
 * The outlier detection fields a pool's passiveHealthCheck does not set. Only consecutive errors eject (lbkit's
 * definition): they are enforced always, gateway-failure and success-rate ejection stay off; the rest are
 * Google's defaults, set explicitly.
 */
export const CONSECUTIVE_ERRORS_ONLY = {
  enforcingConsecutiveErrors: 100,
  interval: { seconds: 10, nanos: 0 },
  consecutiveGatewayFailure: 5,
  enforcingConsecutiveGatewayFailure: 0,
  enforcingSuccessRate: 0,
  successRateMinimumHosts: 5,
  successRateRequestVolume: 100,
  successRateStdevFactor: 1900,
} as const;

/** Google's own defaults, set explicitly (see GcpBackendCapacity). */
const CAPACITY = { capacityScaler: 1, maxUtilization: 0.8, maxRatePerEndpoint: 1000, maxConnectionsPerEndpoint: 1000 };

export function renderHealthChecks(ctx: RenderContext, serverlessPools: ReadonlySet<string>): Map<string, pulumi.Output<string>> {
  const out = new Map<string, pulumi.Output<string>>();
  for (const hc of ctx.plan.healthChecks) {
    // GCP does not health-check serverless backends (and rejects a health check on their backend service).
    if (serverlessPools.has(hc.pool)) continue;
    const args = healthCheckArgs(ctx, hc);
    out.set(hc.id, globalOrRegional(ctx, hc, args, { global: compute.HealthCheck, regional: compute.RegionHealthCheck }).id);
  }
  return out;
}

function healthCheckArgs(ctx: RenderContext, hc: HealthCheckPlan) {
  const probe = { port: hc.port, portSpecification: 'USE_FIXED_PORT', proxyHeader: 'NONE' };
  return {
    ...ctx.common,
    description: `lbkit: health check of pool ${hc.pool}`,
    // Unset in the plan: GCP's own (the spec left them out).
    ...(hc.checkIntervalSec !== undefined ? { checkIntervalSec: hc.checkIntervalSec } : {}),
    ...(hc.timeoutSec !== undefined ? { timeoutSec: hc.timeoutSec } : {}),
    ...(hc.healthyThreshold !== undefined ? { healthyThreshold: hc.healthyThreshold } : {}),
    ...(hc.unhealthyThreshold !== undefined ? { unhealthyThreshold: hc.unhealthyThreshold } : {}),
    logConfig: { enable: false },
    ...(hc.protocol === 'tcp' ? { tcpHealthCheck: probe } : {}),
    ...(hc.protocol === 'http' ? { httpHealthCheck: { ...probe, requestPath: hc.requestPath } } : {}),
    ...(hc.protocol === 'https' ? { httpsHealthCheck: { ...probe, requestPath: hc.requestPath } } : {}),
    ...(hc.protocol === 'grpc' ? { grpcHealthCheck: grpcProbe(hc) } : {}),
    ...(hc.protocol === 'grpc-tls' ? { grpcTlsHealthCheck: grpcProbe(hc) } : {}),
  };
}

/** gRPC probes have no proxy header: the port and the service name (unset: the whole server). */
function grpcProbe(hc: HealthCheckPlan) {
  return { port: hc.port, portSpecification: 'USE_FIXED_PORT', ...(hc.grpcServiceName ? { grpcServiceName: hc.grpcServiceName } : {}) };
}

/** What the backend services of one pool need from its binding: a `backends` entry builder per flavor. */
interface BackendEntry {
  readonly group: pulumi.Input<string>;
  readonly balancingMode?: string;
  readonly capacityScaler?: number;
  readonly maxUtilization?: number;
  readonly maxRatePerEndpoint?: number;
  readonly maxConnectionsPerEndpoint?: number;
}
type BackendEntries = (flavor: Flavor) => BackendEntry[];

function capacityFor(flavor: Flavor, kind: 'group' | 'neg', c: GcpBackendCapacity = {}): Omit<BackendEntry, 'group'> {
  if (flavor === 'passthrough') return { balancingMode: 'CONNECTION' };
  const capacityScaler = c.capacityScaler ?? CAPACITY.capacityScaler;
  if (kind === 'group') return { balancingMode: 'UTILIZATION', capacityScaler, maxUtilization: c.maxUtilization ?? CAPACITY.maxUtilization };
  return flavor === 'alb'
    ? { balancingMode: 'RATE', capacityScaler, maxRatePerEndpoint: c.maxRatePerEndpoint ?? CAPACITY.maxRatePerEndpoint }
    : { balancingMode: 'CONNECTION', capacityScaler, maxConnectionsPerEndpoint: c.maxConnectionsPerEndpoint ?? CAPACITY.maxConnectionsPerEndpoint };
}

/** Creates a pool's member resources (named ports, NEGs, endpoints) and returns its `backends` builder. */
export function renderBinding(ctx: RenderContext, pool: PoolModel, binding: GcpPoolBinding, flavors: ReadonlySet<Flavor>): BackendEntries {
  if ('instanceGroups' in binding) {
    for (const [key, ig] of Object.entries(binding.instanceGroups)) {
      if (ig.namedPort && [...flavors].some((f) => f !== 'passthrough')) {
        new compute.InstanceGroupNamedPort(
          ctx.name(`port-${pool.name}-${key}`),
          {
            ...ctx.common,
            group: ig.namedPort.name,
            zone: ig.namedPort.zone,
            name: pool.name,
            port: pool.port,
          },
          ctx.opts(),
        );
      }
    }
    return (flavor) => Object.values(binding.instanceGroups).map((ig) => ({ group: ig.group, ...capacityFor(flavor, 'group', ig.capacity) }));
  }
  if ('networkEndpoints' in binding) {
    const passthrough = flavors.has('passthrough');
    const negs = Object.entries(binding.networkEndpoints).map(([key, zonal]) => {
      const type = passthrough ? 'GCE_VM_IP' : (zonal.networkEndpointType ?? 'GCE_VM_IP_PORT');
      const neg = new compute.NetworkEndpointGroup(
        ctx.name(`neg-${pool.name}-${key}`),
        {
          ...ctx.common,
          description: `lbkit: members of pool ${pool.name} in ${zonal.zone}`,
          network: ctx.props.network!,
          ...(ctx.props.subnetwork !== undefined && type !== 'NON_GCP_PRIVATE_IP_PORT' ? { subnetwork: ctx.props.subnetwork } : {}),
          zone: zonal.zone,
          networkEndpointType: type,
          ...(type === 'GCE_VM_IP' ? {} : { defaultPort: pool.port }),
        },
        ctx.opts(),
      );
      for (const e of zonal.endpoints) {
        const port = type === 'GCE_VM_IP' ? undefined : (e.port ?? pool.port);
        new compute.NetworkEndpoint(
          ctx.name(`ep-${pool.name}-${key}-${e.ipAddress}${port ? `-${port}` : ''}`),
          {
            ...ctx.common,
            networkEndpointGroup: neg.name,
            zone: zonal.zone,
            ipAddress: e.ipAddress,
            ...(port !== undefined ? { port } : {}),
            ...(e.instance !== undefined ? { instance: e.instance } : {}),
          },
          ctx.opts(),
        );
      }
      return { neg, capacity: zonal.capacity };
    });
    return (flavor) => negs.map(({ neg, capacity }) => ({ group: neg.id, ...capacityFor(flavor, 'neg', capacity) }));
  }
  const negs = Object.entries(binding.serverless).map(
    ([key, s]) =>
      new compute.RegionNetworkEndpointGroup(
        ctx.name(`neg-${pool.name}-${key}`),
        {
          ...ctx.common,
          description: `lbkit: serverless members of pool ${pool.name}`,
          region: s.region,
          networkEndpointType: 'SERVERLESS',
          ...(s.cloudRun ? { cloudRun: s.cloudRun } : {}),
          ...(s.cloudFunction ? { cloudFunction: s.cloudFunction } : {}),
          ...(s.appEngine ? { appEngine: s.appEngine } : {}),
        },
        ctx.opts(),
      ),
  );
  // GCP rejects balancing mode and capacity settings for serverless NEGs.
  return () => negs.map((neg) => ({ group: neg.id }));
}

function armorRule(rule: ArmorRulePlan) {
  return {
    priority: rule.priority,
    description: rule.description,
    action: rule.action,
    preview: rule.preview === true,
    match:
      'srcIpRanges' in rule.match
        ? { versionedExpr: 'SRC_IPS_V1', config: { srcIpRanges: [...rule.match.srcIpRanges] } }
        : { expr: { expression: rule.match.expression } },
    ...(rule.rateLimit
      ? {
          rateLimitOptions: {
            conformAction: 'allow',
            exceedAction: rule.rateLimit.exceedAction,
            enforceOnKey: rule.rateLimit.enforceOnKey,
            ...(rule.rateLimit.enforceOnKeyName !== undefined ? { enforceOnKeyName: rule.rateLimit.enforceOnKeyName } : {}),
            rateLimitThreshold: { count: rule.rateLimit.count, intervalSec: rule.rateLimit.intervalSec },
          },
        }
      : {}),
  };
}

export function renderSecurityPolicies(ctx: RenderContext): Map<string, pulumi.Output<string>> {
  const out = new Map<string, pulumi.Output<string>>();
  for (const p of ctx.plan.securityPolicies) {
    const args = {
      ...ctx.common,
      description: `lbkit: protection of frontend${p.frontends.length > 1 ? 's' : ''} ${p.frontends.join(', ')}`,
      type: 'CLOUD_ARMOR',
      rules: p.rules.map(armorRule),
      ...(p.adaptiveProtection ? { adaptiveProtectionConfig: { layer7DdosDefenseConfig: { enable: true } } } : {}),
    };
    const policy = p.regional
      ? new compute.RegionSecurityPolicy(ctx.name(p.id), { ...args, region: ctx.region }, ctx.opts())
      : new compute.SecurityPolicy(ctx.name(p.id), { ...args, labels: ctx.labels }, ctx.opts());
    out.set(p.id, policy.selfLink);
  }
  return out;
}

function backendServiceArgs(ctx: RenderContext, s: BackendServicePlan, backends: BackendEntries, refs: BackendRefs) {
  const serverless = refs.serverlessPools.has(s.pool);
  return {
    ...ctx.common,
    description: `lbkit: pool ${s.pool} (${s.flavor})`,
    loadBalancingScheme: s.scheme,
    protocol: s.protocol,
    // "Port name is not supported for a backend service with Serverless network endpoint groups" (the API's
    // refusal); compute v1 BackendService.portName: "This parameter has no meaning if the backends are NEGs".
    ...(s.portName !== undefined && !serverless ? { portName: s.portName } : {}),
    ...(serverless ? {} : { healthChecks: lookup(refs.healthChecks, s.healthCheck) }),
    ...(s.localityLbPolicy !== undefined ? { localityLbPolicy: s.localityLbPolicy } : {}),
    ...(s.sessionAffinity !== undefined ? { sessionAffinity: s.sessionAffinity } : {}),
    ...(s.affinityCookieTtlSec !== undefined ? { affinityCookieTtlSec: s.affinityCookieTtlSec } : {}),
    ...(s.consistentHash
      ? {
          consistentHash: {
            minimumRingSize: s.consistentHash.minimumRingSize,
            ...(s.consistentHash.httpCookie
              ? { httpCookie: { name: s.consistentHash.httpCookie.name, ttl: { seconds: s.consistentHash.httpCookie.ttlSec, nanos: 0 } } }
              : {}),
          },
        }
      : {}),
    ...(s.connectionDrainingTimeoutSec !== undefined ? { connectionDrainingTimeoutSec: s.connectionDrainingTimeoutSec } : {}),
    // GCP rejects a timeout on backend services of serverless NEGs.
    ...(s.timeoutSec !== undefined && !serverless ? { timeoutSec: s.timeoutSec } : {}),
    ...(s.outlierDetection
      ? {
          outlierDetection: {
            ...CONSECUTIVE_ERRORS_ONLY,
            consecutiveErrors: s.outlierDetection.consecutiveErrors,
            baseEjectionTime: { seconds: s.outlierDetection.baseEjectionSec, nanos: 0 },
            maxEjectionPercent: s.outlierDetection.maxEjectionPercent,
          },
        }
      : {}),
    logConfig: s.logging ? { enable: true, sampleRate: 1 } : { enable: false },
    ...(s.securityPolicy ? { securityPolicy: lookup(refs.securityPolicies, s.securityPolicy) } : {}),
    backends: backends(s.flavor),
  };
}

export interface BackendRefs {
  readonly healthChecks: ReadonlyMap<string, pulumi.Output<string>>;
  readonly securityPolicies: ReadonlyMap<string, pulumi.Output<string>>;
  readonly serverlessPools: ReadonlySet<string>;
}

export function renderBackendServices(ctx: RenderContext, entries: ReadonlyMap<string, BackendEntries>, refs: BackendRefs): Map<string, pulumi.Output<string>> {
  const out = new Map<string, pulumi.Output<string>>();
  for (const s of ctx.plan.backendServices) {
    const args = backendServiceArgs(ctx, s, lookup(entries, s.pool), refs);
    const resource = s.regional
      ? new compute.RegionBackendService(
          ctx.name(s.id),
          {
            ...args,
            region: ctx.region,
            ...(s.idleTimeoutSec !== undefined
              ? {
                  connectionTrackingPolicy: {
                    trackingMode: 'PER_CONNECTION',
                    connectionPersistenceOnUnhealthyBackends: 'DEFAULT_FOR_PROTOCOL',
                    idleTimeoutSec: s.idleTimeoutSec,
                  },
                }
              : {}),
          },
          ctx.opts(),
        )
      : new compute.BackendService(ctx.name(s.id), args, ctx.opts());
    out.set(s.id, resource.id);
  }
  return out;
}
