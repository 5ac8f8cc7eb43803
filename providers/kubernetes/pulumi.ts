/**
 * The Pulumi adapter (@pulumi/kubernetes): a ComponentResource ('lbkit:kubernetes:LoadBalancer') whose children are
 * the planned objects, unchanged and parented to it: Services and EndpointSlices as their typed resources, custom
 * resources as apiextensions.CustomResource. Every problem is thrown, all at once, before a resource registers.
 */
import * as k8s from '@pulumi/kubernetes';
import * as pulumi from '@pulumi/pulumi';
import type { CapabilityDiagnostic } from '../../lib/errors';
import type { LoadBalancerModel } from '../../lib/model/types';
import { compileKubernetes, type KubernetesProps } from './compile';
import { objectKey, type K8sObject } from './objects';
import type { KubernetesPlan } from './plan';

export type KubernetesLoadBalancerArgs = KubernetesProps;

function resourceOf(name: string, o: K8sObject, opts: pulumi.CustomResourceOptions): pulumi.CustomResource {
  const { apiVersion, kind, metadata, ...rest } = o;
  const meta = { ...metadata };
  if (apiVersion === 'v1' && kind === 'Service')
    return new k8s.core.v1.Service(name, { metadata: meta, spec: rest.spec as k8s.types.input.core.v1.ServiceSpec }, opts);
  if (apiVersion === 'discovery.k8s.io/v1' && kind === 'EndpointSlice') {
    return new k8s.discovery.v1.EndpointSlice(
      name,
      {
        metadata: meta,
        addressType: o.addressType!,
        endpoints: o.endpoints as unknown as k8s.types.input.discovery.v1.Endpoint[],
        ports: o.ports as unknown as k8s.types.input.discovery.v1.EndpointPort[],
      },
      opts,
    );
  }
  return new k8s.apiextensions.CustomResource(name, { apiVersion, kind, metadata: meta, spec: rest.spec }, opts);
}

export class KubernetesLoadBalancer extends pulumi.ComponentResource {
  readonly model: LoadBalancerModel;
  readonly plan: KubernetesPlan;
  readonly warnings: readonly CapabilityDiagnostic[];
  /** The child resources by 'Kind/namespace/name' (escape hatches). */
  readonly resources: Readonly<Record<string, pulumi.CustomResource>>;
  /** The objects' names by 'Kind/namespace/name'. */
  readonly objectNames: pulumi.Output<Record<string, string>>;

  constructor(name: string, args: KubernetesLoadBalancerArgs, opts?: pulumi.ComponentResourceOptions) {
    // Decided before anything registers: an input with a problem leaves no half-made component behind.
    const compiled = compileKubernetes(args);
    super('lbkit:kubernetes:LoadBalancer', name, {}, opts);
    for (const w of compiled.warnings) void pulumi.log.warn(w.message, this);
    this.model = compiled.model;
    this.plan = compiled.plan;
    this.warnings = compiled.warnings;
    this.resources = Object.fromEntries(
      compiled.plan.objects.map((o) => [objectKey(o), resourceOf(`${name}-${o.kind.toLowerCase()}-${o.metadata.name}`, o, { parent: this })]),
    );
    this.objectNames = pulumi.output(Object.fromEntries(compiled.plan.objects.map((o) => [objectKey(o), o.metadata.name])));
    this.registerOutputs({ objectNames: this.objectNames, warnings: this.warnings.map((w) => w.message) });
  }
}
