/**
 * Rate limits, client restrictions and protection to Application Gateway WAF policies (WAF_v2).
 *
 * Each frontend that needs rules gets its own policy, attached to its listeners, so a limit counts only on
 * the frontends it names. The gateway keeps a policy of its own (WAF_v2 requires one) for the other
 * listeners. Custom rules run in priority order, numbered from 1 without gaps: the client restriction
 * (allowedSourceCidrs), protection's IP lists and country rule (waf-protection.ts), the rate limits (in spec
 * order) and, unless a managed rule set is wanted, a last rule (100) that allows every remaining request so
 * that the OWASP rule set the policy must carry never blocks what the spec did not ask to block. A frontend
 * whose protection names managed rules carries those rule sets instead, and no last rule.
 */
import type { ModelScope } from '../../../lib/capabilities/features';
import type { FrontendModel, HostMatch, RateLimitModel, RuleModel } from '../../../lib/model/types';
import { wafRuleName } from './names';
import { planning, type PlanProblems } from './problems';
import type { PatternPath } from './routing';
import type { WafCustomRulePlan, WafMatchConditionPlan, WafPolicyPlan } from './types';
import { protectionManagedRules, protectionRules } from './waf-protection';
import { protectsRequests } from './protects';

/** Matches every request: no client has the IPv4 broadcast address (IPv6 clients never match it either). */
export const EVERY_REQUEST: WafMatchConditionPlan = {
  variableName: 'RemoteAddr',
  operator: 'IPMatch',
  negationConditon: true,
  matchValues: ['255.255.255.255/32'],
  transforms: [],
};
const ALLOW_REMAINING_PRIORITY = 100;

export function rateLimitsOn(scope: ModelScope, frontend: string): RateLimitModel[] {
  return scope.rateLimits.filter((r) => r.frontends.includes(frontend));
}

/** Frontends of the scope whose listeners need their own WAF policy. */
export function wafFrontends(scope: ModelScope): FrontendModel[] {
  return scope.frontends.filter(
    (f) => f.allowedSourceCidrs.length > 0 || rateLimitsOn(scope, f.name).length > 0 || protectsRequests(scope.model.protection, f.name),
  );
}

/** The gateway's WAF policies. Problems go to `problems`; without it, they throw AzurePlanError once planned. */
export function planWafPolicies(scope: ModelScope, gatewayName: string, managedRules: boolean, problems?: PlanProblems): WafPolicyPlan[] {
  return planning(problems, 'azure-appgw', (found) => layOut(scope, gatewayName, managedRules, found));
}

function layOut(scope: ModelScope, gatewayName: string, managedRules: boolean, problems: PlanProblems): WafPolicyPlan[] {
  const frontends = wafFrontends(scope);
  if (!frontends.length) return [];
  const allowRemaining: WafCustomRulePlan[] = managedRules
    ? []
    : [
        {
          name: 'AllowRemaining',
          priority: ALLOW_REMAINING_PRIORITY,
          ruleType: 'MatchRule',
          action: 'Allow',
          matchConditions: [EVERY_REQUEST],
        },
      ];
  const managed = managedRules ? 'enforced' : 'bypassed';
  return [
    { key: 'gateway', name: `${gatewayName}-waf`, managedRules: managed, customRules: allowRemaining },
    ...frontends.map((f): WafPolicyPlan => {
      const limits = rateLimitsOn(scope, f.name);
      // Each rate-limit rule with the limit it comes from, so that a problem names the limit.
      const limited = limits.flatMap((limit) => rateLimitRules(f, limit, problems).map((rule) => ({ rule, limit })));
      const rules: WafCustomRulePlan[] = [
        ...(f.allowedSourceCidrs.length
          ? [
              {
                name: 'AllowedSources',
                priority: 1,
                ruleType: 'MatchRule' as const,
                action: 'Block' as const,
                matchConditions: [
                  {
                    variableName: 'RemoteAddr' as const,
                    operator: 'IPMatch' as const,
                    negationConditon: true,
                    matchValues: [...f.allowedSourceCidrs],
                    transforms: [],
                  },
                ],
              },
            ]
          : []),
        ...(scope.model.protection ? protectionRules(scope.model.protection, f) : []),
        ...limited.map((l) => l.rule),
      ].map((rule, i) => ({ ...rule, priority: i + 1 }));
      const protectionSets = protectionManagedRules(scope.model.protection, f, rules.length, problems);
      // Priorities run 1-100 (custom-waf-rules-overview); the last rule takes 100 when the managed rules are bypassed.
      const room = protectionSets || managedRules ? ALLOW_REMAINING_PRIORITY : ALLOW_REMAINING_PRIORITY - 1;
      if (rules.length > room) {
        problems.limit(
          f.path,
          `frontend '${f.name}' needs ${rules.length} WAF custom rules; a policy holds at most ${room}${room < ALLOW_REMAINING_PRIORITY ? ' before the last one' : ''}`,
          'scope fewer rate limits (or rule-scoped limits to fewer rules) to this frontend, or merge protection.ipDeny into fewer ranges',
        );
      }
      const names = rules.map((r) => r.name);
      const clash = names.find((n, i) => names.indexOf(n) !== i);
      if (clash) {
        const clashing = [...new Set(limited.filter((l) => l.rule.name === clash).map((l) => l.limit))];
        problems.limit(
          `${clashing[clashing.length - 1].path}.name`,
          `rate limits on frontend '${f.name}' give two WAF custom rules the name '${clash}' (names keep only letters and digits): rename one`,
          `rename ${clashing.map((l) => `'${l.name}'`).join(' or ')} so that the names differ in their letters and digits`,
        );
      }
      return {
        key: f.name,
        name: `${gatewayName}-waf-${f.name}`,
        // One block status per policy: the capability check requires the frontend's rate limits to agree.
        blockStatus: limits[0]?.responseStatus ?? 403,
        ...(protectionSets
          ? {
              managedRules: 'enforced' as const,
              managedRuleSets: protectionSets.ruleSets,
              ...(protectionSets.detection ? { mode: 'Detection' as const } : {}),
              customRules: rules,
            }
          : { managedRules: managed, customRules: [...rules, ...allowRemaining] }),
      };
    }),
  ];
}

