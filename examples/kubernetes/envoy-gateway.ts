/**
 * A cdk8s app: the web example (examples/specs/web.yaml) on Envoy Gateway v1.9, as a Gateway with its HTTPRoutes
 * and Envoy Gateway's BackendTrafficPolicies (cookie persistence, health checks, the per-client rate limit as a
 * local rate limit), in namespace 'shop'. The static pool's members are outside the cluster (addresses: a
 * selector-less Service and an EndpointSlice); the others are Services of the same name.
 *
 *   npx tsx examples/kubernetes/envoy-gateway.ts          # writes cdk8s.out/web.k8s.yaml
 *   kubectl apply -f cdk8s.out/web.k8s.yaml
 *
 * The same objects, without cdk8s: `npx lbkit render examples/specs/web.yaml --target k8s-envoy-gateway
 * --allow-nearest ...`. In an application, import the chart from 'lbkit/kubernetes/cdk8s'.
 */
import { join } from 'node:path';
import { App } from 'cdk8s';
import { KubernetesLoadBalancerChart } from '../../providers/kubernetes/cdk8s';

/**
 * What Envoy Gateway only approximates for web.yaml, accepted by name (docs/kubernetes.md): the drain time is the
 * EnvoyProxy's, not per pool; panic mode stands in for fail-open; local rate limits count per Envoy replica and per
 * route; access logs are the EnvoyProxy's telemetry.
 */
export const ENVOY_ACCEPTED = [
  'k8s-envoy-gateway:pool.draining',
  'k8s-envoy-gateway:pool.fail-open',
  'k8s-envoy-gateway:rate-limit.client-ip',
  'k8s-envoy-gateway:lb.access-logs',
];

export function webChart(app: App): KubernetesLoadBalancerChart {
  return new KubernetesLoadBalancerChart(app, 'web', {
    specFile: join(__dirname, '../specs/web.yaml'),
    target: 'k8s-envoy-gateway',
    allowNearest: ENVOY_ACCEPTED,
    namespace: 'shop',
    gatewayClassName: 'eg',
    certificates: { site: 'example-com-tls' },
    bindings: {
      api: { service: 'api', namespace: 'api', port: 9000 },
      static: { addresses: ['10.20.0.11', '10.20.0.12'], port: 8081 },
    },
  });
}

if (require.main === module) {
  const app = new App();
  webChart(app);
  app.synth();
}
