/**
 * An http or https frontend: the proxy's own HTTP/1.1 server (server/) whose request handler executes the
 * frontend's model: validate (inspect.ts), route (lib/model/match.ts selectRule: the semantics), count rate
 * limits, then the action. Protection: header timeout (408), header size (431), malformed input (400) from
 * the request parser; framing checks (inspect.ts) before anything goes upstream.
 */
import type { Server, Socket } from 'node:net';
import type { TlsOptions } from 'node:tls';
import { selectRule } from '../../../lib/model/match';
import type { ActionModel, FrontendModel } from '../../../lib/model/types';
import { accessLogEntry } from '../access-log';
import type { FrontendStats } from '../admin/metrics';
import { clientIp } from '../address';
import type { ProxyRuntime } from '../runtime';
import { listenOn, SourceFilter } from '../listen';
import { isRefusal, unvalidated, type Inspected, type Refusal } from './inspect';
import { FrontendRateLimits } from './rate-limit';
import { rawReply, statusText } from './raw';
import { redirectLocation, type RedirectAction } from './redirect';
import type { ClientRequest, ClientResponse } from './server/exchange';
import { HttpListener, type RequestHandler } from './server/listener';
import { Transaction } from './transaction';
import { handleUpgrade } from './upgrade';
import { HttpRequestView } from './view';
import { WeightedSplit } from './weighted';

export class HttpFrontend implements RequestHandler {
  readonly server: Server;
  private readonly listener: HttpListener;
  readonly stats: FrontendStats;
  readonly limits: FrontendRateLimits;
  readonly scheme: 'http' | 'https';
  readonly secure: boolean;
  readonly mtls: boolean;
  /** Member silent this long before its response headers: 504 (the frontend's idle timeout). */
  readonly memberTimeoutMs: number;
  localPort = 0;
  portText = '0';
  private readonly splits = new Map<ActionModel, WeightedSplit>();
  private readonly httpsRedirect: RedirectAction | undefined;
  private readonly sources: SourceFilter;

  constructor(readonly runtime: ProxyRuntime, readonly model: FrontendModel, tls: TlsOptions | undefined) {
    this.scheme = model.protocol === 'https' ? 'https' : 'http';
    this.secure = this.scheme === 'https';
    this.mtls = model.tls?.clientCertificateTrust !== undefined;
    this.stats = runtime.metrics.frontend(model.name);
    this.limits = new FrontendRateLimits(model.name, runtime.rateLimits);
    this.sources = new SourceFilter(model.allowedSourceCidrs);
    const idleMs = runtime.time.ms(model.idleTimeoutSeconds);
    this.memberTimeoutMs = idleMs;
    const r = model.redirectHttpToHttps;
    this.httpsRedirect = r ? { type: 'redirect', scheme: 'https', port: r.port, statusCode: r.statusCode } : undefined;
    for (const rule of model.rules) this.addSplit(rule.action, rule.id);
    if (model.defaultAction) this.addSplit(model.defaultAction, undefined);

    const t = runtime.tunables;
    const settings = { maxHeadBytes: t.maxHeaderBytes, headersTimeoutMs: t.headersTimeoutMs, idleMs };
    this.listener = new HttpListener(this, settings, tls, (socket) => this.admit(socket));
    this.server = this.listener.server;
    this.server.on('tlsClientError', (_err: Error, socket: Socket) => {
      // A failed handshake (no or untrusted client certificate, protocol too old) is counted, not answered.
      this.stats.badRequest('tls-handshake');
      socket.destroy();
    });
  }

  /** The weighted split of a weighted-forward action of this frontend. */
  splitFor(action: ActionModel): WeightedSplit {
    return this.splits.get(action)!;
  }

  private addSplit(action: ActionModel, ruleId: string | undefined): void {
    if (action.type === 'weighted-forward') {
      this.splits.set(action, new WeightedSplit(action, this.runtime.pools, this.model.name, ruleId, this.runtime.time, this.secure));
    }
  }

  async listen(host: string, port: number): Promise<void> {
    await listenOn(this.server, this.model.name, host, port);
    this.localPort = (this.server.address() as { port: number }).port;
    this.portText = String(this.localPort);
  }

  /** Closes connections without an exchange in progress (stopping). */
  closeIdleConnections(): void {
    this.listener.closeIdleConnections();
  }

