/**
 * Redirect targets. Every part not given keeps the request's: scheme, host (as routed, lower-case, without
 * port), port, path (or the matched prefix replaced: pathPrefix), query ('' removes it). When the scheme changes and no port is given, the new scheme's
 * default port is used. A port equal to the spec port of one of this load balancer's frontends becomes the
 * port that frontend listens on locally, so redirects work on loopback. The default port of the scheme is
 * left out of the Location.
 */
import { normalizeHost } from '../../../lib/model/match';
import { rewrittenPath } from '../../../lib/model/filters';
import type { ActionModel, PathMatch } from '../../../lib/model/types';

export type RedirectAction = Extract<ActionModel, { type: 'redirect' }>;

export interface RedirectContext {
  readonly scheme: 'http' | 'https';
  /** Host as routed (Host header or absolute-form authority). */
  readonly host: string;
  /** The local address the client reached, for requests without a host. */
  readonly localAddress: string;
  readonly localPort: number;
  readonly path: string;
  readonly query: string;
  readonly mapPort: (specPort: number) => number;
  /** The matched rule's path conditions (a pathPrefix redirect replaces the matched prefix). */
  readonly rulePaths?: readonly PathMatch[];
}

export function redirectLocation(a: RedirectAction, r: RedirectContext): string {
  const scheme = a.scheme ?? r.scheme;
  const host = a.host ?? (normalizeHost(r.host) || (r.localAddress.includes(':') ? `[${r.localAddress}]` : r.localAddress));
  const port = a.port !== undefined ? r.mapPort(a.port) : scheme !== r.scheme ? r.mapPort(scheme === 'https' ? 443 : 80) : r.localPort;
  const path = a.path ?? (a.pathPrefix !== undefined ? rewrittenPath({ kind: 'prefix', value: a.pathPrefix }, r.rulePaths ?? [], r.path) : r.path);
  const query = a.query ?? r.query;
  const defaultPort = scheme === 'https' ? 443 : 80;
  return `${scheme}://${host}${port === defaultPort ? '' : `:${port}`}${path}${query ? `?${query}` : ''}`;
}
