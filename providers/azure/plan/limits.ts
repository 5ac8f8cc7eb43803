/**
 * Azure's documented per-resource limits that the plan can count, as plan problems (LBKIT_AZURE_PLAN) that
 * name the limit, its value and whether Azure lets you raise it, instead of a deployment Azure refuses.
 *
 * Application Gateway: https://learn.microsoft.com/azure/azure-resource-manager/management/azure-subscription-service-limits#application-gateway-limits
 * (the include file MicrosoftDocs/azure-docs includes/application-gateway-limits.md, checked 2026-12-02). These
 * are limits of one gateway, listed with no request to raise them (unlike the per-subscription quotas on the
 * same page): a spec past them needs a second gateway. The footnote's lower value (40) applies to WAF
 * gateways on CRS 3.1 or older; lbkit's WAF policies use CRS 3.2 (application-gateway.ts MANAGED_RULE_SET) or, with
 * protection's managed rules, DRS 2.x (plan/waf-protection.ts).
 *
 * Load Balancer (Standard): the same page, #load-balancer: 1,500 rules per load balancer, 600 frontend IP
 * configurations, likewise per resource.
 */
import type { ModelScope } from '../../../lib/capabilities/features';
import type { PlanProblems } from './problems';
import type { ApplicationGatewayPlan, LoadBalancerPlan } from './types';

const AGW_LIMITS_PAGE = 'https://learn.microsoft.com/azure/azure-resource-manager/management/azure-subscription-service-limits#application-gateway-limits';
const LB_LIMITS_PAGE = 'https://learn.microsoft.com/azure/azure-resource-manager/management/azure-subscription-service-limits#load-balancer';
const FIXED = 'a limit of the resource, not a quota Azure raises on request';

/** One documented limit: its name on the limits page and its value. */
export interface AzureLimit {
  readonly name: string;
  readonly max: number;
  readonly page: string;
}

/** The limits one page documents, by key: each with its name on the page and its value. */
function documentedOn<K extends string>(page: string, limits: Record<K, Omit<AzureLimit, 'page'>>): Record<K, AzureLimit> {
  return Object.fromEntries(Object.entries<Omit<AzureLimit, 'page'>>(limits).map(([key, limit]) => [key, { ...limit, page }])) as Record<K, AzureLimit>;
}

export const AGW_LIMITS = documentedOn(AGW_LIMITS_PAGE, {
  frontendPorts: { name: 'Frontend ports', max: 100 },
  backendAddressPools: { name: 'Backend address pools', max: 100 },
  backendHttpSettings: { name: 'Backend HTTP settings', max: 100 },
  // 200 listeners, "limited to 100 active listeners that are routing traffic": every listener lbkit plans routes.
  httpListeners: { name: 'HTTP listeners (active, routing traffic)', max: 100 },
  requestRoutingRules: { name: 'HTTP load-balancing rules', max: 400 },
  pathRulesPerUrlMap: { name: 'Maximum path-based rules per URL map', max: 100 },
  redirectConfigurations: { name: 'Redirect configurations', max: 100 },
  sslCertificates: { name: 'SSL certificates', max: 100 },
  trustedClientCertificates: { name: 'Maximum trusted client CA certificates', max: 200 },
  wafIpRangesPerCondition: { name: 'WAF IP address ranges per match condition (CRS 3.2)', max: 600 },
  rewriteRuleSets: { name: 'Number of rewrite rule sets', max: 400 },
  rewriteConfigurationsPerSet: { name: 'Number of Header or URL configuration per rewrite rule set', max: 40 },
  rewriteConditionsPerSet: { name: 'Number of conditions per rewrite rule set', max: 40 },
});

export const LB_LIMITS = documentedOn(LB_LIMITS_PAGE, {
  rules: { name: 'Load balancing rules (Standard)', max: 1500 },
});

function over(problems: PlanProblems, limit: AzureLimit, count: number, path: string, what: string, fix: string): void {
  if (count <= limit.max) return;
  problems.limit(path, `${what} needs ${count} ${limit.name.toLowerCase()}; Azure allows ${limit.max} ('${limit.name}', ${limit.page}): ${FIXED}`, fix);
}

