/**
 * azure-traffic-manager: a Traffic Manager profile (DNS steering) with one endpoint per region (the regional
 * load balancer's public IP resource or FQDN), and CNAME records (an Azure DNS alias record at the apex).
 */
import { compact, native, nearest, outside, unsupported, type RangeViolation } from '../../../lib/capabilities/support';
import type { GlobalColumn } from '../../../lib/capabilities/global-check';
import { probeWritten } from '../../../lib/capabilities/global-features';
import { atMostRegions, sameForEveryRegion, tenOrThirtySeconds } from './shared-ranges';
import type { GlobalModel } from '../../../lib/model/global-types';

function ranges(m: GlobalModel): RangeViolation[] {
  const hc = m.healthCheck;
  const fast = hc.intervalSeconds <= 10;
  return compact([
    // SOURCE: https://learn.microsoft.com/en-us/javascript/api/@azure/arm-privatetrafficmanager/probeconfig ('Allowed values: 10 or 30 seconds')
    tenOrThirtySeconds(m, 'healthCheck.intervalSeconds 10 or 30 s'),
    // SOURCE: https://learn.microsoft.com/en-us/azure/traffic-manager/traffic-manager-monitoring (timeout 5-10 s at 30 s probing, 5-9 s at 10 s; tolerated failures 0-9)
    m.written.has('healthCheck.timeoutSeconds')
      ? outside('healthCheck.timeoutSeconds', 'healthCheck.timeoutSeconds', hc.timeoutSeconds, 5, fast ? 9 : 10, ' s')
      : undefined,
    probeWritten(m) ? outside('healthCheck.unhealthyThreshold', 'healthCheck.unhealthyThreshold', hc.unhealthyThreshold, 1, 10) : undefined,
    // SOURCE: https://learn.microsoft.com/azure/traffic-manager/traffic-manager-routing-methods (weights 1-1000; priorities 1-1000)
    ...m.regions
      .filter((r) => (r.priority ?? 1) > 1000)
      .map((r) => ({ path: `${r.path}.priority`, accepted: 'priority 1-1000', message: `priority ${r.priority} is above 1000` })),
    // One monitorConfig per profile: every region is probed with the same protocol and port.
    // SOURCE: https://learn.microsoft.com/en-us/azure/traffic-manager/traffic-manager-monitoring
    sameForEveryRegion(
      m,
      'healthCheck',
      'one probe protocol and port for every region',
      (r) => `${r.probe.protocol}:${r.probe.port}`,
      (probes) => `the regions are probed as ${probes}`,
    ),
    // SOURCE: https://learn.microsoft.com/en-us/azure/traffic-manager/traffic-manager-limits (200 endpoints per profile)
    atMostRegions(m, 200, 'at most 200 endpoints per profile'),
  ]);
}

export const AZURE_TRAFFIC_MANAGER: GlobalColumn = {
  support: {
    // SOURCE: https://learn.microsoft.com/azure/traffic-manager/traffic-manager-routing-methods (the routing method determines which endpoint is returned in the DNS response)
    'global.delivery.dns': native('a Traffic Manager profile; the host names are CNAMEs to <profile>.trafficmanager.net'),
    'global.delivery.anycast': unsupported('azure-front-door (anycast edge)'),
    'global.steering.single': native('a profile with one endpoint'),
    // SOURCE: https://learn.microsoft.com/azure/traffic-manager/traffic-manager-routing-methods#performance ('closest endpoint for the lowest network latency')
    'global.steering.latency': native('Performance routing: the endpoint with the lowest latency from the resolver (Internet Latency Table)'),
    // SOURCE: https://learn.microsoft.com/azure/traffic-manager/traffic-manager-routing-methods#geographic ('If the endpoint is degraded ... nested profiles')
    'global.steering.geo': nearest(
      'Geographic routing: each endpoint maps its places (GEO-xx continents, countries, subdivisions), the default maps WORLD; an unhealthy endpoint is not replaced by the next less specific one unless nested profiles are used',
    ),
    'global.steering.geo.country': native('geoMapping country codes'),
    'global.steering.geo.subdivision': native('geoMapping subdivision codes (such as US-CA)'),
    // SOURCE: https://learn.microsoft.com/azure/traffic-manager/traffic-manager-routing-methods#priority-traffic-routing-method (priority 1-1000, unique)
    'global.steering.failover': native("Priority routing, priority = the region's priority"),
    'global.steering.failover.multi-level': native('Priority routing takes any number of levels'),
    // SOURCE: https://learn.microsoft.com/azure/traffic-manager/traffic-manager-routing-methods#weighted ('weight ... an integer from 1 to 1000')
    'global.steering.weighted': native("Weighted routing, weight = the region's weight"),
    'global.steering.weighted.zero': unsupported('a weight of 1, or a disabled endpoint (Traffic Manager weights are 1-1000)'),
    // SOURCE: https://learn.microsoft.com/en-us/azure/traffic-manager/traffic-manager-monitoring (HTTP, HTTPS or TCP probes; interval; timeout; tolerated failures)
    'global.health.probe': native(
      'monitorConfig: protocol, port, path, intervalInSeconds, timeoutInSeconds, toleratedNumberOfFailures = unhealthyThreshold - 1',
    ),
    'global.health.timeout': native('monitorConfig.timeoutInSeconds'),
    // SOURCE: https://learn.microsoft.com/en-us/azure/traffic-manager/traffic-manager-monitoring (an endpoint is Online again after one successful probe)
    'global.health.asymmetric-thresholds': nearest('one successful probe brings an endpoint back (healthyThreshold 1)'),
    'global.health.evaluate-target-health': nearest(
      "the probe goes through the load balancer's frontend: it fails when the load balancer cannot answer, not on member health alone",
    ),
    'global.health.probe-only': native('the probe alone decides'),
    // SOURCE: https://learn.microsoft.com/en-us/javascript/api/@azure/arm-trafficmanager/dnsconfig (ttl)
    'global.ttl': native('dnsConfig.ttl'),
    // SOURCE: https://learn.microsoft.com/en-us/azure/traffic-manager/traffic-manager-monitoring ('If all endpoints in a profile are degraded, then Traffic Manager treats all endpoints as healthy')
    'global.all-unhealthy.fail-closed': unsupported('fail-open: with every endpoint degraded Traffic Manager returns them as though healthy'),
    // SOURCE: https://learn.microsoft.com/en-us/azure/dns/dns-alias (alias record at the apex to a Traffic Manager profile)
    'global.hostnames.apex': native('an Azure DNS alias record at the apex (the zone in Azure DNS); CNAMEs elsewhere'),
  },
  ranges: {
    'healthCheck.intervalSeconds': '10 or 30',
    'healthCheck.timeoutSeconds': '5-10 (5-9 at 10 s)',
    'healthCheck.unhealthyThreshold': '1-10',
    'regions[].priority': '1-1000',
    'regions[].weight': '1-1000',
  },
  checkRanges: ranges,
};
