/**
 * One listening socket for the http (or https) frontends that share a port, or for a single frontend that
 * serves only some host names (listeners with host names, issue 16). Each request is bound to one frontend by
 * the TLS connection's SNI, then by Host (lib/model/listeners.ts), and handled by that frontend alone: its
 * rules, rate limits and statistics. Host naming a frontend other than the SNI's gets 421 Misdirected Request;
 * Host that no frontend serves gets 404. HTTP/2 streams are bound the same way, by :authority.
 */
import type { Server, Socket } from 'node:net';
import type { TLSSocket, TlsOptions } from 'node:tls';
import type { IncomingHttpHeaders, ServerHttp2Stream } from 'node:http2';
import { bindRequest, bindServerName } from '../../../lib/model/listeners';
import type { FrontendModel } from '../../../lib/model/types';
import { listenOn, SourceFilter } from '../listen';
import type { ProxyRuntime } from '../runtime';
import { H2_DEFAULTS, H2Sessions } from '../http2/server';
import { HttpFrontend, type SharedListener } from './frontend';
import type { Inspected, Refusal } from './inspect';
import { rawReply, statusText } from './raw';
import type { ClientRequest, ClientResponse } from './server/exchange';
import { HttpListener, type RequestHandler } from './server/listener';

/** An answer of the port itself: the request reached no frontend. */
export interface Misroute {
  readonly status: 404 | 421;
  readonly message: string;
}

export class ListenerBinding implements RequestHandler, SharedListener {
  readonly server: Server;
  readonly frontends: readonly HttpFrontend[];
  localPort = 0;
  private readonly listener: HttpListener;
  private readonly byModel: Map<FrontendModel, HttpFrontend>;
  private readonly h2: H2Sessions | undefined;
  private readonly secure: boolean;
  private listening: Promise<void> | undefined;

  constructor(
    runtime: ProxyRuntime,
    private readonly group: readonly FrontendModel[],
    tls: TlsOptions | undefined,
  ) {
    // Connection settings agree across the port (lib/spec/semantic-listeners.ts): the first frontend's hold.
    const first = group[0];
    this.secure = first.protocol === 'https';
    const t = runtime.tunables;
    const idleMs = runtime.time.ms(first.idleTimeoutSeconds);
    const sources = new SourceFilter(first.allowedSourceCidrs);
    const admit = (socket: Socket) => {
      if (sources.allows(socket.remoteAddress)) return this.frontends[0].admit(socket);
      this.frontends[0].stats.deniedConnections++;
      return false;
    };
    const accept2 = first.http2 ? (socket: Socket) => this.h2!.accept(socket) : undefined;
    this.listener = new HttpListener(this, { maxHeadBytes: t.maxHeaderBytes, headersTimeoutMs: t.headersTimeoutMs, idleMs }, tls, admit, accept2);
    this.server = this.listener.server;
    this.frontends = group.map((f) => new HttpFrontend(runtime, f, undefined, this));
    this.byModel = new Map(this.frontends.map((f) => [f.model, f] as const));
    this.h2 = first.http2
      ? new H2Sessions(this.frontends[0], { ...H2_DEFAULTS, maxHeaderListSize: t.maxHeaderBytes, idleMs }, (stream, headers) =>
          this.bindStream(stream, headers),
        )
      : undefined;
    this.server.on('tlsClientError', (_err: Error, socket: Socket) => {
      // A failed handshake (a server name no frontend serves, no client certificate, ...) is counted, not answered.
      this.frontends[0].stats.badRequest('tls-handshake');
      socket.destroy();
    });
  }

  /** Listens once, for every frontend of the port. */
  listen(host: string, port: number): Promise<void> {
    this.listening ??= listenOn(this.server, this.group.map((f) => f.name).join('+'), host, port).then(() => {
      this.localPort = (this.server.address() as { port: number }).port;
    });
    return this.listening;
  }

  /**
   * The frontend a request on `socket` naming `host` belongs to, or the port's own answer (counted on the
   * frontend of the connection, or the port's first).
   */
  bind(socket: Socket | undefined, host: string): HttpFrontend | Misroute {
    const serverName = this.secure ? (socket as TLSSocket | undefined)?.servername || undefined : undefined;
    const connection = this.secure ? bindServerName(this.group, serverName) : undefined;
    const binding = bindRequest(this.group, host, connection);
    if (binding.kind === 'bound') return this.byModel.get(binding.frontend)!;
    const counted = (connection && this.byModel.get(connection)) ?? this.frontends[0];
    if (binding.kind === 'misdirected') {
      counted.badRequest('misdirected-request', 421);
      return {
        status: 421,
        message: `host '${host}' is served by frontend '${binding.host.name}', but this connection belongs to frontend '${binding.connection.name}' (TLS server name ${serverName ? `'${serverName}'` : 'absent'}): open a connection for the host`,
      };
    }
    counted.badRequest('no-listener', 404);
    return { status: 404, message: `no frontend on this port serves host '${host}'` };
  }

  /** Input refused before it names a host is the connection's frontend's to answer. */
  private frontendOf(socket: Socket | undefined): HttpFrontend {
    const connection = this.secure ? bindServerName(this.group, (socket as TLSSocket | undefined)?.servername || undefined) : undefined;
    return (connection && this.byModel.get(connection)) ?? this.frontends[0];
  }

  onRequest(req: ClientRequest, res: ClientResponse, inspected: Inspected | Refusal): void {
    if (!('host' in inspected)) return this.frontendOf(req.socket).onRequest(req, res, inspected);
    const target = this.bind(req.socket, inspected.host);
    if (target instanceof HttpFrontend) return target.onRequest(req, res, inspected);
    const body = `${target.status} ${statusText(target.status)}: ${target.message}\n`;
    // The request body (if any) is not read: the connection closes after the answer.
    res.writeHead(target.status, statusText(target.status), [
      'Content-Type',
      'text/plain; charset=utf-8',
      'Content-Length',
      String(Buffer.byteLength(body)),
      'Connection',
      'close',
    ]);
    res.end(body);
  }

  onUpgrade(req: ClientRequest, socket: Socket, head: Buffer, inspected: Inspected): void {
    const target = this.bind(socket, inspected.host);
    if (target instanceof HttpFrontend) return target.onUpgrade(req, socket, head, inspected);
    rawReply(socket, target.status, [], `${target.status} ${statusText(target.status)}: ${target.message}\n`);
  }

  refuse(socket: Socket, status: number, reason: string, answer: boolean): void {
    this.frontendOf(socket).refuse(socket, status, reason, answer);
  }

  internalError(res: ClientResponse | Socket, error: unknown): void {
    this.frontends[0].internalError(res, error);
  }

  /** An HTTP/2 stream, bound by :authority (Host when absent). */
  private bindStream(stream: ServerHttp2Stream, headers: IncomingHttpHeaders): HttpFrontend | Misroute {
    return this.bind(stream.session?.socket as Socket | undefined, String(headers[':authority'] ?? headers.host ?? ''));
  }

  closeIdleConnections(): void {
    this.listener.closeIdleConnections();
    this.h2?.closeIdle();
  }

  closeAllConnections(): void {
    this.listener.closeAllConnections();
    this.h2?.closeAll();
  }
}
