/**
 * `LoadBalancer`: an lbkit spec as an aws-cdk-lib construct. It renders the AWS plan (providers/aws/plan) with
 * the ELBv2 L2 constructs (WAFv2 has only L1) and exposes every construct it creates, so that anything lbkit
 * does not cover can still be set on them.
 */
import { Annotations, CfnOutput, Duration, RemovalPolicy, Stack, Tags, Token, Validations } from 'aws-cdk-lib';
import type { ICertificate } from 'aws-cdk-lib/aws-certificatemanager';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as elbv2 from 'aws-cdk-lib/aws-elasticloadbalancingv2';
import * as targets from 'aws-cdk-lib/aws-elasticloadbalancingv2-targets';
import * as s3 from 'aws-cdk-lib/aws-s3';
import type * as shield from 'aws-cdk-lib/aws-shield';
import type * as wafv2 from 'aws-cdk-lib/aws-wafv2';
import { Construct } from 'constructs';
import { ProblemsError, type CapabilityDiagnostic, type Problem } from '../../../lib/errors';
import type { LoadBalancerSpec } from '../../../lib/spec/schema';
import { validatedPlan, type AwsInput } from '../validate';
import {
  isMemberBinding,
  resolveBinding,
  targetGroupAttributeMap,
  type AwsPlan,
  type ListenerPlan,
  type LoadBalancerPlan,
  type MemberBinding,
  type PlacementTerms,
  type TargetGroupPlan,
} from '../plan';
import { alarmTopicProblems, planAlarms } from '../plan/alarms';
import { planDashboard } from '../plan/dashboard';
import { renderAlarms, type AlarmScope } from './alarms';
import type * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import type { ApplicationFrontendName, ApplicationPoolName, ByName, FrontendName, NetworkFrontendName, NetworkPoolName, PoolName, SpecConstant } from './names';
import { renderDashboard } from './dashboard';
import { renderShield, renderWebAcl } from './protection';
import { addSecurityGroupRules, applicationAction, cfnTransform, healthCheck, listenerCertificate, networkAction, PlannedCondition } from './render';

/** The members of a pool: `{ ips }`, `{ instanceIds }`, `{ targetType }` (register later), or ELBv2 targets. */
export type PoolBinding = MemberBinding | readonly elbv2.IApplicationLoadBalancerTarget[] | readonly elbv2.INetworkLoadBalancerTarget[];

/**
 * The construct's props. `S` is the spec's type: give `spec` as a typed constant (an object literal, or one written
 * `as const`) and the construct's maps are keyed by its names.
 */
export interface LoadBalancerProps<S extends SpecConstant = SpecConstant> extends Omit<AwsInput, 'spec'> {
  /**
   * The spec as an object (TypeScript, or parsed YAML/JSON), mutable or `as const`. Exactly one of spec, specFile
   * and model. @default none (then specFile or model)
   */
  readonly spec?: S;
  /** The VPC the load balancers and target groups are in. */
  readonly vpc: ec2.IVpc;
  /**
   * Subnets of the load balancers.
   * @default public subnets for an external spec, private subnets for an internal one (the VPC's selection)
   */
  readonly vpcSubnets?: ec2.SubnetSelection;
  /** One certificate per spec certificate name: an ACM certificate or an ACM/IAM certificate ARN. @default none */
  readonly certificates?: Readonly<Record<string, ICertificate | string>>;
  /** One trust store per spec trust-store name (mutual TLS in verify mode): a TrustStore or its ARN. @default none */
  readonly trustStores?: Readonly<Record<string, elbv2.ITrustStore | string>>;
  /** Members per pool name: every pool a frontend uses needs one. */
  readonly bindings: Readonly<Record<string, PoolBinding>>;
  /**
   * Where access logs go when the spec turns them on.
   * @default a bucket is created (SSE-S3, TLS only, no public access, retained), with the policy log delivery needs
   */
  readonly accessLogsBucket?: s3.IBucket;
  /**
   * SNS topic ARNs by the notification names the spec's alarms use (`notify`).
   * @default none (an alarm with `notify` then is a placement problem)
   */
  readonly alarmTopics?: Readonly<Record<string, string>>;
}

/** What the construct's props take, as its placement problems name it. */
const CDK_TERMS: PlacementTerms = {
  certificate: 'certificate',
  certificateFix: 'give an ACM certificate or an ACM/IAM certificate ARN',
  trustStore: 'trust store',
  trustStoreFix: 'give a TrustStore or its ARN',
  otherBindings: { accepts: Array.isArray, kinds: '{ ips }, { instanceIds }, { targetType } or an array of ELBv2 targets' },
};

