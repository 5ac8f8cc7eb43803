/**
 * Header rewriting between client and member. Hop-by-hop headers (RFC 9110 §7.6.1) and those the Connection
 * header lists are dropped; framing headers are rebuilt from what the parser validated, never copied, so the
 * member parses exactly the message we parsed. X-Forwarded-For gets the client address appended;
 * X-Forwarded-Proto and -Port are replaced.
 */
import type { BodyFraming, Inspected } from './inspect';
import { firstHeader } from './view';

const REQUEST_DROPPED = new Set([
  'connection',
  'keep-alive',
  'proxy-connection',
  'te',
  'trailer',
  'transfer-encoding',
  'upgrade',
  'expect',
  'content-length',
  'x-forwarded-for',
  'x-forwarded-proto',
  'x-forwarded-port',
  'client-cert',
]);
const RESPONSE_DROPPED = new Set(['connection', 'keep-alive', 'proxy-connection', 'te', 'trailer', 'transfer-encoding', 'upgrade']);

export interface ForwardedFor {
  readonly clientIp: string;
  /** 'http' or 'https'. */
  readonly proto: string;
  /** The port the client connected to. */
  readonly port: string;
  /** RFC 9440 Client-Cert value (`:base64 DER:`) when the client presented a certificate. */
  readonly clientCert?: string;
}

/** The headers to send upstream, as a flat [name, value, ...] list. */
export function upstreamHeaders(raw: readonly string[], inspected: Inspected, fwd: ForwardedFor, upgrade: boolean): string[] {
  const out: string[] = [];
  let xff: string | undefined;
  const listed = inspected.connectionHeaders;
  let host = inspected.hostFromTarget;
  for (let i = 0; i < raw.length; i += 2) {
    const name = raw[i];
    const lower = name.toLowerCase();
    if (REQUEST_DROPPED.has(lower)) {
      if (lower === 'x-forwarded-for') xff = xff === undefined ? raw[i + 1] : `${xff}, ${raw[i + 1]}`;
      continue;
    }
    if (lower === 'host') {
      if (inspected.hostFromTarget) continue;
      host = true;
    }
    if (listed && listed.includes(lower)) continue;
    out.push(name, raw[i + 1]);
  }
  if (inspected.hostFromTarget) out.push('Host', inspected.host);
  // An HTTP/1.0 request may come without Host; the HTTP/1.1 request to the member may not: a target URI
  // without authority is sent with an empty Host (RFC 9112 §3.2).
  else if (!host) out.push('Host', '');
  if (inspected.body === 'length') out.push('Content-Length', inspected.contentLength);
  else if (inspected.body === 'chunked') out.push('Transfer-Encoding', 'chunked');
  if (upgrade) {
    const value = firstHeader(raw, 'upgrade');
    if (value !== undefined) out.push('Connection', 'Upgrade', 'Upgrade', value);
  }
  const trimmed = xff?.trim();
  out.push('X-Forwarded-For', trimmed ? `${trimmed}, ${fwd.clientIp}` : fwd.clientIp, 'X-Forwarded-Proto', fwd.proto, 'X-Forwarded-Port', fwd.port);
  if (fwd.clientCert) out.push('Client-Cert', fwd.clientCert);
  return out;
}

/** The member's response headers to pass on, as a flat list; `extra` (Set-Cookie lines) appended. */
export function downstreamHeaders(raw: readonly string[], extra: readonly string[] | undefined, keepUpgrade = false): string[] {
  const out: string[] = [];
  let listed: string[] | undefined;
  for (let i = 0; i < raw.length; i += 2) {
    if (raw[i].length === 10 && raw[i].toLowerCase() === 'connection') {
      for (const t of raw[i + 1].split(',')) {
        const token = t.trim().toLowerCase();
        if (token && token !== 'close' && token !== 'keep-alive' && token !== 'upgrade') (listed ??= []).push(token);
      }
    }
  }
  for (let i = 0; i < raw.length; i += 2) {
    const lower = raw[i].toLowerCase();
    if (RESPONSE_DROPPED.has(lower) && !(keepUpgrade && (lower === 'upgrade' || lower === 'connection'))) continue;
    if (listed && listed.includes(lower)) continue;
    out.push(raw[i], raw[i + 1]);
  }
  if (extra) for (const line of extra) out.push('Set-Cookie', line);
  return out;
}

/** Methods a request without a body is sent without framing headers for (as Node's client sends them). */
const UNFRAMED_WITHOUT_BODY = new Set(['GET', 'HEAD', 'DELETE', 'OPTIONS', 'TRACE', 'CONNECT']);

/**
 * The request line and header fields for a member, each line CRLF-terminated (the empty line that ends the
 * head is the connection's to write). Everything in it was validated by the request parser (method, target,
 * field names and values) or built by upstreamHeaders() from validated parts. A bodiless request of another
 * method gets `Content-Length: 0`; `Connection: keep-alive` asks HTTP/1.0 members to keep the connection,
 * except on an upgrade (`headers` carry `Connection: Upgrade` then).
 */
export function requestHead(method: string, target: string, headers: readonly string[], body: BodyFraming, upgrade = false): string {
  let head = `${method} ${target} HTTP/1.1\r\n`;
  for (let i = 0; i < headers.length; i += 2) head += `${headers[i]}: ${headers[i + 1]}\r\n`;
  if (body === 'none' && !UNFRAMED_WITHOUT_BODY.has(method)) head += 'Content-Length: 0\r\n';
  return upgrade ? head : `${head}Connection: keep-alive\r\n`;
}
