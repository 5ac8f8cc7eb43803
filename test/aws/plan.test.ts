/**
 * The AWS plan, row by row of the mapping: what each spec feature compiles to, the limits AWS enforces and the
 * capability errors. No CDK synthesis here: these run in milliseconds.
 */
import { RegionInfo } from 'aws-cdk-lib/region-info';
import { CapabilityError } from '../../lib/errors';
import { describeTarget } from '../../providers';
import { buildModel, loadModel } from '../../lib/model/build';
import type { LoadBalancerSpec } from '../../lib/spec/schema';
import {
  AwsPlanError,
  ELB_LOG_ACCOUNTS,
  accessLogsBucketPolicy,
  planAws,
  targetGroupAttributeMap,
  type ActionPlan,
  type AwsPlan,
  type ConditionPlan,
  type ListenerPlan,
  type ListenerRulePlan,
} from '../../providers/aws/plan';
import { KITCHEN_SINK, PROTECTED, httpSpec } from './fixtures';
import { weighted } from '../support/specs';

const plan = (spec: LoadBalancerSpec, options = {}) => planAws(buildModel(spec), options);
const listener = (p: AwsPlan, id: string): ListenerPlan => p.loadBalancers.flatMap((l) => l.listeners).find((l) => l.id === id)!;
const rules = (p: AwsPlan, frontend = 'http'): ListenerRulePlan[] => [...listener(p, frontend).rules];
const conditionsOf = (spec: LoadBalancerSpec): ConditionPlan[][] => rules(plan(spec)).map((r) => [...r.conditions]);
const oneRule = (match: object, frontend: Partial<{ port: number; protocol: 'http' | 'https' }> = {}) => {
  const spec = httpSpec({ rules: [{ name: 'r', match, action: { forward: { pool: 'api' } } }] });
  if (frontend.port) (spec.frontends[0] as { port: number }).port = frontend.port;
  return conditionsOf(spec);
};
const errorOf = (fn: () => unknown): Error => {
  try {
    fn();
  } catch (e) {
    return e as Error;
  }
  throw new Error('expected an error');
};

describe('load balancers', () => {
  test('L7 frontends compile to an ALB, L4 frontends to an NLB, a mixed spec to both', () => {
    const p = plan(KITCHEN_SINK);
    expect(p.loadBalancers.map((l) => [l.id, l.kind, l.listeners.map((x) => `${x.protocol}:${x.port}`)])).toEqual([
      ['Alb', 'application', ['HTTPS:8443', 'HTTP:80']],
      ['Nlb', 'network', ['TLS:5433', 'UDP:53']],
    ]);
    expect(p.targetGroups.map((t) => [t.pool, t.loadBalancer])).toEqual([
      ['web', 'application'],
      ['api', 'application'],
      ['api-v2', 'application'],
      ['db', 'network'],
      ['dns', 'network'],
    ]);
  });

  test('scheme, written deletion protection and idle timeout, invalid headers, cross-zone and access logs are explicit', () => {
    const [alb, nlb] = plan(KITCHEN_SINK).loadBalancers;
    expect(alb).toMatchObject({
      scheme: 'internal',
      ipAddressType: 'ipv4',
      deletionProtection: true,
      idleTimeoutSeconds: 120,
      dropInvalidHeaderFields: true,
    });
    // No frontend writes http2: the ALB keeps AWS's own routing.http2.enabled (true).
    expect(alb.http2Enabled).toBeUndefined();
    expect(alb.crossZoneEnabled).toBeUndefined();
    expect(nlb).toMatchObject({ scheme: 'internal', deletionProtection: true, crossZoneEnabled: true });
    expect(nlb.idleTimeoutSeconds).toBeUndefined();
    const web = plan(httpSpec({ scheme: 'external', ipAddressType: 'dualstack', accessLogs: { prefix: 'logs/web' } })).loadBalancers[0];
    expect(web).toMatchObject({ scheme: 'internet-facing', ipAddressType: 'dualstack', accessLogs: { prefix: 'logs/web' } });
    // Left out: AWS's own defaults (deletion protection off, idle timeout 60 s, HTTP/2 on).
    expect([web.deletionProtection, web.idleTimeoutSeconds, web.http2Enabled]).toEqual([undefined, undefined, undefined]);
  });

  test('security groups open the frontend ports to the allowed sources and reach only pool and probe ports', () => {
    const [alb, nlb] = plan(KITCHEN_SINK, { targetCidrs: ['10.0.0.0/16'] }).loadBalancers;
    const summary = (rs: readonly { protocol: string; port: number; cidr: string }[]) => rs.map((r) => `${r.protocol}/${r.port} ${r.cidr}`);
    expect(summary(alb.securityGroup.ingress)).toEqual(['tcp/8443 10.0.0.0/8', 'tcp/8443 2001:db8::/32', 'tcp/80 0.0.0.0/0']);
    expect(alb.securityGroup.ingress[1].ipVersion).toBe(6);
    expect(summary(alb.securityGroup.egress)).toEqual(['tcp/8080 10.0.0.0/16', 'tcp/8081 10.0.0.0/16', 'tcp/9000 10.0.0.0/16', 'tcp/9443 10.0.0.0/16']);
    expect(summary(nlb.securityGroup.ingress)).toEqual(['tcp/5433 0.0.0.0/0', 'udp/53 0.0.0.0/0']);
    expect(summary(nlb.securityGroup.egress)).toEqual(['tcp/5432 10.0.0.0/16', 'tcp/8053 10.0.0.0/16', 'udp/53 10.0.0.0/16']);
    // dualstack and no allowedSourceCidrs: everyone over both IP versions.
    const dual = plan(httpSpec({ ipAddressType: 'dualstack' })).loadBalancers[0];
    expect(summary(dual.securityGroup.ingress)).toEqual(['tcp/80 0.0.0.0/0', 'tcp/80 ::/0']);
    expect(summary(dual.securityGroup.egress)).toEqual(['tcp/8080 0.0.0.0/0']);
  });
});

