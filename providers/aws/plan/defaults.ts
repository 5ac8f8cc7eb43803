/**
 * AWS's own defaults for what a spec leaves out (SEMANTICS.md, "Target defaults: AWS"). The plan omits such a
 * field, so CloudFormation (CDK) and the API apply these; the values are here for the renderers whose provider
 * has defaults of its own (the Pulumi/Terraform provider's health-check thresholds are 3/3) and for the docs.
 * Both columns set nativeDefaults: only what the spec writes is judged.
 */
const ALB = 'https://docs.aws.amazon.com/elasticloadbalancing/latest/application';
const NLB = 'https://docs.aws.amazon.com/elasticloadbalancing/latest/network';

export const AWS_DEFAULTS = {
  /** `${ALB}/target-group-health-checks.html#health-check-settings`: interval 30 s, timeout 5 s, healthy 5, unhealthy 2, path /, codes 200. */
  albHealthCheck: {
    intervalSeconds: 30,
    timeoutSeconds: 5,
    healthyThreshold: 5,
    unhealthyThreshold: 2,
    path: '/',
    matcher: '200',
    source: `${ALB}/target-group-health-checks.html`,
  },
  /**
   * `${NLB}/target-group-health-checks.html#health-check-settings`: interval 30 s, timeout 6 s (HTTP probe) or 10 s
   * (TCP, HTTPS probe), healthy 5, unhealthy 2, path /, codes 200-399.
   */
  nlbHealthCheck: {
    intervalSeconds: 30,
    healthyThreshold: 5,
    unhealthyThreshold: 2,
    path: '/',
    matcher: '200-399',
    source: `${NLB}/target-group-health-checks.html`,
  },
  /** `${ALB}/edit-target-group-attributes.html#deregistration-delay` (NLB alike): 300 s. */
  deregistrationDelaySeconds: 300,
  /** `${ALB}/application-load-balancers.html#load-balancer-attributes`: idle_timeout.timeout_seconds 60, routing.http2.enabled true. */
  albIdleTimeoutSeconds: 60,
  /** `${NLB}/update-idle-timeout.html`: "The default idle timeout value for TCP flows is 350 seconds" (TLS listeners: 350, fixed). */
  nlbTcpIdleTimeoutSeconds: 350,
} as const;