function rateLimitRules(f: FrontendModel, r: RateLimitModel, problems: PlanProblems): WafCustomRulePlan[] {
  const base = {
    ruleType: 'RateLimitRule' as const,
    action: 'Block' as const,
    rateLimitDuration: r.windowSeconds === 300 ? ('FiveMins' as const) : ('OneMin' as const),
    rateLimitThreshold: r.limit,
    groupBy: 'ClientAddr' as const,
    priority: 0,
  };
  if (!r.rules) return [{ ...base, name: wafRuleName(r.name), matchConditions: [EVERY_REQUEST] }];
  // Rule-scoped (the nearest mapping): one rate-limit rule per scoped rule, matching that rule's own host and
  // path conditions. Earlier rules are not excluded, and each scoped rule counts separately.
  return r.rules
    .map((ref) => ref.split('/'))
    .filter(([frontend]) => frontend === f.name)
    .map(([, ruleName]) => {
      const fragments = f.rules.filter((x) => x.name === ruleName);
      return { ...base, name: wafRuleName(r.name, ruleName), matchConditions: ruleConditions(fragments, problems) };
    });
}

const escapeRegex = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The union of a spec rule's fragments (most-specific order splits hosts x paths) as WAF conditions. */
function ruleConditions(fragments: readonly RuleModel[], problems: PlanProblems): WafMatchConditionPlan[] {
  const hosts = unique(
    fragments.flatMap((r) => r.match.hosts),
    (h) => h.value,
  );
  const paths = unique(
    fragments.flatMap((r) => patternPaths(r, problems)),
    (p) => `${p.kind}:${p.value}`,
  );
  const conditions: WafMatchConditionPlan[] = [];
  if (hosts.length) {
    conditions.push({
      variableName: 'RequestHeaders',
      selector: 'Host',
      operator: 'Regex',
      negationConditon: false,
      transforms: ['Lowercase'],
      matchValues: [`^(?:${hosts.map(hostRegex).join('|')})(?::[0-9]+)?$`],
    });
  }
  if (paths.length && !paths.some((p) => p.kind === 'prefix' && p.value === '/')) {
    conditions.push({
      variableName: 'RequestUri',
      operator: 'Regex',
      negationConditon: false,
      transforms: [],
      matchValues: [`^(?:${paths.map(pathRegex).join('|')})(?:\\?.*)?$`],
    });
  }
  return conditions.length ? conditions : [EVERY_REQUEST];
}

function hostRegex(h: HostMatch): string {
  return h.kind === 'exact' ? escapeRegex(h.value) : `[^:]+${escapeRegex(h.suffix)}`;
}

/** A rule's exact and prefix paths; a regex path (the capability table refuses it on azure-appgw) is a problem. */
function patternPaths(rule: RuleModel, problems: PlanProblems): PatternPath[] {
  return rule.match.paths.flatMap((p, i) => {
    if (p.kind !== 'regex') return [p];
    problems.refuse(
      `${rule.path}.match.paths[${i}]`,
      `regex path '${p.value}' cannot scope an Application Gateway rate limit`,
      'match the path with prefix or exact conditions',
    );
    return [];
  });
}

function pathRegex(p: PatternPath): string {
  if (p.kind === 'exact') return escapeRegex(p.value);
  return `${escapeRegex(p.value)}(?:/[^?]*)?`;
}

function unique<T>(items: readonly T[], key: (t: T) => string): T[] {
  return [...new Map(items.map((i) => [key(i), i])).values()];
}
