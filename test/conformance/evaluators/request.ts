/**
 * What the conformance tests send and what they observe, in one vocabulary for the local proxy and every
 * cloud evaluator: a request as a client writes it (Host header, raw path and query, headers, source
 * address) and the outcome the load balancer gives it (which pools may answer, or the redirect or fixed
 * response it sends itself).
 */

/** A request as a client sends it to one frontend of a load balancer. */
export interface ConformanceRequest {
  /** The frontend (spec name) the request is sent to. */
  readonly frontend: string;
  readonly method: string;
  /** The Host header as sent: may carry a port ('api.example.com:8080'). */
  readonly host: string;
  /** The path as sent (raw, not decoded), without the query. */
  readonly path: string;
  /** The query as sent, without '?'; '' when there is none. */
  readonly query: string;
  /** Other header fields in the order sent (a name may repeat); never Host. */
  readonly headers: ReadonlyArray<readonly [string, string]>;
  /** The client's address (the connection's source). */
  readonly sourceIp: string;
}

/** Where the request arrived: the frontend's scheme and its port in the spec (the cloud listener's port). */
export interface Arrival {
  readonly scheme: 'http' | 'https';
  readonly port: number;
}

/**
 * What a load balancer does with a request. `forward` lists every pool that may receive it (one for a
 * plain forward, every pool with a weight above 0 for a weighted split), sorted.
 */
export type Outcome =
  | { readonly kind: 'forward'; readonly pools: readonly string[]; readonly forwarded?: Forwarded }
  | { readonly kind: 'redirect'; readonly status: number; readonly location: string }
  | { readonly kind: 'fixed'; readonly status: number; readonly contentType: string; readonly body: string }
  /** The load balancer has no route for the request at all (for example no listener takes its host). */
  | { readonly kind: 'no-route' };

/** Header fields in order (a name may repeat). */
export type Fields = ReadonlyArray<readonly [string, string]>;

/**
 * What rule filters change (issue 16): what the member received (path, Host, the request headers filters touch)
 * and the response headers the client received for those names. Header values are per lower-case name, the
 * values of repeated fields as one list (RFC 9110 §5.3: 'a, b' and two fields 'a' and 'b' are the same).
 */
export interface Forwarded {
  readonly path: string;
  readonly host: string;
  readonly requestHeaders: Readonly<Record<string, string>>;
  readonly responseHeaders: Readonly<Record<string, string>>;
}

/** The header names rule filters of the generated specs set, add or remove (on requests and responses). */
export const FILTERED_HEADERS = ['x-env', 'x-id', 'x-new'] as const;

/** What every echo member answers besides its name (support/local.ts), so that response filters have something to change. */
export const MEMBER_RESPONSE_HEADERS: Fields = [
  ['X-Env', 'member'],
  ['X-Id', 'm1'],
];

/** The FILTERED_HEADERS among `fields`, each name's values as one list ('a, b' and 'a,b' alike). */
export function filteredFields(fields: Fields): Record<string, string> {
  const out: Record<string, string[]> = {};
  for (const [name, value] of fields) {
    const n = name.toLowerCase();
    if ((FILTERED_HEADERS as readonly string[]).includes(n)) (out[n] ??= []).push(...value.split(',').map((v) => v.trim()));
  }
  return Object.fromEntries(Object.entries(out).map(([n, v]) => [n, v.join(',')]));
}

/** The member's view of a forwarded request and the client's view of the response, as observed. */
export function forwardedOf(upstream: { readonly path: string; readonly host: string; readonly headers: Fields }, response: Fields): Forwarded {
  return { path: upstream.path, host: upstream.host, requestHeaders: filteredFields(upstream.headers), responseHeaders: filteredFields(response) };
}

/**
 * What an evaluator says of a forwarded request: the request as the member receives it, and the member's answer
 * (MEMBER_RESPONSE_HEADERS) as the client receives it after `respond` (the load balancer's response changes).
 */
export function evaluatedForward(upstream: Parameters<typeof forwardedOf>[0], respond: (member: Fields) => Fields = (member) => member): Forwarded {
  return forwardedOf(upstream, respond(MEMBER_RESPONSE_HEADERS));
}

