/**
 * Specs for the AWS tests beyond the examples: one that uses (nearly) every mapping row of the AWS backend,
 * mixing L7 and L4 frontends, and helpers to derive small variants.
 */
import type { LoadBalancerSpec } from '../../lib/spec/schema';
import type { MemberBinding } from '../../providers/aws/plan';
import { weighted } from '../support/specs';

export const ACCOUNT = '123456789012';
export const certificateArn = (id: string) => `arn:aws:acm:eu-west-1:${ACCOUNT}:certificate/${id}`;
export const TRUST_STORE_ARN = `arn:aws:elasticloadbalancing:eu-west-1:${ACCOUNT}:truststore/clients/0123456789abcdef`;

export const KITCHEN_SINK: LoadBalancerSpec = {
  name: 'shop',
  scheme: 'internal',
  deletionProtection: true,
  tags: { env: 'test' },
  allowNearest: ['aws-alb:action.redirect.status-307', 'aws-alb:rate-limit.frontend-subset', 'aws-alb:rate-limit.client-ip', 'aws-alb:rate-limit.header'],
  certificates: [{ name: 'main' }, { name: 'alt' }, { name: 'edge' }],
  trustStores: [{ name: 'clients' }],
  frontends: [
    {
      name: 'https',
      protocol: 'https',
      port: 8443,
      idleTimeoutSeconds: 120,
      allowedSourceCidrs: ['10.0.0.0/8', '2001:db8::/32'],
      tls: { certificate: 'main', additionalCertificates: ['alt'], minimumVersion: '1.3', clientCertificateTrust: { trustStore: 'clients' } },
      rules: [
        { name: 'hosts', match: { hosts: ['api.example.com', '*.svc.example.com'] }, action: { forward: { pool: 'api' } } },
        {
          name: 'headers',
          match: {
            headers: [
              { name: 'X-Env', exact: 'beta' },
              { name: 'x-mode', prefix: 'fast' },
              { name: 'x-trace', present: true },
              { name: 'x-id', regex: '[0-9]+' },
            ],
            methods: ['GET', 'HEAD'],
          },
          action: weighted({ api: 1, 'api-v2': 3 }, 300),
        },
        {
          name: 'query',
          match: {
            query: [
              { name: 'Version', exact: '2*' },
              { name: 'debug', present: true },
            ],
            sourceCidrs: ['192.168.0.0/16', '2001:db8::/48'],
          },
          action: { fixedResponse: { statusCode: 503, contentType: 'application/json', body: '{"busy":true}' } },
        },
        {
          name: 'paths',
          match: { paths: [{ exact: '/a%20b' }, { prefix: '/docs' }, { regex: '/v[0-9]+/items' }] },
          action: { redirect: { scheme: 'https', host: 'www.example.com', statusCode: 307 } },
        },
        {
          name: 'many',
          match: { paths: [{ prefix: '/p1' }, { prefix: '/p2' }, { prefix: '/p3' }], methods: ['POST', 'PUT', 'PATCH', 'DELETE'] },
          action: { forward: { pool: 'api' } },
        },
      ],
      defaultAction: { forward: { pool: 'web' } },
    },
    { name: 'http', protocol: 'http', port: 80, idleTimeoutSeconds: 120, redirectHttpToHttps: { port: 8443, statusCode: 302 } },
    {
      name: 'tls',
      protocol: 'tls',
      port: 5433,
      tls: { certificate: 'edge', additionalCertificates: ['alt'] },
      defaultAction: { forward: { pool: 'db' } },
    },
    { name: 'dns', protocol: 'udp', port: 53, defaultAction: { forward: { pool: 'dns' } } },
  ],
  pools: [
    {
      name: 'web',
      protocol: 'http',
      port: 8080,
      algorithm: 'least-connections',
      slowStartSeconds: 60,
      sessionPersistence: { type: 'app-cookie', cookieName: 'SESSION', durationSeconds: 600 },
      healthCheck: { path: '/ready', successCodes: '200-299', port: 8081, intervalSeconds: 15, timeoutSeconds: 4, healthyThreshold: 2, unhealthyThreshold: 5 },
    },
    { name: 'api', protocol: 'https', port: 9443, algorithm: 'random' },
    { name: 'api-v2', protocol: 'http', port: 9000, sessionPersistence: { type: 'lb-cookie' } },
    { name: 'db', protocol: 'tls', port: 5432, healthCheck: { protocol: 'tcp' }, drainingSeconds: 0 },
    {
      name: 'dns',
      protocol: 'udp',
      port: 53,
      healthCheck: { protocol: 'http', port: 8053, path: '/health', successCodes: '200-399' },
      sessionPersistence: { type: 'source-ip' },
    },
  ],
  rateLimits: [
    { name: 'per-ip', limit: 1000, windowSeconds: 300 },
    { name: 'per-key', limit: 100, windowSeconds: 60, key: { header: 'X-Api-Key' }, responseStatus: 503, scope: { rules: ['https/query', 'https/paths'] } },
  ],
};

