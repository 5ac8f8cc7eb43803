/**
 * The admin server: GET /metrics (Prometheus text), GET /status (JSON) and, when the source reports events,
 * GET /dashboard (a live page, see dashboard/); loopback by default.
 */
import { createServer, type Server } from 'node:http';
import { listenOn } from '../listen';
import type { LocalEvent } from '../events';
import { DashboardFeed, type DashboardFeedOptions } from './dashboard/feed';
import { handleDashboard } from './dashboard/routes';
import type { LocalStatus } from './status';

export interface AdminSource {
  metricsText(): Promise<string>;
  readonly metricsContentType: string;
  status(): LocalStatus;
  /** Subscribes to the load balancer's events (the dashboard streams them); returns the unsubscribe function. */
  onEvent?(listener: (event: LocalEvent) => void): () => void;
  readonly dashboard?: DashboardFeedOptions;
}

export function createAdminServer(source: AdminSource): Server {
  const onEvent = source.onEvent?.bind(source);
  const feed = onEvent ? new DashboardFeed({ status: () => source.status(), onEvent }, source.dashboard) : undefined;
  const server = createServer((req, res) => {
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
    if (feed && handleDashboard(feed, path, req, res)) return;
    if (path === '/') {
      res.writeHead(200, { 'Content-Type': 'text/plain' }).end(`lbkit local load balancer: GET /metrics, GET /status${feed ? ', GET /dashboard' : ''}\n`);
      return;
    }
    res.writeHead(404, { 'Content-Type': 'text/plain' }).end('404 Not Found\n');
  });
  if (feed) {
    server.on('listening', () => feed.start());
    server.on('close', () => feed.stop());
  }
  return server;
}

export async function startAdminServer(source: AdminSource, host: string, port: number): Promise<Server> {
  const server = createAdminServer(source);
  await listenOn(server, 'admin', host, port);
  return server;
}
