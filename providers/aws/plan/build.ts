/**
 * The model -> the AWS plan, computed once for both renderers.
 *
 * L7 frontends compile to one Application Load Balancer, L4 frontends to one Network Load Balancer; a spec
 * that mixes them gets both (two DNS names), each checked against its own column of the capability table.
 */
import { assertReport, checkTarget, type CapabilityDiagnostic } from '../../../lib/capabilities/check';
import { AWS_TARGETS } from '../targets';
import type { ActionModel, FrontendModel, LoadBalancerModel } from '../../../lib/model/types';
import { compileConditions } from './conditions';
import { AwsPlanError } from '../../../lib/errors';
import { planTargetGroup } from './target-groups';
import type {
  ActionPlan, AwsPlan, ListenerPlan, ListenerRulePlan, LoadBalancerKind, LoadBalancerPlan, PlanIssue,
  SecurityGroupRulePlan, TargetGroupPlan,
} from './types';
import { planWebAcl } from './waf';

export interface PlanOptions {
  /**
   * Nearest mappings accepted for this deployment, in addition to the spec's `allowNearest`
   * ('<feature>' or 'aws-alb:<feature>'). @default none
   */
  readonly allowNearest?: readonly string[];
  /** Where the load balancer may connect: pool and probe ports to these CIDRs. @default ['0.0.0.0/0'] */
  readonly targetCidrs?: readonly string[];
  /** The account's quota of listener rules per ALB (default rules excluded). @default 100 */
  readonly maxRulesPerLoadBalancer?: number;
  /**
   * Do not assert the capability table and return limit problems in `issues` instead of throwing: for
   * `lbkit plan`, which reports the table's diagnostics itself. @default false
   */
  readonly collectIssues?: boolean;
  /** Every registered target id, to report allowNearest entries naming an unknown one. @default not checked */
  readonly knownTargets?: readonly string[];
}

/** ELBv2 quotas (defaults; https://docs.aws.amazon.com/elasticloadbalancing/latest/application/load-balancer-limits.html). */
export const QUOTAS = { rulesPerAlb: 100, listenersPerLoadBalancer: 50, certificatesPerAlb: 25, targetGroupsPerAlb: 100 } as const;

export const SSL_POLICY = { '1.2': 'ELBSecurityPolicy-TLS13-1-2-2021-06', '1.3': 'ELBSecurityPolicy-TLS13-1-3-2021-06' } as const;

/** Plans the AWS resources of a model. Throws CapabilityError (capability table) or AwsPlanError (AWS limits). */
export function planAws(input: LoadBalancerModel, options: PlanOptions = {}): AwsPlan {
  const model = options.allowNearest?.length ? { ...input, allowNearest: [...input.allowNearest, ...options.allowNearest] } : input;
  const l7 = model.frontends.filter((f) => f.layer === 'l7');
  const l4 = model.frontends.filter((f) => f.layer === 'l4');
  const warnings: CapabilityDiagnostic[] = [];
  if (!options.collectIssues) {
    const [alb, nlb] = AWS_TARGETS;
    if (l7.length) warnings.push(...assertReport(checkTarget(model, alb, options.knownTargets, { frontends: l7.map((f) => f.name) })));
    if (l4.length) warnings.push(...assertReport(checkTarget(model, nlb, options.knownTargets, { frontends: l4.map((f) => f.name) })));
  }
  const issues: PlanIssue[] = [];
  const targetGroups = model.pools.filter((p) => p.usedBy.length > 0).map(planTargetGroup);
  const targetCidrs = options.targetCidrs ?? ['0.0.0.0/0'];
  const loadBalancers: LoadBalancerPlan[] = [];
  if (l7.length) loadBalancers.push(planLoadBalancer(model, 'application', l7, targetGroups, targetCidrs, issues));
  if (l4.length) loadBalancers.push(planLoadBalancer(model, 'network', l4, targetGroups, targetCidrs, issues));
  checkQuotas(loadBalancers, targetGroups, options.maxRulesPerLoadBalancer ?? QUOTAS.rulesPerAlb, issues);
  if (issues.length && !options.collectIssues) throw new AwsPlanError(issues);
  const webAcl = l7.length ? planWebAcl(model) : undefined;
  return { name: model.name, model, loadBalancers, targetGroups, ...(webAcl ? { webAcl } : {}), tags: model.tags, warnings, issues };
}

