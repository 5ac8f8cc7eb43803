/**
 * Rate limits and protection -> one REGIONAL WAFv2 web ACL on the ALB: protection's rules first
 * (./waf-protection.ts), then one rate-based rule per rate limit, blocking with the spec's status above the limit.
 *
 * A limit scoped to rules counts the requests those rules route: for each rule (each of its most-specific
 * fragments), a scope-down statement "the rule matches AND no earlier rule of its frontend matches", the
 * first-match semantics in WAF terms. WAF sees the request before the listener, as the listener does:
 * hosts and paths compile to regexes (the Host header lower-cased, port ignored), headers to byte matches
 * (lower-cased for exact and prefix, as lbkit compares them), query values URL-decoded and lower-cased,
 * source addresses to IP sets.
 *
 * WAF cannot tell the listener a request came through: a web ACL counts every request to the ALB. A limit
 * scoped to some frontends of an ALB with other L7 frontends therefore also counts the others; the capability
 * row `rate-limit.frontend-subset` makes that an explicit, opt-in approximation.
 */
import { parseCidr } from '../../../lib/util/cidr';
import type { FrontendModel, LoadBalancerModel, MatchModel, RuleModel } from '../../../lib/model/types';
import { hostRegexBody, pathRegexBody } from './regex';
import type { IpSetPlan, LimitFinding, ProtectionRulePlan, WafRulePlan, WafStatement, WebAclPlan } from './types';
import { statementCapacity, WEB_ACL_CAPACITY } from './waf-capacity';
import { planProtection, WAF_PRIORITY } from './waf-protection';

/** WAFv2 accepts regex strings up to this length; longer alternations are split over several statements. */
const REGEX_MAX = 200;
const NONE = [{ priority: 0, type: 'NONE' }];
const LOWERCASE = [{ priority: 0, type: 'LOWERCASE' }];
const DECODED_LOWERCASE = [
  { priority: 0, type: 'URL_DECODE' },
  { priority: 1, type: 'LOWERCASE' },
];

const and = (statements: WafStatement[]): WafStatement => (statements.length === 1 ? statements[0] : { andStatement: { statements } });
const or = (statements: WafStatement[]): WafStatement => (statements.length === 1 ? statements[0] : { orStatement: { statements } });
const not = (statement: WafStatement): WafStatement => ({ notStatement: { statement } });
const sizeAtLeastZero = (fieldToMatch: object): WafStatement => ({
  sizeConstraintStatement: { fieldToMatch, comparisonOperator: 'GE', size: 0, textTransformations: NONE },
});
/** True for every request: a rule without conditions matches everything. */
const ALWAYS = sizeAtLeastZero({ uriPath: {} });
const header = (name: string) => ({ singleHeader: { name } });
const byteMatch = (fieldToMatch: object, positionalConstraint: string, searchString: string, textTransformations: object[]): WafStatement => ({
  byteMatchStatement: { fieldToMatch, positionalConstraint, searchString, textTransformations },
});

/** Regex statements over alternatives, each regex '^(?:a|b|...)<tail>$' kept within REGEX_MAX. */
function regexAlternatives(fieldToMatch: object, bodies: readonly string[], tail: string, textTransformations: object[]): WafStatement[] {
  const groups: string[][] = [];
  for (const body of bodies) {
    const current = groups[groups.length - 1];
    const candidate = current ? [...current, body] : [body];
    if (current && `^(?:${candidate.join('|')})${tail}$`.length <= REGEX_MAX) current.push(body);
    else groups.push([body]);
  }
  return groups.map((g) => ({ regexMatchStatement: { fieldToMatch, regexString: `^(?:${g.join('|')})${tail}$`, textTransformations } }));
}

export function ipSetIds(frontend: string, rule: RuleModel): { v4: string; v6: string } {
  return { v4: `${frontend}-${rule.id}-v4`, v6: `${frontend}-${rule.id}-v6` };
}

