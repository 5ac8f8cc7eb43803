/**
 * One HTTP/2 stream through an L7 frontend: decided once by the same decide() as HTTP/1.1 (rule, rate
 * limits, action, pool, member, cookies), then answered locally or forwarded to the member, over HTTP/2
 * (member-sessions.ts: grpc and grpcs pools, http2 pools) or HTTP/1.1 (Node's http client, keep-alive).
 *
 * - Streaming both ways with pipe(): node:http2 grants the peer flow-control window only as the proxy reads,
 *   so a slow reader on one side stops the other side's sender (memory stays bounded by the windows).
 * - Trailers both ways on HTTP/2 members: the client's request trailers (a client-streaming call's metadata) go
 *   to the member after the last DATA frame (waitForTrailers), none giving an empty DATA frame with END_STREAM.
 *   An HTTP/1.1 member gets them in the chunked body's trailer section.
 * - Trailers from the member (gRPC's grpc-status) go to the client. When the member fails mid-stream, a
 *   gRPC client gets trailers with grpc-status 14 (UNAVAILABLE), any other client a RST_STREAM.
 * - Cancellation: a client RST_STREAM cancels the member stream (RST_STREAM CANCEL), and a member RST_STREAM
 *   before the response is a failed attempt (passive health, retry as for HTTP/1.1).
 * - Local answers to a gRPC client are HTTP 200 with grpc-status and grpc-message (lib/model/grpc.ts).
 * The member stream's body is piped only once the member's session is connected, so a refused connection is
 * retried on another member with nothing lost (retry.ts decides, as for HTTP/1.1).
 */
import { request as httpRequest, type Agent, type IncomingMessage } from 'node:http';
import { constants, type ClientHttp2Stream, type IncomingHttpHeaders, type ServerHttp2Stream } from 'node:http2';
import { request as httpsRequest } from 'node:https';
import { grpcStatusForHttp } from '../../../lib/model/grpc';
import type { FrontendModel } from '../../../lib/model/types';
import type { FrontendStats } from '../admin/metrics';
import { clientIp } from '../address';
import { MemberHold } from '../balancer/member-hold';
import type { Member, MemberConnection } from '../balancer/member';
import type { PoolRuntime } from '../balancer/pool';
import { decide, type Decision, type DecisionState, type Forward } from '../http/decide';
import { exchangeLogEntry, ExchangeRecord } from '../http/exchange-log';
import { isRefusal, type Inspected } from '../http/inspect';
import { repinned, responseCookies, type SessionCookies } from '../http/persistence';
import { statusText } from '../http/raw';
import { Retries } from '../http/retry';
import { CLIENT_CLOSED } from '../http/transaction';
import type { ProxyRuntime } from '../runtime';
import type { MemberSessions } from './member-sessions';
import { clientResponseHeaders, grpcMessage, http1MemberHeaders, inspectH2, isGrpcRequest, memberHeaders, rawHeadersOf } from './request';

/** What an HTTP/2 exchange needs of its frontend. */
export interface H2Host extends DecisionState {
  readonly runtime: ProxyRuntime;
  readonly model: FrontendModel;
  readonly stats: FrontendStats;
  readonly secure: boolean;
  readonly portText: string;
  readonly localPort: number;
  readonly memberTimeoutMs: number;
  readonly memberSessions: MemberSessions;
  /** Keep-alive agents for HTTP/1.1 members. */
  http1Agent(tls: boolean): Agent;
  badRequest(reason: string, status: number): void;
}

const END_STREAM = constants.NGHTTP2_FLAG_END_STREAM;

export class H2Exchange implements MemberConnection {
  private readonly inspected: Inspected;
  private readonly rawHeaders: string[];
  private readonly grpc: boolean;
  private readonly clientIp: string;
  /** The client connection (the stream's session may be gone by the time the stream closes). */
  private readonly socket: import('node:net').Socket | undefined;
  private decision!: Decision;
  private pool: PoolRuntime | undefined;
  private member: Member | undefined;
  private cookies: SessionCookies | undefined;
  private readonly hold = new MemberHold();
  private attempts = 0;
  private retries: Retries | undefined;
  private h2up: ClientHttp2Stream | undefined;
  private h1up: ReturnType<typeof httpRequest> | undefined;
  /** The client's request trailers (pseudo and hop-by-hop fields dropped), for an HTTP/2 member. */
  private requestTrailers: Record<string, string | string[]> = {};
  /** Trailers for the client: the member's, or the proxy's own gRPC status after a member failure. */
  private trailers: Record<string, string | string[]> = {};
  private status = 0;
  /** Times, member status and error reason, for the access log. */
  private readonly record = new ExchangeRecord();
  private finished = false;
  private bodyPiped = false;

