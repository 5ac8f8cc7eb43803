/**
 * One request through an L7 frontend, executing its decision (decide.ts) to the last byte: a local answer
 * (refusal, 429, redirect, fixed response, 503), or forwarding to the decided member with retries
 * (retry.ts), timeouts, passive health, persistence cookies, metrics and the access-log entry. Plain
 * requests and upgrades go the same way; an upgrade's 101 hands the member connection over and both sockets
 * become a tunnel (../l4/pipe.ts). Members are reached through the proxy's own keep-alive connections
 * (upstream/), which call this object's onUpstream* methods: the member side adds no listener per request.
 */
import type { Socket } from 'node:net';
import type { TLSSocket } from 'node:tls';
import type { FrontendModel } from '../../../lib/model/types';
import type { FrontendStats } from '../admin/metrics';
import { MemberHold } from '../balancer/member-hold';
import type { Member, MemberConnection } from '../balancer/member';
import type { PoolRuntime } from '../balancer/pool';
import { pipeBoth } from '../l4/pipe';
import { holdsWrittenBytes } from '../read-buffer';
import type { ProxyRuntime } from '../runtime';
import type { Decision, Forward } from './decide';
import { exchangeLogEntry, ExchangeRecord } from './exchange-log';
import { applyHeaderModifier } from '../../../lib/model/filters';
import { filteredRequest } from './filters';
import { downstreamHeaders, requestHead, upstreamHeaders } from './headers';
import { isRefusal, unvalidated, type Inspected, type Refusal } from './inspect';
import { repinned, responseCookies, type SessionCookies } from './persistence';
import { responseHead, statusText } from './raw';
import { Retries } from './retry';
import type { ClientRequest, ClientResponse } from './server/exchange';
import type { HandedOver, UpstreamConnection, UpstreamExchange } from './upstream/connection';
import type { ResponseHead } from './upstream/response-parser';
import { H2MemberChannel, type MemberChannel } from '../http2/member-channel';
import type { MemberSessions } from '../http2/member-sessions';

/** ALB's status for a client that closed the connection before the response. */
export const CLIENT_CLOSED = 460;

/** What a transaction needs of its frontend. */
export interface TransactionHost {
  readonly runtime: ProxyRuntime;
  readonly model: FrontendModel;
  readonly stats: FrontendStats;
  readonly scheme: 'http' | 'https';
  readonly secure: boolean;
  /** Clients present certificates (passed on as Client-Cert). */
  readonly mtls: boolean;
  /** The local port, as X-Forwarded-Port gives it. */
  readonly portText: string;
  /** Member silent this long before its response headers: 504 (the frontend's idle timeout). */
  readonly memberTimeoutMs: number;
  /** Counts refused input and tells listeners. */
  badRequest(reason: string, status: number): void;
  /** HTTP/2 sessions to members of HTTP/2 pools. */
  readonly memberSessions: MemberSessions;
}

/** An upgrade request (the client connection handed its socket over). */
export interface UpgradeRequest {
  /** The member is offered the upgrade (WebSocket only; any other protocol goes as a plain request). */
  readonly websocket: boolean;
  /** Bytes the client sent past the request's head (the new protocol's). */
  readonly head: Buffer;
}

export class Transaction implements MemberConnection, UpstreamExchange {
  readonly inspected: Inspected;
  private readonly pool: PoolRuntime | undefined;
  private member: Member | undefined;
  private cookies: SessionCookies | undefined;
  /** Times, member status and error reason, for the access log. */
  private readonly record = new ExchangeRecord();
  /** The connection carrying the current attempt, until its response is complete or it is abandoned. */
  private conn: UpstreamConnection | MemberChannel | undefined;
  /** The request head for members: built once, sent again on a retry. */
  private head = '';
  private readonly hold = new MemberHold();
  /** This exchange in its member's connections (for draining). */
  private connected = false;
  private bodyPiped = false;
  /** The client reads slower than the member sends: the member connection is paused until 'drain'. */
  private waitingDrain = false;
  private attempts = 0;
  private retries: Retries | undefined;
  /** The member socket of an upgrade the member accepted (101). */
  private tunnel: Socket | undefined;
  private finished = false;
  /** The request has body bytes to stream (chunked, or a Content-Length above 0). */
  private readonly withBody: boolean;
  /** The rule's request timeout (whole exchange) and backend timeout (current attempt, until its head). */
  private requestTimer: NodeJS.Timeout | undefined;
  private backendTimer: NodeJS.Timeout | undefined;

