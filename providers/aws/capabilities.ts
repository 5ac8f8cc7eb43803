/**
 * AWS columns: Application Load Balancer (L7) and Network Load Balancer (L4).
 * Every cell and range names its source (./sources.ts: ELBv2, WAFv2 and VPC pages, with the day they were checked).
 * A documented approximation is nearest (WAF's estimated rate), as on every cloud.
 */
import { cite, compact, native, nearest, notOneOf, outside, unsupported, type RangeViolation, type TargetColumn } from '../../lib/capabilities/support';
import type { RangeDoc, Source } from '../../lib/capabilities/support';
import { transformLimits } from './plan/transforms';
import { citedAll, SRC } from './sources';
import type { ModelScope } from '../../lib/capabilities/features';
import { grpcBehindHttpFrontends } from '../../lib/capabilities/grpc-ranges';
import { GRPC_HTTP2_FEATURES, l4HttpCells, l7TransportCells } from '../../lib/capabilities/layer-cells';
import { scopeRegexes } from '../../lib/capabilities/regexes';
import { frontendActions } from '../../lib/model/derived';
import { DEFAULTS } from '../../lib/model/defaults';
import { written } from '../../lib/model/given';
import type { ActionModel, FrontendModel } from '../../lib/model/types';

/**
 * ELBv2 regexValues: 'The maximum length of each string is 128 characters'
 * (https://docs.aws.amazon.com/elasticloadbalancing/latest/APIReference/API_PathPatternConditionConfig.html, and
 * API_HttpHeaderConditionConfig.html alike). lbkit sends a spec regex anchored as '^(?:re)$' (providers/aws/plan/
 * conditions.ts), 6 characters more, so the spec regex has at most 122. Rule conditions apply to visible ASCII
 * characters only, control characters (0x00-0x1f, 0x7f) excluded, and their regexes have no lookahead,
 * lookbehind, backreferences, atomic groups, possessive quantifiers, subroutines, recursion or Unicode classes
 * (https://docs.aws.amazon.com/elasticloadbalancing/latest/application/rule-condition-types.html): the portable
 * subset (lib/util/regex.ts) already refuses those constructs. A rate limit scoped to the rule puts the same regex in
 * a WAFv2 regex statement, whose 200-character limit (providers/aws/plan/waf.ts) the 128 here keeps.
 */
const ALB_REGEX_VALUE_MAX = 128;
/** Where the ALB rule-condition cells of issue 16 rest. */
const ALB_RULE_CONDITIONS = cite('https://docs.aws.amazon.com/elasticloadbalancing/latest/application/rule-condition-types.html', '2026-12-02');
const ALB_RULE_ACTIONS = cite('https://docs.aws.amazon.com/elasticloadbalancing/latest/application/rule-action-types.html', '2026-12-02');
const ALB_RULE_TRANSFORMS = cite('https://docs.aws.amazon.com/elasticloadbalancing/latest/application/rule-transforms.html', '2026-12-02');
const ALB_HEADER_MODIFICATION = cite('https://docs.aws.amazon.com/elasticloadbalancing/latest/application/header-modification.html', '2026-12-02');

/** WAFv2 RateBasedStatement.Limit: 'The lowest limit setting allowed is 10' (SRC.wafRateSettings), at most 2,000,000,000. */
export const WAF_RATE_LIMIT = { min: 10, max: 2_000_000_000 } as const;
const ALB_REGEX_ANCHORING = '^(?:)$'.length;

function albRegexRanges(scope: ModelScope): RangeViolation[] {
  const max = ALB_REGEX_VALUE_MAX - ALB_REGEX_ANCHORING;
  return scopeRegexes(scope).flatMap(({ path, pattern }) =>
    compact([
      pattern.length > max
        ? {
            path,
            accepted: `regexes of at most ${max} characters (ALB regexValues hold ${ALB_REGEX_VALUE_MAX} with lbkit's '^(?:...)$')`,
            message: `regex of ${pattern.length} characters is longer than ${max}`,
          }
        : undefined,
      /[^\x20-\x7e]/.test(pattern)
        ? {
            path,
            accepted: 'regexes of visible ASCII characters and spaces (ALB rule conditions apply to visible ASCII only)',
            message: `regex '${pattern}' has a character outside visible ASCII`,
          }
        : undefined,
    ]),
  );
}

/** A frontend's actions (lib/model/derived.ts: the default action, then the rules'), each with its spec path. */
function actionsAt(f: FrontendModel): Array<{ readonly a: ActionModel; readonly at: string }> {
  const paths = [...(f.defaultAction ? [`${f.path}.defaultAction`] : []), ...f.rules.map((r) => `${r.path}.action`)];
  return frontendActions(f).map((a, i) => ({ a, at: paths[i] }));
}

/** ELBv2 target-group health-check limits: the same for ALB and NLB target groups, only the success codes differ. */
const HEALTH_LIMITS = { interval: [5, 300], timeout: [2, 120], threshold: [2, 10] } as const;
const ALB_SUCCESS_CODES: readonly [number, number] = [200, 499];
const NLB_SUCCESS_CODES: readonly [number, number] = [200, 599];
const span = ([low, high]: readonly [number, number]): string => `${low}-${high}`;

