/**
 * The CDK construct: a snapshot of every example stack's template, assertions on the mapping rows in the
 * synthesized CloudFormation, and construction errors that name the prop or spec path. One app, synthesized
 * once, holds every stack these tests read (CDK synthesis is the slow part).
 */
import { Stack, type CfnResource } from 'aws-cdk-lib';
import { Annotations, Match, type Template } from 'aws-cdk-lib/assertions';
import * as elbv2 from 'aws-cdk-lib/aws-elasticloadbalancingv2';
import * as targets from 'aws-cdk-lib/aws-elasticloadbalancingv2-targets';
import { CapabilityError } from '../../lib/errors';
import { SpecValidationError } from '../../lib/errors';
import { LoadBalancer, type LoadBalancerProps } from '../../providers/aws/cdk';
import { AwsPlacementError, planAws } from '../../providers/aws/plan';
import { loadModel } from '../../lib/model/build';
import { addExampleStacks, exampleSpecs, PLACEMENTS, specPath, stackName, type ExampleStacks } from '../../examples/cdk/stacks';
import { KITCHEN_SINK, KITCHEN_SINK_PLACEMENT, httpSpec } from './fixtures';
import { resourcesOf, stackWithVpc, synthTemplates, testApp } from './support/cdk';

const ELB = 'AWS::ElasticLoadBalancingV2';
let examples: ExampleStacks;
let kitchen: LoadBalancer;
let kitchenStack: Stack;
let templates: Record<string, Template>;

/** The TargetGroupAttributes of a target group as a map (their order is not part of the contract). */
const attributes = (tg: Record<string, any>) =>
  Object.fromEntries((tg.TargetGroupAttributes as Array<{ Key: string; Value: string }>).map((a) => [a.Key, a.Value]));
/** A map of attributes as CloudFormation lists them: [{ Key, Value }], in the map's order. */
const keyValues = (map: Record<string, string>) => Object.entries(map).map(([Key, Value]) => ({ Key, Value }));
/** A pool's target group in a template, found by the logical id of the construct the LoadBalancer exposes. */
const targetGroupOf = (t: Template, lb: LoadBalancer, pool: string) => {
  const cfn = lb.targetGroups[pool].node.defaultChild as CfnResource;
  return t.toJSON().Resources[Stack.of(lb).getLogicalId(cfn)].Properties as Record<string, any>;
};

/** The warnings the construct added (not those of the imported VPC), sorted. */
const lbkitWarnings = (stack: Stack) =>
  Annotations.fromStack(stack)
    .findWarning('*', Match.stringLikeRegexp('.*'))
    .map((w) => String(w.entry.data))
    .filter((text) => text.includes('[ack: @lbkit/aws:'))
    .sort();

beforeAll(() => {
  const app = testApp();
  examples = addExampleStacks(app);
  const { stack, vpc } = stackWithVpc(app, 'kitchen-sink');
  kitchenStack = stack;
  kitchen = new LoadBalancer(stack, 'Shop', { spec: KITCHEN_SINK, vpc, ...KITCHEN_SINK_PLACEMENT });
  const targetsStack = stackWithVpc(app, 'cdk-targets');
  new LoadBalancer(targetsStack.stack, 'Lb', {
    spec: httpSpec(),
    vpc: targetsStack.vpc,
    bindings: { web: [new targets.IpTarget('10.0.1.1', 8080), new targets.IpTarget('10.0.1.2', 8080)] },
  });
  templates = synthTemplates(app);
});

