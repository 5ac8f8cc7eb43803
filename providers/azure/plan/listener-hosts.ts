/**
 * Which host names get a listener of which frontend, when frontends share a port by host names (SEMANTICS.md
 * "Listeners with host names"). Application Gateway takes a request by the first listener of its port, in
 * routing-rule priority, whose host names match its Host (https://learn.microsoft.com/azure/application-gateway/multiple-site-overview);
 * priorities.ts orders exact names, then wildcards longest first, then the basic listener, which is the model's
 * binding order (lib/model/listeners.ts). So:
 *
 * - every host name of a frontend is a listener of that frontend (one per name: a listener's band comes from
 *   its one host name), and only the frontend without host names has a basic listener;
 * - a rule's host (and a host an SNI certificate covers) becomes a listener of the frontend only when the
 *   requests it would take bind to that frontend. Otherwise it would take requests ahead of the frontend they
 *   bind to (a catch-all frontend's rule for 'api.example.com' while another frontend serves '*.example.com'),
 *   or requests of host names no frontend serves. Left out, its requests reach the right frontend's listeners.
 */
import { bindHost, portKey } from '../../../lib/model/listeners';
import type { FrontendModel, HostMatch } from '../../../lib/model/types';
import { listenerHosts } from './routing';

/** A label no host name of a spec carries, for a name that only a wildcard itself matches. */
const PROBE_LABEL = 'lbkit-any-label-0';

/** A host name the listener for `host` would take and no more specific listener does. */
function probe(host: HostMatch): string {
  return host.kind === 'exact' ? host.value : `${PROBE_LABEL}${host.suffix}`;
}

/**
 * The host names of `frontend`'s listeners in listener order (routing.ts listenerHosts), and whether it has a
 * basic listener. `frontends` are all of the gateway's frontends; only those on the same port bind.
 */
export function frontendListenerHosts(
  frontends: readonly FrontendModel[],
  frontend: FrontendModel,
  sniHosts: readonly HostMatch[],
): { hosts: HostMatch[]; basic: boolean } {
  const port = frontends.filter((o) => portKey(o) === portKey(frontend));
  const own = new Set((frontend.hostnames ?? []).map((h) => h.value));
  const hosts = listenerHosts(frontend, [...(frontend.hostnames ?? []), ...sniHosts]).filter((h) => own.has(h.value) || bindHost(port, probe(h)) === frontend);
  return { hosts, basic: !frontend.hostnames?.length };
}
