/**
 * A model rule's match -> ELBv2 listener-rule conditions, within ELBv2's limits.
 *
 * ELBv2 allows at most 3 match evaluations (values) per condition and 5 per rule, one host-header,
 * path-pattern, http-request-method and source-ip condition per rule, and several http-header and
 * query-string conditions. lbkit's host, path, method and source values are alternatives (OR): when they do
 * not fit one rule, the rule is split into consecutive rules with the same action, each taking a share of the
 * alternatives. First-match is unchanged, because the parts are adjacent and act alike.
 *
 * How each value compiles (see docs/aws.md for the table):
 *  - hosts: host-header values ('api.example.com', '*.example.com'; ELBv2 compares case-insensitively). On a
 *    frontend whose port is not its protocol's default, clients send 'Host: name:port', which values do not
 *    match, so the host compiles to a regex that accepts an optional port, letters as [aA] classes.
 *  - paths: exact '/p' -> '/p'; prefix '/p' -> '/p' and '/p/*'; prefix '/' -> '/*'; regex -> regexValues
 *    anchored '^(?:re)$'. A literal ELBv2 path values cannot carry (characters outside its set, or '*' and
 *    '?', which are wildcards there) turns the whole path condition into regexValues.
 *  - headers: exact -> the value, prefix -> 'value*', present -> '*', regex -> anchored regexValues. A literal
 *    with '*' or '?' (wildcards there) or an empty one compiles to a regex with [aA] classes.
 *  - query: key/value with '*' and '?' escaped by '\' (as ELBv2 documents); present -> value '*'.
 */
import type { FrontendModel, HostMatch, MatchModel, PathMatch, RuleModel } from '../../../lib/model/types';
import { compact } from '../../../lib/capabilities/support';
import { defaultPort } from '../../../lib/model/derived';
import { anyCase, pathRegexBody, wholeMatch } from './regex';
import type { ConditionPlan, LimitFinding } from './types';

export const LIMITS = {
  valuesPerCondition: 3,
  valuesPerRule: 5,
  valueLength: 128,
  /** Parts a split rule may take: priorities leave 10 slots per model rule. */
  partsPerRule: 10,
} as const;