/** The accepted health-check ranges as `lbkit plan --explain` shows them: the limits healthRanges checks. */
function healthRangeDocs(source: Source, codes: readonly [number, number]): Record<string, RangeDoc> {
  return {
    'healthCheck.intervalSeconds': { accepted: span(HEALTH_LIMITS.interval), source },
    'healthCheck.timeoutSeconds': { accepted: span(HEALTH_LIMITS.timeout), source },
    'healthCheck thresholds': { accepted: span(HEALTH_LIMITS.threshold), source },
    'healthCheck.successCodes': { accepted: span(codes), source },
  };
}

function healthRanges(scope: ModelScope, codes: readonly [number, number]): RangeViolation[] {
  const { interval, timeout, threshold } = HEALTH_LIMITS;
  return scope.pools.flatMap((p) => {
    const hc = p.healthCheck;
    const at = `${p.path}.healthCheck`;
    return compact([
      outside(`${at}.intervalSeconds`, 'healthCheck.intervalSeconds', hc.intervalSeconds, interval[0], interval[1], 's'),
      outside(`${at}.timeoutSeconds`, 'healthCheck.timeoutSeconds', hc.timeoutSeconds, timeout[0], timeout[1], 's'),
      outside(`${at}.healthyThreshold`, 'healthCheck.healthyThreshold', hc.healthyThreshold, threshold[0], threshold[1]),
      outside(`${at}.unhealthyThreshold`, 'healthCheck.unhealthyThreshold', hc.unhealthyThreshold, threshold[0], threshold[1]),
      ...hc.successRanges.flatMap(([low, high]) => [
        outside(`${at}.successCodes`, 'healthCheck.successCodes', low, codes[0], codes[1]),
        high !== low ? outside(`${at}.successCodes`, 'healthCheck.successCodes', high, codes[0], codes[1]) : undefined,
      ]),
    ]);
  });
}

// Operations (issue 19): CloudWatch alarms, WAF protection, Shield Advanced. Sources checked 2026-12-02.
const CHECKED = '2026-12-02';
const ALB_METRICS = cite('https://docs.aws.amazon.com/elasticloadbalancing/latest/application/load-balancer-cloudwatch-metrics.html', CHECKED);
const NLB_METRICS = cite('https://docs.aws.amazon.com/elasticloadbalancing/latest/network/load-balancer-cloudwatch-metrics.html', CHECKED);
const WAF_METRICS = cite('https://docs.aws.amazon.com/waf/latest/developerguide/waf-metrics.html', CHECKED);
const WAF_MANAGED = cite('https://docs.aws.amazon.com/waf/latest/developerguide/aws-managed-rule-groups-baseline.html', CHECKED);
const WAF_IP_SET = cite('https://docs.aws.amazon.com/waf/latest/developerguide/waf-rule-statement-type-ipset-match.html', CHECKED);
const WAF_GEO = cite('https://docs.aws.amazon.com/waf/latest/developerguide/waf-rule-statement-type-geo-match.html', CHECKED);
const SHIELD = cite('https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-shield-protection.html', CHECKED);
const NO_WAF_ON_NLB = cite('https://docs.aws.amazon.com/waf/latest/developerguide/how-aws-waf-works-resources.html', CHECKED);

