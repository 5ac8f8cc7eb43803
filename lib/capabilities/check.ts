/**
 * Holding a model against a target's column of the capability table. The engine knows no target: each family
 * brings its targets with their columns (lib/backend.ts), and providers/index.ts registers them by id.
 */
import type { TargetDef, TargetInfo } from '../backend';
import { CapabilityError, type CapabilityDiagnostic, type Problem } from '../errors';
import { reachedPools } from '../model/derived';
import { modelFor, written as writtenIn } from '../model/targets';
import type { LoadBalancerModel } from '../model/types';
import { FEATURES, FEATURE_IDS, type ModelScope } from './features';
import type { RangeViolation, Support } from './support';

export type { CapabilityDiagnostic };

export interface CapabilityReport {
  readonly target: string;
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
export function scopeOf(model: LoadBalancerModel, target: Pick<TargetInfo, 'layer'>, options: ScopeOptions = {}): ModelScope {
  const layer = target.layer;
  const frontends = model.frontends.filter((f) => (layer === 'both' || f.layer === layer) && (!options.frontends || options.frontends.includes(f.name)));
  const names = new Set(frontends.map((f) => f.name));
  const poolNames = new Set(frontends.flatMap(reachedPools));
  return {
    model,
    frontends,
    pools: model.pools.filter((p) => poolNames.has(p.name)),
    rateLimits: model.rateLimits.filter((r) => r.frontends.some((f) => names.has(f))),
  };
}

/** How strictly a spec (a load balancer's or a global one) is judged. */
export interface Judged {
  readonly strict: boolean;
  readonly allowNearest: readonly string[];
}

function allowed(model: Judged, target: string, feature: string): boolean {
  return model.allowNearest.includes(feature) || model.allowNearest.includes(`${target}:${feature}`);
}

/**
 * The allowNearest entries that name no known feature (of `features`) or no known target. `unknown` words the
 * message for each case.
 */
export function allowNearestDiagnostics(
  model: Judged,
  target: string,
  features: ReadonlySet<string>,
  knownTargets: readonly string[] | undefined,
  unknown: { readonly target: string; readonly feature: string },
): CapabilityDiagnostic[] {
  return model.allowNearest.flatMap((entry, i): CapabilityDiagnostic[] => {
    const [maybeTarget, feature] = entry.includes(':') ? entry.split(':') : [undefined, entry];
    const unknownTarget = maybeTarget !== undefined && knownTargets !== undefined && !knownTargets.includes(maybeTarget);
    if (!unknownTarget && features.has(feature)) return [];
    return [
      {
        severity: 'error',
        target,
        feature: 'allowNearest',
        level: 'config',
        path: `allowNearest[${i}]`,
        message: `allowNearest entry '${entry}' names no known ${unknownTarget ? unknown.target : unknown.feature}`,
      },
    ];
  });
}

/**
 * What one used feature costs on a target, per place it is used: nothing when native; for nearest an error under
 * strict unless opted into (else a warning); for unsupported always an error.
 */
export function cellDiagnostics(
  model: Judged,
  def: { readonly id: string; readonly title: string },
  feature: { readonly id: string; readonly description: string },
  cell: Support,
  paths: readonly string[],
): CapabilityDiagnostic[] {
  const target = def.id;
  const title = `${target} (${def.title})`;
  if (cell.level === 'native') return [];
  return paths.map((path): CapabilityDiagnostic => {
    if (cell.level === 'nearest') {
      const optedIn = !model.strict || allowed(model, target, feature.id);
      return {
        severity: optedIn ? 'warning' : 'error',
        target,
        feature: feature.id,
        level: 'nearest',
        path,
        message: optedIn
          ? `${target} approximates ${feature.id} (${feature.description}): ${cell.mapping}`
          : `${title} has no exact ${feature.id} (${feature.description}). Nearest: ${cell.mapping}. ` +
            `To accept it, add '${target}:${feature.id}' to allowNearest (or set strict: false); otherwise change the spec.`,
      };
    }
    return {
      severity: 'error',
      target,
      feature: feature.id,
      level: 'unsupported',
      path,
      message: `${title} cannot express ${feature.id} (${feature.description}). Nearest: ${cell.nearest}. Change the spec or choose another target; this cannot be opted into.`,
    };
  });
}

/** A value outside what a target accepts: always an error. */
export function rangeDiagnostic(target: string, v: RangeViolation): CapabilityDiagnostic {
  return { severity: 'error', target, feature: 'range', level: 'range', path: v.path, message: `${target}: ${v.message} (${target} accepts ${v.accepted})` };
}

/**
 * The capability report of a model on one target. `knownTargets` (every registered target id) lets an
 * `allowNearest` entry naming an unknown target be reported; without it only unknown features are.
 */
export function checkTarget(spec: LoadBalancerModel, def: TargetDef, knownTargets?: readonly string[], options: ScopeOptions = {}): CapabilityReport {
  const model = modelFor(spec, def.id);
  const scope = scopeOf(model, def, options);
  // A field the user left out takes the target's own default when its family compiles it so (nativeDefaults).
  const written = (path: string) => !def.column.nativeDefaults || writtenIn(model, path);
  const target = def.id;
  const column = def.column;
  const diagnostics: CapabilityDiagnostic[] = [];
  const used: Array<{ feature: string; level: 'native' | 'nearest' | 'unsupported'; paths: string[] }> = [];

  diagnostics.push(
    ...allowNearestDiagnostics(model, target, FEATURE_IDS, knownTargets, {
      target: `target (targets: ${knownTargets?.join(', ')})`,
      feature: 'feature (see `lbkit plan --target all`)',
    }),
  );

  for (const key of Object.keys(spec.overrides ?? {})) {
    if (knownTargets !== undefined && !knownTargets.includes(key)) {
      diagnostics.push({
        severity: 'error',
        target,
        feature: 'targets',
        level: 'config',
        path: `targets.${key}`,
        message: `targets names no known target '${key}' (targets: ${knownTargets.join(', ')})`,
      });
    }
  }

  for (const feature of FEATURES) {
    const uses = feature.detect(scope).filter((u) => written(u.path));
    if (!uses.length) continue;
    const cell = column.support[feature.id];
    used.push({ feature: feature.id, level: cell.level, paths: uses.map((u) => u.path) });
    diagnostics.push(
      ...cellDiagnostics(
        model,
        def,
        feature,
        cell,
        uses.map((u) => u.path),
      ),
    );
  }
  diagnostics.push(
    ...column
      .checkRanges(scope)
      .filter((r) => written(r.path))
      .map((v) => rangeDiagnostic(target, v)),
  );
  return {
    target,
    diagnostics,
    errors: diagnostics.filter((d) => d.severity === 'error'),
    warnings: diagnostics.filter((d) => d.severity === 'warning'),
    used,
  };
}

/** What a family's plan gathers from the capability table: errors as problems, accepted approximations as warnings. */
export interface Judgement {
  readonly problems: Problem[];
  readonly warnings: CapabilityDiagnostic[];
}

/**
 * Judges a model on several targets of one family, each on the frontends it compiles (all of its layer unless
 * `frontends` says which), skipping targets with nothing to compile. Every target's problems, not the first's.
 */
export function judge(
  model: LoadBalancerModel,
  targets: ReadonlyArray<{ readonly def: TargetDef; readonly frontends?: readonly string[] }>,
  knownTargets?: readonly string[],
): Judgement {
  const problems: Problem[] = [];
  const warnings: CapabilityDiagnostic[] = [];
  const seenConfig = new Set<string>();
  for (const { def, frontends } of targets) {
    if (!scopeOf(model, def, { frontends }).frontends.length) continue;
    const report = checkTarget(model, def, knownTargets, { frontends });
    for (const d of report.errors) {
      // A bad allowNearest entry is the same problem for every target: report it once.
      if (d.level === 'config' && seenConfig.has(d.path)) continue;
      if (d.level === 'config') seenConfig.add(d.path);
      problems.push({ code: 'LBKIT_CAPABILITY', path: d.path, message: d.message, target: d.target, capability: d });
    }
    warnings.push(...report.warnings);
  }
  return { problems, warnings };
}

/** Throws CapabilityError when the report has errors; returns the warnings (nearest mappings accepted). */
export function assertReport(report: CapabilityReport): readonly CapabilityDiagnostic[] {
  if (report.errors.length) throw new CapabilityError(report.target, report.errors);
  return report.warnings;
}