function planLoadBalancer(
  model: LoadBalancerModel, kind: LoadBalancerKind, frontends: readonly FrontendModel[],
  allTargetGroups: readonly TargetGroupPlan[], targetCidrs: readonly string[], issues: PlanIssue[],
): LoadBalancerPlan {
  const alb = kind === 'application';
  const targetGroups = allTargetGroups.filter((tg) => tg.loadBalancer === kind);
  return {
    kind,
    target: alb ? 'aws-alb' : 'aws-nlb',
    id: alb ? 'Alb' : 'Nlb',
    scheme: model.scheme === 'external' ? 'internet-facing' : 'internal',
    ipAddressType: model.ipAddressType,
    deletionProtection: model.deletionProtection,
    ...(alb ? { idleTimeoutSeconds: frontends[0].idleTimeoutSeconds, http2Enabled: !frontends.some((f) => f.http2 === false), dropInvalidHeaderFields: true } : { crossZoneEnabled: true }),
    ...(model.accessLogs ? { accessLogs: { prefix: model.accessLogs.prefix } } : {}),
    securityGroup: {
      description: `lbkit ${model.name}: ${alb ? 'ALB' : 'NLB'} frontends ${frontends.map((f) => `${f.protocol}:${f.port}`).join(', ')}`,
      ingress: frontends.flatMap((f) => ingressRules(f, model.ipAddressType)),
      egress: egressRules(targetGroups, targetCidrs),
    },
    listeners: frontends.map((f) => (alb ? albListener(f, issues) : nlbListener(f))),
  };
}