export const AWS_ALB: TargetColumn = {
  // The plan compiles a field the spec leaves out to AWS's own default (plan/defaults.ts): only written fields are judged.
  nativeDefaults: true,
  support: {
    ...citedAll(l7TransportCells('aws-nlb'), SRC.albListeners),
    'lb.scheme.internal': native(undefined, SRC.albScheme),
    'lb.ip.dualstack': native('ipAddressType dualstack', SRC.albIpType),
    'lb.deletion-protection': native(undefined, SRC.albAttributes),
    'lb.access-logs': native('access_logs.s3.* to the given or created bucket', SRC.albAccessLogs),
    'frontend.protocol.http': native(undefined, SRC.albListeners),
    'frontend.protocol.https': native(undefined, SRC.albListeners),
    'frontend.tls.minimum-1.3': native('ELBSecurityPolicy-TLS13-1-3-2021-06', SRC.albTlsPolicies),
    'frontend.tls.sni-certificates': native('listener certificates', SRC.albCertificates),
    'frontend.tls.mtls-verify': native('mutual authentication verify with a trust store', SRC.albMtls),
    'frontend.tls.mtls-passthrough': native('mutual authentication passthrough', SRC.albMtls),
    'frontend.redirect-http-to-https': native(undefined, SRC.albRedirectListener),
    'frontend.idle-timeout': native('idle_timeout.timeout_seconds (one value per load balancer)', SRC.albAttributes),
    'frontend.allowed-source-cidrs': native('security group ingress', SRC.albSecurityGroups),
    'frontend.rule-order.most-specific': native("priorities in the model's order", SRC.albPriorities),
    'rule.match.host.exact': native(
      "host-header (values on 80/443 frontends, where clients omit the default port (RFC 3986 6.2.3); a Host that still carries ':443' or a trailing dot does not match them: docs/aws.md; a regex allowing ':port' on other ports)",
      SRC.hostConditions,
    ),
    'rule.match.host.wildcard': native("host-header '*.domain' (as host.exact for explicit ports)", SRC.hostConditions),
    'rule.match.path.exact': native('path-pattern without wildcards', SRC.pathConditions),
    'rule.match.path.prefix': native("path-pattern '/p' and '/p/*'", SRC.pathConditions),
    'rule.match.path.regex': native('path-pattern regexValues', SRC.conditionRegexes),
    'rule.match.header.exact': native('http-header (case-insensitive, as lbkit)', SRC.headerConditions),
    'rule.match.header.prefix': native("http-header 'value*'", SRC.headerConditions),
    'rule.match.header.regex': native('http-header regexValues', SRC.conditionRegexes),
    'rule.match.header.present': native("http-header '*'", SRC.headerConditions),
    'rule.match.query.exact': native('query-string key=value (case-insensitive, as lbkit)', SRC.queryConditions),
    'rule.match.query.present': native("query-string key='*'", SRC.queryConditions),
    'rule.match.method': native('http-request-method', SRC.methodConditions),
    'rule.match.source': native('source-ip', SRC.sourceConditions),
    'action.forward': native(undefined, SRC.forwardActions),
    'action.weighted-forward': native('forward with weighted target groups', SRC.forwardActions),
    'action.weighted-forward.stickiness': native('target group stickiness', SRC.forwardActions),
    'action.redirect': native(undefined, SRC.redirectActions),
    'action.redirect.status-301': native('HTTP_301', SRC.redirectActions),
    'action.redirect.status-302': native('HTTP_302', SRC.redirectActions),
    'action.redirect.status-303': nearest('HTTP_302 (ALB redirects only with 301 or 302)', SRC.redirectActions),
    'action.redirect.status-307': nearest('HTTP_302 (clients may change the method to GET)', SRC.redirectActions),
    'action.redirect.status-308': nearest('HTTP_301 (clients may change the method to GET)', SRC.redirectActions),
    'action.fixed-response': native(undefined, SRC.fixedResponseActions),
    'pool.protocol.http': native(undefined, SRC.albTargetGroups),
    'pool.protocol.https': native(undefined, SRC.albTargetGroups),
    'pool.algorithm.round-robin': native('round_robin', SRC.albAlgorithms),
    'pool.algorithm.weighted-round-robin': nearest('round_robin: ALB targets carry no weights, so member weights are ignored', SRC.albAlgorithms),
    'pool.algorithm.least-connections': native('least_outstanding_requests (fewest in-flight requests)', SRC.albAlgorithms),
    'pool.algorithm.ip-hash': unsupported('session persistence lb-cookie; ALB has no hashing algorithm', SRC.albAlgorithms),
    'pool.algorithm.least-response-time': nearest('least_outstanding_requests: fewest in-flight requests, without a latency term', SRC.albAlgorithms),
    'pool.algorithm.random': native('weighted_random without anomaly mitigation', SRC.albAlgorithms),
    'pool.health.tcp': unsupported('an http health check: ALB target groups cannot probe TCP', SRC.albHealthChecks),
    'pool.health.http': native(undefined, SRC.albHealthChecks),
    'pool.health.https': native(undefined, SRC.albHealthChecks),
    'pool.health.success-codes': native('matcher HttpCode', SRC.albHealthChecks),
    'pool.health.healthy-threshold': native(undefined, SRC.albHealthChecks),
    'pool.health.asymmetric-thresholds': native(undefined, SRC.albHealthChecks),
    'pool.passive-health': unsupported('anomaly mitigation with weighted_random (automatic target weights, no thresholds)', SRC.albAlgorithms),
    'pool.persistence.lb-cookie': native('stickiness lb_cookie', SRC.albStickiness),
    'pool.persistence.app-cookie': native('stickiness app_cookie', SRC.albStickiness),
    'pool.persistence.source-ip': unsupported('lb-cookie; ALB sticks by cookie only', SRC.albStickiness),
    'pool.draining': native('deregistration_delay.timeout_seconds', SRC.albDraining),
    'pool.slow-start': native('slow_start.duration_seconds', SRC.albSlowStart),
    'pool.fail-open': native('ALB routes to all targets when none is healthy', SRC.albFailOpen),
    'pool.fail-closed': unsupported('fail-open: an ALB always fails open', SRC.albFailOpen),
    'rate-limit.client-ip': nearest(
      'WAFv2 rate-based rule, aggregate key IP: WAF estimates the rate over a trailing window, weighting recent requests more, and limits near the limit, not exactly (lbkit counts exactly)',
      SRC.wafRateCaveats,
    ),
    'rate-limit.header': nearest(
      'WAFv2 rate-based rule, custom key header: WAF estimates the rate over a trailing window, weighting recent requests more, and limits near the limit, not exactly (lbkit counts exactly)',
      SRC.wafRateCaveats,
    ),
    'rate-limit.rule-scope': native(
      "WAFv2 scope-down statement: the rule's conditions and none of its frontend's earlier rules' (first match)",
      SRC.wafScopeDown,
    ),
    'rate-limit.custom-status': native('WAFv2 block with a custom response code', SRC.wafCustomResponse),
    'rate-limit.frontend-subset': nearest(
      'a web ACL on the whole ALB: WAF cannot tell listeners apart, so requests to the other L7 frontends count (and are blocked) too',
      SRC.wafAssociation,
    ),
    // Gateway-API-grade L7 (issue 16). ALB compares http-header and query-string values case-insensitively, with no
    // setting to change it (https://docs.aws.amazon.com/elasticloadbalancing/latest/application/rule-condition-types.html,
    // HTTP header conditions: "The comparison strings are not case-sensitive"; query string conditions alike).
    'rule.match.header.case-sensitive': unsupported('the same condition without caseSensitive (ALB compares header values ignoring case)', ALB_RULE_CONDITIONS),
    'rule.match.query.case-sensitive': unsupported(
      'the same condition without caseSensitive (ALB compares query names and values ignoring case)',
      ALB_RULE_CONDITIONS,
    ),
    'rule.match.path.case-insensitive': unsupported(
      'the same path condition without caseSensitive: false (path-pattern compares with exact case)',
      cite(
        'https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-properties-elasticloadbalancingv2-listenerrule-pathpatternconfig.html ("The comparison is case sensitive")',
        '2026-12-02',
      ),
    ),
    // Header modifiers: ALB rules have no header actions; listener attributes set a fixed list of response headers
    // (HSTS, CORS, ...) for the whole listener (https://docs.aws.amazon.com/elasticloadbalancing/latest/application/header-modification.html).
    'rule.filter.request-headers': unsupported(
      'the member sets or ignores the headers itself (ALB rules have no request header actions)',
      ALB_HEADER_MODIFICATION,
    ),
    'rule.filter.response-headers': unsupported(
      'listener attributes routing.http.response.* for a fixed list of headers, for every rule of the listener',
      ALB_HEADER_MODIFICATION,
    ),
    // Rule transforms host-header-rewrite and url-rewrite: a regex and a replacement with $n captures, one of each
    // per rule; "If there is no pattern match, the original request is sent to the target" (plan/transforms.ts).
    'rule.filter.rewrite-host': native("Transforms host-header-rewrite: regex '^.*$' replaced by the host", ALB_RULE_TRANSFORMS),
    'rule.filter.rewrite-path-full': native("Transforms url-rewrite: the path before any '?' replaced, the query kept", ALB_RULE_TRANSFORMS),
    'rule.filter.rewrite-path-prefix': native(
      'Transforms url-rewrite: one regex of the prefixes, longest first and segment-wise, replaced with the rest of the path and the query kept',
      ALB_RULE_TRANSFORMS,
    ),
    // Redirect actions build the path from #{path} and literals: the matched prefix cannot be cut off.
    'pool.persistence.session-cookie': unsupported(
      'lb-cookie with durationSeconds (ALB lb_cookie stickiness always sets an expiry: 1 s to 7 days)',
      cite('https://docs.aws.amazon.com/elasticloadbalancing/latest/application/sticky-sessions.html', '2026-12-02'),
    ),
    // Rule actions (forward, redirect, fixed-response, authenticate) carry no timeout or retry; the only timeout
    // is the load balancer's idle timeout, and ALB does not resend a request to another target.
    'rule.timeout.request': unsupported('frontend idleTimeoutSeconds (one idle timeout for the whole ALB)', ALB_RULE_ACTIONS),
    'rule.timeout.backend': unsupported('frontend idleTimeoutSeconds (one idle timeout for the whole ALB)', ALB_RULE_ACTIONS),
    'rule.retry': unsupported('retries in the client (ALB rules have no retry policy)', ALB_RULE_ACTIONS),
    'rule.retry.statuses': unsupported('retries in the client (ALB rules have no retry policy)', ALB_RULE_ACTIONS),
    'pool.retry-budget': unsupported('no budget setting: ALB rules have no retry policy (bound retries in the client)', ALB_RULE_ACTIONS),
    // One ALB listener per port (plan/host-listeners.ts): the frontends of a port merge into it, their certificates
    // into its certificate list (ALB picks one by SNI; no SNI, or a name none covers: the default certificate), and
    // host-header conditions into their rules, in binding order. ALB routes each request by its Host alone, so a
    // Host naming another frontend than the connection's SNI is routed to that frontend, not answered 421, and a
    // handshake for a name no frontend serves completes with the default certificate (then 404 by Host).
    'frontend.hostnames': nearest(
      "one listener per port: every frontend's certificates in its list (SNI picks one, else the default certificate), each frontend's rules with a host-header condition, ordered exact name > longest wildcard > the frontend without hostnames, and a 404 default action when no frontend serves the Host; binding is by Host only: a Host that names another frontend than the SNI is routed to it (no 421), and an unserved SNI gets the default certificate instead of a failed handshake",
      cite(
        'https://docs.aws.amazon.com/elasticloadbalancing/latest/application/https-listener-certificates.html (certificate list, SNI, default certificate) and https://docs.aws.amazon.com/elasticloadbalancing/latest/application/rule-condition-types.html#host-conditions',
        '2026-12-02',
      ),
    ),
    'action.redirect.path-prefix': unsupported(
      "redirect.path (a full path); ALB redirects keep '#{path}' whole",
      cite('https://docs.aws.amazon.com/elasticloadbalancing/latest/application/rule-action-types.html', '2026-12-02'),
    ),
    // HTTP/2 and gRPC (issue 20)
    'frontend.http2.alpn': native(
      'routing.http2.enabled true: HTTPS listeners negotiate h2 by ALPN',
      cite('https://docs.aws.amazon.com/elasticloadbalancing/latest/application/load-balancer-listeners.html', '2026-12-02'),
    ),
    'frontend.http2.cleartext': unsupported(
      'https with http2: ALB speaks HTTP/2 to clients on HTTPS listeners only',
      cite('https://docs.aws.amazon.com/elasticloadbalancing/latest/application/load-balancer-listeners.html', '2026-12-02'),
    ),
    'frontend.http2.off': native(
      'routing.http2.enabled false (one value per load balancer)',
      cite('https://docs.aws.amazon.com/elasticloadbalancing/latest/application/application-load-balancers.html#load-balancer-attributes', '2026-12-02'),
    ),
    'pool.protocol.grpc': native(
      'target group HTTP, protocolVersion GRPC',
      cite('https://docs.aws.amazon.com/elasticloadbalancing/latest/application/load-balancer-target-groups.html#target-group-protocol-version', '2026-12-02'),
    ),
    'pool.protocol.grpcs': native(
      'target group HTTPS, protocolVersion GRPC',
      cite('https://docs.aws.amazon.com/elasticloadbalancing/latest/application/load-balancer-target-groups.html#target-group-protocol-version', '2026-12-02'),
    ),
    'pool.http2': native(
      'target group protocolVersion HTTP2',
      cite('https://docs.aws.amazon.com/elasticloadbalancing/latest/application/load-balancer-target-groups.html#target-group-protocol-version', '2026-12-02'),
    ),
    'pool.health.grpc': nearest(
      'POST /grpc.health.v1.Health/Check with matcher GrpcCode: ALB reads the gRPC status only, so an OK answer saying NOT_SERVING counts healthy',
      cite('https://docs.aws.amazon.com/elasticloadbalancing/latest/APIReference/API_Matcher.html', '2026-12-02'),
    ),
    'pool.health.grpc-service': unsupported(
      "grpcService '' (the ALB probe sends no request message, so it cannot name a service)",
      cite('https://docs.aws.amazon.com/elasticloadbalancing/latest/application/target-group-health-checks.html', '2026-12-02'),
    ),
    'pool.health.grpc-status-codes': native(
      'matcher GrpcCode (0-99)',
      cite('https://docs.aws.amazon.com/elasticloadbalancing/latest/APIReference/API_Matcher.html', '2026-12-02'),
    ),
    'rule.match.grpc': native(
      "path-pattern '/<service>/<method>' or '/<service>/*'",
      cite('https://docs.aws.amazon.com/elasticloadbalancing/latest/application/load-balancer-target-groups.html#target-group-protocol-version', '2026-12-02'),
    ),
    'action.fixed-response.grpc-status': unsupported(
      'a forward to a member that answers with the gRPC status: an ALB fixed response is HTTP only',
      cite('https://docs.aws.amazon.com/elasticloadbalancing/latest/application/load-balancer-listeners.html', '2026-12-02'),
    ),
    // Operations (issue 19): alarms and protection
    'alarm.5xx-count': native(
      'CloudWatch alarm, metric math FILL(HTTPCode_ELB_5XX_Count) + FILL(HTTPCode_Target_5XX_Count) (Sum); with a pool, HTTPCode_Target_5XX_Count of its target group',
      ALB_METRICS,
    ),
    'alarm.5xx-ratio': native('CloudWatch metric-math alarm (HTTPCode_ELB_5XX_Count + HTTPCode_Target_5XX_Count) / RequestCount', ALB_METRICS),
    'alarm.latency': native('CloudWatch alarm on TargetResponseTime with the extended statistic pNN (threshold in seconds)', ALB_METRICS),
    'alarm.unhealthy-members': native('CloudWatch alarm on UnHealthyHostCount (TargetGroup, LoadBalancer; Maximum)', ALB_METRICS),
    'alarm.healthy-members': native('CloudWatch alarm on HealthyHostCount (TargetGroup, LoadBalancer; Minimum) below the threshold', ALB_METRICS),
    'alarm.rejected-connections': native('CloudWatch alarm on RejectedConnectionCount (Sum)', ALB_METRICS),
    'alarm.rate-limited': native(
      "CloudWatch alarm on AWS/WAFV2 BlockedRequests (Sum; WebACL, Region, Rule ALL): every request the web ACL's rate limits and protection refused; pool is ignored, as WAF acts before routing",
      WAF_METRICS,
    ),
    'protection.managed-rules': native(
      'WAF managed rule groups (vendor AWS) in the web ACL: AWSManagedRulesCommonRuleSet (baseline, 700 WCUs); plus AWSManagedRulesKnownBadInputsRuleSet and AWSManagedRulesSQLiRuleSet (strict, 200 WCUs each: AWS groups have no sensitivity setting, strict adds groups); detect = override action count',
      WAF_MANAGED,
    ),
    'protection.ip-allow': native(
      'WAF IP sets (one per address family) and a block rule on NOT IPSetReferenceStatement (403), after the deny rule',
      WAF_IP_SET,
    ),
    'protection.ip-deny': native(
      'WAF IP sets (one per address family) and a block rule on IPSetReferenceStatement (403), the first rule of the web ACL',
      WAF_IP_SET,
    ),
    'protection.geo': native('a WAF block rule (403) on GeoMatchStatement (deny) or NOT GeoMatchStatement (allow)', WAF_GEO),
    'protection.ddos-advanced': native(
      'AWS::Shield::Protection on the ALB ARN; the account must subscribe to Shield Advanced first (outside lbkit), or the protection fails to create',
      SHIELD,
    ),
  },
  ranges: {
    ...healthRangeDocs(SRC.albHealthChecks, ALB_SUCCESS_CODES),
    slowStartSeconds: { accepted: '0 or 30-900, not with random', source: SRC.albSlowStart },
    weights: { accepted: '0-999, at most 5 pools', source: SRC.forwardActions },
    'rateLimits.limit': { accepted: '10-2000000000', source: SRC.wafRateSettings },
    'rateLimits.windowSeconds': { accepted: '60, 120, 300, 600', source: SRC.wafRateSettings },
    idleTimeoutSeconds: { accepted: '1-4000, one value for all frontends', source: SRC.albAttributes },
    'fixedResponse.statusCode': { accepted: '2XX, 4XX or 5XX', source: SRC.fixedResponseActions },
    'redirect.scheme': { accepted: 'no https -> http redirect', source: SRC.redirectActions },
    'match.query[].exact': { accepted: 'not empty', source: SRC.queryConditions },
    'match regexes': { accepted: 'at most 122 characters (128 with anchors), visible ASCII', source: SRC.conditionRegexes },
    rewrite: { accepted: "no '$' in the values; a prefix rewrite's prefixes include '/' only alone", source: ALB_RULE_TRANSFORMS },
  },
  checkRanges: (scope) => [
    ...scope.frontends.flatMap((f) =>
      f.rules.flatMap((r) => transformLimits(r).map((l) => ({ ...l, accepted: "rewrite values without '$'; a prefix '/' alone" }))),
    ),
    ...healthRanges(scope, ALB_SUCCESS_CODES),
    ...scope.pools.flatMap((p) =>
      compact([
        p.slowStartSeconds > 0 ? outside(`${p.path}.slowStartSeconds`, 'slowStartSeconds', p.slowStartSeconds, 30, 900, 's') : undefined,
        p.slowStartSeconds > 0 && p.algorithm === 'random'
          ? {
              path: `${p.path}.slowStartSeconds`,
              accepted: 'slow start without weighted_random',
              message: 'slow start cannot be combined with the random algorithm (weighted_random)',
            }
          : undefined,
      ]),
    ),
    ...weightRanges(scope),
    ...distinctIdleTimeouts(scope),
    ...albActionRanges(scope),
    ...albRegexRanges(scope),
    ...albHttp2Ranges(scope),
    ...scope.frontends.flatMap((f) =>
      f.rules.flatMap((r) =>
        r.match.query.flatMap((q, i) =>
          q.kind === 'exact' && q.value === ''
            ? [
                {
                  path: `${r.path}.match.query[${i}].exact`,
                  accepted: 'non-empty query values (or present: true)',
                  message: 'an ALB query-string condition cannot match an empty value',
                },
              ]
            : [],
        ),
      ),
    ),
    ...scope.rateLimits.flatMap((r) =>
      compact([
        outside(`${r.path}.limit`, 'limit', r.limit, WAF_RATE_LIMIT.min, WAF_RATE_LIMIT.max),
        notOneOf(`${r.path}.windowSeconds`, 'windowSeconds', r.windowSeconds, [60, 120, 300, 600], 's'),
      ]),
    ),
  ],
};

