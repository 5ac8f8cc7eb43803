/**
 * The model -> the AWS plan, computed once for both renderers and `lbkit plan`.
 *
 * L7 frontends compile to one Application Load Balancer, L4 frontends to one Network Load Balancer; a spec
 * that mixes them gets both (two DNS names). Compiling judges nothing: the backend (../backend.ts) holds the
 * model against each target's column of the capability table, and the limits the plan breaks are returned in
 * `issues`, never thrown.
 */
import type { CapabilityDiagnostic } from '../../../lib/errors';
import { written } from '../../../lib/model/given';
import type { FrontendModel, LoadBalancerModel } from '../../../lib/model/types';
import { frontendsByPort, needsBinding } from '../../../lib/model/listeners';
import { actionPlan, albListener, tlsPlan } from './alb-listener';
import { sharedListener } from './host-listeners';
import { planTargetGroup } from './target-groups';
import type { AwsPlan, ListenerPlan, LimitFinding, LoadBalancerKind, LoadBalancerPlan, PlanIssue, SecurityGroupRulePlan, TargetGroupPlan } from './types';
import { ledgerOf, type PriorityLedger } from './priorities';
import { planWebAcl } from './waf';
import { planShield } from './shield';

/** How the plan is laid out for one deployment. */
export interface CompileOptions {
  /** Where the load balancer may connect: pool and probe ports to these CIDRs. @default ['0.0.0.0/0'] */
  readonly targetCidrs?: readonly string[];
  /** The account's quota of listener rules per ALB (default rules excluded). @default 100 */
  readonly maxRulesPerLoadBalancer?: number;
  /**
   * The ALB rule priorities of the last deployment (its plan's `priorities`, committed next to the spec): rules
   * keep them, and new or moved rules take free numbers between their neighbours (./priorities.ts).
   * @default none: (order + 1) * 10 + part
   */
  readonly priorities?: PriorityLedger;
  /**
   * The account's quota of inbound (and of outbound) rules per security group, counted apart for IPv4 and IPv6.
   * @default 60
   */
  readonly maxRulesPerSecurityGroup?: number;
  /**
   * The web ACL capacity units (WCUs) the ALB's web ACL may use: 1,500 at WAF's base price; up to 5,000 when the
   * account accepts the fee for more (https://docs.aws.amazon.com/waf/latest/developerguide/limits.html).
   * @default 1500
   */
  readonly maxWebAclCapacity?: number;
}

/** ELBv2 quotas (defaults; https://docs.aws.amazon.com/elasticloadbalancing/latest/application/load-balancer-limits.html). */
export const QUOTAS = { rulesPerAlb: 100, listenersPerLoadBalancer: 50, certificatesPerAlb: 25, targetGroupsPerAlb: 100, rulesPerSecurityGroup: 60 } as const;

/**
 * VPC quota 'Inbound or outbound rules per security group': 60 by default, enforced apart for IPv4 and IPv6 rules,
 * adjustable (https://docs.aws.amazon.com/vpc/latest/userguide/amazon-vpc-limits.html#vpc-limits-security-groups).
 * Each allowed source CIDR is one ingress rule per frontend port, each target CIDR one egress rule per pool port.
 */
function checkSecurityGroupQuotas(loadBalancers: readonly LoadBalancerPlan[], max: number, issues: PlanIssue[]): void {
  for (const lb of loadBalancers) {
    for (const [direction, rules, path, fix] of [
      ['inbound', lb.securityGroup.ingress, 'frontends', 'allow fewer or wider allowedSourceCidrs'],
      ['outbound', lb.securityGroup.egress, 'targetCidrs', 'give fewer or wider targetCidrs'],
    ] as const) {
      for (const version of [4, 6] as const) {
        const count = rules.filter((r) => r.ipVersion === version).length;
        if (count <= max) continue;
        issues.push({
          target: lb.target,
          path,
          message: `the ${lb.id === 'Alb' ? 'ALB' : 'NLB'}'s security group needs ${count} ${direction} IPv${version} rules; the VPC quota 'Inbound or outbound rules per security group' is ${max} (60 by default, counted apart for IPv4 and IPv6). It can be raised: ask AWS (Service Quotas, Amazon VPC) and set maxRulesPerSecurityGroup, or ${fix}`,
        });
      }
    }
  }
}

/**
 * The AWS resources of a model, with the limits they break in `issues` (each naming its target). `warnings`
 * are the capability table's accepted approximations, carried on the plan for the renderers to surface.
 */
