/**
 * What a request must satisfy before anything is sent upstream (RFC 9112 message framing, RFC 9110 Host and
 * request target). The request parser (server/request-parser.ts) refuses malformed syntax (bad tokens,
 * obs-fold, bare LF, control characters); this refuses what is well-formed but unsafe to forward:
 *   - no Host in HTTP/1.1, more than one Host, or a Host that is not `uri-host [ ":" port ]` (RFC 9112 §3.2:
 *     400);
 *   - Content-Length that is not digits, more than one Content-Length (even equal), Content-Length with
 *     Transfer-Encoding (§6.1, §6.3: 400);
 *   - a request target that is not origin-form, absolute-form (http/https, no userinfo) or, for OPTIONS,
 *     asterisk-form; a fragment in the target (RFC 9112 §3.2);
 *   - Transfer-Encoding in an HTTP/1.0 request (§6.1: faulty framing), Transfer-Encoding whose final coding
 *     is not chunked (§6.3: 400), chunked twice, and any coding but chunked (501: not implemented);
 *   - an upgrade request (Upgrade, and Connection listing upgrade) with a body (400): the bytes after its
 *     head may belong to the new protocol, so its framing cannot be trusted.
 * An absolute-form target's authority replaces Host, for routing and upstream (§3.2.2).
 */
import { combinedValue } from './fields';
import type { RequestHead } from './server/request-parser';

/** What inspection reads of a request: its head. */
type Head = Pick<RequestHead, 'method' | 'url' | 'httpVersionMajor' | 'httpVersionMinor' | 'rawHeaders'>;

export type BodyFraming = 'none' | 'length' | 'chunked';

export interface Inspected {
  /** Host for routing (and for upstream when `hostFromTarget`): the Host header, or the absolute-form authority. */
  readonly host: string;
  readonly hostFromTarget: boolean;
  /** Path of the target, raw; '*' for asterisk-form. */
  readonly path: string;
  /** Query without '?', raw. */
  readonly query: string;
  /** The target to send upstream (origin-form). */
  readonly target: string;
  readonly body: BodyFraming;
  /** The Content-Length as received (when body is 'length'). */
  readonly contentLength: string;
  /** Extra hop-by-hop header names the Connection header lists (lower-case); undefined when none. */
  readonly connectionHeaders: readonly string[] | undefined;
  /** An Upgrade header is present. */
  readonly upgrade: boolean;
  /** The Connection header lists `upgrade` (with an Upgrade header: an upgrade request, RFC 9110 §7.8). */
  readonly connectionUpgrade: boolean;
  /** The Connection header lists `close` / `keep-alive` (persistence, RFC 9112 §9.3). */
  readonly connectionClose: boolean;
  readonly connectionKeepAlive: boolean;
  /** The Expect header, when present. */
  readonly expect: string | undefined;
}

export interface Refusal {
  readonly status: 400 | 501;
  /** Stable reason code, counted in metrics and passed to events. */
  readonly reason: 'invalid-host' | 'invalid-target' | 'smuggling' | 'unsupported-transfer-coding';
  readonly message: string;
}

