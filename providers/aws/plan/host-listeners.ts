/**
 * The frontends of one port that bind requests by host name (SEMANTICS.md, "Listeners with host names") -> one
 * ALB listener. ELBv2 has one listener per port and routes by Host alone, so binding becomes rule order:
 *
 * - Certificates: the listener's default certificate is the catch-all's (else the first frontend's); every other
 *   frontend's certificates join its certificate list, where ALB picks one by SNI (a name no certificate covers, or
 *   no SNI: the default certificate;
 *   https://docs.aws.amazon.com/elasticloadbalancing/latest/application/https-listener-certificates.html).
 * - Rules: the host-named frontends in binding order (lib/model/host-order.ts: exact names, then the longest
 *   wildcard), each run of one frontend's names as its rules with a host-header condition (the rule's own hosts
 *   met with those names, ELBv2 taking one host-header condition per rule), then one rule with the names alone
 *   and the frontend's default action, so that a host of the run never falls through to a later frontend. Then
 *   the catch-all's rules as they are; the listener's default action is the catch-all's, or a 404 when the port
 *   has none (no frontend serves the host).
 * - Not kept: the 421 of a Host that names another frontend than the connection's SNI. ALB routes each request by
 *   its Host, whichever certificate the handshake used (the capability cell is nearest).
 */
import { hostBindingOrder, hostIntersection } from '../../../lib/model/host-order';
import type { FrontendModel, HostMatch, RuleModel } from '../../../lib/model/types';
import { actionPlan, frontendDefaultAction, numberRules, ruleParts, tlsPlan, type UnnumberedRule } from './alb-listener';
import type { PriorityLedger } from './priorities';
import type { ActionPlan, LimitFinding, ListenerPlan } from './types';

/** What the port answers when no frontend serves the Host (the local proxy's 404, lib/model/listeners.ts). */
export const NO_FRONTEND: ActionPlan = {
  type: 'fixed-response',
  statusCode: '404',
  contentType: 'text/plain',
  messageBody: 'no frontend on this port serves this host',
};

/** The one listener of a port whose frontends bind by host name (ids: see `sharedRuleId`). */
export function sharedListener(group: readonly FrontendModel[], issues: LimitFinding[], ledger: PriorityLedger | undefined): ListenerPlan {
  const catchAll = group.find((f) => !f.hostnames?.length);
  const first = catchAll ?? group[0];
  const owner = group[0];
  const id = owner.name;
  const ruleId = (f: FrontendModel, run: number, rule: string) => sharedRuleId(f, run, rule, f === owner);
  const unnumbered: UnnumberedRule[] = [];
  const seen = new Map<FrontendModel, number>();
  for (const tier of hostBindingOrder(group)) {
    const f = tier.frontend;
    const run = (seen.get(f) ?? 0) + 1;
    seen.set(f, run);
    for (const rule of f.rules) {
      const hosts = rule.match.hosts.length ? hostIntersection(rule.match.hosts, tier.names) : tier.names;
      // The rule's hosts and the run's names share no host: the rule cannot take a request bound here.
      if (!hosts.length) continue;
      const bound: RuleModel = { ...rule, match: { ...rule.match, hosts } };
      unnumbered.push(...ruleParts(f, bound, ruleId(f, run, rule.id), unnumbered.length, actionPlan(rule.action, f), issues));
    }
    // Limits the names alone break (more names than a rule's parts hold) are the frontend's hostnames' to fix.
    const found: LimitFinding[] = [];
    unnumbered.push(...ruleParts(f, hostsOnly(f, tier.names), ruleId(f, run, 'defaultAction'), unnumbered.length, frontendDefaultAction(f), found));
    issues.push(...found.map((i) => ({ ...i, path: `${f.path}.hostnames` })));
  }
  if (catchAll)
    for (const rule of catchAll.rules)
      unnumbered.push(...ruleParts(catchAll, rule, ruleId(catchAll, 1, rule.id), unnumbered.length, actionPlan(rule.action, catchAll), issues));
  return {
    id,
    path: owner.path,
    frontends: group.map((f) => f.name),
    protocol: first.protocol === 'https' ? 'HTTPS' : 'HTTP',
    port: first.port,
    ...sharedTls(group, first),
    defaultAction: catchAll ? frontendDefaultAction(catchAll) : NO_FRONTEND,
    rules: numberRules(id, `${first.path}.hostnames`, unnumbered, ledger, issues),
  };
}

/**
 * A rule's id in a shared listener. The listener is the port's first frontend's (its id, so that appending
 * frontends to a port keeps the listener and its rules): that frontend's rules keep their ids, the others' are
 * '<frontend>:<rule id>'. Each run's own rule is 'defaultAction' (rule names are lower-case, so it never meets
 * one). A frontend whose names come in several runs (an exact name, and a wildcard after another frontend's
 * longer one) numbers its later runs: '<frontend>#2:<rule id>'.
 */
export function sharedRuleId(f: FrontendModel, run: number, ruleId: string, owner: boolean): string {
  return owner && run === 1 ? ruleId : `${f.name}${run > 1 ? `#${run}` : ''}:${ruleId}`;
}

/** The rule that takes every request of a run's names: the frontend's default action, as a rule. */
function hostsOnly(f: FrontendModel, names: readonly HostMatch[]): RuleModel {
  return {
    name: 'defaultAction',
    id: 'defaultAction',
    frontend: f.name,
    path: `${f.path}.hostnames`,
    order: f.rules.length,
    match: { hosts: names, paths: [], headers: [], query: [], methods: [], sourceCidrs: [] },
    action: f.defaultAction ?? NO_FRONTEND_ACTION,
  };
}

/** Never carried out: a redirecting frontend's run takes frontendDefaultAction; RuleModel only needs an action. */
const NO_FRONTEND_ACTION = { type: 'fixed-response', statusCode: 404, contentType: 'text/plain', body: '' } as const;

/**
 * TLS of the shared listener: settings agree on a port (lib/spec/semantic-listeners.ts), so the default frontend's
 * hold; its certificate is the default one, and every other certificate of the port goes into the list once.
 */
function sharedTls(group: readonly FrontendModel[], first: FrontendModel): Pick<ListenerPlan, 'tls'> {
  const own = tlsPlan(first);
  if (!own.tls) return {};
  const names = group.flatMap((f) => (f.tls ? [f.tls.certificate, ...f.tls.additionalCertificates] : []));
  const additional = [...new Set(names)].filter((n) => n !== own.tls!.certificate);
  return { tls: { ...own.tls, additionalCertificates: additional } };
}
