/**
 * The routing fields of an Application Gateway's sub-resources, in the ARM shape, from the plan: frontend ports,
 * listeners, redirect configurations, URL path maps and request routing rules, their references made by `ref`.
 * with the rewrite rule sets they name. The renderer (application-gateway.ts) writes them and adds the TLS and WAF fields; the conformance
 * tests read a plan through the same functions without Pulumi (test/conformance/evaluators/plans.ts), so what
 * they evaluate is what the renderer writes.
 */
import type {
  AgwTarget,
  ApplicationGatewayPlan,
  HttpListenerPlan,
  PathRulePlan,
  RedirectPlan,
  RewriteRuleSetPlan,
  RoutingRulePlan,
  SubResourceRef,
} from './plan/types';

/** Writes a reference to a sub-resource of the gateway: `{ id }`, the id a string or a Pulumi output. */
export type Reference<R> = (ref: SubResourceRef) => R;

/** Where a rule or a path rule sends: a pool with its settings, or a redirect configuration. */
export function targetArgs<R>(ref: Reference<R>, t: AgwTarget): { backendAddressPool: R; backendHttpSettings: R } | { redirectConfiguration: R } {
  return t.kind === 'forward'
    ? { backendAddressPool: ref(t.backendAddressPool), backendHttpSettings: ref(t.backendHttpSettings) }
    : { redirectConfiguration: ref(t.redirectConfiguration) };
}

/** A URL path map's default: the same target, under the map's `default...` names. */
export function defaultTargetArgs<R>(ref: Reference<R>, t: AgwTarget) {
  const fallback = targetArgs(ref, t);
  return 'redirectConfiguration' in fallback
    ? { defaultRedirectConfiguration: fallback.redirectConfiguration }
    : { defaultBackendAddressPool: fallback.backendAddressPool, defaultBackendHttpSettings: fallback.backendHttpSettings };
}

export const frontendPortArgs = (p: ApplicationGatewayPlan['frontendPorts'][number]) => ({ name: p.name, port: p.port });

export function listenerArgs<R>(ref: Reference<R>, l: HttpListenerPlan) {
  return {
    name: l.name,
    frontendIPConfiguration: ref(l.frontendIPConfiguration),
    frontendPort: ref(l.frontendPort),
    protocol: l.protocol,
    hostNames: [...l.hostNames],
  };
}

export function redirectConfigurationArgs<R>(ref: Reference<R>, r: RedirectPlan) {
  return {
    name: r.name,
    redirectType: r.redirectType,
    ...(r.targetListener ? { targetListener: ref(r.targetListener) } : { targetUrl: r.targetUrl }),
    includePath: r.includePath,
    includeQueryString: r.includeQueryString,
  };
}

/** A rewrite rule set reference under `field`, when there is one. */
const rewriteArgs = <R>(ref: Reference<R>, set: SubResourceRef | undefined, field = 'rewriteRuleSet') => (set ? { [field]: ref(set) } : {});

export const pathRuleArgs = <R>(ref: Reference<R>, r: PathRulePlan) => ({
  name: r.name,
  paths: [...r.paths],
  ...targetArgs(ref, r.target),
  ...rewriteArgs(ref, r.rewriteRuleSet),
});

export function urlPathMapArgs<R>(ref: Reference<R>, m: ApplicationGatewayPlan['urlPathMaps'][number]) {
  return {
    name: m.name,
    ...defaultTargetArgs(ref, m.defaultTarget),
    ...rewriteArgs(ref, m.defaultRewriteRuleSet, 'defaultRewriteRuleSet'),
    pathRules: m.pathRules.map((r) => pathRuleArgs(ref, r)),
  };
}

export function routingRuleArgs<R>(ref: Reference<R>, r: RoutingRulePlan) {
  return {
    name: r.name,
    priority: r.priority,
    ruleType: r.ruleType,
    httpListener: ref(r.httpListener),
    ...(r.urlPathMap ? { urlPathMap: ref(r.urlPathMap) } : targetArgs(ref, r.target!)),
    ...rewriteArgs(ref, r.rewriteRuleSet),
  };
}

/** The rules' header changes and URL rewrites (issue 16), in the ARM shape. */
export function rewriteRuleSetArgs(set: RewriteRuleSetPlan) {
  return {
    name: set.name,
    rewriteRules: set.rewriteRules.map((r) => ({
      name: r.name,
      ruleSequence: r.ruleSequence,
      conditions: r.conditions.map((c) => ({ ...c })),
      actionSet: {
        requestHeaderConfigurations: r.actionSet.requestHeaderConfigurations.map((h) => ({ ...h })),
        responseHeaderConfigurations: r.actionSet.responseHeaderConfigurations.map((h) => ({ ...h })),
        ...(r.actionSet.urlConfiguration ? { urlConfiguration: { ...r.actionSet.urlConfiguration } } : {}),
      },
    })),
  };
}
