/**
 * The cdk8s adapter: a `Chart` holding one ApiObject per planned object, unchanged. Every problem (spec,
 * capability, placement) is thrown, all at once, before an ApiObject is added.
 */
import { ApiObject, Chart, type ChartProps } from 'cdk8s';
import type { Construct } from 'constructs';
import type { CapabilityDiagnostic, ProblemsError } from '../../lib/errors';
import type { LoadBalancerModel } from '../../lib/model/types';
import { compileKubernetes, type KubernetesProps } from './compile';
import { objectKey } from './objects';
import type { KubernetesPlan } from './plan';

export interface KubernetesChartProps extends KubernetesProps {
  /** Passed to the Chart (labels, disableResourceNameHashes). The namespace comes from `namespace`. */
  readonly chart?: Omit<ChartProps, 'namespace'>;
}

export class KubernetesLoadBalancerChart extends Chart {
  readonly model: LoadBalancerModel;
  readonly plan: KubernetesPlan;
  readonly warnings: readonly CapabilityDiagnostic[];
  /** The ApiObjects by 'Kind/namespace/name' (escape hatches: addJsonPatch, metadata). */
  readonly objectsByKey: Readonly<Record<string, ApiObject>>;

  constructor(scope: Construct, id: string, props: KubernetesChartProps) {
    let compiled;
    try {
      compiled = compileKubernetes(props);
    } catch (e) {
      // The construct path, as the CDK constructs report it.
      throw typeof (e as ProblemsError).at === 'function' ? (e as ProblemsError).at(`${scope.node.path ? `${scope.node.path}/` : ''}${id}`) : e;
    }
    super(scope, id, { ...props.chart, disableResourceNameHashes: true });
    this.model = compiled.model;
    this.plan = compiled.plan;
    this.warnings = compiled.warnings;
    this.objectsByKey = Object.fromEntries(
      compiled.plan.objects.map((o) => {
        const { apiVersion, kind, metadata, ...rest } = o;
        return [objectKey(o), new ApiObject(this, objectKey(o).replace(/\//g, '-'), { apiVersion, kind, metadata: { ...metadata }, ...rest })];
      }),
    );
  }
}