  constructor(
    private readonly host: TransactionHost,
    readonly req: ClientRequest,
    readonly res: ClientResponse,
    inspected: Inspected | Refusal,
    readonly clientIp: string,
    readonly decision: Decision,
    private readonly upgrade?: UpgradeRequest,
  ) {
    this.inspected = isRefusal(inspected) ? unvalidated(req) : inspected;
    const body = this.inspected.body;
    this.withBody = body === 'chunked' || (body === 'length' && !/^0+$/.test(this.inspected.contentLength));
    this.pool = decision.kind === 'forward' || decision.kind === 'no-member' ? decision.pool : undefined;
    this.record.errorReason =
      decision.kind === 'refused'
        ? decision.refusal.reason
        : decision.kind === 'blocked'
          ? `Protection:${decision.reason}`
          : decision.kind === 'rate-limited'
            ? `RateLimited:${decision.limit}`
            : decision.kind === 'no-member'
              ? 'NoHealthyTargets'
              : '-';
    res.onClose = this.onClose;
  }

  /** Executes the decision. */
  start(): void {
    const d = this.decision;
    switch (d.kind) {
      case 'refused': {
        const { status, reason, message } = d.refusal;
        this.host.badRequest(reason, status);
        this.reply(status, `${status} ${statusText(status)}: ${message}\n`, undefined, true);
        return;
      }
      case 'blocked':
        this.host.stats.blocked(d.reason);
        this.reply(403, `403 Forbidden: the client address is refused by protection (${d.reason})\n`);
        return;
      case 'rate-limited':
        this.host.stats.limited(d.limit);
        this.reply(d.status, `${d.status} Too Many Requests: rate limit '${d.limit}'\n`, ['Retry-After', String(d.retryAfterSeconds)]);
        return;
      case 'redirect':
        this.reply(d.status, '', ['Location', d.location]);
        return;
      case 'fixed-response':
        this.reply(d.status, d.body, undefined, false, d.contentType);
        return;
      case 'no-member':
        this.reply(503, `503 Service Unavailable: ${d.why}\n`);
        return;
      case 'forward':
        this.forward(d);
        return;
    }
  }

  // --- local answers -------------------------------------------------------------------------------------

  /** Answers from the load balancer itself. `close`: the request's framing cannot be trusted, end the connection. */
  private reply(status: number, body: string, extra?: readonly string[], close = false, contentType = 'text/plain; charset=utf-8'): void {
    const headers = ['Content-Type', contentType, 'Content-Length', String(Buffer.byteLength(body))];
    if (extra) headers.push(...extra);
    if (close || this.host.runtime.stopping) headers.push('Connection', 'close');
    this.res.writeHead(status, statusText(status), headers);
    this.res.end(body);
  }

  // --- forwarding --------------------------------------------------------------------------------------

  private forward(d: Forward): void {
    const req = this.req;
    const inspected = this.inspected;
    const host = this.host;
    this.cookies = d.cookies;
    const clientCert = host.mtls ? clientCertificate(req.socket as TLSSocket) : undefined;
    const websocket = this.upgrade?.websocket ?? false;
    const forwarded = upstreamHeaders(req.rawHeaders, inspected, { clientIp: this.clientIp, proto: host.scheme, port: host.portText, clientCert }, websocket);
    const { headers, target } = filteredRequest(d.rule, forwarded, inspected);
    this.head = requestHead(req.method, target, headers, inspected.body, websocket);
    const requestSeconds = d.rule?.filters?.requestTimeoutSeconds;
    if (requestSeconds !== undefined && !this.upgrade) this.requestTimer = setTimeout(this.onRequestTimeout, host.runtime.time.ms(requestSeconds));
    // An upgrade goes on a new connection: a refused one is retried, nothing else is.
    this.attempt(d.member, this.upgrade !== undefined);
  }

