/**
 * What the AWS columns (./capabilities.ts) rest on: ELBv2, WAFv2 and VPC documentation pages (with the section)
 * and the SDK types lbkit renders to, each with the day it was last checked against them.
 */
import { cite, type Source, type Support } from '../../lib/capabilities/support';

/** The day the AWS columns were last checked against these pages. */
export const CHECKED = '2026-12-02';

const ALB = 'https://docs.aws.amazon.com/elasticloadbalancing/latest/application';
const NLB = 'https://docs.aws.amazon.com/elasticloadbalancing/latest/network';
const WAF = 'https://docs.aws.amazon.com/waf/latest/developerguide';
const at = (ref: string): Source => cite(ref, CHECKED);

export const SRC = {
  albAttributes: at(
    `${ALB}/application-load-balancers.html#load-balancer-attributes (deletion_protection, idle_timeout.timeout_seconds 1-4000, routing.http2, drop_invalid_header_fields)`,
  ),
  albScheme: at(`${ALB}/application-load-balancers.html#load-balancer-scheme`),
  albIpType: at(`${ALB}/application-load-balancers.html#ip-address-type (ipv4, dualstack)`),
  albAccessLogs: at(`${ALB}/enable-access-logging.html`),
  albListeners: at(`${ALB}/load-balancer-listeners.html#listener-configuration (HTTP, HTTPS)`),
  albRedirectListener: at(`${ALB}/load-balancer-listeners.html#default-actions and ${ALB}/rule-action-types.html#redirect-actions`),
  albTlsPolicies: at(`${ALB}/describe-ssl-policies.html (ELBSecurityPolicy-TLS13-1-3-2021-06: TLS 1.3 only)`),
  albCertificates: at(`${ALB}/https-listener-certificates.html (certificate list, SNI)`),
  albMtls: at(`${ALB}/mutual-authentication.html (verify with a trust store, or passthrough)`),
  albSecurityGroups: at(`${ALB}/load-balancer-update-security-groups.html`),
  albPriorities: at(`${ALB}/listener-rules.html (rules evaluated in priority order, lowest first; priorities 1-50000)`),
  hostConditions: at(`${ALB}/rule-condition-types.html#host-conditions`),
  pathConditions: at(`${ALB}/rule-condition-types.html#path-conditions`),
  headerConditions: at(`${ALB}/rule-condition-types.html#http-header-conditions`),
  queryConditions: at(`${ALB}/rule-condition-types.html#query-string-conditions`),
  methodConditions: at(`${ALB}/rule-condition-types.html#http-request-method-conditions`),
  sourceConditions: at(`${ALB}/rule-condition-types.html#source-ip-conditions`),
  conditionRegexes: at(
    `${ALB}/rule-condition-types.html (regexValues, 128 characters, visible ASCII) and ${'https://docs.aws.amazon.com/elasticloadbalancing/latest/APIReference'}/API_PathPatternConditionConfig.html`,
  ),
  forwardActions: at(`${ALB}/rule-action-types.html#forward-actions (target groups weighted 0-999, at most 5, group stickiness 1 s - 7 days)`),
  redirectActions: at(`${ALB}/rule-action-types.html#redirect-actions (StatusCode HTTP_301 or HTTP_302 only)`),
  fixedResponseActions: at(`${ALB}/rule-action-types.html#fixed-response-actions (2XX, 4XX, 5XX)`),
  albTargetGroups: at(`${ALB}/load-balancer-target-groups.html#target-group-protocol (HTTP, HTTPS)`),
  albAlgorithms: at(
    `${ALB}/edit-target-group-attributes.html#modify-routing-algorithm (round_robin, least_outstanding_requests, weighted_random with anomaly mitigation)`,
  ),
  albHealthChecks: at(
    `${ALB}/target-group-health-checks.html#health-check-settings (HTTP/HTTPS only, interval 5-300, timeout 2-120, thresholds 2-10, codes 200-499)`,
  ),
  albFailOpen: at(`${ALB}/target-group-health-checks.html#target-health-states (all targets unhealthy: requests go to all of them)`),
  albStickiness: at(`${ALB}/sticky-sessions.html (lb_cookie and app_cookie: cookies only)`),
  albDraining: at(`${ALB}/edit-target-group-attributes.html#deregistration-delay`),
  albSlowStart: at(`${ALB}/edit-target-group-attributes.html#slow-start-mode (30-900 s, not with weighted_random)`),
  wafRateSettings: at(`${WAF}/waf-rule-statement-type-rate-based-high-level-settings.html (evaluation window 60, 120, 300, 600 s; lowest limit 10)`),
  wafRateCaveats: at(
    `${WAF}/waf-rule-statement-type-rate-based-caveats.html ("estimates the current request rate ... does not guarantee an exact limit match")`,
  ),
  wafRateKeys: at(`${WAF}/waf-rule-statement-type-rate-based-aggregation-options.html (IP, custom keys: header)`),
  wafScopeDown: at(`${WAF}/waf-rule-statement-type-rate-based-scope-down.html`),
  wafCustomResponse: at(`${WAF}/customizing-the-response-for-blocked-requests.html (custom response code)`),
  wafAssociation: at(`${WAF}/web-acl-associating-aws-resource.html (a web ACL protects the whole ALB)`),
  nlbAttributes: at(`${NLB}/network-load-balancers.html#load-balancer-attributes (deletion_protection, load_balancing.cross_zone.enabled)`),
  nlbScheme: at(`${NLB}/network-load-balancers.html#load-balancer-scheme`),
  nlbIpType: at(`${NLB}/network-load-balancers.html#ip-address-type (dualstack: no UDP listeners)`),
  nlbAccessLogs: at(`${NLB}/load-balancer-access-logs.html (created only for TLS listeners)`),
  nlbListeners: at(`${NLB}/load-balancer-listeners.html#listener-configuration (TCP, TLS, UDP, TCP_UDP)`),
  nlbTls: at(`${NLB}/create-tls-listener.html (security policies, certificate list; no client certificate verification)`),
  nlbIdleTimeout: at(`${NLB}/update-idle-timeout.html (tcp.idle_timeout.seconds 60-6000, default 350; TLS listeners fixed at 350; UDP fixed)`),
  nlbSecurityGroups: at(`${NLB}/load-balancer-security-groups.html`),
  nlbWeightedForward: at(
    `https://aws.amazon.com/blogs/networking-and-content-delivery/network-load-balancers-now-support-weighted-target-groups (weights 0-999); aws-cdk-lib 2.276 NetworkListenerAction.weightedForward; CloudFormation AWS::ElasticLoadBalancingV2::Listener ForwardConfig.TargetGroups`,
  ),
  nlbTargetGroups: at(`${NLB}/load-balancer-target-groups.html#target-group-protocol (TCP, TLS, UDP)`),
  nlbRouting: at(
    `${NLB}/introduction.html#network-load-balancer-overview (a flow hash on protocol, addresses, ports and TCP sequence number; no algorithm choice, no target weights)`,
  ),
  nlbHealthChecks: at(
    `${NLB}/target-group-health-checks.html#health-check-settings (TCP, HTTP, HTTPS; interval 5-300, timeout 2-120, thresholds 2-10, codes 200-599)`,
  ),
  nlbFailOpen: at(`${NLB}/target-group-health-checks.html#target-health-states (all targets unhealthy: fail open)`),
  nlbStickiness: at(`${NLB}/load-balancer-target-groups.html#sticky-sessions (source_ip only)`),
  nlbDraining: at(`${NLB}/load-balancer-target-groups.html#deregistration-delay (connection_termination)`),
  nlbNoSlowStart: at(`${NLB}/load-balancer-target-groups.html#target-group-attributes (no slow_start attribute on NLB target groups)`),
  vpcQuotas: at(
    'https://docs.aws.amazon.com/vpc/latest/userguide/amazon-vpc-limits.html#vpc-limits-security-groups (inbound or outbound rules per security group: 60 each by default, adjustable)',
  ),
  albQuotas: at(`${ALB}/load-balancer-limits.html`),
} as const;

/** The same source on every cell of a group (cells lbkit derives, e.g. HTTP rows on an L4 target). */
export function citedAll(cells: Readonly<Record<string, Support>>, source: Source): Record<string, Support> {
  return Object.fromEntries(Object.entries(cells).map(([id, cell]) => [id, { ...cell, source: cell.source ?? source }]));
}
