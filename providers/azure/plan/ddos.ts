/**
 * protection.ddos 'advanced' -> Azure DDoS IP Protection on the target's public IPs (ddosSettings.protectionMode
 * Enabled). Azure's paid tier comes per protected public IP (DDoS IP Protection) or per virtual network (a DDoS
 * Network Protection plan, up to 100 addresses, with rapid response and cost protection):
 * https://learn.microsoft.com/azure/ddos-protection/ddos-protection-sku-comparison (checked 2026-12-02). "Protect
 * this load balancer" is the per-IP tier: it covers exactly the frontend addresses and needs no plan resource or
 * virtual network lbkit does not own. Both tiers protect Standard public IPs, which every lbkit frontend uses.
 */
import type { ModelScope } from '../../../lib/capabilities/features';
import type { PlanProblems } from './problems';
import type { PublicIpPlan } from './types';

/** Whether the scope's frontends ask for the advanced DDoS tier (protection covering one of them). */
export function ddosAdvanced(scope: ModelScope): boolean {
  const p = scope.model.protection;
  return p?.ddos === 'advanced' && scope.frontends.some((f) => p.frontends.includes(f.name));
}

/**
 * The target's public IPs, protected when asked. A target without a public IP (an internal load balancer) has
 * nothing DDoS Protection covers: a problem, since the spec asked for the tier.
 */
export function protectedIps(scope: ModelScope, ips: readonly PublicIpPlan[], problems: PlanProblems): PublicIpPlan[] {
  if (!ddosAdvanced(scope)) return [...ips];
  if (!ips.length) {
    problems.limit(
      'protection.ddos',
      'an internal Azure Load Balancer has no public IP, and Azure DDoS Protection protects public IP addresses only',
      "leave protection.ddos at 'platform' for internal load balancers",
    );
  }
  return ips.map((ip) => ({ ...ip, ddosProtection: true as const }));
}
