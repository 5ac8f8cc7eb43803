/** Typed errors with stable codes, so callers and tests match on `code`, never on message text. */

/** One problem in a spec: where it is, what is wrong and how to fix it. */
export interface SpecIssue {
  /** Path in the spec, such as `frontends[0].rules[2].action.forward.pool` (empty for the document itself). */
  readonly path: string;
  /** What is wrong. */
  readonly message: string;
  /** How to fix it. */
  readonly fix?: string;
  /** Where the value is in the source file (1-based), when the spec came from YAML or JSON text. */
  readonly line?: number;
  readonly column?: number;
}

export function formatIssue(issue: SpecIssue, file?: string): string {
  const where = [file, issue.line !== undefined ? `${issue.line}:${issue.column}` : undefined].filter(Boolean).join(':');
  const path = issue.path || '(spec)';
  return `${where ? `${where} ` : ''}${path}: ${issue.message}${issue.fix ? `\n    fix: ${issue.fix}` : ''}`;
}

/** Base class of every error lbkit throws on purpose. */
export class LbkitError extends Error {
  constructor(readonly code: string, message: string) {
    super(message);
    this.name = new.target.name;
  }
}

/** The spec is invalid; `issues` lists every problem found, each with its path. */
export class SpecValidationError extends LbkitError {
  constructor(readonly issues: readonly SpecIssue[], readonly file?: string) {
    super(
      'LBKIT_SPEC_INVALID',
      `${file ? `${file}: ` : ''}the load balancer spec has ${issues.length} problem${issues.length === 1 ? '' : 's'}:\n` +
        issues.map((i) => `  ${formatIssue(i, file)}`).join('\n'),
    );
  }
}

/** A spec file could not be read or parsed (missing file, YAML syntax error). */
export class SpecLoadError extends LbkitError {
  constructor(message: string, readonly file?: string, readonly line?: number, readonly column?: number) {
    super('LBKIT_SPEC_LOAD', message);
  }
}

export function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const part of path) {
    if (typeof part === 'number') out += `[${part}]`;
    else out += out ? `.${String(part)}` : String(part);
  }
  return out;
}

/** Closest candidate within an edit distance of 2, for "did you mean" hints. */
export function closest(word: string, candidates: Iterable<string>): string | undefined {
  let best: string | undefined;
  let bestDistance = Math.min(3, Math.max(2, Math.floor(word.length / 3) + 1));
  for (const candidate of candidates) {
    const d = editDistance(word.toLowerCase(), candidate.toLowerCase());
    if (d < bestDistance) {
      best = candidate;
      bestDistance = d;
    }
  }
  return best;
}

function editDistance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let previous = row[0];
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const current = row[j];
      row[j] = Math.min(row[j] + 1, row[j - 1] + 1, previous + (a[i - 1] === b[j - 1] ? 0 : 1));
      previous = current;
    }
  }
  return row[b.length];
}
