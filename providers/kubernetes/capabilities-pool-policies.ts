/**
 * Pool rows of issue 16 on the Gateway columns: a load-balancer session cookie (lb-cookie without Max-Age) and a
 * retry budget per pool, as plan/http-routes.ts, plan/pool-policy.ts, plan/gke.ts and plan/gateway.ts render them.
 *
 * Sources:
 * - Gateway API v1.6.1 experimental CRDs (../shared/reference/k8s-crds): HTTPRoute rule sessionPersistence
 *   (cookieConfig.lifetimeType Session: 'a session cookie is deleted when the current session ends', absoluteTimeout
 *   optional), XBackendTrafficPolicy spec.retryConstraint (budget.percent and interval, minRetryRate count and
 *   interval; 'After the retry budget has been exceeded, additional retries to the backend MUST return a 503').
 *   Neither is in the standard channel.
 * - Envoy Gateway v1.9.0: internal/xds/translator/route.go buildHashPolicy writes BackendTrafficPolicy
 *   consistentHash.cookie.ttl as Envoy's hash_policy cookie ttl whenever it is given, '0s' included; Envoy
 *   (route_components.proto RouteAction.HashPolicy.Cookie.ttl): 'If the cookie is not present and ttl below is not
 *   set, no hash will be produced'; 'If the TTL is present and zero, the generated cookie will be a session cookie'.
 *   Envoy Gateway also renders HTTPRoute sessionPersistence (internal/gatewayapi/route.go, a stateful_session filter),
 *   but that field needs the experimental channel, which k8s-envoy-gateway does not write. XBackendTrafficPolicy is
 *   only named by the EnvoyGateway gatewayAPI.enabled flag (api/v1alpha1/envoygateway_types.go); no v1.9.0
 *   translator reads retryConstraint. circuitBreaker.retryBudget caps concurrent retries against active requests.
 * - GKE: GCPBackendPolicy SessionAffinityConfig.cookieTtlSec ('If set to 0, the cookie is non-persistent and lasts
 *   only until the end of the browser session'; minimum 0), GoogleCloudPlatform/gke-gateway-api
 *   apis/networking/v1/gcpbackendpolicy_types.go, published as https://googlecloudplatform.github.io/gke-gateway-api.
 *   GCPBackendPolicy has no retry or circuit-breaker field.
 */
import { cite, native, unsupported, type Support } from '../../lib/capabilities/support';
import type { GatewayFlavour } from './ranges';

const CHECKED = '2026-12-02';
const HTTPROUTE = cite('gateway.networking.k8s.io_httproutes.yaml, Gateway API v1.6.1 experimental (spec.rules[].sessionPersistence)', CHECKED);
const XBTP = cite('gateway.networking.x-k8s.io_xbackendtrafficpolicies.yaml, Gateway API v1.6.1 experimental (spec.retryConstraint)', CHECKED);
const EG_COOKIE = cite(
  'https://www.envoyproxy.io/docs/envoy/latest/api-v3/config/route/v3/route_components.proto#envoy-v3-api-msg-config-route-v3-routeaction-hashpolicy-cookie (ttl); envoyproxy/gateway v1.9.0 internal/xds/translator/route.go buildHashPolicy',
  CHECKED,
);
const EG_RETRY = cite(
  'envoyproxy/gateway v1.9.0 api/v1alpha1/envoygateway_types.go (GatewayAPI XBackendTrafficPolicy flag, no translator); gateway.envoyproxy.io_backendtrafficpolicies.yaml v1.9.0 (circuitBreaker.retryBudget)',
  CHECKED,
);
const GKE_POLICY = cite(
  'https://github.com/GoogleCloudPlatform/gke-gateway-api/blob/main/apis/networking/v1/gcpbackendpolicy_types.go (SessionAffinityConfig.cookieTtlSec; no retry field)',
  CHECKED,
);

/** A row's cell on Envoy Gateway, on GKE, and on the portable Gateway API per channel. */
interface RowCells {
  readonly envoy: Support;
  readonly gke: Support;
  readonly experimental: Support;
  readonly standard: Support;
}

const ROWS: Readonly<Record<string, RowCells>> = {
  'pool.persistence.session-cookie': {
    envoy: native(
      "BackendTrafficPolicy loadBalancer ConsistentHash type Cookie with ttl '0s': Envoy generates a session cookie (without a ttl it generates none)",
      EG_COOKIE,
    ),
    gke: native('GCPBackendPolicy default.sessionAffinity type GENERATED_COOKIE, cookieTtlSec 0 (a browser-session cookie)', GKE_POLICY),
    experimental: native(
      'HTTPRoute rule sessionPersistence type Cookie, cookieConfig lifetimeType Session, no absoluteTimeout (experimental channel)',
      HTTPROUTE,
    ),
    standard: unsupported(
      "placement channel 'experimental' (HTTPRoute sessionPersistence lifetimeType Session), or k8s-envoy-gateway or k8s-gke-gateway (a cookie TTL of 0)",
      HTTPROUTE,
    ),
  },
  'pool.retry-budget': {
    envoy: unsupported(
      'no budget: Envoy Gateway v1.9 does not implement XBackendTrafficPolicy retryConstraint, and BackendTrafficPolicy circuitBreaker.retryBudget counts concurrent retries against active requests, not a share of the attempts over a window',
      EG_RETRY,
    ),
    gke: unsupported('no budget: GCPBackendPolicy has no retry budget field', GKE_POLICY),
    experimental: native(
      "XBackendTrafficPolicy retryConstraint on the pool's Service (experimental channel): budget percent and interval, minRetryRate count and interval; a retry over the budget gets 503",
      XBTP,
    ),
    standard: unsupported("placement channel 'experimental' (XBackendTrafficPolicy retryConstraint)", XBTP),
  },
};

export function poolPolicyCells(f: GatewayFlavour, channel: 'standard' | 'experimental'): Record<string, Support> {
  return Object.fromEntries(Object.entries(ROWS).map(([id, cells]) => [id, f === 'portable' ? cells[channel] : cells[f]]));
}