/**
 * An lbkit spec as ELBv2 (an ALB for http/https frontends, an NLB for tcp/tls/udp ones, or both), with target
 * groups, listener rules, security groups, WAFv2 rate limits, access logs and CloudWatch alarms. Every problem of
 * the spec, the AWS targets and the props is thrown at once, as one ProblemsError naming this construct.
 */
export class LoadBalancer<const S extends SpecConstant = SpecConstant> extends Construct {
  /** What was compiled: the model and every AWS resource's settings. */
  readonly plan: AwsPlan;
  /** The approximations the spec accepted (nearest mappings), also added as synth warnings. */
  readonly warnings: readonly CapabilityDiagnostic[];
  /** The ALB, when the spec has http/https frontends. */
  readonly applicationLoadBalancer?: elbv2.ApplicationLoadBalancer;
  /** The NLB, when the spec has tcp/tls/udp frontends. */
  readonly networkLoadBalancer?: elbv2.NetworkLoadBalancer;
  /** Each load balancer's security group, by 'Alb' / 'Nlb'. */
  readonly securityGroups: Readonly<Record<string, ec2.SecurityGroup>>;
  /**
   * Listeners by frontend name, of either kind (applicationListeners and networkListeners have them apart); the
   * frontends of a port that bind by host names share one listener.
   */
  readonly listeners: ByName<FrontendName<S>, elbv2.ApplicationListener | elbv2.NetworkListener>;
  /** The ALB's listeners, by the names of the http and https frontends. */
  readonly applicationListeners: ByName<ApplicationFrontendName<S>, elbv2.ApplicationListener>;
  /** The NLB's listeners, by the names of the tcp, tls and udp frontends. */
  readonly networkListeners: ByName<NetworkFrontendName<S>, elbv2.NetworkListener>;
  /**
   * Listener rules by '<listener>/<rule id>' (split parts '<rule id>.2', ...); a listener is named by its frontend,
   * a shared one by its port's first frontend, its rule ids then '<frontend>:<rule id>' (plan/host-listeners.ts).
   */
  readonly listenerRules: Readonly<Record<string, elbv2.ApplicationListenerRule>>;
  /** Target groups by pool name, of either kind (applicationTargetGroups and networkTargetGroups have them apart). */
  readonly targetGroups: ByName<PoolName<S>, elbv2.ApplicationTargetGroup | elbv2.NetworkTargetGroup>;
  /** The ALB's target groups, by the names of the http, https, grpc and grpcs pools a frontend uses. */
  readonly applicationTargetGroups: ByName<ApplicationPoolName<S>, elbv2.ApplicationTargetGroup>;
  /** The NLB's target groups, by the names of the tcp, tls and udp pools a frontend uses. */
  readonly networkTargetGroups: ByName<NetworkPoolName<S>, elbv2.NetworkTargetGroup>;
  /** The ALB's DNS name, or the NLB's when the spec has only L4 frontends. */
  readonly dnsName: string;
  /** Stack outputs: the DNS name of each load balancer, by 'Alb' / 'Nlb'. */
  readonly outputs: Readonly<Record<string, CfnOutput>>;
  /** The web ACL holding the rate limits and protection's rules, when the spec has any. */
  readonly webAcl?: wafv2.CfnWebACL;
  readonly webAclAssociation?: wafv2.CfnWebACLAssociation;
  /** The web ACL's IP sets by plan id ('<frontend>-<rule>-v4', 'protection_deny-v6', ...). */
  readonly ipSets: Readonly<Record<string, wafv2.CfnIPSet>>;
  /** Shield Advanced protections by load balancer ('Alb'), when the spec asks for protection.ddos: advanced. */
  readonly shieldProtections: Readonly<Record<string, shield.CfnProtection>>;
  /** The CloudWatch dashboard, when the `dashboard` prop is on. */
  readonly dashboard?: cloudwatch.Dashboard;
  /** The access-logs bucket (given or created), when the spec turns logs on. */
  readonly accessLogsBucket?: s3.IBucket;
  /** CloudWatch alarms by the spec's alarm names (SEMANTICS.md, Alarms). */
  readonly alarms: Readonly<Record<string, cloudwatch.CfnAlarm>>;

