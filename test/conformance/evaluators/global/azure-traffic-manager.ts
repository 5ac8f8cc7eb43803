/**
 * Traffic Manager's answer from the compiled profile, as documented
 * (https://learn.microsoft.com/azure/traffic-manager/traffic-manager-routing-methods): Priority returns the
 * available endpoint with the lowest priority value; Performance the available endpoint closest to the
 * resolver; Weighted a random available endpoint in proportion to weight. With every endpoint degraded, all are
 * treated as available (https://learn.microsoft.com/en-us/azure/traffic-manager/traffic-manager-monitoring).
 */
import type { TrafficManagerPlan } from '../../../../providers/global/plan/traffic-manager';

export function trafficManagerAnswer(
  plan: TrafficManagerPlan,
  latencyMs: Readonly<Record<string, number>>,
  healthy: (region: string) => boolean,
  draw: number,
): string | undefined {
  const up = plan.endpoints.filter((e) => healthy(e.region));
  const available = up.length ? up : plan.endpoints;
  switch (plan.routingMethod) {
    case 'Priority':
      return [...available].sort((a, b) => (a.priority ?? 1) - (b.priority ?? 1))[0]?.region;
    case 'Performance':
      return available.map((e, i) => ({ e, i })).sort((a, b) => latencyMs[a.e.region] - latencyMs[b.e.region] || a.i - b.i)[0]?.e.region;
    case 'Weighted': {
      const total = available.reduce((s, e) => s + (e.weight ?? 1), 0);
      let at = draw * total;
      for (const e of available) {
        at -= e.weight ?? 1;
        if (at < 0) return e.region;
      }
      return available[available.length - 1]?.region;
    }
    case 'Geographic':
      throw new Error('Geographic routing is a nearest mapping: not held equal');
  }
}
