/**
 * The model: what every backend reads. Defaults are applied (see defaults.ts), names resolved, rules in
 * their final first-match order, ids derived from names. Backends never read the raw spec.
 *
 * Every element keeps `path`, its location in the spec, so that a backend's error can name it.
 */
import type { ALARM_METRICS, Algorithm, CLIENT_CERTIFICATE_MODES, FrontendProtocol, HttpMethod, PoolProtocol, REDIRECT_STATUS_CODES } from '../spec/schema';

export type Layer = 'l4' | 'l7';

export interface LoadBalancerModel {
  readonly name: string;
  readonly scheme: 'external' | 'internal';
  readonly ipAddressType: 'ipv4' | 'dualstack';
  readonly deletionProtection: boolean;
  /** Undefined when access logs are off. */
  readonly accessLogs?: { readonly prefix: string };
  readonly tags: Readonly<Record<string, string>>;
  readonly strict: boolean;
  /** Accepted nearest mappings: '<feature>' or '<target>:<feature>'. */
  readonly allowNearest: readonly string[];
  readonly certificates: readonly CertificateModel[];
  readonly trustStores: readonly { readonly name: string; readonly path: string }[];
  readonly frontends: readonly FrontendModel[];
  readonly pools: readonly PoolModel[];
  readonly rateLimits: readonly RateLimitModel[];
  readonly alarms: readonly AlarmModel[];
  /** Undefined when the spec has no protection. */
  readonly protection?: ProtectionModel;
  /** Non-fatal findings: shadowed rules, unused pools. */
  readonly warnings: readonly ModelWarning[];
  /**
   * The spec paths the user wrote (`frontends[0].idleTimeoutSeconds`, `pools[1].healthCheck`, ...). A target
   * judges only these; an omitted field takes the target's own default (SEMANTICS.md, defaults per target).
   * Absent on a model built by hand: every field counts as written.
   */
  readonly given?: ReadonlySet<string>;
  /** The model each target with an override (`targets:` in the spec) gets instead of this one. */
  readonly overrides?: Readonly<Record<string, LoadBalancerModel>>;
}

export interface ModelWarning {
  readonly code: 'shadowed-rule' | 'shadow-check-capped' | 'unused-pool' | 'redirect-target-missing' | 'split-without-stickiness';
  readonly path: string;
  readonly message: string;
  /** How to avoid it, when there is a known fix. */
  readonly fix?: string;
}

export interface CertificateModel {
  readonly name: string;
  readonly domains: readonly string[];
  readonly path: string;
}

export interface FrontendModel {
  /** Unique among frontends; also the frontend's stable id. */
  readonly name: string;
  readonly path: string;
  readonly protocol: FrontendProtocol;
  readonly layer: Layer;
  readonly port: number;
  /**
   * The host names the frontend serves on its port (lib/model/listeners.ts binds requests to it by SNI, then
   * Host), lower-case. Absent or empty: every host name (the port's catch-all).
   */
  readonly hostnames?: readonly HostMatch[];
  readonly tls?: TlsModel;
  /** Set on an http frontend that answers every request with a redirect to https. */
  readonly redirectHttpToHttps?: { readonly port: number; readonly statusCode: RedirectStatus };
  readonly idleTimeoutSeconds: number;
  /** Empty list: everyone. */
  readonly allowedSourceCidrs: readonly string[];
  readonly ruleOrder: 'first-match' | 'most-specific';
  /** In evaluation order: the first rule that matches wins. */
  readonly rules: readonly RuleModel[];
  /** Undefined only when redirectHttpToHttps is set. */
  readonly defaultAction?: ActionModel;
  /**
   * HTTP/2 to clients as written (ALPN h2 on https, h2c by prior knowledge on http); undefined when the spec
   * says nothing: the local proxy then speaks HTTP/1.1 only, and a cloud keeps its own default.
   */
  readonly http2?: boolean;
}

export interface TlsModel {
  readonly certificate: string;
  readonly additionalCertificates: readonly string[];
  readonly minimumVersion: '1.2' | '1.3';
  readonly clientCertificateTrust?: { readonly trustStore: string; readonly mode: ClientCertificateMode };
}

export interface RuleModel {
  /** The rule's name in the spec. Several model rules share it when most-specific order splits a rule. */
  readonly name: string;
  /**
   * Stable id, unique within the frontend: the rule name, plus a suffix naming the host/path group when
   * most-specific order split the rule. Derived from names and values, never from positions.
   */
  readonly id: string;
  readonly frontend: string;
  readonly path: string;
  /** 0-based position in evaluation order; backends derive priorities from it. */
  readonly order: number;
  readonly match: MatchModel;
  readonly action: ActionModel;
  /** Header modifiers and URL rewrite (issue 16); undefined when the rule has none. */
  readonly filters?: RuleFilters;
}

