/**
 * A rule's retry as an Envoy Gateway BackendTrafficPolicy retry (gateway.envoyproxy.io_backendtrafficpolicies.yaml
 * v1.9.0): numRetries = attempts; retryOn triggers connect-failure and reset (Envoy's 'reset' also covers a per-try
 * timeout: 'does not respond at all (disconnect/reset/read timeout)'), plus retriable-status-codes with
 * httpStatusCodes for the listed statuses; perRetry.timeout = the rule's backend timeout. Envoy Gateway adds the
 * previous_hosts predicate (internal/xds/translator/route.go buildRetryPolicy), so a retry goes to a member not tried
 * yet, as in lbkit. What differs (Envoy resends any method and a buffered body) is the nearest cell in
 * capabilities-filters.ts.
 */
import type { RuleFilters } from '../../../lib/model/types';

export function envoyRetry(filters: RuleFilters | undefined): Record<string, unknown> {
  const r = filters?.retry;
  if (!r) return {};
  const backend = filters.backendTimeoutSeconds;
  return {
    retry: {
      numRetries: r.attempts,
      retryOn: {
        triggers: ['connect-failure', 'reset', ...(r.statuses.length ? ['retriable-status-codes'] : [])],
        ...(r.statuses.length ? { httpStatusCodes: [...r.statuses] } : {}),
      },
      ...(backend !== undefined ? { perRetry: { timeout: `${backend}s` } } : {}),
    },
  };
}