  constructor(
    private readonly host: H2Host,
    private readonly stream: ServerHttp2Stream,
    private readonly headers: IncomingHttpHeaders,
  ) {
    const inspected = inspectH2(headers);
    this.rawHeaders = rawHeadersOf(headers);
    this.grpc = isGrpcRequest(headers);
    this.socket = stream.session?.socket as import('node:net').Socket | undefined;
    this.clientIp = clientIp(this.socket?.remoteAddress);
    this.inspected = isRefusal(inspected)
      ? {
          host: String(headers[':authority'] ?? ''),
          hostFromTarget: false,
          path: String(headers[':path'] ?? ''),
          query: '',
          target: String(headers[':path'] ?? ''),
          body: 'chunked',
          contentLength: '',
          connectionHeaders: undefined,
          upgrade: false,
          connectionUpgrade: false,
          connectionClose: false,
          connectionKeepAlive: false,
          expect: undefined,
        }
      : inspected;
    stream.on('error', () => undefined);
    stream.once('close', this.onClose);
    stream.on('wantTrailers', () => {
      if (!stream.destroyed) stream.sendTrailers(this.trailers);
    });
    this.decision = decide(host, {
      method: String(headers[':method'] ?? ''),
      rawHeaders: this.rawHeaders,
      inspected,
      clientIp: this.clientIp,
      localAddress: stream.session?.socket?.localAddress ?? '127.0.0.1',
      localPort: host.localPort,
      now: Date.now(),
    });
  }

  start(): void {
    const d = this.decision;
    this.pool = d.kind === 'forward' || d.kind === 'no-member' ? d.pool : undefined;
    switch (d.kind) {
      case 'refused':
        this.record.errorReason = d.refusal.reason;
        this.host.badRequest(d.refusal.reason, d.refusal.status);
        return this.reply(d.refusal.status, `${d.refusal.status} ${statusText(d.refusal.status)}: ${d.refusal.message}\n`);
      case 'blocked':
        this.record.errorReason = `Protection:${d.reason}`;
        this.host.stats.blocked(d.reason);
        return this.reply(403, `403 Forbidden: the client address is refused by protection (${d.reason})\n`);
      case 'rate-limited':
        this.record.errorReason = `RateLimited:${d.limit}`;
        this.host.stats.limited(d.limit);
        return this.reply(d.status, `${d.status} Too Many Requests: rate limit '${d.limit}'\n`, { 'retry-after': String(d.retryAfterSeconds) });
      case 'redirect':
        return this.reply(d.status, '', { location: d.location });
      case 'fixed-response': {
        const action = d.rule ? d.rule.action : this.host.model.defaultAction;
        const grpcStatus = action?.type === 'fixed-response' ? action.grpcStatus : undefined;
        return this.reply(d.status, d.body, {}, d.contentType, grpcStatus);
      }
      case 'no-member':
        this.record.errorReason = 'NoHealthyTargets';
        return this.reply(503, `503 Service Unavailable: ${d.why}\n`);
      case 'forward':
        return this.forward(d);
    }
  }

  // --- local answers -------------------------------------------------------------------------------------

  /** An answer of the proxy itself; a gRPC client gets it as a gRPC status (trailers-only response). */
  private reply(status: number, body: string, extra: Record<string, string> = {}, contentType = 'text/plain; charset=utf-8', grpcStatus?: number): void {
    const stream = this.stream;
    if (stream.destroyed || stream.headersSent) return;
    this.status = status;
    // Whatever body the client still sends is read and dropped: its flow-control window must keep moving.
    stream.resume();
    if (this.grpc) {
      stream.respond(
        {
          ':status': 200,
          'content-type': 'application/grpc',
          'grpc-status': String(grpcStatus ?? grpcStatusForHttp(status)),
          'grpc-message': grpcMessage(body || statusText(status)),
          ...extra,
        },
        { endStream: true },
      );
      return;
    }
    stream.respond({ ':status': status, 'content-type': contentType, 'content-length': String(Buffer.byteLength(body)), ...extra });
    stream.end(body);
  }

  // --- forwarding ----------------------------------------------------------------------------------------

  private forward(d: Forward): void {
    this.cookies = d.cookies;
    // Node emits a stream's trailers before its 'end', so they are here when the member stream asks for them.
    this.stream.once('trailers', (trailers) => {
      this.requestTrailers = clientResponseHeaders(trailers, undefined) as Record<string, string | string[]>;
    });
    this.attempt(d.member);
  }

