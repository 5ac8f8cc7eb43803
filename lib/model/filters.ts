/**
 * Rule filters (issue 16): header modifiers on the request and the response, and URL rewrites, as Gateway API's
 * HTTPRoute filters RequestHeaderModifier, ResponseHeaderModifier and URLRewrite define them, plus the prefix
 * replacement that rewrites and redirects share. SEMANTICS.md section 4 ("Filters") is the contract; the local
 * proxy executes these functions.
 */
import type { RuleSpec } from '../spec/schema';
import type { HeaderModifierModel, PathMatch, PathRewrite, RetryModel, RuleFilters } from './types';

export type { HeaderModifierModel, PathRewrite, RetryModel, RuleFilters } from './types';

function modifier(m: RuleSpec['requestHeaders']): HeaderModifierModel | undefined {
  if (!m) return undefined;
  const field = (h: { name: string; value: string }) => ({ name: h.name.toLowerCase(), value: h.value });
  return { set: (m.set ?? []).map(field), add: (m.add ?? []).map(field), remove: (m.remove ?? []).map((n) => n.toLowerCase()) };
}

/** The filters of a rule as written; undefined when it has none (most rules). */
export function filtersModel(r: RuleSpec): RuleFilters | undefined {
  const requestHeaders = modifier(r.requestHeaders);
  const responseHeaders = modifier(r.responseHeaders);
  const rw = r.rewrite;
  const path: PathRewrite | undefined = rw?.path
    ? rw.path.full !== undefined
      ? { kind: 'full', value: rw.path.full }
      : { kind: 'prefix', value: rw.path.prefix! }
    : undefined;
  const rewrite =
    rw && (rw.host !== undefined || path) ? { ...(rw.host !== undefined ? { host: rw.host.toLowerCase() } : {}), ...(path ? { path } : {}) } : undefined;
  const t = r.timeouts;
  const retry: RetryModel | undefined = r.retry
    ? { attempts: r.retry.attempts, statuses: [...new Set(r.retry.statuses ?? [])], methods: r.retry.methods ?? 'idempotent' }
    : undefined;
  const timing = {
    ...(t?.requestSeconds !== undefined ? { requestTimeoutSeconds: t.requestSeconds } : {}),
    ...(t?.backendSeconds !== undefined ? { backendTimeoutSeconds: t.backendSeconds } : {}),
    ...(retry ? { retry } : {}),
  };
  if (!requestHeaders && !responseHeaders && !rewrite && !Object.keys(timing).length) return undefined;
  return { ...timing, ...(requestHeaders ? { requestHeaders } : {}), ...(responseHeaders ? { responseHeaders } : {}), ...(rewrite ? { rewrite } : {}) };
}

/**
 * Applies a header modifier to a flat [name, value, ...] list: remove, then set (one field in place of every
 * occurrence), then add (appended to the existing values with ',', as Gateway API's example
 * `my-header: foo` + add `bar` = `my-header: foo,bar`, or a new field).
 */
export function applyHeaderModifier(headers: readonly string[], m: HeaderModifierModel): string[] {
  const drop = new Set([...m.remove, ...m.set.map((s) => s.name)]);
  const out: string[] = [];
  for (let i = 0; i < headers.length; i += 2) if (!drop.has(headers[i].toLowerCase())) out.push(headers[i], headers[i + 1]);
  for (const s of m.set) out.push(s.name, s.value);
  for (const a of m.add) {
    const at = [] as number[];
    for (let i = 0; i < out.length; i += 2) if (out[i].toLowerCase() === a.name) at.push(i);
    if (!at.length) {
      out.push(a.name, a.value);
      continue;
    }
    // The existing occurrences become one field: their values and the new one, joined with ','.
    const joined = [...at.map((i) => out[i + 1]), a.value].join(',');
    out[at[0] + 1] = joined;
    for (const i of at.slice(1).reverse()) out.splice(i, 2);
  }
  return out;
}

/**
 * The longest of `paths`' prefixes that `path` falls under (whole segments), or undefined. Only prefix values
 * count: a rule with a prefix rewrite or redirect has prefix conditions alone (validation).
 */
export function matchedPrefix(paths: readonly PathMatch[], path: string): string | undefined {
  let best: string | undefined;
  for (const p of paths) {
    if (p.kind !== 'prefix') continue;
    const under = p.value === '/' || path === p.value || path.startsWith(`${p.value}/`);
    if (under && (best === undefined || p.value.length > best.length)) best = p.value;
  }
  return best;
}

/**
 * Gateway API ReplacePrefixMatch: the matched prefix is replaced and the rest of the path kept, segment-wise
 * ('/foo' -> '/bar': '/foo/x' is '/bar/x'; '/foo' -> '/': '/foo/x' is '/x' and '/foo' is '/').
 */
export function replacePrefix(path: string, prefix: string, replacement: string): string {
  const rest = prefix === '/' ? (path === '/' ? '' : path) : path.slice(prefix.length);
  const head = replacement.length > 1 ? replacement.replace(/\/+$/, '') : replacement === '/' ? '' : replacement;
  const joined = `${head}${rest}`;
  return joined === '' ? '/' : joined.startsWith('/') ? joined : `/${joined}`;
}

/** The path the member receives: the rewrite applied to the request path, for a rule matching `paths`. */
export function rewrittenPath(rewrite: PathRewrite, paths: readonly PathMatch[], path: string): string {
  if (rewrite.kind === 'full') return rewrite.value;
  const prefix = matchedPrefix(paths, path);
  return prefix === undefined ? path : replacePrefix(path, prefix, rewrite.value);
}