/** RFC 3986 host (IP-literal or reg-name with pct-encoding) and optional port. */
const HOST = /^(?:\[[0-9A-Fa-f:.]+\]|(?:[A-Za-z0-9\-._~!$&'()*+,;=]|%[0-9A-Fa-f]{2})*)(?::[0-9]{0,5})?$/;
const ABSOLUTE = /^https?:\/\//i;
/** Headers the Connection header may not make us drop: we rebuild them ourselves. */
const PROTECTED = new Set(['host', 'content-length', 'transfer-encoding']);

const refuse = (status: Refusal['status'], reason: Refusal['reason'], message: string): Refusal => ({ status, reason, message });

export function inspectRequest(req: Head): Inspected | Refusal {
  const raw = req.rawHeaders;
  let host: string | undefined;
  let hostCount = 0;
  let contentLength: string | undefined;
  let lengthCount = 0;
  let transferEncoding: string | undefined;
  let connection: string | undefined;
  let upgrade = false;
  let expect: string | undefined;
  for (let i = 0; i < raw.length; i += 2) {
    const name = raw[i];
    switch (name.length) {
      case 4:
        if (name.toLowerCase() === 'host') {
          hostCount++;
          host = raw[i + 1];
        }
        break;
      case 6:
        if (name.toLowerCase() === 'expect') expect = combinedValue(expect, raw[i + 1]);
        break;
      case 7:
        if (name.toLowerCase() === 'upgrade') upgrade = true;
        break;
      case 10:
        if (name.toLowerCase() === 'connection') connection = combinedValue(connection, raw[i + 1]);
        break;
      case 14:
        if (name.toLowerCase() === 'content-length') {
          lengthCount++;
          contentLength = raw[i + 1];
        }
        break;
      case 17:
        if (name.toLowerCase() === 'transfer-encoding') transferEncoding = combinedValue(transferEncoding, raw[i + 1]);
        break;
    }
  }
  if (hostCount > 1) return refuse(400, 'invalid-host', 'more than one Host header');
  if (hostCount === 0 && !(req.httpVersionMajor === 1 && req.httpVersionMinor === 0))
    return refuse(400, 'invalid-host', 'no Host header in an HTTP/1.1 request');
  if (host !== undefined && !HOST.test(host.trim())) return refuse(400, 'invalid-host', 'the Host header is not a valid host[:port]');

  let body: BodyFraming = 'none';
  if (transferEncoding !== undefined) {
    if (req.httpVersionMajor === 1 && req.httpVersionMinor === 0) return refuse(400, 'smuggling', 'Transfer-Encoding in an HTTP/1.0 request');
    if (lengthCount > 0) return refuse(400, 'smuggling', 'both Transfer-Encoding and Content-Length');
    const codings = transferEncoding.split(',').map((c) => c.trim().toLowerCase());
    if (codings[codings.length - 1] !== 'chunked' || codings.indexOf('chunked') !== codings.length - 1) {
      return refuse(400, 'smuggling', 'Transfer-Encoding must end with chunked, once');
    }
    if (codings.length > 1) return refuse(501, 'unsupported-transfer-coding', `transfer coding '${codings[0]}' is not implemented`);
    body = 'chunked';
  } else if (lengthCount > 1) {
    return refuse(400, 'smuggling', 'more than one Content-Length header');
  } else if (contentLength !== undefined) {
    if (!/^[0-9]+$/.test(contentLength)) return refuse(400, 'smuggling', 'Content-Length is not a number');
    body = 'length';
  }

  const url = req.url ?? '';
  let target = url;
  let routedHost = host?.trim() ?? '';
  let hostFromTarget = false;
  if (url.charCodeAt(0) === 47 /* '/' */) {
    // origin-form
  } else if (url === '*') {
    if (req.method !== 'OPTIONS') return refuse(400, 'invalid-target', "the asterisk-form target '*' is only for OPTIONS");
  } else if (ABSOLUTE.test(url)) {
    const start = url.indexOf('//') + 2;
    let end = start;
    while (end < url.length && url[end] !== '/' && url[end] !== '?') end++;
    const authority = url.slice(start, end);
    if (authority.includes('@')) return refuse(400, 'invalid-target', 'userinfo in the request target');
    if (!authority || !HOST.test(authority)) return refuse(400, 'invalid-target', 'the request target has no valid authority');
    routedHost = authority;
    hostFromTarget = true;
    target = end < url.length ? (url[end] === '?' ? `/${url.slice(end)}` : url.slice(end)) : '/';
  } else {
    return refuse(400, 'invalid-target', 'the request target is not origin-form or absolute-form');
  }
  if (target.includes('#')) return refuse(400, 'invalid-target', 'a fragment (#) in the request target');

  const q = target.indexOf('?');
  let connectionHeaders: string[] | undefined;
  let connectionClose = false;
  let connectionKeepAlive = false;
  let connectionUpgrade = false;
  if (connection !== undefined) {
    for (const token of connection.split(',')) {
      const t = token.trim().toLowerCase();
      if (t === 'close') connectionClose = true;
      else if (t === 'keep-alive') connectionKeepAlive = true;
      else if (t === 'upgrade') connectionUpgrade = true;
      else if (t && !PROTECTED.has(t)) (connectionHeaders ??= []).push(t);
    }
  }
  if (upgrade && connectionUpgrade && (body === 'chunked' || (body === 'length' && !/^0+$/.test(contentLength!)))) {
    return refuse(400, 'smuggling', 'an upgrade request with a body');
  }
  return {
    host: routedHost,
    hostFromTarget,
    path: q < 0 ? target : target.slice(0, q),
    query: q < 0 ? '' : target.slice(q + 1),
    target,
    body,
    contentLength: contentLength ?? '',
    connectionHeaders,
    upgrade,
    connectionUpgrade,
    connectionClose,
    connectionKeepAlive,
    expect,
  };
}

export function isRefusal(x: Inspected | Refusal): x is Refusal {
  return (x as Refusal).status !== undefined;
}

/** A refused request as the access log shows it: the target as received, nothing forwarded. */
export function unvalidated(req: Head): Inspected {
  const target = req.url ?? '';
  const q = target.indexOf('?');
  return {
    host: '',
    hostFromTarget: false,
    path: q < 0 ? target : target.slice(0, q),
    query: q < 0 ? '' : target.slice(q + 1),
    target,
    body: 'none',
    contentLength: '',
    connectionHeaders: undefined,
    upgrade: false,
    connectionUpgrade: false,
    connectionClose: true,
    connectionKeepAlive: false,
    expect: undefined,
  };
}
