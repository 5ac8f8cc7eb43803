/**
 * Props of `lbkit:gcp:LoadBalancer`: the spec (or its model), where it runs (placement), which certificates
 * and trust stores back the spec's logical names, and which members each pool has (bindings).
 */
import type * as pulumi from '@pulumi/pulumi';
import type { SpecInput } from '../../lib/backend';
import type { NetworkLoadBalancerKind } from './plan/types';

/** A certificate for one of the spec's logical certificate names. */
export type GcpCertificate =
  /** A Google-managed certificate (compute.ManagedSslCertificate) for the spec's `certificates[].domains`: global only, no wildcard domains. */
  | { readonly kind: 'managed' }
  /** A self-managed certificate: PEM chain and private key (compute.SSLCertificate, or RegionSslCertificate when regional). */
  | { readonly kind: 'self-managed'; readonly certificate: pulumi.Input<string>; readonly privateKey: pulumi.Input<string> }
  /** An existing SSL certificate resource, by self link or id (global or regional, matching the load balancer). */
  | { readonly kind: 'existing'; readonly sslCertificate: pulumi.Input<string> };

/** A CA bundle for one of the spec's logical trust stores (mutual TLS, global external only). */
export type GcpTrustStore =
  /** PEM trust anchors: the component creates a Certificate Manager trust config. */
  | { readonly caCertificates: readonly pulumi.Input<string>[] }
  /** An existing Certificate Manager trust config (projects/.../locations/global/trustConfigs/...). */
  | { readonly trustConfig: pulumi.Input<string> };

/** How much load GCP sends a backend before spilling to others (target capacity, not a hard limit). */
export interface GcpBackendCapacity {
  /** @default 1 */
  readonly capacityScaler?: number;
  /** Instance groups behind an Application or proxy Network Load Balancer (balancingMode UTILIZATION). @default 0.8 */
  readonly maxUtilization?: number;
  /** Zonal NEGs behind an Application Load Balancer (balancingMode RATE), requests per second per endpoint. @default 1000 */
  readonly maxRatePerEndpoint?: number;
  /** Zonal NEGs behind a proxy Network Load Balancer (balancingMode CONNECTION), connections per endpoint. @default 1000 */
  readonly maxConnectionsPerEndpoint?: number;
}

/** An instance group serving a pool. */
export interface GcpInstanceGroup {
  /** Self link or id of the (managed or unmanaged) instance group. */
  readonly group: pulumi.Input<string>;
  /**
   * The group's name and zone: given, the component adds the named port `<pool>` = pool port to the group
   * (compute.InstanceGroupNamedPort), which proxies use to reach the pool's port. Leave out when the group
   * already has that named port (for example, set by its instance group manager).
   * @default the named port is not managed
   */
  readonly namedPort?: { readonly name: pulumi.Input<string>; readonly zone: pulumi.Input<string> };
  /** @default see GcpBackendCapacity */
  readonly capacity?: GcpBackendCapacity;
}

/** Members by address in one zone: a zonal network endpoint group the component creates. */
export interface GcpZonalEndpoints {
  readonly zone: string;
  /**
   * Endpoints `ip` or `ip:port` (port defaults to the pool's port). VM endpoints need the instance name.
   * Passthrough pools use GCE_VM_IP NEGs (no ports).
   */
  readonly endpoints: readonly { readonly ipAddress: string; readonly port?: number; readonly instance?: string }[];
  /** GCE_VM_IP_PORT: VMs in the VPC; NON_GCP_PRIVATE_IP_PORT: hybrid endpoints. @default GCE_VM_IP_PORT (GCE_VM_IP for passthrough) */
  readonly networkEndpointType?: 'GCE_VM_IP_PORT' | 'NON_GCP_PRIVATE_IP_PORT';
  /** @default see GcpBackendCapacity */
  readonly capacity?: GcpBackendCapacity;
}

/** A serverless network endpoint group: exactly one of cloudRun, cloudFunction, appEngine. */
export interface GcpServerless {
  readonly region: string;
  readonly cloudRun?: { readonly service: pulumi.Input<string>; readonly tag?: pulumi.Input<string> };
  readonly cloudFunction?: { readonly function: pulumi.Input<string> };
  readonly appEngine?: { readonly service?: pulumi.Input<string>; readonly version?: pulumi.Input<string> };
}

/**
 * The members of one pool, keyed by names you choose (resource names derive from them). One kind per pool:
 * GCP backend services do not mix instance groups, NEGs and serverless NEGs.
 */
