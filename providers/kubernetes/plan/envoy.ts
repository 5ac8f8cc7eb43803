/**
 * Envoy Gateway v1.9 policies (CRDs in ../shared/reference/k8s-crds/envoy-gateway-v1.9.0):
 * - BackendTrafficPolicy per group of route rules that share a pool's settings and rate limits, attached by
 *   targetRefs (route name, sectionName = rule name; 'HTTPRoute: HTTPRouteRule name' in the CRD's sectionName doc).
 *   Envoy Gateway applies one BackendTrafficPolicy per target, so a rule is named in exactly one.
 * - ClientTrafficPolicy per listener that needs TLS 1.3, an idle timeout, optional client certificates or HTTP/1.1
 *   only (http2: false: tls.alpnProtocols [http/1.1]).
 * - SecurityPolicy per frontend with allowedSourceCidrs: authorization defaultAction Deny, one Allow rule.
 */
import type { ActionModel, FrontendModel, RateLimitModel, RuleFilters } from '../../../lib/model/types';
import { envoyRetry } from './envoy-retry';
import { listenerNames } from './gateway';
import { actionPools } from '../../../lib/model/derived';
import { DEFAULTS } from '../../../lib/model/defaults';
import { ENVOY_GATEWAY, type K8sObject, type TargetRef } from '../objects';
import { LOCAL_RATE_UNITS } from '../ranges';
import { meta, type PlanContext } from './context';
import { objectName } from './names';
import { persistenceCookie, poolPolicy, poolWritten, type PoolWritten } from './pool-policy';
import { written } from './context';

/** A route rule a policy can attach to. */
export interface RouteSection {
  readonly kind: 'HTTPRoute' | 'GRPCRoute' | 'TCPRoute' | 'TLSRoute' | 'UDPRoute';
  readonly route: string;
  readonly rule: string;
  readonly action: ActionModel;
  readonly frontend: string;
  /** The model rule id; undefined for the default action. */
  readonly ruleId?: string;
}

const ref = (kind: string, name: string, sectionName?: string): TargetRef => ({
  group: 'gateway.networking.k8s.io',
  kind,
  name,
  ...(sectionName ? { sectionName } : {}),
});

/** The filters of the model rule behind a section (undefined for default actions and L4 routes). */
function filtersOf(ctx: PlanContext, s: RouteSection): RuleFilters | undefined {
  if (s.kind !== 'HTTPRoute' || s.ruleId === undefined) return undefined;
  return ctx.model.frontends.find((x) => x.name === s.frontend)?.rules.find((r) => r.id === s.ruleId)?.filters;
}

function limitsOf(ctx: PlanContext, s: RouteSection): RateLimitModel[] {
  if (s.kind !== 'HTTPRoute' && s.kind !== 'GRPCRoute') return [];
  const f = ctx.model.frontends.find((x) => x.name === s.frontend)!;
  const ruleName = s.ruleId !== undefined ? f.rules.find((r) => r.id === s.ruleId)?.name : undefined;
  return ctx.model.rateLimits.filter(
    (r) => r.frontends.includes(s.frontend) && (!r.rules || (ruleName !== undefined && r.rules.includes(`${s.frontend}/${ruleName}`))),
  );
}

function localRule(r: RateLimitModel): Array<Record<string, unknown>> {
  const limit = { requests: r.limit, unit: LOCAL_RATE_UNITS[r.windowSeconds] ?? 'Second' };
  if (r.key.type === 'header') return [{ clientSelectors: [{ headers: [{ name: r.key.name, type: 'Distinct' }] }], limit }];
  return ['0.0.0.0/0', '::/0'].map((value) => ({ clientSelectors: [{ sourceCIDR: { type: 'Distinct', value } }], limit }));
}

/**
 * What the spec wrote of the pools one action reaches: the pools of a weighted split share one policy and have equal
 * settings (ranges.ts), so a field any of them writes is emitted, with the first pool's value.
 */
function splitWritten(ctx: PlanContext, action: ActionModel): PoolWritten {
  const pools = actionPools(action)
    .map((name) => ctx.model.pools.find((p) => p.name === name)!)
    .filter(Boolean);
  return (field) => pools.some((p) => poolWritten(ctx.model, p)(field));
}