describe('listeners', () => {
  test('HTTPS: certificate, extra certificates, SSL policy from the minimum TLS version, mTLS verify', () => {
    expect(listener(plan(KITCHEN_SINK), 'https').tls).toEqual({
      certificate: 'main',
      additionalCertificates: ['alt'],
      sslPolicy: 'ELBSecurityPolicy-TLS13-1-3-2021-06',
      mutualAuthentication: { mode: 'verify', trustStore: 'clients' },
    });
    const tls12 = httpSpec({ certificates: [{ name: 'c' }] });
    tls12.frontends[0] = {
      ...tls12.frontends[0],
      protocol: 'https',
      port: 443,
      tls: { certificate: 'c', clientCertificateTrust: { trustStore: 't', mode: 'passthrough' } },
    };
    tls12.trustStores = [{ name: 't' }];
    expect(listener(plan(tls12), 'http').tls).toEqual({
      certificate: 'c',
      additionalCertificates: [],
      sslPolicy: 'ELBSecurityPolicy-TLS13-1-2-2021-06',
      mutualAuthentication: { mode: 'passthrough', trustStore: 't' },
    });
  });

  test('HTTP to HTTPS redirect: every request, to the https port, with the status asked for', () => {
    const http = listener(plan(KITCHEN_SINK), 'http');
    expect(http.rules).toEqual([]);
    expect(http.defaultAction).toEqual({
      type: 'redirect',
      protocol: 'HTTPS',
      host: '#{host}',
      port: '8443',
      path: '/#{path}',
      query: '#{query}',
      statusCode: 'HTTP_302',
    });
  });

  test('NLB: TLS with policy, ALPN None, extra certificates and its fixed idle timeout; UDP without idle timeout', () => {
    const p = plan(KITCHEN_SINK);
    expect(listener(p, 'tls')).toMatchObject({
      protocol: 'TLS',
      port: 5433,
      defaultAction: { type: 'forward', pool: 'db' },
      tls: { certificate: 'edge', additionalCertificates: ['alt'], sslPolicy: 'ELBSecurityPolicy-TLS13-1-2-2021-06', alpnPolicy: 'None' },
    });
    expect(listener(p, 'tls').tcpIdleTimeoutSeconds).toBeUndefined();
    const udp = listener(p, 'dns');
    expect(udp).toMatchObject({ protocol: 'UDP', port: 53, defaultAction: { type: 'forward', pool: 'dns' } });
    expect(udp.tcpIdleTimeoutSeconds).toBeUndefined();
    expect(udp.tls).toBeUndefined();
  });
});

