/**
 * AWS columns: Application Load Balancer (L7) and Network Load Balancer (L4).
 * Sources: ../shared/reference/cloud-matrix.md (aws-cdk-lib 2.276, @pulumi/aws 7.48, ELB and WAF docs).
 */
import { cite, compact, native, nearest, notOneOf, outside, unsupported, type RangeViolation, type TargetColumn } from '../../lib/capabilities/support';
import { pending } from '../../lib/capabilities/pending';
import type { ModelScope } from '../../lib/capabilities/features';
import { l4HttpCells, l7TransportCells } from '../../lib/capabilities/layer-cells';
import { scopeRegexes } from '../../lib/capabilities/regexes';
import { frontendActions } from '../../lib/model/derived';
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
const ALB_REGEX_ANCHORING = '^(?:)$'.length;

function albRegexRanges(scope: ModelScope): RangeViolation[] {
  const max = ALB_REGEX_VALUE_MAX - ALB_REGEX_ANCHORING;
  return scopeRegexes(scope).flatMap(({ path, pattern }) => compact([
    pattern.length > max
      ? { path, accepted: `regexes of at most ${max} characters (ALB regexValues hold ${ALB_REGEX_VALUE_MAX} with lbkit's '^(?:...)$')`, message: `regex of ${pattern.length} characters is longer than ${max}` }
      : undefined,
    /[^\x20-\x7e]/.test(pattern)
      ? { path, accepted: 'regexes of visible ASCII characters and spaces (ALB rule conditions apply to visible ASCII only)', message: `regex '${pattern}' has a character outside visible ASCII` }
      : undefined,
  ]));
}

/** A frontend's actions (lib/model/derived.ts: the default action, then the rules'), each with its spec path. */
function actionsAt(f: FrontendModel): Array<{ readonly a: ActionModel; readonly at: string }> {
  const paths = [...(f.defaultAction ? [`${f.path}.defaultAction`] : []), ...f.rules.map((r) => `${r.path}.action`)];
  return frontendActions(f).map((a, i) => ({ a, at: paths[i] }));
}