/** ELBv2 forward actions: at most 5 target groups, weights 0-999 (ALB and, since weighted NLB target groups, NLB). */
function weightRanges(scope: ModelScope): RangeViolation[] {
  return scope.frontends.flatMap((f) =>
    actionsAt(f).flatMap(({ a, at }) =>
      a.type !== 'weighted-forward'
        ? []
        : compact([
            a.targets.length > 5
              ? { path: `${at}.weightedForward.pools`, accepted: 'at most 5 pools', message: `${a.targets.length} pools in one weighted forward` }
              : undefined,
            ...a.targets.map((t, i) => outside(`${at}.weightedForward.pools[${i}].weight`, 'weight', t.weight, 0, 999)),
          ]),
    ),
  );
}

/** Fixed responses are 2XX, 4XX or 5XX on an ALB, and a redirect cannot go from https to http. */
function albActionRanges(scope: ModelScope): RangeViolation[] {
  return scope.frontends.flatMap((f) =>
    actionsAt(f).flatMap(({ a, at }) =>
      compact([
        a.type === 'fixed-response' && a.statusCode >= 300 && a.statusCode < 400
          ? {
              path: `${at}.fixedResponse.statusCode`,
              accepted: 'fixed-response status 2XX, 4XX or 5XX',
              message: `fixed-response status ${a.statusCode} is a 3XX`,
            }
          : undefined,
        a.type === 'redirect' && a.scheme === 'http' && f.protocol === 'https'
          ? { path: `${at}.redirect.scheme`, accepted: 'redirects http->http, http->https, https->https', message: 'an ALB cannot redirect from https to http' }
          : undefined,
      ]),
    ),
  );
}

