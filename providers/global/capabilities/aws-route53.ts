/**
 * aws-route53: Route 53 records with routing policies and health checks, aliased to each region's ALB/NLB.
 * Every cell cites the Route 53 documentation it was read from.
 */
import { compact, native, nearest, outside, unsupported, type RangeViolation } from '../../../lib/capabilities/support';
import type { GlobalColumn } from '../../../lib/capabilities/global-check';
import { probeWritten } from '../../../lib/capabilities/global-features';
import { tenOrThirtySeconds } from './shared-ranges';
import type { GlobalModel } from '../../../lib/model/global-types';

function ranges(m: GlobalModel): RangeViolation[] {
  const hc = m.healthCheck;
  return compact([
    // SOURCE: https://docs.aws.amazon.com/Route53/latest/DeveloperGuide/dns-failover-determining-health-of-endpoints.html
    // ('you can specify the interval between checks: every 10 seconds or every 30 seconds')
    tenOrThirtySeconds(m, 'healthCheck.intervalSeconds 10 or 30 s (RequestInterval)'),
    // SOURCE: https://docs.aws.amazon.com/Route53/latest/APIReference/API_HealthCheckConfig.html (FailureThreshold 1-10)
    probeWritten(m) ? outside('healthCheck.unhealthyThreshold', 'healthCheck.unhealthyThreshold', hc.unhealthyThreshold, 1, 10) : undefined,
    // SOURCE: https://docs.aws.amazon.com/Route53/latest/DeveloperGuide/resource-record-sets-values-geo.html (U.S. states: subdivisions of the United States only)
    ...m.regions.flatMap((r) =>
      r.geo.subdivisions
        .filter((s) => !s.startsWith('US-'))
        .map((s) => ({
          path: `${r.path}.geo.subdivisions`,
          accepted: 'geo.subdivisions of the United States (US-XX)',
          message: `subdivision '${s}' is outside the United States`,
        })),
    ),
  ]);
}

export const AWS_ROUTE53: GlobalColumn = {
  support: {
    // SOURCE: https://docs.aws.amazon.com/Route53/latest/DeveloperGuide/routing-policy.html (simple, latency, geolocation, failover, weighted routing policies)
    'global.delivery.dns': native('records in the hosted zone'),
    'global.delivery.anycast': unsupported('aws-global-accelerator (static anycast addresses), with a Route 53 alias to it'),
    // SOURCE: https://docs.aws.amazon.com/Route53/latest/DeveloperGuide/resource-record-sets-choosing-alias-non-alias.html (alias records to ELB load balancers, also at the zone apex)
    'global.steering.single': native('one alias record (A, and AAAA for dualstack load balancers)'),
    // SOURCE: https://docs.aws.amazon.com/Route53/latest/DeveloperGuide/routing-policy-latency.html
    'global.steering.latency': native("latency records, Region = each region's AWS region; Route 53 measures latency between the resolver and AWS regions"),
    // SOURCE: https://docs.aws.amazon.com/Route53/latest/DeveloperGuide/routing-policy-geo.html ('priority goes to the smallest geographic region'; default location '*')
    'global.steering.geo': native('geolocation records per continent, and a default record (CountryCode *)'),
    'global.steering.geo.country': native('geolocation records with CountryCode'),
    'global.steering.geo.subdivision': native('geolocation records with SubdivisionCode (United States only; see ranges)'),
    // SOURCE: https://docs.aws.amazon.com/Route53/latest/DeveloperGuide/routing-policy-failover.html (a primary and a secondary record)
    'global.steering.failover': native('failover records PRIMARY (priority 1) and SECONDARY'),
    'global.steering.failover.multi-level': unsupported(
      'two regions (PRIMARY and SECONDARY); more levels need failover records nested through alias records, which lbkit does not lay out',
    ),
    // SOURCE: https://docs.aws.amazon.com/Route53/latest/DeveloperGuide/routing-policy-weighted.html (weights 0-255)
    'global.steering.weighted': native('weighted records, Weight = weight'),
    // SOURCE: https://docs.aws.amazon.com/Route53/latest/DeveloperGuide/health-checks-how-route-53-chooses-records.html ('Weighted records with a weight of 0')
    'global.steering.weighted.zero': native('Weight 0: considered only when every record of non-zero weight is unhealthy'),
    // SOURCE: https://docs.aws.amazon.com/Route53/latest/DeveloperGuide/dns-failover-determining-health-of-endpoints.html (HTTP, HTTPS, TCP; interval 10 or 30 s; failure threshold)
    'global.health.probe': native("one AWS::Route53::HealthCheck per region on the load balancer's DNS name, attached to its records"),
    // SOURCE: https://docs.aws.amazon.com/Route53/latest/DeveloperGuide/dns-failover-determining-health-of-endpoints.html
    // (a TCP connection within four seconds, then an HTTP status within two seconds): not settable.
    'global.health.timeout': nearest('fixed by Route 53: 4 s to connect, then 2 s for the answer'),
    // SOURCE: https://docs.aws.amazon.com/Route53/latest/APIReference/API_HealthCheckConfig.html ('FailureThreshold: ... from unhealthy to healthy or vice versa')
    'global.health.asymmetric-thresholds': nearest(
      'one FailureThreshold for both directions: lbkit sets unhealthyThreshold, so recovery takes unhealthyThreshold probes',
    ),
    // SOURCE: https://docs.aws.amazon.com/Route53/latest/DeveloperGuide/resource-record-sets-values-alias.html#rrsets-values-alias-evaluate-target-health
    'global.health.evaluate-target-health': native(
      'EvaluateTargetHealth true on the alias records (an ALB is unhealthy when a target group has no healthy target)',
    ),
    'global.health.probe-only': native('EvaluateTargetHealth false'),
    // SOURCE: https://docs.aws.amazon.com/Route53/latest/APIReference/API_ResourceRecordSet.html ('alias resource record sets ... Route 53 uses the TTL of the resource', ELB: 60 s)
    'global.ttl': nearest("alias records take the load balancer's own TTL (60 s for ELB), not ttlSeconds"),
    // SOURCE: https://docs.aws.amazon.com/Route53/latest/DeveloperGuide/health-checks-how-route-53-chooses-records.html ('If no record is healthy, all records are healthy')
    'global.all-unhealthy.fail-closed': unsupported('fail-open: Route 53 answers as though every record were healthy when none is'),
    // SOURCE: https://docs.aws.amazon.com/Route53/latest/DeveloperGuide/resource-record-sets-choosing-alias-non-alias.html (an alias record can be at the zone apex)
    'global.hostnames.apex': native('alias record at the zone apex'),
  },
  ranges: {
    'healthCheck.intervalSeconds': '10 or 30',
    'healthCheck.unhealthyThreshold': '1-10',
    'regions[].weight': '0-255',
    'regions[].geo.subdivisions': 'US-XX only',
  },
  checkRanges: ranges,
};
