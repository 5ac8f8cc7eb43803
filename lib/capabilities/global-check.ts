/**
 * Holding a global model against a global target's column, as check.ts does for load balancers: native cells
 * pass; nearest ones are errors under `strict` unless opted into (`allowNearest`), else warnings; unsupported
 * ones and values outside a target's ranges are always errors. Every problem, never the first.
 */
import type { CapabilityDiagnostic, Problem } from '../errors';
import type { GlobalModel } from '../model/global-types';
import type { RangeViolation, Support } from './support';
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

const allowed = (m: GlobalModel, target: string, feature: string) => m.allowNearest.includes(feature) || m.allowNearest.includes(`${target}:${feature}`);

export function judgeGlobal(model: GlobalModel, def: GlobalTargetDef, knownTargets?: readonly string[]): GlobalJudgement {
  const target = def.id;
  const title = `${target} (${def.title})`;
  const diagnostics: CapabilityDiagnostic[] = [];
  const used: Array<{ feature: string; level: Support['level']; paths: string[] }> = [];
  model.allowNearest.forEach((entry, i) => {
    const [maybeTarget, feature] = entry.includes(':') ? entry.split(':') : [undefined, entry];
    const unknownTarget = maybeTarget !== undefined && knownTargets !== undefined && !knownTargets.includes(maybeTarget);
    if (unknownTarget || !GLOBAL_FEATURE_IDS.has(feature)) {
      diagnostics.push({
        severity: 'error',
        target,
        feature: 'allowNearest',
        level: 'config',
        path: `allowNearest[${i}]`,
        message: `allowNearest entry '${entry}' names no known ${unknownTarget ? 'global target' : 'global feature'}`,
      });
    }
  });
  for (const feature of GLOBAL_FEATURES) {
    const paths = feature.detect(model);
    if (!paths.length) continue;
    const cell = def.column.support[feature.id];
    used.push({ feature: feature.id, level: cell.level, paths });
    if (cell.level === 'native') continue;
    for (const path of paths) {
      if (cell.level === 'nearest') {
        const optedIn = !model.strict || allowed(model, target, feature.id);
        diagnostics.push({
          severity: optedIn ? 'warning' : 'error',
          target,
          feature: feature.id,
          level: 'nearest',
          path,
          message: optedIn
            ? `${target} approximates ${feature.id} (${feature.description}): ${cell.mapping}`
            : `${title} has no exact ${feature.id} (${feature.description}). Nearest: ${cell.mapping}. To accept it, add '${target}:${feature.id}' to allowNearest (or set strict: false); otherwise change the spec.`,
        });
      } else {
        diagnostics.push({
          severity: 'error',
          target,
          feature: feature.id,
          level: 'unsupported',
          path,
          message: `${title} cannot express ${feature.id} (${feature.description}). Nearest: ${cell.nearest}. Change the spec or choose another target; this cannot be opted into.`,
        });
      }
    }
  }
  for (const v of def.column.checkRanges(model)) {
    diagnostics.push({
      severity: 'error',
      target,
      feature: 'range',
      level: 'range',
      path: v.path,
      message: `${target}: ${v.message} (${target} accepts ${v.accepted})`,
    });
  }
  return {
    problems: diagnostics
      .filter((d) => d.severity === 'error')
      .map((d) => ({ code: 'LBKIT_CAPABILITY', path: d.path, message: d.message, target: d.target, capability: d })),
    warnings: diagnostics.filter((d) => d.severity === 'warning'),
    used,
  };
}
