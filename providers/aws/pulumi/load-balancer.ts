/**
 * `LoadBalancer` (`lbkit:aws:LoadBalancer`): an lbkit spec as a Pulumi component on @pulumi/aws. It renders the
 * same AWS plan as the CDK construct, with every value explicit, so both deploy the same load balancer.
 * Everything is validated synchronously in the constructor, before any child is registered.
 */
import * as ec2 from '@pulumi/aws/ec2';
import * as lb from '@pulumi/aws/lb';
import * as s3 from '@pulumi/aws/s3';
import type * as shield from '@pulumi/aws/shield';
import type * as wafv2 from '@pulumi/aws/wafv2';
import * as pulumi from '@pulumi/pulumi';
import type { CapabilityDiagnostic, Problem } from '../../../lib/errors';
import { validatedPlan, type AwsInput, type Validated } from '../validate';
import {
  accessLogsBucketPolicy,
  memberId,
  resolveBinding,
  type AwsPlan,
  type ListenerPlan,
  type LoadBalancerPlan,
  type MemberBinding,
  type PlacementTerms,
  type ResolvedBinding,
} from '../plan';
import { alarmTopicProblems, planAlarms } from '../plan/alarms';
import { planDashboard } from '../plan/dashboard';
import { renderAlarms, type AlarmScope } from './alarms';
import type * as cloudwatch from '@pulumi/aws/cloudwatch';
import { renderDashboard } from './dashboard';
import { renderShield, renderWebAcl } from './protection';
import { action, condition, securityGroupRule, targetGroupSettings, transform } from './render';

export interface LoadBalancerArgs extends AwsInput {
  /** The VPC of the target groups and security groups. */
  readonly vpcId: pulumi.Input<string>;
  /** Subnets of the load balancers (public ones for an external spec). */
  readonly subnetIds: pulumi.Input<pulumi.Input<string>[]>;
  /** One ACM or IAM certificate ARN per spec certificate name. @default none */
  readonly certificates?: Readonly<Record<string, pulumi.Input<string>>>;
  /** One trust store ARN per spec trust-store name (mutual TLS in verify mode). @default none */
  readonly trustStores?: Readonly<Record<string, pulumi.Input<string>>>;
  /** Members per pool name: `{ ips }`, `{ instanceIds }` or `{ targetType }`; every pool a frontend uses needs one. */
  readonly bindings: Readonly<Record<string, MemberBinding>>;
  /**
   * The name of the bucket access logs go to, when the spec turns them on; its policy must let ELB deliver.
   * @default a bucket is created (SSE-S3, no public access, TLS only) with the policy log delivery needs
   */
  readonly accessLogsBucket?: pulumi.Input<string>;
  /**
   * SNS topic ARNs by the notification names the spec's alarms use (`notify`).
   * @default none (an alarm with `notify` then is a placement problem)
   */
  readonly alarmTopics?: Readonly<Record<string, pulumi.Input<string>>>;
  /**
   * The region: for the created access-logs bucket's policy, and the Region dimension of WAF metrics (rate-limited
   * alarms, the dashboard). @default the aws:region config value
   */
  readonly region?: string;
}

/** What the component's args take, as its placement problems name it. */
const PULUMI_TERMS: PlacementTerms = {
  certificate: 'certificate ARN',
  certificateFix: 'give an ACM or IAM certificate ARN',
  trustStore: 'trust store ARN',
  trustStoreFix: 'give the ARN of an ELBv2 trust store',
};

/** The plan with what the component needs besides it: resolved bindings, and the region. */
interface PlacedPlan extends Validated {
  readonly bindings: Map<string, ResolvedBinding>;
  readonly region?: string;
}

/**
 * Everything that can fail, checked before the component registers anything: spec, capability, AWS limits and
 * placement, thrown together.
 */
