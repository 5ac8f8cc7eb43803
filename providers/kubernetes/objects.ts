/**
 * The Kubernetes objects lbkit writes, as plain data: what the YAML renderer prints, what the cdk8s and Pulumi
 * adapters register unchanged, and what the CRD check validates. Field names are the API's own.
 */

export interface ObjectMeta {
  readonly name: string;
  readonly namespace?: string;
  readonly labels?: Readonly<Record<string, string>>;
  readonly annotations?: Readonly<Record<string, string>>;
}

/** Any object lbkit writes. `spec` holds the API's fields as written (plain JSON). */
export interface K8sObject<Spec = Record<string, unknown>> {
  readonly apiVersion: string;
  readonly kind: string;
  readonly metadata: ObjectMeta;
  readonly spec?: Spec;
  /** EndpointSlice's top-level fields. */
  readonly addressType?: string;
  readonly endpoints?: ReadonlyArray<Record<string, unknown>>;
  readonly ports?: ReadonlyArray<Record<string, unknown>>;
}

export const GATEWAY_API = 'gateway.networking.k8s.io/v1';
export const GATEWAY_API_ALPHA = 'gateway.networking.k8s.io/v1alpha2';
/** Gateway API's experimental x-k8s.io group (XBackendTrafficPolicy). */
export const GATEWAY_API_X = 'gateway.networking.x-k8s.io/v1alpha1';
export const ENVOY_GATEWAY = 'gateway.envoyproxy.io/v1alpha1';
export const GKE_NETWORKING = 'networking.gke.io/v1';
export const METALLB = 'metallb.io/v1beta1';

/** A reference a policy attaches to (Gateway API policy attachment, GEP-713). */
export interface TargetRef {
  readonly group: string;
  readonly kind: string;
  readonly name: string;
  readonly sectionName?: string;
}

/** The stable identity of an object: 'Kind/namespace/name'. */
export const objectKey = (o: K8sObject): string => `${o.kind}/${o.metadata.namespace ?? ''}/${o.metadata.name}`;
