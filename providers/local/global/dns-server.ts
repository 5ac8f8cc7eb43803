/**
 * A small authoritative DNS server on a loopback UDP socket: reads each query (dns-wire.ts), asks `answer`
 * and writes the reply. A message it cannot read gets FORMERR; a query it does not serve, the rcode `answer`
 * gives (REFUSED outside the zone).
 */
import { createSocket, type Socket } from 'node:dgram';
import { LocalListenError } from '../../../lib/errors';
import { formatError, parseQuery, writeAnswer, DnsFormatError, type DnsAnswer, type DnsQuery } from './dns-wire';

export interface DnsQueryLog {
  readonly name: string;
  readonly type: number;
  readonly source: string;
  readonly rcode: number;
  readonly addresses: readonly string[];
}

export class AuthoritativeDnsServer {
  /** Queries answered, in order (tests read it; it is bounded by the tests' own query counts). */
  readonly log: DnsQueryLog[] = [];

  private constructor(
    private readonly socket: Socket,
    readonly host: string,
    readonly port: number,
  ) {}

  static start(host: string, port: number, answer: (query: DnsQuery, source: string) => DnsAnswer): Promise<AuthoritativeDnsServer> {
    return new Promise((resolve, reject) => {
      const socket = createSocket(host.includes(':') ? 'udp6' : 'udp4');
      socket.once('error', (e) => reject(new LocalListenError('dns', `${host}:${port}`, e)));
      socket.bind(port, host, () => {
        const server = new AuthoritativeDnsServer(socket, host, socket.address().port);
        socket.on('message', (msg, rinfo) => server.reply(msg, rinfo.address, rinfo.port, answer));
        resolve(server);
      });
    });
  }

  private reply(msg: Buffer, address: string, port: number, answer: (query: DnsQuery, source: string) => DnsAnswer): void {
    let out: Buffer | undefined;
    try {
      const query = parseQuery(msg);
      const a = answer(query, address);
      this.log.push({ name: query.name, type: query.type, source: address, rcode: a.rcode, addresses: a.addresses });
      out = writeAnswer(query, a);
    } catch (e) {
      if (!(e instanceof DnsFormatError)) throw e;
      out = formatError(msg);
    }
    if (out) this.socket.send(out, port, address);
  }

  close(): Promise<void> {
    return new Promise((resolve) => this.socket.close(() => resolve()));
  }
}
