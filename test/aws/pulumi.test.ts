/**
 * The Pulumi component `lbkit:aws:LoadBalancer`: a snapshot of every example's resource graph, children
 * parented to the component, outputs registered, explicit values where the provider's defaults differ, and
 * synchronous validation (nothing registered when the args are wrong).
 */
import { mockPulumi, settle, snapshotOf, valueOf, type RecordedResource } from '../support/pulumi';
import { LoadBalancer } from '../../providers/aws/pulumi';
import { AwsPlacementError } from '../../providers/aws/plan';
import { CapabilityError } from '../../lib/errors';
import { PLACEMENTS, pulumiArgs } from '../../examples/cdk/placements';
import { KITCHEN_SINK, KITCHEN_SINK_PLACEMENT, httpSpec } from './fixtures';
import { awsState, mockArn } from './support/pulumi-aws';

const recorder = mockPulumi(awsState);
/** What the component logged as warnings (pulumi.log.warn falls back to the console under mocks). */
let warnings: string[] = [];
beforeEach(() => {
  recorder.reset();
  warnings = [];
  jest.spyOn(console, 'warn').mockImplementation((...args: unknown[]) => {
    warnings.push(args.join(' '));
  });
});
afterEach(() => jest.restoreAllMocks());

const LB = 'aws:lb/loadBalancer:LoadBalancer';
const LISTENER = 'aws:lb/listener:Listener';
const RULE = 'aws:lb/listenerRule:ListenerRule';
const TG = 'aws:lb/targetGroup:TargetGroup';
const inputs = (type: string, name: string): Record<string, any> => recorder.get(type, name).inputs;

async function build(name: string, args: ConstructorParameters<typeof LoadBalancer>[1]): Promise<LoadBalancer> {
  const lb = new LoadBalancer(name, args);
  await settle(recorder, [lb]);
  return lb;
}

describe('example programs', () => {
  test.each(Object.keys(PLACEMENTS))('resource graph of %s matches its snapshot', async (spec) => {
    await build(spec, pulumiArgs(spec));
    expect(snapshotOf(recorder)).toMatchSnapshot();
  });

  test('every child is parented to the component, which registers dnsName and arn', async () => {
    const lb = await build('web', pulumiArgs('web'));
    const children = recorder.resources.filter((r: RecordedResource) => r.type !== 'lbkit:aws:LoadBalancer');
    expect(children.length).toBeGreaterThan(10);
    expect(children.filter((r) => r.parent !== 'web')).toEqual([]);
    expect(recorder.get('lbkit:aws:LoadBalancer', 'web')).toBeDefined();
    expect(await valueOf(lb.dnsName)).toBe('web-alb.elb.amazonaws.com');
    expect(await valueOf(lb.arn)).toBe(mockArn(LB, 'web-alb'));
  });

  test('examples/pulumi-aws/index.ts creates one component per placed example', async () => {
    const program = jest.requireActual<{ loadBalancers: Record<string, LoadBalancer>; dnsNames: Record<string, unknown> }>('../../examples/pulumi-aws/index');
    await settle(recorder, Object.values(program.loadBalancers));
    expect(
      recorder
        .ofType('lbkit:aws:LoadBalancer')
        .map((r) => r.name)
        .sort(),
    ).toEqual(Object.keys(PLACEMENTS).sort());
    expect(await valueOf(program.dnsNames['internal-tcp'] as never)).toBe('internal-tcp-nlb.elb.amazonaws.com');
  });
});

