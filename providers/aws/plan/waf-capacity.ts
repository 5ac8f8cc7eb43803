/**
 * Web ACL capacity units (WCUs) of the WAF statements lbkit writes, as AWS documents each statement's cost
 * (https://docs.aws.amazon.com/waf/latest/developerguide/aws-waf-capacity-units.html and each statement's page,
 * checked 2026-12-02):
 * - string match: 2 for EXACTLY, STARTS_WITH, ENDS_WITH, 10 for CONTAINS, CONTAINS_WORD (waf-rule-statement-type-string-match.html);
 * - regex match: 3 (waf-rule-statement-type-regex-match.html); size constraint: 1 (waf-rule-statement-type-size-constraint-match.html);
 * - IP set reference: 1 (waf-rule-statement-type-ipset-match.html); geo match: 1 (waf-rule-statement-type-geo-match.html);
 * - AND, OR, NOT: the sum of what they nest (waf-rule-statement-type-and.html);
 * - rate-based: 2, plus 30 per custom aggregation key, plus the scope-down statement (waf-rule-statement-type-rate-based.html);
 * - each text transformation other than NONE: 10 more;
 * - a managed rule group: its fixed capacity (AWSManagedRulesCommonRuleSet 700, AWSManagedRulesKnownBadInputsRuleSet 200:
 *   aws-managed-rule-groups-baseline.html; AWSManagedRulesSQLiRuleSet 200: aws-managed-rule-groups-use-case.html).
 *
 * AWS may charge less when rules share transformations of one request component, so the sum here is an upper
 * bound: a web ACL it admits always fits. A web ACL holds 1,500 WCUs at the base price (more, up to 5,000, for a
 * fee: https://docs.aws.amazon.com/waf/latest/developerguide/limits.html), hence the compile option.
 */
import { AwsPlanError } from '../../../lib/errors';
import type { WafStatement } from './types';

/** The WCUs of a web ACL at the base price, the default of `maxWebAclCapacity`. */
export const WEB_ACL_CAPACITY = 1500;

const STRING_MATCH: Readonly<Record<string, number>> = { EXACTLY: 2, STARTS_WITH: 2, ENDS_WITH: 2, CONTAINS: 10, CONTAINS_WORD: 10 };

/** 10 WCUs per text transformation that does something (NONE does not). */
function transformations(list: unknown): number {
  return Array.isArray(list) ? list.filter((t: { type?: string }) => t.type !== 'NONE').length * 10 : 0;
}

/** The WCUs of one statement (with IP sets referenced by id or ARN alike), or of a managed rule group of known capacity. */
export function statementCapacity(statement: WafStatement, managedCapacity: (group: string) => number): number {
  const [kind, body] = Object.entries(statement)[0] as [string, Record<string, unknown>];
  const nested = (s: unknown) => statementCapacity(s as WafStatement, managedCapacity);
  switch (kind) {
    case 'andStatement':
    case 'orStatement':
      return (body.statements as WafStatement[]).reduce((n, s) => n + nested(s), 0);
    case 'notStatement':
      return nested(body.statement);
    case 'byteMatchStatement':
      return STRING_MATCH[body.positionalConstraint as string] + transformations(body.textTransformations);
    case 'regexMatchStatement':
      return 3 + transformations(body.textTransformations);
    case 'sizeConstraintStatement':
      return 1 + transformations(body.textTransformations);
    case 'ipSetReferenceStatement':
    case 'geoMatchStatement':
      return 1;
    case 'rateBasedStatement': {
      const keys = (body.customKeys as Array<Record<string, { textTransformations?: unknown }>> | undefined) ?? [];
      const keyCost = keys.reduce((n, k) => n + 30 + transformations(Object.values(k)[0].textTransformations), 0);
      return 2 + keyCost + (body.scopeDownStatement ? nested(body.scopeDownStatement) : 0);
    }
    case 'managedRuleGroupStatement':
      return managedCapacity(body.name as string);
    default:
      // Every statement lbkit writes has a documented cost above; a new kind must add its own.
      throw new AwsPlanError([{ path: 'protection', message: `no documented WCU cost for a WAF ${kind}` }]);
  }
}
