/**
 * The global external Application Load Balancer's choice of backend region, from the compiled plan, as
 * documented for WATERFALL_BY_REGION (https://docs.cloud.google.com/load-balancing/docs/service-lb-policy.md.txt):
 * the region closest to where the request enters Google's network that has healthy capacity, else the next
 * closest. With no healthy backend anywhere the proxies answer 503: `undefined` here (lbkit fails open; the
 * capability table records the difference, and the differential keeps one region healthy).
 */
import type { GcpGlobalPlan } from '../../../../providers/global/plan/gcp-global';

export function gcpGlobalAnswer(plan: GcpGlobalPlan, latencyMs: Readonly<Record<string, number>>, healthy: (region: string) => boolean): string | undefined {
  return plan.backends
    .map((b, i) => ({ b, i }))
    .sort((a, c) => latencyMs[a.b.region] - latencyMs[c.b.region] || a.i - c.i)
    .map((x) => x.b.region)
    .find(healthy);
}
