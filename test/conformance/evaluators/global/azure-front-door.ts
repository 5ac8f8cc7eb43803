/**
 * Front Door's choice of origin for a request, from the compiled origin group, as documented
 * (https://learn.microsoft.com/azure/frontdoor/routing-methods, the decision flow: available origins, then the
 * lowest priority value, then the lowest latency within additionalLatencyInMilliseconds, then weights). With
 * every origin unhealthy, requests go to any enabled origin
 * (https://azure.github.io/PSRule.Rules.Azure/en/rules/Azure.FrontDoor.Probe): all count as available.
 */
import type { FrontDoorPlan } from '../../../../providers/global/plan/front-door';

export function frontDoorAnswer(plan: FrontDoorPlan, latencyMs: Readonly<Record<string, number>>, healthy: (region: string) => boolean): string | undefined {
  const up = plan.origins.filter((o) => healthy(o.region));
  const available = up.length ? up : plan.origins;
  const best = Math.min(...available.map((o) => o.priority));
  const top = available.filter((o) => o.priority === best);
  const fastest = Math.min(...top.map((o) => latencyMs[o.region]));
  // additionalLatencyInMilliseconds 0: only the fastest (ties keep the origins' order).
  return top.find((o) => latencyMs[o.region] <= fastest + plan.originGroup.additionalLatencyInMilliseconds)?.region;
}