  constructor(scope: Construct, id: string, props: LoadBalancerProps<S>) {
    super(scope, id);
    try {
      // The spec's type only names things; its shape is validated with the spec (lib/input.ts).
      ({ plan: this.plan, warnings: this.warnings } = validatedPlan(
        { ...props, spec: props.spec as LoadBalancerSpec | undefined },
        {
          bindings: props.bindings,
          certificates: props.certificates,
          trustStores: props.trustStores,
          terms: CDK_TERMS,
          own: (plan) => [...this.regionProblems(plan), ...alarmTopicProblems(plan, props.alarmTopics)],
        },
      ));
    } catch (e) {
      throw e instanceof ProblemsError ? e.at(this.node.path) : e;
    }
    for (const w of this.warnings) Annotations.of(this).addWarningV2(`@lbkit/aws:${w.feature}`, `${w.path}: ${w.message}`);

    const pools = new Construct(this, 'Pools');
    const targetGroups: Record<string, elbv2.ApplicationTargetGroup | elbv2.NetworkTargetGroup> = {};
    for (const tg of this.plan.targetGroups) targetGroups[tg.pool] = this.targetGroup(pools, tg, props);
    this.groups = targetGroups;
    this.targetGroups = targetGroups as typeof this.targetGroups;
    this.applicationTargetGroups = ofKind(targetGroups, elbv2.ApplicationTargetGroup) as typeof this.applicationTargetGroups;
    this.networkTargetGroups = ofKind(targetGroups, elbv2.NetworkTargetGroup) as typeof this.networkTargetGroups;

    const securityGroups: Record<string, ec2.SecurityGroup> = {};
    const listeners: Record<string, elbv2.ApplicationListener | elbv2.NetworkListener> = {};
    const rules: Record<string, elbv2.ApplicationListenerRule> = {};
    for (const lbPlan of this.plan.loadBalancers) {
      const sg = new ec2.SecurityGroup(this, `${lbPlan.id}SecurityGroup`, {
        vpc: props.vpc,
        description: lbPlan.securityGroup.description,
        allowAllOutbound: false,
      });
      addSecurityGroupRules(sg, lbPlan.securityGroup.ingress, lbPlan.securityGroup.egress);
      securityGroups[lbPlan.id] = sg;
      const base = {
        vpc: props.vpc,
        vpcSubnets: props.vpcSubnets,
        internetFacing: lbPlan.scheme === 'internet-facing',
        deletionProtection: lbPlan.deletionProtection,
        ipAddressType: lbPlan.ipAddressType === 'dualstack' ? elbv2.IpAddressType.DUAL_STACK : elbv2.IpAddressType.IPV4,
      };
      if (lbPlan.kind === 'application') {
        const alb = new elbv2.ApplicationLoadBalancer(this, lbPlan.id, {
          ...base,
          securityGroup: sg,
          ...(lbPlan.idleTimeoutSeconds !== undefined ? { idleTimeout: Duration.seconds(lbPlan.idleTimeoutSeconds) } : {}),
          http2Enabled: lbPlan.http2Enabled,
          dropInvalidHeaderFields: lbPlan.dropInvalidHeaderFields,
        });
        this.applicationLoadBalancer = alb;
        for (const l of lbPlan.listeners) {
          const listener = this.applicationListener(alb, l, props);
          // Frontends that share a port by host names share its listener (plan/host-listeners.ts).
          for (const name of l.frontends ?? [l.id]) listeners[name] = listener;
          for (const r of l.rules) {
            const rule = new elbv2.ApplicationListenerRule(listener, r.id, {
              listener,
              priority: r.priority,
              conditions: r.conditions.map((c) => new PlannedCondition(c)),
              action: applicationAction(r.action, (pool) => targetGroups[pool] as elbv2.ApplicationTargetGroup),
            });
            // The L2 ApplicationListenerRule has no transforms (aws-cdk-lib 2.x): set the L1 CfnListenerRule's.
            if (r.transforms) (rule.node.defaultChild as elbv2.CfnListenerRule).transforms = r.transforms.map(cfnTransform);
            rules[`${l.id}/${r.id}`] = rule;
          }
        }
      } else {
        const nlb = new elbv2.NetworkLoadBalancer(this, lbPlan.id, { ...base, securityGroups: [sg], crossZoneEnabled: lbPlan.crossZoneEnabled });
        this.networkLoadBalancer = nlb;
        for (const l of lbPlan.listeners) listeners[l.id] = this.networkListener(nlb, l, props);
      }
      if (lbPlan.accessLogs) this.accessLogsBucket = this.logAccess(lbPlan, props);
    }
    this.securityGroups = securityGroups;
    this.listeners = listeners as typeof this.listeners;
    this.applicationListeners = ofKind(listeners, elbv2.ApplicationListener) as typeof this.applicationListeners;
    this.networkListeners = ofKind(listeners, elbv2.NetworkListener) as typeof this.networkListeners;
    this.listenerRules = rules;
    const balancers = { Alb: this.applicationLoadBalancer, Nlb: this.networkLoadBalancer };
    this.dnsName = (this.applicationLoadBalancer ?? this.networkLoadBalancer)!.loadBalancerDnsName;
    this.outputs = Object.fromEntries(
      Object.entries(balancers).flatMap(([key, lb]) =>
        lb
          ? [
              [
                key,
                new CfnOutput(this, `${key}DnsName`, {
                  value: lb.loadBalancerDnsName,
                  description: `lbkit ${this.plan.name}: the ${key.toUpperCase()}'s DNS name`,
                }),
              ],
            ]
          : [],
      ),
    );
    const acl = this.plan.webAcl && this.applicationLoadBalancer ? renderWebAcl(this, this.plan.webAcl, this.applicationLoadBalancer) : undefined;
    this.webAcl = acl?.webAcl;
    this.webAclAssociation = acl?.association;
    this.ipSets = acl?.ipSets ?? {};
    this.shieldProtections = renderShield(this, this.plan.shield, this.applicationLoadBalancer);
    const alarmScope: AlarmScope = {
      loadBalancers: balancers,
      targetGroups,
      topics: props.alarmTopics ?? {},
    };
    const alarmPlans = planAlarms(this.plan);
    this.alarms = renderAlarms(this, alarmPlans, alarmScope);
    if (props.dashboard) this.dashboard = renderDashboard(this, planDashboard(this.plan, alarmPlans), alarmScope, this.alarms);
    for (const [key, value] of Object.entries(this.plan.tags)) Tags.of(this).add(key, value);
  }