describe('conditions', () => {
  /** The one ALB http-header condition a header match compiles to. */
  const header = (httpHeaderName: string, config: { values: string[] } | { regexValues: string[] }) => [
    { field: 'http-header', httpHeaderConfig: { httpHeaderName, ...config } },
  ];

  test.each([
    ['exact host', { hosts: ['API.example.com'] }, [{ field: 'host-header', hostHeaderConfig: { values: ['api.example.com'] } }]],
    ['wildcard host', { hosts: ['*.example.com'] }, [{ field: 'host-header', hostHeaderConfig: { values: ['*.example.com'] } }]],
    [
      'host without a dot',
      { hosts: ['localhost'] },
      [{ field: 'host-header', hostHeaderConfig: { regexValues: ['^[lL][oO][cC][aA][lL][hH][oO][sS][tT](?::[0-9]+)?$'] } }],
    ],
    ['exact path', { paths: [{ exact: '/home.html' }] }, [{ field: 'path-pattern', pathPatternConfig: { values: ['/home.html'] } }]],
    ['segment prefix', { paths: [{ prefix: '/api/' }] }, [{ field: 'path-pattern', pathPatternConfig: { values: ['/api', '/api/*'] } }]],
    ['root prefix', { paths: [{ prefix: '/' }] }, [{ field: 'path-pattern', pathPatternConfig: { values: ['/*'] } }]],
    ['regex path', { paths: [{ regex: '/v[0-9]+' }] }, [{ field: 'path-pattern', pathPatternConfig: { regexValues: ['^(?:/v[0-9]+)$'] } }]],
    [
      'literal a path value cannot hold',
      { paths: [{ prefix: '/a*b' }, { exact: '/x' }] },
      [{ field: 'path-pattern', pathPatternConfig: { regexValues: ['^/a\\*b(?:/.*)?$', '^/x$'] } }],
    ],
    ['header exact', { headers: [{ name: 'X-Env', exact: 'Beta' }] }, header('x-env', { values: ['Beta'] })],
    ['header prefix', { headers: [{ name: 'x-env', prefix: 'be' }] }, header('x-env', { values: ['be*'] })],
    ['header present', { headers: [{ name: 'x-env', present: true }] }, header('x-env', { values: ['*'] })],
    ['header regex', { headers: [{ name: 'x-env', regex: 'b.+' }] }, header('x-env', { regexValues: ['^(?:b.+)$'] })],
    ['header literal with a wildcard character', { headers: [{ name: 'x-q', exact: 'a?' }] }, header('x-q', { regexValues: ['^[aA]\\?$'] })],
    ['empty header value', { headers: [{ name: 'x-q', exact: '' }] }, header('x-q', { regexValues: ['^$'] })],
    [
      'query exact and present, each its own condition',
      {
        query: [
          { name: 'v', exact: '2*' },
          { name: 'debug', present: true },
        ],
      },
      [
        { field: 'query-string', queryStringConfig: { values: [{ key: 'v', value: '2\\*' }] } },
        { field: 'query-string', queryStringConfig: { values: [{ key: 'debug', value: '*' }] } },
      ],
    ],
    ['methods', { methods: ['GET', 'HEAD'] }, [{ field: 'http-request-method', httpRequestMethodConfig: { values: ['GET', 'HEAD'] } }]],
    [
      'source addresses',
      { sourceCidrs: ['10.0.0.0/8', '2001:db8::/32'] },
      [{ field: 'source-ip', sourceIpConfig: { values: ['10.0.0.0/8', '2001:db8::/32'] } }],
    ],
  ])('%s', (_, match, expected) => {
    expect(oneRule(match)).toEqual([expected]);
  });

  test('on a frontend port other than the protocol default, hosts compile to regexes that accept the port', () => {
    expect(oneRule({ hosts: ['api.example.com', '*.svc.example.com'] }, { port: 8080 })).toEqual([
      [
        {
          field: 'host-header',
          hostHeaderConfig: {
            regexValues: [
              '^[aA][pP][iI]\\.[eE][xX][aA][mM][pP][lL][eE]\\.[cC][oO][mM](?::[0-9]+)?$',
              '^[^:]+\\.[sS][vV][cC]\\.[eE][xX][aA][mM][pP][lL][eE]\\.[cC][oO][mM](?::[0-9]+)?$',
            ],
          },
        },
      ],
    ]);
  });

  test('all conditions of a rule go into one ALB rule when they fit', () => {
    expect(oneRule({ hosts: ['a.example.com'], paths: [{ prefix: '/v1' }], methods: ['GET'], headers: [{ name: 'x', present: true }] })).toEqual([
      [
        { field: 'host-header', hostHeaderConfig: { values: ['a.example.com'] } },
        { field: 'path-pattern', pathPatternConfig: { values: ['/v1', '/v1/*'] } },
        { field: 'http-request-method', httpRequestMethodConfig: { values: ['GET'] } },
        { field: 'http-header', httpHeaderConfig: { httpHeaderName: 'x', values: ['*'] } },
      ],
    ]);
  });

  test('alternatives beyond 3 per condition or 5 per rule split the rule into adjacent parts, same action', () => {
    const p = plan(
      httpSpec({
        rules: [
          { name: 'first', match: { paths: [{ exact: '/first' }] }, action: { forward: { pool: 'web' } } },
          { name: 'static', match: { paths: [{ prefix: '/static' }, { prefix: '/assets' }] }, action: { forward: { pool: 'api' } } },
          { name: 'last', match: { methods: ['POST'] }, action: { forward: { pool: 'web' } } },
        ],
      }),
    );
    expect(
      rules(p).map((r) => [r.id, r.priority, r.conditions.map((c) => (c as { pathPatternConfig?: { values: string[] } }).pathPatternConfig?.values)]),
    ).toEqual([
      ['first', 10, [['/first']]],
      ['static', 20, [['/static', '/static/*']]],
      ['static.2', 21, [['/assets', '/assets/*']]],
      ['last', 30, [undefined]],
    ]);
    expect(rules(p)[1].action).toEqual(rules(p)[2].action);
    const many = rules(plan(KITCHEN_SINK), 'https').filter((r) => r.ruleId === 'many');
    expect(many.map((r) => r.priority)).toEqual([50, 51, 52, 53, 54, 55]);
    for (const r of many) {
      const values = r.conditions.flatMap((c) =>
        'pathPatternConfig' in c ? c.pathPatternConfig.values! : 'httpRequestMethodConfig' in c ? c.httpRequestMethodConfig.values : [],
      );
      expect(values.length).toBeLessThanOrEqual(5);
    }
    // Every path and method pair is still covered by exactly one part.
    const covered = many.flatMap((r) => {
      const paths = (r.conditions[0] as Extract<ConditionPlan, { field: 'path-pattern' }>).pathPatternConfig.values!;
      const methods = (r.conditions[1] as Extract<ConditionPlan, { field: 'http-request-method' }>).httpRequestMethodConfig.values;
      return paths.flatMap((p) => methods.map((m) => `${m} ${p}`));
    });
    expect(new Set(covered).size).toBe(6 * 4);
    expect(covered.length).toBe(6 * 4);
  });

  test('a rule that cannot fit ALB limits is an error naming the rule', () => {
    const headers = Array.from({ length: 6 }, (_, i) => ({ name: `x-${i}`, present: true as const }));
    const e = errorOf(() => plan(httpSpec({ rules: [{ name: 'big', match: { headers }, action: { forward: { pool: 'web' } } }] })));
    expect(e).toBeInstanceOf(AwsPlanError);
    expect((e as AwsPlanError).code).toBe('LBKIT_AWS_LIMIT');
    expect((e as AwsPlanError).issues).toEqual([
      { path: 'frontends[0].rules[0].match', message: expect.stringContaining('needs at least 6 match evaluations') },
    ]);
    const sources = Array.from({ length: 31 }, (_, i) => `10.${i}.0.0/16`);
    const split = errorOf(() => plan(httpSpec({ rules: [{ name: 'wide', match: { sourceCidrs: sources }, action: { forward: { pool: 'web' } } }] })));
    expect((split as AwsPlanError).issues[0].message).toMatch(/needs 11 ALB rules/);
    const long = errorOf(() => oneRule({ headers: [{ name: 'x', prefix: 'a'.repeat(128) }] }));
    expect((long as AwsPlanError).issues[0]).toEqual({
      path: 'frontends[0].rules[0].match.headers[0]',
      message: expect.stringContaining('129 characters; ALB allows 128'),
    });
  });

  test('rules per ALB are held to the quota, which an account may have raised', () => {
    const many = Array.from({ length: 101 }, (_, i) => ({
      name: `r${i}`,
      match: { paths: [{ exact: `/p${i}` }] },
      action: { forward: { pool: 'web' as const } },
    }));
    const e = errorOf(() => plan(httpSpec({ rules: many })));
    expect((e as AwsPlanError).issues[0].message).toMatch(/compiles to 101 ALB listener rules; the quota is 100/);
    expect(rules(plan(httpSpec({ rules: many }), { maxRulesPerLoadBalancer: 200 }))).toHaveLength(101);
  });
});

