/**
 * The AWS plan: the model translated once into the shape of ELBv2 and WAFv2, so that the CDK construct and the
 * Pulumi component only render it. Field names follow CloudFormation (camelCase, as aws-cdk-lib's L1 props and
 * @pulumi/aws both spell them) wherever the two agree; where they differ the renderers translate.
 *
 * Nothing here refers to a cloud resource: certificates, trust stores and pools are named by their spec names
 * and resolved by each renderer from its own placement props.
 */
import type { CapabilityDiagnostic } from '../../../lib/errors';
import type { ActionModel, ClientCertificateMode, LoadBalancerModel } from '../../../lib/model/types';

export type LoadBalancerKind = 'application' | 'network';

export interface AwsPlan {
  readonly name: string;
  readonly model: LoadBalancerModel;
  /** An ALB when the spec has L7 frontends, then an NLB when it has L4 frontends: a mixed spec gets both. */
  readonly loadBalancers: readonly LoadBalancerPlan[];
  readonly targetGroups: readonly TargetGroupPlan[];
  /** Present when the ALB has rate limits or protection that inspects requests (./waf.ts, ./waf-protection.ts). */
  readonly webAcl?: WebAclPlan;
  /** Shield Advanced protections, when the spec asks for the advanced DDoS tier on a protected frontend (./shield.ts). */
  readonly shield: readonly ShieldProtectionPlan[];
  readonly tags: Readonly<Record<string, string>>;
  /**
   * The ALB rule priorities by '<frontend>/<rule part id>': commit them and give them back as the `priorities`
   * option, so that the next plan keeps them (./priorities.ts).
   */
  readonly priorities: Readonly<Record<string, number>>;
  /** Nearest mappings the spec accepted (allowNearest or strict: false), to surface as warnings. */
  readonly warnings: readonly CapabilityDiagnostic[];
  /** Limits the plan breaks (the backend reports them as LBKIT_AWS_LIMIT problems; planAws throws them). */
  readonly issues: readonly PlanIssue[];
}

/** A limit broken by a part of the spec: its path and what is wrong. */
export interface LimitFinding {
  readonly path: string;
  readonly message: string;
}

/** A limit the plan breaks, on the load balancer that breaks it. */
export interface PlanIssue extends LimitFinding {
  readonly target: 'aws-alb' | 'aws-nlb';
}

export interface LoadBalancerPlan {
  readonly kind: LoadBalancerKind;
  readonly target: 'aws-alb' | 'aws-nlb';
  /** Stable id of the load balancer inside the construct / component: 'Alb' or 'Nlb'. */
  readonly id: 'Alb' | 'Nlb';
  readonly scheme: 'internet-facing' | 'internal';
  readonly ipAddressType: 'ipv4' | 'dualstack';
  /** Undefined when the spec leaves it out (AWS's default: off). */
  readonly deletionProtection?: boolean;
  /** ALB only: one idle timeout for the whole load balancer, when a frontend writes one (else AWS's 60 s). */
  readonly idleTimeoutSeconds?: number;
  /** ALB only: HTTP/2 from clients, when a frontend writes http2 (else AWS's default, on). */
  readonly http2Enabled?: boolean;
  /** ALB only, always true: requests with invalid header fields are not forwarded. */
  readonly dropInvalidHeaderFields?: boolean;
  /** NLB only, always true: every member of a pool receives traffic, whatever its zone (as lbkit means a pool). */
  readonly crossZoneEnabled?: boolean;
  /** Access logs on, with this S3 key prefix. */
  readonly accessLogs?: { readonly prefix: string };
  readonly securityGroup: SecurityGroupPlan;
  readonly listeners: readonly ListenerPlan[];
}

export interface SecurityGroupPlan {
  readonly description: string;
  readonly ingress: readonly SecurityGroupRulePlan[];
  readonly egress: readonly SecurityGroupRulePlan[];
}

export interface SecurityGroupRulePlan {
  readonly protocol: 'tcp' | 'udp';
  readonly port: number;
  readonly cidr: string;
  readonly ipVersion: 4 | 6;
  readonly description: string;
}

export type ListenerProtocol = 'HTTP' | 'HTTPS' | 'TCP' | 'TLS' | 'UDP';

