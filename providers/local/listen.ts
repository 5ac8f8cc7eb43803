/** Listening, and the frontend's allowedSourceCidrs. */
import type { Server } from 'node:net';
import type { Socket as DgramSocket } from 'node:dgram';
import { sourceMatches } from '../../lib/model/match';
import { clientIp, formatHostPort } from './address';
import { LocalListenError } from '../../lib/errors';

export function listenOn(server: Server, name: string, host: string, port: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const onError = (err: Error) => reject(new LocalListenError(name, formatHostPort(host, port), err));
    server.once('error', onError);
    server.listen(port, host, () => {
      server.off('error', onError);
      resolve();
    });
  });
}

export function bindUdp(socket: DgramSocket, name: string, host: string, port: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const onError = (err: Error) => reject(new LocalListenError(name, formatHostPort(host, port), err));
    socket.once('error', onError);
    socket.bind(port, host, () => {
      socket.off('error', onError);
      resolve();
    });
  });
}

/** The frontend's allowedSourceCidrs (empty: everyone), matched as rules match sourceCidrs. */
export class SourceFilter {
  constructor(private readonly cidrs: readonly string[]) {}

  allows(remoteAddress: string | undefined): boolean {
    return this.cidrs.length === 0 || sourceMatches(this.cidrs, clientIp(remoteAddress));
  }
}