describe('actions', () => {
  const actionOf = (action: object, protocol: 'http' | 'https' = 'http', options = {}): ActionPlan => {
    const spec = httpSpec({ rules: [{ name: 'r', match: { paths: [{ exact: '/x' }] }, action: action as never }], certificates: [{ name: 'c' }] });
    if (protocol === 'https') spec.frontends[0] = { ...spec.frontends[0], protocol: 'https', port: 443, tls: { certificate: 'c' } };
    return rules(plan(spec, options))[0].action;
  };

  test.each([
    ['forward', { forward: { pool: 'api' } }, { type: 'forward', pool: 'api' }],
    [
      'weighted forward with stickiness',
      weighted({ web: 0, api: 999 }, 60),
      {
        type: 'weighted-forward',
        targetGroups: [
          { pool: 'web', weight: 0 },
          { pool: 'api', weight: 999 },
        ],
        stickinessSeconds: 60,
      },
    ],
    [
      'redirect, path only',
      { redirect: { path: '/new' } },
      { type: 'redirect', protocol: '#{protocol}', host: '#{host}', port: '#{port}', path: '/new', query: '#{query}', statusCode: 'HTTP_301' },
    ],
    [
      'redirect to https: the default https port',
      { redirect: { scheme: 'https', statusCode: 302 } },
      { type: 'redirect', protocol: 'HTTPS', host: '#{host}', port: '443', path: '/#{path}', query: '#{query}', statusCode: 'HTTP_302' },
    ],
    [
      'redirect with everything',
      { redirect: { scheme: 'http', host: 'b.example.com', port: 8080, path: '/p', query: '' } },
      { type: 'redirect', protocol: 'HTTP', host: 'b.example.com', port: '8080', path: '/p', query: '', statusCode: 'HTTP_301' },
    ],
    [
      'fixed response',
      { fixedResponse: { statusCode: 404, body: 'gone' } },
      { type: 'fixed-response', statusCode: '404', contentType: 'text/plain', messageBody: 'gone' },
    ],
    [
      'fixed response without body',
      { fixedResponse: { statusCode: 204, contentType: 'text/html' } },
      { type: 'fixed-response', statusCode: '204', contentType: 'text/html' },
    ],
  ])('%s', (_, action, expected) => {
    expect(actionOf(action)).toEqual(expected);
  });

  test('303, 307 and 308 redirects are capability errors unless accepted; then 302, 302 and 301', () => {
    for (const code of [303, 307, 308] as const) {
      const e = errorOf(() => actionOf({ redirect: { path: '/n', statusCode: code } }));
      expect(e).toBeInstanceOf(CapabilityError);
      expect(e.message).toContain(`action.redirect.status-${code}`);
      expect(e.message).toContain(`add 'aws-alb:action.redirect.status-${code}' to allowNearest`);
    }
    expect(actionOf({ redirect: { path: '/n', statusCode: 307 } }, 'http', { allowNearest: ['aws-alb:action.redirect.status-307'] })).toMatchObject({
      statusCode: 'HTTP_302',
    });
    expect(actionOf({ redirect: { path: '/n', statusCode: 308 } }, 'http', { allowNearest: ['action.redirect.status-308'] })).toMatchObject({
      statusCode: 'HTTP_301',
    });
    const warned = plan(httpSpec({ rules: [{ name: 'r', action: { redirect: { path: '/n', statusCode: 303 } } }] }), {
      allowNearest: ['aws-alb:action.redirect.status-303'],
    });
    expect(warned.warnings.map((w) => [w.feature, w.severity])).toEqual([['action.redirect.status-303', 'warning']]);
  });

  test('range errors: https to http redirect, 3XX fixed response, weights above 999, more than 5 pools', () => {
    expect(errorOf(() => actionOf({ redirect: { scheme: 'http' } }, 'https')).message).toContain('an ALB cannot redirect from https to http');
    expect(errorOf(() => actionOf({ fixedResponse: { statusCode: 302 } })).message).toContain('fixed-response status 302 is a 3XX');
    expect(errorOf(() => actionOf({ weightedForward: { pools: [{ pool: 'web', weight: 1000 }] } })).message).toContain('weight 1000 is outside 0-999');
    const pools = ['a', 'b', 'c', 'd', 'e', 'f'].map((n) => ({ name: n, protocol: 'http' as const, port: 80 }));
    const six = errorOf(() =>
      plan({
        ...httpSpec(),
        pools,
        frontends: [{ name: 'h', protocol: 'http', port: 80, defaultAction: { weightedForward: { pools: pools.map((p) => ({ pool: p.name, weight: 1 })) } } }],
      }),
    );
    expect(six).toBeInstanceOf(CapabilityError);
    expect(six.message).toContain('frontends[0].defaultAction.weightedForward.pools: aws-alb: 6 pools in one weighted forward');
  });

  test('an empty query value cannot be matched on an ALB', () => {
    expect(errorOf(() => oneRule({ query: [{ name: 'q', exact: '' }] })).message).toContain('an ALB query-string condition cannot match an empty value');
  });

  test('weighted forwards on an NLB: weighted target groups (issue 13: the cell said "not yet in CloudFormation")', () => {
    const weightedNlb = (weightA: number) =>
      plan({
        name: 'tcp',
        frontends: [
          {
            name: 't',
            protocol: 'tcp',
            port: 1,
            defaultAction: weighted({ a: weightA, b: 1 }),
          },
        ],
        pools: [
          { name: 'a', protocol: 'tcp', port: 1 },
          { name: 'b', protocol: 'tcp', port: 1 },
        ],
      });
    expect(listener(weightedNlb(3), 't').defaultAction).toEqual({
      type: 'weighted-forward',
      targetGroups: [
        { pool: 'a', weight: 3 },
        { pool: 'b', weight: 1 },
      ],
    });
    const heavy = errorOf(() => weightedNlb(1000));
    expect(heavy.message).toContain('aws-nlb: weight 1000 is outside 0-999');
  });
});

