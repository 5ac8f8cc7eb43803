/**
 * What the Azure component takes: the spec input every backend shares (lib/backend.ts `SpecInput`), placement
 * (where it runs), certificates (Key Vault secrets by logical name) and bindings (which members each pool
 * has). placement.ts checks them against the plan, every problem at once, before anything is created.
 */
import type * as pulumi from '@pulumi/pulumi';
import type { SpecInput } from '../../lib/backend';

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

/** The props that place the spec on Azure (everything but the spec input and naming), checked against the plan. */
export interface AzurePlacementProps {
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
   * Action group ids (Microsoft.Insights/actionGroups) by the logical notification names of the spec's alarms
   * (`notify`); every name an alarm compiled here uses must be given.
   * @default none
   */
  readonly actionGroups?: Readonly<Record<string, pulumi.Input<string>>>;
}

/** The spec (`spec`, `specFile` or `model`, judged with `strict` and `allowNearest`), where it runs and what it is called. */
export interface AzureLoadBalancerProps extends SpecInput, AzurePlacementProps {
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
  /**
   * Tags added to the spec's tags on every resource.
   * @default none
   */
  readonly tags?: Readonly<Record<string, string>>;
}