  private attempt(m: Member): void {
    const pool = this.pool!;
    this.attempts++;
    this.member = m;
    this.hold.take(pool, m, this);
    this.record.dispatched = performance.now();
    if (pool.model.http2) this.attemptH2(m, pool);
    else this.attemptH1(m, pool);
  }

  private fwd() {
    return { clientIp: this.clientIp, proto: this.host.secure ? ('https' as const) : ('http' as const), port: this.host.portText };
  }

  private attemptH2(m: Member, pool: PoolRuntime): void {
    const tls = pool.model.protocol === 'https' || pool.model.protocol === 'grpcs';
    const { session, connected } = this.host.memberSessions.use(m, tls);
    const up = session.request(memberHeaders(this.headers, this.inspected, tls ? 'https' : 'http', this.fwd()), { endStream: false, waitForTrailers: true });
    this.h2up = up;
    up.on('wantTrailers', () => {
      if (!up.destroyed) up.sendTrailers(this.requestTrailers);
    });
    let wasConnected = connected;
    const pipeBody = () => {
      wasConnected = true;
      if (this.h2up !== up || this.bodyPiped) return;
      this.bodyPiped = true;
      this.stream.pipe(up);
    };
    if (connected) pipeBody();
    else session.once('connect', pipeBody);
    up.setTimeout(this.host.memberTimeoutMs, () => this.onMemberTimeout());
    up.on('response', (headers, flags) => {
      if (this.h2up !== up) return;
      const endStream = (flags & END_STREAM) !== 0;
      this.onMemberHead(Number(headers[':status']), headers, endStream);
      if (!endStream && !this.stream.destroyed) up.pipe(this.stream);
    });
    up.on('trailers', (trailers) => {
      this.trailers = clientResponseHeaders(trailers, undefined) as Record<string, string | string[]>;
    });
    let failed = false;
    const fail = (reason: string) => {
      if (failed || this.h2up !== up) return;
      failed = true;
      this.onMemberFailure(reason, wasConnected);
    };
    up.on('error', (err: NodeJS.ErrnoException) => fail(err.code ?? 'error'));
    up.once('close', () => {
      // A stream the member reset, or whose session died, before it ended.
      if (up.rstCode !== undefined && up.rstCode !== constants.NGHTTP2_NO_ERROR && !up.readableEnded) fail(`rst-${up.rstCode}`);
      else if (!up.readableEnded && !this.record.responded) fail('closed');
    });
  }

  private attemptH1(m: Member, pool: PoolRuntime): void {
    const tls = pool.model.protocol === 'https';
    const send = tls ? httpsRequest : httpRequest;
    const req = send({
      host: m.host,
      port: m.port,
      method: String(this.headers[':method']),
      path: this.inspected.target,
      headers: http1MemberHeaders(this.headers, this.inspected, this.fwd()),
      agent: this.host.http1Agent(tls),
      rejectUnauthorized: false,
    });
    this.h1up = req;
    let connected = false;
    req.on('socket', (socket) => {
      const go = () => {
        connected = true;
        if (this.h1up !== req || this.bodyPiped) return;
        this.bodyPiped = true;
        // The client's trailers (here by 'end') go after the last chunk; an HTTP/1.1 body with a
        // Content-Length has no place for them, and Node then drops them, as RFC 9110 §6.5 allows.
        this.stream.pipe(req, { end: false });
        const finish = () => {
          if (Object.keys(this.requestTrailers).length) req.addTrailers(this.requestTrailers);
          req.end();
        };
        if (this.stream.readableEnded) finish();
        else this.stream.once('end', finish);
      };
      if ((socket as { connecting?: boolean }).connecting) socket.once(tls ? 'secureConnect' : 'connect', go);
      else go();
    });
    req.setTimeout(this.host.memberTimeoutMs, () => this.onMemberTimeout());
    req.on('response', (res: IncomingMessage) => {
      if (this.h1up !== req) return;
      this.onMemberHead(res.statusCode ?? 502, res.headers, false);
      res.on('end', () => {
        this.trailers = clientResponseHeaders(res.trailers, undefined) as Record<string, string | string[]>;
      });
      res.on('error', () => this.onMemberFailure('response-error', true));
      if (!this.stream.destroyed) res.pipe(this.stream);
    });
    req.on('error', (err: NodeJS.ErrnoException) => {
      if (this.h1up === req) this.onMemberFailure(err.code ?? 'error', connected);
    });
  }

