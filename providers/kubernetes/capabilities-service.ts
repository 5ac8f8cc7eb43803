/**
 * k8s-service: L4 frontends as Services of type LoadBalancer, served by the cloud's controller or by MetalLB.
 * Sources: https://kubernetes.io/docs/concepts/services-networking/service/ (type LoadBalancer, sessionAffinity
 * ClientIP, loadBalancerSourceRanges, externalTrafficPolicy), https://kubernetes.io/docs/reference/networking/virtual-ips/
 * (kube-proxy spreads connections at random in iptables mode, round robin in IPVS rr), dual-stack
 * (https://kubernetes.io/docs/concepts/services-networking/dual-stack/), MetalLB v0.16 CRDs
 * (../shared/reference/k8s-crds/metallb-v0.16.1).
 */
import { operationsPending } from './capabilities';
import { l4HttpCells } from '../../lib/capabilities/layer-cells';
import type { ModelScope } from '../../lib/capabilities/features';
import { native, nearest, unsupported, type RangeViolation, type TargetColumn } from '../../lib/capabilities/support';

const GATEWAY = 'k8s-gateway or k8s-envoy-gateway (TCPRoute/TLSRoute with implementation policies)';
const READINESS = "Kubernetes sends only to Ready endpoints: the pods' readinessProbe is the health check; a Service has no probe fields";

const support = {
  ...l4HttpCells('k8s-gateway or k8s-envoy-gateway'),
  'lb.scheme.internal': nearest(
    'with MetalLB, the IPAddressPool decides (give it private addresses); with a cloud controller, a cloud annotation (such as networking.gke.io/load-balancer-type: Internal) that lbkit does not write',
  ),
  'lb.ip.dualstack': native('ipFamilyPolicy RequireDualStack, ipFamilies IPv4 and IPv6'),
  'lb.deletion-protection': unsupported('none: Kubernetes objects have no deletion protection'),
  'lb.access-logs': unsupported("the cloud load balancer's own logs, outside the Service"),
  'frontend.protocol.tcp': native('Service port protocol TCP'),
  'frontend.protocol.tls': unsupported(`${GATEWAY}: a Service does not terminate TLS`),
  'frontend.protocol.udp': native('Service port protocol UDP'),
  'frontend.tls.minimum-1.3': unsupported(GATEWAY),
  'frontend.tls.sni-certificates': unsupported(GATEWAY),
  'frontend.tls.mtls-verify': unsupported('mTLS in the members'),
  'frontend.tls.mtls-passthrough': unsupported('a tcp frontend: TLS passes through to the members'),
  'frontend.idle-timeout': unsupported("the cloud load balancer's or kube-proxy's connection-tracking timeouts"),
  'frontend.allowed-source-cidrs': native('spec.loadBalancerSourceRanges (externalTrafficPolicy Local keeps the client address)'),
  'action.forward': native("the Service's selector or EndpointSlice"),
  'action.weighted-forward': unsupported('forward to one pool: a Service has one set of endpoints'),
  'pool.protocol.tcp': native('targetPort'),
  'pool.protocol.tls': unsupported('tcp: the Service passes bytes through'),
  'pool.protocol.udp': native('targetPort, protocol UDP'),
  'pool.algorithm.round-robin': nearest('kube-proxy picks endpoints at random per connection (iptables mode); IPVS mode rr is round robin'),
  'pool.algorithm.weighted-round-robin': unsupported('round-robin: endpoints carry no weights'),
  'pool.algorithm.least-connections': nearest('kube-proxy IPVS mode lc (a cluster-wide setting, not per Service); iptables mode is random'),
  'pool.algorithm.ip-hash': nearest('sessionAffinity ClientIP: the first connection is random, later ones stick for timeoutSeconds'),
  'pool.algorithm.least-response-time': unsupported('random (kube-proxy)'),
  'pool.algorithm.random': native('kube-proxy iptables mode: a random endpoint per connection'),
  'pool.health.tcp': nearest(READINESS),
  'pool.health.http': nearest(`${READINESS} (httpGet)`),
  'pool.health.https': nearest(`${READINESS} (httpGet scheme HTTPS)`),
  'pool.health.success-codes': unsupported('readinessProbe httpGet counts 200-399 as success'),
  'pool.health.healthy-threshold': nearest('readinessProbe successThreshold'),
  'pool.health.asymmetric-thresholds': nearest('readinessProbe successThreshold and failureThreshold'),
  'pool.passive-health': unsupported('readiness probes only'),
  'pool.persistence.source-ip': native('sessionAffinity ClientIP, sessionAffinityConfig.clientIP.timeoutSeconds 10800'),
  'pool.draining': nearest("terminating endpoints keep their connections for the pod's terminationGracePeriodSeconds (a workload setting)"),
  'pool.slow-start': unsupported('none: Services have no slow start'),
  'pool.fail-open': nearest('fail-closed: with no Ready endpoint a Service refuses connections (as azure-appgw answers 502)'),
  'pool.fail-closed': native('no Ready endpoint: connections are rejected'),
};

function ranges(scope: ModelScope): RangeViolation[] {
  return scope.frontends.flatMap((f) => {
    const a = f.defaultAction;
    const pool = a?.type === 'forward' ? scope.pools.find((p) => p.name === a.pool) : undefined;
    return pool && pool.protocol !== 'udp' && f.protocol === 'udp'
      ? [
          {
            path: `${pool.path}.protocol`,
            accepted: "the pool's protocol = the frontend's (a Service port has one protocol)",
            message: `udp frontend '${f.name}' forwards to ${pool.protocol} pool '${pool.name}'`,
          },
        ]
      : [];
  });
}

export const K8S_SERVICE: TargetColumn = {
  nativeDefaults: true,
  support: { ...support, ...operationsPending(['alarm.unhealthy-members', 'alarm.healthy-members', 'alarm.rejected-connections', 'protection.ddos-advanced']) },
  ranges: { ports: 'one protocol per Service port', sessionAffinity: 'ClientIP timeout 10800 s (Kubernetes default)' },
  checkRanges: ranges,
};
