/**
 * Limits of Cloud Armor rules that both the plan (plan/armor*.ts) and the capability columns (operations-cells.ts)
 * use; kept apart from plan/ so that the columns do not import the plan (plan/types.ts imports the targets).
 */
import type { MatchModel } from '../../lib/model/types';

/** compute.proto SecurityPolicyRuleMatcherConfig.src_ip_ranges: "Maximum number of src_ip_ranges allowed is 10". */
export const MAX_SRC_IP_RANGES = 10;
/** An advanced match condition holds "an expression with up to five subexpressions" (https://cloud.google.com/armor/docs/rules-language-reference). */
export const MAX_SUBEXPRESSIONS = 5;
/** How many rules each protection band holds (its width in priorities, plan/armor-protection.ts). */
export const BAND_RULES = { ipDeny: 100, geo: 10, ipAllowList: 100 } as const;

/**
 * The subexpressions plan/armor.ts's ruleExpression joins with && for one rule's conditions: one each for the
 * hosts, the paths, every header and query condition, and one per method and source range (those are ORed).
 */
export function matchSubexpressions(match: MatchModel): number {
  const n =
    (match.hosts.length ? 1 : 0) + (match.paths.length ? 1 : 0) + match.headers.length + match.query.length + match.methods.length + match.sourceCidrs.length;
  return Math.max(n, 1);
}
