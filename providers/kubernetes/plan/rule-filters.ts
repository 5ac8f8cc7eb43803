/**
 * A forwarding rule's filters (issue 16) as HTTPRoute rule fields (Gateway API v1.6.1,
 * gateway.networking.k8s.io_httproutes.yaml): RequestHeaderModifier and ResponseHeaderModifier (set, add, remove),
 * URLRewrite (hostname; path ReplaceFullPath or ReplacePrefixMatch), timeouts (request, backendRequest) and, on the
 * experimental channel of k8s-gateway, retry (attempts, codes). Envoy Gateway takes retries from a
 * BackendTrafficPolicy instead (envoy-retry.ts).
 */
import type { HeaderModifierModel, RuleFilters } from '../../../lib/model/types';
import type { PlanContext } from './context';

/**
 * A prefix replacement as written to ReplacePrefixMatch: without a trailing '/', which Gateway API ignores and lbkit
 * too (SEMANTICS.md), but which Envoy Gateway's redirect copies into Envoy's prefix_rewrite ('/new/' on '/old/x'
 * would give '/new//x'; internal/xds/translator/route.go buildXdsRedirectAction).
 */
export const prefixReplacement = (value: string): string => value.replace(/\/+$/, '') || '/';

function modifier(m: HeaderModifierModel): Record<string, unknown> {
  return {
    ...(m.set.length ? { set: m.set.map((h) => ({ name: h.name, value: h.value })) } : {}),
    ...(m.add.length ? { add: m.add.map((h) => ({ name: h.name, value: h.value })) } : {}),
    ...(m.remove.length ? { remove: [...m.remove] } : {}),
  };
}

/** The filters list of a forwarding rule (each filter type at most once, as the CRD's CEL demands). */
export function ruleFilters(filters: RuleFilters | undefined): Array<Record<string, unknown>> {
  if (!filters) return [];
  const rw = filters.rewrite;
  return [
    ...(filters.requestHeaders ? [{ type: 'RequestHeaderModifier', requestHeaderModifier: modifier(filters.requestHeaders) }] : []),
    ...(filters.responseHeaders ? [{ type: 'ResponseHeaderModifier', responseHeaderModifier: modifier(filters.responseHeaders) }] : []),
    ...(rw
      ? [
          {
            type: 'URLRewrite',
            urlRewrite: {
              ...(rw.host !== undefined ? { hostname: rw.host } : {}),
              ...(rw.path
                ? {
                    path:
                      rw.path.kind === 'full'
                        ? { type: 'ReplaceFullPath', replaceFullPath: rw.path.value }
                        : { type: 'ReplacePrefixMatch', replacePrefixMatch: prefixReplacement(rw.path.value) },
                  }
                : {}),
            },
          },
        ]
      : []),
  ];
}

/**
 * HTTPRoute rule timeouts and retry. On Envoy Gateway a retry comes from the BackendTrafficPolicy, and a
 * backendRequest timeout without an HTTPRoute retry becomes the route timeout (in place of request, including
 * every retry: envoyproxy/gateway internal/gatewayapi/route.go processRouteTimeout), so there the per-attempt timeout
 * of a rule with a retry goes to the policy's perRetry.timeout and is left out here.
 */
export function ruleTiming(ctx: PlanContext, filters: RuleFilters | undefined): Record<string, unknown> {
  if (!filters) return {};
  const request = filters.requestTimeoutSeconds;
  const backend = ctx.target === 'k8s-envoy-gateway' && filters.retry ? undefined : filters.backendTimeoutSeconds;
  const timeouts = {
    ...(request !== undefined ? { request: `${request}s` } : {}),
    ...(backend !== undefined ? { backendRequest: `${backend}s` } : {}),
  };
  const r = filters.retry;
  const retry =
    r && ctx.target === 'k8s-gateway' && ctx.channel === 'experimental'
      ? { attempts: r.attempts, ...(r.statuses.length ? { codes: [...r.statuses] } : {}) }
      : undefined;
  return { ...(Object.keys(timeouts).length ? { timeouts } : {}), ...(retry ? { retry } : {}) };
}
