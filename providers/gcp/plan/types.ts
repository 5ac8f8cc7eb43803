/**
 * The GCP shape of a load balancer, computed once from the model (plan/index.ts) and read by both the Pulumi
 * renderer and `lbkit plan`'s describer. Plain data: no Pulumi types, no placement values (project, region,
 * network), only ids derived from spec names. The renderer prefixes every id with the component's name.
 */
import type { GcpTargetId } from '../targets';

/** How an L4 frontend compiles: passthrough Network Load Balancer or proxy Network Load Balancer. */
export type NetworkLoadBalancerKind = 'passthrough' | 'proxy';
export type Flavor = 'alb' | NetworkLoadBalancerKind;
export type LoadBalancingScheme = 'EXTERNAL_MANAGED' | 'INTERNAL_MANAGED' | 'EXTERNAL' | 'INTERNAL';
export type IpVersion = 'IPV4' | 'IPV6';

export interface GcpPlanOptions {
  /** L7 frontends compile to the global external Application Load Balancer (true) or a regional one (false). */
  readonly global: boolean;
  /** Per L4 frontend name: how it compiles. Frontends not listed take the default (see `defaultNetworkLoadBalancerKind`). */
  readonly networkLoadBalancers?: Readonly<Record<string, NetworkLoadBalancerKind>>;
  /** Client ranges the firewall opens to internal passthrough frontends without allowedSourceCidrs. */
  readonly internalClientRanges?: readonly string[];
  /** The route-rule priorities deployed, by frontend and rule id: kept where the order allows (plan/priorities.ts). */
  readonly routePriorities?: Readonly<Record<string, Readonly<Record<string, number>>>>;
}

export interface GcpPlan {
  readonly name: string;
  /** The targets compiled, with their frontends (for the capability check and `lbkit plan`). */
  readonly targets: readonly { readonly target: GcpTargetId; readonly frontends: readonly string[] }[];
  readonly addresses: readonly AddressPlan[];
  readonly healthChecks: readonly HealthCheckPlan[];
  readonly backendServices: readonly BackendServicePlan[];
  readonly securityPolicies: readonly SecurityPolicyPlan[];
  /** Cloud Monitoring alert policies of the spec's alarms (alerts.ts). */
  readonly alertPolicies: readonly AlertPolicyPlan[];
  /**
   * Advanced network DDoS protection for external passthrough frontends (protection.ddos advanced): a regional
   * CLOUD_ARMOR_NETWORK policy with ddosProtection ADVANCED and the region's network edge security service.
   */
  readonly networkDdos?: { readonly id: string; readonly frontends: readonly string[] };
  readonly sslPolicies: readonly SslPolicyPlan[];
  readonly mtlsPolicies: readonly MtlsPolicyPlan[];
  readonly urlMaps: readonly UrlMapPlan[];
  readonly proxies: readonly TargetProxyPlan[];
  readonly forwardingRules: readonly ForwardingRulePlan[];
  readonly firewalls: readonly FirewallPlan[];
  /** Regional Envoy-based load balancers (regional ALB, regional proxy NLB) need the region's proxy-only subnet. */
  readonly needsProxyOnlySubnet: boolean;
  /** Logical certificate names the proxies use, and where (for placement checks). */
  readonly certificates: readonly { readonly name: string; readonly regional: boolean; readonly frontend: string }[];
}

/**
 * What every GCP resource of the plan has: its id (from spec names; the renderer prefixes the component's name), and
 * whether it is the regional kind of the resource (RegionHealthCheck, RegionUrlMap, ...) or the global one.
 */
export interface ScopedResourcePlan {
  readonly id: string;
  readonly regional: boolean;
}

export interface AddressPlan extends ScopedResourcePlan {
  readonly flavor: Flavor;
  readonly internal: boolean;
  readonly ipVersion: IpVersion;
  /** More than one forwarding rule uses it (internal addresses then need purpose SHARED_LOADBALANCER_VIP). */
  readonly shared: boolean;
}

