/** Holding a model against a target's column of the capability table. */
import { actionPools } from '../model/build';
import type { LoadBalancerModel } from '../model/types';
import { LbkitError } from '../spec/errors';
import { FEATURES, FEATURE_IDS, type ModelScope } from './features';
import { CAPABILITIES } from './table';
import { isTarget, TARGET_INFO, TARGETS, type TargetId } from './targets';

export interface CapabilityDiagnostic {
  readonly severity: 'error' | 'warning';
  readonly target: TargetId;
  /** Feature id, or 'range' for a value outside what the target accepts, or 'allowNearest' for a bad opt-in. */
  readonly feature: string;
  readonly level: 'nearest' | 'unsupported' | 'range' | 'config';
  readonly path: string;
  readonly message: string;
}

export interface CapabilityReport {
  readonly target: TargetId;
  readonly diagnostics: readonly CapabilityDiagnostic[];
  readonly errors: readonly CapabilityDiagnostic[];
  readonly warnings: readonly CapabilityDiagnostic[];
  /** Every feature the scope uses, with its support level on the target. */
  readonly used: ReadonlyArray<{ readonly feature: string; readonly level: 'native' | 'nearest' | 'unsupported'; readonly paths: readonly string[] }>;
}

export interface ScopeOptions {
  /** Only these frontends (default: every frontend of the target's layer). */
  readonly frontends?: readonly string[];
}

/** The part of the model a target compiles: frontends of its layer, the pools they reach, their rate limits. */
export function scopeFor(model: LoadBalancerModel, target: TargetId, options: ScopeOptions = {}): ModelScope {
  const layer = TARGET_INFO[target].layer;
  const frontends = model.frontends.filter((f) => (layer === 'both' || f.layer === layer) && (!options.frontends || options.frontends.includes(f.name)));
  const names = new Set(frontends.map((f) => f.name));
  const poolNames = new Set(frontends.flatMap((f) => [f.defaultAction, ...f.rules.map((r) => r.action)].flatMap(actionPools)));
  return {
    model,
    frontends,
    pools: model.pools.filter((p) => poolNames.has(p.name)),
    rateLimits: model.rateLimits.filter((r) => r.frontends.some((f) => names.has(f))),
  };
}

function allowed(model: LoadBalancerModel, target: TargetId, feature: string): boolean {
  return model.allowNearest.includes(feature) || model.allowNearest.includes(`${target}:${feature}`);
}

export function checkCapabilities(model: LoadBalancerModel, target: TargetId, options: ScopeOptions = {}): CapabilityReport {
  const scope = scopeFor(model, target, options);
  const column = CAPABILITIES[target];
  const diagnostics: CapabilityDiagnostic[] = [];
  const used: Array<{ feature: string; level: 'native' | 'nearest' | 'unsupported'; paths: string[] }> = [];
  const title = `${target} (${TARGET_INFO[target].title})`;

  model.allowNearest.forEach((entry, i) => {
    const [maybeTarget, feature] = entry.includes(':') ? entry.split(':') : [undefined, entry];
    if ((maybeTarget !== undefined && !isTarget(maybeTarget)) || !FEATURE_IDS.has(feature)) {
      diagnostics.push({
        severity: 'error', target, feature: 'allowNearest', level: 'config', path: `allowNearest[${i}]`,
        message: `allowNearest entry '${entry}' names no known ${maybeTarget !== undefined && !isTarget(maybeTarget) ? `target (targets: ${TARGETS.join(', ')})` : 'feature (see `lbkit plan --target all`)'}`,
      });
    }
  });

  for (const feature of FEATURES) {
    const uses = feature.detect(scope);
    if (!uses.length) continue;
    const cell = column.support[feature.id];
    used.push({ feature: feature.id, level: cell.level, paths: uses.map((u) => u.path) });
    if (cell.level === 'native') continue;
    for (const use of uses) {
      if (cell.level === 'nearest') {
        const optedIn = !model.strict || allowed(model, target, feature.id);
        diagnostics.push({
          severity: optedIn ? 'warning' : 'error', target, feature: feature.id, level: 'nearest', path: use.path,
          message: optedIn
            ? `${target} approximates ${feature.id} (${feature.description}): ${cell.mapping}`
            : `${title} has no exact ${feature.id} (${feature.description}). Nearest: ${cell.mapping}. ` +
              `To accept it, add '${target}:${feature.id}' to allowNearest (or set strict: false); otherwise change the spec.`,
        });
      } else {
        diagnostics.push({
          severity: 'error', target, feature: feature.id, level: 'unsupported', path: use.path,
          message: `${title} cannot express ${feature.id} (${feature.description}). Nearest: ${cell.nearest}. Change the spec or choose another target; this cannot be opted into.`,
        });
      }
    }
  }
  for (const v of column.checkRanges(scope)) {
    diagnostics.push({
      severity: 'error', target, feature: 'range', level: 'range', path: v.path,
      message: `${target}: ${v.message} (${target} accepts ${v.accepted})`,
    });
  }
  return {
    target,
    diagnostics,
    errors: diagnostics.filter((d) => d.severity === 'error'),
    warnings: diagnostics.filter((d) => d.severity === 'warning'),
    used,
  };
}

/** The model cannot compile to a target as written. */
export class CapabilityError extends LbkitError {
  constructor(readonly target: TargetId, readonly diagnostics: readonly CapabilityDiagnostic[]) {
    super('LBKIT_CAPABILITY', `the spec cannot compile to ${target}:\n${diagnostics.map((d) => `  ${d.path}: ${d.message}`).join('\n')}`);
  }
}

/** Throws CapabilityError when the report has errors; returns the warnings (nearest mappings accepted). */
export function assertCapabilities(model: LoadBalancerModel, target: TargetId, options: ScopeOptions = {}): readonly CapabilityDiagnostic[] {
  const report = checkCapabilities(model, target, options);
  if (report.errors.length) throw new CapabilityError(target, report.errors);
  return report.warnings;
}
