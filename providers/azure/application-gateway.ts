/** Renders an ApplicationGatewayPlan as an azure-native Application Gateway v2 and its WAF policies. */
import * as network from '@pulumi/azure-native/network';
import * as pulumi from '@pulumi/pulumi';
import type { ApplicationGatewayPlan, SslPolicyPlan, WafPolicyPlan } from './plan/types';
import type { LoadBalancerModel } from '../../lib/model/types';
import type { AzureLoadBalancerProps } from './props';
import { renderMetricAlerts } from './alerts';
import { frontendPortArgs, listenerArgs, redirectConfigurationArgs, rewriteRuleSetArgs, routingRuleArgs, urlPathMapArgs } from './gateway-routing';
import { accessLogSetting, deletionLock, publicIps, referencesTo, type RenderContext } from './render';

/** Autoscale bounds when the placement gives none. */
export const DEFAULT_AUTOSCALE = { minCapacity: 1, maxCapacity: 10 } as const;
/** The managed rule set a WAF policy must carry; rate-limit rules need this engine (CRS 3.2 or later). */
export const MANAGED_RULE_SET = { ruleSetType: 'OWASP', ruleSetVersion: '3.2' } as const;
/**
 * Custom probes must name a host; Application Gateway's default probe uses 127.0.0.1, and so does lbkit, so
 * that members answer probes whatever host names they serve.
 */
export const PROBE_HOST = '127.0.0.1';

export interface RenderedApplicationGateway {
  readonly applicationGateway: network.ApplicationGateway;
  readonly publicIps: readonly network.PublicIPAddress[];
  /** By WAF policy key: 'gateway', or the frontend whose listeners use it. */
  readonly wafPolicies: Record<string, network.WebApplicationFirewallPolicy>;
  readonly backendAddressPoolIds: Record<string, pulumi.Output<string>>;
  readonly frontendIpAddresses: pulumi.Output<string[]>;
}

export function renderApplicationGateway(
  ctx: RenderContext,
  plan: ApplicationGatewayPlan,
  props: AzureLoadBalancerProps,
  model: LoadBalancerModel,
): RenderedApplicationGateway {
  const ref = referencesTo(ctx, 'applicationGateways', plan.name);
  const placement = props.applicationGateway!;
  const ips = publicIps(ctx, plan.publicIps, 'agw');
  const policies = Object.fromEntries(plan.wafPolicies.map((p) => [p.key, wafPolicy(ctx, p)]));
  const privateAddress = (v: string) => (v === 'IPv4' ? placement.privateIPAddress : placement.privateIPv6Address);

  const applicationGateway = new network.ApplicationGateway(
    `${ctx.name}-agw`,
    {
      applicationGatewayName: plan.name,
      resourceGroupName: ctx.resourceGroupName,
      location: ctx.location,
      sku: { name: plan.sku, tier: plan.sku },
      autoscaleConfiguration: { ...(placement.autoscale ?? DEFAULT_AUTOSCALE) },
      // HTTP/2 towards clients (members always get HTTP/1.1), as the other clouds' application load balancers do.
      enableHttp2: true,
      ...(ctx.zones?.length ? { zones: [...ctx.zones] } : {}),
      ...(placement.identityId ? { identity: { type: 'UserAssigned', userAssignedIdentities: [placement.identityId] } } : {}),
      gatewayIPConfigurations: [{ name: 'gateway', subnet: { id: placement.subnetId } }],
      frontendIPConfigurations: plan.frontendIPConfigurations.map((fc) =>
        fc.kind === 'public'
          ? { name: fc.name, publicIPAddress: { id: ips.get(fc.publicIp!)!.id } }
          : { name: fc.name, subnet: { id: placement.subnetId }, privateIPAllocationMethod: 'Static', privateIPAddress: privateAddress(fc.ipVersion) },
      ),
      frontendPorts: plan.frontendPorts.map(frontendPortArgs),
      sslCertificates: plan.sslCertificates.map((name) => ({ name, keyVaultSecretId: props.certificates![name] })),
      sslPolicy: sslPolicyArgs(plan.sslPolicy),
      sslProfiles: plan.sslProfiles.map((p) => ({
        name: p.name,
        sslPolicy: sslPolicyArgs(p.sslPolicy),
        ...(p.trustedClientCertificates.length
          ? {
              trustedClientCertificates: p.trustedClientCertificates.map((name) => ref({ collection: 'trustedClientCertificates', name })),
              clientAuthConfiguration: { verifyClientCertIssuerDN: false, verifyClientRevocation: 'None' },
            }
          : {}),
      })),
      trustedClientCertificates: plan.trustedClientCertificates.map((name) => ({ name, data: props.trustStores![name] })),
      backendAddressPools: plan.backendAddressPools.map((p) => {
        const binding = props.bindings?.[p.pool];
        return {
          name: p.name,
          backendAddresses: [...(binding?.ipAddresses ?? []).map((ipAddress) => ({ ipAddress })), ...(binding?.fqdns ?? []).map((fqdn) => ({ fqdn }))],
        };
      }),
      backendHttpSettingsCollection: plan.backendHttpSettings.map((s) => ({
        name: s.name,
        port: s.port,
        protocol: s.protocol,
        cookieBasedAffinity: s.cookieBasedAffinity,
        ...(s.affinityCookieName ? { affinityCookieName: s.affinityCookieName } : {}),
        connectionDraining: { ...s.connectionDraining },
        requestTimeout: s.requestTimeout,
        // The member sees the client's Host header, as behind the other clouds' load balancers.
        pickHostNameFromBackendAddress: false,
        probeEnabled: true,
        probe: ref(s.probe),
      })),
      probes: plan.probes.map((p) => ({
        name: p.name,
        protocol: p.protocol,
        host: props.bindings?.[p.pool]?.probeHostName ?? PROBE_HOST,
        pickHostNameFromBackendHttpSettings: false,
        path: p.path,
        port: p.port,
        interval: p.interval,
        timeout: p.timeout,
        unhealthyThreshold: p.unhealthyThreshold,
        minServers: 0,
        match: { statusCodes: [...p.statusCodes] },
      })),
      httpListeners: plan.httpListeners.map((l) => ({
        ...listenerArgs(ref, l),
        ...(l.sslCertificate ? { sslCertificate: ref(l.sslCertificate) } : {}),
        ...(l.sslProfile ? { sslProfile: ref(l.sslProfile) } : {}),
        ...(l.requireServerNameIndication !== undefined ? { requireServerNameIndication: l.requireServerNameIndication } : {}),
        ...(l.firewallPolicy ? { firewallPolicy: { id: policies[l.firewallPolicy].id } } : {}),
      })),
      redirectConfigurations: plan.redirectConfigurations.map((r) => redirectConfigurationArgs(ref, r)),
      urlPathMaps: plan.urlPathMaps.map((m) => urlPathMapArgs(ref, m)),
      requestRoutingRules: plan.requestRoutingRules.map((r) => routingRuleArgs(ref, r)),
      ...(plan.rewriteRuleSets.length ? { rewriteRuleSets: plan.rewriteRuleSets.map(rewriteRuleSetArgs) } : {}),
      ...(policies.gateway ? { firewallPolicy: { id: policies.gateway.id }, forceFirewallPolicyAssociation: true } : {}),
      tags: ctx.tags,
    },
    { parent: ctx.parent },
  );

  if (model.deletionProtection) deletionLock(ctx, 'agw', `${plan.name}-lock`, applicationGateway);
  if (model.accessLogs) accessLogSetting(ctx, `${model.accessLogs.prefix}-access-logs`, applicationGateway, props.accessLogs!);
  renderMetricAlerts(ctx, plan.metricAlerts ?? [], applicationGateway.id, props.actionGroups ?? {});

  const listening = plan.frontendIPConfigurations.filter((fc) => fc.hasListeners);
  const frontendIpAddresses = pulumi
    .all(listening.map((fc) => (fc.kind === 'public' ? ips.get(fc.publicIp!)!.ipAddress : pulumi.output(privateAddress(fc.ipVersion)))))
    .apply((all) => all.filter((a): a is string => !!a));
  return {
    applicationGateway,
    publicIps: [...ips.values()],
    wafPolicies: policies,
    backendAddressPoolIds: Object.fromEntries(plan.backendAddressPools.map((p) => [p.name, ref({ collection: 'backendAddressPools', name: p.name }).id])),
    frontendIpAddresses,
  };
}

