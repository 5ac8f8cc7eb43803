/**
 * `protection` (SEMANTICS.md, Protection) as Cloud Armor rules of the frontend's security policy, in fixed
 * priority bands so that adding or removing one part of protection keeps every other rule's priority:
 *
 * | priority | rule | match | action |
 * |---|---|---|---|
 * | 100 | allowedSourceCidrs (./armor.ts) | NOT inIpRange | deny(403) |
 * | 200..299 | ip-deny | srcIpRanges, 10 ranges a rule | deny(403) |
 * | 300 | ip-allow (up to 5 ranges) | NOT (inIpRange OR ...) | deny(403) |
 * | 310..319 | geo | origin.region_code == 'XX' OR ... (deny: 5 countries a rule; allow: NOT of up to 5) | deny(403) |
 * | 400.. | managed rules | evaluatePreconfiguredWaf(set, sensitivity) | deny(403), preview when detect |
 * | 1000.. | rate limits (./armor.ts) | throttle | exceedAction |
 * | 100000..100099 | ip-allow (more than 5 ranges, no rate limit on the policy) | srcIpRanges, 10 a rule | allow; the default rule deny(403) |
 *
 * Cloud Armor runs the first matching rule by priority and stops (https://cloud.google.com/armor/docs/rules-language-reference:
 * "Rules with a lower priority than the highest priority matching rule are not evaluated"); a throttle rule's conform
 * action is allow, which ends the evaluation too. So protection sits before the rate limits, as lbkit's proxy checks
 * it before them, and the allow list is a deny rule on its negation: an allow rule would let the client skip every rule
 * after it. A negation must fit one advanced match condition, "an expression with up to five subexpressions"
 * (same page), hence at most 5 allowed ranges (or countries) in one rule; more allowed ranges become allow rules at
 * the end, with the default rule deny(403), which is only right when no throttle rule precedes them (capabilities.ts
 * refuses the rest). A basic match takes "Maximum number of src_ip_ranges allowed is 10" (compute.proto
 * SecurityPolicyRuleMatcherConfig.src_ip_ranges).
 *
 * Managed rules: Cloud Armor's preconfigured WAF rules (OWASP CRS 3.3, https://cloud.google.com/armor/docs/waf-rules),
 * each a set evaluated at a sensitivity 0-4 that opts in every signature at or below it
 * (https://cloud.google.com/armor/docs/rule-tuning#choose_a_sensitivity_level). lbkit's levels map to:
 * - baseline: sqli, xss, lfi, rfi, rce (the OWASP Top 10 injection classes) at sensitivity 1 (the highest-confidence signatures);
 * - strict: those at sensitivity 2, plus scannerdetection, protocolattack (request smuggling, header injection) and
 *   java (Log4j-style known bad inputs) at sensitivity 2.
 * `detect` renders the same rules with preview: true ("If set to true, the specified action is not enforced", compute.proto
 * SecurityPolicyRule.preview): matches are logged and counted, not refused.
 */
import type { FrontendModel, ProtectionModel } from '../../../lib/model/types';
import { MAX_SRC_IP_RANGES, MAX_SUBEXPRESSIONS } from '../armor-limits';
import type { ArmorRulePlan } from './types';

export const PROTECTION_PRIORITY = { ipDeny: 200, ipAllow: 300, geo: 310, managed: 400, ipAllowList: 100000 } as const;
const WAF_SETS = {
  baseline: ['sqli', 'xss', 'lfi', 'rfi', 'rce'],
  strict: ['sqli', 'xss', 'lfi', 'rfi', 'rce', 'scannerdetection', 'protocolattack', 'java'],
} as const;
/** The sensitivity each level runs its sets at. */
const SENSITIVITY = { baseline: 1, strict: 2 } as const;

/** The preconfigured WAF rule names (CRS 3.3, stable) and the sensitivity of a level. */
export function managedRuleSets(level: 'baseline' | 'strict'): { readonly names: readonly string[]; readonly sensitivity: number } {
  return { names: WAF_SETS[level].map((s) => `${s}-v33-stable`), sensitivity: SENSITIVITY[level] };
}

const chunks = <T>(items: readonly T[], size: number): T[][] =>
  Array.from({ length: Math.ceil(items.length / size) }, (_, i) => items.slice(i * size, i * size + size));
const quote = (v: string) => `'${v}'`;
const anyOf = (parts: string[]): string => (parts.length === 1 ? parts[0] : `(${parts.join(' || ')})`);
const DENY = 'deny(403)' as const;

/** Whether protection puts the allow list into allow rules at the end (more than 5 ranges), so the default rule denies. */
export const allowListAtEnd = (p: ProtectionModel): boolean => p.ipAllow.length > MAX_SUBEXPRESSIONS;

/** The protection rules of one frontend's policy; empty when protection does not cover it. */
export function protectionRules(protection: ProtectionModel | undefined, frontend: FrontendModel): ArmorRulePlan[] {
  if (!protection || !protection.frontends.includes(frontend.name)) return [];
  const rules: ArmorRulePlan[] = [];
  chunks(protection.ipDeny, MAX_SRC_IP_RANGES).forEach((ranges, i) =>
    rules.push({ priority: PROTECTION_PRIORITY.ipDeny + i, description: 'protection.ipDeny', action: DENY, match: { srcIpRanges: ranges } }),
  );
  if (protection.ipAllow.length && !allowListAtEnd(protection)) {
    const inList = anyOf(protection.ipAllow.map((c) => `inIpRange(origin.ip, ${quote(c)})`));
    rules.push({ priority: PROTECTION_PRIORITY.ipAllow, description: 'protection.ipAllow', action: DENY, match: { expression: `!${inList}` } });
  }
  if (protection.geo) {
    const is = (countries: readonly string[]) => anyOf(countries.map((c) => `origin.region_code == ${quote(c)}`));
    const groups = protection.geo.mode === 'deny' ? chunks(protection.geo.countries, MAX_SUBEXPRESSIONS).map(is) : [`!${is(protection.geo.countries)}`];
    groups.forEach((expression, i) =>
      rules.push({ priority: PROTECTION_PRIORITY.geo + i, description: `protection.geo ${protection.geo!.mode}`, action: DENY, match: { expression } }),
    );
  }
  if (protection.managedRules) {
    const { names, sensitivity } = managedRuleSets(protection.managedRules.level);
    const preview = protection.managedRules.mode === 'detect';
    names.forEach((name, i) =>
      rules.push({
        priority: PROTECTION_PRIORITY.managed + i,
        description: `protection.managedRules ${name}`,
        action: DENY,
        match: { expression: `evaluatePreconfiguredWaf('${name}', {'sensitivity': ${sensitivity}})` },
        ...(preview ? { preview: true } : {}),
      }),
    );
  }
  return rules;
}

/** The allow rules of a long allow list, placed after every other rule (the default rule then denies). */
export function allowListRules(protection: ProtectionModel | undefined, frontend: FrontendModel): ArmorRulePlan[] {
  if (!protection || !protection.frontends.includes(frontend.name) || !allowListAtEnd(protection)) return [];
  return chunks(protection.ipAllow, MAX_SRC_IP_RANGES).map((ranges, i) => ({
    priority: PROTECTION_PRIORITY.ipAllowList + i,
    description: 'protection.ipAllow',
    action: 'allow' as const,
    match: { srcIpRanges: ranges },
  }));
}

/** Whether the frontend's policy enables Adaptive Protection (ddos: advanced). */
export const adaptiveProtection = (protection: ProtectionModel | undefined, frontend: FrontendModel): boolean =>
  !!protection && protection.frontends.includes(frontend.name) && protection.ddos === 'advanced';
