/**
 * aws-global-accelerator: a standard accelerator (two static anycast addresses) with one TCP listener and one
 * endpoint group per region holding the region's ALB/NLB, plus Route 53 alias records to the accelerator.
 */
import { compact, native, nearest, unsupported, type RangeViolation } from '../../../lib/capabilities/support';
import type { GlobalColumn } from '../../../lib/capabilities/global-check';
import type { GlobalModel } from '../../../lib/model/global-types';
import { atMostRegions, sameForEveryRegion } from './shared-ranges';

function ranges(m: GlobalModel): RangeViolation[] {
  return compact([
    // One listener serves every endpoint group: the regions' frontends share its port (port overrides aside).
    // SOURCE: https://docs.aws.amazon.com/global-accelerator/latest/dg/about-listeners.html
    sameForEveryRegion(
      m,
      'regions',
      'one frontend port for every region (one listener)',
      (r) => r.loadBalancer.frontends.find((f) => f.name === r.frontend)!.port,
      (ports) => `the regions' frontends listen on ${ports}`,
    ),
    // SOURCE: https://docs.aws.amazon.com/global-accelerator/latest/api/API_EndpointGroup.html (an AWS Region can have one endpoint group per listener; 10 endpoints)
    atMostRegions(m, 10, 'at most 10 regions'),
  ]);
}

export const AWS_GLOBAL_ACCELERATOR: GlobalColumn = {
  support: {
    'global.delivery.dns': unsupported('aws-route53 (DNS steering)'),
    // SOURCE: https://docs.aws.amazon.com/global-accelerator/latest/dg/introduction-how-it-works.html (static anycast IP addresses)
    'global.delivery.anycast': native('a standard accelerator: two static anycast IPv4 addresses (dual-stack for dualstack load balancers)'),
    'global.steering.single': native('one endpoint group'),
    // SOURCE: https://docs.aws.amazon.com/global-accelerator/latest/dg/about-endpoint-groups.html ('directs traffic to endpoint groups ... based on the location of the client and the health of the endpoint group')
    'global.steering.latency': native('endpoint groups per region; the edge sends each connection to the closest healthy group'),
    'global.steering.geo': unsupported('latency (the closest healthy region), or aws-route53 geolocation records'),
    'global.steering.geo.country': unsupported('aws-route53 geolocation records'),
    'global.steering.geo.subdivision': unsupported('aws-route53 geolocation records'),
    // SOURCE: https://docs.aws.amazon.com/global-accelerator/latest/dg/about-endpoint-groups-traffic-dial.html (traffic dial applies to the traffic already directed to the group)
    'global.steering.failover': unsupported(
      "latency: an unhealthy group's traffic goes to the next closest healthy group, not by priority; or aws-route53 failover records",
    ),
    'global.steering.failover.multi-level': unsupported('aws-route53 failover records (two levels)'),
    'global.steering.weighted': unsupported('traffic dials, which share only the traffic closest to each region; or aws-route53 weighted records'),
    'global.steering.weighted.zero': unsupported('a traffic dial of 0 removes the region, also from failover'),
    // SOURCE: https://docs.aws.amazon.com/global-accelerator/latest/dg/about-endpoint-groups.html ('For Network Load Balancer and Application Load Balancer endpoints, configure health check settings on the ELB console')
    'global.health.probe': nearest(
      "ALB/NLB endpoints: the load balancer's own target health decides; the endpoint group's health check settings apply to EC2 and Elastic IP endpoints only",
    ),
    'global.health.timeout': nearest("the load balancer's target-group health check timeout decides"),
    'global.health.asymmetric-thresholds': nearest("the load balancer's target-group thresholds decide"),
    'global.health.evaluate-target-health': native('ALB/NLB endpoints are healthy while their targets are'),
    'global.health.probe-only': unsupported('target health (always used for ALB/NLB endpoints)'),
    // SOURCE: https://docs.aws.amazon.com/Route53/latest/DeveloperGuide/routing-to-global-acc.html (alias record to the accelerator)
    'global.ttl': nearest("the addresses never change; the Route 53 alias to the accelerator has no TTL of its own (the accelerator's is used)"),
    // SOURCE: https://docs.aws.amazon.com/global-accelerator/latest/dg/about-endpoint-groups-health-check-options.html ('if there aren't any healthy endpoints ... routes incoming client requests to all endpoints')
    'global.all-unhealthy.fail-closed': unsupported('fail-open: with no healthy endpoint Global Accelerator sends requests to all endpoints'),
    'global.hostnames.apex': native('Route 53 alias record to the accelerator at the zone apex'),
  },
  ranges: { regions: 'at most 10; one frontend port for all' },
  checkRanges: ranges,
};