  closeAllConnections(): void {
    this.listener.closeAllConnections();
  }

  /** A new TCP connection: allowed sources only; counted while open. */
  private admit(socket: Socket): boolean {
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
      log.write(accessLogEntry({
        type: this.scheme, elb: this.runtime.model.name, frontend: this.model.name, client: `${clientIp(socket.remoteAddress)}:${socket.remotePort ?? 0}`,
        elb_status_code: status, received_bytes: socket.bytesRead ?? 0, actions_executed: 'refused', error_reason: reason,
        classification: 'Severe', classification_reason: reason,
      }));
    }
    if (!answer || !socket.writable) {
      socket.destroy();
      return;
    }
    rawReply(socket, status);
    socket.once('finish', () => socket.destroy());
  }

  /** A valid upgrade request (the connection handed its socket over). */
  onUpgrade(req: ClientRequest, socket: Socket, head: Buffer): void {
    try {
      handleUpgrade(this, req, socket, head);
    } catch (e) {
      this.internalError(socket, e);
    }
  }

  /** The request handler. Nothing a client sends may crash the proxy: an unexpected error answers 500. */
  onRequest(req: ClientRequest, res: ClientResponse, inspected: Inspected | Refusal): void {
    try {
      this.route(req, res, inspected);
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

  private route(req: ClientRequest, res: ClientResponse, inspected: Inspected | Refusal): void {
    const ip = clientIp(req.socket.remoteAddress);
    if (isRefusal(inspected)) {
      this.refuseRequest(new Transaction(this, req, res, unvalidated(req), ip), inspected);
      return;
    }
    const tx = new Transaction(this, req, res, inspected, ip);
    let action: ActionModel;
    if (this.httpsRedirect) {
      action = this.httpsRedirect;
    } else {
      // A frontend without rules (a plain forward) skips building the request view.
      const rule = this.model.rules.length ? selectRule(this.model, new HttpRequestView(req, inspected, ip)) : undefined;
      tx.rule = rule;
      action = rule ? rule.action : this.model.defaultAction!;
    }
    if (!this.limits.empty) {
      const refused = this.limits.check(tx.rule, req.rawHeaders, ip, Date.now());
      if (refused) {
        this.stats.limited(refused.limit.model.name);
        tx.action = 'rate-limit';
        tx.errorReason = `RateLimited:${refused.limit.model.name}`;
        const status = refused.limit.model.responseStatus;
        tx.reply(status, `${status} Too Many Requests: rate limit '${refused.limit.model.name}'\n`, ['Retry-After', String(refused.retryAfterSeconds)]);
        return;
      }
    }
    this.execute(tx, action, inspected);
  }

  private execute(tx: Transaction, action: ActionModel, inspected: Inspected): void {
    switch (action.type) {
      case 'forward':
        tx.forward(this.runtime.pools.get(action.pool)!);
        return;
      case 'weighted-forward': {
        const pool = this.splitFor(action).choose(tx.req.rawHeaders, tx);
        if (pool) tx.forward(pool);
        else {
          tx.errorReason = 'NoHealthyTargets';
          tx.reply(503, '503 Service Unavailable: every pool of the split has weight 0\n');
        }
        return;
      }
      case 'redirect': {
        const location = redirectLocation(action, {
          scheme: this.scheme,
          host: inspected.host,
          localAddress: tx.req.socket.localAddress ?? '127.0.0.1',
          localPort: this.localPort,
          path: inspected.path,
          query: inspected.query,
          mapPort: (p) => this.runtime.localPort(p),
        });
        tx.action = 'redirect';
        tx.redirectUrl = location;
        tx.reply(action.statusCode, '', ['Location', location]);
        return;
      }
      case 'fixed-response':
        tx.action = 'fixed-response';
        tx.reply(action.statusCode, action.body, undefined, false, action.contentType);
        return;
    }
  }

  private refuseRequest(tx: Transaction, refusal: Refusal): void {
    this.badRequest(refusal.reason, refusal.status);
    tx.action = 'refused';
    tx.errorReason = refusal.reason;
    tx.reply(refusal.status, `${refusal.status} ${statusText(refusal.status)}: ${refusal.message}\n`, undefined, true);
  }
}