describe('example stacks', () => {
  test.each(Object.keys(PLACEMENTS))('template of %s matches its snapshot', (spec) => {
    expect(templates[stackName(spec)].toJSON()).toMatchSnapshot();
  });

  test('every example spec has a stack, unless it cannot compile to AWS as written', () => {
    for (const spec of exampleSpecs()) {
      if (examples.stacks[spec]) {
        expect(templates[stackName(spec)].findResources(`${ELB}::LoadBalancer`)).not.toEqual({});
      } else {
        expect(PLACEMENTS[spec]).toBeUndefined();
        expect(() => planAws(loadModel(specPath(spec)))).toThrow(CapabilityError);
        expect(examples.skipped[spec]).toMatch(/cannot compile to aws-/);
      }
    }
    expect(Object.keys(examples.stacks)).toEqual(expect.arrayContaining(Object.keys(PLACEMENTS)));
  });

  test('web: an internet-facing ALB with the attributes web.yaml writes, access logs to a created bucket', () => {
    const t = templates['lbkit-web'];
    t.resourceCountIs(`${ELB}::LoadBalancer`, 1);
    t.hasResourceProperties(`${ELB}::LoadBalancer`, {
      Type: 'application',
      Scheme: 'internet-facing',
      IpAddressType: 'ipv4',
      Subnets: ['subnet-0123456789abcdef0', 'subnet-0123456789abcdef1'],
      LoadBalancerAttributes: Match.arrayWith(
        keyValues({
          'deletion_protection.enabled': 'false',
          'idle_timeout.timeout_seconds': '60',
          'routing.http.drop_invalid_header_fields.enabled': 'true',
          'access_logs.s3.enabled': 'true',
          'access_logs.s3.prefix': 'web',
        }),
      ),
    });
    // web.yaml writes no http2: the ALB keeps AWS's own routing.http2.enabled (true).
    const alb = Object.values(resourcesOf(t, `${ELB}::LoadBalancer`))[0].Properties;
    expect(alb.LoadBalancerAttributes.map((a: { Key: string }) => a.Key)).not.toContain('routing.http2.enabled');
    t.hasResourceProperties('AWS::S3::Bucket', {
      BucketEncryption: { ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } }] },
    });
    t.hasResourceProperties('AWS::S3::BucketPolicy', {
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({
            Action: 's3:PutObject',
            Principal: { AWS: { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':iam::156460612806:root']] } },
          }),
        ]),
      },
    });
  });

  test('web: HTTPS listener with policy and certificate, HTTP listener redirecting everything', () => {
    const t = templates['lbkit-web'];
    t.hasResourceProperties(`${ELB}::Listener`, {
      Protocol: 'HTTPS',
      Port: 443,
      SslPolicy: 'ELBSecurityPolicy-TLS13-1-2-2021-06',
      Certificates: [{ CertificateArn: 'arn:aws:acm:eu-west-1:123456789012:certificate/0f1e2d3c-4b5a-6978-8899-aabbccddeeff' }],
      DefaultActions: [{ Type: 'forward', ForwardConfig: { TargetGroups: [Match.objectLike({ Weight: 90 }), Match.objectLike({ Weight: 10 })] } }],
    });
    t.hasResourceProperties(`${ELB}::Listener`, {
      Protocol: 'HTTP',
      Port: 80,
      DefaultActions: [
        { Type: 'redirect', RedirectConfig: { Protocol: 'HTTPS', Port: '443', Host: '#{host}', Path: '/#{path}', Query: '#{query}', StatusCode: 'HTTP_301' } },
      ],
    });
    t.resourceCountIs(`${ELB}::ListenerRule`, 4);
    const rules = Object.values(resourcesOf(t, `${ELB}::ListenerRule`)).map((r) => [r.Properties.Priority, r.Properties.Conditions]);
    expect(rules.sort((a, b) => a[0] - b[0])).toEqual([
      [
        10,
        [
          { Field: 'host-header', HostHeaderConfig: { Values: ['api.example.com'] } },
          { Field: 'path-pattern', PathPatternConfig: { Values: ['/v1', '/v1/*'] } },
        ],
      ],
      [20, [{ Field: 'path-pattern', PathPatternConfig: { Values: ['/static', '/static/*'] } }]],
      [21, [{ Field: 'path-pattern', PathPatternConfig: { Values: ['/assets', '/assets/*'] } }]],
      [30, [{ Field: 'path-pattern', PathPatternConfig: { Values: ['/home.html'] } }]],
    ]);
  });

  test('web: security group open on the frontend ports only, egress on the pool ports only', () => {
    const sg = Object.values(resourcesOf(templates['lbkit-web'], 'AWS::EC2::SecurityGroup'))[0].Properties;
    expect(sg.SecurityGroupIngress.map((r: any) => `${r.IpProtocol}/${r.FromPort}-${r.ToPort} ${r.CidrIp}`)).toEqual([
      'tcp/443-443 0.0.0.0/0',
      'tcp/80-80 0.0.0.0/0',
    ]);
    expect(sg.SecurityGroupEgress.map((r: any) => `${r.IpProtocol}/${r.FromPort}-${r.ToPort} ${r.CidrIp}`)).toEqual([
      'tcp/8080-8080 10.0.0.0/16',
      'tcp/8081-8081 10.0.0.0/16',
      'tcp/9000-9000 10.0.0.0/16',
    ]);
    templates['lbkit-web'].resourceCountIs('AWS::EC2::SecurityGroupIngress', 0);
  });

  test('web: target groups with the health-check values and attributes web.yaml writes, AWS defaults for the rest', () => {
    const tg = targetGroupOf(templates['lbkit-web'], examples.stacks.web.loadBalancer, 'web');
    expect(tg).toMatchObject({
      Protocol: 'HTTP',
      Port: 8080,
      TargetType: 'ip',
      VpcId: 'vpc-0123456789abcdef0',
      HealthCheckEnabled: true,
      HealthCheckProtocol: 'HTTP',
      HealthCheckPort: 'traffic-port',
      HealthCheckPath: '/healthz',
      HealthCheckIntervalSeconds: 10,
      HealthCheckTimeoutSeconds: 5,
      HealthyThresholdCount: 3,
      UnhealthyThresholdCount: 3,
      Targets: [
        { Id: '10.0.1.10', Port: 8080 },
        { Id: '10.0.2.10', Port: 8080 },
      ],
    });
    // Success codes, slow start and the algorithm are left out: AWS's own 200, off and round_robin.
    expect(tg.Matcher).toBeUndefined();
    expect(attributes(tg)).toEqual({
      'deregistration_delay.timeout_seconds': '30',
      'stickiness.enabled': 'true',
      'stickiness.type': 'lb_cookie',
      'stickiness.lb_cookie.duration_seconds': '3600',
    });
    expect(targetGroupOf(templates['lbkit-web'], examples.stacks.web.loadBalancer, 'api')).toMatchObject({
      TargetType: 'instance',
      Targets: [
        { Id: 'i-0123456789abcdef0', Port: 9000 },
        { Id: 'i-0123456789abcdef1', Port: 9000 },
      ],
    });
  });

  test('web: a regional web ACL with the rate-based rule, associated with the ALB', () => {
    const t = templates['lbkit-web'];
    t.hasResourceProperties('AWS::WAFv2::WebACL', {
      Scope: 'REGIONAL',
      DefaultAction: { Allow: {} },
      Rules: [
        {
          Name: 'per-client',
          Priority: 100,
          Action: { Block: { CustomResponse: { ResponseCode: 429 } } },
          Statement: { RateBasedStatement: { Limit: 600, EvaluationWindowSec: 60, AggregateKeyType: 'IP' } },
          VisibilityConfig: { SampledRequestsEnabled: true, CloudWatchMetricsEnabled: true, MetricName: 'web-per-client' },
        },
      ],
    });
    t.hasResourceProperties('AWS::WAFv2::WebACLAssociation', {
      ResourceArn: { Ref: Match.stringLikeRegexp('^LoadBalancerAlb') },
      WebACLArn: { 'Fn::GetAtt': [Match.stringLikeRegexp('^LoadBalancerWebAcl'), 'Arn'] },
    });
    expect(lbkitWarnings(examples.stacks.web)).toEqual([expect.stringMatching(/^rateLimits\[0\]: aws-alb approximates rate-limit\.client-ip/)]);
    expect(lbkitWarnings(examples.stacks['web-azure'])).toEqual([
      expect.stringMatching(/^rateLimits\[0\]\.scope: aws-alb approximates rate-limit\.frontend-subset/),
      expect.stringMatching(/^rateLimits\[0\]: aws-alb approximates rate-limit\.client-ip/),
    ]);
  });

  test('internal-tcp: an internal NLB, TCP listener with its idle timeout, TCP probes, connection termination', () => {
    const t = templates['lbkit-internal-tcp'];
    t.hasResourceProperties(`${ELB}::LoadBalancer`, {
      Type: 'network',
      Scheme: 'internal',
      Subnets: ['subnet-0123456789abcdef2', 'subnet-0123456789abcdef3'],
      LoadBalancerAttributes: Match.arrayWith(keyValues({ 'deletion_protection.enabled': 'false', 'load_balancing.cross_zone.enabled': 'true' })),
      SecurityGroups: [{ 'Fn::GetAtt': [Match.anyValue(), 'GroupId'] }],
    });
    t.hasResourceProperties(`${ELB}::Listener`, { Protocol: 'TCP', Port: 5432, ListenerAttributes: [{ Key: 'tcp.idle_timeout.seconds', Value: '600' }] });
    const tg = targetGroupOf(t, examples.stacks['internal-tcp'].loadBalancer, 'pgbouncer');
    expect(tg).toMatchObject({
      Protocol: 'TCP',
      TargetType: 'instance',
      HealthCheckProtocol: 'TCP',
      HealthyThresholdCount: 3,
      UnhealthyThresholdCount: 3,
      HealthCheckIntervalSeconds: 10,
      HealthCheckTimeoutSeconds: 5,
    });
    expect(tg.HealthCheckPath).toBeUndefined();
    expect(tg.Matcher).toBeUndefined();
    expect(attributes(tg)).toEqual({
      'deregistration_delay.timeout_seconds': '60',
      'deregistration_delay.connection_termination.enabled': 'true',
    });
    t.resourceCountIs('AWS::WAFv2::WebACL', 0);
  });

  test('udp: UDP listener, source-IP stickiness, UDP and probe ports in the security group', () => {
    const t = templates['lbkit-udp'];
    t.hasResourceProperties(`${ELB}::Listener`, { Protocol: 'UDP', Port: 53, ListenerAttributes: Match.absent() });
    const tg = targetGroupOf(t, examples.stacks.udp.loadBalancer, 'resolvers');
    expect(tg).toMatchObject({ Protocol: 'UDP', HealthCheckProtocol: 'TCP', HealthCheckPort: 'traffic-port' });
    expect(attributes(tg)).toMatchObject({ 'stickiness.enabled': 'true', 'stickiness.type': 'source_ip' });
    t.hasResourceProperties('AWS::EC2::SecurityGroup', {
      SecurityGroupIngress: [Match.objectLike({ IpProtocol: 'udp', FromPort: 53, CidrIp: '0.0.0.0/0' })],
      SecurityGroupEgress: [Match.objectLike({ IpProtocol: 'tcp', FromPort: 53 }), Match.objectLike({ IpProtocol: 'udp', FromPort: 53 })],
    });
  });
});

