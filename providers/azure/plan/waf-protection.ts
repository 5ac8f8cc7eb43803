/**
 * `protection` on an Application Gateway frontend (SEMANTICS.md, Protection) -> custom rules and the managed
 * rule set of the frontend's own WAF policy (waf.ts attaches one policy per frontend that needs rules).
 *
 * Custom rules run in priority order before the managed rules; Allow and Block end the evaluation
 * (https://learn.microsoft.com/azure/web-application-firewall/ag/custom-waf-rules-overview, checked 2026-12-02).
 * waf.ts numbers them in this order, after the frontend's allowedSourceCidrs and before its rate limits, as lbkit's
 * proxy checks protection before rate limits:
 *
 * | rule | conditions | action |
 * |---|---|---|
 * | ProtectionIpDeny<n> | IPMatch RemoteAddr, up to 600 ranges each (one rule per 600: rules are ORed) | Block (403) |
 * | ProtectionIpAllow | NOT IPMatch RemoteAddr, up to 600 ranges per condition, up to 10 conditions (ANDed) | Block (403) |
 * | ProtectionGeo | GeoMatch RemoteAddr (deny), NOT GeoMatch (allow) | Block (403) |
 *
 * Limits (https://learn.microsoft.com/azure/azure-resource-manager/management/azure-subscription-service-limits#application-gateway-limits,
 * checked 2026-12-02): 600 IP ranges per match condition with CRS 3.2 or DRS, 10 match conditions per custom rule
 * (the spec's lists hold at most 1000 entries: 2 conditions).
 *
 * Managed rules: Azure's Default Rule Set has no sensitivity setting, only versions with different paranoia
 * levels (https://learn.microsoft.com/azure/web-application-firewall/ag/application-gateway-crs-rulegroups-rules,
 * checked 2026-12-02): DRS 2.2 (the current version, GA April 2026) runs paranoia level 1 with its PL2 rules
 * disabled; DRS 2.1 ships with its PL1 and PL2 rules on. Both block at an anomaly score of 5. So 'baseline' is
 * DRS 2.2 and 'strict' DRS 2.1 (PL2: the stricter SQL-injection and XSS detections) plus the Bot Manager rule set
 * (known bad bots), the nearest to AWS's and Cloud Armor's stricter levels. `mode: detect` is the policy's
 * Detection mode, which also only logs custom rules: a detecting frontend cannot carry IP lists, a country
 * restriction or rate limits (a plan problem).
 */
import type { FrontendModel, ProtectionModel } from '../../../lib/model/types';
import type { PlanProblems } from './problems';
import { protectsRequests } from './protects';
import type { ManagedRuleSetPlan, WafCustomRulePlan, WafMatchConditionPlan } from './types';

/** IP ranges per match condition (CRS 3.2 or DRS). */
export const WAF_IP_RANGES_PER_CONDITION = 600;

/** The managed rule sets of each level (see above). */
export const PROTECTION_RULE_SETS: Readonly<Record<'baseline' | 'strict', readonly ManagedRuleSetPlan[]>> = {
  baseline: [{ ruleSetType: 'Microsoft_DefaultRuleSet', ruleSetVersion: '2.2' }],
  strict: [
    { ruleSetType: 'Microsoft_DefaultRuleSet', ruleSetVersion: '2.1' },
    { ruleSetType: 'Microsoft_BotManagerRuleSet', ruleSetVersion: '1.1' },
  ],
};

const chunks = <T>(items: readonly T[], size: number): T[][] =>
  Array.from({ length: Math.ceil(items.length / size) }, (_, i) => items.slice(i * size, (i + 1) * size));

const ipCondition = (ranges: readonly string[], negated: boolean): WafMatchConditionPlan => ({
  variableName: 'RemoteAddr',
  operator: 'IPMatch',
  negationConditon: negated,
  matchValues: [...ranges],
  transforms: [],
});

const block = (name: string, matchConditions: WafMatchConditionPlan[]): WafCustomRulePlan => ({
  name,
  priority: 0,
  ruleType: 'MatchRule',
  action: 'Block',
  matchConditions,
});

/** The frontend's protection custom rules, in evaluation order (priorities are waf.ts's). */
export function protectionRules(protection: ProtectionModel, f: FrontendModel): WafCustomRulePlan[] {
  if (!protectsRequests(protection, f.name)) return [];
  const rules: WafCustomRulePlan[] = [];
  const deny = chunks(protection.ipDeny, WAF_IP_RANGES_PER_CONDITION);
  deny.forEach((ranges, i) => rules.push(block(`ProtectionIpDeny${deny.length > 1 ? i + 1 : ''}`, [ipCondition(ranges, false)])));
  if (protection.ipAllow.length) {
    // NOT in A and NOT in B: outside every range. The spec's 1000 entries at most make 2 of the 10 conditions a rule holds.
    rules.push(
      block(
        'ProtectionIpAllow',
        chunks(protection.ipAllow, WAF_IP_RANGES_PER_CONDITION).map((ranges) => ipCondition(ranges, true)),
      ),
    );
  }
  if (protection.geo) {
    rules.push(
      block('ProtectionGeo', [
        {
          variableName: 'RemoteAddr',
          operator: 'GeoMatch',
          negationConditon: protection.geo.mode === 'allow',
          matchValues: [...protection.geo.countries],
          transforms: [],
        },
      ]),
    );
  }
  return rules;
}

/**
 * The managed rule sets and mode of a protected frontend's policy, or undefined when protection asks for none. A
 * detecting policy with blocking custom rules is a problem at `path` (the detect mode would turn them into logs).
 */
export function protectionManagedRules(
  protection: ProtectionModel | undefined,
  f: FrontendModel,
  blockingRules: number,
  problems: PlanProblems,
): { readonly ruleSets: readonly ManagedRuleSetPlan[]; readonly detection: boolean } | undefined {
  if (!protection?.managedRules || !protection.frontends.includes(f.name)) return undefined;
  const detection = protection.managedRules.mode === 'detect';
  if (detection && blockingRules > 0) {
    problems.limit(
      'protection.managedRules.mode',
      `frontend '${f.name}' would block with ${blockingRules} WAF custom rules (IP lists, countries, allowedSourceCidrs or rate limits), but an Azure WAF policy in Detection mode only logs its custom rules too`,
      `use managedRules.mode 'block' on azure-appgw, or protect with detect only frontends that have no IP lists, country restriction or rate limits`,
    );
  }
  return { ruleSets: PROTECTION_RULE_SETS[protection.managedRules.level], detection };
}
