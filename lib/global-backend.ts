/**
 * The backend contract for global targets (providers/global/<target>/), the same shape as lib/backend.ts's
 * `Backend` over a GlobalModel: targets with their capability columns, `plan(scope)` returning the plan and
 * every problem, `describe(plan)` for `lbkit plan`. A global target family registers in providers/global/index.ts.
 */
import type { FamilyBackend } from './backend';
import type { GlobalTargetDef } from './capabilities/global-check';
import type { GlobalModel } from './model/global-types';

export interface GlobalPlanScope<Options = unknown> {
  readonly model: GlobalModel;
  /** Placement (a construct's props); absent for `lbkit plan`, which checks no placement. */
  readonly options?: Options;
  readonly knownTargets?: readonly string[];
}

export type GlobalBackend<Plan = unknown, Options = unknown, Id extends string = string> = FamilyBackend<
  Plan,
  GlobalPlanScope<Options>,
  GlobalTargetDef<Id>,
  Id
>;

/**
 * The input every global construct and component takes, like SpecInput: exactly one of `spec`, `specFile`
 * and `model`, plus `strict` and `allowNearest`.
 */
export interface GlobalSpecInput {
  readonly spec?: import('./spec/global-schema').GlobalSpec;
  readonly specFile?: string;
  readonly model?: GlobalModel;
  /** Directory the regions' specFile paths are relative to, for `spec`. @default the working directory */
  readonly baseDir?: string;
  readonly strict?: boolean;
  readonly allowNearest?: readonly string[];
}
