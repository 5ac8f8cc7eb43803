/**
 * The model one target compiles: the spec's own, or the one its per-target override (`targets:` in the spec)
 * produced. A family that compiles two layers to two targets (an L7 and an L4 product) composes the two.
 */
import { reachedPools } from './derived';
import type { LoadBalancerModel } from './types';

/** The model `target` compiles. */
export function modelFor(model: LoadBalancerModel, target: string): LoadBalancerModel {
  return model.overrides?.[target] ?? model;
}

/**
 * One model for a family whose L7 frontends compile to `l7` and L4 frontends to `l4`: each frontend as its
 * target's model has it, each pool as the model of the first target (L7, then L4) whose frontends reach it;
 * rate limits and load-balancer-wide fields from the L7 target's model when the spec has L7 frontends.
 */
export function layeredModel(model: LoadBalancerModel, targets: { readonly l7?: string; readonly l4?: string }): LoadBalancerModel {
  const l7 = targets.l7 ? modelFor(model, targets.l7) : model;
  const l4 = targets.l4 ? modelFor(model, targets.l4) : model;
  if (l7 === model && l4 === model) return model;
  const hasL7 = l7.frontends.some((f) => f.layer === 'l7');
  const lead = hasL7 ? l7 : l4;
  const frontends = [...l7.frontends.filter((f) => f.layer === 'l7'), ...l4.frontends.filter((f) => f.layer === 'l4')];
  const reachedBy = (m: LoadBalancerModel, layer: 'l4' | 'l7') => new Set(m.frontends.filter((f) => f.layer === layer).flatMap(reachedPools));
  const viaL7 = reachedBy(l7, 'l7');
  const viaL4 = reachedBy(l4, 'l4');
  const names = [...new Set([...lead.pools, ...l7.pools, ...l4.pools].map((p) => p.name))];
  const pools = names
    .map((name) => (viaL7.has(name) ? l7 : viaL4.has(name) ? l4 : lead).pools.find((p) => p.name === name) ?? lead.pools.find((p) => p.name === name)!)
    .filter(Boolean);
  const taken = [
    ...frontends.map((f) => ({ path: f.path, from: f.layer === 'l7' ? l7 : l4 })),
    ...pools.map((p) => ({ path: p.path, from: viaL7.has(p.name) ? l7 : viaL4.has(p.name) ? l4 : lead })),
  ];
  return { ...lead, frontends, pools, overrides: undefined, ...(lead.given ? { given: layeredGiven(lead.given, taken) } : {}) };
}

/**
 * What the layered model's spec wrote: each frontend's and pool's fields as the model it was taken from wrote them
 * (an L4 frontend's idle timeout written in the L4 target's override counts), everything else as the lead's.
 */
function layeredGiven(lead: ReadonlySet<string>, taken: ReadonlyArray<{ readonly path: string; readonly from: LoadBalancerModel }>): Set<string> {
  const within = (path: string, element: string) => path === element || path.startsWith(`${element}.`) || path.startsWith(`${element}[`);
  const out = new Set([...lead].filter((path) => !taken.some((t) => within(path, t.path))));
  for (const t of taken) for (const path of t.from.given ?? []) if (within(path, t.path)) out.add(path);
  return out;
}