  /** ELB log delivery is granted per region, so access logs need the stack's region. */
  private regionProblems(plan: AwsPlan): Problem[] {
    if (!plan.loadBalancers.some((l) => l.accessLogs) || !Token.isUnresolved(Stack.of(this).region)) return [];
    return [
      {
        code: 'LBKIT_AWS_PLACEMENT',
        path: 'accessLogs',
        message: 'ELB log delivery is granted per region, so a spec with access logs needs a stack with an explicit region',
        fix: 'give the stack a region (env: { region })',
      },
    ];
  }

  /** Target groups by pool name, untyped, for the listeners' actions. */
  private readonly groups: Readonly<Record<string, elbv2.ApplicationTargetGroup | elbv2.NetworkTargetGroup>>;

  private targetGroup(scope: Construct, tg: TargetGroupPlan, props: LoadBalancerProps<S>): elbv2.ApplicationTargetGroup | elbv2.NetworkTargetGroup {
    const binding = props.bindings[tg.pool];
    const resolved = isMemberBinding(binding) ? resolveBinding(binding) : undefined;
    const members = resolved?.members.map((m) => (resolved.targetType === 'ip' ? new targets.IpTarget(m, tg.port) : new targets.InstanceIdTarget(m, tg.port)));
    const common = {
      vpc: props.vpc,
      port: tg.port,
      healthCheck: healthCheck(tg.healthCheck),
      // With ELBv2 target objects, aws-cdk-lib derives the type from them.
      ...(resolved ? { targetType: resolved.targetType === 'ip' ? elbv2.TargetType.IP : elbv2.TargetType.INSTANCE } : {}),
    };
    const group =
      tg.loadBalancer === 'application'
        ? new elbv2.ApplicationTargetGroup(scope, tg.pool, {
            ...common,
            protocol: tg.protocol as elbv2.ApplicationProtocol,
            ...(tg.protocolVersion ? { protocolVersion: tg.protocolVersion as elbv2.ApplicationProtocolVersion } : {}),
            targets: members ?? (binding as readonly elbv2.IApplicationLoadBalancerTarget[] as elbv2.IApplicationLoadBalancerTarget[]),
          })
        : new elbv2.NetworkTargetGroup(scope, tg.pool, {
            ...common,
            protocol: tg.protocol as elbv2.Protocol,
            targets: members ?? (binding as readonly elbv2.INetworkLoadBalancerTarget[] as elbv2.INetworkLoadBalancerTarget[]),
          });
    for (const [key, value] of Object.entries(targetGroupAttributeMap(tg.attributes))) group.setAttribute(key, value);
    return group;
  }

