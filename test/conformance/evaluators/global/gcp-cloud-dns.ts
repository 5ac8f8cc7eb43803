/**
 * Cloud DNS's answer from the compiled record set's routing policy, as documented
 * (https://cloud.google.com/dns/docs/routing-policies-overview): weighted round robin draws among the healthy
 * items in proportion to their weights (all items when none is healthy); failover answers the primary while it
 * is healthy, else the backup (the primary when both are unhealthy: Cloud DNS keeps answering).
 */
import type { CloudDnsPlan } from '../../../../providers/global/plan/cloud-dns';

export function cloudDnsAnswer(plan: CloudDnsPlan, name: string, healthy: (region: string) => boolean, draw: number): string | undefined {
  const record = plan.records.find((r) => r.name === `${name}.`);
  if (!record) return undefined;
  const p = record.policy;
  switch (p.kind) {
    case 'simple':
      return p.region;
    case 'primaryBackup':
      return healthy(p.primary) || !healthy(p.backup) ? p.primary : p.backup;
    case 'wrr': {
      const up = p.items.filter((i) => healthy(i.region));
      const items = up.length ? up : p.items;
      const total = items.reduce((s, i) => s + i.weight, 0);
      let at = draw * total;
      for (const i of items) {
        at -= i.weight;
        if (at < 0) return i.region;
      }
      return items[items.length - 1]?.region;
    }
    case 'geo':
      throw new Error('Cloud DNS geolocation by Google Cloud region is a nearest mapping: not held equal');
  }
}
