/**
 * A client of the local global emulation, as a browser behind a caching resolver sees it: it asks the
 * authoritative server (from its own loopback source address, or with an EDNS Client Subnet as a public
 * resolver would), keeps the answer for its TTL, and sends HTTP requests to the address it got.
 */
import { createSocket } from 'node:dgram';
import { request } from 'node:http';
import { parseResponse, writeQuery, TYPE_A, type ClientSubnet, type DnsResponse } from './dns-wire';

export interface GlobalClientOptions {
  /** The authoritative server. */
  readonly dns: { readonly host: string; readonly port: number };
  /** The address queries and connections come from (a simulated client's /32). @default 127.0.0.1 */
  readonly source?: string;
  /** Sent as EDNS Client Subnet, as a public resolver does for its client. @default none */
  readonly clientSubnet?: ClientSubnet;
  /** The port regions listen on. */
  readonly port: number;
  /** Clock, for the TTL cache. @default Date.now */
  readonly now?: () => number;
}

export interface GlobalResponse {
  /** The address the name resolved to. */
  readonly address?: string;
  readonly status?: number;
  /** X-Backend of the member that answered (the test members set it). */
  readonly backend?: string;
  /** A network error, or 'no address' when the name resolved to nothing. */
  readonly error?: string;
}

let nextId = 1;

export class GlobalClient {
  private cached: { addresses: string[]; until: number } | undefined;
  /** DNS queries sent (cache misses). */
  queries = 0;

  constructor(private readonly options: GlobalClientOptions) {}

  private get now(): number {
    return (this.options.now ?? Date.now)();
  }

  /** Asks the server once, bypassing the cache. */
  query(name: string, type = TYPE_A): Promise<DnsResponse> {
    const { dns, source, clientSubnet } = this.options;
    return new Promise((resolve, reject) => {
      const socket = createSocket('udp4');
      const id = nextId++ & 0xffff;
      const timer = setTimeout(() => {
        socket.close();
        reject(new Error(`no DNS answer from ${dns.host}:${dns.port} within 2 s`));
      }, 2000);
      socket.on('message', (msg) => {
        clearTimeout(timer);
        socket.close();
        try {
          resolve(parseResponse(msg));
        } catch (e) {
          reject(e);
        }
      });
      socket.bind(0, source ?? '127.0.0.1', () => socket.send(writeQuery(id, name, type, clientSubnet), dns.port, dns.host));
    });
  }

  /** The addresses of `name`, from the cache while its TTL lasts. */
  async resolve(name: string): Promise<string[]> {
    if (this.cached && this.now < this.cached.until) return this.cached.addresses;
    this.queries += 1;
    const res = await this.query(name);
    const ttl = res.answers.length ? Math.min(...res.answers.map((a) => a.ttl)) : 0;
    this.cached = { addresses: res.answers.map((a) => a.address), until: this.now + ttl * 1000 };
    return this.cached.addresses;
  }

  /** Forgets the cached answer (a resolver restart). */
  flush(): void {
    this.cached = undefined;
  }

  /** GET http://<name><path> through the resolved address; never throws (failures are in the result). */
  async get(name: string, path = '/', timeoutMs = 2000): Promise<GlobalResponse> {
    const [address] = await this.resolve(name);
    if (!address) return { error: 'no address' };
    return new Promise((resolve) => {
      const req = request(
        {
          host: address,
          port: this.options.port,
          path,
          method: 'GET',
          agent: false,
          timeout: timeoutMs,
          headers: { host: name, connection: 'close' },
          ...(this.options.source ? { localAddress: this.options.source } : {}),
        },
        (res) => {
          res.resume();
          res.on('end', () =>
            resolve({ address, status: res.statusCode, ...(typeof res.headers['x-backend'] === 'string' ? { backend: res.headers['x-backend'] } : {}) }),
          );
        },
      );
      req.on('timeout', () => req.destroy(new Error('timeout')));
      req.on('error', (e) => resolve({ address, error: (e as NodeJS.ErrnoException).code ?? e.message }));
      req.end();
    });
  }
}
