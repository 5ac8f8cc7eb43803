/**
 * gcp-cloud-dns: Cloud DNS record sets with routing policies (WRR, geolocation by Google Cloud region,
 * failover) and health-checked external endpoints (each region's load balancer IP address): an A record set per
 * host name, and an AAAA record set over the IPv6 addresses when every region is dualstack. Health-checked
 * targets exist for A and AAAA record sets only, and external endpoints (not internalLoadBalancers, which are
 * for internal load balancers in private zones) are the addresses of external load balancers.
 */
import { cite, compact, native, nearest, outside, unsupported, type RangeViolation, type Source } from '../../../lib/capabilities/support';
import type { GlobalColumn } from '../../../lib/capabilities/global-check';
import { probeWritten } from '../../../lib/capabilities/global-features';
import type { GlobalModel } from '../../../lib/model/global-types';

function ranges(m: GlobalModel): RangeViolation[] {
  const hc = m.healthCheck;
  return compact([
    // A health check with sourceRegions (needed for external endpoints) takes checkIntervalSec of at least 30.
    // SOURCE: https://cloud.google.com/compute/docs/reference/rest/v1/healthChecks (sourceRegions: 'The checkIntervalSec field must be at least 30')
    probeWritten(m) ? outside('healthCheck.intervalSeconds', 'healthCheck.intervalSeconds', hc.intervalSeconds, 30, 300, ' s') : undefined,
    // SOURCE: https://cloud.google.com/dns/docs/routing-policies-overview (WRR weights 0-1000)
    ...m.regions.filter((r) => (r.weight ?? 0) > 1000).map((r) => ({ path: `${r.path}.weight`, accepted: 'weight 0-1000', message: `weight ${r.weight}` })),
  ]);
}

const CHECKED = '2026-12-02';
/** The routing policy's health-checked targets, per record type, as @pulumi/gcp 9.37 (the Terraform google provider) documents them. */
const healthChecked = (policy: string): Source =>
  cite(
    `@pulumi/gcp 9.37 dns.RecordSetRoutingPolicy${policy}.healthCheckedTargets ("For A and AAAA types only"; externalEndpoints: "The Internet IP addresses to be health checked"); https://cloud.google.com/dns/docs/routing-policies-overview (Health checks)`,
    CHECKED,
  );

export const GCP_CLOUD_DNS: GlobalColumn = {
  support: {
    // SOURCE: https://cloud.google.com/dns/docs/routing-policies-overview (routing policies for public zones)
    'global.delivery.dns': native('record sets with a routing policy in the managed zone'),
    'global.delivery.anycast': unsupported('a global external Application Load Balancer (anycast) in front of regional backends'),
    // SOURCE: https://cloud.google.com/dns/docs/reference/v1/resourceRecordSets (rrdatas: static resolution)
    'global.steering.single': native(
      "an A record set with the load balancer's address (and an AAAA record set with its IPv6 address when the load balancer is dualstack)",
      cite('https://cloud.google.com/dns/docs/reference/v1/resourceRecordSets', CHECKED),
    ),
    // SOURCE: https://cloud.google.com/dns/docs/routing-policies-overview#geolocation-policy ('applies a nearest match for the source location')
    'global.steering.latency': nearest(
      'geolocation policy with one item per region at its Google Cloud region, for the A and the AAAA record set: the item nearest the source location answers (geographic distance, not measured latency)',
      healthChecked('Geo'),
    ),
    'global.steering.geo': unsupported('latency steering: Cloud DNS geolocation items are Google Cloud regions, not continents or countries'),
    'global.steering.geo.country': unsupported('Google Cloud regions as locations'),
    'global.steering.geo.subdivision': unsupported('Google Cloud regions as locations'),
    // SOURCE: https://cloud.google.com/dns/docs/routing-policies-overview#failover-policy (primary targets and backup geolocation items)
    'global.steering.failover': native(
      'primaryBackup (A and AAAA record sets): priority 1 is the primary target, the next priority the backup geolocation item',
      healthChecked('PrimaryBackupPrimary'),
    ),
    'global.steering.failover.multi-level': unsupported('two levels (primary and backup)'),
    // SOURCE: https://cloud.google.com/dns/docs/routing-policies-overview#wrr-policy
    'global.steering.weighted': native("weighted round robin items (A and AAAA record sets), weight = the region's weight", healthChecked('Wrr')),
    'global.steering.weighted.zero': nearest('a WRR item of weight 0 is never answered, also when the others are unhealthy'),
    // SOURCE: https://cloud.google.com/dns/docs/zones/manage-routing-policies (health checks for external endpoints in public zones)
    'global.health.probe': native("a Compute Engine health check on the external endpoints (the regions' load balancer addresses)"),
    'global.health.timeout': native('healthCheck timeoutSec'),
    'global.health.asymmetric-thresholds': native('healthyThreshold and unhealthyThreshold of the health check'),
    'global.health.evaluate-target-health': nearest(
      "the health check probes the load balancer's address: it fails when the load balancer cannot answer, not on member health alone",
    ),
    'global.health.probe-only': native('the health check alone decides'),
    // SOURCE: https://cloud.google.com/dns/docs/records (ttl per record set)
    'global.ttl': native("the record set's ttl"),
    // SOURCE: https://cloud.google.com/dns/docs/routing-policies-overview ('Geolocation routing policy with a geofence ... even if all endpoints in that geolocation are unhealthy'); without a geofence unhealthy items are skipped
    'global.all-unhealthy.fail-closed': unsupported('fail-open: with every target unhealthy Cloud DNS still answers them'),
    // SOURCE: https://cloud.google.com/dns/docs/records-overview (A: IPv4, AAAA: IPv6 address records). A CNAME cannot share the apex with its SOA and NS
    // records (RFC 1034 section 3.6.2); lbkit writes A and AAAA record sets only, as a Google Cloud load balancer has addresses and no DNS name to alias.
    'global.hostnames.apex': native('A (and AAAA) record sets at the apex', cite('https://cloud.google.com/dns/docs/records-overview', CHECKED)),
  },
  ranges: { 'healthCheck.intervalSeconds': '30-300', 'regions[].weight': '0-1000' },
  checkRanges: ranges,
};