describe('target groups', () => {
  test('protocol, port, health check and attributes of every pool', () => {
    const p = plan(KITCHEN_SINK);
    const tg = (pool: string) => p.targetGroups.find((t) => t.pool === pool)!;
    expect(tg('web')).toMatchObject({
      protocol: 'HTTP',
      port: 8080,
      healthCheck: {
        enabled: true,
        protocol: 'HTTP',
        port: '8081',
        path: '/ready',
        intervalSeconds: 15,
        timeoutSeconds: 4,
        healthyThreshold: 2,
        unhealthyThreshold: 5,
        matcher: '200-299',
      },
    });
    expect(targetGroupAttributeMap(tg('web').attributes)).toEqual({
      'slow_start.duration_seconds': '60',
      'load_balancing.algorithm.type': 'least_outstanding_requests',
      'stickiness.enabled': 'true',
      'stickiness.type': 'app_cookie',
      'stickiness.app_cookie.cookie_name': 'SESSION',
      'stickiness.app_cookie.duration_seconds': '600',
    });
    // The spec writes no health check for api: AWS's own probe (path /, 30 s, 5 s, 5/2, 200), only protocol and port set.
    expect(tg('api').healthCheck).toEqual({ enabled: true, protocol: 'HTTPS', port: 'traffic-port' });
    expect(targetGroupAttributeMap(tg('api').attributes)).toEqual({
      'load_balancing.algorithm.type': 'weighted_random',
      'load_balancing.algorithm.anomaly_mitigation': 'off',
    });
    // A cookie lifetime left out is AWS's own (1 day).
    expect(targetGroupAttributeMap(tg('api-v2').attributes)).toEqual({ 'stickiness.enabled': 'true', 'stickiness.type': 'lb_cookie' });
    expect(tg('db')).toMatchObject({ protocol: 'TLS', port: 5432, healthCheck: { protocol: 'TCP', port: 'traffic-port' } });
    expect(tg('db').healthCheck.path).toBeUndefined();
    expect(tg('db').healthCheck.matcher).toBeUndefined();
    expect(targetGroupAttributeMap(tg('db').attributes)).toEqual({
      'deregistration_delay.timeout_seconds': '0',
      'deregistration_delay.connection_termination.enabled': 'true',
    });
    expect(tg('dns')).toMatchObject({ protocol: 'UDP', healthCheck: { protocol: 'HTTP', port: '8053', path: '/health', matcher: '200-399' } });
    expect(targetGroupAttributeMap(tg('dns').attributes)).toMatchObject({ 'stickiness.enabled': 'true', 'stickiness.type': 'source_ip' });
  });

  test('algorithms without an exact ALB equivalent are capability errors unless accepted', () => {
    const withAlgorithm = (algorithm: string) => httpSpec({ pools: [{ name: 'web', protocol: 'http', port: 80, algorithm: algorithm as never }] });
    expect(errorOf(() => plan(withAlgorithm('least-response-time'))).message).toContain("add 'aws-alb:pool.algorithm.least-response-time' to allowNearest");
    expect(errorOf(() => plan(withAlgorithm('ip-hash'))).message).toContain('cannot express pool.algorithm.ip-hash');
    const accepted = plan(withAlgorithm('weighted-round-robin'), { allowNearest: ['aws-alb:pool.algorithm.weighted-round-robin'] });
    expect(accepted.targetGroups[0].attributes.algorithm).toBe('round_robin');
  });

  test('AWS ranges: probe thresholds, success codes, slow start', () => {
    const pool = (extra: object) => httpSpec({ pools: [{ name: 'web', protocol: 'http', port: 80, ...extra }] });
    expect(errorOf(() => plan(pool({ healthCheck: { healthyThreshold: 1 } }))).message).toContain('healthCheck.healthyThreshold 1 is outside 2-10');
    expect(errorOf(() => plan(pool({ healthCheck: { successCodes: '200-599' } }))).message).toContain('healthCheck.successCodes 599 is outside 200-499');
    expect(errorOf(() => plan(pool({ slowStartSeconds: 10 }))).message).toContain('slowStartSeconds 10s is outside 30-900s');
    expect(errorOf(() => plan(pool({ slowStartSeconds: 60, algorithm: 'random' }))).message).toContain(
      'slow start cannot be combined with the random algorithm',
    );
  });
});

