/**
 * The steering decision of a global model, once: which region answers a client, given which regions are
 * healthy. The local emulation (providers/local/global) executes it; each cloud's evaluator
 * (test/conformance/evaluators/global) is written from its documentation and held equal to it. SEMANTICS.md
 * section 9 states it in words.
 */
import { GLOBAL_DEFAULTS } from './global-defaults';
import type { GlobalModel, LocationModel, RegionModel } from './global-types';

/** A client as steering sees it: where it is (GeoIP of its address or its EDNS Client Subnet), and measured latencies. */
export interface SteeringClient {
  /** Undefined: the client's address maps to no place (geo: only the default region matches; latency: spec order). */
  readonly location?: LocationModel;
  /** Round-trip latency to regions by name (ms); a region missing here gets the emulated estimate. */
  readonly latencyMs?: Readonly<Record<string, number>>;
}

/** The emulated latency between a client and a region: by the most specific place they share. */
export function latencyMs(client: SteeringClient, region: RegionModel): number {
  const measured = client.latencyMs?.[region.name];
  if (measured !== undefined) return measured;
  const L = GLOBAL_DEFAULTS.emulatedLatencyMs;
  const a = client.location;
  const b = region.location;
  if (!a) return L.elsewhere;
  if (a.subdivision && a.subdivision === b.subdivision) return L.subdivision;
  if (a.country && a.country === b.country) return L.country;
  if (a.continent === b.continent) return L.continent;
  return L.elsewhere;
}

/**
 * The regions in the order the policy prefers them for this client, before health: the first healthy one
 * answers (weighted draws instead, see `steer`). Ties keep spec order.
 */
export function preference(model: GlobalModel, client: SteeringClient): RegionModel[] {
  const regions = [...model.regions];
  switch (model.steering.policy) {
    case 'single':
      return regions;
    case 'latency':
      return regions
        .map((r, i) => ({ r, i, ms: latencyMs(client, r) }))
        .sort((a, b) => a.ms - b.ms || a.i - b.i)
        .map((x) => x.r);
    case 'failover':
      return regions.sort((a, b) => (a.priority ?? 0) - (b.priority ?? 0));
    case 'weighted':
      return regions;
    case 'geo': {
      const { subdivision, country, continent } = client.location ?? {};
      const bySubdivision = subdivision ? regions.filter((r) => r.geo.subdivisions.includes(subdivision)) : [];
      const byCountry = country ? regions.filter((r) => r.geo.countries.includes(country)) : [];
      const byContinent = continent ? regions.filter((r) => r.geo.continents.includes(continent)) : [];
      const fallback = regions.filter((r) => r.name === (model.steering as { default: string }).default);
      return [...new Set([...bySubdivision, ...byCountry, ...byContinent, ...fallback])];
    }
  }
}

/** Picks by weight with `draw` in [0, 1); regions of weight 0 only when all have weight 0 (then uniformly). */
function byWeight(regions: readonly RegionModel[], draw: number): RegionModel | undefined {
  const positive = regions.filter((r) => (r.weight ?? 1) > 0);
  const pool = positive.length ? positive : regions;
  const total = pool.reduce((s, r) => s + (positive.length ? (r.weight ?? 1) : 1), 0);
  let at = draw * total;
  for (const r of pool) {
    at -= positive.length ? (r.weight ?? 1) : 1;
    if (at < 0) return r;
  }
  return pool[pool.length - 1];
}

export interface SteeringDecision {
  /** The region that answers; undefined: no address (fail-closed with every candidate unhealthy). */
  readonly region?: RegionModel;
  /** True when no candidate was healthy and the answer is a fail-open one. */
  readonly failedOpen: boolean;
}

/**
 * The region that answers `client`. `healthy(region)` is the health the global layer sees (probes and, when
 * asked, the load balancer's own member health); `draw` in [0, 1) decides weighted steering.
 *
 * With no healthy candidate: `fail-open` answers as though every candidate were healthy (Route 53's rule);
 * `fail-closed` answers no address.
 */
export function steer(model: GlobalModel, client: SteeringClient, healthy: (region: RegionModel) => boolean, draw = 0): SteeringDecision {
  const candidates = preference(model, client);
  if (model.steering.policy === 'weighted') {
    const up = candidates.filter(healthy);
    if (up.length) return { region: byWeight(up, draw), failedOpen: false };
    return model.whenAllUnhealthy === 'fail-open' ? { region: byWeight(candidates, draw), failedOpen: true } : { failedOpen: false };
  }
  const up = candidates.find(healthy);
  if (up) return { region: up, failedOpen: false };
  return model.whenAllUnhealthy === 'fail-open' && candidates.length ? { region: candidates[0], failedOpen: true } : { failedOpen: false };
}
