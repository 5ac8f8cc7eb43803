/** Listening, and the frontend's allowedSourceCidrs. */
import type { Server } from 'node:net';
import type { Socket as DgramSocket } from 'node:dgram';
import { sourceMatches } from '../../lib/model/match';
import { clientIp, formatHostPort } from './address';
import { LocalListenError } from '../../lib/errors';

/** Runs `start` (listen or bind) and settles when it is up, or rejects with the error that kept it down. */
function started(target: Server | DgramSocket, name: string, host: string, port: number, start: (up: () => void) => void): Promise<void> {
  return new Promise((resolve, reject) => {
    const onError = (err: Error) => reject(new LocalListenError(name, formatHostPort(host, port), err));
    target.once('error', onError);
    start(() => {
      target.off('error', onError);
      resolve();
    });
  });
}

export function listenOn(server: Server, name: string, host: string, port: number): Promise<void> {
  return started(server, name, host, port, (up) => server.listen(port, host, up));
}

export function bindUdp(socket: DgramSocket, name: string, host: string, port: number): Promise<void> {
  return started(socket, name, host, port, (up) => socket.bind(port, host, up));
}

/** The frontend's allowedSourceCidrs (empty: everyone), matched as rules match sourceCidrs. */
export class SourceFilter {
  constructor(private readonly cidrs: readonly string[]) {}

  allows(remoteAddress: string | undefined): boolean {
    return this.cidrs.length === 0 || sourceMatches(this.cidrs, clientIp(remoteAddress));
  }
}
