/**
 * The input contract every construct, component and the local proxy share (lib/backend.ts `SpecInput`):
 * exactly one of spec, specFile and model, judged with the caller's `strict` and `allowNearest`.
 */
import type { SpecInput } from './backend';
import { problemsError, type ErrorCode } from './errors';
import { buildModel, loadModel } from './model/build';
import type { LoadBalancerModel } from './model/types';

/**
 * The model of an input. A missing or doubled spec is a problem of the caller's own layer (`code`, such as
 * LBKIT_AWS_PLACEMENT), so it is reported like its other props; an invalid spec throws SpecValidationError or
 * SpecLoadError with every issue.
 */
export function modelOf(input: SpecInput, code: ErrorCode): LoadBalancerModel {
  const given = [input.spec, input.specFile, input.model].filter((x) => x !== undefined).length;
  if (given !== 1) {
    throw problemsError([
      {
        code,
        path: 'spec',
        message: `give exactly one of spec, specFile and model (got ${given})`,
        fix: 'pass the spec as an object (spec), a YAML or JSON file (specFile), or a built model (model)',
      },
    ]);
  }
  const model = input.model ?? (input.specFile !== undefined ? loadModel(input.specFile) : buildModel(input.spec));
  return judgedAs(model, input);
}

/** The model with the caller's `strict` and `allowNearest` applied (the spec's own come first). */
export function judgedAs(model: LoadBalancerModel, input: Pick<SpecInput, 'strict' | 'allowNearest'>): LoadBalancerModel {
  if (input.strict === undefined && !input.allowNearest?.length) return model;
  const judged = (m: LoadBalancerModel): LoadBalancerModel => ({
    ...m,
    strict: input.strict ?? m.strict,
    allowNearest: [...m.allowNearest, ...(input.allowNearest ?? [])],
  });
  // Each target's own model (its `targets:` override) is judged with the caller's terms too.
  const overrides = model.overrides ? Object.fromEntries(Object.entries(model.overrides).map(([t, m]) => [t, judged(m)])) : undefined;
  return { ...judged(model), ...(overrides ? { overrides } : {}) };
}
