/**
 * Holding a global model against a global target's column, as check.ts does for load balancers: native cells
 * pass; nearest ones are errors under `strict` unless opted into (`allowNearest`), else warnings; unsupported
 * ones and values outside a target's ranges are always errors. Every problem, never the first.
 */
import type { CapabilityDiagnostic, Problem } from '../errors';
import type { GlobalModel } from '../model/global-types';
import type { RangeViolation, Support } from './support';
import { allowNearestDiagnostics, cellDiagnostics, rangeDiagnostic } from './check';
import { GLOBAL_FEATURES, GLOBAL_FEATURE_IDS } from './global-features';

/** A global target's column: one cell per global feature, its accepted ranges, and their check. */
export interface GlobalColumn {
  readonly support: Readonly<Record<string, Support>>;
  readonly ranges: Readonly<Record<string, string>>;
  readonly checkRanges: (model: GlobalModel) => RangeViolation[];
}

export interface GlobalTargetDef<Id extends string = string> {
  readonly id: Id;
  readonly title: string;
  readonly delivery: 'dns' | 'anycast' | 'both';
  readonly family: string;
  readonly column: GlobalColumn;
}

export interface GlobalJudgement {
  readonly problems: Problem[];
  readonly warnings: CapabilityDiagnostic[];
  readonly used: ReadonlyArray<{ readonly feature: string; readonly level: Support['level']; readonly paths: readonly string[] }>;
}

export function judgeGlobal(model: GlobalModel, def: GlobalTargetDef, knownTargets?: readonly string[]): GlobalJudgement {
  const target = def.id;
  const diagnostics: CapabilityDiagnostic[] = [];
  const used: Array<{ feature: string; level: Support['level']; paths: string[] }> = [];
  diagnostics.push(...allowNearestDiagnostics(model, target, GLOBAL_FEATURE_IDS, knownTargets, { target: 'global target', feature: 'global feature' }));
  for (const feature of GLOBAL_FEATURES) {
    const paths = feature.detect(model);
    if (!paths.length) continue;
    const cell = def.column.support[feature.id];
    used.push({ feature: feature.id, level: cell.level, paths });
    diagnostics.push(...cellDiagnostics(model, def, feature, cell, paths));
  }
  diagnostics.push(...def.column.checkRanges(model).map((v) => rangeDiagnostic(target, v)));
  return {
    problems: diagnostics
      .filter((d) => d.severity === 'error')
      .map((d) => ({ code: 'LBKIT_CAPABILITY', path: d.path, message: d.message, target: d.target, capability: d })),
    warnings: diagnostics.filter((d) => d.severity === 'warning'),
    used,
  };
}
