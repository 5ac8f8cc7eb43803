/**
 * Every problem of a spec file for `lbkit validate` and `lbkit plan`: the spec's (structure and cross-field
 * rules), and capability on each target concerned, checked on the model of the spec's sound part so that one
 * run lists them all, each with its path, line and fix.
 */
import { judge } from '../lib/capabilities/check';
import { formatIssue, type Problem } from '../lib/errors';
import { inspectModelFile, specProblems } from '../lib/model/inspect';
import type { LoadBalancerModel } from '../lib/model/types';
import { isTarget, TARGET_INFO, TARGETS, type TargetId } from '../providers';

export interface FileProblems {
  /** The model of the spec, or of its sound part; undefined when no part is sound. */
  readonly model?: LoadBalancerModel;
  /** The spec's problems, then every capability problem of the targets (in table order). */
  readonly problems: readonly Problem[];
  /** Whether the spec itself has no problem (capability problems aside). */
  readonly specValid: boolean;
}

/** How to accept a capability problem, or where to look: capability problems carry no fix of their own. */
function capabilityFix(p: Problem): string | undefined {
  const d = p.capability;
  if (!d) return p.fix;
  if (d.level === 'nearest') return `add '${d.target}:${d.feature}' to allowNearest, or change it for ${d.target} in a targets.${d.target} override`;
  if (d.level === 'unsupported') return `leave it out for ${d.target} in a targets.${d.target} override, or choose another target`;
  if (d.level === 'range') return `use a value ${d.target} accepts, for ${d.target} alone in a targets.${d.target} override if need be`;
  return undefined;
}

/** Capability problems of a model on the targets (those without a frontend of their layer are skipped). */
export function capabilityProblems(model: LoadBalancerModel, targets: readonly TargetId[]): Problem[] {
  return judge(
    model,
    targets.map((t) => ({ def: TARGET_INFO[t] })),
    TARGETS,
  ).problems.map((p) => ({ ...p, ...(capabilityFix(p) ? { fix: capabilityFix(p) } : {}) }));
}

/** Every problem of a spec file on the targets; a file that cannot be read or parsed throws SpecLoadError. */
export function fileProblems(file: string, targets: readonly TargetId[]): FileProblems {
  const inspected = inspectModelFile(file);
  const capability = inspected.model ? inspected.place(capabilityProblems(inspected.model, targets)) : [];
  return { model: inspected.model, problems: [...specProblems(inspected.issues), ...capability], specValid: inspected.issues.length === 0 };
}

/** Prints a file's problems as `lbkit validate` does: a count, then each with its line, path and fix (capability messages name their target). */
export function printProblems(file: string, problems: readonly Problem[], io: { err(text: string): void }): void {
  io.err(`✗ ${file}: ${problems.length} problem${problems.length === 1 ? '' : 's'}`);
  for (const p of problems) io.err(`  ${formatIssue(p, file)}`);
}

/** The targets `--target` names (each entry one target, a comma-separated list, or 'all'), or the unknown names; undefined for all. */
export function chosenTargets(given: readonly string[] | undefined): { targets?: TargetId[]; unknown: string[] } {
  const names = (given ?? [])
    .flatMap((t) => t.split(','))
    .map((t) => t.trim())
    .filter(Boolean);
  if (!names.length || names.includes('all')) return { unknown: names.filter((n) => n !== 'all' && !isTarget(n)) };
  return { targets: [...new Set(names.filter(isTarget))], unknown: names.filter((n) => !isTarget(n)) };
}

/** The message for unknown `--target` names (exit 2). */
export function unknownTargets(unknown: readonly string[]): string {
  return `✗ unknown target${unknown.length > 1 ? 's' : ''} ${unknown.map((u) => `'${u}'`).join(', ')}; use one of: all, ${TARGETS.join(', ')}`;
}