describe('rate limits: WAFv2', () => {
  // Rate limits take priorities from 100 on, after protection's band (plan/waf-protection.ts).
  test('one rate-based rule per limit, keyed by client IP or header, with the response status', () => {
    const acl = plan(KITCHEN_SINK).webAcl!;
    expect(acl.metricName).toBe('shop-waf');
    expect(acl.rules.map(({ scopeDown, ...r }) => ({ ...r, scoped: scopeDown !== undefined }))).toEqual([
      {
        name: 'per-ip',
        path: 'rateLimits[0]',
        priority: 100,
        metricName: 'shop-per-ip',
        limit: 1000,
        evaluationWindowSec: 300,
        key: { type: 'IP' },
        responseCode: 429,
        scoped: false,
      },
      {
        name: 'per-key',
        path: 'rateLimits[1]',
        priority: 101,
        metricName: 'shop-per-key',
        limit: 100,
        evaluationWindowSec: 60,
        key: { type: 'HEADER', name: 'x-api-key' },
        responseCode: 503,
        scoped: true,
      },
    ]);
  });

  test("a limit scoped to rules counts what those rules route: their conditions, and none of an earlier rule's", () => {
    const spec = httpSpec({
      rules: [
        { name: 'admin', match: { hosts: ['admin.example.com'], sourceCidrs: ['10.0.0.0/8'] }, action: { forward: { pool: 'web' } } },
        {
          name: 'api',
          match: { paths: [{ prefix: '/api' }], methods: ['POST'], query: [{ name: 'Key', exact: 'A b' }] },
          action: { forward: { pool: 'api' } },
        },
      ],
      rateLimits: [{ name: 'api-writes', limit: 100, windowSeconds: 60, scope: { rules: ['http/api'] } }],
    });
    const acl = plan(spec).webAcl!;
    expect(acl.ipSets).toEqual([{ id: 'http-admin-v4', ipAddressVersion: 'IPV4', addresses: ['10.0.0.0/8'] }]);
    const NONE = [{ priority: 0, type: 'NONE' }];
    expect(acl.rules[0].scopeDown).toEqual({
      andStatement: {
        statements: [
          {
            andStatement: {
              statements: [
                { regexMatchStatement: { fieldToMatch: { uriPath: {} }, regexString: '^(?:/api(?:/.*)?)$', textTransformations: NONE } },
                {
                  byteMatchStatement: {
                    fieldToMatch: { singleQueryArgument: { name: 'key' } },
                    positionalConstraint: 'EXACTLY',
                    searchString: 'a b',
                    textTransformations: [
                      { priority: 0, type: 'URL_DECODE' },
                      { priority: 1, type: 'LOWERCASE' },
                    ],
                  },
                },
                { byteMatchStatement: { fieldToMatch: { method: {} }, positionalConstraint: 'EXACTLY', searchString: 'POST', textTransformations: NONE } },
              ],
            },
          },
          {
            notStatement: {
              statement: {
                andStatement: {
                  statements: [
                    {
                      regexMatchStatement: {
                        fieldToMatch: { singleHeader: { name: 'host' } },
                        regexString: '^(?:admin\\.example\\.com)(?::[0-9]+)?$',
                        textTransformations: [{ priority: 0, type: 'LOWERCASE' }],
                      },
                    },
                    { ipSetReferenceStatement: { ipSet: 'http-admin-v4' } },
                  ],
                },
              },
            },
          },
        ],
      },
    });
  });

  test('header conditions in a scope-down compare as lbkit does', () => {
    const spec = httpSpec({
      rules: [
        {
          name: 'r',
          match: {
            headers: [
              { name: 'X-A', exact: 'Yes' },
              { name: 'x-b', prefix: 'Pre' },
              { name: 'x-c', regex: '[a-z]+' },
              { name: 'x-d', present: true },
            ],
          },
          action: { forward: { pool: 'web' } },
        },
      ],
      rateLimits: [{ name: 'l', limit: 100, windowSeconds: 60, scope: { rules: ['http/r'] } }],
    });
    const NONE = [{ priority: 0, type: 'NONE' }];
    const LOWER = [{ priority: 0, type: 'LOWERCASE' }];
    expect(plan(spec).webAcl!.rules[0].scopeDown).toEqual({
      andStatement: {
        statements: [
          {
            byteMatchStatement: {
              fieldToMatch: { singleHeader: { name: 'x-a' } },
              positionalConstraint: 'EXACTLY',
              searchString: 'yes',
              textTransformations: LOWER,
            },
          },
          {
            byteMatchStatement: {
              fieldToMatch: { singleHeader: { name: 'x-b' } },
              positionalConstraint: 'STARTS_WITH',
              searchString: 'pre',
              textTransformations: LOWER,
            },
          },
          { regexMatchStatement: { fieldToMatch: { singleHeader: { name: 'x-c' } }, regexString: '^(?:[a-z]+)$', textTransformations: NONE } },
          { sizeConstraintStatement: { fieldToMatch: { singleHeader: { name: 'x-d' } }, comparisonOperator: 'GE', size: 0, textTransformations: NONE } },
        ],
      },
    });
  });

  test('WAF limits: limit below 10 (issue 13: lbkit refused below 100), windows other than 60/120/300/600 s', () => {
    const limit = (limitValue: number, windowSeconds: number) => plan(httpSpec({ rateLimits: [{ name: 'l', limit: limitValue, windowSeconds }] }));
    expect(errorOf(() => limit(9, 60)).message).toContain('rateLimits[0].limit: aws-alb: limit 9 is outside 10-2000000000');
    expect(limit(10, 60).webAcl!.rules[0].limit).toBe(10);
    expect(errorOf(() => limit(100, 90)).message).toContain('windowSeconds 90s is not one of 60, 120, 300, 600s');
    expect(limit(100, 600).webAcl!.rules[0].evaluationWindowSec).toBe(600);
  });

  test("a limit on some of the ALB's frontends is an approximation that must be accepted", () => {
    const spec = httpSpec({ rateLimits: [{ name: 'l', limit: 100, windowSeconds: 60, scope: { frontends: ['http'] } }] });
    spec.frontends = [...spec.frontends, { name: 'other', protocol: 'http', port: 8080, defaultAction: { forward: { pool: 'web' } } }];
    const e = errorOf(() => plan(spec));
    expect(e.message).toContain('rateLimits[0].scope: aws-alb (AWS Application Load Balancer) has no exact rate-limit.frontend-subset');
    expect(plan(spec, { allowNearest: ['aws-alb:rate-limit.frontend-subset'] }).warnings.map((w) => w.feature)).toEqual([
      'rate-limit.client-ip',
      'rate-limit.frontend-subset',
    ]);
    // Scoped to every L7 frontend: no frontend-subset approximation (WAF's estimated rate is one on its own).
    expect(
      plan(httpSpec({ rateLimits: [{ name: 'l', limit: 100, windowSeconds: 60, scope: { frontends: ['http'] } }] })).warnings.map((w) => w.feature),
    ).toEqual(['rate-limit.client-ip']);
  });
});