/** A rule's match as one WAF statement (every condition must hold); its source CIDRs become IP sets. */
export function matchStatement(frontend: string, rule: RuleModel, ipSets: Map<string, IpSetPlan>): WafStatement {
  const m: MatchModel = rule.match;
  const parts: WafStatement[] = [];
  if (m.hosts.length) {
    parts.push(
      or(
        regexAlternatives(
          header('host'),
          m.hosts.map((h) => hostRegexBody(h.kind, h.value, h.kind === 'wildcard' ? h.suffix : undefined)),
          '(?::[0-9]+)?',
          LOWERCASE,
        ),
      ),
    );
  }
  if (m.paths.length)
    parts.push(
      or(
        regexAlternatives(
          { uriPath: {} },
          m.paths.map((p) => pathRegexBody(p.kind, p.value)),
          '',
          NONE,
        ),
      ),
    );
  for (const h of m.headers) {
    if (h.kind === 'present') parts.push(sizeAtLeastZero(header(h.name)));
    else if (h.kind === 'regex')
      parts.push({ regexMatchStatement: { fieldToMatch: header(h.name), regexString: `^(?:${h.value})$`, textTransformations: NONE } });
    else if (h.value === '')
      parts.push({ sizeConstraintStatement: { fieldToMatch: header(h.name), comparisonOperator: 'EQ', size: 0, textTransformations: NONE } });
    else parts.push(byteMatch(header(h.name), h.kind === 'exact' ? 'EXACTLY' : 'STARTS_WITH', h.value.toLowerCase(), LOWERCASE));
  }
  for (const q of m.query) {
    const field = { singleQueryArgument: { name: q.name.toLowerCase() } };
    if (q.kind === 'present') parts.push(sizeAtLeastZero(field));
    else if (q.value === '') parts.push({ sizeConstraintStatement: { fieldToMatch: field, comparisonOperator: 'EQ', size: 0, textTransformations: NONE } });
    else parts.push(byteMatch(field, 'EXACTLY', q.value.toLowerCase(), DECODED_LOWERCASE));
  }
  if (m.methods.length) parts.push(or(m.methods.map((method) => byteMatch({ method: {} }, 'EXACTLY', method, NONE))));
  if (m.sourceCidrs.length) {
    const ids = ipSetIds(frontend, rule);
    const refs: WafStatement[] = [];
    for (const [version, id] of [
      [4, ids.v4],
      [6, ids.v6],
    ] as const) {
      const addresses = m.sourceCidrs.filter((c) => parseCidr(c)?.version === version);
      if (!addresses.length) continue;
      ipSets.set(id, { id, ipAddressVersion: version === 4 ? 'IPV4' : 'IPV6', addresses });
      refs.push({ ipSetReferenceStatement: { ipSet: id } });
    }
    parts.push(or(refs));
  }
  return parts.length ? and(parts) : ALWAYS;
}

/** The requests a frontend's rule routes: it matches and no earlier rule (of another name) does. */
function routedBy(frontend: FrontendModel, ruleName: string, ipSets: Map<string, IpSetPlan>): WafStatement {
  const fragments = frontend.rules.filter((r) => r.name === ruleName);
  return or(
    fragments.map((fragment) => {
      const earlier = frontend.rules.filter((r) => r.order < fragment.order && r.name !== ruleName);
      const own = matchStatement(frontend.name, fragment, ipSets);
      return earlier.length ? and([own, not(or(earlier.map((e) => matchStatement(frontend.name, e, ipSets))))]) : own;
    }),
  );
}

/**
 * The ALB's web ACL, when it has rate limits or protection that inspects requests. A web ACL whose rules cost
 * more than `maxCapacity` WCUs is a finding (AWS refuses it).
 */
