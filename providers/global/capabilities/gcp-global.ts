/**
 * gcp-global: a global external Application Load Balancer (one anycast address) whose backend service has one
 * backend per region: the instance group or NEG that region's members are in. The regional lbkit load
 * balancers' pools become the regions' backends; their frontends are not used.
 */
import { cite, compact, native, nearest, unsupported, type RangeViolation } from '../../../lib/capabilities/support';
import type { GlobalColumn } from '../../../lib/capabilities/global-check';
import type { GlobalModel } from '../../../lib/model/global-types';

function ranges(m: GlobalModel): RangeViolation[] {
  return compact([
    // One global forwarding rule and URL map: every region answers on one http or https port.
    ...m.regions
      .filter((r) => r.loadBalancer.frontends.find((f) => f.name === r.frontend)!.layer !== 'l7')
      .map((r) => ({
        path: `${r.path}.loadBalancer.frontend`,
        accepted: 'http or https frontends (Application Load Balancer)',
        message: `region '${r.name}' answers on an L4 frontend`,
      })),
    new Set(m.regions.map((r) => r.loadBalancer.frontends.find((f) => f.name === r.frontend)!.port)).size > 1
      ? { path: 'regions', accepted: 'one frontend port for every region (one forwarding rule)', message: "the regions' frontends listen on different ports" }
      : undefined,
  ]);
}

export const GCP_GLOBAL: GlobalColumn = {
  support: {
    'global.delivery.dns': unsupported('gcp-cloud-dns (DNS steering)'),
    // SOURCE: https://cloud.google.com/load-balancing/docs/https (global external Application Load Balancer: one anycast IP address)
    // SOURCE: https://cloud.google.com/load-balancing/docs/ipv6 ('to serve both IPv6 and IPv4 clients, create two load balancer IP addresses')
    'global.delivery.anycast': native(
      'a global forwarding rule on one anycast address and Cloud DNS A records to it; when every region is dualstack, a second forwarding rule on an IPv6 address and AAAA records',
      cite('https://cloud.google.com/load-balancing/docs/ipv6', '2026-12-02'),
    ),
    'global.steering.single': native('one backend'),
    // SOURCE: https://docs.cloud.google.com/load-balancing/docs/service-lb-policy.md.txt (default WATERFALL_BY_REGION: the region closest to where traffic enters Google's network, overflow and failover to the next closest)
    'global.steering.latency': native('WATERFALL_BY_REGION: the closest region with healthy capacity, then the next closest'),
    'global.steering.geo': unsupported('latency steering, or gcp-cloud-dns'),
    'global.steering.geo.country': unsupported('gcp-cloud-dns'),
    'global.steering.geo.subdivision': unsupported('gcp-cloud-dns'),
    // SOURCE: https://docs.cloud.google.com/load-balancing/docs/service-lb-policy.md.txt (preferred backends, failover threshold)
    'global.steering.failover': nearest(
      'preferred backends in a service load balancing policy: the primary is preferred while healthy, the others take over by proximity, not by priority',
    ),
    'global.steering.failover.multi-level': unsupported('one preferred level (preferred backends); the rest by proximity'),
    // SOURCE: https://cloud.google.com/load-balancing/docs/url-map-concepts (weightedBackendServices split requests across backend services regardless of their health)
    'global.steering.weighted': nearest(
      'a URL map traffic split across one backend service per region: the split does not move away from a region with no healthy backend',
    ),
    'global.steering.weighted.zero': nearest('a backend service of weight 0 in the split gets no requests, also when the others fail'),
    // SOURCE: https://cloud.google.com/load-balancing/docs/health-check-concepts (the backend service's health check probes each backend instance or endpoint)
    'global.health.probe': nearest("the backend service's health check probes the members directly (not the regional frontend)"),
    'global.health.timeout': native('health check timeoutSec'),
    'global.health.asymmetric-thresholds': native('health check healthyThreshold and unhealthyThreshold'),
    'global.health.evaluate-target-health': native('a region without healthy members gets no requests'),
    'global.health.probe-only': unsupported('member health (always used)'),
    'global.ttl': nearest('the anycast address never changes: the A record keeps ttlSeconds, failover does not wait for it'),
    // SOURCE: https://docs.cloud.google.com/load-balancing/docs/service-lb-policy.md.txt (failover threshold, auto-capacity draining)
    'global.all-unhealthy.fail-closed': nearest('with no healthy backend anywhere the proxies answer 503 (closed for requests, the address still resolves)'),
    'global.hostnames.apex': native('an A (and AAAA) record at the apex'),
  },
  ranges: { regions: 'http or https frontends, one port' },
  checkRanges: ranges,
};
