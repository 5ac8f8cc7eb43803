/** The admin server: GET /metrics (Prometheus text), GET /status (JSON); loopback by default. */
import { createServer, type Server } from 'node:http';
import { listenOn } from '../listen';
import type { LocalStatus } from './status';

export interface AdminSource {
  metricsText(): Promise<string>;
  readonly metricsContentType: string;
  status(): LocalStatus;
}

export function createAdminServer(source: AdminSource): Server {
  return createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0];
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { Allow: 'GET, HEAD', 'Content-Type': 'text/plain' }).end('405 Method Not Allowed\n');
      return;
    }
    if (path === '/metrics') {
      source.metricsText().then(
        (text) => res.writeHead(200, { 'Content-Type': source.metricsContentType }).end(text),
        (err: Error) => res.writeHead(500, { 'Content-Type': 'text/plain' }).end(`${err.message}\n`),
      );
      return;
    }
    if (path === '/status') {
      res.writeHead(200, { 'Content-Type': 'application/json' }).end(`${JSON.stringify(source.status(), null, 2)}\n`);
      return;
    }
    if (path === '/') {
      res.writeHead(200, { 'Content-Type': 'text/plain' }).end('lbkit local load balancer: GET /metrics, GET /status\n');
      return;
    }
    res.writeHead(404, { 'Content-Type': 'text/plain' }).end('404 Not Found\n');
  });
}

export async function startAdminServer(source: AdminSource, host: string, port: number): Promise<Server> {
  const server = createAdminServer(source);
  await listenOn(server, 'admin', host, port);
  return server;
}
