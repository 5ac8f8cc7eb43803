/**
 * An http or https frontend: the proxy's own HTTP/1.1 server (server/) whose request handler executes the
 * frontend's model. Each request, plain or upgrade, is inspected (inspect.ts: framing checks before
 * anything goes upstream), decided once (decide.ts: rule, rate limits, action, pool, member, cookies) and
 * executed by a transaction (transaction.ts). Protection: header timeout (408), header size (431), malformed
 * input (400) from the request parser.
 */
import type { Server, Socket } from 'node:net';
import type { TlsOptions } from 'node:tls';
import type { ActionModel, FrontendModel } from '../../../lib/model/types';
import { accessLogEntry } from '../access-log';
import type { FrontendStats } from '../admin/metrics';
import { clientIp } from '../address';
import type { PoolRuntime } from '../balancer/pool';
import { listenOn, SourceFilter } from '../listen';
import type { ProxyRuntime } from '../runtime';
import { decide, type DecisionState } from './decide';
import type { Inspected, Refusal } from './inspect';
import { FrontendRateLimits } from './rate-limit';
import { rawReply } from './raw';
import type { ClientRequest, ClientResponse } from './server/exchange';
import { HttpListener, type RequestHandler } from './server/listener';
import { Transaction, type TransactionHost, type UpgradeRequest } from './transaction';
import { UpgradeClient } from './upgrade-client';
import { firstHeader } from './view';
import { WeightedSplit } from './weighted';
import { Agent as HttpAgent } from 'node:http';
import { Agent as HttpsAgent } from 'node:https';
import type { H2Host } from '../http2/exchange';
import { MemberSessions } from '../http2/member-sessions';
import { H2_DEFAULTS, H2Sessions } from '../http2/server';
import { IpProtection } from './ip-protection';

/**
 * The listening socket of a port that several frontends share (listeners with host names:
 * listener-binding.ts): it listens and keeps the connections; each frontend handles the requests bound to it.
 */
export interface SharedListener {
  readonly server: Server;
  readonly localPort: number;
  listen(host: string, port: number): Promise<void>;
  closeIdleConnections(): void;
  closeAllConnections(): void;
}

export class HttpFrontend implements RequestHandler, DecisionState, TransactionHost, H2Host {
  readonly server: Server;
  /** The frontend's own listener; undefined when it shares its port's (`shared`). */
  private readonly listener: HttpListener | undefined;
  readonly stats: FrontendStats;
  readonly limits: FrontendRateLimits;
  readonly protection: IpProtection | undefined;
  readonly pools: ReadonlyMap<string, PoolRuntime>;
  readonly splits = new Map<ActionModel, WeightedSplit>();
  readonly scheme: 'http' | 'https';
  readonly secure: boolean;
  readonly mtls: boolean;
  /** Member silent this long before its response headers: 504 (the frontend's idle timeout). */
  readonly memberTimeoutMs: number;
  localPort = 0;
  portText = '0';
  private readonly sources: SourceFilter;
  /** HTTP/2 to members (grpc, grpcs and http2 pools), one session per member. */
  readonly memberSessions: MemberSessions;
  /** The HTTP/2 side, when the frontend speaks HTTP/2 to clients. */
  private readonly h2: H2Sessions | undefined;
  private readonly agents: { http?: HttpAgent; https?: HttpsAgent } = {};

  constructor(
    readonly runtime: ProxyRuntime,
    readonly model: FrontendModel,
    tls: TlsOptions | undefined,
    private readonly shared?: SharedListener,
  ) {
    this.scheme = model.protocol === 'https' ? 'https' : 'http';
    this.secure = this.scheme === 'https';
    this.mtls = model.tls?.clientCertificateTrust !== undefined;
    this.stats = runtime.metrics.frontend(model.name);
    this.limits = new FrontendRateLimits(model.name, runtime.rateLimits);
    this.protection = IpProtection.of(runtime.model.protection, model.name);
    this.pools = runtime.pools;
    this.sources = new SourceFilter(model.allowedSourceCidrs);
    const idleMs = runtime.time.ms(model.idleTimeoutSeconds);
    this.memberTimeoutMs = idleMs;
    for (const rule of model.rules) this.addSplit(rule.action, rule.id);
    if (model.defaultAction) this.addSplit(model.defaultAction, undefined);

    const t = runtime.tunables;
    const settings = { maxHeadBytes: t.maxHeaderBytes, headersTimeoutMs: t.headersTimeoutMs, idleMs };
    this.memberSessions = new MemberSessions(t.memberKeepAliveMs);
    if (shared) {
      this.h2 = undefined;
      this.listener = undefined;
      this.server = shared.server;
      return;
    }
    this.h2 = model.http2 ? new H2Sessions(this, { ...H2_DEFAULTS, maxHeaderListSize: t.maxHeaderBytes, idleMs }) : undefined;
    const h2 = this.h2;
    this.listener = new HttpListener(this, settings, tls, (socket) => this.admit(socket), h2 ? (socket) => h2.accept(socket) : undefined);
    this.server = this.listener.server;
    this.server.on('tlsClientError', (_err: Error, socket: Socket) => {
      // A failed handshake (no or untrusted client certificate, protocol too old) is counted, not answered.
      this.stats.badRequest('tls-handshake');
      socket.destroy();
    });
  }

