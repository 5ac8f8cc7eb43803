/**
 * Everything LocalLoadBalancer.start checks before it listens, in one error: the spec's problems, capability
 * on the model of its sound part (every feature is native locally; an allowNearest entry naming no feature
 * can still fail), and every start option (bindings, listen addresses, admin, tunables).
 */
import type { SpecInput } from '../../lib/backend';
import { judge } from '../../lib/capabilities/check';
import { LocalOptionsError, type Problem } from '../../lib/errors';
import { checkedInput } from '../../lib/input';
import { modelFor } from '../../lib/model/targets';
import type { LoadBalancerModel } from '../../lib/model/types';
import type { LoadBalancerSpec } from '../../lib/spec/schema';
import { resolveAdmin, resolveBindings, resolveListen, resolveTunables, type LocalStartOptions } from './options';
import { LOCAL_TARGETS } from './targets';

/**
 * What the proxy runs: the input contract every backend takes (`{ spec }`, `{ specFile }` or `{ model }`, with
 * `strict` and `allowNearest`), or for short a spec file's path, a spec object or a model.
 */
export type SpecSource = SpecInput | LoadBalancerSpec | LoadBalancerModel | string;

/**
 * The short forms are told apart by keys the spec's schema cannot hold (it refuses unknown keys): a model's
 * frontends carry `layer`, an input carries `spec`, `specFile` or `model`.
 */
function isInput(x: object): x is SpecInput {
  return !('frontends' in x) && ('spec' in x || 'specFile' in x || 'model' in x);
}

function isModel(x: object): x is LoadBalancerModel {
  const m = x as LoadBalancerModel;
  return Array.isArray(m.frontends) && m.frontends.some((f) => typeof (f as { layer?: unknown }).layer === 'string');
}

/** A source as the input contract. */
export function inputOf(source: SpecSource): SpecInput {
  if (typeof source === 'string') return { specFile: source };
  if (isInput(source)) return source;
  return isModel(source) ? { model: source } : { spec: source as LoadBalancerSpec };
}

/** The model of a source; an invalid spec throws SpecValidationError or SpecLoadError with every issue. */
export function toModel(source: SpecSource): LoadBalancerModel {
  return checkedInput(inputOf(source), 'LBKIT_LOCAL_OPTIONS', () => ({ problems: [] })).model;
}

/** The result of a resolver, or its problems (an option error), so that one bad option does not hide another. */
function gather<T>(problems: Problem[], resolve: () => T): T | undefined {
  try {
    return resolve();
  } catch (e) {
    if (!(e instanceof LocalOptionsError)) throw e;
    problems.push(...e.problems);
    return undefined;
  }
}

export interface StartPlan {
  /** The model the proxy runs: the spec with its `targets.local` override. */
  readonly model: LoadBalancerModel;
  readonly tunables: ReturnType<typeof resolveTunables>;
  readonly bindings: ReturnType<typeof resolveBindings>;
  readonly listen: ReturnType<typeof resolveListen>;
  readonly admin: ReturnType<typeof resolveAdmin>;
}

/** The checked start: throws one error with every problem of the spec, its capability and the options. */
export function checkedStart(source: SpecSource, options: LocalStartOptions): StartPlan {
  const { result } = checkedInput(inputOf(source), 'LBKIT_LOCAL_OPTIONS', (whole) => {
    const model = modelFor(whole, 'local');
    const problems: Problem[] = [...judge(model, [{ def: LOCAL_TARGETS[0] }]).problems];
    const tunables = gather(problems, () => resolveTunables(options));
    const bindings = gather(problems, () => resolveBindings(model, options.bindings));
    const listen = gather(problems, () => resolveListen(model, options.listen, options.host ?? '127.0.0.1'));
    const admin = gather(problems, () => resolveAdmin(options.admin));
    return { problems, plan: { model, tunables, bindings, listen, admin } };
  });
  // No problem was found, so every resolver returned.
  return result.plan as StartPlan;
}
