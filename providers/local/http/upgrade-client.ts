/**
 * The client side of an upgrade request once the client connection (server/connection.ts) handed its socket
 * over: the request is answered like any other (server/exchange.ts ClientResponse, with Connection: close)
 * until a member switches protocols; then the transaction (transaction.ts) writes the 101 itself and pipes
 * the socket to the member (a tunnel).
 */
import type { Socket } from 'node:net';
import { ClientResponse, type ClientRequest, type ExchangeConnection } from './server/exchange';

export class UpgradeClient implements ExchangeConnection {
  readonly response: ClientResponse;

  constructor(
    readonly socket: Socket,
    req: ClientRequest,
  ) {
    // Bytes the client sends before the member's answer are the new protocol's: they wait for the tunnel.
    socket.pause();
    this.response = new ClientResponse(this, req.method, req.httpVersionMinor === 0, false, 0);
    socket.on('error', () => socket.destroy());
    socket.on('drain', () => this.response.drained());
    socket.once('close', () => this.response.notifyClose());
  }

  // An upgrade request has no body (inspect.ts refuses one): nothing reads from the socket before the tunnel.
  pauseReading(): void {}

  resumeReading(): void {}

  /** A response that is not a switch of protocols ends the connection. */
  responseFinished(): void {
    this.socket.destroySoon();
  }

  destroy(): void {
    this.socket.destroy();
  }
}
