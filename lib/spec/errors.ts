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

/** Most problems a SpecLoadError lists: a broken file can have one per line, and the message must stay readable. */
export const MAX_LOAD_ISSUES = 100;

/** The first MAX_LOAD_ISSUES issues, and one saying how many more there are. */
export function reported(issues: readonly SpecIssue[]): SpecIssue[] {
  if (issues.length <= MAX_LOAD_ISSUES) return [...issues];
  return [
    ...issues.slice(0, MAX_LOAD_ISSUES),
    { path: '', message: `… and ${issues.length - MAX_LOAD_ISSUES} more problems of the same kinds`, fix: 'fix the ones above first: later ones often follow from them' },
  ];
}

/**
 * A spec file could not be read or parsed (missing file, too large, not UTF-8, YAML or JSON syntax, alias
 * expansion over the limit). `issues` lists every problem found, each with its position and a fix; `line`
 * and `column` are those of the first.
 */
export class SpecLoadError extends LbkitError {
  readonly issues: readonly SpecIssue[];
  readonly line?: number;
  readonly column?: number;

  constructor(issues: readonly SpecIssue[] | string, readonly file?: string, line?: number, column?: number) {
    const list = typeof issues === 'string' ? [{ path: '', message: issues, line, column }] : issues;
    super('LBKIT_SPEC_LOAD', loadMessage(list, file));
    this.issues = list;
    this.line = list[0]?.line;
    this.column = list[0]?.column;
  }
}

function loadMessage(issues: readonly SpecIssue[], file: string | undefined): string {
  const one = (i: SpecIssue) => {
    const where = [file, i.line !== undefined ? `${i.line}:${i.column}` : undefined].filter(Boolean).join(':');
    return `${where ? `${where}: ` : ''}${i.message}${i.fix ? `\n    fix: ${i.fix}` : ''}`;
  };
  if (issues.length === 1) return one(issues[0]);
  return `${file ?? 'spec'}: ${issues.length} problems reading the spec:\n${issues.map((i) => `  ${one(i)}`).join('\n')}`;
}

export function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const part of path) {
    if (typeof part === 'number') out += `[${part}]`;
    else out += out ? `.${shorten(String(part))}` : shorten(String(part));
  }
  return out;
}

export { closest } from './suggest';

/** Longest piece of a user's value quoted back in a message. */
export const MAX_QUOTED = 60;

/**
 * A user's value as a message quotes it: control characters escaped, and a long value cut to its first
 * MAX_QUOTED characters with its length (a 1 MB name must not come back whole in every message).
 */
export function shorten(value: string): string {
  const head = value.length > MAX_QUOTED ? value.slice(0, MAX_QUOTED) : value;
  // eslint-disable-next-line no-control-regex
  const escaped = head.replace(/[\u0000-\u001f\u007f-\u009f]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
  return value.length > MAX_QUOTED ? `${escaped}… (${value.length} characters)` : escaped;
}
