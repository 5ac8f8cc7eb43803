/**
 * Cross-field rules of listeners with host names (issue 16, item 1): which frontends may share a port. Several
 * http (or several https) frontends share one when their host names differ; at most one of them has no
 * hostnames (the port's catch-all). What belongs to the connection rather than to the request (source
 * ranges, idle timeout, HTTP/2, minimum TLS version, mutual TLS) is decided before a request names its host, so
 * the frontends of a port must agree on it. Called by semantic.ts.
 */
import { DEFAULTS } from '../model/defaults';
import type { FrontendSpec } from './schema';

type Add = (path: string, message: string, fix?: string) => void;

const HOST_BOUND = new Set(['http', 'https']);

/** Connection-level settings, as the model will read them (defaults applied), that a port's frontends share. */
const CONNECTION_SETTINGS: ReadonlyArray<readonly [field: string, read: (f: FrontendSpec) => string]> = [
  ['idleTimeoutSeconds', (f) => String(f.idleTimeoutSeconds ?? DEFAULTS.idleTimeoutSeconds)],
  ['allowedSourceCidrs', (f) => [...(f.allowedSourceCidrs ?? [])].sort().join(', ') || 'everyone'],
  ['http2', (f) => String(f.http2 ?? false)],
  ['tls.minimumVersion', (f) => f.tls?.minimumVersion ?? DEFAULTS.tlsMinimumVersion],
  [
    'tls.clientCertificateTrust',
    (f) => {
      const t = f.tls?.clientCertificateTrust;
      return t ? `${t.trustStore} (${t.mode ?? DEFAULTS.mtlsMode})` : 'off';
    },
  ],
];

export function checkListeners(frontends: readonly FrontendSpec[], add: Add): void {
  const ports = new Map<string, number[]>();
  frontends.forEach((frontend, fi) => {
    const at = `frontends[${fi}]`;
    checkOwnHostnames(frontend, at, add);
    const key = `${frontend.port}/${frontend.protocol === 'udp' ? 'udp' : 'tcp'}`;
    const sharing = ports.get(key);
    if (!sharing) {
      ports.set(key, [fi]);
      return;
    }
    if (checkSharing(frontends, sharing, fi, key, add)) sharing.push(fi);
  });
}

function checkOwnHostnames(frontend: FrontendSpec, at: string, add: Add): void {
  if (!frontend.hostnames) return;
  if (!HOST_BOUND.has(frontend.protocol)) {
    add(
      `${at}.hostnames`,
      `hostnames bind HTTP requests by SNI and Host; frontend '${frontend.name}' is ${frontend.protocol}`,
      'remove hostnames, or use an http or https frontend',
    );
    return;
  }
  const seen = new Map<string, number>();
  frontend.hostnames.forEach((name, i) => {
    const key = name.toLowerCase();
    const first = seen.get(key);
    if (first !== undefined) add(`${at}.hostnames[${i}]`, `'${name}' is listed twice (also hostnames[${first}])`, 'list each host name once');
    else seen.set(key, i);
  });
}

/** Checks frontend `fi` against the frontends already on its port; true when it may share the port. */
function checkSharing(frontends: readonly FrontendSpec[], sharing: readonly number[], fi: number, key: string, add: Add): boolean {
  const at = `frontends[${fi}]`;
  const frontend = frontends[fi];
  const first = frontends[sharing[0]];
  if (!HOST_BOUND.has(frontend.protocol) || frontend.protocol !== first.protocol) {
    const bothHttp = HOST_BOUND.has(frontend.protocol) && HOST_BOUND.has(first.protocol);
    add(
      `${at}.port`,
      `port ${key} is already used by frontend '${first.name}' (${first.protocol})`,
      bothHttp
        ? 'frontends share a port only when all are http or all are https: give this one its own port'
        : 'give each frontend its own port (only http frontends with http ones, or https with https, share a port, by hostnames)',
    );
    return false;
  }
  const catchAll = sharing.map((i) => frontends[i]).find((f) => !f.hostnames);
  if (!frontend.hostnames && catchAll) {
    add(
      `${at}.hostnames`,
      `port ${key} already has a frontend without hostnames ('${catchAll.name}'), which serves every host name`,
      'give one of them hostnames (a port has at most one catch-all), or another port',
    );
  }
  frontend.hostnames?.forEach((name, i) => {
    const owner = sharing.map((j) => frontends[j]).find((f) => f.hostnames?.some((h) => h.toLowerCase() === name.toLowerCase()));
    if (owner)
      add(
        `${at}.hostnames[${i}]`,
        `'${name}' is also served by frontend '${owner.name}' on port ${key}`,
        'serve each host name from one frontend of the port (exact names beat wildcards, so a wildcard and an exact name may share a port)',
      );
  });
  for (const [field, read] of CONNECTION_SETTINGS) {
    const mine = read(frontend);
    const theirs = read(first);
    if (mine !== theirs)
      add(
        `${at}.${field}`,
        `frontends on port ${key} share their connections, and ${field} is decided per connection: '${mine}' here, '${theirs}' on frontend '${first.name}'`,
        `set the same ${field} on every frontend of port ${key}`,
      );
  }
  return true;
}
