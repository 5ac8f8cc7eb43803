import { App } from 'cdk8s';
import { KubernetesLoadBalancerChart } from '../../../providers/kubernetes/cdk8s';

const app = new App();
new KubernetesLoadBalancerChart(app, 'web', {
  specFile: 'web.yaml',
  target: 'k8s-envoy-gateway',
  allowNearest: ['k8s-envoy-gateway:pool.draining', 'k8s-envoy-gateway:pool.fail-open', 'k8s-envoy-gateway:rate-limit.client-ip', 'k8s-envoy-gateway:lb.access-logs'],
  namespace: 'shop',
  bindings: {
    api: { service: 'api', namespace: 'api', port: 9000 },           // an existing Service
    static: { addresses: ['10.20.0.11', '10.20.0.12'], port: 8081 }, // a selector-less Service + EndpointSlice
  },
});
app.synth();
export {};
