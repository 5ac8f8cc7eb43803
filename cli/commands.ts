/** `lbkit validate` and `lbkit schema`, and how every command reports a failure. Each returns its exit code; main.ts wires them up. */
import { writeFileSync, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { formatIssue, LbkitError, ProblemsError, SpecLoadError, SpecValidationError, type SpecIssue } from '../lib/errors';
import { TARGETS } from '../providers';
import { specJsonSchema } from '../lib/spec/json-schema';
import { chosenTargets, fileProblems, printProblems, unknownTargets } from './problems';

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

/** What `--json` prints for one file. */
export interface FileReport {
  readonly file: string;
  readonly valid: boolean;
  readonly problems: readonly (SpecIssue & { readonly code: string })[];
  readonly warnings: readonly { readonly path: string; readonly message: string }[];
}

/** The problems an expected failure carries, as plain data. */
export function problemsOf(e: LbkitError): FileReport['problems'] {
  const issues: readonly SpecIssue[] =
    e instanceof SpecValidationError || e instanceof SpecLoadError ? e.issues : e instanceof ProblemsError ? e.problems : [{ path: '', message: e.message }];
  return issues.map((i) => ({ code: e.code, ...i }));
}

/**
 * Validates each file in turn: every problem of the spec, and capability on each target `--target` names,
 * checked on the spec's sound part so that one run lists them all. A file that fails, even unexpectedly,
 * does not stop the ones after it.
 */
export function validateCommand(files: readonly string[], io: Output, options: { json?: boolean; target?: readonly string[] } = {}): number {
  const { targets, unknown } = chosenTargets(options.target);
  if (unknown.length) {
    io.err(unknownTargets(unknown));
    return 2;
  }
  // --target all (or a bare --target list that named only 'all'): every target.
  const concerned = options.target?.length ? (targets ?? TARGETS) : [];
  let failed = 0;
  let crashed = false;
  const reports: FileReport[] = [];
  for (const file of files) {
    try {
      const { model, problems } = fileProblems(file, concerned);
      if (problems.length || !model) {
        failed++;
        reports.push({ file, valid: false, problems: problems.map(({ capability: _, ...p }) => p), warnings: [] });
        if (!options.json) printProblems(file, problems, io);
        continue;
      }
      reports.push({ file, valid: true, problems: [], warnings: model.warnings.map((w) => ({ path: w.path, message: w.message })) });
      if (options.json) continue;
      io.out(
        `✓ ${file}: valid (${model.frontends.length} frontend${model.frontends.length === 1 ? '' : 's'}, ${model.pools.length} pool${model.pools.length === 1 ? '' : 's'})`,
      );
      for (const w of model.warnings) io.out(`  warning ${w.path}: ${w.message}`);
    } catch (e) {
      if (e instanceof LbkitError) {
        failed++;
        reports.push({ file, valid: false, problems: problemsOf(e), warnings: [] });
        if (!options.json) reportLoadError(e, io);
      } else {
        io.err(`✗ ${file}: unexpected error: ${(e as Error)?.message ?? String(e)}`);
        crashed = true;
      }
    }
  }
  if (options.json) io.out(JSON.stringify({ files: reports }, null, 2));
  return crashed ? 70 : failed ? 1 : 0;
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
