/**
 * azure-front-door: Azure Front Door Standard (anycast edge, L7): one endpoint, one origin group whose origins
 * are the regions' load balancers, a route for the host names (custom domains) and Azure DNS CNAMEs to the
 * endpoint. The edge picks the origin per request.
 */
import { compact, native, nearest, unsupported, type RangeViolation } from '../../../lib/capabilities/support';
import type { GlobalColumn } from '../../../lib/capabilities/global-check';
import type { GlobalModel } from '../../../lib/model/global-types';

function ranges(m: GlobalModel): RangeViolation[] {
  return compact([
    // SOURCE: https://learn.microsoft.com/en-us/javascript/api/@azure/arm-cdn/afdorigin (priority 1-5; weight 1-1000)
    ...m.regions
      .filter((r) => (r.priority ?? 1) > 5)
      .map((r) => ({ path: `${r.path}.priority`, accepted: 'priority 1-5', message: `priority ${r.priority} is above 5` })),
    // SOURCE: https://learn.microsoft.com/azure/frontdoor/health-probes (HTTP or HTTPS probes)
    ...m.regions
      .filter((r) => r.probe.protocol === 'tcp')
      .map((r) => ({ path: 'healthCheck.protocol', accepted: 'http or https probes', message: `region '${r.name}' would be probed over tcp` })),
    // Front Door is an HTTP(S) proxy: each region answers on an http or https frontend.
    ...m.regions
      .filter((r) => r.loadBalancer.frontends.find((f) => f.name === r.frontend)!.layer !== 'l7')
      .map((r) => ({ path: `${r.path}.loadBalancer.frontend`, accepted: 'http or https frontends', message: `region '${r.name}' answers on an L4 frontend` })),
  ]);
}

export const AZURE_FRONT_DOOR: GlobalColumn = {
  support: {
    'global.delivery.dns': unsupported('azure-traffic-manager (DNS steering)'),
    // SOURCE: https://learn.microsoft.com/azure/frontdoor/front-door-overview (anycast, edge locations)
    'global.delivery.anycast': native('Front Door endpoint (anycast edge); the host names are custom domains with CNAMEs to it'),
    'global.steering.single': native('one origin'),
    // SOURCE: https://learn.microsoft.com/azure/frontdoor/routing-methods ('Latency: ... the origins with the lowest latency within an acceptable sensitivity range')
    'global.steering.latency': native(
      'latency routing with additionalLatencyInMilliseconds 0: the origin with the lowest latency from the edge the client reached',
    ),
    'global.steering.geo': unsupported('latency steering, or rules-engine routes by client geography (not laid out by lbkit)'),
    'global.steering.geo.country': unsupported('rules-engine routes by country (not laid out by lbkit)'),
    'global.steering.geo.subdivision': unsupported('rules-engine routes (not laid out by lbkit)'),
    // SOURCE: https://learn.microsoft.com/azure/frontdoor/routing-methods (Priority: 'a primary origin ... and a secondary origin as a backup')
    'global.steering.failover': native("origin priority = the region's priority"),
    'global.steering.failover.multi-level': native('origin priorities 1-5'),
    // SOURCE: https://learn.microsoft.com/azure/frontdoor/routing-methods ('Traffic is distributed based on weight values if the origins\' latencies are within the acceptable sensitivity range')
    'global.steering.weighted': nearest(
      'origin weights with additionalLatencyInMilliseconds 1000: weights decide among origins within 1 s of the fastest one; slower origins get nothing',
    ),
    'global.steering.weighted.zero': unsupported('a weight of 1, or a disabled origin (weights are 1-1000)'),
    // SOURCE: https://learn.microsoft.com/azure/frontdoor/health-probes (HTTP/HTTPS probes from every edge; only 200 OK counts)
    'global.health.probe': nearest(
      'healthProbeSettings from every edge location; only 200 is healthy (lbkit: 2xx or 3xx); thresholds become sampleSize / successfulSamplesRequired',
    ),
    'global.health.timeout': nearest("not settable: the edge's own probe timeout"),
    'global.health.asymmetric-thresholds': nearest('one sample window (sampleSize, successfulSamplesRequired) for both directions'),
    'global.health.evaluate-target-health': nearest("the probe goes through the load balancer's frontend: it fails when the load balancer cannot answer"),
    'global.health.probe-only': native('the probe alone decides'),
    'global.ttl': nearest('no DNS steering: the CNAME to the endpoint keeps ttlSeconds, failover does not wait for it'),
    // SOURCE: https://azure.github.io/PSRule.Rules.Azure/en/rules/Azure.FrontDoor.Probe ('If all endpoints in a pool is unhealthy Front Door sends the request to any enabled endpoint')
    'global.all-unhealthy.fail-closed': unsupported('fail-open: with every origin unhealthy Front Door sends requests to any enabled origin'),
    // SOURCE: https://learn.microsoft.com/en-us/azure/dns/dns-alias (alias record at the apex to a Front Door endpoint)
    'global.hostnames.apex': native('an Azure DNS alias record at the apex (the zone in Azure DNS)'),
  },
  ranges: { 'regions[].priority': '1-5', 'regions[].weight': '1-1000', 'healthCheck.protocol': 'http or https' },
  checkRanges: ranges,
};
