/** Building regular expressions for ELBv2 regexValues and WAFv2 regex statements from literal text. */

/** Escapes every character a regex engine treats specially. */
export function escapeRegex(text: string): string {
  return text.replace(/[\\^$.|?*+()[\]{}]/g, '\\$&');
}

/**
 * A literal that matches whatever the letter case: each letter becomes a class ('a' -> '[aA]'). Used where
 * lbkit compares case-insensitively and the engine's own case handling is not documented.
 */
export function anyCase(text: string): string {
  return [...text].map((c) => (c.toLowerCase() !== c.toUpperCase() ? `[${c.toLowerCase()}${c.toUpperCase()}]` : escapeRegex(c))).join('');
}

/** A spec regex (which must match the whole input) for an engine that may search: anchored explicitly. */
export function wholeMatch(pattern: string): string {
  return `^(?:${pattern})$`;
}

/** Path alternatives as regex bodies (unanchored), with lbkit's segment-prefix semantics. */
export function pathRegexBody(kind: 'exact' | 'prefix' | 'regex', value: string): string {
  if (kind === 'regex') return `(?:${value})`;
  if (kind === 'exact') return escapeRegex(value);
  return value === '/' ? '/.*' : `${escapeRegex(value)}(?:/.*)?`;
}

/** A host pattern as a regex body over a lower-cased Host header, port ignored by the caller. */
export function hostRegexBody(kind: 'exact' | 'wildcard', value: string, suffix?: string): string {
  return kind === 'exact' ? escapeRegex(value) : `[^:]+${escapeRegex(suffix!)}`;
}
