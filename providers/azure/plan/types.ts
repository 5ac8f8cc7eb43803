/**
 * The Azure shape of a load balancer, computed once from the model (plan/index.ts) and read by the Pulumi
 * renderers (load-balancer.ts, application-gateway.ts) and by `lbkit plan`'s describer (describe.ts).
 *
 * Plain data: no Pulumi types and no placement values (subscription, resource group, subnets, addresses).
 * Sub-resources refer to each other by collection and name; the renderers turn a reference into the
 * documented ARM id (ids.ts). Every name derives from spec names, never from positions.
 */

export type IpVersion = 'IPv4' | 'IPv6';

/** A reference to a sub-resource of the same parent (load balancer or application gateway). */
export interface SubResourceRef {
  /** The ARM collection, e.g. 'httpListeners'. */
  readonly collection: string;
  readonly name: string;
}

export interface AzurePlanOptions {
  /** Prefix of every Azure resource name. @default the spec's name */
  readonly namePrefix?: string;
  /**
   * Application Gateway WAF policies need a managed rule set (OWASP CRS 3.2, the engine rate limits run on).
   * false: a last custom rule allows every request that no earlier custom rule blocked, so the managed rules
   * never act and the gateway enforces exactly the spec. true: the managed rules also block (403 or the
   * policy's block status). @default false
   */
  readonly wafManagedRules?: boolean;
}

// ---------------------------------------------------------------------------------------------------------
// Azure Load Balancer (Standard)
// ---------------------------------------------------------------------------------------------------------

/** What the Load Balancer and the Application Gateway plans share: the resource, its addresses and its alerts. */
export interface AzureResourcePlan {
  /** The Azure resource name. */
  readonly name: string;
  readonly internal: boolean;
  readonly ipVersions: readonly IpVersion[];
  /**
   * One Standard static public IP per IP version: a Load Balancer has them when external, an Application Gateway
   * always (an internal v2 gateway still needs one for its management plane).
   */
  readonly publicIps: readonly PublicIpPlan[];
  /** Azure Monitor metric alerts of the spec's alarms (plan/lb-alerts.ts, plan/alerts.ts); absent when the spec has none here. */
  readonly metricAlerts?: readonly MetricAlertPlan[];
}

export interface LoadBalancerPlan extends AzureResourcePlan {
  readonly frontendIPConfigurations: readonly { readonly name: string; readonly ipVersion: IpVersion; readonly publicIp?: string }[];
  readonly backendAddressPools: readonly LbBackendPoolPlan[];
  readonly probes: readonly LbProbePlan[];
  readonly rules: readonly LbRulePlan[];
}

export interface PublicIpPlan {
  /** Azure resource name. */
  readonly name: string;
  readonly ipVersion: IpVersion;
  /** protection.ddos 'advanced': DDoS IP Protection on this address (ddosSettings.protectionMode Enabled). */
  readonly ddosProtection?: true;
}

export interface LbBackendPoolPlan {
  readonly name: string;
  /** The spec pool it serves. */
  readonly pool: string;
  readonly ipVersion: IpVersion;
}

export interface LbProbePlan {
  readonly name: string;
  readonly pool: string;
  readonly protocol: 'Tcp' | 'Http' | 'Https';
  readonly port: number;
  /** Http/Https only. */
  readonly requestPath?: string;
  readonly intervalInSeconds: number;
  /** Consecutive results that change a member's state, in both directions. */
  readonly probeThreshold: number;
  readonly noHealthyBackendsBehavior: 'AllProbedUp' | 'AllProbedDown';
}

export interface LbRulePlan {
  readonly name: string;
  /** The spec frontend it serves. */
  readonly frontend: string;
  readonly ipVersion: IpVersion;
  readonly frontendIPConfiguration: SubResourceRef;
  readonly backendAddressPool: SubResourceRef;
  readonly probe: SubResourceRef;
  readonly protocol: 'Tcp' | 'Udp';
  readonly frontendPort: number;
  readonly backendPort: number;
  readonly loadDistribution: 'Default' | 'SourceIP' | 'SourceIPProtocol';
  /** Tcp only (Azure ignores it for Udp). */
  readonly idleTimeoutInMinutes?: number;
  readonly enableTcpReset: boolean;
  readonly disableOutboundSnat: boolean;
  readonly enableFloatingIP: boolean;
}

// ---------------------------------------------------------------------------------------------------------
// Application Gateway v2
// ---------------------------------------------------------------------------------------------------------