/** The Application Gateway plan against its limits. */
export function checkGatewayLimits(scope: ModelScope, plan: ApplicationGatewayPlan, problems: PlanProblems): void {
  const gateway = `Application Gateway '${plan.name}'`;
  const split = 'split the frontends between two specs (two gateways)';
  over(problems, AGW_LIMITS.frontendPorts, plan.frontendPorts.length, 'frontends', gateway, `use fewer distinct frontend ports, or ${split}`);
  over(problems, AGW_LIMITS.backendAddressPools, plan.backendAddressPools.length, 'pools', gateway, `use fewer pools, or ${split}`);
  over(problems, AGW_LIMITS.backendHttpSettings, plan.backendHttpSettings.length, 'pools', gateway, `use fewer pools (one HTTP setting each), or ${split}`);
  over(
    problems,
    AGW_LIMITS.httpListeners,
    plan.httpListeners.length,
    'frontends',
    gateway,
    `name fewer host values in rules (one listener per host, frontend and IP version), or ${split}`,
  );
  over(problems, AGW_LIMITS.requestRoutingRules, plan.requestRoutingRules.length, 'frontends', gateway, `name fewer host values in rules, or ${split}`);
  over(
    problems,
    AGW_LIMITS.redirectConfigurations,
    plan.redirectConfigurations.length,
    'frontends',
    gateway,
    'use fewer redirect actions (one configuration per redirect, listener and IP version)',
  );
  over(problems, AGW_LIMITS.sslCertificates, plan.sslCertificates.length, 'certificates', gateway, `use fewer certificates, or ${split}`);
  over(problems, AGW_LIMITS.trustedClientCertificates, plan.trustedClientCertificates.length, 'trustStores', gateway, 'use fewer trust stores');
  for (const map of plan.urlPathMaps) {
    const frontend = scope.frontends.find((f) => plan.httpListeners.find((l) => l.name === map.name)?.frontend === f.name);
    const paths = map.pathRules.length;
    over(
      problems,
      AGW_LIMITS.pathRulesPerUrlMap,
      paths,
      `${frontend?.path ?? 'frontends'}.rules`,
      `the URL path map of listener '${map.name}'`,
      'use fewer rules with path conditions on this frontend and host (each such rule is one path rule)',
    );
  }
  over(problems, AGW_LIMITS.rewriteRuleSets, plan.rewriteRuleSets.length, 'frontends', gateway, `use header changes and rewrites on fewer rules, or ${split}`);
  for (const set of plan.rewriteRuleSets) {
    const rule = scope.frontends.find((f) => f.name === set.frontend)?.rules.find((r) => r.id === set.rule);
    const where = rule?.path ?? 'frontends';
    const what = `the rewrite rule set of rule '${set.rule}'`;
    const configurations = set.rewriteRules.reduce(
      (n, { actionSet: a }) => n + a.requestHeaderConfigurations.length + a.responseHeaderConfigurations.length + (a.urlConfiguration ? 1 : 0),
      0,
    );
    const conditions = set.rewriteRules.reduce((n, r) => n + r.conditions.length, 0);
    const fix = 'change fewer headers in this rule (each header is one configuration; each added header two, with a condition each)';
    over(problems, AGW_LIMITS.rewriteConfigurationsPerSet, configurations, where, what, fix);
    over(problems, AGW_LIMITS.rewriteConditionsPerSet, conditions, where, what, fix);
  }
  for (const f of scope.frontends) {
    over(
      problems,
      AGW_LIMITS.wafIpRangesPerCondition,
      f.allowedSourceCidrs.length,
      `${f.path}.allowedSourceCidrs`,
      `frontend '${f.name}' (one WAF match condition)`,
      'merge the CIDRs into fewer, wider ranges',
    );
  }
}

/** The Load Balancer plan against its limits. */
export function checkLoadBalancerLimits(plan: LoadBalancerPlan, problems: PlanProblems): void {
  over(problems, LB_LIMITS.rules, plan.rules.length, 'frontends', `Load Balancer '${plan.name}'`, 'split the frontends between two specs (two load balancers)');
}
