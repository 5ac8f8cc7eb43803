/**
 * A Pulumi program (@pulumi/kubernetes): the internal PostgreSQL example (examples/specs/internal-tcp.yaml) and
 * the DNS example (examples/specs/udp.yaml) on bare metal, as Services of type LoadBalancer whose addresses come
 * from a MetalLB IPAddressPool announced by an L2Advertisement. The DNS resolvers run outside the cluster
 * (addresses: an EndpointSlice); PostgreSQL's pgbouncer pods are selected by label.
 *
 *   pulumi up      # with a kubeconfig for a cluster running MetalLB v0.16
 *
 * In an application, import the component from 'lbkit/kubernetes/pulumi'.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import type { LoadBalancerSpec } from '../../lib/spec/schema';
import { KubernetesLoadBalancer } from '../../providers/kubernetes/pulumi';

const orders = parse(readFileSync(join(__dirname, '../specs/internal-tcp.yaml'), 'utf8')) as LoadBalancerSpec;

/**
 * What a Service only approximates (docs/kubernetes.md): Kubernetes routes to Ready endpoints, so the pods'
 * readinessProbe is the health check, and connections drain for the pods' terminationGracePeriodSeconds.
 */
const SERVICE_ACCEPTED = [
  'k8s-service:pool.health.tcp',
  'k8s-service:pool.health.healthy-threshold',
  'k8s-service:pool.draining',
  'k8s-service:pool.fail-open',
];

export const postgres = new KubernetesLoadBalancer('orders-db', {
  // A Service has no idle timeout of its own (kube-proxy's connection tracking applies): the spec's is left out.
  spec: { ...orders, frontends: orders.frontends.map(({ idleTimeoutSeconds: _idle, ...f }) => f) },
  target: 'k8s-service',
  // Internal: MetalLB hands out the pool's private addresses.
  allowNearest: [...SERVICE_ACCEPTED, 'k8s-service:lb.scheme.internal'],
  namespace: 'orders',
  metallb: { addresses: ['192.168.10.0/28'] },
  bindings: { pgbouncer: { selector: { app: 'pgbouncer' } } },
});

export const dns = new KubernetesLoadBalancer('dns', {
  specFile: join(__dirname, '../specs/udp.yaml'),
  target: 'k8s-service',
  allowNearest: SERVICE_ACCEPTED,
  namespace: 'dns',
  metallb: { addresses: ['192.168.10.16/28'] },
  bindings: { resolvers: { addresses: ['10.0.0.53', '10.0.0.54'] } },
});

export const objects = { postgres: postgres.objectNames, dns: dns.objectNames };
