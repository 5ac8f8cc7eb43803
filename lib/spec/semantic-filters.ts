/**
 * Cross-field rules of a rule's filters (issue 16): header modifiers, URL rewrite and prefix redirects. Called
 * by semantic.ts for every rule and default action.
 */
import type { ActionSpec, PoolSpec, RuleSpec } from './schema';

type Add = (path: string, message: string, fix?: string) => void;

/**
 * Headers a modifier may not touch: the proxy builds framing and hop-by-hop fields itself (RFC 9110 §7.6.1,
 * RFC 9112 §6), and Host is rewritten by rewrite.host.
 */
const PROTECTED = new Set(['host', 'content-length', 'transfer-encoding', 'connection', 'keep-alive', 'proxy-connection', 'te', 'trailer', 'upgrade']);

function checkModifier(m: RuleSpec['requestHeaders'], at: string, add: Add): void {
  if (!m) return;
  const seen = new Map<string, string>();
  const names: Array<[string, string]> = [
    ...(m.set ?? []).map((h, i): [string, string] => [h.name, `${at}.set[${i}].name`]),
    ...(m.add ?? []).map((h, i): [string, string] => [h.name, `${at}.add[${i}].name`]),
    ...(m.remove ?? []).map((n, i): [string, string] => [n, `${at}.remove[${i}]`]),
  ];
  for (const [name, path] of names) {
    const lower = name.toLowerCase();
    if (PROTECTED.has(lower)) {
      add(
        path,
        `header '${name}' is built by the load balancer and cannot be modified`,
        lower === 'host' ? 'use rewrite.host' : `remove '${name}' from the modifier`,
      );
    }
    const first = seen.get(lower);
    if (first !== undefined)
      add(path, `header '${name}' appears more than once in the modifier (also ${first})`, 'name each header once across set, add and remove');
    else seen.set(lower, path);
  }
}

/** Prefix replacement needs a matched prefix: the rule's path conditions must all be prefixes. */
function needsPrefixes(rule: RuleSpec, path: string, what: string, add: Add): void {
  const paths = rule.match?.paths ?? [];
  if (!paths.length || paths.some((p) => p.prefix === undefined)) {
    add(
      path,
      `${what} replaces the matched path prefix, so the rule's path conditions must all be prefixes`,
      'match paths with prefix conditions only, or replace the full path (rewrite.path.full, redirect.path)',
    );
  }
}

const forwards = (a: ActionSpec) => a.forward !== undefined || a.weightedForward !== undefined;

export function checkRuleFilters(rule: RuleSpec, at: string, add: Add): void {
  const t = rule.timeouts;
  if (t?.requestSeconds !== undefined && t.backendSeconds !== undefined && t.backendSeconds > t.requestSeconds) {
    add(
      `${at}.timeouts.backendSeconds`,
      `backendSeconds ${t.backendSeconds} is above requestSeconds ${t.requestSeconds}: the request would always time out first`,
      'make backendSeconds at most requestSeconds',
    );
  }
  for (const field of ['requestHeaders', 'responseHeaders', 'rewrite', 'timeouts', 'retry'] as const) {
    if (rule[field] !== undefined && !forwards(rule.action)) {
      add(`${at}.${field}`, `${field} applies to forwarded requests; rule '${rule.name}' does not forward`, `remove ${field}, or forward the request`);
    }
  }
  checkModifier(rule.requestHeaders, `${at}.requestHeaders`, add);
  checkModifier(rule.responseHeaders, `${at}.responseHeaders`, add);
  if (rule.rewrite?.path?.prefix !== undefined) needsPrefixes(rule, `${at}.rewrite.path.prefix`, 'rewrite.path.prefix', add);
  const redirect = rule.action.redirect;
  if (redirect?.pathPrefix !== undefined) needsPrefixes(rule, `${at}.action.redirect.pathPrefix`, 'redirect.pathPrefix', add);
}

/** A rule on one value: when `broken` holds, the problem at `<at>.<field>`. */
function crossFieldRule<T>(field: string, broken: (value: T) => boolean, message: string, fix: string): (value: T, at: string, add: Add) => void {
  return (value, at, add) => {
    if (broken(value)) add(`${at}.${field}`, message, fix);
  };
}

/** A default action matched no rule, so it has no prefix to replace. */
export const checkDefaultActionFilters = crossFieldRule<ActionSpec>(
  'redirect.pathPrefix',
  (action) => action.redirect?.pathPrefix !== undefined,
  'a default action matched no path prefix to replace',
  'use redirect.path, or move the redirect into a rule with prefix conditions',
);

/** A session cookie has no lifetime to give (issue 16, session persistence). */
export const checkSessionCookie = crossFieldRule<PoolSpec>(
  'sessionPersistence.durationSeconds',
  ({ sessionPersistence: p }) => p?.type === 'lb-cookie' && Boolean(p.sessionCookie) && p.durationSeconds !== undefined,
  'a session cookie has no Max-Age, so durationSeconds has nothing to set',
  'remove durationSeconds, or sessionCookie',
);

/** path and pathPrefix of one redirect exclude each other. */
export const checkRedirectPath = crossFieldRule<ActionSpec>(
  'redirect.pathPrefix',
  ({ redirect: r }) => r?.path !== undefined && r.pathPrefix !== undefined,
  'a redirect replaces the full path or the matched prefix, not both',
  'remove path or pathPrefix',
);
