/** Native claims of aws-alb and aws-nlb, asserted on the AWS plan (what the CDK construct and the Pulumi component both render). */
import { buildModel } from '../../../lib/model/build';
import type { LoadBalancerSpec, RuleSpec } from '../../../lib/spec/schema';
import {
  planAws,
  targetGroupAttributeMap,
  type ActionPlan,
  type AwsPlan,
  type ListenerPlan,
  type LoadBalancerPlan,
  type TargetGroupPlan,
} from '../../../providers/aws/plan';
import { planAlarms, type AlarmPlan } from '../../../providers/aws/plan/alarms';
import type { AlarmSpec, ProtectionSpec } from '../../../lib/spec/schema';
import { forTarget, l4, l4Tls, l4Udp, l7, l7Https, l7HttpToHttps, l7MostSpecific, l7Rule, l7Weighted, type Claim, type Claims } from './claim';

export interface AwsCompiled {
  readonly plan: AwsPlan;
  /** The load balancer of the claim's target. */
  readonly lb: LoadBalancerPlan;
  readonly listener: ListenerPlan;
  readonly tg: (pool: string) => TargetGroupPlan;
}

export function compileAws(target: string, spec: LoadBalancerSpec): AwsCompiled {
  const plan = planAws(buildModel(spec));
  const lb = plan.loadBalancers.find((l) => l.target === target)!;
  return { plan, lb, listener: lb.listeners[0], tg: (pool) => plan.targetGroups.find((t) => t.pool === pool)! };
}

type C = Claim<AwsCompiled>;
const claim = (spec: LoadBalancerSpec, check: (c: AwsCompiled) => void): C => ({ spec, check });
const ruleConditions = (c: AwsCompiled) => c.listener.rules[0].conditions;
const ruleAction = (c: AwsCompiled): ActionPlan => c.listener.rules[0].action;
/** No attribute that would make a target group fail closed (ELB's target_group_health.unhealthy_state_routing.*). */
const failsOpen = (c: AwsCompiled, pool: string) =>
  expect(Object.keys(targetGroupAttributeMap(c.tg(pool).attributes)).filter((k) => k.startsWith('target_group_health'))).toEqual([]);

/** Rows both load balancers share, on a spec of either layer. */
function shared(base: (parts: Parameters<typeof l7>[0]) => LoadBalancerSpec, pool: string): Record<string, C> {
  return {
    'lb.scheme.internal': claim(base({ spec: { scheme: 'internal' } }), (c) => expect(c.lb.scheme).toBe('internal')),
    'lb.ip.dualstack': claim(base({ spec: { ipAddressType: 'dualstack' } }), (c) => expect(c.lb.ipAddressType).toBe('dualstack')),
    'lb.deletion-protection': claim(base({ spec: { deletionProtection: true } }), (c) => expect(c.lb.deletionProtection).toBe(true)),
    'frontend.allowed-source-cidrs': claim(base({ frontend: { allowedSourceCidrs: ['10.0.0.0/8'] } }), (c) => {
      expect(c.lb.securityGroup.ingress.map((r) => [r.cidr, r.port])).toEqual([['10.0.0.0/8', c.listener.port]]);
    }),
    'action.forward': claim(base({}), (c) => expect(c.listener.defaultAction).toEqual({ type: 'forward', pool })),
    'pool.health.http': claim(base({ pool: { healthCheck: { protocol: 'http', path: '/ready' } } }), (c) =>
      expect(c.tg(pool).healthCheck).toMatchObject({ protocol: 'HTTP', path: '/ready' }),
    ),
    'pool.health.https': claim(base({ pool: { healthCheck: { protocol: 'https', path: '/ready' } } }), (c) =>
      expect(c.tg(pool).healthCheck).toMatchObject({ protocol: 'HTTPS', path: '/ready' }),
    ),
    'pool.health.success-codes': claim(base({ pool: { healthCheck: { protocol: 'http', successCodes: '200-299,302' } } }), (c) =>
      expect(c.tg(pool).healthCheck.matcher).toBe('200-299,302'),
    ),
    'pool.health.healthy-threshold': claim(base({ pool: { healthCheck: { healthyThreshold: 4, unhealthyThreshold: 4 } } }), (c) =>
      expect(c.tg(pool).healthCheck.healthyThreshold).toBe(4),
    ),
    'pool.health.asymmetric-thresholds': claim(base({ pool: { healthCheck: { healthyThreshold: 2, unhealthyThreshold: 5 } } }), (c) => {
      expect(c.tg(pool).healthCheck).toMatchObject({ healthyThreshold: 2, unhealthyThreshold: 5 });
    }),
    'pool.draining': claim(base({ pool: { drainingSeconds: 45 } }), (c) => expect(c.tg(pool).attributes.deregistrationDelaySeconds).toBe(45)),
    // Written, so judged (the AWS columns set nativeDefaults); AWS fails open whatever the spec says.
    'pool.fail-open': claim(base({ pool: { whenAllUnhealthy: 'fail-open' } }), (c) => failsOpen(c, pool)),
  };
}