/** The BackendTrafficPolicies: sections with equal settings share one, named after its pool and rate limits. */
export function backendTrafficPolicies(ctx: PlanContext, sections: readonly RouteSection[]): K8sObject[] {
  const groups = new Map<string, { name: string; spec: Record<string, unknown>; refs: TargetRef[] }>();
  for (const s of sections) {
    const pool = actionPools(s.action)[0];
    const limits = limitsOf(ctx, s);
    if (pool === undefined && !limits.length) continue;
    const poolModel = pool === undefined ? undefined : ctx.model.pools.find((p) => p.name === pool)!;
    const retry = envoyRetry(filtersOf(ctx, s));
    const spec = {
      ...(poolModel ? poolPolicy(poolModel, persistenceCookie(pool!), splitWritten(ctx, s.action)) : {}),
      ...(limits.length ? { rateLimit: { type: 'Local', local: { rules: limits.flatMap(localRule) } } } : {}),
      ...retry,
    };
    // A pool whose settings are all left out keeps Envoy Gateway's defaults: no policy to attach.
    if (!Object.keys(spec).length) continue;
    // A retry is the rule's own: its policy is named after the rule, so two rules' retries never share a name.
    const name = objectName(ctx.model.name, pool ?? 'responses', ...limits.map((l) => l.name), ...(retry.retry ? ['retry', s.ruleId!] : []));
    const key = `${name}\0${JSON.stringify(spec)}`;
    const group = groups.get(key) ?? { name, spec, refs: [] as TargetRef[] };
    // Route rules are named (sectionName) in HTTPRoutes and GRPCRoutes; L4 routes are targeted whole.
    group.refs.push(ref(s.kind, s.route, s.kind === 'HTTPRoute' || s.kind === 'GRPCRoute' ? s.rule : undefined));
    groups.set(key, group);
  }
  // Two groups could get one name (same pool and limits, different settings are impossible: the spec is the pool's).
  return [...groups.values()].map((g) => ({
    apiVersion: ENVOY_GATEWAY,
    kind: 'BackendTrafficPolicy',
    metadata: meta(ctx, g.name),
    spec: { targetRefs: g.refs, ...g.spec },
  }));
}

/** ClientTrafficPolicies for listeners that need one. */
export function clientTrafficPolicies(ctx: PlanContext, frontends: readonly FrontendModel[]): K8sObject[] {
  return frontends.flatMap((f) => {
    const tls13 = f.tls?.minimumVersion === '1.3';
    // http2: false on https: only http/1.1 is offered by ALPN (Envoy Gateway's default is h2, http/1.1).
    const h1Only = f.http2 === false && f.protocol === 'https';
    const passthrough = f.tls?.clientCertificateTrust?.mode === 'passthrough' ? f.tls.clientCertificateTrust : undefined;
    // Left out, Envoy Gateway's own idle timeouts apply (ClientTrafficPolicy timeout unset).
    const idle = f.idleTimeoutSeconds !== DEFAULTS.idleTimeoutSeconds && written(ctx.model, `${f.path}.idleTimeoutSeconds`);
    if (!tls13 && !passthrough && !idle && !h1Only) return [];
    const tls = {
      ...(tls13 ? { minVersion: '1.3' } : {}),
      ...(h1Only ? { alpnProtocols: ['http/1.1'] } : {}),
      ...(passthrough
        ? {
            clientValidation: {
              optional: true,
              caCertificateRefs: [{ kind: 'ConfigMap', name: ctx.options.trustStores?.[passthrough.trustStore] ?? passthrough.trustStore }],
            },
          }
        : {}),
    };
    const timeout = idle
      ? f.layer === 'l7'
        ? { http: { idleTimeout: `${f.idleTimeoutSeconds}s` } }
        : { tcp: { idleTimeout: `${f.idleTimeoutSeconds}s` } }
      : undefined;
    return [
      {
        apiVersion: ENVOY_GATEWAY,
        kind: 'ClientTrafficPolicy',
        metadata: meta(ctx, objectName(ctx.model.name, f.name)),
        spec: {
          targetRefs: listenerNames(f).map((section) => ref('Gateway', ctx.gatewayName, section)),
          ...(Object.keys(tls).length ? { tls } : {}),
          ...(timeout ? { timeout } : {}),
        },
      },
    ];
  });
}

/** SecurityPolicies for frontends that admit only some sources (TCP frontends through their TCPRoute). */
export function securityPolicies(ctx: PlanContext, frontends: readonly FrontendModel[]): K8sObject[] {
  return frontends
    .filter((f) => f.allowedSourceCidrs.length)
    .map((f) => ({
      apiVersion: ENVOY_GATEWAY,
      kind: 'SecurityPolicy',
      metadata: meta(ctx, objectName(ctx.model.name, f.name, 'sources')),
      spec: {
        targetRefs:
          f.protocol === 'tcp'
            ? [ref('TCPRoute', objectName(ctx.model.name, f.name))]
            : listenerNames(f).map((section) => ref('Gateway', ctx.gatewayName, section)),
        authorization: { defaultAction: 'Deny', rules: [{ name: 'allowed-sources', action: 'Allow', principal: { clientCIDRs: [...f.allowedSourceCidrs] } }] },
      },
    }));
}
