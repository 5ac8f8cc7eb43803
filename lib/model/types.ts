/**
 * The model: what every backend reads. Defaults are applied (see defaults.ts), names resolved, rules in
 * their final first-match order, ids derived from names. Backends never read the raw spec.
 *
 * Every element keeps `path`, its location in the spec, so that a backend's error can name it.
 */
import type { ALARM_METRICS, Algorithm, FrontendProtocol, HttpMethod, PoolProtocol, REDIRECT_STATUS_CODES } from '../spec/schema';

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
}

export interface TlsModel {
  readonly certificate: string;
  readonly additionalCertificates: readonly string[];
  readonly minimumVersion: '1.2' | '1.3';
  readonly clientCertificateTrust?: { readonly trustStore: string; readonly mode: 'verify' | 'passthrough' };
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
}

export type HostMatch = { readonly kind: 'exact'; readonly value: string } | { readonly kind: 'wildcard'; readonly suffix: string; readonly value: string };
export type PathMatch =
  | { readonly kind: 'exact'; readonly value: string }
  /** `value` has no trailing '/', except the root prefix '/'. */
  | { readonly kind: 'prefix'; readonly value: string }
  | { readonly kind: 'regex'; readonly value: string };
export type HeaderMatch =
  | { readonly name: string; readonly kind: 'exact' | 'prefix' | 'regex'; readonly value: string }
  | { readonly name: string; readonly kind: 'present' };
export type QueryMatch =
  | { readonly name: string; readonly kind: 'exact'; readonly value: string }
  | { readonly name: string; readonly kind: 'present' };

export type RedirectStatus = (typeof REDIRECT_STATUS_CODES)[number];

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
      readonly query?: string;
      readonly statusCode: RedirectStatus;
    }
  | { readonly type: 'fixed-response'; readonly statusCode: number; readonly contentType: string; readonly body: string };

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
  /** Frontends whose rules or default action reach this pool. */
  readonly usedBy: readonly string[];
}

export interface HealthCheckModel {
  readonly protocol: 'tcp' | 'http' | 'https';
  /** Undefined for tcp. */
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
}

export interface PassiveHealthCheckModel {
  readonly consecutiveFailures: number;
  readonly ejectionSeconds: number;
  readonly maxEjectedPercent: number;
}

export type SessionPersistenceModel =
  | { readonly type: 'lb-cookie'; readonly durationSeconds: number }
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
