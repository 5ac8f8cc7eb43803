/** What every renderer shares: the component (parent), the plan, placement, and naming. */
import type * as pulumi from '@pulumi/pulumi';
import type { LoadBalancerModel } from '../../../lib/model/types';
import type { GcpPlan, ScopedResourcePlan } from '../plan/types';
import type { GcpLoadBalancerProps } from '../props';

export interface RenderContext {
  readonly plan: GcpPlan;
  readonly model: LoadBalancerModel;
  readonly props: GcpLoadBalancerProps;
  /** Logical name of a child: the component's name, then the plan id. */
  name(id: string): string;
  /** Options of every child: parented to the component. */
  opts(dependsOn?: pulumi.Input<pulumi.Resource>[]): pulumi.CustomResourceOptions;
  /** Set on every resource: project and deletion policy. */
  readonly common: { readonly project?: pulumi.Input<string>; readonly deletionPolicy: 'DELETE' | 'PREVENT' };
  /** The spec's tags, as GCP labels (the capability range check has validated them). */
  readonly labels: Readonly<Record<string, string>>;
  /** The region of regional resources (placement checks guarantee it is set when needed). */
  readonly region: pulumi.Input<string>;
}

/** Looks up a resource the renderer created earlier by plan id; a miss is a bug in the renderer, not user error. */
export function lookup<T>(map: ReadonlyMap<string, T>, id: string): T {
  const found = map.get(id);
  if (found === undefined) throw new Error(`lbkit gcp renderer: no resource for plan id '${id}'`);
  return found;
}

/** A Pulumi resource class: logical name, args, options. */
type ResourceClass<A, R> = new (name: string, args: A, opts?: pulumi.CustomResourceOptions) => R;

/**
 * One plan item that GCP has in a global and a regional kind (HealthCheck and RegionHealthCheck, TargetHttpProxy
 * and RegionTargetHttpProxy, ...): the same name, args and options, the regional kind in the placement's region.
 */
export function globalOrRegional<A extends object, G, R>(
  ctx: RenderContext,
  item: ScopedResourcePlan,
  args: A,
  kinds: { readonly global: ResourceClass<A, G>; readonly regional: ResourceClass<A & { region: pulumi.Input<string> }, R> },
): G | R {
  return item.regional
    ? new kinds.regional(ctx.name(item.id), { ...args, region: ctx.region }, ctx.opts())
    : new kinds.global(ctx.name(item.id), args, ctx.opts());
}