/** All present conditions must hold; the values inside hosts, paths, methods, sourceCidrs are alternatives. */
export interface MatchModel {
  /** Lower-case. Empty: any host. */
  readonly hosts: readonly HostMatch[];
  /** Empty: any path. */
  readonly paths: readonly PathMatch[];
  /** Each must hold. Names lower-case. */
  readonly headers: readonly HeaderMatch[];
  /** Each must hold. */
  readonly query: readonly QueryMatch[];
  /** Empty: any method. */
  readonly methods: readonly HttpMethod[];
  /** Empty: any source. */
  readonly sourceCidrs: readonly string[];
  /**
   * The gRPC calls the rule was written with, when it was: `paths` holds them as path conditions (exact
   * '/<service>/<method>', prefix '/<service>'), in the same order.
   */
  readonly grpc?: readonly GrpcCallMatch[];
}

export interface GrpcCallMatch {
  readonly service: string;
  /** Undefined: every method of the service. */
  readonly method?: string;
}

export type HostMatch = { readonly kind: 'exact'; readonly value: string } | { readonly kind: 'wildcard'; readonly suffix: string; readonly value: string };
/** `ignoreCase` is set (true) only when the spec says `caseSensitive: false`; absent, paths compare with exact case. */
export type PathMatch =
  | { readonly kind: 'exact'; readonly value: string; readonly ignoreCase?: true }
  /** `value` has no trailing '/', except the root prefix '/'. */
  | { readonly kind: 'prefix'; readonly value: string; readonly ignoreCase?: true }
  | { readonly kind: 'regex'; readonly value: string };
/** `caseSensitive` is set (true) only when the spec asks for exact case; absent, case is ignored. */
export type HeaderMatch =
  | { readonly name: string; readonly kind: 'exact' | 'prefix'; readonly value: string; readonly caseSensitive?: true }
  | { readonly name: string; readonly kind: 'regex'; readonly value: string }
  | { readonly name: string; readonly kind: 'present' };
/** With `caseSensitive`, the name and the value compare with exact case. */
export type QueryMatch =
  | { readonly name: string; readonly kind: 'exact'; readonly value: string; readonly caseSensitive?: true }
  | { readonly name: string; readonly kind: 'present'; readonly caseSensitive?: true };

export type RedirectStatus = (typeof REDIRECT_STATUS_CODES)[number];
export type ClientCertificateMode = (typeof CLIENT_CERTIFICATE_MODES)[number];

export type ActionModel =
  | { readonly type: 'forward'; readonly pool: string }
  | {
      readonly type: 'weighted-forward';
      readonly targets: readonly { readonly pool: string; readonly weight: number }[];
      /** Group stickiness; undefined when off. */
      readonly stickinessSeconds?: number;
    }
  | {
      readonly type: 'redirect';
      readonly scheme?: 'http' | 'https';
      readonly host?: string;
      readonly port?: number;
      readonly path?: string;
      /** Replaces the rule's matched path prefix (filters.ts replacePrefix); never with `path`. */
      readonly pathPrefix?: string;
      readonly query?: string;
      readonly statusCode: RedirectStatus;
    }
  | {
      readonly type: 'fixed-response';
      readonly statusCode: number;
      readonly contentType: string;
      readonly body: string;
      /** The gRPC status written for gRPC clients; undefined: mapped from statusCode (lib/model/grpc.ts). */
      readonly grpcStatus?: number;
    };

export interface PoolModel {
  readonly name: string;
  readonly path: string;
  readonly protocol: PoolProtocol;
  readonly port: number;
  readonly algorithm: Algorithm;
  readonly healthCheck: HealthCheckModel;
  /** Undefined when off. */
  readonly passiveHealthCheck?: PassiveHealthCheckModel;
  /** Undefined when off. */
  readonly sessionPersistence?: SessionPersistenceModel;
  readonly drainingSeconds: number;
  /** 0 when off. */
  readonly slowStartSeconds: number;
  readonly whenAllUnhealthy: 'fail-open' | 'fail-closed';
  /** Undefined when the pool has none: every retry a policy allows is sent. */
  readonly retryBudget?: RetryBudgetModel;
  /** HTTP/2 to members: always for grpc and grpcs pools, as written for http and https pools. */
  readonly http2: boolean;
  /** Frontends whose rules or default action reach this pool. */
  readonly usedBy: readonly string[];
}

/** SEMANTICS.md "Retry budget": retries over a sliding window, with a floor for quiet pools. */
export interface RetryBudgetModel {
  readonly percent: number;
  readonly intervalSeconds: number;
  readonly minRetryRate: { readonly count: number; readonly intervalSeconds: number };
}

