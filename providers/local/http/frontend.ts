/**
 * An http or https frontend: a Node HTTP server whose request handler executes the frontend's model:
 * validate (inspect.ts), route (lib/model/match.ts selectRule: the semantics), count rate limits, then the
 * action. Protection: header timeout (408), header size (431), malformed input (400) through Node's parser
 * and our clientError handler; framing checks (inspect.ts) before anything goes upstream.
 */
import { createServer as createHttpServer, ServerResponse, type IncomingMessage, type Server } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { Socket } from 'node:net';
import type { Duplex } from 'node:stream';
import type { TlsOptions } from 'node:tls';
import { selectRule } from '../../../lib/model/match';
import type { ActionModel, FrontendModel } from '../../../lib/model/types';
import { accessLogEntry } from '../access-log';
import type { FrontendStats } from '../admin/metrics';
import { clientIp } from '../address';
import type { ProxyRuntime } from '../runtime';
import { listenOn, SourceFilter } from '../listen';
import { inspectRequest, isRefusal, unvalidated, type Inspected, type Refusal } from './inspect';
import { FrontendRateLimits } from './rate-limit';
import { rawReply, statusText } from './raw';
import { redirectLocation, type RedirectAction } from './redirect';
import { Transaction } from './transaction';
import { handleUpgrade } from './upgrade';
import { HttpRequestView } from './view';
import { WeightedSplit } from './weighted';

/** Node parser error codes by our reason codes. */
function clientErrorReason(code: string | undefined): { status: number; reason: string } | undefined {
  // TLS failures are counted once, by the tlsClientError handler.
  if (code?.startsWith('ERR_SSL_')) return undefined;
  switch (code) {
    case 'ECONNRESET':
    case 'EPIPE':
      return undefined;
    case 'HPE_HEADER_OVERFLOW':
      return { status: 431, reason: 'header-too-large' };
    case 'ERR_HTTP_REQUEST_TIMEOUT':
      return { status: 408, reason: 'header-timeout' };
    case 'HPE_INVALID_TRANSFER_ENCODING':
    case 'HPE_UNEXPECTED_CONTENT_LENGTH':
    case 'HPE_INVALID_CONTENT_LENGTH':
      return { status: 400, reason: 'smuggling' };
    case 'HPE_INVALID_CHUNK_SIZE':
    case 'HPE_CR_EXPECTED':
    case 'HPE_LF_EXPECTED':
    case 'HPE_STRICT':
      return { status: 400, reason: 'body-framing' };
    default:
      return { status: 400, reason: 'malformed' };
  }
}

export class HttpFrontend {
  readonly server: Server;
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
  /** Connections whose request we refused: the parser's complaints about the rest are not counted again. */
  private readonly refused = new WeakSet<object>();

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
    const options = {
      maxHeaderSize: t.maxHeaderBytes,
      headersTimeout: t.headersTimeoutMs,
      requestTimeout: 0,
      keepAliveTimeout: idleMs,
      connectionsCheckingInterval: Math.max(10, Math.min(1000, Math.floor(t.headersTimeoutMs / 4))),
      requireHostHeader: false,
      joinDuplicateHeaders: false,
      noDelay: true,
    };
    const onRequest = (req: IncomingMessage, res: ServerResponse) => this.handle(req, res);
    this.server = tls ? createHttpsServer({ ...options, ...tls }, onRequest) : createHttpServer(options, onRequest);
    this.server.on('connection', (socket: Socket) => this.onConnection(socket));
    this.server.on('clientError', (err: NodeJS.ErrnoException, socket: Duplex) => this.onClientError(err, socket));
    this.server.on('tlsClientError', (_err: Error, socket: Duplex) => {
      // A failed handshake (no or untrusted client certificate, protocol too old) is counted, not answered.
      this.stats.badRequest('tls-handshake');
      socket.destroy();
    });
    this.server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
      try {
        handleUpgrade(this, req, socket as Socket, head);
      } catch (e) {
        this.internalError(socket, e);
      }
    });
    this.server.on('connect', (_req: IncomingMessage, socket: Duplex) => this.refuseRaw(socket, 501, 'connect-method'));
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

  private onConnection(socket: Socket): void {
    if (!this.sources.allows(socket.remoteAddress)) {
      this.stats.deniedConnections++;
      socket.destroy();
      return;
    }
    this.stats.activeConnections++;
    socket.once('close', () => this.stats.activeConnections--);
  }

  /** Counts refused input and tells listeners. */
  badRequest(reason: string, status: number): void {
    this.stats.badRequest(reason);
    this.runtime.emit({ type: 'bad-request', frontend: this.model.name, reason, status });
  }

  private onClientError(err: NodeJS.ErrnoException, socket: Duplex): void {
    const verdict = clientErrorReason(err.code);
    if (!verdict) {
      socket.destroy();
      return;
    }
    this.refuseRaw(socket, verdict.status, verdict.reason);
  }

  /** Answers bad input on a connection whose parser gave up, then closes it. */
  refuseRaw(socket: Duplex, status: number, reason: string): void {
    if (this.refused.has(socket)) {
      socket.destroy();
      return;
    }
    this.refused.add(socket);
    this.badRequest(reason, status);
    const log = this.runtime.accessLog;
    if (log) {
      const s = socket as Socket;
      log.write(accessLogEntry({
        type: this.scheme, elb: this.runtime.model.name, frontend: this.model.name, client: `${clientIp(s.remoteAddress)}:${s.remotePort ?? 0}`,
        elb_status_code: status, received_bytes: s.bytesRead ?? 0, actions_executed: 'refused', error_reason: reason,
        classification: 'Severe', classification_reason: reason,
      }));
    }
    // A request already in progress (a body that turned out malformed): its exchange is cut, never answered twice.
    const inProgress = (socket as { _httpMessage?: ServerResponse })._httpMessage;
    if (!socket.writable || inProgress) {
      socket.destroy();
      return;
    }
    rawReply(socket, status);
    socket.once('finish', () => socket.destroy());
  }

  /** The request handler. Nothing a client sends may crash the proxy: an unexpected error answers 500. */
  private handle(req: IncomingMessage, res: ServerResponse): void {
    try {
      this.route(req, res);
    } catch (e) {
      this.internalError(res, e);
    }
  }

  /** Counts an error of the proxy itself and ends the exchange (500 when nothing was sent yet). */
  internalError(res: ServerResponse | Duplex, error: unknown): void {
    this.stats.badRequest('internal-error');
    this.runtime.emit({ type: 'internal-error', frontend: this.model.name, message: error instanceof Error ? error.message : String(error) });
    if (res instanceof ServerResponse && !res.headersSent) {
      res.writeHead(500, ['Content-Type', 'text/plain; charset=utf-8', 'Connection', 'close']).end('500 Internal Server Error\n');
    } else res.destroy();
  }

  private route(req: IncomingMessage, res: ServerResponse): void {
    const inspected = inspectRequest(req);
    const ip = clientIp(req.socket.remoteAddress);
    if (isRefusal(inspected)) {
      this.refuse(new Transaction(this, req, res, unvalidated(req), ip), inspected);
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

  private refuse(tx: Transaction, refusal: Refusal): void {
    this.refused.add(tx.req.socket);
    this.badRequest(refusal.reason, refusal.status);
    tx.action = 'refused';
    tx.errorReason = refusal.reason;
    tx.reply(refusal.status, `${refusal.status} ${statusText(refusal.status)}: ${refusal.message}\n`, undefined, true);
  }
}