export interface HealthCheckPlan extends ScopedResourcePlan {
  readonly pool: string;
  /** grpc: grpcHealthCheck (h2c); grpc-tls: grpcTlsHealthCheck (grpcs pools). */
  readonly protocol: 'tcp' | 'http' | 'https' | 'grpc' | 'grpc-tls';
  readonly port: number;
  /** http/https probes only. */
  readonly requestPath?: string;
  /** grpc probes: the service asked about; unset for the whole server. */
  readonly grpcServiceName?: string;
  /** The timing and thresholds as written; unset: GCP's own (plan/defaults.ts). */
  readonly checkIntervalSec?: number;
  readonly timeoutSec?: number;
  readonly healthyThreshold?: number;
  readonly unhealthyThreshold?: number;
}

export interface BackendServicePlan extends ScopedResourcePlan {
  readonly pool: string;
  readonly flavor: Flavor;
  readonly scheme: LoadBalancingScheme;
  /** HTTP2: HTTP/2 with TLS (grpcs, and https pools with http2); H2C: HTTP/2 in clear (grpc, and http pools with http2). */
  readonly protocol: 'HTTP' | 'HTTPS' | 'HTTP2' | 'H2C' | 'TCP' | 'SSL' | 'UDP';
  /** The pool's port: instance groups get a named port `portName` for it. */
  readonly port: number;
  /** Proxies reach instance groups through this named port; passthrough has none. */
  readonly portName?: string;
  readonly healthCheck: string;
  /** Unset where GCP does not accept it (proxy NLB picks by balancing mode). */
  readonly localityLbPolicy?: 'ROUND_ROBIN' | 'LEAST_REQUEST' | 'RING_HASH' | 'RANDOM' | 'MAGLEV';
  /** Unset: GCP's NONE (the spec wrote neither an algorithm nor session persistence). */
  readonly sessionAffinity?: 'NONE' | 'CLIENT_IP' | 'GENERATED_COOKIE' | 'HTTP_COOKIE';
  readonly affinityCookieTtlSec?: number;
  readonly consistentHash?: { readonly minimumRingSize: number; readonly httpCookie?: { readonly name: string; readonly ttlSec: number } };
  /** Unset: the provider's 300 s (plan/defaults.ts). */
  readonly connectionDrainingTimeoutSec?: number;
  /** Proxy NLB: the idle timeout, when written. Unset (always on ALB, which has no spec field for it): GCP's 30 s. */
  readonly timeoutSec?: number;
  /** Passthrough: connection tracking idle timeout, when written (unset: GCP's 60 s external, 600 s internal). */
  readonly idleTimeoutSec?: number;
  readonly outlierDetection?: { readonly consecutiveErrors: number; readonly baseEjectionSec: number; readonly maxEjectionPercent: number };
  /** Request logs (ALB), connection logs (Network Load Balancers). */
  readonly logging?: boolean;
  /** Id of the Cloud Armor policy attached (ALB only). */
  readonly securityPolicy?: string;
}

export interface SecurityPolicyPlan extends ScopedResourcePlan {
  /** The frontends whose traffic it sees. */
  readonly frontends: readonly string[];
  readonly rules: readonly ArmorRulePlan[];
  /** Adaptive Protection (protection.ddos advanced): adaptiveProtectionConfig.layer7DdosDefenseConfig.enable; global only. */
  readonly adaptiveProtection?: boolean;
}

export interface ArmorRulePlan {
  readonly priority: number;
  readonly description: string;
  readonly action: 'allow' | 'throttle' | `deny(${number})`;
  readonly match: { readonly srcIpRanges: readonly string[] } | { readonly expression: string };
  /** The action is logged, not enforced (managed rules in detect mode). */
  readonly preview?: boolean;
  readonly rateLimit?: {
    readonly count: number;
    readonly intervalSec: number;
    readonly exceedAction: `deny(${number})`;
    readonly enforceOnKey: 'IP' | 'HTTP_HEADER';
    readonly enforceOnKeyName?: string;
  };
}

export interface SslPolicyPlan extends ScopedResourcePlan {
  readonly profile: 'MODERN' | 'RESTRICTED';
  readonly minTlsVersion: 'TLS_1_2' | 'TLS_1_3';
}

export interface MtlsPolicyPlan {
  readonly id: string;
  readonly trustStore: string;
  readonly clientValidationMode: 'REJECT_INVALID' | 'ALLOW_INVALID_OR_MISSING_CLIENT_CERT';
}

