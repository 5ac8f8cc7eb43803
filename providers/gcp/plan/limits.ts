/**
 * GCP limits the plan can know, as plan problems (LBKIT_GCP_LIMIT) naming the limit and whether GCP raises it.
 * Source: https://cloud.google.com/load-balancing/docs/quotas ("There are also limits on Cloud Load Balancing
 * resources. These limits are unrelated to the quota system. Limits cannot be changed unless otherwise stated.")
 * and https://cloud.google.com/load-balancing/docs/url-map-size-quota, checked 2026-12-02. Project quotas
 * (forwarding rules, backend services, URL-map configuration size units) depend on what else the project holds:
 * the plan cannot know them.
 */
import type { Problem } from '../../../lib/errors';
import type { GcpPlacement } from '../props';
import type { GcpPlan } from './types';

/** "Individual URL maps are limited to 1 MB of data each" (Envoy-based Application Load Balancers; a limit, not a quota). */
export const MAX_URL_MAP_BYTES = 1_000_000;
/** "Maximum number of instance group backends, GCE_VM_IP_PORT NEG backends, GCE_VM_IP NEG backends ... per backend service: 50" (a limit). */
export const MAX_BACKENDS_PER_SERVICE = 50;
/** "Maximum number of internal forwarding rules that can share a single internal IP address: 10. This limit cannot be increased." */
export const MAX_RULES_PER_INTERNAL_ADDRESS = 10;

const limit = (path: string, message: string, fix: string): Problem => ({ code: 'LBKIT_GCP_LIMIT', path, message, fix });

/** The URL map as the API receives it, roughly: its plan serialized (ids stand for the longer resource URLs, so this undercounts). */
const urlMapBytes = (u: GcpPlan['urlMaps'][number]) =>
  Buffer.byteLength(JSON.stringify({ hostRules: u.hostRules, pathMatchers: u.pathMatchers, default: u.default }), 'utf8');

export function limitProblems(plan: GcpPlan, placement?: GcpPlacement): Problem[] {
  const problems: Problem[] = [];
  for (const u of plan.urlMaps) {
    const bytes = urlMapBytes(u);
    if (bytes > MAX_URL_MAP_BYTES) {
      problems.push(
        limit(
          `frontends.${u.frontend}.rules`,
          `the URL map of frontend '${u.frontend}' takes at least ${bytes} bytes; GCP limits a URL map to 1 MB (a limit GCP does not raise)`,
          'split the rules over more frontends, or share host rules between hosts',
        ),
      );
    }
  }
  const uses = new Map<string, number>();
  for (const r of plan.forwardingRules) if (r.internal) uses.set(r.address, (uses.get(r.address) ?? 0) + 1);
  for (const [address, n] of uses) {
    if (n > MAX_RULES_PER_INTERNAL_ADDRESS) {
      problems.push(
        limit(
          'frontends',
          `${n} internal forwarding rules share address ${address}; GCP allows ${MAX_RULES_PER_INTERNAL_ADDRESS} per internal IP address (a limit GCP does not raise)`,
          'spread the frontends over more load balancers',
        ),
      );
    }
  }
  for (const [pool, binding] of Object.entries(placement?.bindings ?? {})) {
    const members =
      'instanceGroups' in binding
        ? Object.keys(binding.instanceGroups).length
        : 'networkEndpoints' in binding
          ? Object.keys(binding.networkEndpoints).length
          : 0;
    if (members > MAX_BACKENDS_PER_SERVICE && plan.backendServices.some((s) => s.pool === pool)) {
      problems.push(
        limit(
          `bindings.${pool}`,
          `pool '${pool}' has ${members} instance groups or NEGs; GCP allows ${MAX_BACKENDS_PER_SERVICE} backends per backend service (listed as a limit, not a quota)`,
          'use fewer, larger instance groups or NEGs',
        ),
      );
    }
  }
  return problems;
}