export interface ApplicationGatewayPlan extends AzureResourcePlan {
  readonly sku: 'Standard_v2' | 'WAF_v2';
  readonly frontendIPConfigurations: readonly AgwFrontendIpPlan[];
  readonly frontendPorts: readonly { readonly name: string; readonly port: number }[];
  /** Logical certificate names (placement maps each to a Key Vault secret id). */
  readonly sslCertificates: readonly string[];
  readonly sslPolicy: SslPolicyPlan;
  readonly sslProfiles: readonly SslProfilePlan[];
  /** Logical trust store names (placement maps each to CA certificate data). */
  readonly trustedClientCertificates: readonly string[];
  readonly backendAddressPools: readonly { readonly name: string; readonly pool: string }[];
  readonly backendHttpSettings: readonly BackendHttpSettingsPlan[];
  readonly probes: readonly AgwProbePlan[];
  /** In evaluation order (priorities increase). */
  readonly httpListeners: readonly HttpListenerPlan[];
  readonly redirectConfigurations: readonly RedirectPlan[];
  readonly urlPathMaps: readonly UrlPathMapPlan[];
  /** In listener order; `priority` (plan/priorities.ts) is the evaluation order. */
  readonly requestRoutingRules: readonly RoutingRulePlan[];
  /** One per model rule with header changes or rewrites (plan/rewrites.ts), shared by that rule's listeners. */
  readonly rewriteRuleSets: readonly RewriteRuleSetPlan[];
  readonly wafPolicies: readonly WafPolicyPlan[];
}

export interface AgwFrontendIpPlan {
  readonly name: string;
  readonly kind: 'public' | 'private';
  readonly ipVersion: IpVersion;
  /** Public frontends: the public IP's Azure name. */
  readonly publicIp?: string;
  /** False for the public IP an internal v2 gateway still needs for its management plane. */
  readonly hasListeners: boolean;
}

export interface SslPolicyPlan {
  readonly policyType: 'Predefined' | 'CustomV2';
  readonly policyName?: 'AppGwSslPolicy20220101';
  readonly minProtocolVersion?: 'TLSv1_3';
}

export interface SslProfilePlan {
  readonly name: string;
  readonly frontend: string;
  readonly sslPolicy: SslPolicyPlan;
  /** Trust stores clients must chain to (mutual TLS, verify). Empty: no client authentication. */
  readonly trustedClientCertificates: readonly string[];
}

export interface BackendHttpSettingsPlan {
  readonly name: string;
  readonly pool: string;
  readonly port: number;
  readonly protocol: 'Http' | 'Https';
  readonly cookieBasedAffinity: 'Enabled' | 'Disabled';
  readonly affinityCookieName?: string;
  readonly connectionDraining: { readonly enabled: boolean; readonly drainTimeoutInSec: number };
  readonly requestTimeout: number;
  readonly probe: SubResourceRef;
}

export interface AgwProbePlan {
  readonly name: string;
  readonly pool: string;
  readonly protocol: 'Http' | 'Https';
  readonly path: string;
  readonly port: number;
  readonly interval: number;
  readonly timeout: number;
  readonly unhealthyThreshold: number;
  readonly statusCodes: readonly string[];
}

export interface HttpListenerPlan {
  readonly name: string;
  readonly frontend: string;
  readonly ipVersion: IpVersion;
  readonly frontendIPConfiguration: SubResourceRef;
  readonly frontendPort: SubResourceRef;
  readonly protocol: 'Http' | 'Https';
  /** Empty: a basic listener (any host). At most one host: one listener per host value keeps names stable. */
  readonly hostNames: readonly string[];
  readonly sslCertificate?: SubResourceRef;
  readonly sslProfile?: SubResourceRef;
  /** Https only. */
  readonly requireServerNameIndication?: boolean;
  /** WAF policy key (a frontend name) when the frontend has its own WAF policy. */
  readonly firewallPolicy?: string;
}

export type AgwTarget =
  | { readonly kind: 'forward'; readonly pool: string; readonly backendAddressPool: SubResourceRef; readonly backendHttpSettings: SubResourceRef }
  | { readonly kind: 'redirect'; readonly redirectConfiguration: SubResourceRef };

export interface RedirectPlan {
  readonly name: string;
  readonly redirectType: 'Permanent' | 'Found' | 'SeeOther' | 'Temporary';
  /** Redirect to a listener of this gateway: the client keeps its host. */
  readonly targetListener?: SubResourceRef;
  /** Redirect to a fixed URL. */
  readonly targetUrl?: string;
  readonly includePath: boolean;
  readonly includeQueryString: boolean;
}

export interface UrlPathMapPlan {
  readonly name: string;
  /** First match wins: Application Gateway evaluates path rules in this order. */
  readonly pathRules: readonly PathRulePlan[];
  readonly defaultTarget: AgwTarget;
  /** The rewrite rule set of the rule that provides the default target, if it has one. */
  readonly defaultRewriteRuleSet?: SubResourceRef;
}

export interface PathRulePlan {
  readonly name: string;
  /** The model rule it compiles (rule id). */
  readonly rule: string;
  readonly paths: readonly string[];
  readonly target: AgwTarget;
  readonly rewriteRuleSet?: SubResourceRef;
}

export interface RoutingRulePlan {
  readonly name: string;
  readonly priority: number;
  readonly httpListener: SubResourceRef;
  readonly ruleType: 'Basic' | 'PathBasedRouting';
  /** Basic rules. */
  readonly target?: AgwTarget;
  /** PathBasedRouting rules. */
  readonly urlPathMap?: SubResourceRef;
  /** Basic rules whose target comes from a model rule with header changes or rewrites. */
  readonly rewriteRuleSet?: SubResourceRef;
}