export type RouteTarget =
  | { readonly kind: 'service'; readonly backendService: string }
  | { readonly kind: 'weighted'; readonly services: readonly { readonly backendService: string; readonly weight: number }[] }
  | { readonly kind: 'redirect'; readonly redirect: RedirectPlan }
  /**
   * A port's host no frontend serves (listeners with host names, no catch-all): 404, as a fault-injection abort
   * of every request in a routeAction whose backend service (one of the port's) is never reached.
   */
  | { readonly kind: 'not-found'; readonly backendService: string }
  /** No GCP equivalent (a fixed response): the capability check rejects it before anything is rendered. */
  | { readonly kind: 'unsupported'; readonly what: string };

export interface RedirectPlan {
  readonly hostRedirect?: string;
  readonly pathRedirect?: string;
  /** Replaces the route rule's prefixMatch and keeps the rest of the path (a redirect's pathPrefix, issue 16). */
  readonly prefixRedirect?: string;
  readonly httpsRedirect: boolean;
  readonly stripQuery: boolean;
  readonly redirectResponseCode: 'MOVED_PERMANENTLY_DEFAULT' | 'FOUND' | 'SEE_OTHER' | 'TEMPORARY_REDIRECT' | 'PERMANENT_REDIRECT';
}

export interface UrlMapPlan extends ScopedResourcePlan {
  readonly frontend: string;
  readonly hostRules: readonly { readonly hosts: readonly string[]; readonly pathMatcher: string }[];
  readonly pathMatchers: readonly PathMatcherPlan[];
  /** Requests no host rule takes (only reachable when no host rule lists '*'). */
  readonly default: RouteTarget;
  /** Route-rule priority by rule id (every rule of the frontend; the ledger the component outputs). */
  readonly priorities?: Readonly<Record<string, number>>;
  /**
   * Listeners with host names: the other frontends of the port this URL map also routes (plan/listeners.ts),
   * each with its own route-rule priorities (its rules sit in path matchers of their own).
   */
  readonly sharedWith?: readonly { readonly frontend: string; readonly priorities?: Readonly<Record<string, number>> }[];
}

export interface PathMatcherPlan {
  readonly name: string;
  readonly routeRules: readonly RouteRulePlan[];
  readonly default: RouteTarget;
}

export interface RouteRulePlan {
  /** Unique and increasing in evaluation order; kept across updates through the ledger (plan/priorities.ts). */
  readonly priority: number;
  /** The model rule's id. */
  readonly rule: string;
  /** Alternatives: the route rule applies when any one matches. */
  readonly matchRules: readonly MatchRulePlan[];
  readonly target: RouteTarget;
  /** The rule's header modifiers (issue 16): routeRules[].headerAction. */
  readonly headerAction?: HeaderActionPlan;
  /** The rule's Host rewrite (issue 16): routeAction.urlRewrite.hostRewrite. */
  readonly hostRewrite?: string;
  /** The rule's path prefix rewrite (issue 16): routeAction.urlRewrite.pathPrefixRewrite, replacing what the match rule matched. */
  readonly pathPrefixRewrite?: string;
  /** The rule's timeout in seconds (issue 16): routeAction.timeout. */
  readonly timeoutSec?: number;
  /** The rule's retry policy (issue 16): routeAction.retryPolicy. */
  readonly retryPolicy?: RetryPolicyPlan;
}

/** URL-map HttpRetryPolicy: numRetries retries on the listed conditions, each attempt bounded by perTryTimeout. */
export interface RetryPolicyPlan {
  readonly numRetries: number;
  readonly perTryTimeoutSec?: number;
  readonly retryConditions: readonly RetryCondition[];
}
export type RetryCondition = 'connect-failure' | 'gateway-error' | '5xx';

/** URL-map headerAction: `replace: true` sets, `false` appends to the existing values. */
export interface HeaderActionPlan {
  readonly requestHeadersToAdd: readonly { readonly headerName: string; readonly headerValue: string; readonly replace: boolean }[];
  readonly requestHeadersToRemove: readonly string[];
  readonly responseHeadersToAdd: readonly { readonly headerName: string; readonly headerValue: string; readonly replace: boolean }[];
  readonly responseHeadersToRemove: readonly string[];
}

export interface MatchRulePlan {
  readonly prefixMatch?: string;
  readonly fullPathMatch?: string;
  readonly regexMatch?: string;
  /** The path condition ignores case (the spec's caseSensitive: false): URL map ignoreCase. */
  readonly ignoreCase?: true;
  readonly headerMatches: readonly HeaderMatchPlan[];
  readonly queryParameterMatches: readonly QueryMatchPlan[];
}

