/**
 * `lbkit plan`: the capability matrix of every target (the default), or for chosen targets their resources,
 * the features the spec uses with each cell's grading, and every diagnostic; `--explain` adds each cell's
 * mapping and source and the target's accepted ranges; `--json` prints the same as data.
 */
import type { Source } from '../lib/capabilities/support';
import { FEATURES } from '../lib/capabilities/features';
import type { LoadBalancerModel } from '../lib/model/types';
import { CAPABILITIES, checkCapabilities, describeTarget, scopeFor, TARGET_INFO, TARGETS, type TargetId } from '../providers';
import { reportLoadError, type Output } from './commands';
import { planDiagram } from './diagram';
import { chosenTargets, fileProblems, printProblems, unknownTargets } from './problems';
import { renderTable } from './table';

export interface PlanOptions {
  /** Targets as given: each entry one target, a comma-separated list, or 'all'. @default every target (the matrix) */
  readonly target?: readonly string[];
  readonly explain?: boolean;
  readonly json?: boolean;
  /** Print the topology as Mermaid text (cli/diagram.ts), with what each chosen target (or every one) creates. */
  readonly diagram?: boolean;
}

const SYMBOL = { native: '✓', nearest: '~', unsupported: '✗' } as const;

export function planCommand(file: string, options: PlanOptions, io: Output): number {
  const { targets, unknown } = chosenTargets(options.target);
  if (unknown.length) {
    io.err(unknownTargets(unknown));
    return 2;
  }
  let model: LoadBalancerModel;
  try {
    // A spec with problems gets them all (its own, and capability on every target concerned), not a plan.
    const checked = fileProblems(file, targets ?? TARGETS);
    if (!checked.specValid || !checked.model) {
      if (options.json) io.out(JSON.stringify({ file, valid: false, problems: checked.problems.map(({ capability: _, ...p }) => p) }, null, 2));
      else printProblems(file, checked.problems, io);
      return 1;
    }
    model = checked.model;
  } catch (e) {
    return reportLoadError(e, io);
  }
  if (options.diagram) {
    io.out(planDiagram(model, targets ?? TARGETS).trimEnd());
    return 0;
  }
  if (!targets) return options.json ? matrixJson(model, io) : planMatrix(model, io);
  if (options.json) return targetsJson(model, targets, options, io);
  let failed = 0;
  targets.forEach((target, i) => {
    if (i > 0) io.out('');
    failed += planTarget(model, target, options, io);
  });
  return failed ? 1 : 0;
}

const sourceText = (s: Source | undefined) => (s ? `${s.ref} (checked ${s.checked})` : 'no source recorded');

function cellText(target: TargetId, feature: string): { grading: string; source: Source | undefined } {
  const cell = CAPABILITIES[target].support[feature];
  const grading = cell.level === 'native' ? (cell.mapping ?? '') : cell.level === 'nearest' ? cell.mapping : `nearest option: ${cell.nearest}`;
  return { grading, source: cell.source };
}

function rangeRows(target: TargetId): Array<{ field: string; accepted: string; source: Source | undefined }> {
  return Object.entries(CAPABILITIES[target].ranges).map(([field, r]) =>
    typeof r === 'string' ? { field, accepted: r, source: undefined } : { field, accepted: r.accepted, source: r.source },
  );
}

