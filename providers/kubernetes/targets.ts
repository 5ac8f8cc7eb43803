/** The Kubernetes family's targets, each with its column of the capability table (capabilities.ts, capabilities-service.ts). */
import type { TargetDef } from '../../lib/backend';
import { K8S_ENVOY_GATEWAY, K8S_GATEWAY, K8S_GKE_GATEWAY } from './capabilities';
import { K8S_SERVICE } from './capabilities-service';

export type K8sTargetId = 'k8s-gateway' | 'k8s-envoy-gateway' | 'k8s-gke-gateway' | 'k8s-service';

export const K8S_TARGETS: readonly TargetDef<K8sTargetId>[] = [
  {
    id: 'k8s-gateway',
    title: 'Kubernetes Gateway API v1.6 (standard channel, any conformant implementation)',
    layer: 'both',
    family: 'kubernetes',
    column: K8S_GATEWAY,
  },
  {
    id: 'k8s-envoy-gateway',
    title: 'Envoy Gateway v1.9 (Gateway API + BackendTrafficPolicy, ClientTrafficPolicy, SecurityPolicy)',
    layer: 'both',
    family: 'kubernetes',
    column: K8S_ENVOY_GATEWAY,
  },
  {
    id: 'k8s-gke-gateway',
    title: 'GKE Gateway controller (Gateway API + HealthCheckPolicy, GCPBackendPolicy)',
    layer: 'l7',
    family: 'kubernetes',
    column: K8S_GKE_GATEWAY,
  },
  { id: 'k8s-service', title: 'Kubernetes Service type LoadBalancer (cloud controller or MetalLB)', layer: 'l4', family: 'kubernetes', column: K8S_SERVICE },
];

export const isK8sTarget = (id: string): id is K8sTargetId => K8S_TARGETS.some((t) => t.id === id);
