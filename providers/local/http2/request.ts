/**
 * An HTTP/2 request as the rest of the proxy reads it: the pseudo-headers become the Inspected view
 * (host from :authority, path and query from :path) and the fields a raw header list, so that decide(),
 * rate limits, persistence and the access log see an HTTP/2 request exactly as an HTTP/1.1 one. node:http2
 * has already refused what HTTP/2 forbids (RFC 9113 §8.2: upper-case names, connection-specific fields,
 * malformed pseudo-headers) with a stream or connection error.
 */
import type { IncomingHttpHeaders, OutgoingHttpHeaders } from 'node:http2';
import { isGrpcContentType } from '../../../lib/model/grpc';
import type { Inspected, Refusal } from '../http/inspect';

/** Fields that are connection-specific in HTTP/1.1 and never go from one hop to the next (RFC 9113 §8.2.2). */
const HOP_BY_HOP = new Set(['connection', 'keep-alive', 'proxy-connection', 'transfer-encoding', 'upgrade', 'host', 'http2-settings', 'te']);
/** Same pattern as the HTTP/1.1 path (inspect.ts): RFC 3986 host and optional port. */
const HOST = /^(?:\[[0-9A-Fa-f:.]+\]|(?:[A-Za-z0-9\-._~!$&'()*+,;=]|%[0-9A-Fa-f]{2})*)(?::[0-9]{0,5})?$/;

/** The request's fields (no pseudo-headers) as a flat name/value list; :authority becomes Host. */
export function rawHeadersOf(headers: IncomingHttpHeaders): string[] {
  const raw: string[] = [];
  const authority = headers[':authority'];
  if (authority !== undefined) raw.push('host', String(authority));
  for (const [name, value] of Object.entries(headers)) {
    if (name.startsWith(':') || value === undefined || (name === 'host' && authority !== undefined)) continue;
    if (Array.isArray(value)) for (const v of value) raw.push(name, v);
    else raw.push(name, String(value));
  }
  return raw;
}

/** What inspection makes of an HTTP/2 request, or why it refuses it. */
export function inspectH2(headers: IncomingHttpHeaders): Inspected | Refusal {
  const method = String(headers[':method'] ?? '');
  const path = headers[':path'];
  const host = String(headers[':authority'] ?? headers.host ?? '');
  if (method === 'CONNECT') return { status: 501, reason: 'unsupported-transfer-coding', message: 'CONNECT is not proxied' };
  if (!host || !HOST.test(host)) return { status: 400, reason: 'invalid-host', message: 'the :authority (or Host) is missing or not a host[:port]' };
  if (typeof path !== 'string' || !(path.startsWith('/') || (path === '*' && method === 'OPTIONS')) || path.includes('#')) {
    return { status: 400, reason: 'invalid-target', message: ':path is not an origin-form target' };
  }
  const q = path.indexOf('?');
  return {
    host,
    hostFromTarget: false,
    path: q < 0 ? path : path.slice(0, q),
    query: q < 0 ? '' : path.slice(q + 1),
    target: path,
    // HTTP/2 frames the body itself (DATA frames, END_STREAM): there is nothing to smuggle.
    body: 'chunked',
    contentLength: String(headers['content-length'] ?? ''),
    connectionHeaders: undefined,
    upgrade: false,
    connectionUpgrade: false,
    connectionClose: false,
    connectionKeepAlive: false,
    expect: headers.expect as string | undefined,
  };
}

export function isGrpcRequest(headers: IncomingHttpHeaders): boolean {
  return isGrpcContentType(headers['content-type']);
}

export interface Forwarded {
  readonly clientIp: string;
  readonly proto: 'http' | 'https';
  readonly port: string;
}

/** Header fields for the member (HTTP/2 to HTTP/2): hop-by-hop fields dropped, X-Forwarded-* set. */
export function memberHeaders(headers: IncomingHttpHeaders, inspected: Inspected, memberScheme: 'http' | 'https', fwd: Forwarded): OutgoingHttpHeaders {
  const out: OutgoingHttpHeaders = {
    ':method': headers[':method'],
    ':path': inspected.target,
    ':scheme': memberScheme,
    ':authority': inspected.host,
  };
  for (const [name, value] of Object.entries(headers)) {
    if (name.startsWith(':') || HOP_BY_HOP.has(name) || name.startsWith('x-forwarded-')) continue;
    out[name] = value;
  }
  // gRPC needs 'te: trailers' end to end (the one TE value HTTP/2 allows, RFC 9113 §8.2.2).
  if (
    String(headers.te ?? '')
      .trim()
      .toLowerCase() === 'trailers'
  )
    out.te = 'trailers';
  const prior = headers['x-forwarded-for'];
  out['x-forwarded-for'] = prior ? `${String(prior)}, ${fwd.clientIp}` : fwd.clientIp;
  out['x-forwarded-proto'] = fwd.proto;
  out['x-forwarded-port'] = fwd.port;
  return out;
}

/** Header fields for an HTTP/1.1 member: the same, as a Node http request takes them (Host instead of :authority). */
export function http1MemberHeaders(headers: IncomingHttpHeaders, inspected: Inspected, fwd: Forwarded): Record<string, string | string[]> {
  const h2 = memberHeaders(headers, inspected, 'http', fwd);
  const out: Record<string, string | string[]> = { host: inspected.host };
  for (const [name, value] of Object.entries(h2)) {
    if (name.startsWith(':') || name === 'te' || value === undefined) continue;
    out[name] = Array.isArray(value) ? value.map(String) : String(value);
  }
  return out;
}

/** Response fields from the member for the client: pseudo-headers and connection-specific fields dropped; `cookies` are Set-Cookie values. */
export function clientResponseHeaders(
  headers: IncomingHttpHeaders | Record<string, string | string[] | undefined>,
  cookies: readonly string[] | undefined,
): OutgoingHttpHeaders {
  const out: OutgoingHttpHeaders = {};
  for (const [name, value] of Object.entries(headers)) {
    const lower = name.toLowerCase();
    if (lower.startsWith(':') || HOP_BY_HOP.has(lower) || value === undefined) continue;
    out[lower] = value;
  }
  if (cookies?.length) {
    const set = [...cookies];
    const prior = out['set-cookie'];
    out['set-cookie'] = [...(prior === undefined ? [] : Array.isArray(prior) ? prior.map(String) : [String(prior)]), ...set];
  }
  return out;
}

/** grpc-message is percent-encoded (https://github.com/grpc/grpc/blob/master/doc/PROTOCOL-HTTP2.md, Responses). */
export function grpcMessage(text: string): string {
  return Buffer.from(text.trim(), 'utf8')
    .toString('latin1')
    .replace(/[^\x20-\x24\x26-\x7e]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`);
}
