/**
 * A spec's model and every problem of the spec, never thrown: the model of the whole spec when it is valid,
 * else of its sound part (lib/spec/salvage.ts), so that capability, limits and placement are still checked on
 * everything that is fine and reported together with the spec's problems (`lbkit validate`, every construct).
 */
import type { ErrorCode, Problem, SpecIssue } from '../errors';
import { inspectSpec, inspectSpecFile, located, type SpecReport, type ValidateOptions } from '../spec/load';
import { toModel } from './build';
import type { LoadBalancerModel } from './types';

/** Problems whose paths are props or options, not spec paths: they are neither mapped nor located. */
const PROP_CODES: ReadonlySet<string> = new Set<ErrorCode>([
  'LBKIT_AWS_PLACEMENT',
  'LBKIT_AZURE_PROPS',
  'LBKIT_GCP_PLACEMENT',
  'LBKIT_K8S_PLACEMENT',
  'LBKIT_GLOBAL_PLACEMENT',
  'LBKIT_LOCAL_OPTIONS',
]);

export interface ModelReport {
  /** Every structural and cross-field problem of the spec, with its line when it came from a file. */
  readonly issues: readonly SpecIssue[];
  /** The model: of the spec when it has no problem, else of its sound part; undefined when no part is sound. */
  readonly model?: LoadBalancerModel;
  /** The file the spec came from. */
  readonly file?: string;
  /**
   * Problems found on the model (capability, limits, placement) as the input shows them: spec paths mapped from
   * the sound part to the input's and located in the file; prop and option paths unchanged.
   */
  place<T extends { readonly path: string; readonly code?: string }>(problems: readonly T[]): T[];
}

function report(spec: SpecReport): ModelReport {
  const sound = spec.sound();
  const place = <T extends { readonly path: string; readonly code?: string }>(problems: readonly T[]): T[] => {
    const own = problems.filter((p) => !p.code || !PROP_CODES.has(p.code));
    const mapped = located(
      own.map((p) => ({ ...p, path: sound ? sound.toInput(p.path) : p.path })),
      spec.options,
    );
    return problems.map((p) => (own.includes(p) ? mapped[own.indexOf(p)] : p));
  };
  if (!sound) return { issues: spec.issues, file: spec.options.file, place };
  const model = toModel(sound.spec);
  // A partial model's warnings name the input's paths, like every other finding.
  const partial = spec.issues.length ? { ...model, warnings: place(model.warnings) } : model;
  return { issues: spec.issues, model: partial, file: spec.options.file, place };
}

/** The model of a spec object and every problem of the spec. */
export function inspectModel(input: unknown, options: ValidateOptions = {}): ModelReport {
  return report(inspectSpec(input, options));
}

/** The model of a spec file and every problem of the spec; a file that cannot be read or parsed throws SpecLoadError. */
export function inspectModelFile(file: string): ModelReport {
  return report(inspectSpecFile(file));
}

/** Problems of the spec as Problems of the spec layer. */
export function specProblems(issues: readonly SpecIssue[]): Problem[] {
  return issues.map((i) => ({ code: 'LBKIT_SPEC_INVALID', ...i }));
}
