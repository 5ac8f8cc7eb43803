/**
 * The Gateway (one listener per frontend, named after it), the L4 routes (TCPRoute, TLSRoute, UDPRoute), the
 * BackendTLSPolicies of https and tls pools, the XBackendTrafficPolicies of retry budgets and the ReferenceGrants a cross-namespace backendRef needs
 * (https://gateway-api.sigs.k8s.io/reference/spec/#referencegrant).
 */
import type { FrontendModel, PoolModel } from '../../../lib/model/types';
import { GATEWAY_API, GATEWAY_API_X, type K8sObject } from '../objects';
import { backendRefOf, type BackendRef } from './backends';
import { meta, type PlanContext } from './context';
import { objectName } from './names';

const certificateRef = (ctx: PlanContext, name: string) => ({ kind: 'Secret', name: ctx.options.certificates?.[name] ?? name });

/**
 * The Gateway listeners of a frontend (their sectionNames): one named after the frontend, or, for a frontend
 * with several host names, one per host name (Listener.hostname is one name), '<frontend>.<n>' in spec order.
 */
export function listenerNames(f: FrontendModel): string[] {
  const names = f.hostnames ?? [];
  return names.length > 1 ? names.map((_, i) => `${f.name}.${i}`) : [f.name];
}

/** One Listener per host name of the frontend (listeners with host names: the Gateway binds by SNI and Host). */
function listeners(ctx: PlanContext, f: FrontendModel): Record<string, unknown>[] {
  const one = listener(ctx, f);
  if (!f.hostnames?.length) return [one];
  return listenerNames(f).map((name, i) => ({ ...one, name, hostname: f.hostnames![i].value }));
}

function listener(ctx: PlanContext, f: FrontendModel): Record<string, unknown> {
  const base = { name: f.name, port: f.port };
  const certs = f.tls ? [f.tls.certificate, ...f.tls.additionalCertificates].map((c) => certificateRef(ctx, c)) : [];
  switch (f.protocol) {
    case 'http':
      return { ...base, protocol: 'HTTP' };
    case 'https':
      return { ...base, protocol: 'HTTPS', tls: { mode: 'Terminate', certificateRefs: certs } };
    case 'tls':
      return { ...base, protocol: 'TLS', tls: { mode: 'Terminate', certificateRefs: certs } };
    case 'tcp':
      return { ...base, protocol: 'TCP' };
    case 'udp':
      return { ...base, protocol: 'UDP' };
  }
}

/** Client-certificate validation per port (Gateway spec.tls.frontend.perPort, v1.6 standard; `default` is required). */
function frontendTls(ctx: PlanContext, frontends: readonly FrontendModel[]): Record<string, unknown> | undefined {
  // Envoy Gateway takes optional client certificates through its ClientTrafficPolicy (envoy.ts) instead.
  const perPort = frontends
    .filter((f) => f.tls?.clientCertificateTrust && !(ctx.target === 'k8s-envoy-gateway' && f.tls.clientCertificateTrust.mode === 'passthrough'))
    .map((f) => {
      const trust = f.tls!.clientCertificateTrust!;
      return {
        port: f.port,
        tls: {
          validation: {
            caCertificateRefs: [{ group: '', kind: 'ConfigMap', name: ctx.options.trustStores?.[trust.trustStore] ?? trust.trustStore }],
            mode: trust.mode === 'verify' ? 'AllowValidOnly' : 'AllowInsecureFallback',
          },
        },
      };
    });
  // spec.tls.frontend.default is required: empty, it validates nothing; perPort overrides it per port.
  return perPort.length ? { frontend: { default: {}, perPort } } : undefined;
}

export function gatewayObject(ctx: PlanContext, frontends: readonly FrontendModel[]): K8sObject {
  const tls = ctx.target === 'k8s-gke-gateway' ? undefined : frontendTls(ctx, frontends);
  return {
    apiVersion: GATEWAY_API,
    kind: 'Gateway',
    metadata: meta(ctx, ctx.gatewayName),
    spec: { gatewayClassName: ctx.gatewayClassName, listeners: frontends.flatMap((f) => listeners(ctx, f)), ...(tls ? { tls } : {}) },
  };
}

/** The TCPRoute, TLSRoute or UDPRoute of an L4 frontend (its default action forwards to one pool). */
export function l4Route(ctx: PlanContext, f: FrontendModel, refs: ReadonlyMap<string, BackendRef>): K8sObject {
  const pool = f.defaultAction?.type === 'forward' ? f.defaultAction.pool : undefined;
  const rules = [{ name: 'lbkit.default', backendRefs: pool ? [backendRefOf(refs.get(pool)!)] : [] }];
  const kind = f.protocol === 'udp' ? 'UDPRoute' : f.protocol === 'tls' ? 'TLSRoute' : 'TCPRoute';
  const hostnames = f.protocol === 'tls' ? tlsRouteHostnames(ctx, f) : undefined;
  return {
    apiVersion: GATEWAY_API,
    kind,
    metadata: meta(ctx, objectName(ctx.model.name, f.name)),
    spec: { parentRefs: [{ name: ctx.gatewayName, sectionName: f.name }], ...(hostnames ? { hostnames } : {}), rules },
  };
}

