/**
 * Placement and bindings of the Kubernetes family: where the objects go (namespace, GatewayClass, channel) and
 * which members each pool has (a Service, or addresses behind a selector-less Service and an EndpointSlice).
 */

/** A pool's members. */
export type PoolBinding =
  /** An existing Service (the usual case): the routes' backendRefs name it. */
  | { readonly service: string; readonly namespace?: string; readonly port?: number }
  /**
   * Addresses: lbkit writes a Service without a selector and an EndpointSlice listing them
   * (https://kubernetes.io/docs/concepts/services-networking/service/#services-without-selectors).
   */
  | { readonly addresses: readonly string[]; readonly port?: number }
  /** k8s-service only: the pods the LoadBalancer Service selects. */
  | { readonly selector: Readonly<Record<string, string>> };

export interface MetalLbOptions {
  /** IPAddressPool spec.addresses: CIDRs or ranges ('192.168.10.0/24', '192.168.9.1-192.168.9.5'). */
  readonly addresses: readonly string[];
  /** Announce the pool with an L2Advertisement. @default true */
  readonly l2Advertisement?: boolean;
  /** The namespace MetalLB runs in. @default 'metallb-system' */
  readonly namespace?: string;
}

export interface KubernetesOptions {
  /** Namespace of every namespaced object lbkit writes. @default 'default' */
  readonly namespace?: string;
  /**
   * The GatewayClass the Gateway uses. @default 'eg' on k8s-envoy-gateway (Envoy Gateway's quickstart class),
   * 'gke-l7-global-external-managed' (or 'gke-l7-rilb' for internal specs) on k8s-gke-gateway, required on k8s-gateway.
   */
  readonly gatewayClassName?: string;
  /**
   * Gateway API release channel the cluster runs. 'experimental' lets k8s-gateway use HTTPRoute sessionPersistence.
   * @default 'standard'
   */
  readonly channel?: 'standard' | 'experimental';
  /** Certificate name -> the TLS Secret holding it. @default a Secret named after the certificate */
  readonly certificates?: Readonly<Record<string, string>>;
  /** Trust store name -> the ConfigMap holding the CA bundle (key ca.crt). @default a ConfigMap named after the trust store */
  readonly trustStores?: Readonly<Record<string, string>>;
  /** Pool name -> its members. @default a Service named after the pool, on the pool's port (k8s-service: selector app.kubernetes.io/name=<pool>) */
  readonly bindings?: Readonly<Record<string, PoolBinding>>;
  /** k8s-service: give the LoadBalancer Services addresses from MetalLB (bare metal). @default none */
  readonly metallb?: MetalLbOptions;
  /** Labels on every object. @default app.kubernetes.io/managed-by: lbkit, lbkit.dev/load-balancer: <name> */
  readonly labels?: Readonly<Record<string, string>>;
}