export type GcpPoolBinding =
  | { readonly instanceGroups: Readonly<Record<string, GcpInstanceGroup>> }
  | { readonly networkEndpoints: Readonly<Record<string, GcpZonalEndpoints>> }
  /**
   * Serverless NEGs (Application Load Balancer only). GCP does not health-check or drain serverless
   * backends: the pool's healthCheck and drainingSeconds are not applied, and the component says so in `warnings`.
   */
  | { readonly serverless: Readonly<Record<string, GcpServerless>> };

/**
 * Where the load balancer runs and what backs the spec's names: everything the props say besides the spec.
 * `GCP_BACKEND.plan` checks it against the plan (`options`).
 */
export interface GcpPlacement {
  /** @default the provider's project */
  readonly project?: pulumi.Input<string>;
  /** Region of regional load balancers (regional or internal Application LB, every Network LB). Required when one is built. */
  readonly region?: pulumi.Input<string>;
  /**
   * L7 frontends: the global external Application Load Balancer (true) or a regional one (false). Internal
   * load balancers are always regional.
   * @default true for external load balancers
   */
  readonly global?: boolean;
  /** VPC network (self link or name): firewall rules, NEGs, regional and internal forwarding rules. Required unless nothing needs it. */
  readonly network?: pulumi.Input<string>;
  /** Subnetwork of internal forwarding rules (and of IPv6 passthrough forwarding rules). Required for those. */
  readonly subnetwork?: pulumi.Input<string>;
  /**
   * The region's proxy-only subnet (purpose REGIONAL_MANAGED_PROXY), needed by regional Application and proxy
   * Network Load Balancers. A VPC has one per region: set `create: false` when it exists already.
   * @default required when needed; created unless create is false
   */
  readonly proxyOnlySubnet?: { readonly ipCidrRange: string; readonly create?: boolean };

  /** The spec's certificates by logical name. @default a Google-managed certificate for each (global only, see GcpCertificate) */
  readonly certificates?: Readonly<Record<string, GcpCertificate>>;
  /**
   * A Certificate Manager certificate map for every https and tls frontend instead of `certificates`
   * (global external only), as `//certificatemanager.googleapis.com/projects/<p>/locations/global/certificateMaps/<m>`.
   * Its entries decide which certificate each host gets.
   * @default none
   */
  readonly certificateMap?: pulumi.Input<string>;
  /** The spec's trust stores (mutual TLS) by logical name. @default none; required for each trust store a frontend uses */
  readonly trustStores?: Readonly<Record<string, GcpTrustStore>>;

  /** Members of each pool, by pool name. Every pool a frontend reaches needs one. */
  readonly bindings: Readonly<Record<string, GcpPoolBinding>>;

  /**
   * How L4 frontends compile, by frontend name.
   * @default tls: proxy; udp: passthrough; tcp: passthrough when the pool listens on the frontend's port, else proxy
   */
  readonly networkLoadBalancers?: Readonly<Record<string, NetworkLoadBalancerKind>>;
  /**
   * Firewall rules the component creates: Google's health-check ranges (and proxy-only subnet) to the pool
   * ports, and passthrough clients to the frontend ports. `targetTags` limits them to tagged instances.
   * @default created, for every instance in the network; internal passthrough clients: 10.0.0.0/8, 172.16.0.0/12, 192.168.0.0/16
   */
  readonly firewall?: { readonly create?: boolean; readonly targetTags?: readonly string[]; readonly internalClientRanges?: readonly string[] };
  /**
   * The URL maps' route-rule priorities as deployed, by frontend name and rule id: the component's
   * `routePriorities` output of the last deployment (commit it beside the program). Rules it names keep their
   * priority; new rules take priorities in the gaps, so inserting, removing or reordering a rule never renumbers
   * another (see docs/gcp.md, Priorities).
   * @default none: rules are numbered 1000, 2000, ... in evaluation order
   */
  readonly routePriorities?: Readonly<Record<string, Readonly<Record<string, number>>>>;
  /**
   * Where the spec's alarms report, by the notification names they use (`notify`): an existing Cloud Monitoring
   * notification channel (`projects/<p>/notificationChannels/<id>`), or an e-mail address for which the
   * component creates an email notification channel.
   * @default none (an alarm with `notify` then is a placement problem)
   */
  readonly notificationChannels?: Readonly<Record<string, GcpNotificationChannel>>;
}

/** A notification channel for alarms: an existing one by name, or an e-mail address. */
export type GcpNotificationChannel = { readonly channel: pulumi.Input<string> } | { readonly email: string };

/** Props of `lbkit:gcp:LoadBalancer`: the spec (exactly one of spec, specFile, model; lib/backend.ts) and its placement. */
export interface GcpLoadBalancerProps extends SpecInput, GcpPlacement {}