/** A TLSRoute must name hostnames (spec.hostnames is required): the domains of the frontend's certificates. */
export function tlsRouteHostnames(ctx: PlanContext, f: FrontendModel): string[] {
  const names = f.tls ? [f.tls.certificate, ...f.tls.additionalCertificates] : [];
  return [...new Set(names.flatMap((n) => ctx.model.certificates.find((c) => c.name === n)?.domains ?? []))];
}

interface PolicyKind {
  readonly apiVersion: string;
  readonly kind: string;
  /** Appended to '<load balancer>-<pool>' for the object's name. */
  readonly suffix: string;
}
const BACKEND_TLS: PolicyKind = { apiVersion: GATEWAY_API, kind: 'BackendTLSPolicy', suffix: 'tls' };
const RETRY_BUDGET: PolicyKind = { apiVersion: GATEWAY_API_X, kind: 'XBackendTrafficPolicy', suffix: 'retry-budget' };

/** A Gateway API policy attached to a pool's Service, in the Service's namespace (targetRefs name local objects). */
function servicePolicy(
  ctx: PlanContext,
  pool: PoolModel,
  refs: ReadonlyMap<string, BackendRef>,
  { apiVersion, kind, suffix }: PolicyKind,
  spec: (ref: BackendRef, namespace: string) => object,
): K8sObject {
  const ref = refs.get(pool.name)!;
  const namespace = ref.namespace ?? ctx.namespace;
  return {
    apiVersion,
    kind,
    metadata: { ...meta(ctx, objectName(ctx.model.name, pool.name, suffix)), namespace },
    spec: { targetRefs: [{ group: '', kind: 'Service', name: ref.name }], ...spec(ref, namespace) },
  };
}

/** https, grpcs and tls pools: the Gateway originates TLS, verifying the member against the system CAs for the Service's DNS name. */
export function backendTlsPolicies(ctx: PlanContext, pools: readonly PoolModel[], refs: ReadonlyMap<string, BackendRef>): K8sObject[] {
  return pools
    .filter((p) => p.protocol === 'https' || p.protocol === 'tls' || p.protocol === 'grpcs')
    .map((p) =>
      servicePolicy(ctx, p, refs, BACKEND_TLS, (ref, namespace) => ({
        validation: { hostname: `${ref.name}.${namespace}.svc`, wellKnownCACertificates: 'System' },
      })),
    );
}

/**
 * Pools with a retry budget on k8s-gateway's experimental channel: an XBackendTrafficPolicy whose retryConstraint
 * is lbkit's retryBudget field for field (Gateway API defines the semantics lbkit follows, SEMANTICS.md).
 */
export function retryBudgetPolicies(ctx: PlanContext, pools: readonly PoolModel[], refs: ReadonlyMap<string, BackendRef>): K8sObject[] {
  if (ctx.target !== 'k8s-gateway' || ctx.channel !== 'experimental') return [];
  return pools.flatMap((p) => {
    const b = p.retryBudget;
    if (!b) return [];
    return [
      servicePolicy(ctx, p, refs, RETRY_BUDGET, () => ({
        retryConstraint: {
          budget: { percent: b.percent, interval: `${b.intervalSeconds}s` },
          minRetryRate: { count: b.minRetryRate.count, interval: `${b.minRetryRate.intervalSeconds}s` },
        },
      })),
    ];
  });
}

/** One ReferenceGrant per foreign namespace, naming the Services the routes reach there. */
export function referenceGrants(ctx: PlanContext, refs: readonly BackendRef[], routeKinds: readonly string[]): K8sObject[] {
  const byNamespace = new Map<string, Set<string>>();
  for (const r of refs) if (r.namespace) byNamespace.set(r.namespace, (byNamespace.get(r.namespace) ?? new Set()).add(r.name));
  return [...byNamespace].map(([ns, names]) => ({
    apiVersion: GATEWAY_API,
    kind: 'ReferenceGrant',
    metadata: { ...meta(ctx, objectName(ctx.model.name, ctx.namespace)), namespace: ns },
    spec: {
      from: [...new Set(routeKinds)].map((kind) => ({ group: 'gateway.networking.k8s.io', kind, namespace: ctx.namespace })),
      to: [...names].sort().map((name) => ({ group: '', kind: 'Service', name })),
    },
  }));
}
