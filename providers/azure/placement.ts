/**
 * The Azure props held against the plan: placement, certificates, trust stores, bindings and the access-log
 * destination. Every problem is returned, each naming its prop (`bindings.web.fqdns`), in the order of the
 * props' documentation, so that the first is the one a reader fixes first. No Pulumi import: the backend runs
 * it for the component.
 */
import type { Problem } from '../../lib/errors';
import type { LoadBalancerModel } from '../../lib/model/types';
import type { ApplicationGatewayPlan, AzurePlan, LoadBalancerPlan, MetricAlertPlan } from './plan/types';
import type { AzurePlacementProps, AzurePoolBinding } from './props';

/**
 * Application Gateway v2 autoscale: instance counts range from 0 to 125
 * (https://learn.microsoft.com/azure/application-gateway/application-gateway-autoscaling-zone-redundant).
 */
const MAX_CAPACITY = 125;

type Report = (prop: string, message: string, fix: string) => void;

/** Every problem of the props for this plan; none when they fit. */
export function checkPlacement(props: AzurePlacementProps, model: LoadBalancerModel, plan: AzurePlan): Problem[] {
  const problems: Problem[] = [];
  const report: Report = (path, message, fix) => problems.push({ code: 'LBKIT_AZURE_PROPS', path, message, fix });
  const lb = plan.loadBalancer;
  const agw = plan.applicationGateway;
  if (lb?.internal && !props.loadBalancer?.subnetId) {
    report(
      'loadBalancer.subnetId',
      "the spec is internal: give the subnet of the load balancer's frontend",
      "set loadBalancer.subnetId to a subnet id of the members' virtual network",
    );
  }
  if (agw) checkGateway(props, model, agw, report);
  checkBindings(props, lb, agw, report);
  checkActionGroups(props, [...(lb?.metricAlerts ?? []), ...(agw?.metricAlerts ?? [])], report);
  return problems;
}

function checkGateway(props: AzurePlacementProps, model: LoadBalancerModel, agw: ApplicationGatewayPlan, report: Report): void {
  const placement = props.applicationGateway;
  if (!placement?.subnetId)
    report(
      'applicationGateway.subnetId',
      "the spec has http/https frontends: give the Application Gateway's dedicated subnet",
      'set applicationGateway.subnetId to a subnet that holds only this gateway',
    );
  if (agw.internal && !placement?.privateIPAddress) {
    report(
      'applicationGateway.privateIPAddress',
      'the spec is internal: give a static private address in the gateway subnet',
      'set applicationGateway.privateIPAddress to a free IPv4 address of the gateway subnet',
    );
  }
  if (agw.internal && agw.ipVersions.includes('IPv6') && !placement?.privateIPv6Address) {
    report(
      'applicationGateway.privateIPv6Address',
      'the spec is internal and dualstack: give a static private IPv6 address',
      'set applicationGateway.privateIPv6Address to a free IPv6 address of the gateway subnet',
    );
  }
  if (agw.sslCertificates.length && !placement?.identityId) {
    report(
      'applicationGateway.identityId',
      'Key Vault certificates need a user-assigned identity that may read them',
      'set applicationGateway.identityId to a user-assigned identity with get access to the Key Vault secrets',
    );
  }
  for (const cert of agw.sslCertificates) {
    if (!props.certificates?.[cert])
      report(
        `certificates.${cert}`,
        `the spec's https frontends use certificate '${cert}': give its Key Vault secret id`,
        `add certificates['${cert}']: the secret id of the certificate in Key Vault`,
      );
  }
  for (const store of agw.trustedClientCertificates) {
    if (!props.trustStores?.[store])
      report(
        `trustStores.${store}`,
        `mutual TLS uses trust store '${store}': give its CA certificate data (base64)`,
        `add trustStores['${store}']: the CA certificates clients chain to, base64-encoded`,
      );
  }
  const autoscale = placement?.autoscale;
  if (
    autoscale &&
    !(
      Number.isInteger(autoscale.minCapacity) &&
      autoscale.minCapacity >= 0 &&
      autoscale.maxCapacity >= Math.max(2, autoscale.minCapacity) &&
      autoscale.maxCapacity <= MAX_CAPACITY
    )
  ) {
    report(
      'applicationGateway.autoscale',
      `minCapacity ${autoscale.minCapacity} and maxCapacity ${autoscale.maxCapacity}: Application Gateway v2 takes 0 <= min <= max, 2 <= max <= ${MAX_CAPACITY}`,
      `choose whole numbers with 0 <= minCapacity <= maxCapacity and 2 <= maxCapacity <= ${MAX_CAPACITY}`,
    );
  }
  if (model.accessLogs && !props.accessLogs?.workspaceId === !props.accessLogs?.storageAccountId) {
    report(
      'accessLogs',
      'the spec turns access logs on: give exactly one of workspaceId and storageAccountId',
      'set accessLogs.workspaceId (Log Analytics) or accessLogs.storageAccountId, not both',
    );
  }
}

