/**
 * Whether the spec wrote a field (model.given, spec path syntax such as `pools[0].healthCheck.intervalSeconds`).
 * A family whose columns set nativeDefaults compiles a field the spec left out to its target's own default, so its
 * plan asks this before it emits a value. A model without `given` was built by hand: everything in it counts as written.
 */
import type { LoadBalancerModel } from './types';

export const written = (model: LoadBalancerModel, path: string): boolean => !model.given || model.given.has(path);

/** Whether the spec wrote any of `paths`. */
export const writtenAny = (model: LoadBalancerModel, ...paths: readonly string[]): boolean => paths.some((p) => written(model, p));