function ingressRules(f: FrontendModel, ipAddressType: 'ipv4' | 'dualstack'): SecurityGroupRulePlan[] {
  const cidrs = f.allowedSourceCidrs.length ? f.allowedSourceCidrs : ipAddressType === 'dualstack' ? ['0.0.0.0/0', '::/0'] : ['0.0.0.0/0'];
  return cidrs.map((cidr) => ({
    protocol: f.protocol === 'udp' ? 'udp' : 'tcp',
    port: f.port,
    cidr,
    ipVersion: cidr.includes(':') ? 6 : 4,
    description: `frontend ${f.name} (${f.protocol}:${f.port}) from ${cidr}`,
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
    .flatMap((p) => cidrs.map((cidr) => ({
      protocol: p.protocol, port: p.port, cidr, ipVersion: (cidr.includes(':') ? 6 : 4) as 4 | 6,
      description: `pools ${p.pools.join(', ')} (${p.protocol}:${p.port}) to ${cidr}`,
    })));
}

function albListener(f: FrontendModel, issues: PlanIssue[]): ListenerPlan {
  const rules: ListenerRulePlan[] = f.rules.flatMap((rule) => {
    const { parts } = compileConditions(f, rule, issues);
    return parts.map((conditions, part) => ({
      id: part === 0 ? rule.id : `${rule.id}.${part + 1}`,
      ruleId: rule.id,
      path: rule.path,
      priority: (rule.order + 1) * 10 + part,
      conditions,
      action: actionPlan(rule.action, f),
    }));
  });
  const redirect = f.redirectHttpToHttps;
  return {
    id: f.name,
    path: f.path,
    protocol: f.protocol === 'https' ? 'HTTPS' : 'HTTP',
    port: f.port,
    ...tlsPlan(f),
    defaultAction: redirect
      ? { type: 'redirect', protocol: 'HTTPS', host: '#{host}', port: String(redirect.port), path: '/#{path}', query: '#{query}', statusCode: redirectStatus(redirect.statusCode) }
      : actionPlan(f.defaultAction!, f),
    rules,
  };
}

function nlbListener(f: FrontendModel): ListenerPlan {
  return {
    id: f.name,
    path: f.path,
    protocol: f.protocol.toUpperCase() as 'TCP' | 'TLS' | 'UDP',
    port: f.port,
    ...tlsPlan(f),
    ...(f.protocol !== 'udp' ? { tcpIdleTimeoutSeconds: f.idleTimeoutSeconds } : {}),
    defaultAction: actionPlan(f.defaultAction!, f),
    rules: [],
  };
}

function tlsPlan(f: FrontendModel): Pick<ListenerPlan, 'tls'> {
  if (!f.tls) return {};
  const trust = f.tls.clientCertificateTrust;
  return {
    tls: {
      certificate: f.tls.certificate,
      additionalCertificates: f.tls.additionalCertificates,
      sslPolicy: SSL_POLICY[f.tls.minimumVersion],
      ...(f.protocol === 'tls' ? { alpnPolicy: 'None' as const } : {}),
      ...(trust ? { mutualAuthentication: { mode: trust.mode, trustStore: trust.trustStore } } : {}),
    },
  };
}

/** 301 and 302 are ALB's; 303/307 (nearest: 302) and 308 (nearest: 301) only reach here when accepted. */
function redirectStatus(code: number): 'HTTP_301' | 'HTTP_302' {
  return code === 301 || code === 308 ? 'HTTP_301' : 'HTTP_302';
}

export function actionPlan(a: ActionModel, f: FrontendModel): ActionPlan {
  switch (a.type) {
    case 'forward':
      return { type: 'forward', pool: a.pool };
    case 'weighted-forward':
      return {
        type: 'weighted-forward',
        targetGroups: a.targets.map((t) => ({ pool: t.pool, weight: t.weight })),
        ...(a.stickinessSeconds !== undefined ? { stickinessSeconds: a.stickinessSeconds } : {}),
      };
    case 'redirect': {
      const schemeChanges = a.scheme !== undefined && a.scheme !== f.protocol;
      return {
        type: 'redirect',
        protocol: a.scheme ? (a.scheme.toUpperCase() as 'HTTP' | 'HTTPS') : '#{protocol}',
        host: a.host ?? '#{host}',
        // lbkit: the request's port, or the new scheme's default port when the scheme changes.
        port: a.port !== undefined ? String(a.port) : schemeChanges ? (a.scheme === 'https' ? '443' : '80') : '#{port}',
        path: a.path ?? '/#{path}',
        query: a.query ?? '#{query}',
        statusCode: redirectStatus(a.statusCode),
      };
    }
    case 'fixed-response':
      return { type: 'fixed-response', statusCode: String(a.statusCode), contentType: a.contentType, ...(a.body ? { messageBody: a.body } : {}) };
  }
}

function checkQuotas(loadBalancers: readonly LoadBalancerPlan[], targetGroups: readonly TargetGroupPlan[], maxRules: number, issues: PlanIssue[]): void {
  for (const lb of loadBalancers) {
    const name = lb.kind === 'application' ? 'ALB' : 'NLB';
    if (lb.listeners.length > QUOTAS.listenersPerLoadBalancer) {
      issues.push({ path: 'frontends', message: `${lb.listeners.length} ${lb.kind === 'application' ? 'L7' : 'L4'} frontends; an ${name} has at most ${QUOTAS.listenersPerLoadBalancer} listeners` });
    }
    if (lb.kind !== 'application') continue;
    const rules = lb.listeners.reduce((n, l) => n + l.rules.length, 0);
    if (rules > maxRules) {
      issues.push({ path: 'frontends', message: `compiles to ${rules} ALB listener rules; the quota is ${maxRules} rules per ALB (default rules excluded). Ask AWS to raise it and set maxRulesPerLoadBalancer, or merge rules` });
    }
    const certificates = lb.listeners.reduce((n, l) => n + (l.tls?.additionalCertificates.length ?? 0), 0);
    if (certificates > QUOTAS.certificatesPerAlb) {
      issues.push({ path: 'frontends', message: `${certificates} additional certificates; an ALB takes at most ${QUOTAS.certificatesPerAlb} besides its listeners' default certificates` });
    }
    const albPools = targetGroups.filter((tg) => tg.loadBalancer === 'application').length;
    if (albPools > QUOTAS.targetGroupsPerAlb) issues.push({ path: 'pools', message: `${albPools} HTTP pools; an ALB uses at most ${QUOTAS.targetGroupsPerAlb} target groups` });
  }
}

