/**
 * Which frontends protection inspects on Application Gateway. Its own file: the capability cells
 * (capabilities-ops.ts) read it too, and must not import the planners (which import the target list).
 */
import type { ProtectionModel } from '../../../lib/model/types';

/** Whether protection puts rules on the frontend's WAF policy (the DDoS tier does not: it is on the public IPs). */
export function protectsRequests(protection: ProtectionModel | undefined, frontend: string): protection is ProtectionModel {
  if (!protection?.frontends.includes(frontend)) return false;
  return !!(protection.managedRules || protection.ipAllow.length || protection.ipDeny.length || protection.geo);
}