describe("what the spec writes, and AWS's own value where the provider's default differs (thresholds 3/3)", () => {
  test('web: ALB, listeners, rules, target groups', async () => {
    await build('web', pulumiArgs('web'));
    expect(inputs(LB, 'web-alb')).toMatchObject({
      loadBalancerType: 'application',
      internal: false,
      ipAddressType: 'ipv4',
      idleTimeout: 60,
      dropInvalidHeaderFields: true,
      subnets: ['subnet-0123456789abcdef0', 'subnet-0123456789abcdef1'],
      accessLogs: { bucket: 'web-logs-bucket', prefix: 'web', enabled: true },
    });
    expect(inputs(LISTENER, 'web/http').defaultActions).toEqual([
      { type: 'redirect', redirect: { protocol: 'HTTPS', host: '#{host}', port: '443', path: '/#{path}', query: '#{query}', statusCode: 'HTTP_301' } },
    ]);
    expect(inputs(RULE, 'web/https/static.2')).toMatchObject({
      priority: 21,
      conditions: [{ pathPattern: { values: ['/assets', '/assets/*'] } }],
      actions: [{ type: 'forward', targetGroupArn: mockArn(TG, 'web-static') }],
    });
    expect(inputs(TG, 'web-web')).toMatchObject({
      port: 8080,
      protocol: 'HTTP',
      targetType: 'ip',
      vpcId: 'vpc-0123456789abcdef0',
      deregistrationDelay: 30,
      healthCheck: {
        enabled: true,
        protocol: 'HTTP',
        port: 'traffic-port',
        path: '/healthz',
        interval: 10,
        timeout: 5,
        healthyThreshold: 3,
        unhealthyThreshold: 3,
      },
      stickiness: { enabled: true, type: 'lb_cookie', cookieDuration: 3600 },
    });
    // Left out of web.yaml: AWS's own deletion protection (off), HTTP/2 (on), slow start (off), algorithm (round robin), codes (200).
    expect(inputs(TG, 'web-web').healthCheck.matcher).toBeUndefined();
    for (const [type, name, field] of [
      [LB, 'web-alb', 'enableDeletionProtection'],
      [LB, 'web-alb', 'enableHttp2'],
      [TG, 'web-web', 'slowStart'],
      [TG, 'web-web', 'loadBalancingAlgorithmType'],
    ])
      expect(inputs(type, name)[field]).toBeUndefined();
    // web-canary writes only its path: the provider's 3/3 thresholds would not be AWS's 5/2, so those are written.
    expect(inputs(TG, 'web-web-canary').healthCheck).toEqual({
      enabled: true,
      protocol: 'HTTP',
      port: 'traffic-port',
      path: '/healthz',
      healthyThreshold: 5,
      unhealthyThreshold: 2,
    });
    expect(recorder.ofType('aws:lb/targetGroupAttachment:TargetGroupAttachment').map((r) => [r.name, r.inputs.targetId, r.inputs.port])).toEqual(
      expect.arrayContaining([
        ['web/web/10-0-1-10', '10.0.1.10', 8080],
        ['web/api/i-0123456789abcdef0', 'i-0123456789abcdef0', 9000],
      ]),
    );
  });

  test("web: the created access-logs bucket is private, encrypted, TLS-only, and lets the region's ELB account write", async () => {
    await build('web', pulumiArgs('web'));
    expect(inputs('aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock', 'web-logs')).toMatchObject({
      blockPublicAcls: true,
      blockPublicPolicy: true,
      ignorePublicAcls: true,
      restrictPublicBuckets: true,
    });
    expect(inputs('aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration', 'web-logs').rules).toEqual([
      { applyServerSideEncryptionByDefault: { sseAlgorithm: 'AES256' } },
    ]);
    const policy = JSON.parse(inputs('aws:s3/bucketPolicy:BucketPolicy', 'web-logs').policy);
    expect(policy.Statement.map((s: { Sid: string }) => s.Sid)).toEqual(['TlsOnly', 'ElbLogDelivery', 'NlbLogDelivery', 'NlbLogDeliveryAcl']);
    expect(policy.Statement[1]).toMatchObject({
      Principal: { AWS: 'arn:aws:iam::156460612806:root' },
      Resource: `${mockArn('aws:s3/bucket:Bucket', 'web-logs')}/web/AWSLogs/*`,
    });
  });

  test('a given access-logs bucket is used as it is', async () => {
    await build('web', { ...pulumiArgs('web'), accessLogsBucket: 'my-logs' });
    expect(recorder.ofType('aws:s3/bucket:Bucket')).toEqual([]);
    expect(inputs(LB, 'web-alb').accessLogs).toEqual({ bucket: 'my-logs', prefix: 'web', enabled: true });
  });

  test('kitchen sink: mTLS, SNI certificates, regex and header conditions, NLB TLS and UDP, WAF with IP sets', async () => {
    await build('shop', { spec: KITCHEN_SINK, vpcId: 'vpc-0123456789abcdef0', subnetIds: ['subnet-0123456789abcdef2'], ...KITCHEN_SINK_PLACEMENT });
    expect(inputs(LB, 'shop-alb')).toMatchObject({ internal: true, enableDeletionProtection: true, idleTimeout: 120 });
    expect(inputs(LB, 'shop-nlb')).toMatchObject({ loadBalancerType: 'network', internal: true, enableCrossZoneLoadBalancing: true });
    expect(inputs(LISTENER, 'shop/https')).toMatchObject({
      protocol: 'HTTPS',
      port: 8443,
      sslPolicy: 'ELBSecurityPolicy-TLS13-1-3-2021-06',
      certificateArn: KITCHEN_SINK_PLACEMENT.certificates.main,
      mutualAuthentication: {
        mode: 'verify',
        trustStoreArn: KITCHEN_SINK_PLACEMENT.trustStores.clients,
        ignoreClientCertificateExpiry: false,
        advertiseTrustStoreCaNames: 'off',
      },
    });
    expect(inputs('aws:lb/listenerCertificate:ListenerCertificate', 'shop/https/alt')).toEqual({
      listenerArn: mockArn(LISTENER, 'shop/https'),
      certificateArn: KITCHEN_SINK_PLACEMENT.certificates.alt,
    });
    expect(inputs(LISTENER, 'shop/tls')).toMatchObject({
      protocol: 'TLS',
      alpnPolicy: 'None',
      sslPolicy: 'ELBSecurityPolicy-TLS13-1-2-2021-06',
    });
    expect(inputs(LISTENER, 'shop/dns').tcpIdleTimeoutSeconds).toBeUndefined();
    expect(inputs(LISTENER, 'shop/tls').tcpIdleTimeoutSeconds).toBeUndefined();
    expect(inputs(RULE, 'shop/https/headers').conditions).toEqual([
      { httpRequestMethod: { values: ['GET'] } },
      { httpHeader: { httpHeaderName: 'x-env', values: ['beta'] } },
      { httpHeader: { httpHeaderName: 'x-mode', values: ['fast*'] } },
      { httpHeader: { httpHeaderName: 'x-trace', values: ['*'] } },
      { httpHeader: { httpHeaderName: 'x-id', regexValues: ['^(?:[0-9]+)$'] } },
    ]);
    expect(inputs(RULE, 'shop/https/headers').actions).toEqual([
      {
        type: 'forward',
        forward: {
          targetGroups: [
            { arn: mockArn(TG, 'shop-api'), weight: 1 },
            { arn: mockArn(TG, 'shop-api-v2'), weight: 3 },
          ],
          stickiness: { enabled: true, duration: 300 },
        },
      },
    ]);
    expect(inputs(RULE, 'shop/https/query').conditions).toEqual([
      { sourceIp: { values: ['192.168.0.0/16', '2001:db8::/48'] } },
      { queryStrings: [{ key: 'Version', value: '2\\*' }] },
      { queryStrings: [{ key: 'debug', value: '*' }] },
    ]);
    expect(inputs(TG, 'shop-dns')).toMatchObject({
      protocol: 'UDP',
      stickiness: { enabled: true, type: 'source_ip' },
      healthCheck: { protocol: 'HTTP', port: '8053', matcher: '200-399' },
    });
    expect(inputs(TG, 'shop-api-v2')).toMatchObject({ targetType: 'ip' });
    expect(recorder.ofType('aws:lb/targetGroupAttachment:TargetGroupAttachment').filter((r) => r.name.startsWith('shop/api-v2/'))).toEqual([]);
    expect(inputs('aws:wafv2/ipSet:IpSet', 'shop-https-query-v6')).toMatchObject({ scope: 'REGIONAL', ipAddressVersion: 'IPV6', addresses: ['2001:db8::/48'] });
    const waf = inputs('aws:wafv2/webAcl:WebAcl', 'shop-waf');
    expect(waf).toMatchObject({
      scope: 'REGIONAL',
      defaultAction: { allow: {} },
      visibilityConfig: { metricName: 'shop-waf', cloudWatchMetricsEnabled: true, sampledRequestsEnabled: true },
    });
    expect(JSON.stringify(waf.rules[1].statement.rateBasedStatement.scopeDownStatement)).toContain(
      `"ipSetReferenceStatement":{"arn":"${mockArn('aws:wafv2/ipSet:IpSet', 'shop-https-query-v4')}"}`,
    );
    expect(inputs('aws:wafv2/webAclAssociation:WebAclAssociation', 'shop/waf')).toEqual({
      resourceArn: mockArn(LB, 'shop-alb'),
      webAclArn: mockArn('aws:wafv2/webAcl:WebAcl', 'shop-waf'),
    });
    // The accepted approximations are said, with their spec paths.
    expect(warnings).toEqual([
      expect.stringContaining('frontends[0].rules[3].action.redirect.statusCode: aws-alb approximates action.redirect.status-307'),
      expect.stringContaining('rateLimits[0]: aws-alb approximates rate-limit.client-ip'),
      expect.stringContaining('rateLimits[1].key: aws-alb approximates rate-limit.header'),
      expect.stringContaining('rateLimits[1].scope: aws-alb approximates rate-limit.frontend-subset'),
    ]);
  });
});