/**
 * A rewrite rule set: the header changes and URL rewrite of one model rule. Every rewrite rule whose conditions
 * hold runs, in ruleSequence order (https://learn.microsoft.com/azure/application-gateway/rewrite-http-headers-url).
 */
export interface RewriteRuleSetPlan {
  readonly name: string;
  readonly frontend: string;
  /** The model rule (rule id) whose filters it carries. */
  readonly rule: string;
  readonly rewriteRules: readonly RewriteRulePlan[];
}

export interface RewriteRulePlan {
  /** Unique on the gateway: the set's name leads it. */
  readonly name: string;
  /** Lower runs first. */
  readonly ruleSequence: number;
  /** All must hold; none: the rule always runs. */
  readonly conditions: readonly RewriteConditionPlan[];
  readonly actionSet: RewriteActionSetPlan;
}

/** What a rewrite rule does, in the ARM shape (header configurations in order). */
export interface RewriteActionSetPlan {
  readonly requestHeaderConfigurations: readonly HeaderConfigurationPlan[];
  readonly responseHeaderConfigurations: readonly HeaderConfigurationPlan[];
  /** modifiedQueryString stays unset (the query is kept) and reroute false (routing saw the original path). */
  readonly urlConfiguration?: { readonly modifiedPath: string; readonly reroute: false };
}

export interface RewriteConditionPlan {
  /** 'http_req_<name>', 'http_resp_<name>' or 'var_<server variable>'. */
  readonly variable: string;
  /** RE2. */
  readonly pattern: string;
  readonly ignoreCase: boolean;
  readonly negate: boolean;
}

export interface HeaderConfigurationPlan {
  readonly headerName: string;
  /** '' removes the header. */
  readonly headerValue: string;
}

export interface WafPolicyPlan {
  /** 'gateway' for the policy attached to the gateway, else the frontend whose listeners use it. */
  readonly key: string;
  readonly name: string;
  /** policySettings.customBlockResponseStatusCode; undefined: Azure's 403. */
  readonly blockStatus?: number;
  readonly managedRules: 'enforced' | 'bypassed';
  /** protection.managedRules (plan/waf-protection.ts); absent: OWASP 3.2, the engine rate limits run on. */
  readonly managedRuleSets?: readonly ManagedRuleSetPlan[];
  /** protection.managedRules.mode 'detect'; absent: Prevention. */
  readonly mode?: 'Detection';
  readonly customRules: readonly WafCustomRulePlan[];
}

export interface ManagedRuleSetPlan {
  readonly ruleSetType: 'OWASP' | 'Microsoft_DefaultRuleSet' | 'Microsoft_BotManagerRuleSet';
  readonly ruleSetVersion: string;
}

export interface WafCustomRulePlan {
  readonly name: string;
  readonly priority: number;
  readonly ruleType: 'MatchRule' | 'RateLimitRule';
  readonly action: 'Allow' | 'Block';
  readonly rateLimitDuration?: 'OneMin' | 'FiveMins';
  readonly rateLimitThreshold?: number;
  readonly groupBy?: 'ClientAddr';
  readonly matchConditions: readonly WafMatchConditionPlan[];
}

export interface WafMatchConditionPlan {
  readonly variableName: 'RemoteAddr' | 'RequestUri' | 'RequestHeaders';
  readonly selector?: string;
  readonly operator: 'IPMatch' | 'GeoMatch' | 'Regex';
  readonly negationConditon: boolean;
  readonly matchValues: readonly string[];
  readonly transforms: readonly 'Lowercase'[];
}

export interface AzurePlan {
  readonly loadBalancer?: LoadBalancerPlan;
  readonly applicationGateway?: ApplicationGatewayPlan;
}

export interface MetricAlertPlan {
  /** The Azure rule name. */
  readonly name: string;
  /** The spec alarm it compiles. */
  readonly alarm: string;
  readonly path: string;
  readonly description: string;
  readonly metricName: 'ResponseStatus' | 'UnhealthyHostCount' | 'HealthyHostCount' | 'AzwafCustomRule' | 'DipAvailability';
  readonly metricNamespace: 'Microsoft.Network/applicationGateways' | 'Microsoft.Network/loadBalancers';
  readonly timeAggregation: 'Total' | 'Minimum' | 'Maximum' | 'Average';
  readonly operator: 'GreaterThan' | 'LessThan' | 'LessThanOrEqual';
  readonly threshold: number;
  readonly dimensions: readonly { readonly name: string; readonly operator: 'Include'; readonly values: readonly string[] }[];
  /** ISO 8601 duration. */
  readonly windowSize: string;
  /** ISO 8601 duration; never longer than windowSize. */
  readonly evaluationFrequency: string;
  /** Logical notification name: placement maps it to an action group id. */
  readonly notify?: string;
}