/** The one CloudWatch alarm a claim's spec plans. */
const alarm = (c: AwsCompiled): AlarmPlan => {
  const all = planAlarms(c.plan);
  expect(all).toHaveLength(1);
  return all[0];
};
const withAlarm = (a: Omit<AlarmSpec, 'name'>): LoadBalancerSpec => l7({ spec: { alarms: [{ name: 'a', ...a } as AlarmSpec] } });
const withProtection = (protection: ProtectionSpec, spec: Partial<LoadBalancerSpec> = {}): LoadBalancerSpec => l7({ spec: { protection, ...spec } });

const ALB: Record<string, C> = {
  ...shared(l7, 'app'),
  'lb.access-logs': claim(l7({ spec: { accessLogs: { prefix: 'logs/web' } } }), (c) => expect(c.lb.accessLogs).toEqual({ prefix: 'logs/web' })),
  'frontend.protocol.http': claim(l7(), (c) => expect(c.listener).toMatchObject({ protocol: 'HTTP', port: 80 })),
  'frontend.protocol.https': claim(l7Https(), (c) => expect(c.listener).toMatchObject({ protocol: 'HTTPS', port: 443, tls: { certificate: 'site' } })),
  'frontend.tls.minimum-1.3': claim(l7Https({ minimumVersion: '1.3' }), (c) => expect(c.listener.tls!.sslPolicy).toBe('ELBSecurityPolicy-TLS13-1-3-2021-06')),
  'frontend.tls.sni-certificates': claim(l7Https({ additionalCertificates: ['alt'] }), (c) => expect(c.listener.tls!.additionalCertificates).toEqual(['alt'])),
  'frontend.tls.mtls-verify': claim(l7Https({ clientCertificateTrust: { trustStore: 'ca' } }), (c) =>
    expect(c.listener.tls!.mutualAuthentication).toEqual({ mode: 'verify', trustStore: 'ca' }),
  ),
  'frontend.tls.mtls-passthrough': claim(l7Https({ clientCertificateTrust: { trustStore: 'ca', mode: 'passthrough' } }), (c) =>
    expect(c.listener.tls!.mutualAuthentication).toMatchObject({ mode: 'passthrough' }),
  ),
  'frontend.redirect-http-to-https': claim(l7HttpToHttps(), (c) =>
    expect(c.lb.listeners.find((l) => l.id === 'web')!.defaultAction).toMatchObject({
      type: 'redirect',
      protocol: 'HTTPS',
      port: '443',
      host: '#{host}',
      path: '/#{path}',
      query: '#{query}',
      statusCode: 'HTTP_301',
    }),
  ),
  'frontend.idle-timeout': claim(l7({ frontend: { idleTimeoutSeconds: 120 } }), (c) => expect(c.lb.idleTimeoutSeconds).toBe(120)),
  'frontend.rule-order.most-specific': claim(l7MostSpecific(), (c) =>
    expect(c.listener.rules.map((r) => [r.id, r.priority])).toEqual([
      ['long', 10],
      ['short', 20],
    ]),
  ),
  'rule.match.host.exact': claim(l7Rule({ hosts: ['api.example.com'] }), (c) =>
    expect(ruleConditions(c)).toEqual([{ field: 'host-header', hostHeaderConfig: { values: ['api.example.com'] } }]),
  ),
  'rule.match.host.wildcard': claim(l7Rule({ hosts: ['*.example.com'] }), (c) =>
    expect(ruleConditions(c)).toEqual([{ field: 'host-header', hostHeaderConfig: { values: ['*.example.com'] } }]),
  ),
  'rule.match.path.exact': claim(l7Rule({ paths: [{ exact: '/x' }] }), (c) =>
    expect(ruleConditions(c)).toEqual([{ field: 'path-pattern', pathPatternConfig: { values: ['/x'] } }]),
  ),
  'rule.match.path.prefix': claim(l7Rule({ paths: [{ prefix: '/api' }] }), (c) =>
    expect(ruleConditions(c)).toEqual([{ field: 'path-pattern', pathPatternConfig: { values: ['/api', '/api/*'] } }]),
  ),
  'rule.match.path.regex': claim(l7Rule({ paths: [{ regex: '/v[0-9]+' }] }), (c) =>
    expect(ruleConditions(c)).toEqual([{ field: 'path-pattern', pathPatternConfig: { regexValues: ['^(?:/v[0-9]+)$'] } }]),
  ),
  'rule.match.header.exact': claim(l7Rule({ headers: [{ name: 'X-Env', exact: 'Beta' }] }), (c) =>
    expect(ruleConditions(c)).toEqual([{ field: 'http-header', httpHeaderConfig: { httpHeaderName: 'x-env', values: ['Beta'] } }]),
  ),
  'rule.match.header.prefix': claim(l7Rule({ headers: [{ name: 'x-env', prefix: 'be' }] }), (c) =>
    expect(ruleConditions(c)).toEqual([{ field: 'http-header', httpHeaderConfig: { httpHeaderName: 'x-env', values: ['be*'] } }]),
  ),
  'rule.match.header.regex': claim(l7Rule({ headers: [{ name: 'x-id', regex: '[0-9]+' }] }), (c) =>
    expect(ruleConditions(c)).toEqual([{ field: 'http-header', httpHeaderConfig: { httpHeaderName: 'x-id', regexValues: ['^(?:[0-9]+)$'] } }]),
  ),
  'rule.match.header.present': claim(l7Rule({ headers: [{ name: 'x-canary', present: true }] }), (c) =>
    expect(ruleConditions(c)).toEqual([{ field: 'http-header', httpHeaderConfig: { httpHeaderName: 'x-canary', values: ['*'] } }]),
  ),
  'rule.match.query.exact': claim(l7Rule({ query: [{ name: 'v', exact: '2' }] }), (c) =>
    expect(ruleConditions(c)).toEqual([{ field: 'query-string', queryStringConfig: { values: [{ key: 'v', value: '2' }] } }]),
  ),
  'rule.match.query.present': claim(l7Rule({ query: [{ name: 'debug', present: true }] }), (c) =>
    expect(ruleConditions(c)).toEqual([{ field: 'query-string', queryStringConfig: { values: [{ key: 'debug', value: '*' }] } }]),
  ),
  'rule.match.method': claim(l7Rule({ methods: ['POST'] }), (c) =>
    expect(ruleConditions(c)).toEqual([{ field: 'http-request-method', httpRequestMethodConfig: { values: ['POST'] } }]),
  ),
  'rule.match.source': claim(l7Rule({ sourceCidrs: ['10.0.0.0/8'] }), (c) =>
    expect(ruleConditions(c)).toEqual([{ field: 'source-ip', sourceIpConfig: { values: ['10.0.0.0/8'] } }]),
  ),
  'action.weighted-forward': claim(l7Weighted(), (c) => {
    expect(ruleAction(c)).toEqual({
      type: 'weighted-forward',
      targetGroups: [
        { pool: 'app', weight: 3 },
        { pool: 'other', weight: 1 },
      ],
    });
  }),
  'action.weighted-forward.stickiness': claim(
    l7Rule(undefined, {
      weightedForward: {
        pools: [
          { pool: 'app', weight: 1 },
          { pool: 'other', weight: 1 },
        ],
        stickinessSeconds: 600,
      },
    }),
    (c) => {
      expect(ruleAction(c)).toMatchObject({ type: 'weighted-forward', stickinessSeconds: 600 });
    },
  ),
  'action.redirect': claim(l7Rule(undefined, { redirect: { host: 'www.example.com', path: '/new' } }), (c) => {
    expect(ruleAction(c)).toEqual({
      type: 'redirect',
      protocol: '#{protocol}',
      host: 'www.example.com',
      port: '#{port}',
      path: '/new',
      query: '#{query}',
      statusCode: 'HTTP_301',
    });
  }),
  'action.redirect.status-301': claim(l7Rule(undefined, { redirect: { path: '/new', statusCode: 301 } }), (c) =>
    expect(ruleAction(c)).toMatchObject({ statusCode: 'HTTP_301' }),
  ),
  'action.redirect.status-302': claim(l7Rule(undefined, { redirect: { path: '/new', statusCode: 302 } }), (c) =>
    expect(ruleAction(c)).toMatchObject({ statusCode: 'HTTP_302' }),
  ),
  'action.fixed-response': claim(l7Rule(undefined, { fixedResponse: { statusCode: 404, contentType: 'application/json', body: '{}' } }), (c) => {
    expect(ruleAction(c)).toEqual({ type: 'fixed-response', statusCode: '404', contentType: 'application/json', messageBody: '{}' });
  }),
  'pool.protocol.http': claim(l7(), (c) => expect(c.tg('app')).toMatchObject({ protocol: 'HTTP', port: 8080, loadBalancer: 'application' })),
  'pool.protocol.https': claim(l7({ pool: { protocol: 'https' } }), (c) => expect(c.tg('app').protocol).toBe('HTTPS')),
  'pool.algorithm.round-robin': claim(l7({ pool: { algorithm: 'round-robin' } }), (c) => expect(c.tg('app').attributes.algorithm).toBe('round_robin')),
  'pool.algorithm.least-connections': claim(l7({ pool: { algorithm: 'least-connections' } }), (c) =>
    expect(c.tg('app').attributes.algorithm).toBe('least_outstanding_requests'),
  ),
  'pool.algorithm.random': claim(l7({ pool: { algorithm: 'random' } }), (c) =>
    expect(c.tg('app').attributes).toMatchObject({ algorithm: 'weighted_random', anomalyMitigation: 'off' }),
  ),
  'pool.persistence.lb-cookie': claim(l7({ pool: { sessionPersistence: { type: 'lb-cookie', durationSeconds: 600 } } }), (c) => {
    expect(c.tg('app').attributes.stickiness).toEqual({ enabled: true, type: 'lb_cookie', durationSeconds: 600 });
  }),
  'pool.persistence.app-cookie': claim(l7({ pool: { sessionPersistence: { type: 'app-cookie', cookieName: 'SESSION', durationSeconds: 600 } } }), (c) => {
    expect(c.tg('app').attributes.stickiness).toEqual({ enabled: true, type: 'app_cookie', durationSeconds: 600, cookieName: 'SESSION' });
  }),
  'pool.slow-start': claim(l7({ pool: { slowStartSeconds: 60 } }), (c) => expect(c.tg('app').attributes.slowStartSeconds).toBe(60)),
  // rate-limit.client-ip and rate-limit.header are nearest (WAF estimates the rate): test/aws/plan.test.ts holds them.
  'rate-limit.rule-scope': claim(
    l7Rule(
      { paths: [{ prefix: '/api' }] },
      { forward: { pool: 'other' } },
      { spec: { rateLimits: [{ name: 'api', limit: 100, windowSeconds: 60, scope: { rules: ['web/r'] } }], allowNearest: ['rate-limit.client-ip'] } },
    ),
    (c) => expect(c.plan.webAcl!.rules[0].scopeDown).toBeDefined(),
  ),
  'rate-limit.custom-status': claim(
    l7({ spec: { rateLimits: [{ name: 'per-ip', limit: 100, windowSeconds: 60, responseStatus: 503 }], allowNearest: ['rate-limit.client-ip'] } }),
    (c) => expect(c.plan.webAcl!.rules[0].responseCode).toBe(503),
  ),
  // HTTP/2 and gRPC (issue 20). A grpc pool's default probe is gRPC, nearest on ALB: accepted here.
  'frontend.http2.alpn': claim(l7Https({}, { frontend: { http2: true } }), (c) => expect(c.lb.http2Enabled).toBe(true)),
  'frontend.http2.off': claim(l7Https({}, { frontend: { http2: false } }), (c) => expect(c.lb.http2Enabled).toBe(false)),
  // A written health check: the gRPC probe (Health/Check, GrpcCode 0); none written keeps ALB's own gRPC probe.
  'pool.protocol.grpc': claim(
    l7Https({}, { frontend: { http2: true }, pool: { protocol: 'grpc', healthCheck: { intervalSeconds: 10 } }, spec: { allowNearest: ['pool.health.grpc'] } }),
    (c) =>
      expect(c.tg('app')).toMatchObject({
        protocol: 'HTTP',
        protocolVersion: 'GRPC',
        healthCheck: { protocol: 'HTTP', path: '/grpc.health.v1.Health/Check', grpcMatcher: '0' },
      }),
  ),
  'pool.protocol.grpcs': claim(l7Https({}, { frontend: { http2: true }, pool: { protocol: 'grpcs' }, spec: { allowNearest: ['pool.health.grpc'] } }), (c) =>
    expect(c.tg('app')).toMatchObject({ protocol: 'HTTPS', protocolVersion: 'GRPC', healthCheck: { protocol: 'HTTPS' } }),
  ),
  'pool.http2': claim(l7({ pool: { http2: true } }), (c) => expect(c.tg('app')).toMatchObject({ protocol: 'HTTP', protocolVersion: 'HTTP2' })),
  'pool.health.grpc-status-codes': claim(
    l7Https(
      {},
      { frontend: { http2: true }, pool: { protocol: 'grpc', healthCheck: { grpcStatusCodes: '0,12' } }, spec: { allowNearest: ['pool.health.grpc'] } },
    ),
    (c) => expect(c.tg('app').healthCheck.grpcMatcher).toBe('0,12'),
  ),
  'rule.match.grpc': claim(l7Rule({ grpc: [{ service: 'shop.v1.Cart', method: 'Get' }, { service: 'shop.v1.Stock' }] }), (c) => {
    expect(ruleConditions(c)).toEqual([{ field: 'path-pattern', pathPatternConfig: { values: ['/shop.v1.Cart/Get', '/shop.v1.Stock', '/shop.v1.Stock/*'] } }]);
  }),
  // Operations (issue 19): CloudWatch alarms (providers/aws/plan/alarms.ts)
  'alarm.5xx-count': claim(withAlarm({ metric: '5xx-count', threshold: 10 }), (c) =>
    expect(alarm(c)).toMatchObject({
      expression: 'FILL(m1, 0) + FILL(m2, 0)',
      metrics: [
        { metricName: 'HTTPCode_ELB_5XX_Count', stat: 'Sum' },
        { metricName: 'HTTPCode_Target_5XX_Count', stat: 'Sum' },
      ],
      threshold: 10,
    }),
  ),
  'alarm.5xx-ratio': claim(withAlarm({ metric: '5xx-ratio', threshold: 0.05 }), (c) =>
    expect(alarm(c)).toMatchObject({
      expression: '(FILL(m1, 0) + FILL(m2, 0)) / m3',
      metrics: [{ metricName: 'HTTPCode_ELB_5XX_Count' }, { metricName: 'HTTPCode_Target_5XX_Count' }, { metricName: 'RequestCount' }],
    }),
  ),
  'alarm.latency': claim(withAlarm({ metric: 'latency', percentile: 99, threshold: 800 }), (c) =>
    expect(alarm(c)).toMatchObject({ metrics: [{ namespace: 'AWS/ApplicationELB', metricName: 'TargetResponseTime', stat: 'p99' }], threshold: 0.8 }),
  ),
  'alarm.unhealthy-members': claim(withAlarm({ metric: 'unhealthy-members', pool: 'app', threshold: 0 }), (c) =>
    expect(alarm(c)).toMatchObject({ metrics: [{ metricName: 'UnHealthyHostCount', stat: 'Maximum', pool: 'app' }] }),
  ),
  'alarm.healthy-members': claim(withAlarm({ metric: 'healthy-members', pool: 'app', threshold: 1 }), (c) =>
    expect(alarm(c)).toMatchObject({ metrics: [{ metricName: 'HealthyHostCount', stat: 'Minimum', pool: 'app' }], comparisonOperator: 'LessThanThreshold' }),
  ),
  'alarm.rejected-connections': claim(withAlarm({ metric: 'rejected-connections', threshold: 0 }), (c) =>
    expect(alarm(c)).toMatchObject({ metrics: [{ metricName: 'RejectedConnectionCount', stat: 'Sum' }] }),
  ),
  // Operations (issue 19): protection in the web ACL (providers/aws/plan/waf-protection.ts), Shield (plan/shield.ts)
  'alarm.rate-limited': claim(withProtection({ ipDeny: ['203.0.113.0/24'] }, { alarms: [{ name: 'a', metric: 'rate-limited', threshold: 10 }] }), (c) =>
    expect(alarm(c)).toMatchObject({
      metrics: [{ namespace: 'AWS/WAFV2', metricName: 'BlockedRequests', stat: 'Sum', waf: { webAcl: c.plan.webAcl!.metricName, rule: 'ALL' } }],
    }),
  ),
  'protection.managed-rules': claim(withProtection({ managedRules: { level: 'strict', mode: 'detect' } }), (c) =>
    expect(c.plan.webAcl!.protection.map((r) => [r.statement, r.action])).toEqual(
      ['AWSManagedRulesCommonRuleSet', 'AWSManagedRulesKnownBadInputsRuleSet', 'AWSManagedRulesSQLiRuleSet'].map((name) => [
        { managedRuleGroupStatement: { vendorName: 'AWS', name } },
        { type: 'managed', override: 'count' },
      ]),
    ),
  ),
  'protection.ip-allow': claim(withProtection({ ipAllow: ['198.51.100.0/24'] }), (c) => {
    expect(c.plan.webAcl!.protection[0]).toMatchObject({
      statement: { notStatement: { statement: { ipSetReferenceStatement: { ipSet: 'protection_allow-v4' } } } },
      action: { type: 'block' },
    });
    expect(c.plan.webAcl!.ipSets).toEqual([{ id: 'protection_allow-v4', ipAddressVersion: 'IPV4', addresses: ['198.51.100.0/24'] }]);
  }),
  'protection.ip-deny': claim(withProtection({ ipDeny: ['203.0.113.0/24'] }), (c) =>
    expect(c.plan.webAcl!.protection[0]).toMatchObject({
      priority: 0,
      statement: { ipSetReferenceStatement: { ipSet: 'protection_deny-v4' } },
      action: { type: 'block' },
    }),
  ),
  'protection.geo': claim(withProtection({ geo: { allow: ['DE', 'FR'] } }), (c) =>
    expect(c.plan.webAcl!.protection[0].statement).toEqual({ notStatement: { statement: { geoMatchStatement: { countryCodes: ['DE', 'FR'] } } } }),
  ),
  'protection.ddos-advanced': claim(withProtection({ ddos: 'advanced' }), (c) =>
    expect(c.plan.shield).toEqual([{ loadBalancer: 'Alb', name: 'lbkit-claim-alb', path: 'protection.ddos' }]),
  ),
};

