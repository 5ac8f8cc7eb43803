/**
 * Gateway-API-grade L7 rows (issue 16) of the Gateway columns: header modifiers, URL rewrites, prefix redirects,
 * rule timeouts and retries, as plan/rule-filters.ts and plan/envoy-retry.ts render them.
 *
 * Sources:
 * - Gateway API v1.6.1 HTTPRoute CRD (../shared/reference/k8s-crds, gateway.networking.k8s.io_httproutes.yaml):
 *   RequestHeaderModifier (Core; add 'appends to any existing values': my-header: foo + add bar,baz = foo,bar,baz),
 *   ResponseHeaderModifier, URLRewrite hostname and path (Extended), RequestRedirect path ReplacePrefixMatch,
 *   timeouts.request ('an implementation MAY choose to start the timeout after the entire request stream has been
 *   received'), timeouts.backendRequest ('to when the full response has been received from the backend'); retry is in
 *   the experimental CRD only (attempts, codes: 'MUST support 500, 502, 503, 504', other 5xx 'MAY'); neither field
 *   says which methods are resent or which member a retry goes to.
 * - Envoy Gateway: internal/gatewayapi/route.go processRouteTimeout (request is Envoy's route timeout; without an
 *   HTTPRoute retry, backendRequest replaces it as the route timeout), BackendTrafficPolicy retry (v1.9.0 CRD),
 *   internal/xds/translator/route.go buildRetryPolicy (previous_hosts predicate), Envoy's route timeout ('spans between
 *   the point at which the entire downstream request (i.e. end-of-stream) has been processed and when the upstream
 *   response has been completely processed', route_components.proto RouteAction.timeout) and retry_on
 *   (router_filter: a retry policy resends whatever method it is given).
 * - GKE: the GKE Gateway conformance reports in kubernetes-sigs/gateway-api (conformance/reports/v1.1.0/gke-gateway),
 *   which list the Extended HTTPRoute features each class supports (gke() below).
 */
import { cite, native, nearest, unsupported, type Support } from '../../lib/capabilities/support';
import type { GatewayFlavour } from './ranges';

const HTTPROUTE = cite('gateway.networking.k8s.io_httproutes.yaml, Gateway API v1.6.1 (spec.rules[].filters, timeouts, retry)', '2026-12-02');
const EG_TIMEOUT = cite('https://github.com/envoyproxy/gateway/blob/main/internal/gatewayapi/route.go (processRouteTimeout)', '2026-12-02');
const ENVOY_ROUTE_TIMEOUT = cite(
  'https://www.envoyproxy.io/docs/envoy/latest/api-v3/config/route/v3/route_components.proto#envoy-v3-api-field-config-route-v3-routeaction-timeout',
  '2026-12-02',
);
const EG_RETRY = cite(
  'gateway.envoyproxy.io_backendtrafficpolicies.yaml v1.9.0 (retry numRetries, retryOn, perRetry.timeout); envoyproxy/gateway internal/xds/translator/route.go buildRetryPolicy (previous_hosts)',
  '2026-12-02',
);
const GKE_REPORT = cite(
  'https://github.com/kubernetes-sigs/gateway-api/blob/main/conformance/reports/v1.1.0/gke-gateway/standard-1.30.3-rilb-report.yaml (and -rxlb-report.yaml)',
  '2026-12-02',
);

const REQUEST_TIMEOUT_START = 'the timeout may start once the whole request (its body) has arrived, where lbkit starts it on arrival';
const BACKEND_TO_FULL_RESPONSE = 'it runs until the full response, where lbkit stops it at the response headers';

/**
 * GKE's conformance reports (GKE 1.30.3, Gateway API v1.1.0, classes gke-l7-rilb and gke-l7-regional-external-managed)
 * pass Core (RequestHeaderModifier) and list HTTPRouteHostRewrite, HTTPRoutePathRedirect (its test redirects with
 * ReplacePrefixMatch and ReplaceFullPath) and HTTPRouteResponseHeaderModification as supported; HTTPRoutePathRewrite,
 * HTTPRouteRequestTimeout and HTTPRouteBackendTimeout as unsupported. Reports are of the standard channel: no retry.
 */
function gke(): Record<string, Support> {
  const pathRewrite = unsupported('no rewrite, or k8s-envoy-gateway (URLRewrite path): GKE reports HTTPRoutePathRewrite unsupported', GKE_REPORT);
  const timeout = (field: string) =>
    unsupported(
      `the backend service timeout (GCPBackendPolicy default.timeoutSec, per Service, not written by lbkit), or k8s-envoy-gateway (${field}): GKE reports HTTPRouteRequestTimeout and HTTPRouteBackendTimeout unsupported`,
      GKE_REPORT,
    );
  const retry = unsupported(
    'no retry, or k8s-envoy-gateway (BackendTrafficPolicy retry): GKE implements the standard channel, which has no HTTPRoute retry',
    GKE_REPORT,
  );
  return {
    'rule.filter.request-headers': native(
      "HTTPRoute rule filter RequestHeaderModifier (Core); add becomes one more field line on the GCP data plane (URL map headerAction replace false), the same list value as lbkit's ',' join",
      GKE_REPORT,
    ),
    'rule.filter.response-headers': native('ResponseHeaderModifier (HTTPRouteResponseHeaderModification); add as one more field line', GKE_REPORT),
    'rule.filter.rewrite-host': native('URLRewrite hostname (HTTPRouteHostRewrite)', GKE_REPORT),
    'rule.filter.rewrite-path-full': pathRewrite,
    'rule.filter.rewrite-path-prefix': pathRewrite,
    'action.redirect.path-prefix': native('RequestRedirect path ReplacePrefixMatch (HTTPRoutePathRedirect), one PathPrefix match per route rule', GKE_REPORT),
    'rule.timeout.request': timeout('timeouts.request'),
    'rule.timeout.backend': timeout('timeouts.backendRequest'),
    'rule.retry': retry,
    'rule.retry.statuses': retry,
  };
}

