/**
 * A rule's URL rewrite as ALB listener-rule transforms (issue 16): one host-header-rewrite and one url-rewrite per
 * rule, each a regex and a replacement with $n captures
 * (https://docs.aws.amazon.com/elasticloadbalancing/latest/application/rule-transforms.html; CloudFormation
 * AWS::ElasticLoadBalancingV2::ListenerRule Transforms). The url-rewrite regex reads the path and the query
 * string, so every regex here keeps a trailing '?...' as it came (lbkit keeps the query as received).
 */
import type { RuleModel } from '../../../lib/model/types';
import type { TransformPlan } from './types';

/** A regex matching `value` literally. */
const literal = (value: string) => value.replace(/[\\.+*?()|[\]{}^$]/g, '\\$&');

/** The query, if any: captured so the replacement can put it back. */
const QUERY = '(\\?.*)?$';

/**
 * lbkit's segment-wise prefix replacement (lib/model/filters.ts replacePrefix) as one regex: the prefixes as
 * alternatives, longest first (the engine backtracks to a shorter one when the rest is not a whole segment, as
 * '/api/v1x' under '/api/v1' and '/api'). A prefix '/' is only expressible alone (prefixRewriteRange rejects
 * it beside others): '/' is then the replacement itself and '/x' the replacement plus '/x'.
 */
export function prefixRewrite(prefixes: readonly string[], replacement: string): { regex: string; replace: string } {
  const head = replacement.replace(/\/+$/, '');
  if (prefixes.includes('/')) return head ? { regex: `^(/[^?]+)?/?${QUERY}`, replace: `${head}$1$2` } : { regex: '^(.*)$', replace: '$1' };
  const alternatives = [...new Set(prefixes)].sort((a, b) => b.length - a.length).map(literal);
  const regex = `^(${alternatives.join('|')})(/([^?]*))?${QUERY}`;
  // '/api' -> '/': '/api' is '/', '/api/x' is '/x'; otherwise the head and the rest after the prefix.
  return head ? { regex, replace: `${head}$2$4` } : { regex, replace: '/$3$4' };
}

/** The rule's transforms; undefined when it rewrites nothing. */
export function transformsOf(rule: RuleModel): TransformPlan[] | undefined {
  const rewrite = rule.filters?.rewrite;
  if (!rewrite) return undefined;
  const out: TransformPlan[] = [];
  if (rewrite.host !== undefined) out.push({ type: 'host-header-rewrite', regex: '^.*$', replace: rewrite.host });
  const path = rewrite.path;
  if (path?.kind === 'full') out.push({ type: 'url-rewrite', regex: `^[^?]*${QUERY}`, replace: `${path.value}$1` });
  if (path?.kind === 'prefix')
    out.push({
      type: 'url-rewrite',
      ...prefixRewrite(
        rule.match.paths.map((p) => p.value),
        path.value,
      ),
    });
  return out.length ? out : undefined;
}

/**
 * What the transforms cannot carry: a prefix '/' beside other prefixes (one regex cannot pick the longest), and a
 * '$' in a replacement (ALB reads $n as a capture). Messages for the capability range check.
 */
export function transformLimits(rule: RuleModel): Array<{ path: string; message: string }> {
  const rewrite = rule.filters?.rewrite;
  const out: Array<{ path: string; message: string }> = [];
  if (rewrite?.path?.kind === 'prefix' && rule.match.paths.length > 1 && rule.match.paths.some((p) => p.value === '/'))
    out.push({ path: `${rule.path}.rewrite.path.prefix`, message: "a prefix rewrite on a rule whose prefixes include '/' beside others" });
  for (const [field, value] of [
    ['host', rewrite?.host],
    ['path', rewrite?.path?.value],
  ] as const)
    if (value?.includes('$')) out.push({ path: `${rule.path}.rewrite.${field}`, message: `a '$' in rewrite.${field} (ALB reads $n as a regex capture)` });
  return out;
}
