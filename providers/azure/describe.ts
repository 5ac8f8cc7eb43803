/** What `lbkit plan --target azure-lb|azure-appgw` lists: the plan's resources, without Pulumi. */
import type { PlannedResource } from '../../lib/backend';
import type { AgwTarget, ApplicationGatewayPlan, AzurePlan, LoadBalancerPlan, MetricAlertPlan, PublicIpPlan } from './plan/types';

const NET = 'Microsoft.Network';

const publicIp = (ip: PublicIpPlan): PlannedResource => ({
  type: `${NET}/publicIPAddresses`,
  id: ip.name,
  detail: `Standard, static, ${ip.ipVersion}${ip.ddosProtection ? ', DDoS IP Protection' : ''}`,
});

const metricAlert = (a: MetricAlertPlan): PlannedResource => ({
  type: 'Microsoft.Insights/metricAlerts',
  id: a.name,
  detail: `${a.metricName} ${a.timeAggregation} ${a.operator} ${a.threshold} over ${a.windowSize}${a.notify ? `, notifies ${a.notify}` : ''}`,
});

function describeLoadBalancer(plan: LoadBalancerPlan): PlannedResource[] {
  const lb = `${NET}/loadBalancers`;
  return [
    ...plan.publicIps.map(publicIp),
    { type: lb, id: plan.name, detail: `Standard, ${plan.internal ? 'internal' : 'public'}, ${plan.ipVersions.join(' + ')}` },
    ...plan.backendAddressPools.map((p) => ({ type: `${lb}/backendAddressPools`, id: p.name, detail: `pool ${p.pool}, ${p.ipVersion}` })),
    ...plan.probes.map((p) => ({
      type: `${lb}/probes`,
      id: p.name,
      detail: `${p.protocol}:${p.port}${p.requestPath ?? ''} every ${p.intervalInSeconds}s, threshold ${p.probeThreshold}, ${p.noHealthyBackendsBehavior}`,
    })),
    ...plan.rules.map((r) => ({
      type: `${lb}/loadBalancingRules`,
      id: r.name,
      detail: `${r.protocol} ${r.frontendPort} -> ${r.backendAddressPool.name}:${r.backendPort}, ${r.loadDistribution}${r.idleTimeoutInMinutes ? `, idle ${r.idleTimeoutInMinutes} min` : ''}`,
    })),
    ...(plan.metricAlerts ?? []).map(metricAlert),
  ];
}

const targetText = (t: AgwTarget) => (t.kind === 'forward' ? `pool ${t.pool}` : `redirect ${t.redirectConfiguration.name}`);

function describeApplicationGateway(plan: ApplicationGatewayPlan): PlannedResource[] {
  const agw = `${NET}/applicationGateways`;
  return [
    ...plan.publicIps.map(publicIp),
    ...plan.wafPolicies.map((p) => ({
      type: `${NET}/ApplicationGatewayWebApplicationFirewallPolicies`,
      id: p.name,
      detail: `${p.customRules.length} custom rules, ${(p.managedRuleSets ?? [{ ruleSetType: 'OWASP', ruleSetVersion: '3.2' }]).map((r) => `${r.ruleSetType} ${r.ruleSetVersion}`).join(' + ')} ${p.managedRules}${p.mode ? `, ${p.mode}` : ''}${p.blockStatus ? `, blocks with ${p.blockStatus}` : ''}`,
    })),
    {
      type: agw,
      id: plan.name,
      detail: `${plan.sku}, ${plan.internal ? 'internal' : 'public'}, ${plan.ipVersions.join(' + ')}, TLS ${plan.sslPolicy.policyName ?? plan.sslPolicy.minProtocolVersion}`,
    },
    ...plan.httpListeners.map((l) => ({
      type: `${agw}/httpListeners`,
      id: l.name,
      detail: `${l.protocol} ${l.frontendPort.name} ${l.hostNames.join(', ') || 'any host'}${l.sslCertificate ? `, certificate ${l.sslCertificate.name}` : ''}`,
    })),
    // In evaluation order (lowest priority first).
    ...[...plan.requestRoutingRules]
      .sort((a, b) => a.priority - b.priority)
      .map((r) => ({
        type: `${agw}/requestRoutingRules`,
        id: r.name,
        detail: `priority ${r.priority}: ${r.ruleType === 'Basic' ? targetText(r.target!) : `path map ${r.urlPathMap!.name}`}`,
      })),
    ...plan.urlPathMaps.flatMap((m) => [
      ...m.pathRules.map((p) => ({ type: `${agw}/urlPathMaps/pathRules`, id: p.name, detail: `${p.paths.join(' ')} -> ${targetText(p.target)}` })),
      { type: `${agw}/urlPathMaps`, id: m.name, detail: `default -> ${targetText(m.defaultTarget)}` },
    ]),
    ...plan.redirectConfigurations.map((r) => ({
      type: `${agw}/redirectConfigurations`,
      id: r.name,
      detail: `${r.redirectType} to ${r.targetListener ? `listener ${r.targetListener.name}` : r.targetUrl}${r.includePath ? ' +path' : ''}${r.includeQueryString ? ' +query' : ''}`,
    })),
    ...plan.rewriteRuleSets.map((s) => ({
      type: `${agw}/rewriteRuleSets`,
      id: s.name,
      detail: `rule ${s.rule}: ${s.rewriteRules.length} rewrite rule${s.rewriteRules.length === 1 ? '' : 's'}`,
    })),
    ...plan.backendHttpSettings.map((s) => ({
      type: `${agw}/backendHttpSettingsCollection`,
      id: s.name,
      detail: `${s.protocol}:${s.port}, affinity ${s.cookieBasedAffinity}, drain ${s.connectionDraining.enabled ? `${s.connectionDraining.drainTimeoutInSec}s` : 'off'}, timeout ${s.requestTimeout}s`,
    })),
    ...plan.probes.map((p) => ({
      type: `${agw}/probes`,
      id: p.name,
      detail: `${p.protocol}:${p.port}${p.path} every ${p.interval}s, timeout ${p.timeout}s, unhealthy ${p.unhealthyThreshold}, codes ${p.statusCodes.join(',')}`,
    })),
    ...(plan.metricAlerts ?? []).map(metricAlert),
  ];
}

/** The resources one Azure target of the plan creates. */
export function describeAzure(plan: AzurePlan, target: 'azure-lb' | 'azure-appgw'): PlannedResource[] {
  if (target === 'azure-lb') return plan.loadBalancer ? describeLoadBalancer(plan.loadBalancer) : [];
  return plan.applicationGateway ? describeApplicationGateway(plan.applicationGateway) : [];
}
