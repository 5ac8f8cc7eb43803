/**
 * `protection` -> rules of the ALB's one REGIONAL web ACL (SEMANTICS.md, Protection), before its rate limits:
 *
 * | priority | rule | statement | action |
 * |---|---|---|---|
 * | 0 | protection_ip-deny | IP sets of ipDeny (one per address family) | block (403) |
 * | 1 | protection_ip-allow | NOT the IP sets of ipAllow | block (403) |
 * | 2 | protection_geo | GeoMatch (deny), NOT GeoMatch (allow) | block (403) |
 * | 10.. | protection_<group> | the AWS managed rule groups of the level | the group's (none), or count (detect) |
 * | 100.. | the rate limits (./waf.ts) | rate-based | block with the limit's status |
 *
 * Fixed bands keep every rule's priority the same when another part of protection is added or removed. WAF stops
 * at the first rule that blocks, so a refused request is not counted by a later rate limit, as lbkit's proxy
 * checks protection before rate limits. The deny list comes first, as SEMANTICS.md orders the IP lists. WAF's
 * block answers 403 (https://docs.aws.amazon.com/waf/latest/developerguide/waf-rule-action.html).
 *
 * Levels (SEMANTICS.md): baseline is the core rule set; strict adds the known-bad-inputs and SQL-database
 * groups. AWS managed rule groups have no sensitivity setting: strict means more groups, not tuned ones.
 */
import { parseCidr } from '../../../lib/util/cidr';
import type { FrontendModel, ProtectionModel } from '../../../lib/model/types';
import type { IpSetPlan, LimitFinding, ProtectionRulePlan, WafStatement } from './types';
import { statementCapacity } from './waf-capacity';

/** AWS managed rule groups (vendor AWS) and their fixed capacities in WCUs (./waf-capacity.ts names the pages). */
export const MANAGED_RULE_GROUPS: Readonly<Record<'baseline' | 'strict', readonly { readonly name: string; readonly capacity: number }[]>> = {
  baseline: [{ name: 'AWSManagedRulesCommonRuleSet', capacity: 700 }],
  strict: [
    { name: 'AWSManagedRulesCommonRuleSet', capacity: 700 },
    { name: 'AWSManagedRulesKnownBadInputsRuleSet', capacity: 200 },
    { name: 'AWSManagedRulesSQLiRuleSet', capacity: 200 },
  ],
};

const capacityOf = (group: string) => MANAGED_RULE_GROUPS.strict.find((g) => g.name === group)!.capacity;

/** Where each kind of rule starts (see the table above). */
export const WAF_PRIORITY = { ipDeny: 0, ipAllow: 1, geo: 2, managed: 10, rateLimits: 100 } as const;

/** The web ACL's statement over the IP sets of a list, creating them (one per address family). */
function ipListStatement(list: 'deny' | 'allow', cidrs: readonly string[], ipSets: Map<string, IpSetPlan>): WafStatement {
  const refs: WafStatement[] = [];
  for (const version of [4, 6] as const) {
    const addresses = cidrs.filter((c) => parseCidr(c)?.version === version);
    if (!addresses.length) continue;
    // '_' cannot occur in spec names, so these ids never meet a rule's '<frontend>-<rule>-v4'.
    const id = `protection_${list}-v${version}`;
    ipSets.set(id, { id, ipAddressVersion: version === 4 ? 'IPV4' : 'IPV6', addresses });
    refs.push({ ipSetReferenceStatement: { ipSet: id } });
  }
  return refs.length === 1 ? refs[0] : { orStatement: { statements: refs } };
}

/**
 * The protection rules of a model's ALB, or none when protection covers no frontend of it. A web ACL covers the
 * whole ALB: protection that inspects requests on some of its http/https frontends but not all is a finding.
 */
export function planProtection(
  name: string,
  protection: ProtectionModel | undefined,
  l7: readonly FrontendModel[],
  ipSets: Map<string, IpSetPlan>,
  issues: LimitFinding[],
): ProtectionRulePlan[] {
  if (!protection) return [];
  const covered = l7.filter((f) => protection.frontends.includes(f.name));
  const inspects = protection.managedRules || protection.ipAllow.length || protection.ipDeny.length || protection.geo;
  if (!covered.length || !inspects) return [];
  if (covered.length < l7.length) {
    const left = l7.filter((f) => !covered.includes(f)).map((f) => f.name);
    issues.push({
      path: 'protection.frontends',
      message: `protection covers some http/https frontends of the ALB but not ${left.join(', ')}: a WAF web ACL is associated with the whole ALB and cannot tell its listeners apart. Protect every http/https frontend (omit protection.frontends), or move the others to a spec of their own`,
    });
  }
  const rule = (ruleName: string, path: string, priority: number, statement: WafStatement, action: ProtectionRulePlan['action']): ProtectionRulePlan => ({
    name: `protection_${ruleName}`,
    path,
    priority,
    metricName: `${name}_${ruleName}`,
    statement,
    action,
    capacity: statementCapacity(statement, capacityOf),
  });
  const block = { type: 'block' } as const;
  const rules: ProtectionRulePlan[] = [];
  if (protection.ipDeny.length)
    rules.push(rule('ip-deny', 'protection.ipDeny', WAF_PRIORITY.ipDeny, ipListStatement('deny', protection.ipDeny, ipSets), block));
  if (protection.ipAllow.length)
    rules.push(
      rule(
        'ip-allow',
        'protection.ipAllow',
        WAF_PRIORITY.ipAllow,
        { notStatement: { statement: ipListStatement('allow', protection.ipAllow, ipSets) } },
        block,
      ),
    );
  if (protection.geo) {
    const match: WafStatement = { geoMatchStatement: { countryCodes: [...protection.geo.countries] } };
    rules.push(rule('geo', 'protection.geo', WAF_PRIORITY.geo, protection.geo.mode === 'deny' ? match : { notStatement: { statement: match } }, block));
  }
  if (protection.managedRules) {
    const override = protection.managedRules.mode === 'detect' ? 'count' : 'none';
    MANAGED_RULE_GROUPS[protection.managedRules.level].forEach((group, i) =>
      rules.push(
        rule(
          group.name,
          'protection.managedRules',
          WAF_PRIORITY.managed + i,
          { managedRuleGroupStatement: { vendorName: 'AWS', name: group.name } },
          {
            type: 'managed',
            override,
          },
        ),
      ),
    );
  }
  return rules;
}
