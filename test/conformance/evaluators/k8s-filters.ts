/**
 * What a chosen HTTPRoute rule does to the request it forwards and to the response, written from the Gateway API
 * v1.6.1 reference (https://gateway-api.sigs.k8s.io/reference/spec/, HTTPHeaderFilter, HTTPURLRewriteFilter,
 * HTTPPathModifier), independently of lib/model/filters.ts:
 *
 * - RequestHeaderModifier / ResponseHeaderModifier: `set` 'overwrites the request with the given header (name,
 *   value)' (my-header: foo + set bar = my-header: bar); `add` 'appends to any existing values associated with the
 *   header name' (my-header: foo + add bar,baz = my-header: foo,bar,baz); `remove` drops the named headers; names
 *   are case-insensitive.
 * - URLRewrite `hostname` 'replace[s] the Host header value during forwarding'; path ReplaceFullPath replaces the
 *   whole path; ReplacePrefixMatch replaces the prefix the rule's PathPrefix match matched, in full path elements,
 *   a trailing '/' ignored (the reference's table: '/foo/bar' with prefix '/foo' and replacement '/xyz' or '/xyz/'
 *   is '/xyz/bar'; '/foo/' with '/xyz' is '/xyz/'; '/foo' with '' or '/' is '/'). The query is not part of the path.
 */
type Json = Record<string, any>;
import type { Fields } from './request';

export type { Fields };

/** ReplacePrefixMatch on one request path, from the reference's table. */
export function replacePrefixMatch(path: string, prefix: string, replacement: string): string {
  const matched = prefix.replace(/\/+$/, '');
  const rest = path.slice(matched.length);
  const joined = `${replacement.replace(/\/+$/, '')}${rest}`;
  if (joined === '') return '/';
  return joined.startsWith('/') ? joined : `/${joined}`;
}

/** One HTTPHeaderFilter applied to header fields. */
export function modifyHeaders(fields: Fields, filter: Json | undefined): Array<[string, string]> {
  if (!filter) return fields.map(([n, v]) => [n, v]);
  const is = (name: string) => (n: string) => n.toLowerCase() === name.toLowerCase();
  let out: Array<[string, string]> = fields.map(([n, v]) => [n, v]);
  for (const name of (filter.remove as string[] | undefined) ?? []) out = out.filter(([n]) => !is(name)(n));
  for (const h of (filter.set as Json[] | undefined) ?? []) out = [...out.filter(([n]) => !is(h.name)(n)), [h.name, h.value]];
  for (const h of (filter.add as Json[] | undefined) ?? []) {
    const existing = out.filter(([n]) => is(h.name)(n)).map(([, v]) => v);
    out = [...out.filter(([n]) => !is(h.name)(n)), [h.name, [...existing, h.value].join(',')]];
  }
  return out;
}

const filterOf = (rule: Json, type: string): Json | undefined => (rule.filters as Json[] | undefined)?.find((f) => f.type === type);

export interface UpstreamRequest {
  readonly host: string;
  readonly path: string;
  /** The request's other header fields after RequestHeaderModifier (never Host). */
  readonly headers: Array<[string, string]>;
}

/** The request as the backend receives it, for a rule and the match that took the request. */
export function forwardedRequest(rule: Json, match: Json | undefined, req: { host: string; path: string; headers: Fields }): UpstreamRequest {
  const rewrite = filterOf(rule, 'URLRewrite')?.urlRewrite as Json | undefined;
  const p = rewrite?.path as Json | undefined;
  const path =
    p?.type === 'ReplaceFullPath'
      ? p.replaceFullPath
      : p?.type === 'ReplacePrefixMatch'
        ? replacePrefixMatch(req.path, match?.path?.value ?? '/', p.replacePrefixMatch)
        : req.path;
  return { host: rewrite?.hostname ?? req.host, path, headers: modifyHeaders(req.headers, filterOf(rule, 'RequestHeaderModifier')?.requestHeaderModifier) };
}

/** The backend's response header fields as the client receives them. */
export function respondedHeaders(rule: Json, fields: Fields): Array<[string, string]> {
  return modifyHeaders(fields, filterOf(rule, 'ResponseHeaderModifier')?.responseHeaderModifier);
}

/** A RequestRedirect's path: ReplaceFullPath, ReplacePrefixMatch of the match's prefix, or the request's own. */
export function redirectPath(redirect: Json, match: Json | undefined, path: string): string {
  const p = redirect.path as Json | undefined;
  if (p?.type === 'ReplaceFullPath') return p.replaceFullPath;
  if (p?.type === 'ReplacePrefixMatch') return replacePrefixMatch(path, match?.path?.value ?? '/', p.replacePrefixMatch);
  return path;
}
