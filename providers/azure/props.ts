/**
 * What the Azure backend needs besides the spec: placement (where it runs), certificates (Key Vault secrets
 * by logical name) and bindings (which members each pool has). Validated synchronously at construction, with
 * errors that name the prop.
 */
import type * as pulumi from '@pulumi/pulumi';
import { loadModel } from '../../lib/model/build';
import type { LoadBalancerModel } from '../../lib/model/types';
import { AzurePropsError } from '../../lib/errors';
import type { AzurePlan } from './plan/types';

/**
 * Members of one pool. Members that are VMs or scale-set instances join from their side instead: their NIC IP
 * configuration (or the scale set's network profile) lists the pool's id from `backendAddressPoolIds`, since
 * ARM only lets the member reference the pool (a pool's NIC IP configurations are read-only).
 */
export interface AzurePoolBinding {
  /**
   * IPv4 member addresses.
   * @default none
   */
  readonly ipAddresses?: readonly pulumi.Input<string>[];
  /**
   * IPv6 member addresses (Azure Load Balancer with a dualstack spec).
   * @default none
   */
  readonly ipv6Addresses?: readonly pulumi.Input<string>[];
  /**
   * Member host names (Application Gateway only: Azure Load Balancer pools hold addresses).
   * @default none
   */
  readonly fqdns?: readonly pulumi.Input<string>[];
  /**
   * Application Gateway: the host name its probes send (Host header and, for https pools, SNI). Members of an
   * https pool whose certificate the gateway checks need their name here.
   * @default 127.0.0.1, as Application Gateway's default probe
   */
  readonly probeHostName?: string;
  /**
   * Azure Load Balancer: the virtual network of the member addresses (IP-based backend pools need it).
   * @default props.loadBalancer.virtualNetworkId, else the network of props.loadBalancer.subnetId
   */
  readonly virtualNetworkId?: pulumi.Input<string>;
}

export interface AzureLoadBalancerPlacement {
  /**
   * The internal frontend's subnet (required when the spec is internal).
   * @default none (external)
   */
  readonly subnetId?: pulumi.Input<string>;
  /**
   * Static private IPv4 address of the internal frontend.
   * @default an address Azure allocates (Dynamic)
   */
  readonly privateIPAddress?: pulumi.Input<string>;
  /**
   * Static private IPv6 address of the internal frontend (dualstack).
   * @default an address Azure allocates (Dynamic)
   */
  readonly privateIPv6Address?: pulumi.Input<string>;
  /**
   * Virtual network of IP-based pool members.
   * @default the network of subnetId
   */
  readonly virtualNetworkId?: pulumi.Input<string>;
}

export interface AzureApplicationGatewayPlacement {
  /** The gateway's dedicated subnet (Application Gateway v2 needs a subnet of its own). */
  readonly subnetId: pulumi.Input<string>;
  /**
   * Static private IPv4 address in that subnet: required when the spec is internal (v2 private frontends are static).
   * @default none (external)
   */
  readonly privateIPAddress?: pulumi.Input<string>;
  /**
   * Static private IPv6 address (internal and dualstack).
   * @default none
   */
  readonly privateIPv6Address?: pulumi.Input<string>;
  /**
   * A user-assigned identity with read access to the Key Vault secrets in `certificates` (required with https).
   * @default none
   */
  readonly identityId?: pulumi.Input<string>;
  /**
   * Autoscale bounds (instances).
   * @default { minCapacity: 1, maxCapacity: 10 }
   */
  readonly autoscale?: { readonly minCapacity: number; readonly maxCapacity: number };
  /**
   * Let the WAF policy's managed OWASP rule set block requests too (see AzurePlanOptions.wafManagedRules).
   * @default false
   */
  readonly wafManagedRules?: boolean;
}

export interface AzureLoadBalancerProps {
  /**
   * The model (`loadModel(file)` or `buildModel(spec)` from 'lbkit'); give this or `specFile`.
   * @default the model of specFile
   */
  readonly model?: LoadBalancerModel;
  /**
   * A spec file (YAML or JSON) to load instead of `model`.
   * @default none
   */
  readonly specFile?: string;
  /**
   * Nearest mappings accepted for this deployment, added to the spec's allowNearest ('<feature>' or
   * '<target>:<feature>').
   * @default none
   */
  readonly allowNearest?: readonly string[];
  readonly resourceGroupName: pulumi.Input<string>;
  readonly location: pulumi.Input<string>;
  /**
   * Subscription of the resource group, for the ids of sub-resources.
   * @default the provider's subscription (authorization.getClientConfig)
   */
  readonly subscriptionId?: pulumi.Input<string>;
  /**
   * Availability zones of the frontends, public IPs and gateway.
   * @default none (regional)
   */
  readonly zones?: readonly string[];
  /**
   * Prefix of the Azure resource names.
   * @default the spec's name
   */
  readonly namePrefix?: string;
  /** Required when the spec has L4 frontends that are internal. */
  readonly loadBalancer?: AzureLoadBalancerPlacement;
  /** Required when the spec has L7 frontends. */
  readonly applicationGateway?: AzureApplicationGatewayPlacement;
  /**
   * Key Vault secret ids by logical certificate name (the spec's `certificates`).
   * @default none
   */
  readonly certificates?: Readonly<Record<string, pulumi.Input<string>>>;
  /**
   * Base64 CA certificate data by logical trust store name (mutual TLS).
   * @default none
   */
  readonly trustStores?: Readonly<Record<string, pulumi.Input<string>>>;
  /**
   * Members by pool name.
   * @default empty pools (members join by reference, see AzurePoolBinding)
   */
  readonly bindings?: Readonly<Record<string, AzurePoolBinding>>;
  /**
   * Where access logs go when the spec turns them on (one of the two).
   * @default none
   */
  readonly accessLogs?: { readonly workspaceId?: pulumi.Input<string>; readonly storageAccountId?: pulumi.Input<string> };
  /**
   * Tags added to the spec's tags on every resource.
   * @default none
   */
  readonly tags?: Readonly<Record<string, string>>;
}