describe('examples and describer', () => {
  test('the web example plans as written: strict, its one named approximation (WAF estimates the rate)', () => {
    const web = planAws(loadModel('examples/specs/web.yaml'));
    expect(web.warnings.map((w) => w.feature)).toEqual(['rate-limit.client-ip']);
    expect(rules(web, 'https').map((r) => `${r.priority} ${r.id}`)).toEqual(['10 api', '20 static', '21 static.2', '30 old-home']);
  });

  test('lbkit plan lists the AWS resources, and limit problems as rows instead of throwing', () => {
    const model = buildModel(KITCHEN_SINK);
    const alb = describeTarget(model, 'aws-alb');
    expect(alb.map((r) => `${r.type} ${r.id}`)).toEqual(
      expect.arrayContaining([
        'AWS::ElasticLoadBalancingV2::LoadBalancer Alb',
        'AWS::ElasticLoadBalancingV2::ListenerRule https/many.6',
        'AWS::ElasticLoadBalancingV2::ListenerCertificate https/alt',
        'AWS::WAFv2::IPSet https-query-v6',
        'AWS::WAFv2::WebACLAssociation WebAclAssociation',
      ]),
    );
    expect(alb.find((r) => r.id === 'https/hosts')!.detail).toBe(
      'priority 10: host ^[aA][pP][iI]\\.[eE][xX][aA][mM][pP][lL][eE]\\.[cC][oO][mM](?::[0-9]+)?$ | ^[^:]+\\.[sS][vV][cC]\\.[eE][xX][aA][mM][pP][lL][eE]\\.[cC][oO][mM](?::[0-9]+)?$ -> forward to pool api',
    );
    const nlb = describeTarget(model, 'aws-nlb');
    expect(nlb.map((r) => `${r.type} ${r.id}`)).toEqual([
      'AWS::ElasticLoadBalancingV2::LoadBalancer Nlb',
      'AWS::EC2::SecurityGroup NlbSecurityGroup',
      'AWS::ElasticLoadBalancingV2::Listener tls',
      'AWS::ElasticLoadBalancingV2::ListenerCertificate tls/alt',
      'AWS::ElasticLoadBalancingV2::Listener dns',
      'AWS::ElasticLoadBalancingV2::TargetGroup db',
      'AWS::ElasticLoadBalancingV2::TargetGroup dns',
    ]);
    const headers = Array.from({ length: 6 }, (_, i) => ({ name: `x-${i}`, present: true as const }));
    const broken = buildModel(httpSpec({ rules: [{ name: 'big', match: { headers }, action: { forward: { pool: 'web' } } }] }));
    const rows = describeTarget(broken, 'aws-alb');
    expect(rows.filter((r) => r.type === 'limit error').map((r) => r.id)).toEqual(['frontends[0].rules[0].match']);
  });
});

