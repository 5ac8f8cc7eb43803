/**
 * The anycast front of the local emulation: one address for every client; each TCP connection goes to the
 * region steering picks for the client's source address (with health), bytes piped both ways. A cloud's
 * anycast edge (Global Accelerator, Front Door) does this at its nearest point of presence.
 */
import { connect, createServer, type Server, type Socket } from 'node:net';
import { LocalListenError } from '../../../lib/errors';

export interface AnycastRoute {
  /** Where to connect for this client; undefined: refuse (fail-closed with every region unhealthy). */
  readonly host?: string;
  readonly port?: number;
  readonly region?: string;
}

export class AnycastProxy {
  /** Connections per region name ('' for refused ones). */
  readonly connections = new Map<string, number>();
  private readonly sockets = new Set<Socket>();

  private constructor(
    private readonly server: Server,
    readonly host: string,
    readonly port: number,
  ) {}

  static start(host: string, port: number, route: (source: string) => AnycastRoute): Promise<AnycastProxy> {
    return new Promise((resolve, reject) => {
      const server = createServer();
      server.once('error', (e) => reject(new LocalListenError('anycast', `${host}:${port}`, e)));
      server.listen(port, host, () => {
        const proxy = new AnycastProxy(server, host, (server.address() as { port: number }).port);
        server.on('connection', (client) => proxy.accept(client, route));
        resolve(proxy);
      });
    });
  }

  private accept(client: Socket, route: (source: string) => AnycastRoute): void {
    this.sockets.add(client);
    client.on('close', () => this.sockets.delete(client));
    const to = route(client.remoteAddress ?? '');
    const key = to.region ?? '';
    this.connections.set(key, (this.connections.get(key) ?? 0) + 1);
    if (!to.host || !to.port) {
      client.destroy();
      return;
    }
    const upstream = connect({ host: to.host, port: to.port });
    this.sockets.add(upstream);
    upstream.on('close', () => this.sockets.delete(upstream));
    // An edge that cannot reach the region resets the client's connection: the client sees the failure.
    upstream.on('error', () => client.resetAndDestroy());
    client.on('error', () => upstream.destroy());
    client.pipe(upstream);
    upstream.pipe(client);
  }

  close(): Promise<void> {
    for (const s of this.sockets) s.destroy();
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}
