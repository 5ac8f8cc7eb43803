/**
 * What `lbkit plan --target aws-alb|aws-nlb` lists: the AWS resources the plan creates, with their settings.
 * Built on the plan only (no aws-cdk-lib or Pulumi import), with limit problems listed as rows rather than
 * thrown: the CLI reports the capability table's diagnostics itself.
 */
import type { PlannedResource } from '../../lib/backend';
import { planAlarms } from './plan/alarms';
import { targetGroupAttributeMap } from './plan/target-groups';
import type { ActionPlan, AwsPlan, ConditionPlan, LoadBalancerKind, LoadBalancerPlan } from './plan/types';

const ELB = 'AWS::ElasticLoadBalancingV2';

function describeAction(a: ActionPlan): string {
  switch (a.type) {
    case 'forward':
      return `forward to pool ${a.pool}`;
    case 'weighted-forward':
      return `forward ${a.targetGroups.map((t) => `${t.pool}=${t.weight}`).join(' ')}${a.stickinessSeconds !== undefined ? `, sticky ${a.stickinessSeconds}s` : ''}`;
    case 'redirect':
      return `redirect ${a.statusCode} to ${a.protocol}://${a.host}:${a.port}${a.path}?${a.query}`;
    case 'fixed-response':
      return `fixed-response ${a.statusCode} ${a.contentType}`;
  }
}

function describeCondition(c: ConditionPlan): string {
  switch (c.field) {
    case 'host-header':
      return `host ${(c.hostHeaderConfig.values ?? c.hostHeaderConfig.regexValues ?? []).join(' | ')}`;
    case 'path-pattern':
      return `path ${(c.pathPatternConfig.values ?? c.pathPatternConfig.regexValues ?? []).join(' | ')}`;
    case 'http-header':
      return `header ${c.httpHeaderConfig.httpHeaderName} ${(c.httpHeaderConfig.values ?? c.httpHeaderConfig.regexValues ?? []).join(' | ')}`;
    case 'query-string':
      return `query ${c.queryStringConfig.values.map((v) => `${v.key}=${v.value}`).join(' | ')}`;
    case 'http-request-method':
      return `method ${c.httpRequestMethodConfig.values.join(' | ')}`;
    case 'source-ip':
      return `source ${c.sourceIpConfig.values.join(' | ')}`;
  }
}

function describeLoadBalancer(lb: LoadBalancerPlan): PlannedResource[] {
  const rows: PlannedResource[] = [
    {
      type: `${ELB}::LoadBalancer`,
      id: lb.id,
      detail:
        `${lb.kind}, ${lb.scheme}, ${lb.ipAddressType}, deletion protection ${lb.deletionProtection ? 'on' : 'off'}` +
        (lb.idleTimeoutSeconds !== undefined ? `, idle ${lb.idleTimeoutSeconds}s` : '') +
        (lb.crossZoneEnabled ? ', cross-zone' : '') +
        (lb.accessLogs ? `, access logs to S3 prefix '${lb.accessLogs.prefix}'` : ''),
    },
    {
      type: 'AWS::EC2::SecurityGroup',
      id: `${lb.id}SecurityGroup`,
      detail: `in: ${lb.securityGroup.ingress.map((r) => `${r.protocol}/${r.port} from ${r.cidr}`).join(', ')}; out: ${lb.securityGroup.egress.map((r) => `${r.protocol}/${r.port} to ${r.cidr}`).join(', ')}`,
    },
  ];
  for (const l of lb.listeners) {
    rows.push({
      type: `${ELB}::Listener`,
      id: l.id,
      detail:
        `${l.protocol}:${l.port}${l.tls ? ` ${l.tls.sslPolicy}, certificate ${l.tls.certificate}` : ''}${l.tls?.mutualAuthentication ? `, mTLS ${l.tls.mutualAuthentication.mode}` : ''}` +
        `${l.tcpIdleTimeoutSeconds !== undefined ? `, idle ${l.tcpIdleTimeoutSeconds}s` : ''}; default: ${describeAction(l.defaultAction)}`,
    });
    for (const cert of l.tls?.additionalCertificates ?? [])
      rows.push({ type: `${ELB}::ListenerCertificate`, id: `${l.id}/${cert}`, detail: `certificate ${cert} by SNI` });
    for (const r of l.rules) {
      rows.push({
        type: `${ELB}::ListenerRule`,
        id: `${l.id}/${r.id}`,
        detail: `priority ${r.priority}: ${r.conditions.map(describeCondition).join(' AND ') || 'any request'} -> ${describeAction(r.action)}`,
      });
    }
  }
  return rows;
}