export function compileAws(model: LoadBalancerModel, options: CompileOptions, warnings: readonly CapabilityDiagnostic[]): AwsPlan {
  const l7 = model.frontends.filter((f) => f.layer === 'l7');
  const l4 = model.frontends.filter((f) => f.layer === 'l4');
  const issues: PlanIssue[] = [];
  const targetGroups = model.pools.filter((p) => p.usedBy.length > 0).map((p) => planTargetGroup(model, p));
  const targetCidrs = options.targetCidrs ?? ['0.0.0.0/0'];
  const loadBalancers: LoadBalancerPlan[] = [];
  if (l7.length) loadBalancers.push(planLoadBalancer(model, 'application', l7, targetGroups, targetCidrs, issues, options.priorities));
  if (l4.length) loadBalancers.push(planLoadBalancer(model, 'network', l4, targetGroups, targetCidrs, issues, options.priorities));
  checkQuotas(loadBalancers, targetGroups, options.maxRulesPerLoadBalancer ?? QUOTAS.rulesPerAlb, issues);
  checkSecurityGroupQuotas(loadBalancers, options.maxRulesPerSecurityGroup ?? QUOTAS.rulesPerSecurityGroup, issues);
  const wafFindings: LimitFinding[] = [];
  const webAcl = l7.length ? planWebAcl(model, l7, wafFindings, options.maxWebAclCapacity) : undefined;
  issues.push(...wafFindings.map((i) => ({ ...i, target: 'aws-alb' as const })));
  const shield = planShield(model, l7);
  const priorities = ledgerOf(loadBalancers.filter((l) => l.kind === 'application').flatMap((l) => l.listeners));
  return { name: model.name, model, loadBalancers, targetGroups, ...(webAcl ? { webAcl } : {}), shield, tags: model.tags, priorities, warnings, issues };
}

function planLoadBalancer(
  model: LoadBalancerModel,
  kind: LoadBalancerKind,
  frontends: readonly FrontendModel[],
  allTargetGroups: readonly TargetGroupPlan[],
  targetCidrs: readonly string[],
  issues: PlanIssue[],
  ledger: PriorityLedger | undefined,
): LoadBalancerPlan {
  const alb = kind === 'application';
  const targetGroups = allTargetGroups.filter((tg) => tg.loadBalancer === kind);
  const target: LoadBalancerPlan['target'] = alb ? 'aws-alb' : 'aws-nlb';
  const found: LimitFinding[] = [];
  // A port's frontends share one listener when they bind by host name (./host-listeners.ts); else one each.
  const ports = frontendsByPort(frontends);
  const listeners = ports.map((group) =>
    !alb ? nlbListener(model, group[0]) : needsBinding(group) ? sharedListener(group, found, ledger) : albListener(group[0], found, ledger),
  );
  issues.push(...found.map((i) => ({ ...i, target })));
  return {
    kind,
    target,
    id: alb ? 'Alb' : 'Nlb',
    scheme: model.scheme === 'external' ? 'internet-facing' : 'internal',
    ipAddressType: model.ipAddressType,
    ...(written(model, 'deletionProtection') ? { deletionProtection: model.deletionProtection } : {}),
    ...(alb ? albAttributes(model, frontends) : { crossZoneEnabled: true }),
    ...(model.accessLogs ? { accessLogs: { prefix: model.accessLogs.prefix } } : {}),
    securityGroup: {
      description: `lbkit ${model.name}: ${alb ? 'ALB' : 'NLB'} frontends ${frontends.map((f) => `${f.protocol}:${f.port}`).join(', ')}`,
      // The frontends of a port agree on their sources (lib/spec/semantic-listeners.ts): one set of rules per port.
      ingress: ports.flatMap((group) => ingressRules(group, model.ipAddressType)),
      egress: egressRules(targetGroups, targetCidrs),
    },
    listeners,
  };
}

/**
 * The ALB's load-balancer-wide attributes: the idle timeout and HTTP/2 only when a frontend writes them (one value
 * for the whole ALB, the capability table checks they agree), else AWS's own (60 s, on). Invalid header fields
 * are always dropped: lbkit forwards no request a member could read differently from the load balancer.
 */
function albAttributes(model: LoadBalancerModel, frontends: readonly FrontendModel[]): Partial<LoadBalancerPlan> {
  const timed = frontends.find((f) => written(model, `${f.path}.idleTimeoutSeconds`));
  const http2 = frontends.filter((f) => f.http2 !== undefined);
  return {
    ...(timed ? { idleTimeoutSeconds: timed.idleTimeoutSeconds } : {}),
    ...(http2.length ? { http2Enabled: !http2.some((f) => f.http2 === false) } : {}),
    dropInvalidHeaderFields: true,
  };
}