/** The idle timeouts the frontends write must agree: the ALB has one (a frontend that writes none takes it too). */
function distinctIdleTimeouts(scope: ModelScope): RangeViolation[] {
  const timed = scope.frontends.filter((f) => written(scope.model, `${f.path}.idleTimeoutSeconds`));
  const values = [...new Set(timed.map((f) => f.idleTimeoutSeconds))];
  if (values.length <= 1) return [];
  return [
    {
      path: timed[0].path + '.idleTimeoutSeconds',
      accepted: 'one idle timeout for the whole load balancer',
      message: `frontends ask for different idle timeouts (${values.join(', ')} s)`,
    },
  ];
}

export const AWS_NLB: TargetColumn = {
  nativeDefaults: true,
  support: {
    ...citedAll(l4HttpCells('aws-alb'), SRC.nlbListeners),
    'lb.scheme.internal': native(undefined, SRC.nlbScheme),
    'lb.ip.dualstack': native('ipAddressType dualstack (not with udp listeners)', SRC.nlbIpType),
    'lb.deletion-protection': native(undefined, SRC.nlbAttributes),
    'lb.access-logs': nearest('access logs record TLS listeners only', SRC.nlbAccessLogs),
    'frontend.protocol.tcp': native(undefined, SRC.nlbListeners),
    'frontend.protocol.tls': native(undefined, SRC.nlbListeners),
    'frontend.protocol.udp': native(undefined, SRC.nlbListeners),
    'frontend.tls.minimum-1.3': native('ELBSecurityPolicy-TLS13-1-3-2021-06', SRC.nlbTls),
    'frontend.tls.sni-certificates': native('listener certificates', SRC.nlbTls),
    'frontend.tls.mtls-verify': unsupported('a tcp frontend passing TLS through to members that verify clients', SRC.nlbTls),
    'frontend.tls.mtls-passthrough': unsupported('a tcp frontend passing TLS through to the members', SRC.nlbTls),
    'frontend.idle-timeout': native('tcp.idle_timeout.seconds on tcp listeners', SRC.nlbIdleTimeout),
    'frontend.allowed-source-cidrs': native('security group ingress', SRC.nlbSecurityGroups),
    'action.forward': native(undefined, SRC.nlbListeners),
    'action.weighted-forward': native('forward with weighted target groups (ForwardConfig.TargetGroups), without group stickiness', SRC.nlbWeightedForward),
    'pool.protocol.tcp': native(undefined, SRC.nlbTargetGroups),
    'pool.protocol.tls': native(undefined, SRC.nlbTargetGroups),
    'pool.protocol.udp': native(undefined, SRC.nlbTargetGroups),
    'pool.algorithm.round-robin': nearest('flow hash: each connection is hashed on its 5-tuple', SRC.nlbRouting),
    'pool.algorithm.weighted-round-robin': unsupported('round-robin (flow hash); NLB targets carry no weights', SRC.nlbRouting),
    'pool.algorithm.least-connections': unsupported('round-robin (flow hash); NLB has no algorithm choice', SRC.nlbRouting),
    'pool.algorithm.ip-hash': nearest('source_ip stickiness: a client address sticks to a target (not consistent hashing)', SRC.nlbStickiness),
    'pool.algorithm.least-response-time': unsupported('round-robin (flow hash); NLB has no algorithm choice', SRC.nlbRouting),
    'pool.algorithm.random': native('flow hash: each connection is hashed on its 5-tuple', SRC.nlbRouting),
    'pool.health.tcp': native(undefined, SRC.nlbHealthChecks),
    'pool.health.http': native(undefined, SRC.nlbHealthChecks),
    'pool.health.https': native(undefined, SRC.nlbHealthChecks),
    'pool.health.success-codes': native('matcher HttpCode', SRC.nlbHealthChecks),
    'pool.health.healthy-threshold': native(undefined, SRC.nlbHealthChecks),
    'pool.health.asymmetric-thresholds': native(undefined, SRC.nlbHealthChecks),
    'pool.passive-health': unsupported('active health checks only', SRC.nlbHealthChecks),
    'pool.persistence.source-ip': native('stickiness source_ip', SRC.nlbStickiness),
    'pool.draining': native('deregistration_delay.timeout_seconds', SRC.nlbDraining),
    'pool.slow-start': unsupported('none: slow start is ALB-only', SRC.nlbNoSlowStart),
    'pool.fail-open': native('NLB routes to all targets when none is healthy', SRC.nlbFailOpen),
    'pool.fail-closed': unsupported('fail-open: an NLB always fails open', SRC.nlbFailOpen),
    // HTTP/2 and gRPC (issue 20)
    ...Object.fromEntries(
      GRPC_HTTP2_FEATURES.map((id) => [
        id,
        unsupported(
          'a tcp frontend and tcp pool: the NLB passes HTTP/2 and gRPC through to members that terminate them (TLS included), or aws-alb for HTTP/2 and gRPC routing',
          cite('https://docs.aws.amazon.com/elasticloadbalancing/latest/network/load-balancer-listeners.html', '2026-12-02'),
        ),
      ]),
    ),
    // Operations (issue 19): alarms and protection
    'alarm.5xx-count': unsupported('alarm.unhealthy-members: an NLB sees no HTTP answers', NLB_METRICS),
    'alarm.5xx-ratio': unsupported('alarm.unhealthy-members: an NLB sees no HTTP answers', NLB_METRICS),
    'alarm.latency': unsupported('alarm.unhealthy-members: AWS/NetworkELB has no response-time metric', NLB_METRICS),
    'alarm.unhealthy-members': native('CloudWatch alarm on AWS/NetworkELB UnHealthyHostCount (TargetGroup, LoadBalancer; Maximum)', NLB_METRICS),
    'alarm.healthy-members': native(
      'CloudWatch alarm on AWS/NetworkELB HealthyHostCount (TargetGroup, LoadBalancer; Minimum) below the threshold',
      NLB_METRICS,
    ),
    'alarm.rejected-connections': unsupported(
      'an alarm on TCP_ELB_Reset_Count (resets the NLB sends; NLB publishes no rejected-connection count)',
      NLB_METRICS,
    ),
    'alarm.rate-limited': unsupported('none: an NLB has no rate limits (WAF does not attach to NLBs)', NO_WAF_ON_NLB),
    'protection.managed-rules': unsupported('aws-alb: AWS WAF attaches to ALBs, not NLBs', NO_WAF_ON_NLB),
    'protection.ip-allow': unsupported(
      'frontend.allowedSourceCidrs (the NLB security group admits only those sources; refused, not answered 403)',
      NO_WAF_ON_NLB,
    ),
    'protection.ip-deny': unsupported('frontend.allowedSourceCidrs listing what is allowed (security groups have no deny rules)', NO_WAF_ON_NLB),
    'protection.geo': unsupported('aws-alb with a WAF geo match', NO_WAF_ON_NLB),
    'protection.ddos-advanced': unsupported(
      "aws-alb (Shield Advanced on the ALB ARN): Shield Advanced protects an NLB through its Elastic IP addresses, which lbkit's NLB does not allocate",
      SHIELD,
    ),
  },
  ranges: {
    ...healthRangeDocs(SRC.nlbHealthChecks, NLB_SUCCESS_CODES),
    idleTimeoutSeconds: { accepted: '60-6000 (tcp listeners; fixed on tls and udp)', source: SRC.nlbIdleTimeout },
    'udp listeners': { accepted: 'on ipv4 load balancers only', source: SRC.nlbIpType },
    weights: { accepted: '0-999, at most 5 pools', source: SRC.nlbWeightedForward },
  },
  checkRanges: (scope) => [
    ...healthRanges(scope, NLB_SUCCESS_CODES),
    ...weightRanges(scope),
    ...scope.frontends.flatMap((f) =>
      compact([
        f.protocol === 'tcp' ? outside(`${f.path}.idleTimeoutSeconds`, 'idleTimeoutSeconds', f.idleTimeoutSeconds, 60, 6000, 's') : undefined,
        // NLB's TLS idle timeout is fixed at 350 s and its UDP flow timeout too (SRC.nlbIdleTimeout): a written one
        // cannot be honoured (only written fields reach here, nativeDefaults; a hand-built model writes lbkit's 60 s).
        f.protocol !== 'tcp' && (scope.model.given !== undefined || f.idleTimeoutSeconds !== DEFAULTS.idleTimeoutSeconds)
          ? {
              path: `${f.path}.idleTimeoutSeconds`,
              accepted: `no idle timeout on ${f.protocol} frontends (NLB fixes it)`,
              message: `an NLB ${f.protocol} listener has a fixed idle timeout`,
            }
          : undefined,
        f.protocol === 'udp' && scope.model.ipAddressType === 'dualstack'
          ? {
              path: `${f.path}.protocol`,
              accepted: 'udp listeners on ipv4 load balancers',
              message: 'udp listeners cannot be used with ipAddressType dualstack',
            }
          : undefined,
      ]),
    ),
  ],
};

/**
 * HTTP/2 and gRPC on an ALB (issue 20): routing.http2.enabled is one value per load balancer, and a GRPC
 * target group takes requests from HTTPS listeners only, since ALB speaks HTTP/2 to clients on HTTPS alone
 * (https://docs.aws.amazon.com/elasticloadbalancing/latest/application/load-balancer-target-groups.html#target-group-protocol-version).
 */
function albHttp2Ranges(scope: ModelScope): RangeViolation[] {
  const written = [...new Set(scope.frontends.filter((f) => f.protocol === 'https' && f.http2 !== undefined).map((f) => f.http2))];
  return [
    ...(written.length > 1
      ? [
          {
            path: `${scope.frontends[0].path}.http2`,
            accepted: 'one http2 value for the whole load balancer (routing.http2.enabled)',
            message: 'https frontends ask for http2 both on and off',
          },
        ]
      : []),
    ...grpcBehindHttpFrontends(scope, 'gRPC pools behind https frontends (ALB speaks HTTP/2 to clients on HTTPS listeners only)'),
  ];
}
