/**
 * Plans in the shape the evaluators read, for the cloud tests that hold a plan against lbkit's semantics
 * (test/gcp/routing.test.ts, test/azure/plan-appgw.test.ts). Each mirrors what its renderer writes for the
 * routing fields (the Azure one through the renderer's own field functions, so only its Pulumi resources are
 * left out); test/conformance/corpus.test.ts holds every corpus spec's mirrored plan equal to the renderer's
 * real output, so a renderer change that these mirrors miss fails there.
 */
import { subResourceId } from '../../../providers/azure/ids';
import {
  frontendPortArgs,
  listenerArgs,
  redirectConfigurationArgs,
  rewriteRuleSetArgs,
  routingRuleArgs,
  urlPathMapArgs,
} from '../../../providers/azure/gateway-routing';
import type { ApplicationGatewayPlan, SubResourceRef } from '../../../providers/azure/plan/types';
import type { RouteRulePlan, RouteTarget, UrlMapPlan } from '../../../providers/gcp/plan/types';
import { evaluateGateway, type AgwRoute, type ApplicationGateway } from './azure-appgw';
import type { Destination, HeaderAction, MatchRule, UrlMap } from './gcp-url-map';

// ---------------------------------------------------------------------------------------------------------
// GCP
// ---------------------------------------------------------------------------------------------------------

function destination(t: RouteTarget): Destination {
  switch (t.kind) {
    case 'service':
      return { service: t.backendService };
    case 'weighted':
      return { routeAction: { weightedBackendServices: t.services.map((s) => ({ ...s })) } };
    case 'redirect':
      return { urlRedirect: { ...t.redirect } };
    case 'not-found':
      return {
        routeAction: {
          weightedBackendServices: [{ backendService: t.backendService, weight: 100 }],
          faultInjectionPolicy: { abort: { httpStatus: 404, percentage: 100 } },
        },
      };
    case 'unsupported':
      throw new Error(`the plan holds ${t.what}, which no URL map can`);
  }
}

/**
 * A route rule's destination with its filters (issue 16), as the renderer writes them: the URL rewrite in the
 * routeAction (beside `service`, or joining a weighted split's), the header modifiers as headerAction (@pulumi/gcp's
 * plural list names). Timeouts and retries are not mirrored (the differential does not generate them).
 */
function withFilters(r: RouteRulePlan): Destination & { headerAction?: HeaderAction } {
  const d = destination(r.target);
  const urlRewrite = {
    ...(r.hostRewrite !== undefined ? { hostRewrite: r.hostRewrite } : {}),
    ...(r.pathPrefixRewrite !== undefined ? { pathPrefixRewrite: r.pathPrefixRewrite } : {}),
  };
  const h = r.headerAction;
  return {
    ...d,
    ...(Object.keys(urlRewrite).length ? { routeAction: { ...d.routeAction, urlRewrite } } : {}),
    ...(h
      ? {
          headerAction: {
            requestHeadersToAdds: h.requestHeadersToAdd.map((x) => ({ ...x })),
            requestHeadersToRemoves: [...h.requestHeadersToRemove],
            responseHeadersToAdds: h.responseHeadersToAdd.map((x) => ({ ...x })),
            responseHeadersToRemoves: [...h.responseHeadersToRemove],
          },
        }
      : {}),
  };
}

const asDefault = (d: Destination) => ({
  ...(d.service !== undefined ? { defaultService: d.service } : {}),
  ...(d.routeAction ? { defaultRouteAction: d.routeAction } : {}),
  ...(d.urlRedirect ? { defaultUrlRedirect: d.urlRedirect } : {}),
});

/**
 * A URL map plan as the URL map resource holds it; backend services keep their plan ids ('bs-<pool>'). The
 * plan's match rules are already in the API's shape (ignoreCase and invertMatch left at the API's default, false).
 */
export function urlMapOfPlan(plan: UrlMapPlan): UrlMap {
  return {
    hostRules: plan.hostRules.map((h) => ({ hosts: [...h.hosts], pathMatcher: h.pathMatcher })),
    pathMatchers: plan.pathMatchers.map((pm) => ({
      name: pm.name,
      ...asDefault(destination(pm.default)),
      routeRules: pm.routeRules.map((r) => ({ priority: r.priority, matchRules: r.matchRules as readonly MatchRule[], ...withFilters(r) })),
    })),
    ...asDefault(destination(plan.default)),
  };
}

/** Per frontend name, `of` its URL map: frontends sharing a port (listeners with host names) share one. */
export function byServedFrontend<T>(urlMaps: readonly UrlMapPlan[], of: (u: UrlMapPlan) => T): Record<string, T> {
  return Object.fromEntries(urlMaps.flatMap((u) => [u.frontend, ...(u.sharedWith ?? []).map((x) => x.frontend)].map((f) => [f, of(u)])));
}

// ---------------------------------------------------------------------------------------------------------
// Azure
// ---------------------------------------------------------------------------------------------------------

/** The ARM parent the mirrored references point into. */
export const MIRROR_PARENT = { subscriptionId: '00000000-0000-0000-0000-000000000000', resourceGroupName: 'rg' } as const;

/**
 * An Application Gateway plan as the gateway resource holds it (routing fields only), its ids under `parent`:
 * written by the renderer's own functions (providers/azure/gateway-routing.ts), without its Pulumi resources.
 */
export function gatewayOfPlan(plan: ApplicationGatewayPlan, parent: { subscriptionId: string; resourceGroupName: string } = MIRROR_PARENT): ApplicationGateway {
  const ref = (r: SubResourceRef) => ({ id: subResourceId({ ...parent, type: 'applicationGateways', name: plan.name }, r) });
  return {
    frontendPorts: plan.frontendPorts.map(frontendPortArgs),
    httpListeners: plan.httpListeners.map((l) => listenerArgs(ref, l)),
    redirectConfigurations: plan.redirectConfigurations.map((r) => redirectConfigurationArgs(ref, r)),
    urlPathMaps: plan.urlPathMaps.map((m) => urlPathMapArgs(ref, m)),
    requestRoutingRules: plan.requestRoutingRules.map((r) => routingRuleArgs(ref, r)),
    ...(plan.rewriteRuleSets.length ? { rewriteRuleSets: plan.rewriteRuleSets.map(rewriteRuleSetArgs) } : {}),
  };
}

/** The frontend IP configuration the plan's listeners of an IP version use. */
export function listeningFrontendIp(plan: ApplicationGatewayPlan, ipVersion: 'IPv4' | 'IPv6' = 'IPv4'): string {
  const config = plan.frontendIPConfigurations.find((c) => c.hasListeners && c.ipVersion === ipVersion);
  if (!config) throw new Error(`the gateway has no ${ipVersion} frontend with listeners`);
  return config.name;
}

/** What a planned gateway does with a request on `port` with this Host and path (IPv4). */
export function agwRoute(plan: ApplicationGatewayPlan, port: number, host: string, path: string): AgwRoute | undefined {
  return evaluateGateway(gatewayOfPlan(plan), { port, frontendIPConfiguration: listeningFrontendIp(plan) }, host, path);
}
