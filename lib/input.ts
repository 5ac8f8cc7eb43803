/**
 * The input contract every construct, component and the local proxy share (lib/backend.ts `SpecInput`):
 * exactly one of spec, specFile and model, judged with the caller's `strict` and `allowNearest`.
 *
 * `checkedInput` is how they report every problem at once: the spec's own (structure, cross-field rules), and
 * what the caller checks on the model of the spec's sound part (capability, limits, placement), in one error.
 */
import type { SpecInput } from './backend';
import { InvalidInputError, problemsError, SpecValidationError, type ErrorCode, type Problem, type ProblemsError } from './errors';
import { inspectModel, inspectModelFile, specProblems, type ModelReport } from './model/inspect';
import type { LoadBalancerModel } from './model/types';

/** A missing or doubled spec: a problem of the caller's own layer (`code`, such as LBKIT_AWS_PLACEMENT), reported like its other props. */
function inputCountProblem(input: SpecInput, code: ErrorCode): Problem | undefined {
  const given = [input.spec, input.specFile, input.model].filter((x) => x !== undefined).length;
  if (given === 1) return undefined;
  return {
    code,
    path: 'spec',
    message: `give exactly one of spec, specFile and model (got ${given})`,
    fix: 'pass the spec as an object (spec), a YAML or JSON file (specFile), or a built model (model)',
  };
}

/** The model of an input and the spec's problems; a file that cannot be read or parsed throws SpecLoadError. */
function inspectInput(input: SpecInput): ModelReport {
  if (input.model) return { issues: [], model: input.model, place: (p) => [...p] };
  return input.specFile !== undefined ? inspectModelFile(input.specFile) : inspectModel(input.spec);
}

/** The error for every problem of an input: SpecValidationError (with the file) when all are the spec's, else as problemsError picks. */
export function inputError(problems: readonly Problem[], file?: string): ProblemsError {
  if (problems.every((p) => p.code === 'LBKIT_SPEC_INVALID')) return new SpecValidationError(problems, file);
  return file && new Set(problems.map((p) => p.code)).size > 1 ? new InvalidInputError(problems, file) : problemsError(problems);
}

/**
 * The model of an input (of its sound part when the spec has problems) passed to `check`, which returns the
 * problems it finds on it (capability, limits, placement); throws one error listing the spec's problems and
 * those, with the input's paths and lines. `check` runs whenever some part of the spec is sound.
 */
export function checkedInput<R extends { readonly problems: readonly Problem[] }>(
  input: SpecInput,
  code: ErrorCode,
  check: (model: LoadBalancerModel) => R,
): { model: LoadBalancerModel; result: R } {
  const count = inputCountProblem(input, code);
  if (count) throw problemsError([count]);
  const inspected = inspectInput(input);
  const model = inspected.model && judgedAs(inspected.model, input);
  const result = model ? check(model) : undefined;
  const problems = [...specProblems(inspected.issues), ...inspected.place(result?.problems ?? [])];
  if (problems.length || !model || !result) throw inputError(problems, inspected.file);
  return { model, result };
}

/**
 * The model of an input. A missing or doubled spec is a problem of the caller's own layer (`code`); an invalid
 * spec throws SpecValidationError or SpecLoadError with every issue (use `checkedInput` to add the problems of
 * later layers to them).
 */
export function modelOf(input: SpecInput, code: ErrorCode): LoadBalancerModel {
  return checkedInput(input, code, () => ({ problems: [] })).model;
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