/** ELBv2's path characters; '&' is documented as '&amp;' (an artefact of its XML API), so it takes the regex form. */
const PATH_VALUE = /^[A-Za-z0-9_\-.$/~"'@:+]+$/;
const HOST_VALUE = /^[a-z0-9.*-]+$/;

/**
 * One OR-condition of a rule, compiled: its evaluations, grouped (a prefix's '/p' and '/p/*' stay together
 * when they can), and how to render a share of them.
 */
interface Alternatives {
  readonly groups: readonly (readonly string[])[];
  readonly render: (items: readonly string[]) => ConditionPlan;
}

export interface CompiledRule {
  /** One entry per part; a single entry when the rule fits ELBv2's limits as it is. */
  readonly parts: readonly (readonly ConditionPlan[])[];
}

/** Compiles a rule's conditions; limit violations go to `issues` (and the rule gets no parts). */
export function compileConditions(frontend: FrontendModel, rule: RuleModel, issues: LimitFinding[]): CompiledRule {
  const at = `${rule.path}.match`;
  const problems: LimitFinding[] = [];
  const alternatives = compact([
    hostAlternatives(rule.match.hosts, frontend, `${at}.hosts`, problems),
    pathAlternatives(rule.match.paths, `${at}.paths`, problems),
    rule.match.methods.length
      ? {
          groups: distinctGroups(rule.match.methods.map((m) => [m])),
          render: (v) => ({ field: 'http-request-method', httpRequestMethodConfig: { values: v } }),
        }
      : undefined,
    rule.match.sourceCidrs.length
      ? { groups: distinctGroups(rule.match.sourceCidrs.map((c) => [c])), render: (v) => ({ field: 'source-ip', sourceIpConfig: { values: v } }) }
      : undefined,
  ] satisfies Array<Alternatives | undefined>);
  const fixed = [...headerConditions(rule.match, `${at}.headers`, problems), ...queryConditions(rule.match)];
  if (problems.length) {
    issues.push(...problems);
    return { parts: [] };
  }
  if (!alternatives.length && !fixed.length) return { parts: [[MATCH_EVERY_REQUEST]] };
  const sizes = chunkSizes(
    alternatives.map((a) => a.groups),
    fixed.length,
  );
  if (!sizes) {
    issues.push({
      path: at,
      message: `needs at least ${fixed.length + alternatives.length} match evaluations in one ALB rule (one per header and query condition, one per other condition); ALB allows ${LIMITS.valuesPerRule}`,
    });
    return { parts: [] };
  }
  const shares = alternatives.map((a, i) => pack(a.groups, sizes[i]).map((items) => a.render(items)));
  const parts = product(shares).map((conditions) => [...conditions, ...fixed]);
  if (parts.length > LIMITS.partsPerRule) {
    issues.push({
      path: at,
      message: `needs ${parts.length} ALB rules to stay within ${LIMITS.valuesPerCondition} values per condition and ${LIMITS.valuesPerRule} per rule; lbkit splits a rule into at most ${LIMITS.partsPerRule}`,
    });
    return { parts: [] };
  }
  return { parts };
}

/**
 * A rule without `match` matches every request, but an ELBv2 rule needs at least one condition (CloudFormation:
 * "At least one of 'conditions' ... is required"; Conditions is required on AWS::ElasticLoadBalancingV2::ListenerRule,
 * https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-elasticloadbalancingv2-listenerrule.html).
 * A path pattern '*' matches every path: '*' matches 0 or more characters
 * (https://docs.aws.amazon.com/elasticloadbalancing/latest/application/rule-condition-types.html#path-conditions).
 */
export const MATCH_EVERY_REQUEST: ConditionPlan = { field: 'path-pattern', pathPatternConfig: { values: ['*'] } };

/**
 * Each value once, in first-seen order: CloudFormation rejects a condition whose values repeat (non-unique array
 * items), and lbkit's own expansion repeats them (exact '/docs' and prefix '/docs' both give '/docs'). A group
 * left empty is dropped; a value that repeats inside one rule only ever widens nothing (the alternatives are OR).
 */
export function distinctGroups(groups: readonly (readonly string[])[]): string[][] {
  const seen = new Set<string>();
  return groups.map((g) => g.filter((v) => !seen.has(v) && seen.add(v))).filter((g) => g.length > 0);
}

function hostAlternatives(hosts: readonly HostMatch[], frontend: FrontendModel, at: string, problems: LimitFinding[]): Alternatives | undefined {
  if (!hosts.length) return undefined;
  // Clients leave the default port out of Host, so plain values match there; elsewhere the regex allows ':port'.
  const onDefaultPort = (frontend.protocol === 'http' || frontend.protocol === 'https') && frontend.port === defaultPort(frontend.protocol);
  const asValues = onDefaultPort && hosts.every((h) => HOST_VALUE.test(h.value) && /\.[a-z]+$/.test(h.value));
  if (asValues) return { groups: distinctGroups(hosts.map((h) => [h.value])), render: (v) => ({ field: 'host-header', hostHeaderConfig: { values: v } }) };
  const items = hosts.map((h) => `^${h.kind === 'exact' ? anyCase(h.value) : `[^:]+${anyCase(h.suffix)}`}(?::[0-9]+)?$`);
  checkLength(items, at, problems);
  return { groups: distinctGroups(items.map((i) => [i])), render: (v) => ({ field: 'host-header', hostHeaderConfig: { regexValues: v } }) };
}

function pathAlternatives(paths: readonly PathMatch[], at: string, problems: LimitFinding[]): Alternatives | undefined {
  if (!paths.length) return undefined;
  const asValues = paths.every((p) => p.kind !== 'regex' && PATH_VALUE.test(p.value));
  if (asValues) {
    const groups = distinctGroups(paths.map((p) => (p.kind === 'exact' ? [p.value] : p.value === '/' ? ['/*'] : [p.value, `${p.value}/*`])));
    checkLength(groups.flat(), at, problems);
    return { groups, render: (v) => ({ field: 'path-pattern', pathPatternConfig: { values: v } }) };
  }
  const items = paths.map((p) => `^${pathRegexBody(p.kind, p.value)}$`);
  checkLength(items, at, problems);
  return { groups: distinctGroups(items.map((i) => [i])), render: (v) => ({ field: 'path-pattern', pathPatternConfig: { regexValues: v } }) };
}

function headerConditions(match: MatchModel, at: string, problems: LimitFinding[]): ConditionPlan[] {
  return match.headers.map((h, i) => {
    const literal = h.kind === 'exact' || h.kind === 'prefix' ? h.value : '';
    const wildcardFree = !/[*?]/.test(literal) && literal.length > 0;
    let config: { values: string[] } | { regexValues: string[] };
    if (h.kind === 'present') config = { values: ['*'] };
    else if (h.kind === 'regex') config = { regexValues: [wholeMatch(h.value)] };
    else if (wildcardFree) config = { values: [h.kind === 'exact' ? h.value : `${h.value}*`] };
    else config = { regexValues: [`^${anyCase(literal)}${h.kind === 'prefix' ? '.*' : ''}$`] };
    checkLength('values' in config ? config.values : config.regexValues, `${at}[${i}]`, problems);
    return { field: 'http-header', httpHeaderConfig: { httpHeaderName: h.name, ...config } } as ConditionPlan;
  });
}

const escapeQuery = (text: string) => text.replace(/[*?]/g, '\\$&');

function queryConditions(match: MatchModel): ConditionPlan[] {
  // Empty exact values are a capability range error (providers/aws/capabilities.ts): ELBv2 rejects an empty condition value.
  return match.query.map((q) => ({
    field: 'query-string',
    queryStringConfig: { values: [{ key: escapeQuery(q.name), value: q.kind === 'present' ? '*' : escapeQuery(q.value) }] },
  }));
}

function checkLength(items: readonly string[], at: string, problems: LimitFinding[]): void {
  const long = items.find((v) => v.length > LIMITS.valueLength);
  if (long)
    problems.push({ path: at, message: `compiles to the ALB condition value '${long}' of ${long.length} characters; ALB allows ${LIMITS.valueLength}` });
}

/**
 * Share sizes for the OR-conditions (at most 3 values each, at most 5 values per rule with the fixed ones)
 * that need the fewest rules; undefined when even one value each does not fit.
 */
export function chunkSizes(groups: readonly (readonly (readonly string[])[])[], fixed: number): number[] | undefined {
  let best: { sizes: number[]; parts: number } | undefined;
  const counts = groups.map((g) => g.flat().length);
  const walk = (i: number, sizes: number[], used: number) => {
    if (used > LIMITS.valuesPerRule) return;
    if (i === counts.length) {
      const parts = groups.reduce((n, g, j) => n * pack(g, sizes[j]).length, 1);
      if (!best || parts < best.parts) best = { sizes: [...sizes], parts };
      return;
    }
    for (let size = Math.min(LIMITS.valuesPerCondition, counts[i]); size >= 1; size--) {
      if (used + size + (counts.length - i - 1) > LIMITS.valuesPerRule) continue;
      walk(i + 1, [...sizes, size], used + size);
    }
  };
  walk(0, [], fixed);
  return best?.sizes;
}

/** Packs groups into shares of at most `size` values, in order, splitting a group only when it is larger. */
export function pack(groups: readonly (readonly string[])[], size: number): string[][] {
  const out: string[][] = [];
  for (const group of groups) {
    for (let i = 0; i < group.length; i += size) {
      const piece = group.slice(i, i + size);
      const last = out[out.length - 1];
      if (last && last.length + piece.length <= size) last.push(...piece);
      else out.push([...piece]);
    }
  }
  return out;
}

function product<T>(lists: readonly (readonly T[])[]): T[][] {
  return lists.reduce<T[][]>((acc, list) => acc.flatMap((prefix) => list.map((item) => [...prefix, item])), [[]]);
}
