/**
 * Small HTTP members for tests, demos and examples. Each answers with its name (header X-Backend and a
 * JSON body), records what it received, answers health probes (User-Agent lbkit-health-check) with a
 * status you set, and can be killed and brought back on the same port.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import { formatHostPort } from '../address';

export interface ReceivedRequest {
  readonly method: string;
  readonly url: string;
  readonly headers: IncomingMessage['headers'];
  readonly body: string;
}

export interface BackendOptions {
  /** Port to listen on. @default a free port */
  readonly port?: number;
  /** @default '127.0.0.1' */
  readonly host?: string;
  /** Answers requests instead of the default JSON echo (probes are still answered with healthStatus). */
  readonly handler?: (req: IncomingMessage, res: ServerResponse, backend: TestBackend) => void;
}

export class TestBackend {
  /** Requests received, health probes excluded. */
  readonly requests: ReceivedRequest[] = [];
  /** Health probes received. */
  probes = 0;
  /** Status health probes get. */
  healthStatus = 200;
  /** Delay before each answer (probes excluded), ms. */
  delayMs = 0;
  /** Connections accepted (probes' included). */
  connections = 0;
  private server: Server | undefined;
  private readonly sockets = new Set<Socket>();
  private readonly delayed = new Set<NodeJS.Timeout>();
  port = 0;

  constructor(
    readonly name: string,
    private readonly options: BackendOptions = {},
  ) {}

  get host(): string {
    return this.options.host ?? '127.0.0.1';
  }

  /** 'host:port', as bindings take it. */
  get address(): string {
    return formatHostPort(this.host, this.port);
  }

  /** Requests received since the last call (and forgets them). */
  take(): ReceivedRequest[] {
    return this.requests.splice(0);
  }

  async start(): Promise<this> {
    const server = createServer((req, res) => this.handle(req, res));
    server.keepAliveTimeout = 5000;
    server.on('connection', (s: Socket) => {
      this.connections++;
      this.sockets.add(s);
      s.once('close', () => this.sockets.delete(s));
    });
    // Upgrades: 101 with the same Upgrade value, then every byte echoed back.
    server.on('upgrade', (req: IncomingMessage, socket: Socket, head: Buffer) => {
      this.requests.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers, body: '' });
      socket.write(`HTTP/1.1 101 Switching Protocols\r\nUpgrade: ${req.headers.upgrade}\r\nConnection: Upgrade\r\nX-Backend: ${this.name}\r\n\r\n`);
      if (head.length) socket.write(head);
      socket.pipe(socket);
      socket.on('error', () => socket.destroy());
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(this.options.port ?? this.port, this.host, () => resolve());
    });
    this.server = server;
    this.port = (server.address() as { port: number }).port;
    return this;
  }

  private handle(req: IncomingMessage, res: ServerResponse): void {
    if (req.headers['user-agent'] === 'lbkit-health-check') {
      this.probes++;
      res.writeHead(this.healthStatus, { 'Content-Type': 'text/plain' }).end(`${this.name} ${this.healthStatus}\n`);
      return;
    }
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const received = { method: req.method ?? '', url: req.url ?? '', headers: req.headers, body: Buffer.concat(chunks).toString() };
      this.requests.push(received);
      const answer = () => {
        if (this.options.handler) return this.options.handler(req, res, this);
        const body = JSON.stringify({ backend: this.name, method: received.method, url: received.url, headers: received.headers, body: received.body });
        res.writeHead(200, { 'Content-Type': 'application/json', 'X-Backend': this.name }).end(body);
      };
      if (this.delayMs <= 0) return answer();
      const timer = setTimeout(() => {
        this.delayed.delete(timer);
        answer();
      }, this.delayMs);
      this.delayed.add(timer);
    });
  }

  /** Stops listening and cuts every connection: the member is dead (connections are refused). */
  async kill(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    if (!server) return;
    for (const t of this.delayed) clearTimeout(t);
    this.delayed.clear();
    const closed = new Promise<void>((resolve) => server.close(() => resolve()));
    for (const s of this.sockets) s.destroy();
    server.closeAllConnections();
    await closed;
  }

  /** Listens again on the same port. */
  async revive(): Promise<void> {
    if (!this.server) await this.start();
  }

  close(): Promise<void> {
    return this.kill();
  }
}

/** Starts a test backend that answers with its name. */
export function startBackend(name: string, options: BackendOptions = {}): Promise<TestBackend> {
  return new TestBackend(name, options).start();
}

/** Starts several test backends. */
export function startBackends(names: readonly string[], options: BackendOptions = {}): Promise<TestBackend[]> {
  return Promise.all(names.map((n) => startBackend(n, options)));
}