export const KITCHEN_SINK_PLACEMENT = {
  certificates: {
    main: certificateArn('11111111-1111-1111-1111-111111111111'),
    alt: certificateArn('22222222-2222-2222-2222-222222222222'),
    edge: certificateArn('33333333-3333-3333-3333-333333333333'),
  },
  trustStores: { clients: TRUST_STORE_ARN },
  bindings: {
    web: { ips: ['10.0.1.10', '10.0.2.10'] },
    api: { instanceIds: ['i-0123456789abcdef0'] },
    'api-v2': { targetType: 'ip' },
    db: { ips: ['10.0.3.10'] },
    dns: { ips: ['10.0.4.53', '10.0.5.53'] },
  } as Record<string, MemberBinding>,
} as const;

/** A one-frontend HTTP spec with the given rules, pools web/api bound by IP: for mapping tests. */
export function httpSpec(
  overrides: Partial<LoadBalancerSpec> & { rules?: NonNullable<LoadBalancerSpec['frontends'][number]['rules']> } = {},
): LoadBalancerSpec {
  const { rules, ...rest } = overrides;
  return {
    name: 'map',
    // WAF estimates request rates (providers/aws/sources.ts wafRateCaveats): every rate limit here accepts that.
    ...(overrides.rateLimits ? { allowNearest: ['aws-alb:rate-limit.client-ip', 'aws-alb:rate-limit.header'] } : {}),
    frontends: [{ name: 'http', protocol: 'http', port: 80, rules: rules ?? [], defaultAction: { forward: { pool: 'web' } } }],
    pools: [
      { name: 'web', protocol: 'http', port: 8080 },
      { name: 'api', protocol: 'http', port: 9000 },
    ],
    ...rest,
  };
}

/**
 * Every kind of protection on an ALB (strict managed rules in detect mode, IP lists of both families, an allow list
 * of countries, Shield Advanced) with a rate limit and alarms, for the operations tests and the CDK/Pulumi equivalence.
 */
export const PROTECTED: LoadBalancerSpec = httpSpec({
  name: 'guarded',
  ipAddressType: 'dualstack',
  rateLimits: [{ name: 'per-ip', limit: 500, windowSeconds: 60 }],
  protection: {
    managedRules: { level: 'strict', mode: 'detect' },
    ipDeny: ['203.0.113.0/24', '2001:db8:bad::/48'],
    ipAllow: ['198.51.100.0/24', '2001:db8::/32'],
    geo: { allow: ['DE', 'FR'] },
    ddos: 'advanced',
  },
  alarms: [
    { name: 'refused', metric: 'rate-limited', threshold: 50 },
    { name: 'down', metric: 'healthy-members', pool: 'web', threshold: 1 },
  ],
});
export const PROTECTED_BINDINGS = { web: { ips: ['10.0.1.10'] } } as const;
