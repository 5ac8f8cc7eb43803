/** `lbkit validate`, `lbkit plan` and `lbkit schema`. Each returns its exit code; main.ts wires them up. */
import { writeFileSync, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { FEATURES } from '../lib/capabilities/features';
import { formatIssue, LbkitError, SpecValidationError } from '../lib/errors';
import { loadModel } from '../lib/model/build';
import type { LoadBalancerModel } from '../lib/model/types';
import { specJsonSchema } from '../lib/spec/json-schema';
import { checkCapabilities, describeTarget, isTarget, scopeFor, TARGET_INFO, TARGETS, type TargetId } from '../providers';
import { renderTable } from './table';

export interface Output {
  out(text: string): void;
  err(text: string): void;
}

/** Reports an expected failure (bad spec, unreadable file, any LbkitError) without a stack trace; rethrows anything else. */
export function reportLoadError(e: unknown, io: Output): number {
  if (e instanceof SpecValidationError) {
    io.err(`✗ ${e.file ?? 'spec'}: ${e.issues.length} problem${e.issues.length === 1 ? '' : 's'}`);
    for (const issue of e.issues) io.err(`  ${formatIssue(issue, e.file)}`);
    return 1;
  }
  if (e instanceof LbkitError) {
    io.err(`✗ ${e.message}`);
    return 1;
  }
  throw e;
}

export function validateCommand(files: readonly string[], io: Output): number {
  let failed = 0;
  for (const file of files) {
    try {
      const model = loadModel(file);
      io.out(`✓ ${file}: valid (${model.frontends.length} frontend${model.frontends.length === 1 ? '' : 's'}, ${model.pools.length} pool${model.pools.length === 1 ? '' : 's'})`);
      for (const w of model.warnings) io.out(`  warning ${w.path}: ${w.message}`);
    } catch (e) {
      failed += reportLoadError(e, io);
    }
  }
  return failed ? 1 : 0;
}

export function schemaCommand(options: { out?: string }, io: Output): number {
  const text = `${JSON.stringify(specJsonSchema(), null, 2)}\n`;
  if (options.out) {
    mkdirSync(dirname(options.out), { recursive: true });
    writeFileSync(options.out, text);
    io.out(`wrote ${options.out}`);
  } else io.out(text.trimEnd());
  return 0;
}

const SYMBOL = { native: '✓', nearest: '~', unsupported: '✗' } as const;

export function planCommand(file: string, options: { target: string }, io: Output): number {
  let model: LoadBalancerModel;
  try {
    model = loadModel(file);
  } catch (e) {
    return reportLoadError(e, io);
  }
  if (options.target === 'all') return planMatrix(model, io);
  if (!isTarget(options.target)) {
    io.err(`✗ unknown target '${options.target}'; use one of: all, ${TARGETS.join(', ')}`);
    return 2;
  }
  return planTarget(model, options.target, io);
}

function planTarget(model: LoadBalancerModel, target: TargetId, io: Output): number {
  const scope = scopeFor(model, target);
  const info = TARGET_INFO[target];
  io.out(`${target}: ${info.title}`);
  if (!scope.frontends.length) {
    io.out(`  no ${info.layer} frontends in this spec: nothing to compile for this target`);
    return 0;
  }
  io.out('');
  const resources = describeTarget(model, target);
  io.out(renderTable(['resource', 'id', 'detail'], resources.map((r) => [r.type, r.id, r.detail])));
  const report = checkCapabilities(model, target);
  io.out('');
  io.out(renderTable(['feature', 'support', 'where'], report.used.map((u) => [u.feature, `${SYMBOL[u.level]} ${u.level}`, u.paths.join(', ')])));
  io.out('');
  for (const d of report.diagnostics) io.out(`${d.severity === 'error' ? 'error' : 'warning'} ${d.path}: ${d.message}`);
  for (const w of model.warnings) io.out(`warning ${w.path}: ${w.message}`);
  io.out(report.errors.length ? `✗ ${report.errors.length} error${report.errors.length === 1 ? '' : 's'}: ${target} cannot compile this spec as written` : `✓ compiles to ${target}${report.warnings.length ? ` with ${report.warnings.length} accepted approximation${report.warnings.length === 1 ? '' : 's'}` : ''}`);
  return report.errors.length ? 1 : 0;
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
  const verdict = ['compiles (strict)', ...reports.map(({ report, inScope }) => (inScope ? (report.errors.length ? `no (${report.errors.length})` : 'yes') : '-'))];
  io.out(`${model.name}: capability matrix (✓ native, ~ nearest, ✗ unsupported, · not used there, blank: no frontend of that layer)`);
  io.out('');
  io.out(renderTable(['feature', ...TARGETS], [...rows, ranges, verdict]));
  io.out('');
  io.out('Run `lbkit plan <file> --target <target>` for the resources and every diagnostic of one target.');
  return 0;
}