const NLB: Record<string, C> = {
  ...shared(l4, 'db'),
  'frontend.protocol.tcp': claim(l4(), (c) => expect(c.listener).toMatchObject({ protocol: 'TCP', port: 5432 })),
  'frontend.protocol.tls': claim(l4Tls(), (c) => expect(c.listener).toMatchObject({ protocol: 'TLS', tls: { certificate: 'site', alpnPolicy: 'None' } })),
  'frontend.protocol.udp': claim(l4Udp(), (c) => expect(c.listener).toMatchObject({ protocol: 'UDP', port: 53 })),
  'frontend.tls.minimum-1.3': claim(l4Tls({ minimumVersion: '1.3' }), (c) => expect(c.listener.tls!.sslPolicy).toBe('ELBSecurityPolicy-TLS13-1-3-2021-06')),
  'frontend.tls.sni-certificates': claim(l4Tls({ additionalCertificates: ['alt'] }), (c) => expect(c.listener.tls!.additionalCertificates).toEqual(['alt'])),
  'frontend.idle-timeout': claim(l4({ frontend: { idleTimeoutSeconds: 120 } }), (c) => expect(c.listener.tcpIdleTimeoutSeconds).toBe(120)),
  'pool.protocol.tcp': claim(l4(), (c) => expect(c.tg('db')).toMatchObject({ protocol: 'TCP', loadBalancer: 'network' })),
  'pool.protocol.tls': claim(l4Tls({}, { pool: { protocol: 'tls' } }), (c) => expect(c.tg('db').protocol).toBe('TLS')),
  'pool.protocol.udp': claim(l4Udp(), (c) => expect(c.tg('dns').protocol).toBe('UDP')),
  // An NLB target group has no algorithm attribute: it always hashes flows.
  'pool.algorithm.random': claim(l4({ pool: { algorithm: 'random' } }), (c) => {
    expect(c.tg('db').loadBalancer).toBe('network');
    expect(Object.keys(targetGroupAttributeMap(c.tg('db').attributes)).filter((k) => k.startsWith('load_balancing.algorithm'))).toEqual([]);
  }),
  'pool.health.tcp': claim(l4({ pool: { healthCheck: { protocol: 'tcp' } } }), (c) =>
    expect(c.tg('db').healthCheck).toMatchObject({ protocol: 'TCP', port: 'traffic-port' }),
  ),
  'action.weighted-forward': claim(
    l4({
      frontend: {
        defaultAction: {
          weightedForward: {
            pools: [
              { pool: 'db', weight: 3 },
              { pool: 'db2', weight: 1 },
            ],
          },
        },
      },
      spec: {
        pools: [
          { name: 'db', protocol: 'tcp', port: 5432 },
          { name: 'db2', protocol: 'tcp', port: 5432 },
        ],
      },
    }),
    (c) =>
      expect(c.listener.defaultAction).toEqual({
        type: 'weighted-forward',
        targetGroups: [
          { pool: 'db', weight: 3 },
          { pool: 'db2', weight: 1 },
        ],
      }),
  ),
  'pool.persistence.source-ip': claim(l4({ pool: { sessionPersistence: { type: 'source-ip' } } }), (c) =>
    expect(c.tg('db').attributes.stickiness).toMatchObject({ enabled: true, type: 'source_ip' }),
  ),
  // Operations (issue 19): CloudWatch alarms (providers/aws/plan/alarms.ts)
  'alarm.unhealthy-members': claim(l4({ spec: { alarms: [{ name: 'a', metric: 'unhealthy-members', pool: 'db', threshold: 0 }] } }), (c) =>
    expect(alarm(c)).toMatchObject({
      loadBalancer: 'Nlb',
      metrics: [{ namespace: 'AWS/NetworkELB', metricName: 'UnHealthyHostCount', stat: 'Maximum', pool: 'db' }],
      comparisonOperator: 'GreaterThanThreshold',
    }),
  ),
  'alarm.healthy-members': claim(l4({ spec: { alarms: [{ name: 'a', metric: 'healthy-members', pool: 'db', threshold: 1 }] } }), (c) =>
    expect(alarm(c)).toMatchObject({
      metrics: [{ namespace: 'AWS/NetworkELB', metricName: 'HealthyHostCount', stat: 'Minimum' }],
      comparisonOperator: 'LessThanThreshold',
      threshold: 1,
    }),
  ),
};

