/**
 * One request through an L7 frontend, from validation to the last byte: local answers (redirect, fixed
 * response, 429, 503), or forwarding to a member with retry, timeouts, passive health, persistence cookies,
 * metrics and the access-log entry. Members are reached through the proxy's own keep-alive connections
 * (upstream/), which call this object's onUpstream* methods: the member side adds no listener per request.
 */
import type { Socket } from 'node:net';
import type { TLSSocket } from 'node:tls';
import type { RuleModel } from '../../../lib/model/types';
import { seconds, type AccessLogEntry } from '../access-log';
import type { Member, MemberConnection } from '../balancer/member';
import type { PoolRuntime } from '../balancer/pool';
import { holdsWrittenBytes } from '../read-buffer';
import type { LiveListEntry } from '../live-list';
import { setsCookie } from './cookies';
import type { HttpFrontend } from './frontend';
import { downstreamHeaders, requestHead, upstreamHeaders, type ForwardedFor } from './headers';
import type { Inspected } from './inspect';
import { appCookieFor, pickMember, repinned, type PersistenceOut } from './persistence';
import { statusText } from './raw';
import type { ClientRequest, ClientResponse } from './server/exchange';
import type { UpstreamConnection, UpstreamExchange } from './upstream/connection';
import type { ResponseHead } from './upstream/response-parser';
import { firstHeader } from './view';

/** Methods RFC 9110 §9.2.2 makes idempotent: safe to resend when the member failed before answering. */
const IDEMPOTENT = new Set(['GET', 'HEAD', 'OPTIONS', 'TRACE', 'PUT', 'DELETE']);
/** ALB's status for a client that closed the connection before the response. */
export const CLIENT_CLOSED = 460;

const byteMarks = new WeakMap<Socket, { read: number; written: number }>();

export class Transaction implements MemberConnection, PersistenceOut, UpstreamExchange {
  memberCookie?: string;
  appRebind?: boolean;
  groupCookie?: string;

  rule: RuleModel | undefined;
  pool: PoolRuntime | undefined;
  member: Member | undefined;
  /** For the access log. */
  action = 'forward';
  redirectUrl = '-';
  errorReason = '-';
  targetStatus = 0;

  private readonly arrived = performance.now();
  private readonly createdAt = Date.now();
  private dispatched = 0;
  private responded = 0;
  /** The connection carrying the current attempt, until its response is complete or it is abandoned. */
  private conn: UpstreamConnection | undefined;
  /** The request head for members: built once, sent again on a retry. */
  private head = '';
  private held = false;
  /** This exchange in its member's connections (for draining). */
  private memberEntry: LiveListEntry<MemberConnection> | undefined;
  private connected = false;
  private bodyPiped = false;
  /** The client reads slower than the member sends: the member connection is paused until 'drain'. */
  private waitingDrain = false;
  private attempts = 0;
  private tried: Member[] | undefined;
  private finished = false;
  /** The request has body bytes to stream (chunked, or a Content-Length above 0). */
  private readonly withBody: boolean;

  constructor(
    readonly fe: HttpFrontend,
    readonly req: ClientRequest,
    readonly res: ClientResponse,
    readonly inspected: Inspected,
    readonly clientIp: string,
  ) {
    this.withBody = inspected.body === 'chunked' || (inspected.body === 'length' && !/^0+$/.test(inspected.contentLength));
    res.onClose = this.onClose;
  }

  // --- local answers -------------------------------------------------------------------------------------

  /** Answers from the load balancer itself. `close`: the request's framing cannot be trusted, end the connection. */
  reply(status: number, body: string, extra?: readonly string[], close = false, contentType = 'text/plain; charset=utf-8'): void {
    const headers = ['Content-Type', contentType, 'Content-Length', String(Buffer.byteLength(body))];
    if (extra) headers.push(...extra);
    if (close || this.fe.runtime.stopping) headers.push('Connection', 'close');
    this.res.writeHead(status, statusText(status), headers);
    this.res.end(body);
  }

  // --- forwarding --------------------------------------------------------------------------------------

  forward(pool: PoolRuntime): void {
    this.pool = pool;
    const member = pool.prepare(Date.now()) ? pickMember(pool, this.req.rawHeaders, this.clientIp, this.fe.secure, this) : undefined;
    if (!member) return this.noMember(pool);
    const fwd: ForwardedFor = { clientIp: this.clientIp, proto: this.fe.scheme, port: this.fe.portText, clientCert: this.fe.mtls ? clientCertificate(this.req.socket as TLSSocket) : undefined };
    const inspected = this.inspected;
    this.head = requestHead(this.req.method!, inspected.target, upstreamHeaders(this.req.rawHeaders, inspected, fwd, false), inspected.body);
    this.attempt(member);
  }

