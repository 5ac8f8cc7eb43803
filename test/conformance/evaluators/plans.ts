/**
 * Plans in the shape the evaluators read, for the cloud tests that hold a plan against lbkit's semantics
 * (test/gcp/routing.test.ts, test/azure/plan-appgw.test.ts). Each mirrors what its renderer writes for the
 * routing fields; test/conformance/corpus.test.ts holds every corpus spec's mirrored plan equal to the
 * renderer's real output, so a renderer change that these mirrors miss fails there.
 */
import { subResourceId } from '../../../providers/azure/ids';
import type { AgwTarget, ApplicationGatewayPlan, SubResourceRef } from '../../../providers/azure/plan/types';
import type { RouteRulePlan, RouteTarget, UrlMapPlan } from '../../../providers/gcp/plan/types';
import { evaluateGateway, type AgwRoute, type ApplicationGateway, type Destination as AgwDestination } from './azure-appgw';
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

/** An Application Gateway plan as the gateway resource holds it (routing fields only), its ids under `parent`. */
export function gatewayOfPlan(plan: ApplicationGatewayPlan, parent: { subscriptionId: string; resourceGroupName: string } = MIRROR_PARENT): ApplicationGateway {
  const ref = (r: SubResourceRef) => ({ id: subResourceId({ ...parent, type: 'applicationGateways', name: plan.name }, r) });
  const rewriteRef = (r: SubResourceRef | undefined, field = 'rewriteRuleSet') => (r ? { [field]: ref(r) } : {});
  const target = (t: AgwTarget): AgwDestination =>
    t.kind === 'forward'
      ? { backendAddressPool: ref(t.backendAddressPool), backendHttpSettings: ref(t.backendHttpSettings) }
      : { redirectConfiguration: ref(t.redirectConfiguration) };
  return {
    frontendPorts: plan.frontendPorts.map((p) => ({ name: p.name, port: p.port })),
    httpListeners: plan.httpListeners.map((l) => ({
      name: l.name,
      frontendIPConfiguration: ref(l.frontendIPConfiguration),
      frontendPort: ref(l.frontendPort),
      protocol: l.protocol,
      hostNames: [...l.hostNames],
    })),
    redirectConfigurations: plan.redirectConfigurations.map((r) => ({
      name: r.name,
      redirectType: r.redirectType,
      ...(r.targetListener ? { targetListener: ref(r.targetListener) } : { targetUrl: r.targetUrl }),
      includePath: r.includePath,
      includeQueryString: r.includeQueryString,
    })),
    urlPathMaps: plan.urlPathMaps.map((m) => {
      const fallback = target(m.defaultTarget);
      return {
        name: m.name,
        ...(fallback.redirectConfiguration
          ? { defaultRedirectConfiguration: fallback.redirectConfiguration }
          : { defaultBackendAddressPool: fallback.backendAddressPool, defaultBackendHttpSettings: fallback.backendHttpSettings }),
        ...rewriteRef(m.defaultRewriteRuleSet, 'defaultRewriteRuleSet'),
        pathRules: m.pathRules.map((r) => ({ name: r.name, paths: [...r.paths], ...target(r.target), ...rewriteRef(r.rewriteRuleSet) })),
      };
    }),
    requestRoutingRules: plan.requestRoutingRules.map((r) => ({
      name: r.name,
      priority: r.priority,
      ruleType: r.ruleType,
      httpListener: ref(r.httpListener),
      ...(r.urlPathMap ? { urlPathMap: ref(r.urlPathMap) } : target(r.target!)),
      ...rewriteRef(r.rewriteRuleSet),
    })),
    // The rules' header changes and rewrites (issue 16), in the ARM shape the plan already holds.
    ...(plan.rewriteRuleSets.length ? { rewriteRuleSets: plan.rewriteRuleSets.map((set) => ({ name: set.name, rewriteRules: set.rewriteRules })) } : {}),
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