describe('every mapping row, in CloudFormation (kitchen-sink spec)', () => {
  const t = () => templates['kitchen-sink'];

  test('a spec mixing L7 and L4 frontends gets an ALB and an NLB', () => {
    const lbs = Object.values(resourcesOf(t(), `${ELB}::LoadBalancer`)).map((r) => [r.Properties.Type, r.Properties.Scheme]);
    expect(lbs).toEqual([
      ['application', 'internal'],
      ['network', 'internal'],
    ]);
    expect(kitchen.applicationLoadBalancer).toBeInstanceOf(elbv2.ApplicationLoadBalancer);
    expect(kitchen.networkLoadBalancer).toBeInstanceOf(elbv2.NetworkLoadBalancer);
  });

  test('HTTPS with TLS 1.3 policy, mTLS verify, SNI certificates; TLS listener with ALPN None and its fixed idle timeout', () => {
    t().hasResourceProperties(`${ELB}::Listener`, {
      Protocol: 'HTTPS',
      Port: 8443,
      SslPolicy: 'ELBSecurityPolicy-TLS13-1-3-2021-06',
      MutualAuthentication: {
        Mode: 'verify',
        TrustStoreArn: 'arn:aws:elasticloadbalancing:eu-west-1:123456789012:truststore/clients/0123456789abcdef',
        IgnoreClientCertificateExpiry: false,
        AdvertiseTrustStoreCaNames: 'off',
      },
    });
    t().hasResourceProperties(`${ELB}::Listener`, {
      Protocol: 'TLS',
      Port: 5433,
      SslPolicy: 'ELBSecurityPolicy-TLS13-1-2-2021-06',
      AlpnPolicy: ['None'],
      ListenerAttributes: Match.absent(),
    });
    t().resourceCountIs(`${ELB}::ListenerCertificate`, 2);
    t().hasResourceProperties(`${ELB}::Listener`, {
      Protocol: 'HTTP',
      Port: 80,
      DefaultActions: [{ Type: 'redirect', RedirectConfig: Match.objectLike({ Port: '8443', StatusCode: 'HTTP_302' }) }],
    });
  });

  test('rules: regex hosts on a non-default port, headers, query, methods, sources, priorities', () => {
    const byPriority = Object.fromEntries(Object.values(resourcesOf(t(), `${ELB}::ListenerRule`)).map((r) => [r.Properties.Priority, r.Properties]));
    expect(Object.keys(byPriority).map(Number)).toEqual([10, 20, 21, 30, 40, 50, 51, 52, 53, 54, 55]);
    expect(byPriority[10].Conditions).toEqual([
      { Field: 'host-header', HostHeaderConfig: { RegexValues: [expect.stringMatching(/^\^\[aA\]\[pP\]\[iI\]/), expect.stringMatching(/^\^\[\^:\]\+/)] } },
    ]);
    // Four headers and two methods are six evaluations: one method per part.
    const headers = [
      { Field: 'http-header', HttpHeaderConfig: { HttpHeaderName: 'x-env', Values: ['beta'] } },
      { Field: 'http-header', HttpHeaderConfig: { HttpHeaderName: 'x-mode', Values: ['fast*'] } },
      { Field: 'http-header', HttpHeaderConfig: { HttpHeaderName: 'x-trace', Values: ['*'] } },
      { Field: 'http-header', HttpHeaderConfig: { HttpHeaderName: 'x-id', RegexValues: ['^(?:[0-9]+)$'] } },
    ];
    expect(byPriority[20].Conditions).toEqual([{ Field: 'http-request-method', HttpRequestMethodConfig: { Values: ['GET'] } }, ...headers]);
    expect(byPriority[21].Conditions).toEqual([{ Field: 'http-request-method', HttpRequestMethodConfig: { Values: ['HEAD'] } }, ...headers]);
    expect(byPriority[20].Actions).toEqual([
      {
        Type: 'forward',
        ForwardConfig: {
          TargetGroups: [
            { TargetGroupArn: { Ref: expect.any(String) }, Weight: 1 },
            { TargetGroupArn: { Ref: expect.any(String) }, Weight: 3 },
          ],
          TargetGroupStickinessConfig: { Enabled: true, DurationSeconds: 300 },
        },
      },
    ]);
    expect(byPriority[21].Actions).toEqual(byPriority[20].Actions);
    const rules = [byPriority[10], byPriority[20], byPriority[30], byPriority[40]];
    expect(rules[2].Conditions).toEqual([
      { Field: 'source-ip', SourceIpConfig: { Values: ['192.168.0.0/16', '2001:db8::/48'] } },
      { Field: 'query-string', QueryStringConfig: { Values: [{ Key: 'Version', Value: '2\\*' }] } },
      { Field: 'query-string', QueryStringConfig: { Values: [{ Key: 'debug', Value: '*' }] } },
    ]);
    expect(rules[2].Actions).toEqual([
      { Type: 'fixed-response', FixedResponseConfig: { StatusCode: '503', ContentType: 'application/json', MessageBody: '{"busy":true}' } },
    ]);
    expect(rules[3].Conditions).toEqual([
      { Field: 'path-pattern', PathPatternConfig: { RegexValues: ['^/a%20b$', '^/docs(?:/.*)?$', '^(?:/v[0-9]+/items)$'] } },
    ]);
    expect(rules[3].Actions).toEqual([
      {
        Type: 'redirect',
        RedirectConfig: { Protocol: 'HTTPS', Host: 'www.example.com', Port: '#{port}', Path: '/#{path}', Query: '#{query}', StatusCode: 'HTTP_302' },
      },
    ]);
  });

  test('target groups: app-cookie stickiness, slow start, least outstanding requests, explicit probe port; NLB TLS and UDP', () => {
    const web = targetGroupOf(t(), kitchen, 'web');
    expect(web).toMatchObject({ HealthCheckPort: '8081', Matcher: { HttpCode: '200-299' }, HealthyThresholdCount: 2, UnhealthyThresholdCount: 5 });
    expect(attributes(web)).toMatchObject({
      'slow_start.duration_seconds': '60',
      'load_balancing.algorithm.type': 'least_outstanding_requests',
      'stickiness.type': 'app_cookie',
      'stickiness.app_cookie.cookie_name': 'SESSION',
      'stickiness.app_cookie.duration_seconds': '600',
    });
    const api = targetGroupOf(t(), kitchen, 'api');
    expect(api).toMatchObject({ Protocol: 'HTTPS', TargetType: 'instance' });
    expect(attributes(api)).toMatchObject({ 'load_balancing.algorithm.type': 'weighted_random', 'load_balancing.algorithm.anomaly_mitigation': 'off' });
    t().hasResourceProperties(`${ELB}::TargetGroup`, { Port: 9000, TargetType: 'ip', Targets: Match.absent() });
    t().hasResourceProperties(`${ELB}::TargetGroup`, { Protocol: 'TLS', Port: 5432, HealthCheckProtocol: 'TCP' });
    t().hasResourceProperties(`${ELB}::TargetGroup`, {
      Protocol: 'UDP',
      HealthCheckProtocol: 'HTTP',
      HealthCheckPort: '8053',
      HealthCheckPath: '/health',
      Matcher: { HttpCode: '200-399' },
    });
  });

  test('WAF: IP sets for rule sources, a scope-down that references them, a header-keyed limit with its status', () => {
    t().resourceCountIs('AWS::WAFv2::IPSet', 2);
    t().hasResourceProperties('AWS::WAFv2::IPSet', { Scope: 'REGIONAL', IPAddressVersion: 'IPV6', Addresses: ['2001:db8::/48'] });
    const acl = Object.values(resourcesOf(t(), 'AWS::WAFv2::WebACL'))[0].Properties;
    const perKey = acl.Rules[1];
    expect(perKey).toMatchObject({ Name: 'per-key', Priority: 101, Action: { Block: { CustomResponse: { ResponseCode: 503 } } } });
    expect(perKey.Statement.RateBasedStatement).toMatchObject({
      Limit: 100,
      EvaluationWindowSec: 60,
      AggregateKeyType: 'CUSTOM_KEYS',
      CustomKeys: [{ Header: { Name: 'x-api-key', TextTransformations: [{ Priority: 0, Type: 'NONE' }] } }],
    });
    const scope = JSON.stringify(perKey.Statement.RateBasedStatement.ScopeDownStatement);
    expect(scope).toContain('"IPSetReferenceStatement":{"Arn":{"Fn::GetAtt":["ShopIpSethttpsqueryv4');
    expect(scope).toContain('"NotStatement"');
  });

  test('the construct exposes what it made, by name', () => {
    expect(Object.keys(kitchen.listeners)).toEqual(['https', 'http', 'tls', 'dns']);
    expect(Object.keys(kitchen.listenerRules)).toEqual([
      'https/hosts',
      'https/headers',
      'https/headers.2',
      'https/query',
      'https/paths',
      'https/many',
      'https/many.2',
      'https/many.3',
      'https/many.4',
      'https/many.5',
      'https/many.6',
    ]);
    expect(Object.keys(kitchen.targetGroups)).toEqual(['web', 'api', 'api-v2', 'db', 'dns']);
    expect(kitchen.listeners.https).toBeInstanceOf(elbv2.ApplicationListener);
    expect(kitchen.listeners.dns).toBeInstanceOf(elbv2.NetworkListener);
    expect(kitchen.webAcl).toBeDefined();
    expect(Object.keys(kitchen.securityGroups)).toEqual(['Alb', 'Nlb']);
    expect(kitchen.plan.model.name).toBe('shop');
  });

  test('accepted approximations surface as synth warnings', () => {
    expect(lbkitWarnings(kitchenStack)).toEqual([
      expect.stringMatching(
        /^frontends\[0\]\.rules\[3\]\.action\.redirect\.statusCode: aws-alb approximates action\.redirect\.status-307 .*\[ack: @lbkit\/aws:action\.redirect\.status-307\]$/,
      ),
      expect.stringMatching(/^rateLimits\[0\]: aws-alb approximates rate-limit\.client-ip .*\[ack: @lbkit\/aws:rate-limit\.client-ip\]$/),
      expect.stringMatching(/^rateLimits\[1\]\.key: aws-alb approximates rate-limit\.header .*\[ack: @lbkit\/aws:rate-limit\.header\]$/),
      expect.stringMatching(/^rateLimits\[1\]\.scope: aws-alb approximates rate-limit\.frontend-subset .*\[ack: @lbkit\/aws:rate-limit\.frontend-subset\]$/),
    ]);
  });

  test('ELBv2 target objects as bindings: the target type comes from them', () => {
    templates['cdk-targets'].hasResourceProperties(`${ELB}::TargetGroup`, {
      TargetType: 'ip',
      Targets: [
        { Id: '10.0.1.1', Port: 8080 },
        { Id: '10.0.1.2', Port: 8080 },
      ],
    });
  });
});

