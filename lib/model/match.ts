/**
 * Request matching, exactly as SEMANTICS.md defines it. The local proxy executes this; cloud evaluators are
 * written independently from each cloud's documentation and are held equal to it by the fidelity tests.
 */
import { cidrContains, parseCidr, type Cidr } from '../util/cidr';
import { compileWholeMatch, type WholeMatch } from '../util/regex';
import type { FrontendModel, HeaderMatch, HostMatch, MatchModel, PathMatch, QueryMatch, RuleModel } from './types';

/** What matching needs to know about a request. */
export interface RequestView {
  readonly method: string;
  /** The Host header (or the authority of an absolute-form target) as received, possibly with a port. */
  readonly host: string;
  /** The path of the request target, without the query, as received (not decoded). */
  readonly path: string;
  /** The query without '?', as received; '' when absent. */
  readonly query: string;
  /** Every value of a header, one per occurrence; `name` is lower-case. */
  readonly header: (name: string) => readonly string[];
  /** The connection's source address. */
  readonly sourceIp: string;
}

/** Host as compared: lower-case, without port and without a trailing dot. */
export function normalizeHost(host: string): string {
  let h = host.trim().toLowerCase();
  if (h.startsWith('[')) {
    const end = h.indexOf(']');
    return end > 0 ? h.slice(0, end + 1) : h;
  }
  const colon = h.lastIndexOf(':');
  if (colon >= 0) h = h.slice(0, colon);
  return h.endsWith('.') ? h.slice(0, -1) : h;
}

export function hostMatches(m: HostMatch, host: string): boolean {
  if (m.kind === 'exact') return host === m.value;
  // '*.example.com' matches one or more labels before '.example.com', never 'example.com' itself.
  return host.length > m.suffix.length && host.endsWith(m.suffix);
}

/** Compiled spec regexes (RE2, linear time: a hostile path cannot stall the proxy), one per pattern. */
const regexCache = new Map<string, WholeMatch>();
function wholeMatch(pattern: string): WholeMatch {
  let re = regexCache.get(pattern);
  if (!re) {
    re = compileWholeMatch(pattern);
    regexCache.set(pattern, re);
  }
  return re;
}

export function pathMatches(m: PathMatch, path: string): boolean {
  // caseSensitive: false compares both sides lower-cased (ASCII and Unicode alike, as toLowerCase folds them).
  const fold = (s: string) => (m.kind !== 'regex' && m.ignoreCase ? s.toLowerCase() : s);
  switch (m.kind) {
    case 'exact':
      return fold(path) === fold(m.value);
    case 'prefix':
      // Whole segments: '/api' matches '/api', '/api/' and '/api/x', never '/apix'.
      return m.value === '/' || fold(path) === fold(m.value) || fold(path).startsWith(`${fold(m.value)}/`);
    case 'regex':
      return wholeMatch(m.value).test(path);
  }
}

export function headerValueMatches(m: HeaderMatch, values: readonly string[]): boolean {
  if (m.kind === 'present') return values.length > 0;
  return values.some((raw) => {
    const v = raw.trim();
    const fold = (s: string) => ('caseSensitive' in m && m.caseSensitive ? s : s.toLowerCase());
    switch (m.kind) {
      case 'exact':
        return fold(v) === fold(m.value);
      case 'prefix':
        return fold(v).startsWith(fold(m.value));
      case 'regex':
        return wholeMatch(m.value).test(v);
    }
  });
}

/** Query parameters in order, as written ('a=1&b' -> [['a', '1'], ['b', undefined]]): not decoded. */
export function rawQueryParameters(query: string): Array<readonly [string, string | undefined]> {
  if (!query) return [];
  return query
    .split('&')
    .filter((p) => p.length > 0)
    .map((pair) => {
      const eq = pair.indexOf('=');
      return eq < 0 ? ([pair, undefined] as const) : ([pair.slice(0, eq), pair.slice(eq + 1)] as const);
    });
}

/** Query parameters in order, names and values percent-decoded ('+' is kept as '+'). */
export function parseQuery(query: string): Array<readonly [string, string]> {
  return rawQueryParameters(query).map(([name, value]) => [decode(name), decode(value ?? '')] as const);
}

function decode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

export function queryMatches(m: QueryMatch, params: ReadonlyArray<readonly [string, string]>): boolean {
  const fold = (s: string) => (m.caseSensitive ? s : s.toLowerCase());
  const name = fold(m.name);
  return params.some(([n, v]) => fold(n) === name && (m.kind === 'present' || fold(v) === fold(m.value)));
}

const cidrCache = new Map<string, Cidr>();
export function sourceMatches(cidrs: readonly string[], ip: string): boolean {
  return cidrs.some((text) => {
    let c = cidrCache.get(text);
    if (!c) {
      c = parseCidr(text)!;
      cidrCache.set(text, c);
    }
    return cidrContains(c, ip);
  });
}

/** Whether a request satisfies a rule's match: every present condition holds. */
export function matches(match: MatchModel, req: RequestView): boolean {
  if (match.methods.length && !match.methods.includes(req.method as never)) return false;
  if (match.hosts.length) {
    const host = normalizeHost(req.host);
    if (!match.hosts.some((h) => hostMatches(h, host))) return false;
  }
  if (match.paths.length && !match.paths.some((p) => pathMatches(p, req.path))) return false;
  for (const h of match.headers) if (!headerValueMatches(h, req.header(h.name))) return false;
  if (match.query.length) {
    const params = parseQuery(req.query);
    for (const q of match.query) if (!queryMatches(q, params)) return false;
  }
  if (match.sourceCidrs.length && !sourceMatches(match.sourceCidrs, req.sourceIp)) return false;
  return true;
}

/** The first rule of the frontend that matches, or undefined when the default action applies. */
export function selectRule(frontend: FrontendModel, req: RequestView): RuleModel | undefined {
  return frontend.rules.find((rule) => matches(rule.match, req));
}
