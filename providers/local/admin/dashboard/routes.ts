/**
 * The dashboard's HTTP side, under /dashboard on the admin server: the page, its script and style, uPlot's
 * own files (served from the installed `uplot` package, so the page works offline), and /dashboard/events,
 * the server-sent event stream of a DashboardFeed.
 */
import { readFileSync, existsSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { dirname, join } from 'node:path';
import type { DashboardFeed, DashboardMessage } from './feed';

interface Asset {
  readonly file: () => string;
  readonly type: string;
}

/** This folder's assets/: next to this module in a checkout; found from dist/ upwards in a build. */
function assetsDir(): string {
  const own = join(__dirname, 'assets');
  if (existsSync(own)) return own;
  for (let dir = __dirname; dirname(dir) !== dir; dir = dirname(dir)) {
    const candidate = join(dir, 'providers', 'local', 'admin', 'dashboard', 'assets');
    if (existsSync(candidate)) return candidate;
  }
  return own;
}

function uplotFile(name: string): string {
  return join(dirname(require.resolve('uplot/package.json')), 'dist', name);
}

const ASSETS: Readonly<Record<string, Asset>> = {
  '/dashboard': { file: () => join(assetsDir(), 'index.html'), type: 'text/html; charset=utf-8' },
  '/dashboard/': { file: () => join(assetsDir(), 'index.html'), type: 'text/html; charset=utf-8' },
  '/dashboard/dashboard.js': { file: () => join(assetsDir(), 'dashboard.js'), type: 'text/javascript; charset=utf-8' },
  '/dashboard/dashboard.css': { file: () => join(assetsDir(), 'dashboard.css'), type: 'text/css; charset=utf-8' },
  '/dashboard/uplot.js': { file: () => uplotFile('uPlot.iife.min.js'), type: 'text/javascript; charset=utf-8' },
  '/dashboard/uplot.css': { file: () => uplotFile('uPlot.min.css'), type: 'text/css; charset=utf-8' },
};

/** Files are read once, on first use. */
const cache = new Map<string, Buffer>();

function serveAsset(path: string, asset: Asset, res: ServerResponse): void {
  let body = cache.get(path);
  if (!body) {
    try {
      body = readFileSync(asset.file());
    } catch (e) {
      res.writeHead(500, { 'Content-Type': 'text/plain' }).end(`dashboard asset missing: ${(e as Error).message}\n`);
      return;
    }
    cache.set(path, body);
  }
  res.writeHead(200, { 'Content-Type': asset.type, 'Content-Length': body.length, 'Cache-Control': 'no-cache' }).end(body);
}

/** One page's stream: `event: <kind>` and one JSON line of data per message. */
function serveEvents(feed: DashboardFeed, req: IncomingMessage, res: ServerResponse): void {
  res.writeHead(200, { 'Content-Type': 'text/event-stream', 'Cache-Control': 'no-cache', Connection: 'keep-alive' });
  if (req.method === 'HEAD') {
    res.end();
    return;
  }
  res.write('retry: 2000\n\n');
  const send = (message: DashboardMessage) => res.write(`event: ${message.kind}\ndata: ${JSON.stringify(message)}\n\n`);
  const unsubscribe = feed.subscribe(send);
  req.socket.setNoDelay(true);
  res.on('close', unsubscribe);
}

/** Answers a /dashboard request; returns false when the path is not the dashboard's. */
export function handleDashboard(feed: DashboardFeed, path: string, req: IncomingMessage, res: ServerResponse): boolean {
  if (path === '/dashboard/events') {
    serveEvents(feed, req, res);
    return true;
  }
  const asset = ASSETS[path];
  if (!asset) return false;
  serveAsset(path, asset, res);
  return true;
}