  private attempt(m: Member, fresh: boolean): void {
    const pool = this.pool!;
    this.attempts++;
    this.member = m;
    this.connected = false;
    this.hold.take(pool, m, this);
    // An HTTP/2 pool takes the request as a stream of the member's HTTP/2 session (upgrades stay HTTP/1.1).
    const conn =
      pool.model.http2 && !this.upgrade
        ? new H2MemberChannel(this.host.memberSessions, m, pool.model.protocol === 'https' || pool.model.protocol === 'grpcs')
        : this.host.runtime.upstreamFor(pool, m).acquire(fresh);
    this.conn = conn;
    this.record.dispatched = performance.now();
    conn.send(this, this.req.method, this.head, this.withBody ? this.inspected.body : 'none', this.host.memberTimeoutMs, this.upgrade?.websocket);
    const backendSeconds = this.decision.rule?.filters?.backendTimeoutSeconds;
    clearTimeout(this.backendTimer);
    if (backendSeconds !== undefined && !this.upgrade) this.backendTimer = setTimeout(this.onBackendTimeout, this.host.runtime.time.ms(backendSeconds));
  }

  private retriesFor(pool: PoolRuntime): Retries {
    return (this.retries ??= new Retries(pool, this.req.method, this.withBody, this.upgrade !== undefined, this.decision.rule?.filters?.retry));
  }

  /**
   * After an attempt that may have reached the member (a listed status, a backend timeout): the next attempt,
   * started, or false when the retry policy allows none.
   */
  private retryAnswered(m: Member): boolean {
    const policy = this.decision.rule?.filters?.retry;
    if (!policy || (this.withBody && this.bodyPiped)) return false;
    const retries = this.retriesFor(this.pool!);
    const next = retries.next({ member: m, connected: true, reused: false }, this.attempts, this.clientIp, Date.now());
    if (!next && retries.budgetExhausted) {
      this.fail(503, 'RetryBudgetExhausted');
      return true;
    }
    if (!next) return false;
    this.abandonUpstream();
    this.hold.release();
    if (next.member !== m) this.cookies = repinned(this.cookies!, this.pool!, next.member, this.host.secure);
    this.attempt(next.member, next.fresh);
    return true;
  }

  private readonly onBackendTimeout = (): void => {
    this.backendTimer = undefined;
    if (!this.conn || this.finished || this.record.responded) return;
    const m = this.member!;
    this.pool!.failed(m);
    if (this.retryAnswered(m)) return;
    this.fail(504, 'TargetTimeout');
  };

