/**
 * The global model: what every global backend reads (providers/global, the local emulation in
 * providers/local/global). Defaults applied (global-defaults.ts), each region's LoadBalancer model built and its
 * frontend resolved, ids derived from region names only.
 */
import type { Continent, Delivery } from '../spec/global-schema';
import type { LoadBalancerModel } from './types';

export interface LocationModel {
  readonly continent: Continent;
  readonly country?: string;
  readonly subdivision?: string;
}

export type SteeringModel =
  /** One region and no steering: a plain record (DNS for one load balancer). */
  | { readonly policy: 'single' }
  | { readonly policy: 'latency' }
  | { readonly policy: 'geo'; readonly default: string }
  | { readonly policy: 'failover' }
  | { readonly policy: 'weighted' };

/** How a region is probed: through its load balancer's frontend. */
export interface RegionProbeModel {
  readonly protocol: 'http' | 'https' | 'tcp';
  readonly port: number;
  /** http and https only. */
  readonly path?: string;
}

export interface RegionModel {
  readonly name: string;
  /** PascalCase of the name, for logical ids ('us-east' -> 'UsEast'); derived from the name only. */
  readonly id: string;
  /** Where the region is in the spec, such as 'regions[1]'. */
  readonly path: string;
  /** The LoadBalancer spec file, absolute. */
  readonly specFile: string;
  readonly loadBalancer: LoadBalancerModel;
  /** The frontend the host names point at. */
  readonly frontend: string;
  readonly location: LocationModel;
  readonly geo: { readonly continents: readonly Continent[]; readonly countries: readonly string[]; readonly subdivisions: readonly string[] };
  /** failover only. */
  readonly priority?: number;
  /** weighted only (defaulted there). */
  readonly weight?: number;
  readonly probe: RegionProbeModel;
}

export interface GlobalHealthCheckModel {
  /** As written; undefined: each region's frontend protocol (RegionModel.probe). */
  readonly protocol?: 'http' | 'https' | 'tcp';
  readonly port?: number;
  readonly path: string;
  readonly intervalSeconds: number;
  readonly timeoutSeconds: number;
  readonly healthyThreshold: number;
  readonly unhealthyThreshold: number;
  readonly evaluateTargetHealth: boolean;
}

export interface GlobalModel {
  readonly kind: 'global';
  readonly name: string;
  readonly hostNames: readonly string[];
  readonly zone: string;
  readonly delivery: Delivery;
  readonly ttlSeconds: number;
  readonly steering: SteeringModel;
  readonly healthCheck: GlobalHealthCheckModel;
  readonly whenAllUnhealthy: 'fail-open' | 'fail-closed';
  /** In spec order. */
  readonly regions: readonly RegionModel[];
  readonly strict: boolean;
  readonly allowNearest: readonly string[];
  readonly tags: Readonly<Record<string, string>>;
  /** Which optional fields the user wrote (judged by `strict`; a field left out is never a capability error). */
  readonly written: ReadonlySet<
    | 'ttlSeconds'
    | 'healthCheck.protocol'
    | 'healthCheck.port'
    | 'healthCheck.path'
    | 'healthCheck.intervalSeconds'
    | 'healthCheck.timeoutSeconds'
    | 'healthCheck.healthyThreshold'
    | 'healthCheck.unhealthyThreshold'
    | 'healthCheck.evaluateTargetHealth'
    | 'whenAllUnhealthy'
  >;
}
