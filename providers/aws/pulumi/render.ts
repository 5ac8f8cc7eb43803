/** Plan pieces -> @pulumi/aws input shapes: conditions, actions, health checks, target-group settings, SG rules. */
import type * as pulumi from '@pulumi/pulumi';
import type * as lb from '@pulumi/aws/lb';
import type * as aws from '@pulumi/aws/types/input';
import { AWS_DEFAULTS } from '../plan/defaults';
import { probeSettings } from '../plan/health-check';
import type { ActionPlan, ConditionPlan, SecurityGroupRulePlan, TargetGroupPlan, TransformPlan, ValuesOrRegex } from '../plan/types';

/** values or regexValues, whichever the plan set (the provider rejects both). */
const valuesOrRegex = (c: ValuesOrRegex) => (c.values ? { values: [...c.values] } : { regexValues: [...c.regexValues!] });

export function condition(c: ConditionPlan): aws.lb.ListenerRuleCondition {
  switch (c.field) {
    case 'host-header':
      return { hostHeader: valuesOrRegex(c.hostHeaderConfig) };
    case 'path-pattern':
      return { pathPattern: valuesOrRegex(c.pathPatternConfig) };
    case 'http-header':
      return { httpHeader: { httpHeaderName: c.httpHeaderConfig.httpHeaderName, ...valuesOrRegex(c.httpHeaderConfig) } };
    case 'query-string':
      return { queryStrings: c.queryStringConfig.values.map((v) => ({ key: v.key, value: v.value })) };
    case 'http-request-method':
      return { httpRequestMethod: { values: [...c.httpRequestMethodConfig.values] } };
    case 'source-ip':
      return { sourceIp: { values: [...c.sourceIpConfig.values] } };
  }
}

export function action(a: ActionPlan, arnOf: (pool: string) => pulumi.Input<string>): aws.lb.ListenerRuleAction & aws.lb.ListenerDefaultAction {
  switch (a.type) {
    case 'forward':
      return { type: 'forward', targetGroupArn: arnOf(a.pool) };
    case 'weighted-forward':
      return {
        type: 'forward',
        forward: {
          targetGroups: a.targetGroups.map((t) => ({ arn: arnOf(t.pool), weight: t.weight })),
          ...(a.stickinessSeconds !== undefined ? { stickiness: { enabled: true, duration: a.stickinessSeconds } } : {}),
        },
      };
    case 'redirect':
      return { type: 'redirect', redirect: { protocol: a.protocol, host: a.host, port: a.port, path: a.path, query: a.query, statusCode: a.statusCode } };
    case 'fixed-response':
      return {
        type: 'fixed-response',
        fixedResponse: { statusCode: a.statusCode, contentType: a.contentType, ...(a.messageBody !== undefined ? { messageBody: a.messageBody } : {}) },
      };
  }
}

/**
 * The probe in seconds, as the provider counts them; the Terraform matcher holds HTTP codes, or gRPC codes on a
 * GRPC target group. The provider's own threshold defaults (3 and 3) are not AWS's, so a threshold the spec left
 * out is written as AWS's (./plan/defaults.ts); an HTTP probe's path, which the provider asks for, as AWS's '/'.
 */
function pulumiProbe(tg: TargetGroupPlan): lb.TargetGroupArgs['healthCheck'] {
  const { grpcMatcher, matcher, ...same } = probeSettings(tg.healthCheck, (seconds) => seconds);
  const codes = grpcMatcher ?? matcher;
  const aws = tg.loadBalancer === 'application' ? AWS_DEFAULTS.albHealthCheck : AWS_DEFAULTS.nlbHealthCheck;
  const httpProbe = same.protocol !== 'TCP' && tg.protocolVersion !== 'GRPC';
  return {
    ...same,
    healthyThreshold: same.healthyThreshold ?? aws.healthyThreshold,
    unhealthyThreshold: same.unhealthyThreshold ?? aws.unhealthyThreshold,
    ...(httpProbe && same.path === undefined ? { path: aws.path } : {}),
    ...(codes !== undefined ? { matcher: codes } : {}),
  };
}

/** Target-group settings: what the plan sets, and nothing where the target group keeps AWS's own default. */
export function targetGroupSettings(tg: TargetGroupPlan): lb.TargetGroupArgs {
  const a = tg.attributes;
  const s = a.stickiness;
  return {
    port: tg.port,
    protocol: tg.protocol,
    ...(tg.protocolVersion ? { protocolVersion: tg.protocolVersion } : {}),
    healthCheck: pulumiProbe(tg),
    ...(a.deregistrationDelaySeconds !== undefined ? { deregistrationDelay: a.deregistrationDelaySeconds } : {}),
    ...(a.slowStartSeconds !== undefined ? { slowStart: a.slowStartSeconds } : {}),
    ...(a.algorithm ? { loadBalancingAlgorithmType: a.algorithm } : {}),
    ...(a.anomalyMitigation ? { loadBalancingAnomalyMitigation: a.anomalyMitigation } : {}),
    ...(a.connectionTermination !== undefined ? { connectionTermination: a.connectionTermination } : {}),
    ...(s
      ? {
          stickiness: {
            enabled: s.enabled,
            type: s.type,
            ...(s.durationSeconds !== undefined ? { cookieDuration: s.durationSeconds } : {}),
            ...(s.cookieName !== undefined ? { cookieName: s.cookieName } : {}),
          },
        }
      : {}),
  };
}

export function securityGroupRule(r: SecurityGroupRulePlan): aws.ec2.SecurityGroupIngress & aws.ec2.SecurityGroupEgress {
  return {
    protocol: r.protocol,
    fromPort: r.port,
    toPort: r.port,
    description: r.description,
    ...(r.ipVersion === 6 ? { ipv6CidrBlocks: [r.cidr] } : { cidrBlocks: [r.cidr] }),
  };
}

/** A planned transform as @pulumi/aws ListenerRuleTransform (one rewrite block per transform). */
export function transform(t: TransformPlan): aws.lb.ListenerRuleTransform {
  const config = { rewrite: { regex: t.regex, replace: t.replace } };
  return t.type === 'host-header-rewrite' ? { type: t.type, hostHeaderRewriteConfig: config } : { type: t.type, urlRewriteConfig: config };
}