function ingressRules(group: readonly FrontendModel[], ipAddressType: 'ipv4' | 'dualstack'): SecurityGroupRulePlan[] {
  const f = group[0];
  const names = group.length > 1 ? `frontends ${group.map((g) => g.name).join(', ')}` : `frontend ${f.name}`;
  const cidrs = f.allowedSourceCidrs.length ? f.allowedSourceCidrs : ipAddressType === 'dualstack' ? ['0.0.0.0/0', '::/0'] : ['0.0.0.0/0'];
  return cidrs.map((cidr) => ({
    protocol: f.protocol === 'udp' ? 'udp' : 'tcp',
    port: f.port,
    cidr,
    ipVersion: cidr.includes(':') ? 6 : 4,
    description: `${names} (${f.protocol}:${f.port}) from ${cidr}`,
  }));
}

/** Egress only to what the load balancer connects to: each pool's port, and its probe's port when it differs. */
function egressRules(targetGroups: readonly TargetGroupPlan[], cidrs: readonly string[]): SecurityGroupRulePlan[] {
  const ports = new Map<string, { protocol: 'tcp' | 'udp'; port: number; pools: string[] }>();
  const add = (protocol: 'tcp' | 'udp', port: number, pool: string) => {
    const key = `${protocol}/${port}`;
    const entry = ports.get(key) ?? { protocol, port, pools: [] };
    if (!entry.pools.includes(pool)) entry.pools.push(pool);
    ports.set(key, entry);
  };
  for (const tg of targetGroups) {
    add(tg.protocol === 'UDP' ? 'udp' : 'tcp', tg.port, tg.pool);
    add('tcp', tg.healthCheck.port === 'traffic-port' ? tg.port : Number(tg.healthCheck.port), tg.pool);
  }
  return [...ports.values()]
    .sort((a, b) => a.protocol.localeCompare(b.protocol) || a.port - b.port)
    .flatMap((p) =>
      cidrs.map((cidr) => ({
        protocol: p.protocol,
        port: p.port,
        cidr,
        ipVersion: (cidr.includes(':') ? 6 : 4) as 4 | 6,
        description: `pools ${p.pools.join(', ')} (${p.protocol}:${p.port}) to ${cidr}`,
      })),
    );
}

function nlbListener(model: LoadBalancerModel, f: FrontendModel): ListenerPlan {
  return {
    id: f.name,
    path: f.path,
    protocol: f.protocol.toUpperCase() as 'TCP' | 'TLS' | 'UDP',
    port: f.port,
    ...tlsPlan(f),
    // TCP listeners only: a TLS listener's idle timeout is fixed (350 s) and UDP's too; left out, AWS's own 350 s.
    ...(f.protocol === 'tcp' && written(model, `${f.path}.idleTimeoutSeconds`) ? { tcpIdleTimeoutSeconds: f.idleTimeoutSeconds } : {}),
    defaultAction: actionPlan(f.defaultAction!, f),
    rules: [],
  };
}

function checkQuotas(loadBalancers: readonly LoadBalancerPlan[], targetGroups: readonly TargetGroupPlan[], maxRules: number, issues: PlanIssue[]): void {
  for (const lb of loadBalancers) {
    const name = lb.kind === 'application' ? 'ALB' : 'NLB';
    if (lb.listeners.length > QUOTAS.listenersPerLoadBalancer) {
      issues.push({
        target: lb.target,
        path: 'frontends',
        message: `${lb.listeners.length} ${lb.kind === 'application' ? 'L7' : 'L4'} frontends; an ${name} has at most ${QUOTAS.listenersPerLoadBalancer} listeners`,
      });
    }
    if (lb.kind !== 'application') continue;
    const rules = lb.listeners.reduce((n, l) => n + l.rules.length, 0);
    if (rules > maxRules) {
      issues.push({
        target: lb.target,
        path: 'frontends',
        message: `compiles to ${rules} ALB listener rules; the quota is ${maxRules} rules per ALB (default rules excluded). Ask AWS to raise it and set maxRulesPerLoadBalancer, or merge rules`,
      });
    }
    const certificates = lb.listeners.reduce((n, l) => n + (l.tls?.additionalCertificates.length ?? 0), 0);
    if (certificates > QUOTAS.certificatesPerAlb) {
      issues.push({
        target: lb.target,
        path: 'frontends',
        message: `${certificates} additional certificates; an ALB takes at most ${QUOTAS.certificatesPerAlb} besides its listeners' default certificates`,
      });
    }
    const albPools = targetGroups.filter((tg) => tg.loadBalancer === 'application').length;
    if (albPools > QUOTAS.targetGroupsPerAlb)
      issues.push({ target: lb.target, path: 'pools', message: `${albPools} HTTP pools; an ALB uses at most ${QUOTAS.targetGroupsPerAlb} target groups` });
  }
}