function planTarget(model: LoadBalancerModel, target: TargetId, options: PlanOptions, io: Output): number {
  const scope = scopeFor(model, target);
  const info = TARGET_INFO[target];
  io.out(`${target}: ${info.title}`);
  if (!scope.frontends.length) {
    io.out(`  no ${info.layer} frontends in this spec: nothing to compile for this target`);
    return 0;
  }
  io.out('');
  const resources = describeTarget(model, target);
  io.out(
    renderTable(
      ['resource', 'id', 'detail'],
      resources.map((r) => [r.type, r.id, r.detail]),
    ),
  );
  const report = checkCapabilities(model, target);
  io.out('');
  io.out(
    renderTable(
      ['feature', 'support', 'where'],
      report.used.map((u) => [u.feature, `${SYMBOL[u.level]} ${u.level}`, u.paths.join(', ')]),
    ),
  );
  if (options.explain) {
    io.out('');
    io.out(`Why each cell is graded so on ${target}:`);
    for (const u of report.used) {
      const { grading, source } = cellText(target, u.feature);
      io.out(`  ${u.feature}: ${u.level}${grading ? `: ${grading}` : ''}`);
      io.out(`    source: ${sourceText(source)}`);
    }
    const ranges = rangeRows(target);
    if (ranges.length) {
      io.out('');
      io.out(`Ranges ${target} accepts:`);
      for (const r of ranges) io.out(`  ${r.field}: ${r.accepted}${r.source ? ` (${sourceText(r.source)})` : ''}`);
    }
  }
  io.out('');
  for (const d of report.diagnostics) io.out(`${d.severity === 'error' ? 'error' : 'warning'} ${d.path}: ${d.message}`);
  for (const w of model.warnings) io.out(`warning ${w.path}: ${w.message}`);
  io.out(
    report.errors.length
      ? `✗ ${report.errors.length} error${report.errors.length === 1 ? '' : 's'}: ${target} cannot compile this spec as written`
      : `✓ compiles to ${target}${report.warnings.length ? ` with ${report.warnings.length} accepted approximation${report.warnings.length === 1 ? '' : 's'}` : ''}`,
  );
  return report.errors.length ? 1 : 0;
}

function targetsJson(model: LoadBalancerModel, targets: readonly TargetId[], options: PlanOptions, io: Output): number {
  const out = targets.map((target) => {
    const inScope = scopeFor(model, target).frontends.length > 0;
    const report = checkCapabilities(model, target);
    return {
      target,
      title: TARGET_INFO[target].title,
      inScope,
      compiles: report.errors.length === 0,
      resources: inScope ? describeTarget(model, target) : [],
      features: report.used.map((u) => ({ ...u, ...(options.explain ? cellText(target, u.feature) : {}) })),
      diagnostics: report.diagnostics,
      ...(options.explain ? { ranges: rangeRows(target) } : {}),
    };
  });
  io.out(JSON.stringify({ spec: model.name, targets: out, warnings: model.warnings }, null, 2));
  return out.some((t) => !t.compiles) ? 1 : 0;
}

function matrixJson(model: LoadBalancerModel, io: Output): number {
  const targets = TARGETS.map((target) => {
    const report = checkCapabilities(model, target);
    return {
      target,
      inScope: scopeFor(model, target).frontends.length > 0,
      compiles: report.errors.length === 0,
      features: report.used,
      errors: report.errors.length,
    };
  });
  io.out(JSON.stringify({ spec: model.name, targets }, null, 2));
  return 0;
}

/** The spec's row for every target: which features it uses and how each target supports them. */
function planMatrix(model: LoadBalancerModel, io: Output): number {
  const reports = TARGETS.map((t) => ({ target: t, report: checkCapabilities(model, t), inScope: scopeFor(model, t).frontends.length > 0 }));
  const used = FEATURES.filter((f) => reports.some((r) => r.report.used.some((u) => u.feature === f.id)));
  const rows = used.map((f) => [
    f.id,
    ...reports.map(({ report, inScope }) => {
      if (!inScope) return '';
      const u = report.used.find((x) => x.feature === f.id);
      return u ? SYMBOL[u.level] : '·';
    }),
  ]);
  const ranges = ['value ranges', ...reports.map(({ report, inScope }) => (inScope ? (report.diagnostics.some((d) => d.level === 'range') ? '✗' : '✓') : ''))];
  const verdict = [
    'compiles (strict)',
    ...reports.map(({ report, inScope }) => (inScope ? (report.errors.length ? `no (${report.errors.length})` : 'yes') : '-')),
  ];
  io.out(`${model.name}: capability matrix (✓ native, ~ nearest, ✗ unsupported, · not used there, blank: no frontend of that layer)`);
  io.out('');
  io.out(renderTable(['feature', ...TARGETS], [...rows, ranges, verdict]));
  io.out('');
  io.out('Run `lbkit plan <file> --target <target>` for the resources and every diagnostic of one target (--explain: why).');
  return 0;
}
