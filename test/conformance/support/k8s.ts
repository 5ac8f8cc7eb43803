/**
 * k8s-gateway for the conformance tests: the model planned into Kubernetes objects (the same objects the YAML,
 * cdk8s and Pulumi renderers write, test/kubernetes/adapters.test.ts): HTTPRoutes, and GRPCRoutes for frontends
 * routing gRPC alone, evaluated by evaluators/k8s-gateway.ts.
 * Pools are bound to Services named after them (the default binding).
 */
import type { LoadBalancerModel } from '../../../lib/model/types';
import { planKubernetes } from '../../../providers/kubernetes/plan';
import { evaluateGateway, forwardedBy } from '../evaluators/k8s-gateway';
import { gatewayListener } from '../evaluators/k8s-listeners';
import { withForwarded, type CompiledRouting, type Tamper } from './compile';

export function k8sGatewayRouting(model: LoadBalancerModel, tamper: Tamper = (r) => r): CompiledRouting {
  const { plan, problems } = planKubernetes(model, 'k8s-gateway');
  if (problems.length) throw new Error(`k8s-gateway cannot place the model: ${problems.map((p) => p.message).join('; ')}`);
  const gateway = plan.objects.find((o) => o.kind === 'Gateway')!;
  const routes = plan.objects.filter((o) => o.kind === 'HTTPRoute' || o.kind === 'GRPCRoute').map((r) => tamper(r));
  const pools = new Set(model.pools.map((p) => p.name));
  const poolOf = (service: string) => {
    if (!pools.has(service)) throw new Error(`a backendRef names Service '${service}', which stands for no pool`);
    return service;
  };
  return {
    evaluate: (req) => {
      const f = model.frontends.find((x) => x.name === req.frontend)!;
      // The port's listener that takes the Host (frontends with host names share the port; plain HTTP: no SNI).
      const taken = gatewayListener(gateway, f.port, req.host);
      if (!('listener' in taken)) return { kind: 'no-route' };
      const outcome = evaluateGateway(gateway, routes, taken.listener, { scheme: f.protocol === 'https' ? 'https' : 'http', port: f.port }, req, poolOf);
      return withForwarded(outcome, () => forwardedBy(gateway, routes, taken.listener, req));
    },
  };
}