function validate(args: LoadBalancerArgs): PlacedPlan {
  const region = args.region ?? new pulumi.Config('aws').get('region');
  const regionProblems = (plan: AwsPlan): Problem[] => {
    const needsBucket = plan.loadBalancers.some((l) => l.accessLogs) && args.accessLogsBucket === undefined;
    const needsRegion = planAlarms(plan).some((a) => a.metrics.some((m) => m.waf)) || args.dashboard === true;
    if (region) return [];
    const fix = 'set region, or the aws:region config';
    return [
      ...(needsBucket ? [{ code: 'LBKIT_AWS_PLACEMENT' as const, path: 'region', message: 'the created access-logs bucket needs the region', fix }] : []),
      ...(needsRegion
        ? [
            {
              code: 'LBKIT_AWS_PLACEMENT' as const,
              path: 'region',
              message: "a rate-limited alarm's WAF metric and the dashboard's widgets name the region",
              fix,
            },
          ]
        : []),
    ];
  };
  const { plan, warnings } = validatedPlan(args, {
    bindings: args.bindings,
    certificates: args.certificates,
    trustStores: args.trustStores,
    terms: PULUMI_TERMS,
    own: (plan) => [...regionProblems(plan), ...alarmTopicProblems(plan, args.alarmTopics)],
  });
  const bindings = new Map(plan.targetGroups.map((tg) => [tg.pool, resolveBinding(args.bindings[tg.pool])]));
  return { plan, warnings, bindings, region };
}

export class LoadBalancer extends pulumi.ComponentResource {
  readonly plan: AwsPlan;
  /** The approximations the spec accepted (nearest mappings), also logged as warnings. */
  readonly warnings: readonly CapabilityDiagnostic[];
  /** The ALB's DNS name, or the NLB's when the spec has only L4 frontends. */
  readonly dnsName: pulumi.Output<string>;
  /** The ARN of that load balancer. */
  readonly arn: pulumi.Output<string>;
  readonly applicationLoadBalancer?: lb.LoadBalancer;
  readonly networkLoadBalancer?: lb.LoadBalancer;
  /** Each load balancer's security group, by 'Alb' / 'Nlb'. */
  readonly securityGroups: Readonly<Record<string, ec2.SecurityGroup>>;
  /** Listeners by frontend name (the frontends of a port that bind by host names share one). */
  readonly listeners: Readonly<Record<string, lb.Listener>>;
  /** Listener rules by '<listener>/<rule id>' (a shared listener's rule ids are '<frontend>:<rule id>', plan/host-listeners.ts). */
  readonly listenerRules: Readonly<Record<string, lb.ListenerRule>>;
  /** Target groups by pool name. */
  readonly targetGroups: Readonly<Record<string, lb.TargetGroup>>;
  /** The web ACL holding the rate limits and protection's rules, when the spec has any. */
  readonly webAcl?: wafv2.WebAcl;
  /** The web ACL's IP sets by plan id ('<frontend>-<rule>-v4', 'protection_deny-v6', ...). */
  readonly ipSets: Readonly<Record<string, wafv2.IpSet>>;
  /** Shield Advanced protections by load balancer ('Alb'), when the spec asks for protection.ddos: advanced. */
  readonly shieldProtections: Readonly<Record<string, shield.Protection>>;
  /** The CloudWatch dashboard, when the `dashboard` argument is on. */
  readonly dashboard?: cloudwatch.Dashboard;
  readonly accessLogsBucket?: pulumi.Output<string>;
  /** CloudWatch alarms by the spec's alarm names (SEMANTICS.md, Alarms). */
  readonly alarms: Readonly<Record<string, cloudwatch.MetricAlarm>>;