export type HeaderMatchPlan = { readonly headerName: string } & (
  { readonly regexMatch: string } | { readonly presentMatch: true } | { readonly exactMatch: string } | { readonly prefixMatch: string }
);
export type QueryMatchPlan = { readonly name: string } & ({ readonly regexMatch: string } | { readonly presentMatch: true } | { readonly exactMatch: string });

export type TargetProxyPlan =
  | {
      readonly kind: 'http';
      readonly id: string;
      readonly frontend: string;
      readonly regional: boolean;
      readonly urlMap: string;
      /** The frontend's idle timeout, when written; unset: GCP's 610 s (global) or 600 s (regional). */
      readonly keepAliveSec?: number;
    }
  | {
      readonly kind: 'https';
      readonly id: string;
      readonly frontend: string;
      readonly regional: boolean;
      readonly urlMap: string;
      readonly keepAliveSec?: number;
      /** Logical certificate names: the frontend's certificate first, then its SNI certificates. */
      readonly certificates: readonly string[];
      readonly sslPolicy: string;
      readonly mtlsPolicy?: string;
    }
  | { readonly kind: 'tcp'; readonly id: string; readonly frontend: string; readonly regional: boolean; readonly backendService: string }
  | {
      readonly kind: 'ssl';
      readonly id: string;
      readonly frontend: string;
      readonly backendService: string;
      readonly certificates: readonly string[];
      readonly sslPolicy: string;
    };

export interface ForwardingRulePlan extends ScopedResourcePlan {
  readonly frontend: string;
  readonly flavor: Flavor;
  readonly internal: boolean;
  readonly scheme: LoadBalancingScheme;
  readonly ipProtocol: 'TCP' | 'UDP';
  readonly port: number;
  readonly ipVersion: IpVersion;
  readonly address: string;
  readonly target: { readonly proxy: string } | { readonly backendService: string };
  /** External passthrough only: the clients allowed to connect. */
  readonly sourceIpRanges?: readonly string[];
}

export interface FirewallPlan {
  readonly id: string;
  readonly description: string;
  /** CIDR blocks (all of one IP version), or the proxy-only subnet's range. */
  readonly source: { readonly ranges: readonly string[] } | { readonly proxyOnlySubnet: true };
  readonly allow: readonly { readonly protocol: 'tcp' | 'udp'; readonly ports: readonly number[] }[];
}

/** The metric families of the ALB kinds (regional external and internal differ). */
export type AlbMetricFamily = 'global' | 'regional-external' | 'internal';

/** One series selection: a metric, its resource type, and the label conditions besides the load balancer's own resources. */
export interface AlertSeriesPlan {
  readonly metricType: string;
  readonly resourceType: string;
  /** Extra filter terms, already in Monitoring filter syntax (`metric.labels.response_code_class = 500`). */
  readonly labels: readonly string[];
}

export interface AlertPolicyPlan {
  /** Stable resource id, from the alarm's name. */
  readonly id: string;
  readonly name: string;
  readonly path: string;
  readonly family: AlbMetricFamily;
  readonly description: string;
  readonly series: AlertSeriesPlan;
  /** The ratio's denominator (5xx-ratio): all requests of the same resources. */
  readonly denominator?: AlertSeriesPlan;
  /** Plan ids of the URL maps whose traffic counts (resource label url_map_name). */
  readonly urlMaps: readonly string[];
  /** Plan ids of the backend services that narrow it to one pool (resource label backend_target_name). */
  readonly backendServices: readonly string[];
  /** Plan ids of the Cloud Armor policies whose refusals count (resource label policy_name; rate-limited only). */
  readonly securityPolicies: readonly string[];
  /** ALIGN_DELTA for counts, ALIGN_PERCENTILE_nn for latency. */
  readonly aligner: string;
  /** Sums the series of every URL map / backend service into one. */
  readonly reducer?: 'REDUCE_SUM';
  readonly alignmentPeriodSec: number;
  /** How long the condition must hold: evaluationPeriods x period. */
  readonly durationSec: number;
  readonly threshold: number;
  readonly comparison: 'COMPARISON_GT' | 'COMPARISON_LT';
  /** The logical notification name (placement maps it to a notification channel). */
  readonly notify?: string;
}