function checkActionGroups(props: AzurePlacementProps, alerts: readonly MetricAlertPlan[], report: Report): void {
  for (const notify of new Set(alerts.flatMap((a) => (a.notify !== undefined ? [a.notify] : [])))) {
    if (!props.actionGroups?.[notify])
      report(
        `actionGroups.${notify}`,
        `the spec's alarms notify '${notify}': give its action group id`,
        `add actionGroups['${notify}']: the id of a Microsoft.Insights/actionGroups resource`,
      );
  }
}

function checkBindings(props: AzurePlacementProps, lb: LoadBalancerPlan | undefined, agw: ApplicationGatewayPlan | undefined, report: Report): void {
  const lbPools = new Set(lb?.backendAddressPools.map((p) => p.pool));
  const agwPools = new Set(agw?.backendAddressPools.map((p) => p.pool));
  for (const [pool, binding] of Object.entries(props.bindings ?? {})) {
    if (!lbPools.has(pool) && !agwPools.has(pool)) {
      report(
        `bindings.${pool}`,
        `no pool '${pool}' is compiled (pools: ${[...lbPools, ...agwPools].join(', ') || 'none'})`,
        "bind a pool the spec's frontends reach, or remove the binding",
      );
      continue;
    }
    if (lbPools.has(pool)) checkLoadBalancerBinding(props, lb!, pool, binding, report);
    if (agwPools.has(pool) && binding.ipv6Addresses?.length) {
      report(`bindings.${pool}.ipv6Addresses`, 'Application Gateway pools take ipAddresses and fqdns', `give the members of '${pool}' as ipAddresses or fqdns`);
    }
  }
}

function checkLoadBalancerBinding(props: AzurePlacementProps, lb: LoadBalancerPlan, pool: string, binding: AzurePoolBinding, report: Report): void {
  if (binding.fqdns?.length)
    report(
      `bindings.${pool}.fqdns`,
      'Azure Load Balancer pools hold addresses, not host names',
      `give the members of '${pool}' as ipAddresses (or join them from their NICs)`,
    );
  if (binding.ipv6Addresses?.length && !lb.ipVersions.includes('IPv6')) {
    report(`bindings.${pool}.ipv6Addresses`, 'the spec is not dualstack', "set the spec's ipAddressType to dualstack, or remove the IPv6 members");
  }
  const addresses = (binding.ipAddresses?.length ?? 0) + (binding.ipv6Addresses?.length ?? 0);
  if (addresses && !binding.virtualNetworkId && !props.loadBalancer?.virtualNetworkId && !props.loadBalancer?.subnetId) {
    report(
      `bindings.${pool}.virtualNetworkId`,
      "IP-based backend pools need the members' virtual network (or props.loadBalancer.virtualNetworkId)",
      `set bindings.${pool}.virtualNetworkId or loadBalancer.virtualNetworkId`,
    );
  }
}