  private addSplit(action: ActionModel, ruleId: string | undefined): void {
    if (action.type === 'weighted-forward') {
      this.splits.set(action, new WeightedSplit(action, this.runtime.pools, this.model.name, ruleId, this.runtime.time, this.secure));
    }
  }

  /** Where the frontend with this spec port listens locally (redirects). */
  mapPort(specPort: number): number {
    return this.runtime.localPort(specPort);
  }

  async listen(host: string, port: number): Promise<void> {
    if (this.shared) await this.shared.listen(host, port);
    else await listenOn(this.server, this.model.name, host, port);
    this.localPort = (this.server.address() as { port: number }).port;
    this.portText = String(this.localPort);
  }

  /** Closes connections without an exchange in progress (stopping); HTTP/2 sessions get GOAWAY. */
  closeIdleConnections(): void {
    (this.listener ?? this.shared)?.closeIdleConnections();
    this.h2?.closeIdle();
  }

  closeAllConnections(): void {
    (this.listener ?? this.shared)?.closeAllConnections();
    this.h2?.closeAll();
    this.memberSessions.closeAll();
    this.agents.http?.destroy();
    this.agents.https?.destroy();
  }

  /** Keep-alive agents for HTTP/1.1 members of HTTP/2 requests. */
  http1Agent(tls: boolean): HttpAgent {
    const keepAlive = { keepAlive: true, keepAliveMsecs: this.runtime.tunables.memberKeepAliveMs };
    return tls ? (this.agents.https ??= new HttpsAgent({ ...keepAlive, rejectUnauthorized: false })) : (this.agents.http ??= new HttpAgent(keepAlive));
  }

  /** A new TCP connection: allowed sources only; counted while open (on a shared port: on its first frontend). */
  admit(socket: Socket): boolean {
    if (!this.sources.allows(socket.remoteAddress)) {
      this.stats.deniedConnections++;
      return false;
    }
    this.stats.activeConnections++;
    socket.once('close', () => this.stats.activeConnections--);
    return true;
  }

  /** Counts refused input and tells listeners. */
  badRequest(reason: string, status: number): void {
    this.stats.badRequest(reason);
    this.runtime.emit({ type: 'bad-request', frontend: this.model.name, reason, status });
  }

  /**
   * Input the connection cannot treat as a request (malformed, too large, too slow, CONNECT): counted and
   * answered with a close; only closed when a response is already in progress (never answered twice).
   */
  refuse(socket: Socket, status: number, reason: string, answer: boolean): void {
    this.badRequest(reason, status);
    const log = this.runtime.accessLog;
    if (log) {
      log.write(
        accessLogEntry({
          type: this.scheme,
          elb: this.runtime.model.name,
          frontend: this.model.name,
          client: `${clientIp(socket.remoteAddress)}:${socket.remotePort ?? 0}`,
          elb_status_code: status,
          received_bytes: socket.bytesRead ?? 0,
          actions_executed: 'refused',
          error_reason: reason,
          classification: 'Severe',
          classification_reason: reason,
        }),
      );
    }
    if (!answer || !socket.writable) {
      socket.destroy();
      return;
    }
    rawReply(socket, status);
    socket.once('finish', () => socket.destroy());
  }

  /** A valid upgrade request (the connection handed its socket over): decided and executed like any other. */
  onUpgrade(req: ClientRequest, socket: Socket, head: Buffer, inspected: Inspected): void {
    const client = new UpgradeClient(socket, req);
    const websocket = firstHeader(req.rawHeaders, 'upgrade')?.trim().toLowerCase() === 'websocket';
    this.onRequest(req, client.response, inspected, { websocket, head });
  }

  /** The request handler. Nothing a client sends may crash the proxy: an unexpected error answers 500. */
  onRequest(req: ClientRequest, res: ClientResponse, inspected: Inspected | Refusal, upgrade?: UpgradeRequest): void {
    try {
      const socket = req.socket;
      const ip = clientIp(socket.remoteAddress);
      const decision = decide(this, {
        method: req.method,
        rawHeaders: req.rawHeaders,
        inspected,
        clientIp: ip,
        localAddress: socket.localAddress ?? '127.0.0.1',
        localPort: this.localPort,
        now: Date.now(),
      });
      new Transaction(this, req, res, inspected, ip, decision, upgrade).start();
    } catch (e) {
      this.internalError(res, e);
    }
  }

  /** Counts an error of the proxy itself and ends the exchange (500 when nothing was sent yet). */
  internalError(res: ClientResponse | Socket, error: unknown): void {
    this.stats.badRequest('internal-error');
    this.runtime.emit({ type: 'internal-error', frontend: this.model.name, message: error instanceof Error ? error.message : String(error) });
    if ('headersSent' in res && !res.headersSent) {
      res.writeHead(500, 'Internal Server Error', ['Content-Type', 'text/plain; charset=utf-8', 'Content-Length', '26', 'Connection', 'close']);
      res.end('500 Internal Server Error\n');
    } else res.destroy();
  }
}
