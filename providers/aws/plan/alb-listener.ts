/**
 * One http/https frontend -> one ALB listener: its rules as listener rules (split where ELBv2's per-rule limits
 * ask, ./conditions.ts), numbered by ./priorities.ts, and its default action. The frontends that share a port
 * by host names merge into one listener instead (./host-listeners.ts), from the same pieces.
 */
import { redirectDestination } from '../../../lib/model/derived';
import type { ActionModel, FrontendModel, RuleModel } from '../../../lib/model/types';
import { compileConditions } from './conditions';
import { assignPriorities, type PriorityLedger } from './priorities';
import { transformsOf } from './transforms';
import type { ActionPlan, LimitFinding, ListenerPlan, ListenerRulePlan } from './types';

export const SSL_POLICY = { '1.2': 'ELBSecurityPolicy-TLS13-1-2-2021-06', '1.3': 'ELBSecurityPolicy-TLS13-1-3-2021-06' } as const;

/** A listener rule part before numbering, with its default priority. */
export type UnnumberedRule = Omit<ListenerRulePlan, 'priority'> & { readonly fallback: number };

/**
 * A rule's parts as listener rules. `id` is the rule's id in the listener (split parts add '.2', '.3', ...);
 * `slot` the rule's place among the listener's rules: the default priorities are (slot + 1) * 10 + part.
 */
export function ruleParts(f: FrontendModel, rule: RuleModel, id: string, slot: number, action: ActionPlan, issues: LimitFinding[]): UnnumberedRule[] {
  const { parts } = compileConditions(f, rule, issues);
  const transforms = transformsOf(rule);
  return parts.map((conditions, part) => ({
    id: part === 0 ? id : `${id}.${part + 1}`,
    ruleId: rule.id,
    path: rule.path,
    fallback: (slot + 1) * 10 + part,
    conditions,
    action,
    ...(transforms ? { transforms } : {}),
  }));
}

/** Priorities for a listener's rule parts, in order (the ledger's where it has them, ./priorities.ts). */
export function numberRules(listener: string, path: string, unnumbered: readonly UnnumberedRule[], ledger: PriorityLedger | undefined, issues: LimitFinding[]) {
  const numbers = assignPriorities(
    listener,
    unnumbered.map((r) => ({ key: `${listener}/${r.id}`, fallback: r.fallback })),
    ledger,
    issues,
    path,
  );
  return unnumbered.map(({ fallback: _fallback, ...r }, i): ListenerRulePlan => ({ ...r, priority: numbers[i] }));
}

export function albListener(f: FrontendModel, issues: LimitFinding[], ledger: PriorityLedger | undefined): ListenerPlan {
  const unnumbered = f.rules.flatMap((rule) => ruleParts(f, rule, rule.id, rule.order, actionPlan(rule.action, f), issues));
  return {
    id: f.name,
    path: f.path,
    protocol: f.protocol === 'https' ? 'HTTPS' : 'HTTP',
    port: f.port,
    ...tlsPlan(f),
    defaultAction: frontendDefaultAction(f),
    rules: numberRules(f.name, `${f.path}.rules`, unnumbered, ledger, issues),
  };
}

/** What a frontend does with a request no rule takes: its redirect to https, or its default action. */
export function frontendDefaultAction(f: FrontendModel): ActionPlan {
  const redirect = f.redirectHttpToHttps;
  return redirect
    ? {
        type: 'redirect',
        protocol: 'HTTPS',
        host: '#{host}',
        port: String(redirect.port),
        path: '/#{path}',
        query: '#{query}',
        statusCode: redirectStatus(redirect.statusCode),
      }
    : actionPlan(f.defaultAction!, f);
}

export function tlsPlan(f: FrontendModel): Pick<ListenerPlan, 'tls'> {
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
      const keepsPort = a.port === undefined && (a.scheme === undefined || a.scheme === f.protocol);
      return {
        type: 'redirect',
        protocol: a.scheme ? (a.scheme.toUpperCase() as 'HTTP' | 'HTTPS') : '#{protocol}',
        host: a.host ?? '#{host}',
        // The request's port while the scheme stays (ELBv2 keeps it), else where lbkit's redirect goes.
        port: keepsPort ? '#{port}' : String(redirectDestination(f, a).port),
        path: a.path ?? '/#{path}',
        query: a.query ?? '#{query}',
        statusCode: redirectStatus(a.statusCode),
      };
    }
    case 'fixed-response':
      return { type: 'fixed-response', statusCode: String(a.statusCode), contentType: a.contentType, ...(a.body ? { messageBody: a.body } : {}) };
  }
}