/** The model the props give (model or specFile), with the props' allowNearest added. */
export function modelOf(props: AzureLoadBalancerProps): LoadBalancerModel {
  if (!props.model === !props.specFile) throw new AzurePropsError('model', 'give exactly one of model and specFile');
  const model = props.model ?? loadModel(props.specFile!);
  return props.allowNearest?.length ? { ...model, allowNearest: [...model.allowNearest, ...props.allowNearest] } : model;
}

/** Every prop problem the plan reveals, thrown as the first one found. */
export function validateProps(props: AzureLoadBalancerProps, model: LoadBalancerModel, plan: AzurePlan): void {
  const lb = plan.loadBalancer;
  const agw = plan.applicationGateway;
  if (lb?.internal && !props.loadBalancer?.subnetId) {
    throw new AzurePropsError('loadBalancer.subnetId', 'the spec is internal: give the subnet of the load balancer\'s frontend');
  }
  if (agw) {
    const placement = props.applicationGateway;
    if (!placement?.subnetId) throw new AzurePropsError('applicationGateway.subnetId', 'the spec has http/https frontends: give the Application Gateway\'s dedicated subnet');
    if (agw.internal && !placement.privateIPAddress) throw new AzurePropsError('applicationGateway.privateIPAddress', 'the spec is internal: give a static private address in the gateway subnet');
    if (agw.internal && agw.ipVersions.includes('IPv6') && !placement.privateIPv6Address) throw new AzurePropsError('applicationGateway.privateIPv6Address', 'the spec is internal and dualstack: give a static private IPv6 address');
    if (agw.sslCertificates.length && !placement.identityId) throw new AzurePropsError('applicationGateway.identityId', 'Key Vault certificates need a user-assigned identity that may read them');
    for (const cert of agw.sslCertificates) {
      if (!props.certificates?.[cert]) throw new AzurePropsError(`certificates.${cert}`, `the spec's https frontends use certificate '${cert}': give its Key Vault secret id`);
    }
    for (const store of agw.trustedClientCertificates) {
      if (!props.trustStores?.[store]) throw new AzurePropsError(`trustStores.${store}`, `mutual TLS uses trust store '${store}': give its CA certificate data (base64)`);
    }
    const autoscale = placement.autoscale;
    if (autoscale && !(Number.isInteger(autoscale.minCapacity) && autoscale.minCapacity >= 0 && autoscale.maxCapacity >= Math.max(2, autoscale.minCapacity) && autoscale.maxCapacity <= 125)) {
      throw new AzurePropsError('applicationGateway.autoscale', `minCapacity ${autoscale.minCapacity} and maxCapacity ${autoscale.maxCapacity}: Application Gateway v2 takes 0 <= min <= max, 2 <= max <= 125`);
    }
    if (model.accessLogs && !props.accessLogs?.workspaceId === !props.accessLogs?.storageAccountId) {
      throw new AzurePropsError('accessLogs', 'the spec turns access logs on: give exactly one of workspaceId and storageAccountId');
    }
  }
  const lbPools = new Set(lb?.backendAddressPools.map((p) => p.pool));
  const agwPools = new Set(agw?.backendAddressPools.map((p) => p.pool));
  for (const [pool, binding] of Object.entries(props.bindings ?? {})) {
    if (!lbPools.has(pool) && !agwPools.has(pool)) {
      throw new AzurePropsError(`bindings.${pool}`, `no pool '${pool}' is compiled (pools: ${[...lbPools, ...agwPools].join(', ') || 'none'})`);
    }
    if (lbPools.has(pool)) {
      if (binding.fqdns?.length) throw new AzurePropsError(`bindings.${pool}.fqdns`, 'Azure Load Balancer pools hold addresses, not host names');
      if (binding.ipv6Addresses?.length && !lb!.ipVersions.includes('IPv6')) throw new AzurePropsError(`bindings.${pool}.ipv6Addresses`, 'the spec is not dualstack');
      const addresses = (binding.ipAddresses?.length ?? 0) + (binding.ipv6Addresses?.length ?? 0);
      if (addresses && !binding.virtualNetworkId && !props.loadBalancer?.virtualNetworkId && !props.loadBalancer?.subnetId) {
        throw new AzurePropsError(`bindings.${pool}.virtualNetworkId`, 'IP-based backend pools need the members\' virtual network (or props.loadBalancer.virtualNetworkId)');
      }
    }
    if (agwPools.has(pool) && binding.ipv6Addresses?.length) {
      throw new AzurePropsError(`bindings.${pool}.ipv6Addresses`, 'Application Gateway pools take ipAddresses and fqdns');
    }
  }
}