export function planWebAcl(
  model: LoadBalancerModel,
  l7: readonly FrontendModel[],
  issues: LimitFinding[],
  maxCapacity: number = WEB_ACL_CAPACITY,
): WebAclPlan | undefined {
  const ipSets = new Map<string, IpSetPlan>();
  const protection = planProtection(model.name, model.protection, l7, ipSets, issues);
  if (!model.rateLimits.length && !protection.length) return undefined;
  const rules: WafRulePlan[] = model.rateLimits.map((r, i) => ({
    name: r.name,
    path: r.path,
    priority: WAF_PRIORITY.rateLimits + i,
    metricName: `${model.name}-${r.name}`,
    limit: r.limit,
    evaluationWindowSec: r.windowSeconds,
    key: r.key.type === 'client-ip' ? { type: 'IP' } : { type: 'HEADER', name: r.key.name },
    responseCode: r.responseStatus,
    ...(r.rules
      ? {
          scopeDown: or(
            r.rules.map((ref) => {
              const [frontendName, ruleName] = ref.split('/');
              return routedBy(
                model.frontends.find((f) => f.name === frontendName)!,
                ruleName,
                ipSets,
              );
            }),
          ),
        }
      : {}),
  }));
  const rateCapacity = rules.reduce((n, r) => n + statementCapacity(wafRule(r, (id) => id).statement as WafStatement, () => 0), 0);
  const capacity = protection.reduce((n, r) => n + r.capacity, 0) + rateCapacity;
  if (capacity > maxCapacity) {
    const parts = [...protection.map((r) => `${r.name} ${r.capacity}`), ...(rules.length ? [`rate limits ${rateCapacity}`] : [])];
    issues.push({
      path: protection.length ? 'protection' : 'rateLimits',
      message: `the web ACL's rules cost ${capacity} WCUs (${parts.join(', ')}); a web ACL holds ${maxCapacity} (1,500 at the base price, up to 5,000 for a fee: set maxWebAclCapacity), or use a lower managedRules level or fewer scoped rate limits`,
    });
  }
  return { metricName: `${model.name}-waf`, rules, protection, ipSets: [...ipSets.values()].sort((a, b) => a.id.localeCompare(b.id)), capacity };
}

/** A protection rule as a WAFv2 rule (both renderers' camelCase shape); `arnOf` resolves IP set ids. */
export function protectionRule<T>(rule: ProtectionRulePlan, arnOf: (id: string) => T): WafStatement {
  return {
    name: rule.name,
    priority: rule.priority,
    ...(rule.action.type === 'block' ? { action: { block: {} } } : { overrideAction: { [rule.action.override]: {} } }),
    statement: resolveIpSets(rule.statement, arnOf),
    visibilityConfig: { sampledRequestsEnabled: true, cloudWatchMetricsEnabled: true, metricName: rule.metricName },
  };
}

/** Every rule of the web ACL, in priority order: protection, then the rate limits. */
export function webAclRules<T>(acl: WebAclPlan, arnOf: (id: string) => T): WafStatement[] {
  return [...acl.protection.map((r) => protectionRule(r, arnOf)), ...acl.rules.map((r) => wafRule(r, arnOf))];
}

/** Replaces `{ ipSetReferenceStatement: { ipSet: id } }` by `{ ipSetReferenceStatement: { arn } }`. */
export function resolveIpSets<T>(statement: WafStatement, arnOf: (id: string) => T): WafStatement {
  const visit = (value: unknown): unknown => {
    if (Array.isArray(value)) return value.map(visit);
    if (value && typeof value === 'object') {
      const entries = Object.entries(value as Record<string, unknown>);
      return Object.fromEntries(
        entries.map(([k, v]) => (k === 'ipSetReferenceStatement' ? [k, { arn: arnOf((v as { ipSet: string }).ipSet) }] : [k, visit(v)])),
      );
    }
    return value;
  };
  return visit(statement) as WafStatement;
}

/**
 * A rate limit as a WAFv2 rule, in the camelCase shape both aws-cdk-lib's CfnWebACL and @pulumi/aws's WebAcl
 * take; `arnOf` resolves IP set ids.
 */
export function wafRule<T>(rule: WafRulePlan, arnOf: (id: string) => T): WafStatement {
  return {
    name: rule.name,
    priority: rule.priority,
    action: { block: { customResponse: { responseCode: rule.responseCode } } },
    statement: {
      rateBasedStatement: {
        limit: rule.limit,
        evaluationWindowSec: rule.evaluationWindowSec,
        ...(rule.key.type === 'IP'
          ? { aggregateKeyType: 'IP' }
          : { aggregateKeyType: 'CUSTOM_KEYS', customKeys: [{ header: { name: rule.key.name, textTransformations: NONE } }] }),
        ...(rule.scopeDown ? { scopeDownStatement: resolveIpSets(rule.scopeDown, arnOf) } : {}),
      },
    },
    visibilityConfig: { sampledRequestsEnabled: true, cloudWatchMetricsEnabled: true, metricName: rule.metricName },
  };
}

/** The web ACL's own visibility settings (both renderers). */
export function webAclVisibility(acl: WebAclPlan): WafStatement {
  return { sampledRequestsEnabled: true, cloudWatchMetricsEnabled: true, metricName: acl.metricName };
}
