/**
 * Cloud Armor: per-frontend protection (allowed sources, rate limits) as security policies on the backend
 * services the frontend reaches. Cloud Armor attaches to backend services and counts a throttle rule per
 * backend service, so every frontend reaching a pool must ask for the same protection (the capability
 * table's range check enforces it), and frontends asking for the same protection share one policy. The spec's
 * `protection` adds its rules (./armor-protection.ts, which tables every priority band) and Adaptive Protection.
 */
import type { FrontendModel, LoadBalancerModel, MatchModel, RateLimitModel, RuleModel } from '../../../lib/model/types';
import { adaptiveProtection, allowListRules, protectionRules as protectionPart } from './armor-protection';
import { re2Literal } from './routing';
import type { ArmorRulePlan, SecurityPolicyPlan } from './types';

const SOURCE_RULE_PRIORITY = 100;
const RATE_LIMIT_PRIORITY_BASE = 1000;
/** Cloud Armor requires a rule at the lowest priority; it lets everything else through. */
export const DEFAULT_RULE_PRIORITY = 2147483647;

/** A CEL string literal. */
function cel(value: string): string {
  return `'${value.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
}

const anyOf = (parts: string[]): string => (parts.length === 1 ? parts[0] : `(${parts.join(' || ')})`);

function hostRegex(match: MatchModel): string {
  const alternatives = match.hosts.map((h) => (h.kind === 'exact' ? re2Literal(h.value) : `[^/:]+${re2Literal(h.suffix)}`));
  return `(?i)^(?:${alternatives.join('|')})(?::[0-9]+)?$`;
}

function pathRegex(match: MatchModel): string {
  const alternatives = match.paths.map((p) => {
    if (p.kind === 'exact') return re2Literal(p.value);
    if (p.kind === 'regex') return `(?:${p.value})`;
    return p.value === '/' ? '/.*' : `${re2Literal(p.value)}(?:/.*)?`;
  });
  return `^(?:${alternatives.join('|')})$`;
}

/** A CEL expression for "the request meets this rule's conditions" (ignoring which earlier rule would take it first). */
export function ruleExpression(match: MatchModel): string {
  const parts: string[] = [];
  if (match.hosts.length) parts.push(`request.headers['host'].matches(${cel(hostRegex(match))})`);
  if (match.paths.length) parts.push(`request.path.matches(${cel(pathRegex(match))})`);
  for (const h of match.headers) {
    const header = `request.headers[${cel(h.name)}]`;
    if (h.kind === 'present') parts.push(`${cel(h.name)} in request.headers`);
    else if (h.kind === 'exact') parts.push(`${header}.matches(${cel(`${h.caseSensitive ? '' : '(?i)'}^${re2Literal(h.value)}$`)})`);
    else if (h.kind === 'prefix') parts.push(`${header}.matches(${cel(`${h.caseSensitive ? '' : '(?i)'}^${re2Literal(h.value)}`)})`);
    else parts.push(`${header}.matches(${cel(`^(?:${h.value})$`)})`);
  }
  for (const q of match.query) {
    const value = q.kind === 'exact' ? `=${re2Literal(q.value)}(?:&|$)` : '(?:=|&|$)';
    parts.push(`request.query.matches(${cel(`${q.caseSensitive ? '' : '(?i)'}(?:^|&)${re2Literal(q.name)}${value}`)})`);
  }
  if (match.methods.length) parts.push(anyOf(match.methods.map((m) => `request.method == ${cel(m)}`)));
  if (match.sourceCidrs.length) parts.push(anyOf(match.sourceCidrs.map((c) => `inIpRange(origin.ip, ${cel(c)})`)));
  return parts.length ? parts.join(' && ') : 'true';
}

/** The CEL expression of a rate limit scoped to rules: any of their conditions (../armor-limits.ts counts its terms). */
const scopeExpression = (rules: readonly RuleModel[]): string => anyOf(rules.map((r) => `(${ruleExpression(r.match)})`));

function sourceRule(frontend: FrontendModel): ArmorRulePlan {
  return {
    priority: SOURCE_RULE_PRIORITY,
    description: 'only the allowedSourceCidrs may connect',
    action: 'deny(403)',
    match: { expression: `!${anyOf(frontend.allowedSourceCidrs.map((c) => `inIpRange(origin.ip, ${cel(c)})`))}` },
  };
}

function throttleRule(limit: RateLimitModel, index: number, rules: readonly RuleModel[]): ArmorRulePlan {
  return {
    priority: RATE_LIMIT_PRIORITY_BASE + index,
    description: `rate limit ${limit.name}: ${limit.limit} per ${limit.windowSeconds}s per ${limit.key.type === 'header' ? `header ${limit.key.name}` : 'client IP'}`,
    action: 'throttle',
    match: limit.rules ? { expression: scopeExpression(rules) } : { srcIpRanges: ['*'] },
    rateLimit: {
      count: limit.limit,
      intervalSec: limit.windowSeconds,
      exceedAction: `deny(${limit.responseStatus})`,
      enforceOnKey: limit.key.type === 'header' ? 'HTTP_HEADER' : 'IP',
      ...(limit.key.type === 'header' ? { enforceOnKeyName: limit.key.name } : {}),
    },
  };
}

/** The Cloud Armor rules a frontend needs; empty when it needs no policy. */
export function protectionRules(model: LoadBalancerModel, frontend: FrontendModel): ArmorRulePlan[] {
  const rules: ArmorRulePlan[] = [];
  if (frontend.allowedSourceCidrs.length) rules.push(sourceRule(frontend));
  rules.push(...protectionPart(model.protection, frontend));
  model.rateLimits.forEach((limit, i) => {
    if (!limit.frontends.includes(frontend.name)) return;
    const scoped = limit.rules ? frontend.rules.filter((r) => limit.rules!.includes(`${frontend.name}/${r.name}`)) : frontend.rules;
    if (limit.rules && !scoped.length) return;
    rules.push(throttleRule(limit, i, scoped));
  });
  const allowList = allowListRules(model.protection, frontend);
  rules.push(...allowList);
  if (!rules.length && !adaptiveProtection(model.protection, frontend)) return [];
  // A long allow list ends in allow rules: whoever they do not match is refused by the default rule.
  const last = allowList.length
    ? { description: 'clients outside protection.ipAllow', action: 'deny(403)' as const }
    : { description: 'everything else', action: 'allow' as const };
  return [...rules, { priority: DEFAULT_RULE_PRIORITY, ...last, match: { srcIpRanges: ['*'] } }];
}

/** One policy per distinct protection, named after the first frontend that needs it; and each frontend's policy id. */
export function securityPolicies(
  model: LoadBalancerModel,
  frontends: readonly FrontendModel[],
  regional: boolean,
): {
  policies: SecurityPolicyPlan[];
  byFrontend: ReadonlyMap<string, string>;
} {
  const policies: SecurityPolicyPlan[] = [];
  const byFrontend = new Map<string, string>();
  for (const f of frontends) {
    const rules = protectionRules(model, f);
    if (!rules.length) continue;
    const adaptive = adaptiveProtection(model.protection, f) && !regional;
    const key = JSON.stringify([rules, adaptive]);
    const same = policies.find((p) => JSON.stringify([p.rules, p.adaptiveProtection === true]) === key);
    if (same) {
      (same.frontends as string[]).push(f.name);
      byFrontend.set(f.name, same.id);
    } else {
      // Adaptive Protection is "only supported in Global Security Policies of type CLOUD_ARMOR" (compute.proto
      // SecurityPolicyAdaptiveProtectionConfigLayer7DdosDefenseConfig.enable): the regional cell is unsupported.
      const policy = { id: `armor-${f.name}`, regional, frontends: [f.name], rules, ...(adaptive ? { adaptiveProtection: true } : {}) };
      policies.push(policy);
      byFrontend.set(f.name, policy.id);
    }
  }
  return { policies, byFrontend };
}
