/**
 * Every default of the spec, in one place. The schema documents them (`@default`); only the model applies
 * them. Chosen so that the same spec means the same thing on every cloud: where clouds disagree (AWS API
 * thresholds 5/2, Pulumi's 3/3, GCP's 2/2), lbkit picks a value and every backend sets it explicitly.
 */
export const DEFAULTS = {
  scheme: 'external',
  ipAddressType: 'ipv4',
  deletionProtection: false,
  strict: true,
  idleTimeoutSeconds: 60,
  ruleOrder: 'first-match',
  tlsMinimumVersion: '1.2',
  mtlsMode: 'verify',
  redirectStatusCode: 301,
  httpsRedirectPort: 443,
  fixedResponseContentType: 'text/plain',
  /**
   * Per layer: every cloud's L4 load balancer hashes flows, which is `random` per connection, so an L4 pool
   * that says nothing compiles natively everywhere; L7 pools default to round robin.
   */
  algorithm: { l7: 'round-robin', l4: 'random' },
  healthCheck: {
    path: '/',
    intervalSeconds: 10,
    timeoutSeconds: 5,
    healthyThreshold: 3,
    unhealthyThreshold: 3,
    /** 200 only: the one success code every cloud's probe accepts (Azure LB and GCP accept nothing else). */
    successCodes: '200',
  },
  /** grpc probes: the whole server, and OK (which must also say SERVING). */
  grpcHealthCheck: { service: '', statusCodes: '0' },
  passiveHealthCheck: { consecutiveFailures: 5, ejectionSeconds: 30, maxEjectedPercent: 50 },
  cookieDurationSeconds: 86400,
  drainingSeconds: 300,
  slowStartSeconds: 0,
  whenAllUnhealthy: 'fail-open',
  /** http and https pools speak HTTP/1.1 to members unless told; grpc and grpcs pools always HTTP/2. */
  poolHttp2: false,
  /** Gateway API XBackendTrafficPolicy retryConstraint's own defaults. */
  retryBudget: { percent: 20, intervalSeconds: 10, minRetryRate: { count: 10, intervalSeconds: 1 } },
  rateLimitKey: 'client-ip',
  rateLimitResponseStatus: 429,
  /** Alarms: p99 is the percentile the source material names; 3 one-minute periods ride out a single spike. */
  alarm: { percentile: 99, periodSeconds: 60, evaluationPeriods: 3 },
  protection: { managedRulesMode: 'block', ddos: 'platform', status: 403 },
} as const;
