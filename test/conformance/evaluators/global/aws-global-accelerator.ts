/**
 * Global Accelerator's choice of endpoint group for a connection, from the compiled plan, as documented:
 * traffic goes to the closest endpoint group with healthy endpoints (traffic dials at 100 % leave all of it
 * there) — https://docs.aws.amazon.com/global-accelerator/latest/dg/about-endpoint-groups.html and
 * https://docs.aws.amazon.com/global-accelerator/latest/dg/introduction-how-it-works.html (failover to the next
 * closest healthy group); with no healthy endpoint anywhere, requests go to all endpoints
 * (https://docs.aws.amazon.com/global-accelerator/latest/dg/about-endpoint-groups-health-check-options.html):
 * the closest group keeps its traffic.
 */
import type { AcceleratorPlan } from '../../../../providers/global/plan/global-accelerator';

export function acceleratorAnswer(plan: AcceleratorPlan, latencyMs: Readonly<Record<string, number>>, healthy: (region: string) => boolean): string {
  const byDistance = plan.endpointGroups
    .map((g, i) => ({ g, i }))
    .sort((a, b) => latencyMs[a.g.region] - latencyMs[b.g.region] || a.i - b.i)
    .map((x) => x.g.region);
  return byDistance.find(healthy) ?? byDistance[0];
}
