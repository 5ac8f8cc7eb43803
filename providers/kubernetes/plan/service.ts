/**
 * k8s-service: each L4 frontend as a Service of type LoadBalancer
 * (https://kubernetes.io/docs/concepts/services-networking/service/#loadbalancer): port = the frontend's port,
 * targetPort = the pool's port; loadBalancerSourceRanges for allowedSourceCidrs; sessionAffinity ClientIP with
 * sessionAffinityConfig.clientIP.timeoutSeconds for source-ip persistence; externalTrafficPolicy Local where the
 * client address must survive (affinity, source ranges), Cluster otherwise; ipFamilyPolicy RequireDualStack for
 * dualstack. With `metallb`, a MetalLB IPAddressPool and L2Advertisement (metallb.io/v1beta1, v0.16.1 CRDs) and the
 * Service annotation metallb.io/address-pool (the 'metallb.io' prefix replaced 'metallb.universe.tf' in v0.14.9).
 */
import { isIP } from 'node:net';
import type { Problem } from '../../../lib/errors';
import type { FrontendModel, PoolModel } from '../../../lib/model/types';
import { METALLB, type K8sObject } from '../objects';
import { meta, type PlanContext } from './context';
import { endpointSlice } from './endpoint-slice';
import { objectName } from './names';

/** Kubernetes' default ClientIP affinity timeout (sessionAffinityConfig.clientIP.timeoutSeconds, 10800 s). */
const AFFINITY_SECONDS = 10_800;

export interface ServicePlan {
  readonly objects: K8sObject[];
  readonly problems: Problem[];
}

function metalLb(ctx: PlanContext): { objects: K8sObject[]; annotation?: Record<string, string>; problems: Problem[] } {
  const m = ctx.options.metallb;
  if (!m) return { objects: [], problems: [] };
  const ns = m.namespace ?? 'metallb-system';
  const name = objectName(ctx.model.name);
  const problems = m.addresses.length
    ? []
    : [
        {
          code: 'LBKIT_K8S_PLACEMENT' as const,
          path: 'metallb.addresses',
          message: 'no addresses',
          fix: "give CIDRs or ranges such as '192.168.10.0/24'",
          target: ctx.target,
        },
      ];
  const pool: K8sObject = {
    apiVersion: METALLB,
    kind: 'IPAddressPool',
    metadata: { ...meta(ctx, name), namespace: ns },
    spec: { addresses: [...m.addresses] },
  };
  const l2: K8sObject[] =
    m.l2Advertisement === false
      ? []
      : [{ apiVersion: METALLB, kind: 'L2Advertisement', metadata: { ...meta(ctx, name), namespace: ns }, spec: { ipAddressPools: [name] } }];
  return { objects: [pool, ...l2], annotation: { 'metallb.io/address-pool': name }, problems };
}

function serviceOf(
  ctx: PlanContext,
  f: FrontendModel,
  pool: PoolModel,
  annotations: Record<string, string> | undefined,
): { objects: K8sObject[]; problems: Problem[] } {
  const binding = ctx.options.bindings?.[pool.name] ?? { selector: { 'app.kubernetes.io/name': pool.name } };
  const protocol = f.protocol === 'udp' ? 'UDP' : 'TCP';
  const name = objectName(ctx.model.name, f.name);
  const affinity = pool.sessionPersistence?.type === 'source-ip' || pool.algorithm === 'ip-hash';
  if ('service' in binding) {
    return {
      objects: [],
      problems: [
        {
          code: 'LBKIT_K8S_PLACEMENT',
          path: `bindings.${pool.name}`,
          message: `k8s-service writes the Service of pool '${pool.name}' itself`,
          fix: "bind it by selector ({ selector: { app: 'db' } }) or to addresses",
          target: ctx.target,
        },
      ],
    };
  }
  const targetPort = binding && 'addresses' in binding ? (binding.port ?? pool.port) : pool.port;
  const service: K8sObject = {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { ...meta(ctx, name), ...(annotations ? { annotations } : {}) },
    spec: {
      type: 'LoadBalancer',
      ...('selector' in binding ? { selector: { ...binding.selector } } : {}),
      ports: [{ name: f.name, protocol, port: f.port, targetPort }],
      externalTrafficPolicy: affinity || f.allowedSourceCidrs.length ? 'Local' : 'Cluster',
      ...(f.allowedSourceCidrs.length ? { loadBalancerSourceRanges: [...f.allowedSourceCidrs] } : {}),
      ...(affinity ? { sessionAffinity: 'ClientIP', sessionAffinityConfig: { clientIP: { timeoutSeconds: AFFINITY_SECONDS } } } : {}),
      ...(ctx.model.ipAddressType === 'dualstack' ? { ipFamilyPolicy: 'RequireDualStack', ipFamilies: ['IPv4', 'IPv6'] } : {}),
    },
  };
  if (!('addresses' in binding)) return { objects: [service], problems: [] };
  const families = new Set(binding.addresses.map((a) => isIP(a)).filter((f) => f !== 0));
  const problems: Problem[] = binding.addresses.flatMap((a, i) =>
    isIP(a)
      ? []
      : [
          {
            code: 'LBKIT_K8S_PLACEMENT' as const,
            path: `bindings.${pool.name}.addresses[${i}]`,
            message: `'${a}' is no IP address`,
            fix: 'an IPv4 or IPv6 address',
            target: ctx.target,
          },
        ],
  );
  if (families.size > 1)
    problems.push({
      code: 'LBKIT_K8S_PLACEMENT',
      path: `bindings.${pool.name}.addresses`,
      message: 'IPv4 and IPv6 addresses mixed',
      fix: 'one EndpointSlice has one addressType: bind one family',
      target: ctx.target,
    });
  const slice = endpointSlice(ctx, name, binding.addresses, { name: f.name, protocol, port: targetPort });
  return { objects: [service, slice], problems };
}

export function planServices(ctx: PlanContext, frontends: readonly FrontendModel[]): ServicePlan {
  const lb = metalLb(ctx);
  const parts = frontends.flatMap((f) => {
    const action = f.defaultAction;
    if (action?.type !== 'forward') return [];
    return [
      serviceOf(
        ctx,
        f,
        ctx.model.pools.find((p) => p.name === action.pool)!,
        lb.annotation,
      ),
    ];
  });
  return { objects: [...lb.objects, ...parts.flatMap((p) => p.objects)], problems: [...lb.problems, ...parts.flatMap((p) => p.problems)] };
}