  constructor(name: string, args: LoadBalancerArgs, opts?: pulumi.ComponentResourceOptions) {
    const { plan, warnings, bindings, region } = validate(args);
    super('lbkit:aws:LoadBalancer', name, {}, opts);
    this.plan = plan;
    this.warnings = warnings;
    const parent = { parent: this };
    const tags = { ...plan.tags };
    for (const w of warnings) pulumi.log.warn(`${w.path}: ${w.message}`, this);

    const targetGroups: Record<string, lb.TargetGroup> = {};
    for (const tg of plan.targetGroups) {
      const binding = bindings.get(tg.pool)!;
      const group = new lb.TargetGroup(`${name}-${tg.pool}`, { vpcId: args.vpcId, targetType: binding.targetType, ...targetGroupSettings(tg), tags }, parent);
      for (const member of binding.members) {
        new lb.TargetGroupAttachment(`${name}/${tg.pool}/${memberId(member)}`, { targetGroupArn: group.arn, targetId: member, port: tg.port }, parent);
      }
      targetGroups[tg.pool] = group;
    }
    this.targetGroups = targetGroups;
    const arnOf = (pool: string) => targetGroups[pool].arn;

    const bucket = plan.loadBalancers.some((l) => l.accessLogs)
      ? args.accessLogsBucket
        ? pulumi.output(args.accessLogsBucket)
        : this.logsBucket(name, region!, tags)
      : undefined;
    this.accessLogsBucket = bucket;
    const securityGroups: Record<string, ec2.SecurityGroup> = {};
    const listeners: Record<string, lb.Listener> = {};
    const rules: Record<string, lb.ListenerRule> = {};
    const balancers: lb.LoadBalancer[] = [];
    for (const lbPlan of plan.loadBalancers) {
      const suffix = lbPlan.id.toLowerCase();
      const sg = new ec2.SecurityGroup(
        `${name}-${suffix}`,
        {
          vpcId: args.vpcId,
          description: lbPlan.securityGroup.description,
          ingress: lbPlan.securityGroup.ingress.map(securityGroupRule),
          egress: lbPlan.securityGroup.egress.map(securityGroupRule),
          tags,
        },
        parent,
      );
      securityGroups[lbPlan.id] = sg;
      const balancer = new lb.LoadBalancer(
        `${name}-${suffix}`,
        { ...this.loadBalancerSettings(lbPlan, bucket), subnets: args.subnetIds, securityGroups: [sg.id], tags },
        parent,
      );
      balancers.push(balancer);
      if (lbPlan.kind === 'application') this.applicationLoadBalancer = balancer;
      else this.networkLoadBalancer = balancer;
      for (const l of lbPlan.listeners) {
        const listener = new lb.Listener(
          `${name}/${l.id}`,
          { loadBalancerArn: balancer.arn, ...this.listenerSettings(l, args), defaultActions: [action(l.defaultAction, arnOf)], tags },
          parent,
        );
        // Frontends that share a port by host names share its listener (plan/host-listeners.ts).
        for (const frontend of l.frontends ?? [l.id]) listeners[frontend] = listener;
        for (const cert of l.tls?.additionalCertificates ?? []) {
          new lb.ListenerCertificate(`${name}/${l.id}/${cert}`, { listenerArn: listener.arn, certificateArn: args.certificates![cert] }, parent);
        }
        for (const r of l.rules) {
          rules[`${l.id}/${r.id}`] = new lb.ListenerRule(
            `${name}/${l.id}/${r.id}`,
            {
              listenerArn: listener.arn,
              priority: r.priority,
              conditions: r.conditions.map(condition),
              actions: [action(r.action, arnOf)],
              ...(r.transforms ? { transforms: r.transforms.map(transform) } : {}),
              tags,
            },
            parent,
          );
        }
      }
    }
    this.securityGroups = securityGroups;
    this.listeners = listeners;
    this.listenerRules = rules;
    const acl = plan.webAcl && this.applicationLoadBalancer ? renderWebAcl(name, plan.webAcl, this.applicationLoadBalancer, tags, parent) : undefined;
    this.webAcl = acl?.webAcl;
    this.ipSets = acl?.ipSets ?? {};
    this.shieldProtections = renderShield(name, plan.shield, this.applicationLoadBalancer, tags, parent);
    const alarmScope: AlarmScope = {
      loadBalancers: { Alb: this.applicationLoadBalancer, Nlb: this.networkLoadBalancer },
      targetGroups,
      topics: args.alarmTopics ?? {},
      tags,
      region,
    };
    const alarmPlans = planAlarms(plan);
    this.alarms = renderAlarms(name, alarmPlans, alarmScope, parent);
    if (args.dashboard) this.dashboard = renderDashboard(name, planDashboard(plan, alarmPlans), alarmScope, this.alarms, parent);
    this.dnsName = balancers[0].dnsName;
    this.arn = balancers[0].arn;
    this.registerOutputs({
      dnsName: this.dnsName,
      arn: this.arn,
      ...(this.applicationLoadBalancer ? { albDnsName: this.applicationLoadBalancer.dnsName } : {}),
      ...(this.networkLoadBalancer ? { nlbDnsName: this.networkLoadBalancer.dnsName } : {}),
    });
  }