export interface HealthCheckModel {
  readonly protocol: 'tcp' | 'http' | 'https' | 'grpc';
  /** Undefined for tcp and grpc. */
  readonly path?: string;
  readonly port: number;
  /** True when the probe port is the pool's port (AWS 'traffic-port'). */
  readonly usesTrafficPort: boolean;
  readonly intervalSeconds: number;
  readonly timeoutSeconds: number;
  readonly healthyThreshold: number;
  readonly unhealthyThreshold: number;
  /** As written, such as '200' or '200-299,302'; undefined for tcp. */
  readonly successCodes?: string;
  /** successCodes parsed into inclusive ranges. */
  readonly successRanges: readonly (readonly [number, number])[];
  /** grpc probes: the service asked about ('' for the whole server). */
  readonly grpcService?: string;
  /** grpc probes: the gRPC status codes of a healthy answer, as written ('0' by default). */
  readonly grpcStatusCodes?: string;
  /** grpcStatusCodes parsed into inclusive ranges; empty for other probes. */
  readonly grpcStatusRanges?: readonly (readonly [number, number])[];
}

export interface PassiveHealthCheckModel {
  readonly consecutiveFailures: number;
  readonly ejectionSeconds: number;
  readonly maxEjectedPercent: number;
}

export type SessionPersistenceModel =
  /** `sessionCookie`: the cookie has no Max-Age (a browser-session cookie); durationSeconds is then unused. */
  | { readonly type: 'lb-cookie'; readonly durationSeconds: number; readonly sessionCookie?: true }
  | { readonly type: 'app-cookie'; readonly cookieName: string; readonly durationSeconds: number }
  | { readonly type: 'source-ip' };

export interface RateLimitModel {
  readonly name: string;
  readonly path: string;
  readonly limit: number;
  readonly windowSeconds: number;
  readonly key: { readonly type: 'client-ip' } | { readonly type: 'header'; readonly name: string };
  /** Frontends it counts on (every L7 frontend when the spec gave no scope). */
  readonly frontends: readonly string[];
  /** When scoped to rules: 'frontend/rule' names; only requests those rules match count. Undefined: whole frontends. */
  readonly rules?: readonly string[];
  readonly responseStatus: number;
}

// Rule filters (issue 16): lib/model/filters.ts builds and applies them.
export interface HeaderModifierModel {
  /** Names lower-case; each replaces every occurrence. */
  readonly set: readonly { readonly name: string; readonly value: string }[];
  /** Names lower-case; each value is appended to the existing ones (joined with ','), or added. */
  readonly add: readonly { readonly name: string; readonly value: string }[];
  /** Names lower-case; every occurrence is removed. */
  readonly remove: readonly string[];
}

export type PathRewrite = { readonly kind: 'full'; readonly value: string } | { readonly kind: 'prefix'; readonly value: string };

export interface RetryModel {
  /** Retries after the first attempt. */
  readonly attempts: number;
  /** Response statuses retried; empty: none. */
  readonly statuses: readonly number[];
  readonly methods: 'idempotent' | 'all';
}

export interface RuleFilters {
  /** Seconds; undefined when not set. */
  readonly requestTimeoutSeconds?: number;
  readonly backendTimeoutSeconds?: number;
  readonly retry?: RetryModel;
  readonly requestHeaders?: HeaderModifierModel;
  readonly responseHeaders?: HeaderModifierModel;
  /** Host and path the member receives. */
  readonly rewrite?: { readonly host?: string; readonly path?: PathRewrite };
}

export type AlarmMetric = (typeof ALARM_METRICS)[number];

/** An alarm (SEMANTICS.md, Alarms): fires when `metric` is beyond `threshold` for `evaluationPeriods` periods in a row. */
export interface AlarmModel {
  readonly name: string;
  readonly path: string;
  readonly metric: AlarmMetric;
  readonly threshold: number;
  /** 'above' for every metric but 'healthy-members', which fires below its threshold. */
  readonly comparison: 'above' | 'below';
  /** 'latency' only. */
  readonly percentile?: number;
  /** The pool watched; undefined: the whole load balancer. */
  readonly pool?: string;
  readonly periodSeconds: number;
  readonly evaluationPeriods: number;
  /** Logical notification name (placement maps it); undefined: the alarm state only. */
  readonly notify?: string;
}

/** Protection (SEMANTICS.md, Protection), on `frontends`. */
export interface ProtectionModel {
  readonly path: string;
  readonly frontends: readonly string[];
  readonly managedRules?: { readonly level: 'baseline' | 'strict'; readonly mode: 'block' | 'detect' };
  /** Normalized CIDRs; empty: everyone. */
  readonly ipAllow: readonly string[];
  /** Normalized CIDRs; empty: nobody. */
  readonly ipDeny: readonly string[];
  readonly geo?: { readonly mode: 'allow' | 'deny'; readonly countries: readonly string[] };
  readonly ddos: 'platform' | 'advanced';
}
