/** Spec paths, quoting of user values and "did you mean" hints for spec problems. The error classes are in lib/errors.ts. */
import type { SpecIssue } from '../errors';

/** Most problems a SpecLoadError lists: a broken file can have one per line, and the message must stay readable. */
export const MAX_LOAD_ISSUES = 100;

/** The first MAX_LOAD_ISSUES issues, and one saying how many more there are. */
export function reported(issues: readonly SpecIssue[]): SpecIssue[] {
  if (issues.length <= MAX_LOAD_ISSUES) return [...issues];
  return [
    ...issues.slice(0, MAX_LOAD_ISSUES),
    {
      path: '',
      message: `… and ${issues.length - MAX_LOAD_ISSUES} more problems of the same kinds`,
      fix: 'fix the ones above first: later ones often follow from them',
    },
  ];
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
