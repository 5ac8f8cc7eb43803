/**
 * First-match rules over hosts and paths, as Application Gateway evaluates them: the first listener (by
 * routing-rule priority) whose host names match the request takes it, then its URL path map's first
 * matching path rule, else the map's default.
 *
 * So each host value the rules name gets its own listener, ordered from the most specific (exact hosts,
 * then wildcards with the longest suffix first) to the basic listener (any host). A listener's path map holds,
 * in the rules' order, exactly the rules that apply to the hosts it receives; the first rule without a path
 * condition becomes the map's default, and the frontend's default action ends every map. Requests therefore
 * reach the pool that first-match over the model's rules would pick (paths compared case-insensitively by
 * Application Gateway: the capability table's nearest mapping for path conditions).
 */
import type { ActionModel, FrontendModel, HostMatch, PathMatch, RuleModel } from '../../../lib/model/types';
import type { PlanProblems } from './problems';

/** One listener's worth of routing, before names and IP versions are attached. */
export interface ListenerRouting {
  /** Undefined: the basic listener. */
  readonly host?: HostMatch;
  /** Path rules in evaluation order; each lists its own Application Gateway path patterns. */
  readonly entries: readonly { readonly rule: RuleModel; readonly patterns: readonly string[] }[];
  /** What requests that match no entry get (undefined only for a frontend without a default action, a problem). */
  readonly fallback?: ActionModel;
  /** The rule that provides the fallback (a rule without path condition), if not the frontend's default. */
  readonly fallbackRule?: RuleModel;
}

/** Whether a rule's host condition value matches every request a listener for `host` receives. */
function hostApplies(condition: HostMatch, host: HostMatch): boolean {
  if (host.kind === 'exact') {
    return condition.kind === 'exact' ? condition.value === host.value : host.value.endsWith(condition.suffix) && host.value.length > condition.suffix.length;
  }
  // A wildcard listener receives hosts no more specific listener takes: exact hosts have their own
  // listeners, so only wildcards that contain this one apply (every such host matches them).
  return condition.kind === 'wildcard' && host.suffix.endsWith(condition.suffix);
}

export function ruleApplies(rule: RuleModel, host: HostMatch | undefined): boolean {
  if (!rule.match.hosts.length) return true;
  return host !== undefined && rule.match.hosts.some((c) => hostApplies(c, host));
}

/** A path condition Application Gateway has patterns for (regex paths have none). */
export type PatternPath = Exclude<PathMatch, { kind: 'regex' }>;

/** A segment prefix '/p' is '/p' and '/p/*'; '/' is '/*'; an exact path is itself. */
export function pathPatterns(path: PatternPath): string[] {
  if (path.kind === 'exact') return [path.value];
  return path.value === '/' ? ['/*'] : [path.value, `${path.value}/*`];
}

/** A rule's path patterns; a regex path (the capability table refuses it on azure-appgw) has none and is a problem. */
function rulePatterns(rule: RuleModel, problems: PlanProblems): string[] {
  return rule.match.paths.flatMap((path, i) => {
    if (path.kind !== 'regex') return pathPatterns(path);
    problems.refuse(
      `${rule.path}.match.paths[${i}]`,
      `regex path '${path.value}' has no Application Gateway path pattern`,
      'match the path with prefix or exact conditions',
    );
    return [];
  });
}

/** Host values in listener order: exact hosts (first use first), wildcards longest suffix first, no basic. */
export function listenerHosts(frontend: FrontendModel, extraHosts: readonly HostMatch[] = []): HostMatch[] {
  const seen = new Map<string, HostMatch>();
  for (const h of [...frontend.rules.flatMap((r) => r.match.hosts), ...extraHosts]) if (!seen.has(h.value)) seen.set(h.value, h);
  const hosts = [...seen.values()];
  const exact = hosts.filter((h) => h.kind === 'exact');
  const wildcards = hosts
    .filter((h): h is Extract<HostMatch, { kind: 'wildcard' }> => h.kind === 'wildcard')
    .map((h, i) => ({ h, i }))
    .sort((a, b) => b.h.suffix.length - a.h.suffix.length || a.i - b.i)
    .map(({ h }) => h);
  return [...exact, ...wildcards];
}

export function routeListener(frontend: FrontendModel, host: HostMatch | undefined, problems: PlanProblems): ListenerRouting {
  const entries: Array<{ rule: RuleModel; patterns: string[] }> = [];
  const used = new Set<string>();
  // Path rules take the rules' evaluation order (rule.order): Application Gateway tries them in list order.
  for (const rule of [...frontend.rules].sort((a, b) => a.order - b.order)) {
    if (!ruleApplies(rule, host)) continue;
    if (!rule.match.paths.length) {
      return { host, entries, fallback: rule.action, fallbackRule: rule };
    }
    // A pattern an earlier path rule already lists never reaches this one (first match): leave it out,
    // Application Gateway rejects a path map that lists a path twice.
    // Application Gateway compares paths case-insensitively, so '/A' repeats '/a'.
    const patterns = [...new Set(rulePatterns(rule, problems))].filter((p) => !used.has(p.toLowerCase()));
    patterns.forEach((p) => used.add(p.toLowerCase()));
    if (patterns.length) entries.push({ rule, patterns });
  }
  // The model gives every frontend that routes (no redirectHttpToHttps) a default action.
  if (!frontend.defaultAction) {
    problems.refuse(
      `${frontend.path}.defaultAction`,
      'a frontend that routes needs a default action for the requests no rule takes',
      'give the frontend a defaultAction',
    );
  }
  return { host, entries, fallback: frontend.defaultAction };
}