export interface ListenerPlan {
  /** The frontend's name: the listener's stable id. */
  readonly id: string;
  readonly path: string;
  /**
   * The frontends this listener serves, when they bind by host name (./host-listeners.ts): every frontend of the
   * port, the first one's name being the listener's id. Undefined: the listener serves the frontend `id` alone.
   */
  readonly frontends?: readonly string[];
  readonly protocol: ListenerProtocol;
  readonly port: number;
  readonly tls?: {
    /** Spec certificate names; the first is the listener's default certificate. */
    readonly certificate: string;
    readonly additionalCertificates: readonly string[];
    readonly sslPolicy: string;
    /** TLS (NLB) listeners: explicit 'None'. */
    readonly alpnPolicy?: 'None';
    readonly mutualAuthentication?: { readonly mode: ClientCertificateMode; readonly trustStore: string };
  };
  /** TCP and TLS listeners on an NLB whose frontend writes idleTimeoutSeconds (else AWS's 350 s). */
  readonly tcpIdleTimeoutSeconds?: number;
  readonly defaultAction: ActionPlan;
  /** In priority order. */
  readonly rules: readonly ListenerRulePlan[];
}

export interface ListenerRulePlan {
  /**
   * Stable id, unique within the listener: the model rule id, plus '.2', '.3'... when AWS's per-rule limits
   * made lbkit split the rule's alternatives over consecutive rules (same action, so first-match is unchanged).
   */
  readonly id: string;
  /** The model rule's id and spec path. */
  readonly ruleId: string;
  readonly path: string;
  /**
   * Unique in the listener, increasing with the model's order: the priorities ledger's number when given
   * (./priorities.ts), else (order + 1) * 10 + part.
   */
  readonly priority: number;
  readonly conditions: readonly ConditionPlan[];
  readonly action: ActionPlan;
  /** The rule's Host and path rewrite (issue 16): ListenerRule Transforms, at most one of each type. */
  readonly transforms?: readonly TransformPlan[];
}

/** A listener-rule transform: the regex's match in the Host header or the URL (path and query) becomes `replace`. */
export interface TransformPlan {
  readonly type: 'host-header-rewrite' | 'url-rewrite';
  readonly regex: string;
  readonly replace: string;
}

export type ConditionPlan =
  | { readonly field: 'host-header'; readonly hostHeaderConfig: ValuesOrRegex }
  | { readonly field: 'path-pattern'; readonly pathPatternConfig: ValuesOrRegex }
  | { readonly field: 'http-header'; readonly httpHeaderConfig: ValuesOrRegex & { readonly httpHeaderName: string } }
  | { readonly field: 'query-string'; readonly queryStringConfig: { readonly values: readonly { readonly key: string; readonly value: string }[] } }
  | { readonly field: 'http-request-method'; readonly httpRequestMethodConfig: { readonly values: readonly string[] } }
  | { readonly field: 'source-ip'; readonly sourceIpConfig: { readonly values: readonly string[] } };

/** Exactly one of the two is set: ELBv2 does not accept both in one condition. */
export type ValuesOrRegex =
  { readonly values: readonly string[]; readonly regexValues?: undefined } | { readonly values?: undefined; readonly regexValues: readonly string[] };

type ModelAction<T extends ActionModel['type']> = Extract<ActionModel, { readonly type: T }>;

/** Forwards are the model's own, each pool naming its target group; redirects and fixed responses take ELBv2's shape. */
export type ActionPlan =
  | ModelAction<'forward'>
  | {
      readonly type: 'weighted-forward';
      readonly targetGroups: ModelAction<'weighted-forward'>['targets'];
      readonly stickinessSeconds?: number;
    }
  | {
      readonly type: 'redirect';
      readonly protocol: 'HTTP' | 'HTTPS' | '#{protocol}';
      readonly host: string;
      readonly port: string;
      readonly path: string;
      readonly query: string;
      readonly statusCode: 'HTTP_301' | 'HTTP_302';
    }
  | { readonly type: 'fixed-response'; readonly statusCode: string; readonly contentType: string; readonly messageBody?: string };

export interface TargetGroupPlan {
  /** The pool's name: the target group's stable id. */
  readonly pool: string;
  readonly path: string;
  readonly loadBalancer: LoadBalancerKind;
  readonly protocol: 'HTTP' | 'HTTPS' | 'TCP' | 'TLS' | 'UDP';
  /** GRPC (grpc and grpcs pools) or HTTP2 (http2 pools); undefined: HTTP1, the API's default. */
  readonly protocolVersion?: 'GRPC' | 'HTTP2';
  readonly port: number;
  readonly healthCheck: HealthCheckPlan;
  readonly attributes: TargetGroupAttributesPlan;
}