  private noMember(pool: PoolRuntime): void {
    this.errorReason = 'NoHealthyTargets';
    this.reply(503, `503 Service Unavailable: no member of pool '${pool.name}' can take the request\n`);
  }

  private attempt(m: Member): void {
    const pool = this.pool!;
    this.attempts++;
    this.member = m;
    this.held = true;
    this.connected = false;
    pool.acquire(m);
    this.memberEntry = m.connections.add(this);
    const conn = this.fe.runtime.upstreamFor(pool, m).acquire();
    this.conn = conn;
    this.dispatched = performance.now();
    conn.send(this, this.req.method!, this.head, this.withBody ? this.inspected.body : 'none', this.fe.memberTimeoutMs);
  }

  /** The body is streamed only once the connection to the member is up, so a refused connection can retry. */
  onUpstreamConnect(): void {
    this.connected = true;
    if (this.withBody && !this.bodyPiped) {
      this.bodyPiped = true;
      this.conn!.pipeBody(this.req);
    }
  }

  onUpstreamHead(head: ResponseHead): void {
    if (this.res.headersSent) {
      this.abandonUpstream();
      return;
    }
    const pool = this.pool!;
    const m = this.member!;
    this.responded = performance.now();
    const status = head.statusCode;
    this.targetStatus = status;
    if (status >= 500) pool.failed(m);
    else pool.succeeded(m, this.responded - this.dispatched);
    let cookies: string[] | undefined;
    if (this.groupCookie) (cookies ??= []).push(this.groupCookie);
    if (this.memberCookie) (cookies ??= []).push(this.memberCookie);
    const p = pool.model.sessionPersistence;
    if (p?.type === 'app-cookie') {
      const app = appCookieFor(pool, m, setsCookie(head.rawHeaders, p.cookieName), this.fe.secure, this);
      if (app) (cookies ??= []).push(app);
    }
    const headers = downstreamHeaders(head.rawHeaders, cookies);
    if (this.fe.runtime.stopping) headers.push('Connection', 'close');
    // The member's header fields were validated by the response parser: they can be passed on as they are.
    this.res.writeHead(status, head.statusMessage, headers);
  }

  onUpstreamBody(chunk: Buffer): void {
    if (this.res.write(chunk) || this.waitingDrain) return;
    this.waitingDrain = true;
    this.conn?.pause();
    this.res.onDrain = () => {
      this.waitingDrain = false;
      this.conn?.resume();
    };
  }

  holdsUpstreamBody(): boolean {
    return holdsWrittenBytes(this.req.socket);
  }

  onUpstreamEnd(): void {
    // The connection went back to its pool (or was closed) by itself.
    this.conn = undefined;
    this.res.end();
  }

  /** Closes the member connection of the current attempt, if any (its exchange is not complete). */
  private abandonUpstream(): void {
    const conn = this.conn;
    this.conn = undefined;
    conn?.destroy();
  }

  onUpstreamError(err: NodeJS.ErrnoException): void {
    const conn = this.conn;
    if (!conn || this.finished) return;
    this.conn = undefined;
    const pool = this.pool!;
    const m = this.member!;
    if (this.responded) {
      // The member failed mid-response: the client gets a truncated response, as from any proxy.
      pool.failed(m);
      this.res.destroy();
      return;
    }
    pool.failed(m);
    // Nothing was sent if the connection never came up; otherwise only an idempotent request without a body
    // (say, on a keep-alive connection the member had just closed) may be sent again.
    const retryable = !this.connected || (IDEMPOTENT.has(this.req.method ?? '') && !this.withBody);
    const reused = this.connected && conn.reused;
    this.releaseMember();
    if (retryable && this.attempts <= pool.members.length) {
      if (!reused) (this.tried ??= []).push(m);
      const next = pool.prepare(Date.now(), this.tried) ? pool.pick(this.clientIp) : undefined;
      if (next) {
        if (next !== m) repinned(pool, next, this.fe.secure, this);
        this.attempt(next);
        return;
      }
    }
    this.fail(502, this.connected ? 'TargetResponseError' : `TargetConnectionError:${err.code ?? 'error'}`);
  }

