/**
 * Which Gateway listener takes a request, written from the Gateway API specification (Listener.hostname,
 * gateway.networking.k8s.io_gateways.yaml v1.6.1), independently of lib/model/listeners.ts:
 *
 * - 'HTTP: The Listener Hostname MUST match the Host header'; 'HTTPS: ... SHOULD match both the SNI and Host'.
 * - Hostnames prefixed with '*.' match a suffix of one or more labels ('*.example.com' takes foo.example.com
 *   and foo.bar.example.com, not example.com); a listener without hostname matches every host.
 * - Among the listeners of a port, the most specific match wins: an exact hostname, then the longest wildcard,
 *   then no hostname (the spec's listener precedence; GEP-3567's example binds foo.example.com to the exact
 *   listener over '*.example.com').
 * - Misdirected requests: 'If another Listener has an exact match or more specific wildcard entry, the Gateway
 *   SHOULD return a 421. If the current Listener (selected by SNI matching during ClientHello) does not match the
 *   Host: if another Listener does match the Host, the Gateway SHOULD return a 421; if no other Listener matches
 *   the Host, the Gateway MUST return a 404.'
 */
import type { K8sObject } from '../../../providers/kubernetes/objects';
import { hostName } from './request';

type Listener = { readonly name: string; readonly port: number; readonly protocol: string; readonly hostname?: string };

/** How specific a listener's match of `host` is (higher wins), or undefined when it does not match. */
function specificity(listener: Listener, host: string): number | undefined {
  const h = listener.hostname?.toLowerCase();
  if (h === undefined) return 0;
  if (!h.startsWith('*.')) return h === host ? 1e6 : undefined;
  const suffix = h.slice(1);
  return host.length > suffix.length && host.endsWith(suffix) ? suffix.length : undefined;
}

function best(listeners: readonly Listener[], host: string): Listener | undefined {
  let found: Listener | undefined;
  let rank = -1;
  for (const l of listeners) {
    const r = specificity(l, host);
    if (r !== undefined && r > rank) [found, rank] = [l, r];
  }
  return found;
}

/**
 * The listener of `port` that takes a request with this Host (and, on HTTPS, this SNI; undefined: none sent),
 * or the status the Gateway answers itself.
 */
export function gatewayListener(gateway: K8sObject, port: number, host: string, sni?: string): { listener: string } | { status: 404 | 421 } {
  const onPort = (gateway.spec!.listeners as Listener[]).filter((l) => l.port === port);
  const byHost = best(onPort, hostName(host).toLowerCase());
  const https = onPort.some((l) => l.protocol === 'HTTPS');
  if (https) {
    const current = sni ? best(onPort, sni.toLowerCase()) : onPort.find((l) => l.hostname === undefined);
    if (current && byHost && current !== byHost) return { status: 421 };
  }
  return byHost ? { listener: byHost.name } : { status: 404 };
}