export function describeAws(plan: AwsPlan, kind: LoadBalancerKind): PlannedResource[] {
  const lb = plan.loadBalancers.find((l) => l.kind === kind);
  if (!lb) return [];
  const rows = describeLoadBalancer(lb);
  for (const tg of plan.targetGroups.filter((t) => t.loadBalancer === kind)) {
    const hc = tg.healthCheck;
    const attributes = Object.entries(targetGroupAttributeMap(tg.attributes))
      .map(([k, v]) => `${k}=${v}`)
      .join(' ');
    rows.push({
      type: `${ELB}::TargetGroup`,
      id: tg.pool,
      detail:
        `${tg.protocol}:${tg.port}; probe ${hc.protocol} ${hc.port}${hc.path ?? ''} every ${hc.intervalSeconds}s, timeout ${hc.timeoutSeconds}s, ` +
        `healthy ${hc.healthyThreshold}, unhealthy ${hc.unhealthyThreshold}${hc.matcher ? `, codes ${hc.matcher}` : ''}; ${attributes}`,
    });
  }
  if (kind === 'application' && plan.webAcl) {
    const acl = plan.webAcl;
    rows.push({
      type: 'AWS::WAFv2::WebACL',
      id: 'WebAcl',
      detail: `REGIONAL, default allow, ${acl.protection.length} protection rule(s), ${acl.rules.length} rate-based rule(s), ${acl.capacity} WCUs`,
    });
    for (const r of acl.protection) {
      const what =
        r.action.type === 'block'
          ? 'block 403'
          : `managed rule group AWS/${r.name.slice('protection_'.length)}, ${r.action.override === 'count' ? 'count only' : 'its own actions'}`;
      rows.push({ type: 'AWS::WAFv2::WebACL rule', id: `WebAcl/${r.name}`, detail: `priority ${r.priority}: ${what} (${r.capacity} WCUs)` });
    }
    for (const r of plan.webAcl.rules) {
      rows.push({
        type: 'AWS::WAFv2::WebACL rule',
        id: `WebAcl/${r.name}`,
        detail: `priority ${r.priority}: ${r.limit} per ${r.evaluationWindowSec}s per ${r.key.type === 'IP' ? 'client IP' : `header ${r.key.name}`}, block ${r.responseCode}${r.scopeDown ? ', scoped down to its rules' : ''}`,
      });
    }
    for (const set of plan.webAcl.ipSets) rows.push({ type: 'AWS::WAFv2::IPSet', id: set.id, detail: `${set.ipAddressVersion} ${set.addresses.join(', ')}` });
    rows.push({ type: 'AWS::WAFv2::WebACLAssociation', id: 'WebAclAssociation', detail: 'web ACL on the ALB' });
  }
  if (kind === 'application') {
    for (const p of plan.shield)
      rows.push({
        type: 'AWS::Shield::Protection',
        id: `Shield${p.loadBalancer}`,
        detail: `${p.name}: Shield Advanced on the ALB (needs the account's subscription)`,
      });
  }
  for (const a of planAlarms(plan).filter((x) => x.target === lb.target)) {
    const what = a.expression ?? a.metrics.map((m) => `${m.metricName} ${m.stat}`).join(', ');
    rows.push({
      type: 'AWS::CloudWatch::Alarm',
      id: a.id,
      detail: `${what} ${a.comparisonOperator === 'GreaterThanThreshold' ? '>' : '<'} ${a.threshold} for ${a.evaluationPeriods} x ${a.periodSeconds}s${a.notify ? `, notify ${a.notify}` : ''}`,
    });
  }
  for (const issue of plan.issues.filter((i) => i.target === lb.target)) rows.push({ type: 'limit error', id: issue.path, detail: issue.message });
  return rows;
}