  onUpstreamTimeout(): void {
    if (!this.conn || this.finished) return;
    if (this.responded) {
      // Idle mid-response: cut both sides.
      this.pool!.failed(this.member!);
      this.abandonUpstream();
      this.res.destroy();
      return;
    }
    if (this.bodyPiped && !this.req.complete) {
      // The client stalled its own body: not the member's fault.
      this.fail(408, 'ClientBodyTimeout');
      return;
    }
    this.pool!.failed(this.member!);
    this.fail(504, 'TargetTimeout');
  }

  private fail(status: 408 | 502 | 504, reason: string): void {
    this.errorReason = reason;
    this.abandonUpstream();
    this.releaseMember();
    if (this.res.headersSent) {
      this.res.destroy();
      return;
    }
    const text = status === 502 ? 'Bad Gateway' : status === 504 ? 'Gateway Timeout' : 'Request Timeout';
    // With a body half-sent upstream, the rest of it cannot be trusted to be read: close the connection.
    this.reply(status, `${status} ${text}\n`, undefined, this.bodyPiped);
  }

  private releaseMember(): void {
    if (!this.held) return;
    this.held = false;
    this.pool!.release(this.member!);
    this.member!.connections.remove(this.memberEntry!);
  }

  /** Draining ran out of time: cut the request on both sides. */
  destroy(): void {
    this.abandonUpstream();
    this.res.destroy();
  }

  private readonly onClose = (): void => {
    if (this.finished) return;
    this.finished = true;
    // A complete exchange has already left its member connection in the pool; anything else is cut.
    this.abandonUpstream();
    this.releaseMember();
    const status = this.res.writableFinished ? this.res.statusCode : CLIENT_CLOSED;
    this.fe.stats.record(this.rule, this.pool, this.member, status, (performance.now() - this.arrived) / 1000);
    if (this.fe.runtime.accessLog) this.fe.runtime.accessLog.write(this.logEntry(status));
  };

  private logEntry(status: number): AccessLogEntry {
    const req = this.req;
    const socket = req.socket;
    const mark = byteMarks.get(socket) ?? { read: 0, written: 0 };
    const received = socket.bytesRead - mark.read;
    const sent = socket.bytesWritten - mark.written;
    byteMarks.set(socket, { read: socket.bytesRead, written: socket.bytesWritten });
    const tls = this.fe.secure ? (socket as TLSSocket) : undefined;
    const end = performance.now();
    const inspected = this.inspected;
    return {
      type: this.fe.scheme,
      time: new Date().toISOString(),
      elb: this.fe.runtime.model.name,
      frontend: this.fe.model.name,
      client: `${this.clientIp}:${socket.remotePort ?? 0}`,
      target: this.member ? this.member.address : '-',
      request_processing_time: this.dispatched ? seconds(this.arrived, this.dispatched) : -1,
      target_processing_time: this.responded ? seconds(this.dispatched, this.responded) : -1,
      response_processing_time: this.responded ? seconds(this.responded, end) : -1,
      elb_status_code: status,
      target_status_code: this.targetStatus || '-',
      received_bytes: received,
      sent_bytes: sent,
      request: `${req.method} ${this.fe.scheme}://${inspected.host || '-'}${inspected.target} HTTP/${req.httpVersion}`,
      user_agent: firstHeader(req.rawHeaders, 'user-agent') ?? '-',
      ssl_cipher: tls?.getCipher?.()?.name ?? '-',
      ssl_protocol: tls?.getProtocol?.() ?? '-',
      target_group: this.pool?.name ?? '-',
      domain_name: (tls as { servername?: string } | undefined)?.servername || '-',
      chosen_cert: this.fe.model.tls?.certificate ?? '-',
      matched_rule: this.rule?.id ?? '-',
      matched_rule_priority: this.rule ? this.rule.order + 1 : 0,
      request_creation_time: new Date(this.createdAt).toISOString(),
      actions_executed: this.action,
      redirect_url: this.redirectUrl,
      error_reason: this.errorReason,
      classification: this.action === 'refused' ? 'Severe' : 'Compliant',
      classification_reason: this.action === 'refused' ? this.errorReason : '-',
    };
  }
}

/** RFC 9440 Client-Cert: the client's certificate, DER, base64, between colons. */
function clientCertificate(socket: TLSSocket): string | undefined {
  const cert = socket.getPeerCertificate?.();
  return cert && cert.raw ? `:${cert.raw.toString('base64')}:` : undefined;
}