describe('validation is synchronous and registers nothing when it fails', () => {
  const base = () => ({ spec: httpSpec(), vpcId: 'vpc-0123456789abcdef0', subnetIds: ['subnet-0123456789abcdef0'], bindings: { web: { ips: ['10.0.0.1'] } } });
  test.each([
    ['unbound pool', { spec: httpSpec({ rules: [{ name: 'r', action: { forward: { pool: 'api' } } }] }) }, AwsPlacementError, /^bindings\.api: pool 'api'/],
    [
      'missing certificate',
      {
        spec: {
          ...httpSpec({ certificates: [{ name: 'c' }] }),
          frontends: [{ name: 's', protocol: 'https', port: 443, tls: { certificate: 'c' }, defaultAction: { forward: { pool: 'web' } } }],
        },
      },
      AwsPlacementError,
      /^certificates\.c: the spec's certificate 'c' \(frontends\[0\]\.tls\) has no certificate ARN/,
    ],
    [
      'a target-group capability AWS lacks',
      { spec: httpSpec({ pools: [{ name: 'web', protocol: 'http', port: 80, passiveHealthCheck: {} }] }) },
      CapabilityError,
      /pools\[0\]\.passiveHealthCheck: aws-alb .* cannot express pool\.passive-health/,
    ],
    ['access logs without a region', { spec: httpSpec({ accessLogs: {} }) }, AwsPlacementError, /^region: the created access-logs bucket needs the region/],
  ])('%s', (_, args, type, message) => {
    expect(() => new LoadBalancer('bad', { ...base(), ...args } as never)).toThrow(type);
    expect(() => new LoadBalancer('bad', { ...base(), ...args } as never)).toThrow(message);
    expect(recorder.resources).toEqual([]);
  });
});
