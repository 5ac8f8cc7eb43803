/**
 * The model one target compiles: the spec's own, or the one its per-target override (`targets:` in the spec)
 * produced. A family that compiles frontends to several targets (an L7 and an L4 product, or two L4 products)
 * composes their models.
 */
import { reachedPools } from './derived';
import type { FrontendModel, LoadBalancerModel } from './types';

/** The model `target` compiles. */
export function modelFor(model: LoadBalancerModel, target: string): LoadBalancerModel {
  return model.overrides?.[target] ?? model;
}

/**
 * Whether the spec wrote a field (model.given): on a target with native defaults a field it left out compiles to
 * the target's own default. A model without `given` was built by hand: everything in it counts as written.
 */
export const written = (model: LoadBalancerModel, path: string): boolean => !model.given || model.given.has(path);

/** One part of a composed model: the frontends `keeps` accepts, as `target`'s model has them. */
export interface ModelPart {
  /** @default none: the spec's own model */
  readonly target?: string;
  readonly keeps: (frontend: FrontendModel) => boolean;
}

const under = (path: string) => (p: string) => p === path || p.startsWith(`${path}.`) || p.startsWith(`${path}[`);

/**
 * One model for a family whose frontends compile to several targets: each frontend as the first part that keeps
 * it has it, each pool as the model of the first part whose kept frontends reach it; rate limits and
 * load-balancer-wide fields from the first part that keeps a frontend. `given` follows the same split, so a field
 * written only in one target's override counts as written where that target's frontends and pools are compiled.
 */
export function composedModel(model: LoadBalancerModel, parts: readonly ModelPart[]): LoadBalancerModel {
  const models = parts.map((part) => (part.target ? modelFor(model, part.target) : model));
  if (models.every((m) => m === model)) return model;
  const kept = parts.map((part, i) => models[i].frontends.filter(part.keeps));
  const leadAt = Math.max(
    0,
    kept.findIndex((fs) => fs.length > 0),
  );
  const lead = models[leadAt];
  const frontends = kept.flat();
  const reached = kept.map((fs) => new Set(fs.flatMap(reachedPools)));
  const names = [...new Set([lead, ...models].flatMap((m) => m.pools.map((p) => p.name)))];
  const pools = names.map((name) => {
    const at = reached.findIndex((set) => set.has(name));
    const from = at >= 0 ? models[at] : lead;
    return { pool: (from.pools.find((p) => p.name === name) ?? lead.pools.find((p) => p.name === name))!, from };
  });
  const given = models.some((m) => m.given)
    ? new Set([
        ...[...(lead.given ?? [])].filter((p) => !p.startsWith('frontends[') && !p.startsWith('pools[')),
        ...kept.flatMap((fs, i) => fs.flatMap((f) => [...(models[i].given ?? [])].filter(under(f.path)))),
        ...pools.flatMap(({ pool, from }) => (pool ? [...(from.given ?? [])].filter(under(pool.path)) : [])),
      ])
    : undefined;
  return {
    ...lead,
    frontends,
    pools: pools.map((p) => p.pool).filter(Boolean),
    overrides: undefined,
    ...(given ? { given } : {}),
  };
}

/** The targets a family compiles L7 and L4 frontends to (AWS: ALB and NLB; Azure: Application Gateway and Load Balancer). */
export interface FamilyLayers {
  readonly l7?: string;
  readonly l4?: string;
}

/**
 * The model a family with an L7 and an L4 target compiles: the named target's own (its `targets:` override), or,
 * with no target named, each layer's frontends as its target's model has them (layeredModel). The plan, the
 * render and the tags all read this one.
 */
export function familyModel(model: LoadBalancerModel, layers: FamilyLayers, target?: string): LoadBalancerModel {
  return target ? modelFor(model, target) : layeredModel(model, layers);
}

/**
 * One model for a family whose L7 frontends compile to `l7` and L4 frontends to `l4`: each frontend as its
 * target's model has it, each pool as the model of the first target (L7, then L4) whose frontends reach it;
 * rate limits and load-balancer-wide fields from the L7 target's model when the spec has L7 frontends.
 */
export function layeredModel(model: LoadBalancerModel, targets: FamilyLayers): LoadBalancerModel {
  return composedModel(model, [
    { target: targets.l7, keeps: (f) => f.layer === 'l7' },
    { target: targets.l4, keeps: (f) => f.layer === 'l4' },
  ]);
}