/** Header modifiers, rewrites and prefix redirects: standard-channel HTTPRoute filters, the same on the portable and Envoy columns. */
function filters(f: GatewayFlavour): Record<string, Support> {
  const addNote =
    f === 'envoy'
      ? "; add appends the value as one more field line (Envoy APPEND_IF_EXISTS_OR_ADD), the same list value as lbkit's ',' join under RFC 9110 §5.3"
      : "; add appends to the existing values ('foo' + add 'bar' = 'foo,bar')";
  return {
    'rule.filter.request-headers': native(`HTTPRoute rule filter RequestHeaderModifier set, add, remove${addNote}`, HTTPROUTE),
    'rule.filter.response-headers': native(`HTTPRoute rule filter ResponseHeaderModifier set, add, remove${addNote}`, HTTPROUTE),
    'rule.filter.rewrite-host': native('HTTPRoute rule filter URLRewrite hostname', HTTPROUTE),
    'rule.filter.rewrite-path-full': native('URLRewrite path type ReplaceFullPath (the query is kept)', HTTPROUTE),
    'rule.filter.rewrite-path-prefix': native(
      'URLRewrite path type ReplacePrefixMatch, with one PathPrefix match per route rule (a rule of several paths or methods becomes one route rule per match)',
      HTTPROUTE,
    ),
    'action.redirect.path-prefix': native(
      'RequestRedirect path type ReplacePrefixMatch, with one PathPrefix match per route rule (a rule of several paths or methods becomes one route rule per match)',
      HTTPROUTE,
    ),
  };
}

function timing(f: GatewayFlavour, channel: 'standard' | 'experimental'): Record<string, Support> {
  if (f === 'envoy') {
    return {
      'rule.timeout.request': nearest(
        `HTTPRoute timeouts.request, Envoy's route timeout: it starts once the whole request has arrived and covers every retry, where lbkit starts it on arrival`,
        ENVOY_ROUTE_TIMEOUT,
      ),
      'rule.timeout.backend': nearest(
        `without a retry, HTTPRoute timeouts.backendRequest, which Envoy Gateway makes the route timeout (until the full response, in place of timeouts.request); with a retry, BackendTrafficPolicy retry.perRetry.timeout (Envoy's per-try timeout)`,
        EG_TIMEOUT,
      ),
      'rule.retry': nearest(
        'BackendTrafficPolicy retry: numRetries, retryOn connect-failure and reset (a per-try timeout counts), each retry on a member not tried yet (previous_hosts); Envoy also resends non-idempotent methods and buffered bodies, where lbkit resends only bodiless requests of the methods asked for',
        EG_RETRY,
      ),
      'rule.retry.statuses': native('BackendTrafficPolicy retry.retryOn triggers retriable-status-codes, httpStatusCodes', EG_RETRY),
    };
  }
  const experimental = channel === 'experimental';
  return {
    'rule.timeout.request': nearest(`HTTPRoute timeouts.request: ${REQUEST_TIMEOUT_START}`, HTTPROUTE),
    'rule.timeout.backend': nearest(`HTTPRoute timeouts.backendRequest: ${BACKEND_TO_FULL_RESPONSE}`, HTTPROUTE),
    'rule.retry': experimental
      ? nearest(
          'HTTPRoute retry attempts (experimental channel): which failures besides the codes are retried, which methods are resent and which member a retry takes are implementation-specific',
          HTTPROUTE,
        )
      : unsupported("placement channel 'experimental' (HTTPRoute retry), or k8s-envoy-gateway (BackendTrafficPolicy retry)", HTTPROUTE),
    'rule.retry.statuses': experimental
      ? nearest('HTTPRoute retry codes (experimental channel): 500, 502, 503 and 504 are Extended support, other 5xx codes implementation-specific', HTTPROUTE)
      : unsupported("placement channel 'experimental' (HTTPRoute retry codes), or k8s-envoy-gateway (BackendTrafficPolicy retry)", HTTPROUTE),
  };
}

export function filterCells(f: GatewayFlavour, channel: 'standard' | 'experimental'): Record<string, Support> {
  return f === 'gke' ? gke() : { ...filters(f), ...timing(f, channel) };
}