function sslPolicyArgs(p: SslPolicyPlan) {
  return {
    policyType: p.policyType,
    ...(p.policyName ? { policyName: p.policyName } : {}),
    ...(p.minProtocolVersion ? { minProtocolVersion: p.minProtocolVersion } : {}),
  };
}

function wafPolicy(ctx: RenderContext, p: WafPolicyPlan): network.WebApplicationFirewallPolicy {
  return new network.WebApplicationFirewallPolicy(
    `${ctx.name}-${p.key === 'gateway' ? 'waf' : `waf-${p.key}`}`,
    {
      policyName: p.name,
      resourceGroupName: ctx.resourceGroupName,
      location: ctx.location,
      managedRules: { managedRuleSets: (p.managedRuleSets ?? [MANAGED_RULE_SET]).map((r) => ({ ...r })) },
      policySettings: {
        state: 'Enabled',
        // Detection only logs: rate limits and client restrictions must block, so only protection's detect asks for it.
        mode: p.mode ?? 'Prevention',
        ...(p.blockStatus !== undefined ? { customBlockResponseStatusCode: p.blockStatus } : {}),
      },
      customRules: p.customRules.map((r) => ({
        name: r.name,
        priority: r.priority,
        ruleType: r.ruleType,
        action: r.action,
        state: 'Enabled',
        ...(r.rateLimitDuration ? { rateLimitDuration: r.rateLimitDuration, rateLimitThreshold: r.rateLimitThreshold } : {}),
        ...(r.groupBy ? { groupByUserSession: [{ groupByVariables: [{ variableName: r.groupBy }] }] } : {}),
        matchConditions: r.matchConditions.map((c) => ({
          matchVariables: [{ variableName: c.variableName, ...(c.selector ? { selector: c.selector } : {}) }],
          operator: c.operator,
          negationConditon: c.negationConditon,
          matchValues: [...c.matchValues],
          transforms: [...c.transforms],
        })),
      })),
      tags: ctx.tags,
    },
    { parent: ctx.parent },
  );
}