describe('construction errors name the prop or the spec path', () => {
  const construct = (props: Partial<LoadBalancerProps>, stackProps = {}) => {
    const { stack, vpc } = stackWithVpc(testApp(), 'errors', stackProps);
    return () => new LoadBalancer(stack, 'Lb', { spec: httpSpec(), vpc, bindings: { web: { ips: ['10.0.0.1'] } }, ...props } as LoadBalancerProps);
  };

  test.each([
    [
      'a pool without binding',
      { spec: httpSpec({ rules: [{ name: 'r', action: { forward: { pool: 'api' } } }] }) },
      AwsPlacementError,
      /^bindings\.api: pool 'api' \(pools\[1\]\) has no binding/,
    ],
    [
      'a binding for an unknown pool',
      { bindings: { web: { ips: ['10.0.0.1'] }, wbe: { ips: [] } } },
      AwsPlacementError,
      /^bindings\.wbe: no pool 'wbe' is used by a frontend/,
    ],
    ['a bad IP', { bindings: { web: { ips: ['10.0.0.300'] } } }, AwsPlacementError, /^bindings\.web\.ips\[0\]: '10\.0\.0\.300' is not an IP address/],
    [
      'a binding of the wrong shape',
      { bindings: { web: {} } },
      AwsPlacementError,
      /^bindings\.web: give \{ ips \}, \{ instanceIds \}, \{ targetType \} or an array of ELBv2 targets/,
    ],
    ['a bad instance id', { bindings: { web: { instanceIds: ['i-123'] } } }, AwsPlacementError, /^bindings\.web\.instanceIds\[0\]/],
    ['both spec and specFile', { specFile: 'examples/specs/web.yaml' }, AwsPlacementError, /exactly one of spec/],
    ['an invalid spec', { spec: { name: 'x', frontends: [] } }, SpecValidationError, /frontends/],
    [
      'a capability the target lacks',
      { spec: httpSpec({ pools: [{ name: 'web', protocol: 'http', port: 80, whenAllUnhealthy: 'fail-closed' }] }) },
      CapabilityError,
      /pools\[0\]\.whenAllUnhealthy: aws-alb .* cannot express pool\.fail-closed/,
    ],
  ])('%s', (_, props, type, message) => {
    expect(construct(props as Partial<LoadBalancerProps>)).toThrow(type);
    expect(construct(props as Partial<LoadBalancerProps>)).toThrow(message);
  });

  test('a missing or malformed certificate', () => {
    const https = httpSpec({ certificates: [{ name: 'site' }] });
    https.frontends[0] = { ...https.frontends[0], protocol: 'https', port: 443, tls: { certificate: 'site' } };
    expect(construct({ spec: https })).toThrow(/^certificates\.site: the spec's certificate 'site' \(frontends\[0\]\.tls\) has no certificate/);
    expect(construct({ spec: https, certificates: { site: 'not-an-arn' } })).toThrow(/^certificates\.site: 'not-an-arn' is not an ACM or IAM certificate ARN/);
  });

  test('access logs need a stack with a region', () => {
    expect(construct({ spec: httpSpec({ accessLogs: {} }) })).toThrow(/^accessLogs: ELB log delivery is granted per region/);
    expect(construct({ spec: httpSpec({ accessLogs: {} }) }, { env: { region: 'eu-west-1' } })).not.toThrow();
  });

  test('a trust store is needed for mTLS verify', () => {
    const mtls = httpSpec({ certificates: [{ name: 'c' }], trustStores: [{ name: 'ca' }] });
    mtls.frontends[0] = { ...mtls.frontends[0], protocol: 'https', port: 443, tls: { certificate: 'c', clientCertificateTrust: { trustStore: 'ca' } } };
    expect(construct({ spec: mtls, certificates: { c: 'arn:aws:acm:eu-west-1:123456789012:certificate/x' } })).toThrow(
      /^trustStores\.ca: the spec's trust store 'ca'/,
    );
  });

  test('a spec file path is read relative to the working directory', () => {
    const { stack, vpc } = stackWithVpc(testApp(), 'file');
    const lb = new LoadBalancer(stack, 'Lb', { specFile: 'examples/specs/udp.yaml', vpc, bindings: { resolvers: { targetType: 'instance' } } });
    expect(lb.plan.name).toBe('dns');
    expect(Stack.of(lb)).toBe(stack);
  });
});