export const DEFAULT_PORT: Readonly<Record<'http' | 'https', number>> = { http: 80, https: 443 };

/** The host name of a Host header value: without port and trailing dot, lower-case (RFC 9110 §4.2.3: case-insensitive). */
export function hostName(host: string): string {
  const h = host.trim().toLowerCase();
  if (h.startsWith('[')) return h.slice(0, h.indexOf(']') + 1);
  const colon = h.lastIndexOf(':');
  const name = colon >= 0 ? h.slice(0, colon) : h;
  return name.endsWith('.') ? name.slice(0, -1) : name;
}

/**
 * A redirect target in one canonical form, so that equal targets compare equal: scheme and host lower-case,
 * the scheme's default port left out (WHATWG URL serialization), path and query as written.
 */
export function canonicalLocation(location: string): string {
  const u = new URL(location);
  return `${u.protocol}//${u.host}${u.pathname}${u.search}`;
}

/** `scheme://host[:port]path[?query]`, leaving out the scheme's default port. */
export function buildLocation(scheme: string, host: string, port: number | string, path: string, query: string): string {
  const s = scheme.toLowerCase();
  const p = String(port);
  const defaultPort = s === 'https' ? '443' : s === 'http' ? '80' : '';
  return canonicalLocation(`${s}://${host}${p === defaultPort || p === '' ? '' : `:${p}`}${path}${query ? `?${query}` : ''}`);
}

/** Every value of a header (name compared case-insensitively), in the order sent. */
export function headerValues(req: ConformanceRequest, name: string): string[] {
  const n = name.toLowerCase();
  return req.headers.filter(([k]) => k.toLowerCase() === n).map(([, v]) => v);
}

/** Whether a local outcome is one the cloud outcome allows: the same local answer, or a pool the cloud may pick. */
export function agrees(local: Outcome, cloud: Outcome): boolean {
  if (local.kind !== cloud.kind) return false;
  switch (local.kind) {
    case 'forward': {
      const c = cloud as typeof local;
      // The forwarded request is compared where the evaluator says what it is (the differential requires it).
      const same = !c.forwarded || (!!local.forwarded && describeForwarded(local.forwarded) === describeForwarded(c.forwarded));
      return local.pools.length === 1 && c.pools.includes(local.pools[0]) && same;
    }
    case 'redirect': {
      const c = cloud as typeof local;
      return local.status === c.status && local.location === c.location;
    }
    case 'fixed': {
      const c = cloud as typeof local;
      return local.status === c.status && local.body === c.body && mediaType(local.contentType) === mediaType(c.contentType);
    }
    case 'no-route':
      return true;
  }
}

/** 'text/plain; charset=utf-8' -> 'text/plain'. */
export function mediaType(contentType: string): string {
  return contentType.split(';')[0].trim().toLowerCase();
}

/** One line for a failure message. */
export function describeOutcome(o: Outcome): string {
  switch (o.kind) {
    case 'forward':
      return `forward to ${o.pools.join(' | ') || '(no pool)'}`;
    case 'redirect':
      return `redirect ${o.status} ${o.location}`;
    case 'fixed':
      return `fixed response ${o.status} ${mediaType(o.contentType)} '${o.body}'`;
    case 'no-route':
      return 'no route';
  }
}

/** The forwarded request and the response headers in one line (names sorted: equal views, equal text). */
export function describeForwarded(f: Forwarded): string {
  const fields = (h: Readonly<Record<string, string>>) =>
    Object.keys(h)
      .sort()
      .map((n) => `${n}: ${h[n]}`)
      .join('; ');
  return `as ${f.path} Host: ${f.host} [${fields(f.requestHeaders)}], answered [${fields(f.responseHeaders)}]`;
}

/** The request as a curl-like line, for failure messages. */
export function describeRequest(req: ConformanceRequest): string {
  const headers = req.headers.map(([k, v]) => ` -H '${k}: ${v}'`).join('');
  return `${req.method} ${req.path}${req.query ? `?${req.query}` : ''} Host: ${req.host}${headers} from ${req.sourceIp} to frontend '${req.frontend}'`;
}
