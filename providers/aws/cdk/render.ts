/** Plan pieces -> aws-cdk-lib objects: conditions, actions, health checks, certificates, security group rules. */
import { Duration } from 'aws-cdk-lib';
import type { ICertificate } from 'aws-cdk-lib/aws-certificatemanager';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as elbv2 from 'aws-cdk-lib/aws-elasticloadbalancingv2';
import { AwsPlacementError } from '../../../lib/errors';
import { probeSettings } from '../plan/health-check';
import type { ActionPlan, ConditionPlan, HealthCheckPlan, SecurityGroupRulePlan, TransformPlan } from '../plan/types';

/** A listener-rule condition exactly as the plan has it (the L2 factories lack regexValues). */
export class PlannedCondition extends elbv2.ListenerCondition {
  constructor(private readonly condition: ConditionPlan) {
    super();
  }

  renderRawCondition(): unknown {
    return this.condition;
  }
}

export function applicationAction(action: ActionPlan, targetGroup: (pool: string) => elbv2.IApplicationTargetGroup): elbv2.ListenerAction {
  switch (action.type) {
    case 'forward':
      return elbv2.ListenerAction.forward([targetGroup(action.pool)]);
    case 'weighted-forward':
      return elbv2.ListenerAction.weightedForward(
        action.targetGroups.map((t) => ({ targetGroup: targetGroup(t.pool), weight: t.weight })),
        action.stickinessSeconds !== undefined ? { stickinessDuration: Duration.seconds(action.stickinessSeconds) } : undefined,
      );
    case 'redirect':
      return elbv2.ListenerAction.redirect({
        protocol: action.protocol,
        host: action.host,
        port: action.port,
        path: action.path,
        query: action.query,
        permanent: action.statusCode === 'HTTP_301',
      });
    case 'fixed-response':
      return elbv2.ListenerAction.fixedResponse(Number(action.statusCode), {
        contentType: action.contentType,
        ...(action.messageBody !== undefined ? { messageBody: action.messageBody } : {}),
      });
  }
}

export function networkAction(action: ActionPlan, targetGroup: (pool: string) => elbv2.INetworkTargetGroup): elbv2.NetworkListenerAction {
  if (action.type === 'forward') return elbv2.NetworkListenerAction.forward([targetGroup(action.pool)]);
  // Weighted NLB target groups: ForwardConfig.TargetGroups on the listener (providers/aws/sources.ts nlbWeightedForward).
  if (action.type === 'weighted-forward')
    return elbv2.NetworkListenerAction.weightedForward(action.targetGroups.map((t) => ({ targetGroup: targetGroup(t.pool), weight: t.weight })));
  // The capability table keeps every other action off an NLB.
  throw new AwsPlacementError(`an NLB listener can only forward, not ${action.type}`);
}

/** The plan's probe as aws-cdk-lib takes it: three fields have their own names there. */
export function healthCheck(hc: HealthCheckPlan): elbv2.HealthCheck {
  const { protocol, healthyThreshold, unhealthyThreshold, matcher, grpcMatcher, ...same } = probeSettings(hc, Duration.seconds);
  return {
    ...same,
    protocol: protocol as elbv2.Protocol,
    healthyThresholdCount: healthyThreshold,
    unhealthyThresholdCount: unhealthyThreshold,
    ...(matcher !== undefined ? { healthyHttpCodes: matcher } : {}),
    ...(grpcMatcher !== undefined ? { healthyGrpcCodes: grpcMatcher } : {}),
  };
}

/** A certificate the placement gives (checked by the plan's placement problems) as a listener certificate. */
export function listenerCertificate(given: ICertificate | string): elbv2.ListenerCertificate {
  return typeof given === 'string' ? elbv2.ListenerCertificate.fromArn(given) : elbv2.ListenerCertificate.fromCertificateManager(given);
}

export function addSecurityGroupRules(sg: ec2.SecurityGroup, ingress: readonly SecurityGroupRulePlan[], egress: readonly SecurityGroupRulePlan[]): void {
  const peer = (r: SecurityGroupRulePlan) => (r.ipVersion === 6 ? ec2.Peer.ipv6(r.cidr) : ec2.Peer.ipv4(r.cidr));
  const port = (r: SecurityGroupRulePlan) => (r.protocol === 'udp' ? ec2.Port.udp(r.port) : ec2.Port.tcp(r.port));
  for (const r of ingress) sg.addIngressRule(peer(r), port(r), r.description);
  for (const r of egress) sg.addEgressRule(peer(r), port(r), r.description);
}

/** WAF fields aws-cdk-lib types as raw JSON: their keys go to CloudFormation as written, so PascalCase. */
const RAW_JSON_FIELDS = new Set(['singleHeader', 'singleQueryArgument']);

/** A plan WAF rule for CfnWebACL: the camelCase shape, with raw-JSON fields' keys in CloudFormation's case. */
export function cloudFormationWaf<T>(value: T): T {
  const visit = (v: unknown, raw: boolean): unknown => {
    if (Array.isArray(v)) return v.map((x) => visit(x, raw));
    if (v && typeof v === 'object' && !('Ref' in v) && !Object.keys(v).some((k) => k.startsWith('Fn::'))) {
      return Object.fromEntries(
        Object.entries(v as Record<string, unknown>).map(([k, x]) => [raw ? k[0].toUpperCase() + k.slice(1) : k, visit(x, RAW_JSON_FIELDS.has(k))]),
      );
    }
    return v;
  };
  return visit(value, false) as T;
}

/** A planned transform as CloudFormation's ListenerRule Transform (one rewrite per transform). */
export function cfnTransform(t: TransformPlan): elbv2.CfnListenerRule.TransformProperty {
  const config = { rewrites: [{ regex: t.regex, replace: t.replace }] };
  return t.type === 'host-header-rewrite' ? { type: t.type, hostHeaderRewriteConfig: config } : { type: t.type, urlRewriteConfig: config };
}