/** A field left undefined is one the spec left out: the target group keeps AWS's own default (./defaults.ts). */
export interface HealthCheckPlan {
  readonly enabled: true;
  readonly protocol: 'HTTP' | 'HTTPS' | 'TCP';
  /** 'traffic-port' or a port number as a string, as ELBv2 takes it. */
  readonly port: string;
  readonly path?: string;
  /** Set with timeoutSeconds when the spec writes either. */
  readonly intervalSeconds?: number;
  readonly timeoutSeconds?: number;
  readonly healthyThreshold?: number;
  readonly unhealthyThreshold?: number;
  /** HTTP status codes (ELBv2 Matcher.HttpCode); undefined for TCP probes and when the spec writes none. */
  readonly matcher?: string;
  /** gRPC status codes (ELBv2 Matcher.GrpcCode) of a gRPC target group's probe. */
  readonly grpcMatcher?: string;
}

/** Attributes the spec leaves out are undefined: the target group keeps AWS's own (./defaults.ts). */
export interface TargetGroupAttributesPlan {
  readonly deregistrationDelaySeconds?: number;
  /** ALB only; 0 is off. */
  readonly slowStartSeconds?: number;
  /** ALB only. */
  readonly algorithm?: 'round_robin' | 'least_outstanding_requests' | 'weighted_random';
  /** ALB with weighted_random only: explicit 'off'. */
  readonly anomalyMitigation?: 'off';
  /** NLB only: connections still open when the deregistration delay ends are closed. */
  readonly connectionTermination?: boolean;
  /** Undefined when the pool has no session persistence (AWS's default: stickiness off). */
  readonly stickiness?: {
    readonly enabled: boolean;
    readonly type: 'lb_cookie' | 'app_cookie' | 'source_ip';
    readonly durationSeconds?: number;
    readonly cookieName?: string;
  };
}

/** ELBv2 target-group attributes as key/value strings (what CloudFormation's TargetGroupAttributes holds). */
export type AttributeMap = Readonly<Record<string, string>>;

export interface WebAclPlan {
  readonly metricName: string;
  /** The rate limits' rate-based rules. */
  readonly rules: readonly WafRulePlan[];
  /** Protection's rules (IP lists, countries, managed rule groups), all evaluated before the rate limits. */
  readonly protection: readonly ProtectionRulePlan[];
  readonly ipSets: readonly IpSetPlan[];
  /** The web ACL capacity units (WCUs) the rules cost, as AWS documents each statement's cost (./waf-capacity.ts). */
  readonly capacity: number;
}

/**
 * A protection rule: a block rule (403, WAF's default block response) over a statement, or a managed rule group
 * whose own rules act (`override: 'none'`) or only count (`override: 'count'`, managedRules.mode detect).
 */
export interface ProtectionRulePlan {
  /** 'protection_ip-deny', 'protection_ip-allow', 'protection_geo' or 'protection_<managed rule group>': '_' keeps them apart from rate-limit names. */
  readonly name: string;
  readonly path: string;
  readonly priority: number;
  readonly metricName: string;
  readonly statement: WafStatement;
  readonly action: { readonly type: 'block' } | { readonly type: 'managed'; readonly override: 'none' | 'count' };
  /** Its WCUs. */
  readonly capacity: number;
}

/** AWS::Shield::Protection on a load balancer's ARN (Shield Advanced). */
export interface ShieldProtectionPlan {
  /** The load balancer protected. */
  readonly loadBalancer: 'Alb';
  /** The protection's name (Shield: 1-128 characters of letters, digits, space, '_', '.', '-'). */
  readonly name: string;
  readonly path: string;
}

export interface WafRulePlan {
  /** The rate limit's name. */
  readonly name: string;
  readonly path: string;
  readonly priority: number;
  readonly metricName: string;
  readonly limit: number;
  readonly evaluationWindowSec: number;
  readonly key: { readonly type: 'IP' } | { readonly type: 'HEADER'; readonly name: string };
  readonly responseCode: number;
  /** Only requests matching it count; undefined: every request to the ALB counts. */
  readonly scopeDown?: WafStatement;
}

export interface IpSetPlan {
  /** Stable id: '<frontend>-<rule id>-v4' or '-v6'. */
  readonly id: string;
  readonly ipAddressVersion: 'IPV4' | 'IPV6';
  readonly addresses: readonly string[];
}

/**
 * A WAFv2 statement in the camelCase shape that both CloudFormation (via aws-cdk-lib's L1) and @pulumi/aws
 * accept; an IP set is referenced as `{ ipSetReferenceStatement: { ipSet: '<IpSetPlan id>' } }` and the
 * renderers put the ARN in its place (see resolveIpSets).
 */
export type WafStatement = { readonly [key: string]: unknown };