  private applicationListener(alb: elbv2.ApplicationLoadBalancer, l: ListenerPlan, props: LoadBalancerProps<S>): elbv2.ApplicationListener {
    const trust = l.tls?.mutualAuthentication;
    const listener = new elbv2.ApplicationListener(alb, l.id, {
      loadBalancer: alb,
      protocol: l.protocol as elbv2.ApplicationProtocol,
      port: l.port,
      // Ingress is the security group's business (allowedSourceCidrs), not the listener's.
      open: false,
      defaultAction: applicationAction(l.defaultAction, (pool) => this.groups[pool] as elbv2.ApplicationTargetGroup),
      ...(l.tls ? { certificates: [listenerCertificate(props.certificates![l.tls.certificate])], sslPolicy: l.tls.sslPolicy as elbv2.SslPolicy } : {}),
      ...(trust?.mode === 'verify'
        ? {
            mutualAuthentication: {
              mutualAuthenticationMode: elbv2.MutualAuthenticationMode.VERIFY,
              trustStore: this.trustStore(trust.trustStore, props),
              ignoreClientCertificateExpiry: false,
              advertiseTrustStoreCaNames: false,
            },
          }
        : trust
          ? { mutualAuthentication: { mutualAuthenticationMode: elbv2.MutualAuthenticationMode.PASS_THROUGH } }
          : {}),
    });
    this.additionalCertificates(listener, l, props);
    return listener;
  }

  private networkListener(nlb: elbv2.NetworkLoadBalancer, l: ListenerPlan, props: LoadBalancerProps<S>): elbv2.NetworkListener {
    const listener = new elbv2.NetworkListener(nlb, l.id, {
      loadBalancer: nlb,
      protocol: l.protocol as elbv2.Protocol,
      port: l.port,
      defaultAction: networkAction(l.defaultAction, (pool) => this.groups[pool] as elbv2.NetworkTargetGroup),
      ...(l.tcpIdleTimeoutSeconds !== undefined ? { tcpIdleTimeout: Duration.seconds(l.tcpIdleTimeoutSeconds) } : {}),
      ...(l.tls
        ? {
            certificates: [listenerCertificate(props.certificates![l.tls.certificate])],
            sslPolicy: l.tls.sslPolicy as elbv2.SslPolicy,
            alpnPolicy: elbv2.AlpnPolicy.NONE,
          }
        : {}),
    });
    this.additionalCertificates(listener, l, props);
    return listener;
  }

  private additionalCertificates(listener: elbv2.ApplicationListener | elbv2.NetworkListener, l: ListenerPlan, props: LoadBalancerProps<S>): void {
    const extra = l.tls?.additionalCertificates ?? [];
    if (extra.length)
      listener.addCertificates(
        'AdditionalCertificates',
        extra.map((name) => listenerCertificate(props.certificates![name])),
      );
  }

  private trustStore(name: string, props: LoadBalancerProps<S>): elbv2.ITrustStore {
    const given = props.trustStores![name];
    return typeof given === 'string' ? elbv2.TrustStore.fromTrustStoreArn(this, `TrustStore-${name}`, given) : given;
  }

  private logAccess(lbPlan: LoadBalancerPlan, props: LoadBalancerProps<S>): s3.IBucket {
    let bucket = this.accessLogsBucket ?? props.accessLogsBucket;
    if (!bucket) {
      const created = new s3.Bucket(this, 'AccessLogs', {
        encryption: s3.BucketEncryption.S3_MANAGED,
        enforceSSL: true,
        blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
        objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_ENFORCED,
        removalPolicy: RemovalPolicy.RETAIN,
      });
      Validations.of(created).acknowledge({
        id: 'AwsSolutions-S1',
        reason: 'This bucket receives the load balancer access logs; logging access to it would need yet another bucket.',
      });
      bucket = created;
    }
    const lb = lbPlan.kind === 'application' ? this.applicationLoadBalancer! : this.networkLoadBalancer!;
    lb.logAccessLogs(bucket, lbPlan.accessLogs!.prefix);
    return bucket;
  }
}

/** The entries of `all` that are instances of `kind`. */
function ofKind<T, K extends T>(all: Readonly<Record<string, T>>, kind: abstract new (...args: never[]) => K): Record<string, K> {
  return Object.fromEntries(Object.entries(all).filter((e): e is [string, K] => e[1] instanceof kind));
}