  private readonly onRequestTimeout = (): void => {
    this.requestTimer = undefined;
    if (this.finished) return;
    clearTimeout(this.backendTimer);
    if (this.res.headersSent) {
      // The response started: it cannot become a 504 any more, so both sides are cut.
      this.abandonUpstream();
      this.hold.release();
      this.res.destroy();
      return;
    }
    if (this.member && this.conn) this.pool!.failed(this.member);
    this.fail(504, 'RequestTimeout');
  };

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
    clearTimeout(this.backendTimer);
    const status = head.statusCode;
    this.record.targetStatus = status;
    if (status >= 500) pool.failed(m);
    else pool.succeeded(m, performance.now() - this.record.dispatched);
    // A status the rule's retry policy lists: the response is dropped and another member tried, if allowed.
    if (this.decision.rule?.filters?.retry?.statuses.includes(status) && this.retryAnswered(m)) return;
    this.record.responded = performance.now();
    const passed = downstreamHeaders(head.rawHeaders, responseCookies(this.cookies!, pool, m, head.rawHeaders, this.host.secure));
    const modifier = this.decision.rule?.filters?.responseHeaders;
    const headers = modifier ? applyHeaderModifier(passed, modifier) : passed;
    if (this.host.runtime.stopping) headers.push('Connection', 'close');
    // The member's header fields were validated by the response parser: they can be passed on as they are.
    this.res.writeHead(status, head.statusMessage, headers);
  }

  /** The member accepted the upgrade: the 101 goes to the client, then bytes flow both ways until either side closes. */
  onUpstreamUpgrade(head: ResponseHead, handed: HandedOver): void {
    this.conn = undefined;
    const client = this.req.socket;
    if (this.finished || this.res.headersSent || !this.upgrade) {
      handed.socket.destroy();
      return;
    }
    const pool = this.pool!;
    const m = this.member!;
    this.record.responded = performance.now();
    this.record.targetStatus = 101;
    pool.succeeded(m);
    this.tunnel = handed.socket;
    const cookies = responseCookies(this.cookies!, pool, m, head.rawHeaders, this.host.secure);
    client.write(`${responseHead(101, head.statusMessage || 'Switching Protocols', downstreamHeaders(head.rawHeaders, cookies, true))}\r\n`, 'latin1');
    if (handed.rest.length) client.write(handed.rest);
    if (this.upgrade.head.length) handed.socket.write(this.upgrade.head);
    // The tunnel ends when either socket closes; the client socket's close ends this exchange (onClose).
    pipeBoth(client, handed.socket, this.host.memberTimeoutMs, () => undefined, handed.reads);
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
    pool.failed(m);
    if (this.record.responded) {
      // The member failed mid-response: the client gets a truncated response, as from any proxy.
      this.res.destroy();
      return;
    }
    const failure = { member: m, connected: this.connected, reused: this.connected && conn.reused };
    this.hold.release();
    const retries = this.retriesFor(pool);
    const next = retries.next(failure, this.attempts, this.clientIp, Date.now());
    if (next) {
      if (next.member !== m) this.cookies = repinned(this.cookies!, pool, next.member, this.host.secure);
      this.attempt(next.member, next.fresh || this.upgrade !== undefined);
      return;
    }
    if (retries.budgetExhausted) return this.fail(503, 'RetryBudgetExhausted');
    this.fail(502, this.connected ? 'TargetResponseError' : `TargetConnectionError:${err.code ?? 'error'}`);
  }

  onUpstreamTimeout(): void {
    if (!this.conn || this.finished) return;
    if (this.record.responded) {
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

  private fail(status: 408 | 502 | 503 | 504, reason: string): void {
    this.record.errorReason = reason;
    this.abandonUpstream();
    this.hold.release();
    if (this.res.headersSent) {
      this.res.destroy();
      return;
    }
    const text = statusText(status);
    // With a body half-sent upstream, the rest of it cannot be trusted to be read: close the connection.
    this.reply(status, `${status} ${text}\n`, undefined, this.bodyPiped);
  }

  /** Draining ran out of time: cut the request (or tunnel) on both sides. */
  destroy(): void {
    this.abandonUpstream();
    this.tunnel?.destroy();
    this.res.destroy();
  }

  private readonly onClose = (): void => {
    if (this.finished) return;
    this.finished = true;
    clearTimeout(this.requestTimer);
    clearTimeout(this.backendTimer);
    // A complete exchange has already left its member connection in the pool; anything else is cut.
    this.abandonUpstream();
    this.hold.release();
    const status = this.tunnel ? 101 : this.res.writableFinished ? this.res.statusCode : CLIENT_CLOSED;
    const d = this.decision;
    this.host.stats.record(d.rule, this.pool, this.member, status, (performance.now() - this.record.arrived) / 1000);
    const log = this.host.runtime.accessLog;
    if (!log) return;
    const req = this.req;
    const host = this.host;
    log.write(
      exchangeLogEntry(host, d, this.record, {
        type: this.tunnel ? (host.secure ? 'wss' : 'ws') : host.scheme,
        socket: req.socket,
        method: req.method,
        httpVersion: req.httpVersion,
        rawHeaders: req.rawHeaders,
        inspected: this.inspected,
        clientIp: this.clientIp,
        pool: this.pool,
        member: this.member,
        status,
      }),
    );
  };
}

/** RFC 9440 Client-Cert: the client's certificate, DER, base64, between colons. */
function clientCertificate(socket: TLSSocket): string | undefined {
  const cert = socket.getPeerCertificate?.();
  return cert && cert.raw ? `:${cert.raw.toString('base64')}:` : undefined;
}
