/**
 * A rule's filters (SEMANTICS.md "Filters") as an Application Gateway rewrite rule set, attached to the routing
 * rule or path rule that compiles the model rule (https://learn.microsoft.com/azure/application-gateway/rewrite-http-headers-url):
 *
 * - header `set`: a header configuration with the value (it replaces every field of that name); `remove`: one
 *   with an empty value.
 * - header `add`: Application Gateway sets, it does not append. Two conditional rewrite rules express the
 *   append: with the header present (pattern '.+') it is set to '{http_req_<name>},value' (its current value,
 *   then the new one), without it to the value alone. The capability table grades this nearest: how the gateway
 *   reads a header that occurs several times (or is empty) is not documented.
 * - `rewrite.host`: a request header configuration for Host.
 * - `rewrite.path.full`: urlConfiguration.modifiedPath; modifiedQueryString unset keeps the query, reroute
 *   false keeps the routing decision made on the original path.
 * - `rewrite.path.prefix`: a condition on the server variable uri_path whose RE2 pattern names the rule's
 *   prefixes (longest first, whole segments) and captures the rest, and modifiedPath = new prefix + capture.
 */
import type { ModelScope } from '../../../lib/capabilities/features';
import type { HeaderModifierModel, PathRewrite, RuleModel } from '../../../lib/model/types';
import { childName } from './names';
import type { HeaderConfigurationPlan, RewriteActionSetPlan, RewriteConditionPlan, RewriteRulePlan, RewriteRuleSetPlan } from './types';

type Direction = 'req' | 'resp';

/** The rewrite rule set name of a model rule (frontend and rule id: unique on the gateway). */
export function rewriteRuleSetName(frontend: string, rule: string): string {
  return childName(frontend, rule);
}

/** The rewrite rule sets of the scope's rules with header changes or rewrites, in frontend and rule order. */
export function planRewriteRuleSets(scope: ModelScope): RewriteRuleSetPlan[] {
  return scope.frontends.flatMap((f) =>
    f.rules.flatMap((r) => {
      const name = rewriteRuleSetName(f.name, r.id);
      // The ARM model documents a rewrite rule's name as "unique within an Application Gateway": the set's name leads it.
      const rewriteRules = rewriteRulesOf(r).map((rule) => ({ ...rule, name: childName(name, rule.name) }));
      return rewriteRules.length ? [{ name, frontend: f.name, rule: r.id, rewriteRules }] : [];
    }),
  );
}

function rewriteRulesOf(rule: RuleModel): RewriteRulePlan[] {
  const filters = rule.filters;
  if (!filters?.requestHeaders && !filters?.responseHeaders && !filters?.rewrite) return [];
  const out: RewriteRulePlan[] = [];
  const push = (name: string, parts: Partial<RewriteActionSetPlan> & { conditions?: RewriteConditionPlan[] }) =>
    out.push({
      name,
      ruleSequence: (out.length + 1) * 100,
      conditions: parts.conditions ?? [],
      actionSet: {
        requestHeaderConfigurations: parts.requestHeaderConfigurations ?? [],
        responseHeaderConfigurations: parts.responseHeaderConfigurations ?? [],
        ...(parts.urlConfiguration ? { urlConfiguration: parts.urlConfiguration } : {}),
      },
    });

  const host = filters.rewrite?.host;
  const request = [...replacements(filters.requestHeaders), ...(host !== undefined ? [{ headerName: 'Host', headerValue: host }] : [])];
  const response = replacements(filters.responseHeaders);
  const path = filters.rewrite?.path;
  const prefix = path?.kind === 'prefix' ? prefixRewrite(rule, path) : undefined;
  if (request.length || response.length || path?.kind === 'full') {
    push('filters', {
      requestHeaderConfigurations: request,
      responseHeaderConfigurations: response,
      ...(path?.kind === 'full' ? { urlConfiguration: { modifiedPath: path.value, reroute: false } } : {}),
    });
  }
  if (prefix) push('prefix', { conditions: [prefix.condition], urlConfiguration: { modifiedPath: prefix.modifiedPath, reroute: false } });
  appends(filters.requestHeaders, 'req').forEach((a, i) => {
    push(`add-request-${i + 1}-present`, { conditions: [a.present], requestHeaderConfigurations: [a.appended] });
    push(`add-request-${i + 1}-absent`, { conditions: [a.absent], requestHeaderConfigurations: [a.alone] });
  });
  appends(filters.responseHeaders, 'resp').forEach((a, i) => {
    push(`add-response-${i + 1}-present`, { conditions: [a.present], responseHeaderConfigurations: [a.appended] });
    push(`add-response-${i + 1}-absent`, { conditions: [a.absent], responseHeaderConfigurations: [a.alone] });
  });
  return out;
}

/** `set` and `remove` of a modifier: each one header configuration. */
function replacements(m: HeaderModifierModel | undefined): HeaderConfigurationPlan[] {
  if (!m) return [];
  return [...m.set.map((s) => ({ headerName: s.name, headerValue: s.value })), ...m.remove.map((name) => ({ headerName: name, headerValue: '' }))];
}

/** `add` of a modifier: the conditions and configurations of its two rewrite rules per header. */
function appends(m: HeaderModifierModel | undefined, direction: Direction) {
  return (m?.add ?? []).map((a) => {
    const variable = `http_${direction}_${a.name}`;
    const present = { variable, pattern: '.+', ignoreCase: false, negate: false };
    return {
      present,
      absent: { ...present, negate: true },
      appended: { headerName: a.name, headerValue: `{${variable}},${a.value}` },
      alone: { headerName: a.name, headerValue: a.value },
    };
  });
}

/** RE2 metacharacters in a path, escaped. */
const escapeRe2 = (s: string) => s.replace(/[\\^$.|?*+()[\]{}]/g, '\\$&');

/**
 * The condition and modifiedPath that replace the longest of the rule's prefixes (lib/model/filters.ts
 * replacePrefix). RE2 alternation is leftmost-first, so the prefixes are listed longest first; a prefix holds
 * for the path itself or a path that continues with '/'.
 */
export function prefixRewrite(
  rule: Pick<RuleModel, 'match'>,
  path: Extract<PathRewrite, { kind: 'prefix' }>,
): { condition: RewriteConditionPlan; modifiedPath: string } {
  const prefixes = [...new Set(rule.match.paths.filter((p) => p.kind === 'prefix').map((p) => p.value))].sort((a, b) => b.length - a.length);
  const head = path.value.length > 1 ? path.value.replace(/\/+$/, '') : '';
  const condition = (pattern: string): RewriteConditionPlan => ({ variable: 'var_uri_path', pattern, ignoreCase: true, negate: false });
  if (head === '') {
    // New prefix '/': the member gets '/' + what follows the prefix's '/', so '/api' becomes '/' and '/api/x' '/x'.
    // The root prefix '/' is the empty alternative: the capture is the path without its first '/'.
    const alternatives = prefixes.map((p) => (p === '/' ? '' : escapeRe2(p)));
    return { condition: condition(`^(?:${alternatives.join('|')})(?:/(.*))?$`), modifiedPath: '/{var_uri_path_1}' };
  }
  // The capture is '' or starts with '/'; under the root prefix it is the whole path, except for '/' itself
  // (which becomes the new prefix alone).
  const alternatives = prefixes.flatMap((p) => (p === '/' ? ['/$', ''] : [escapeRe2(p)]));
  return { condition: condition(`^(?:${alternatives.join('|')})((?:/.*)?)$`), modifiedPath: `${head}{var_uri_path_1}` };
}
