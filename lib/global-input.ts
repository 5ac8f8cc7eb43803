/** Resolves a GlobalSpecInput (lib/global-backend.ts) to a model, as lib/input.ts does for load balancers. */
import { problemsError, type ErrorCode } from './errors';
import type { GlobalSpecInput } from './global-backend';
import { buildGlobalModel, loadGlobalModel } from './model/global';
import type { GlobalModel } from './model/global-types';

export function globalModelOf(input: GlobalSpecInput, code: ErrorCode): GlobalModel {
  const given = [input.spec, input.specFile, input.model].filter((x) => x !== undefined).length;
  if (given !== 1) {
    throw problemsError([
      {
        code,
        path: 'spec',
        message: `give exactly one of spec, specFile and model (got ${given})`,
        fix: 'pass the global spec as an object (spec), a YAML or JSON file (specFile), or a built model (model)',
      },
    ]);
  }
  const model =
    input.model ??
    (input.specFile !== undefined ? loadGlobalModel(input.specFile) : buildGlobalModel(input.spec, input.baseDir ? { baseDir: input.baseDir } : {}));
  if (input.strict === undefined && !input.allowNearest?.length) return model;
  return { ...model, strict: input.strict ?? model.strict, allowNearest: [...model.allowNearest, ...(input.allowNearest ?? [])] };
}
