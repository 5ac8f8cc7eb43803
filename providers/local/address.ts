/** Socket addresses as users write them ('127.0.0.1:3001', '[::1]:3001', '3001') and as Node reports them. */

export interface HostPort {
  readonly host: string;
  readonly port: number;
}

/** Parses 'host:port', '[v6]:port' or a bare port (on `defaultHost`); undefined when malformed. */
export function parseHostPort(text: string, defaultHost = '127.0.0.1'): HostPort | undefined {
  const t = text.trim();
  let host: string;
  let port: string;
  if (/^\d+$/.test(t)) {
    host = defaultHost;
    port = t;
  } else if (t.startsWith('[')) {
    const end = t.indexOf(']');
    if (end < 0 || t[end + 1] !== ':') return undefined;
    host = t.slice(1, end);
    port = t.slice(end + 2);
  } else {
    const colon = t.lastIndexOf(':');
    if (colon <= 0 || t.indexOf(':') !== colon) return undefined;
    host = t.slice(0, colon);
    port = t.slice(colon + 1);
  }
  if (!/^\d{1,5}$/.test(port) || Number(port) > 65535 || !host) return undefined;
  return { host, port: Number(port) };
}

export function formatHostPort(host: string, port: number): string {
  return host.includes(':') ? `[${host}]:${port}` : `${host}:${port}`;
}

/** The client address as compared and logged: IPv4-mapped IPv6 ('::ffff:10.0.0.1') reported as IPv4. */
export function clientIp(remoteAddress: string | undefined): string {
  if (!remoteAddress) return '';
  return remoteAddress.startsWith('::ffff:') && remoteAddress.includes('.') ? remoteAddress.slice(7) : remoteAddress;
}