describe('access logs', () => {
  test("the ELB log-delivery accounts are those of aws-cdk-lib's region facts", () => {
    const cdk = Object.fromEntries(RegionInfo.regions.flatMap((r) => (r.elbv2Account ? [[r.name, r.elbv2Account]] : [])));
    expect(ELB_LOG_ACCOUNTS).toEqual(cdk);
  });

  test("the bucket policy grants the region's ELB account, or the service principal in newer regions", () => {
    const old = accessLogsBucketPolicy('arn:aws:s3:::logs', 'web', 'eu-west-1') as { Statement: Array<{ Sid: string; Principal: unknown; Resource: unknown }> };
    expect(old.Statement.find((s) => s.Sid === 'ElbLogDelivery')).toMatchObject({
      Principal: { AWS: 'arn:aws:iam::156460612806:root' },
      Resource: 'arn:aws:s3:::logs/web/AWSLogs/*',
    });
    const recent = accessLogsBucketPolicy('arn:aws:s3:::logs', '', 'ap-southeast-5') as typeof old;
    expect(recent.Statement.find((s) => s.Sid === 'ElbLogDelivery')).toMatchObject({
      Principal: { Service: 'logdelivery.elasticloadbalancing.amazonaws.com' },
      Resource: 'arn:aws:s3:::logs/AWSLogs/*',
    });
  });
});

describe('protection: the web ACL before the rate limits, within its WCU budget', () => {
  test('rules in fixed priority bands; strict managed rules (1,100 WCUs) plus the rest fit 1,500, not a budget of 1,000', () => {
    const acl = plan(PROTECTED).webAcl!;
    expect([...acl.protection, ...acl.rules].map((r) => [r.name, r.priority])).toEqual([
      ['protection_ip-deny', 0],
      ['protection_ip-allow', 1],
      ['protection_geo', 2],
      ['protection_AWSManagedRulesCommonRuleSet', 10],
      ['protection_AWSManagedRulesKnownBadInputsRuleSet', 11],
      ['protection_AWSManagedRulesSQLiRuleSet', 12],
      ['per-ip', 100],
    ]);
    // 2 + 2 IP set references, 1 geo match, 700 + 200 + 200 managed, 2 for the rate-based rule.
    expect(acl.capacity).toBe(1107);
    expect(() => plan(PROTECTED, { maxWebAclCapacity: 1000 })).toThrow(/1107 WCUs/);
  });

  test('protection on some http frontends of an ALB is refused: a web ACL covers the whole ALB', () => {
    const spec = httpSpec({
      frontends: [
        { name: 'a', protocol: 'http', port: 80, defaultAction: { forward: { pool: 'web' } } },
        { name: 'b', protocol: 'http', port: 8080, defaultAction: { forward: { pool: 'web' } } },
      ],
      protection: { frontends: ['a'], ipDeny: ['203.0.113.0/24'] },
    });
    expect(() => plan(spec)).toThrow(/not b: a WAF web ACL is associated with the whole ALB/);
  });
});