  private onMemberHead(status: number, headers: IncomingHttpHeaders, endStream: boolean): void {
    const pool = this.pool!;
    const m = this.member!;
    this.record.responded = performance.now();
    this.record.targetStatus = status;
    this.status = status;
    if (status >= 500) pool.failed(m);
    else pool.succeeded(m, this.record.responded - this.record.dispatched);
    if (this.stream.destroyed) return;
    const raw = rawHeadersOf(headers);
    const cookies = responseCookies(this.cookies!, pool, m, raw, this.host.secure);
    this.stream.respond({ ':status': status, ...clientResponseHeaders(headers, cookies) }, endStream ? { endStream: true } : { waitForTrailers: true });
  }

  /** The member's stream failed (refused, reset, session gone). Before the response: retry or 502; after: end with an error. */
  private onMemberFailure(reason: string, connected: boolean): void {
    if (this.finished) return;
    const pool = this.pool!;
    const m = this.member!;
    pool.failed(m);
    this.detachMember();
    if (this.record.responded) {
      this.record.errorReason = `TargetResponseError:${reason}`;
      if (this.grpc && !this.stream.destroyed) {
        // The client already has the response head: the call ends with UNAVAILABLE in trailers.
        this.trailers = { 'grpc-status': String(14), 'grpc-message': grpcMessage(`member ${m.address} failed mid-stream (${reason})`) };
        this.stream.end();
      } else this.stream.close(constants.NGHTTP2_INTERNAL_ERROR);
      return;
    }
    // Only a refused connection is retried: a stream the member took may have run the call.
    this.retries ??= new Retries(pool, String(this.headers[':method']), true, false);
    const next = connected ? undefined : this.retries.next({ member: m, connected: false, reused: false }, this.attempts, this.clientIp, Date.now());
    if (next) {
      if (next.member !== m) this.cookies = repinned(this.cookies!, pool, next.member, this.host.secure);
      this.attempt(next.member);
      return;
    }
    if (this.retries.budgetExhausted) {
      this.record.errorReason = 'RetryBudgetExhausted';
      this.reply(503, '503 Service Unavailable\n');
      return;
    }
    this.record.errorReason = connected ? `TargetResponseError:${reason}` : `TargetConnectionError:${reason}`;
    this.reply(502, '502 Bad Gateway\n');
  }

  private onMemberTimeout(): void {
    if (this.finished) return;
    this.pool!.failed(this.member!);
    this.detachMember();
    if (this.record.responded) {
      this.record.errorReason = 'TargetTimeout';
      this.stream.close(constants.NGHTTP2_CANCEL);
      return;
    }
    this.record.errorReason = 'TargetTimeout';
    this.reply(504, '504 Gateway Timeout\n');
  }

  /** Stops the current attempt: its member stream is cancelled and the member released. */
  private detachMember(): void {
    const h2 = this.h2up;
    const h1 = this.h1up;
    this.h2up = undefined;
    this.h1up = undefined;
    if (h2) {
      this.stream.unpipe(h2);
      if (!h2.closed) h2.close(constants.NGHTTP2_CANCEL);
    }
    if (h1) {
      this.stream.unpipe(h1);
      h1.destroy();
    }
    this.bodyPiped = false;
    this.hold.release();
  }

  /** Draining ran out of time: cut both sides. */
  destroy(): void {
    this.detachMember();
    this.stream.close(constants.NGHTTP2_CANCEL);
  }

  private readonly onClose = (): void => {
    if (this.finished) return;
    this.finished = true;
    // The client reset the stream or went away: the member stream is cancelled too (RST_STREAM CANCEL).
    const ended = this.stream.rstCode === constants.NGHTTP2_NO_ERROR && this.stream.writableFinished;
    if (this.h2up && !this.h2up.closed) this.h2up.close(constants.NGHTTP2_CANCEL);
    if (this.h1up && !ended) this.h1up.destroy();
    this.h2up = undefined;
    this.h1up = undefined;
    this.hold.release();
    const status = ended || this.status ? (ended ? this.status : CLIENT_CLOSED) : CLIENT_CLOSED;
    const d = this.decision;
    this.host.stats.record(d.rule, this.pool, this.member, status, (performance.now() - this.record.arrived) / 1000);
    const log = this.host.runtime.accessLog;
    if (!log) return;
    const socket = this.socket;
    if (!socket) return;
    log.write(
      exchangeLogEntry(this.host, d, this.record, {
        type: this.grpc ? (this.host.secure ? 'grpcs' : 'grpc') : this.host.secure ? 'h2' : 'h2c',
        socket,
        method: String(this.headers[':method'] ?? '-'),
        httpVersion: '2.0',
        rawHeaders: this.rawHeaders,
        inspected: this.inspected,
        clientIp: this.clientIp,
        pool: this.pool,
        member: this.member,
        status,
      }),
    );
  };
}