/** Issue 16 URL rewrites: ListenerRule Transforms (plan/transforms.ts; test/aws/transforms.test.ts runs the regexes). */
const rewriting = (rewrite: NonNullable<RuleSpec['rewrite']>): LoadBalancerSpec =>
  l7({ frontend: { rules: [{ name: 'r', match: { paths: [{ prefix: '/api' }] }, action: { forward: { pool: 'other' } }, rewrite }] } });
const ALB_TRANSFORMS: Record<string, C> = {
  'rule.filter.rewrite-host': claim(rewriting({ host: 'Internal.example.com' }), (c) =>
    expect(c.listener.rules[0].transforms).toEqual([{ type: 'host-header-rewrite', regex: '^.*$', replace: 'internal.example.com' }]),
  ),
  'rule.filter.rewrite-path-full': claim(rewriting({ path: { full: '/index.html' } }), (c) =>
    expect(c.listener.rules[0].transforms).toEqual([{ type: 'url-rewrite', regex: '^[^?]*(\\?.*)?$', replace: '/index.html$1' }]),
  ),
  'rule.filter.rewrite-path-prefix': claim(rewriting({ path: { prefix: '/v2' } }), (c) =>
    expect(c.listener.rules[0].transforms).toEqual([{ type: 'url-rewrite', regex: '^(/api)(/([^?]*))?(\\?.*)?$', replace: '/v2$2$4' }]),
  ),
};

export const AWS_CLAIMS: Claims<AwsCompiled> = { ...forTarget('aws-alb', { ...ALB, ...ALB_TRANSFORMS }), ...forTarget('aws-nlb', NLB) };