function healthRanges(scope: ModelScope, codes: [number, number]): RangeViolation[] {
  return scope.pools.flatMap((p) => {
    const hc = p.healthCheck;
    const at = `${p.path}.healthCheck`;
    return compact([
      outside(`${at}.intervalSeconds`, 'healthCheck.intervalSeconds', hc.intervalSeconds, 5, 300, 's'),
      outside(`${at}.timeoutSeconds`, 'healthCheck.timeoutSeconds', hc.timeoutSeconds, 2, 120, 's'),
      outside(`${at}.healthyThreshold`, 'healthCheck.healthyThreshold', hc.healthyThreshold, 2, 10),
      outside(`${at}.unhealthyThreshold`, 'healthCheck.unhealthyThreshold', hc.unhealthyThreshold, 2, 10),
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
  support: {
    ...l7TransportCells('aws-nlb'),
    'lb.scheme.internal': native(),
    'lb.ip.dualstack': native('ipAddressType dualstack'),
    'lb.deletion-protection': native(),
    'lb.access-logs': native('access_logs.s3.* to the given or created bucket'),
    'frontend.protocol.http': native(),
    'frontend.protocol.https': native(),
    'frontend.tls.minimum-1.3': native('ELBSecurityPolicy-TLS13-1-3-2021-06'),
    'frontend.tls.sni-certificates': native('listener certificates'),
    'frontend.tls.mtls-verify': native('mutual authentication verify with a trust store'),
    'frontend.tls.mtls-passthrough': native('mutual authentication passthrough'),
    'frontend.redirect-http-to-https': native(),
    'frontend.idle-timeout': native('idle_timeout.timeout_seconds (one value per load balancer)'),
    'frontend.allowed-source-cidrs': native('security group ingress'),
    'frontend.rule-order.most-specific': native('priorities in the model\'s order'),
    'rule.match.host.exact': native('host-header'),
    'rule.match.host.wildcard': native('host-header *.domain'),
    'rule.match.path.exact': native('path-pattern without wildcards'),
    'rule.match.path.prefix': native("path-pattern '/p' and '/p/*'"),
    'rule.match.path.regex': native('path-pattern regexValues'),
    'rule.match.header.exact': native('http-header (case-insensitive, as lbkit)'),
    'rule.match.header.prefix': native("http-header 'value*'"),
    'rule.match.header.regex': native('http-header regexValues'),
    'rule.match.header.present': native("http-header '*'"),
    'rule.match.query.exact': native('query-string key=value (case-insensitive, as lbkit)'),
    'rule.match.query.present': native("query-string key='*'"),
    'rule.match.method': native('http-request-method'),
    'rule.match.source': native('source-ip'),
    'action.forward': native(),
    'action.weighted-forward': native('forward with weighted target groups'),
    'action.weighted-forward.stickiness': native('target group stickiness'),
    'action.redirect': native(),
    'action.redirect.status-301': native('HTTP_301'),
    'action.redirect.status-302': native('HTTP_302'),
    'action.redirect.status-303': nearest('HTTP_302 (ALB redirects only with 301 or 302)'),
    'action.redirect.status-307': nearest('HTTP_302 (clients may change the method to GET)'),
    'action.redirect.status-308': nearest('HTTP_301 (clients may change the method to GET)'),
    'action.fixed-response': native(),
    'pool.protocol.http': native(),
    'pool.protocol.https': native(),
    'pool.algorithm.round-robin': native('round_robin'),
    'pool.algorithm.weighted-round-robin': nearest('round_robin: ALB targets carry no weights, so member weights are ignored'),
    'pool.algorithm.least-connections': native('least_outstanding_requests (fewest in-flight requests)'),
    'pool.algorithm.ip-hash': unsupported('session persistence lb-cookie; ALB has no hashing algorithm'),
    'pool.algorithm.least-response-time': nearest('least_outstanding_requests: fewest in-flight requests, without a latency term'),
    'pool.algorithm.random': native('weighted_random without anomaly mitigation'),
    'pool.health.tcp': unsupported('an http health check: ALB target groups cannot probe TCP'),
    'pool.health.http': native(),
    'pool.health.https': native(),
    'pool.health.success-codes': native('matcher HttpCode'),
    'pool.health.healthy-threshold': native(),
    'pool.health.asymmetric-thresholds': native(),
    'pool.passive-health': unsupported('anomaly mitigation with weighted_random (automatic target weights, no thresholds)'),
    'pool.persistence.lb-cookie': native('stickiness lb_cookie'),
    'pool.persistence.app-cookie': native('stickiness app_cookie'),
    'pool.persistence.source-ip': unsupported('lb-cookie; ALB sticks by cookie only'),
    'pool.draining': native('deregistration_delay.timeout_seconds'),
    'pool.slow-start': native('slow_start.duration_seconds'),
    'pool.fail-open': native('ALB routes to all targets when none is healthy'),
    'pool.fail-closed': unsupported('fail-open: an ALB always fails open'),
    'rate-limit.client-ip': native('WAFv2 rate-based rule, aggregate key IP'),
    'rate-limit.header': native('WAFv2 rate-based rule, custom key header'),
    'rate-limit.rule-scope': native("WAFv2 scope-down statement: the rule's conditions and none of its frontend's earlier rules' (first match)"),
    'rate-limit.custom-status': native('WAFv2 block with a custom response code'),
    'rate-limit.frontend-subset': nearest('a web ACL on the whole ALB: WAF cannot tell listeners apart, so requests to the other L7 frontends count (and are blocked) too'),
    // Operations (issue 19): alarms and protection
    'alarm.5xx-count': native('CloudWatch alarm, metric math FILL(HTTPCode_ELB_5XX_Count) + FILL(HTTPCode_Target_5XX_Count) (Sum); with a pool, HTTPCode_Target_5XX_Count of its target group', ALB_METRICS),
    'alarm.5xx-ratio': native('CloudWatch metric-math alarm (HTTPCode_ELB_5XX_Count + HTTPCode_Target_5XX_Count) / RequestCount', ALB_METRICS),
    'alarm.latency': native('CloudWatch alarm on TargetResponseTime with the extended statistic pNN (threshold in seconds)', ALB_METRICS),
    'alarm.unhealthy-members': native('CloudWatch alarm on UnHealthyHostCount (TargetGroup, LoadBalancer; Maximum)', ALB_METRICS),
    'alarm.healthy-members': native('CloudWatch alarm on HealthyHostCount (TargetGroup, LoadBalancer; Minimum) below the threshold', ALB_METRICS),
    'alarm.rejected-connections': native('CloudWatch alarm on RejectedConnectionCount (Sum)', ALB_METRICS),
    'alarm.rate-limited': pending('a CloudWatch alarm on AWS/WAFV2 BlockedRequests of the web ACL (Sum)', WAF_METRICS),
    'protection.managed-rules': pending('WAF managed rule groups: AWSManagedRulesCommonRuleSet (baseline), plus AWSManagedRulesKnownBadInputsRuleSet and AWSManagedRulesSQLiRuleSet (strict); detect = override action count', WAF_MANAGED),
    'protection.ip-allow': pending('a WAF IP set and an IPSetReferenceStatement rule (not in the set: block 403)', WAF_IP_SET),
    'protection.ip-deny': pending('a WAF IP set and an IPSetReferenceStatement block rule (403)', WAF_IP_SET),
    'protection.geo': pending('a WAF GeoMatchStatement rule (block 403)', WAF_GEO),
    'protection.ddos-advanced': pending('AWS::Shield::Protection on the ALB ARN (needs a Shield Advanced subscription)', SHIELD),
  },
  ranges: {
    'healthCheck.intervalSeconds': '5-300', 'healthCheck.timeoutSeconds': '2-120', 'healthCheck thresholds': '2-10',
    'healthCheck.successCodes': '200-499', 'slowStartSeconds': '0 or 30-900', 'weights': '0-999, at most 5 pools',
    'rateLimits.limit': '>= 100', 'rateLimits.windowSeconds': '60, 120, 300, 600', 'idleTimeoutSeconds': '1-4000, one value for all frontends',
    'fixedResponse.statusCode': '2XX, 4XX or 5XX', 'redirect.scheme': 'no https -> http redirect', 'match.query[].exact': 'not empty',
    'match regexes': 'at most 122 characters (128 with anchors), visible ASCII',
  },
  checkRanges: (scope) => [
    ...healthRanges(scope, [200, 499]),
    ...scope.pools.flatMap((p) => compact([
      p.slowStartSeconds > 0 ? outside(`${p.path}.slowStartSeconds`, 'slowStartSeconds', p.slowStartSeconds, 30, 900, 's') : undefined,
      p.slowStartSeconds > 0 && p.algorithm === 'random'
        ? { path: `${p.path}.slowStartSeconds`, accepted: 'slow start without weighted_random', message: 'slow start cannot be combined with the random algorithm (weighted_random)' }
        : undefined,
    ])),
    ...scope.frontends.flatMap((f) => actionsAt(f)
      .flatMap(({ a, at }) => a.type !== 'weighted-forward' ? [] : compact([
        a.targets.length > 5 ? { path: `${at}.weightedForward.pools`, accepted: 'at most 5 pools', message: `${a.targets.length} pools in one weighted forward` } : undefined,
        ...a.targets.map((t, i) => outside(`${at}.weightedForward.pools[${i}].weight`, 'weight', t.weight, 0, 999)),
      ]))),
    ...distinctIdleTimeouts(scope),
    ...albActionRanges(scope),
    ...albRegexRanges(scope),
    ...scope.frontends.flatMap((f) => f.rules.flatMap((r) => r.match.query.flatMap((q, i) => (q.kind === 'exact' && q.value === ''
      ? [{ path: `${r.path}.match.query[${i}].exact`, accepted: 'non-empty query values (or present: true)', message: 'an ALB query-string condition cannot match an empty value' }]
      : [])))),
    ...scope.rateLimits.flatMap((r) => compact([
      outside(`${r.path}.limit`, 'limit', r.limit, 100, 2_000_000_000),
      notOneOf(`${r.path}.windowSeconds`, 'windowSeconds', r.windowSeconds, [60, 120, 300, 600], 's'),
    ])),
  ],
};

/** Fixed responses are 2XX, 4XX or 5XX on an ALB, and a redirect cannot go from https to http. */
function albActionRanges(scope: ModelScope): RangeViolation[] {
  return scope.frontends.flatMap((f) => actionsAt(f)
    .flatMap(({ a, at }) => compact([
      a.type === 'fixed-response' && a.statusCode >= 300 && a.statusCode < 400
        ? { path: `${at}.fixedResponse.statusCode`, accepted: 'fixed-response status 2XX, 4XX or 5XX', message: `fixed-response status ${a.statusCode} is a 3XX` }
        : undefined,
      a.type === 'redirect' && a.scheme === 'http' && f.protocol === 'https'
        ? { path: `${at}.redirect.scheme`, accepted: 'redirects http->http, http->https, https->https', message: 'an ALB cannot redirect from https to http' }
        : undefined,
    ])));
}

function distinctIdleTimeouts(scope: ModelScope): RangeViolation[] {
  const values = [...new Set(scope.frontends.map((f) => f.idleTimeoutSeconds))];
  if (values.length <= 1) return [];
  return [{ path: scope.frontends[0].path + '.idleTimeoutSeconds', accepted: 'one idle timeout for the whole load balancer', message: `frontends ask for different idle timeouts (${values.join(', ')} s)` }];
}

export const AWS_NLB: TargetColumn = {
  support: {
    ...l4HttpCells('aws-alb'),
    'lb.scheme.internal': native(),
    'lb.ip.dualstack': native('ipAddressType dualstack (not with udp listeners)'),
    'lb.deletion-protection': native(),
    'lb.access-logs': nearest('access logs record TLS listeners only'),
    'frontend.protocol.tcp': native(),
    'frontend.protocol.tls': native(),
    'frontend.protocol.udp': native(),
    'frontend.tls.minimum-1.3': native('ELBSecurityPolicy-TLS13-1-3-2021-06'),
    'frontend.tls.sni-certificates': native('listener certificates'),
    'frontend.tls.mtls-verify': unsupported('a tcp frontend passing TLS through to members that verify clients'),
    'frontend.tls.mtls-passthrough': unsupported('a tcp frontend passing TLS through to the members'),
    'frontend.idle-timeout': native('tcp.idle_timeout.seconds on tcp listeners'),
    'frontend.allowed-source-cidrs': native('security group ingress'),
    'action.forward': native(),
    'action.weighted-forward': unsupported('forward to one pool: weighted NLB target groups are not yet in CloudFormation and @pulumi/aws'),
    'pool.protocol.tcp': native(),
    'pool.protocol.tls': native(),
    'pool.protocol.udp': native(),
    'pool.algorithm.round-robin': nearest('flow hash: each connection is hashed on its 5-tuple'),
    'pool.algorithm.weighted-round-robin': unsupported('round-robin (flow hash); NLB targets carry no weights'),
    'pool.algorithm.least-connections': unsupported('round-robin (flow hash); NLB has no algorithm choice'),
    'pool.algorithm.ip-hash': nearest('source_ip stickiness: a client address sticks to a target (not consistent hashing)'),
    'pool.algorithm.least-response-time': unsupported('round-robin (flow hash); NLB has no algorithm choice'),
    'pool.algorithm.random': native('flow hash: each connection is hashed on its 5-tuple'),
    'pool.health.tcp': native(),
    'pool.health.http': native(),
    'pool.health.https': native(),
    'pool.health.success-codes': native('matcher HttpCode'),
    'pool.health.healthy-threshold': native(),
    'pool.health.asymmetric-thresholds': native(),
    'pool.passive-health': unsupported('active health checks only'),
    'pool.persistence.source-ip': native('stickiness source_ip'),
    'pool.draining': native('deregistration_delay.timeout_seconds'),
    'pool.slow-start': unsupported('none: slow start is ALB-only'),
    'pool.fail-open': native('NLB routes to all targets when none is healthy'),
    'pool.fail-closed': unsupported('fail-open: an NLB always fails open'),
    // Operations (issue 19): alarms and protection
    'alarm.5xx-count': unsupported('alarm.unhealthy-members: an NLB sees no HTTP answers', NLB_METRICS),
    'alarm.5xx-ratio': unsupported('alarm.unhealthy-members: an NLB sees no HTTP answers', NLB_METRICS),
    'alarm.latency': unsupported('alarm.unhealthy-members: AWS/NetworkELB has no response-time metric', NLB_METRICS),
    'alarm.unhealthy-members': native('CloudWatch alarm on AWS/NetworkELB UnHealthyHostCount (TargetGroup, LoadBalancer; Maximum)', NLB_METRICS),
    'alarm.healthy-members': native('CloudWatch alarm on AWS/NetworkELB HealthyHostCount (TargetGroup, LoadBalancer; Minimum) below the threshold', NLB_METRICS),
    'alarm.rejected-connections': unsupported('an alarm on TCP_ELB_Reset_Count (resets the NLB sends; NLB publishes no rejected-connection count)', NLB_METRICS),
    'alarm.rate-limited': unsupported('none: an NLB has no rate limits (WAF does not attach to NLBs)', NO_WAF_ON_NLB),
    'protection.managed-rules': unsupported('aws-alb: AWS WAF attaches to ALBs, not NLBs', NO_WAF_ON_NLB),
    'protection.ip-allow': unsupported('frontend.allowedSourceCidrs (the NLB security group admits only those sources; refused, not answered 403)', NO_WAF_ON_NLB),
    'protection.ip-deny': unsupported('frontend.allowedSourceCidrs listing what is allowed (security groups have no deny rules)', NO_WAF_ON_NLB),
    'protection.geo': unsupported('aws-alb with a WAF geo match', NO_WAF_ON_NLB),
    'protection.ddos-advanced': pending("AWS::Shield::Protection on the NLB's Elastic IP addresses (needs a Shield Advanced subscription)", SHIELD),
  },
  ranges: {
    'healthCheck.intervalSeconds': '5-300', 'healthCheck.timeoutSeconds': '2-120', 'healthCheck thresholds': '2-10',
    'healthCheck.successCodes': '200-599', 'idleTimeoutSeconds': '60-6000 (tcp and tls listeners; fixed on udp)',
  },
  checkRanges: (scope) => [
    ...healthRanges(scope, [200, 599]),
    ...scope.frontends.flatMap((f) => compact([
      f.protocol !== 'udp' ? outside(`${f.path}.idleTimeoutSeconds`, 'idleTimeoutSeconds', f.idleTimeoutSeconds, 60, 6000, 's') : undefined,
      // NLB's UDP flow timeout is fixed (120 s, not configurable): only the default passes unremarked.
      f.protocol === 'udp' && f.idleTimeoutSeconds !== 60
        ? { path: `${f.path}.idleTimeoutSeconds`, accepted: 'no idle timeout on udp frontends (NLB fixes it)', message: 'an NLB udp listener has a fixed idle timeout' }
        : undefined,
      f.protocol === 'udp' && scope.model.ipAddressType === 'dualstack'
        ? { path: `${f.path}.protocol`, accepted: 'udp listeners on ipv4 load balancers', message: 'udp listeners cannot be used with ipAddressType dualstack' }
        : undefined,
    ])),
  ],
};