  private loadBalancerSettings(l: LoadBalancerPlan, bucket: pulumi.Output<string> | undefined): lb.LoadBalancerArgs {
    return {
      loadBalancerType: l.kind,
      internal: l.scheme === 'internal',
      ipAddressType: l.ipAddressType,
      enableDeletionProtection: l.deletionProtection,
      ...(l.kind === 'application'
        ? { idleTimeout: l.idleTimeoutSeconds, enableHttp2: l.http2Enabled, dropInvalidHeaderFields: l.dropInvalidHeaderFields }
        : { enableCrossZoneLoadBalancing: l.crossZoneEnabled }),
      ...(l.accessLogs && bucket ? { accessLogs: { bucket, prefix: l.accessLogs.prefix, enabled: true } } : {}),
    };
  }

  private listenerSettings(l: ListenerPlan, args: LoadBalancerArgs): Partial<lb.ListenerArgs> {
    const trust = l.tls?.mutualAuthentication;
    return {
      port: l.port,
      protocol: l.protocol,
      ...(l.tcpIdleTimeoutSeconds !== undefined ? { tcpIdleTimeoutSeconds: l.tcpIdleTimeoutSeconds } : {}),
      ...(l.tls ? { certificateArn: args.certificates![l.tls.certificate], sslPolicy: l.tls.sslPolicy } : {}),
      ...(l.tls?.alpnPolicy ? { alpnPolicy: l.tls.alpnPolicy } : {}),
      ...(trust?.mode === 'verify'
        ? {
            mutualAuthentication: {
              mode: 'verify',
              trustStoreArn: args.trustStores![trust.trustStore],
              ignoreClientCertificateExpiry: false,
              advertiseTrustStoreCaNames: 'off',
            },
          }
        : trust
          ? { mutualAuthentication: { mode: 'passthrough' } }
          : {}),
    };
  }

  private logsBucket(name: string, region: string, tags: Record<string, string>): pulumi.Output<string> {
    const parent = { parent: this };
    const bucket = new s3.Bucket(`${name}-logs`, { forceDestroy: false, tags }, parent);
    new s3.BucketServerSideEncryptionConfiguration(
      `${name}-logs`,
      { bucket: bucket.id, rules: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: 'AES256' } }] },
      parent,
    );
    new s3.BucketPublicAccessBlock(
      `${name}-logs`,
      { bucket: bucket.id, blockPublicAcls: true, blockPublicPolicy: true, ignorePublicAcls: true, restrictPublicBuckets: true },
      parent,
    );
    new s3.BucketOwnershipControls(`${name}-logs`, { bucket: bucket.id, rule: { objectOwnership: 'BucketOwnerEnforced' } }, parent);
    // One spec-level prefix for every load balancer of the spec (log object names carry the load balancer's id).
    const prefix = this.plan.model.accessLogs!.prefix;
    const policy = new s3.BucketPolicy(
      `${name}-logs`,
      {
        bucket: bucket.id,
        policy: bucket.arn.apply((arn) => JSON.stringify(accessLogsBucketPolicy(arn, prefix, region))),
      },
      parent,
    );
    // The load balancer checks that it may write before it turns logging on.
    return pulumi.all([bucket.bucket, policy.id]).apply(([bucketName]) => bucketName);
  }
}
