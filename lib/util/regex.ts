/**
 * Regular expressions in the spec must mean the same on every engine that runs them: JavaScript (the local
 * proxy), RE2 (GCP URL maps) and AWS's listener-rule engine. This accepts the common subset and rejects, with
 * a reason, what one of them lacks.
 */
const NOT_PORTABLE: ReadonlyArray<[RegExp, string]> = [
  [/\(\?[=!]/, 'lookahead (?= or (?! is not supported by RE2 or AWS'],
  [/\(\?<[=!]/, 'lookbehind (?<= or (?<! is not supported by RE2 or AWS'],
  [/\\[1-9]/, 'backreferences (\\1) are not supported by RE2 or AWS'],
  [/\\k</, 'named backreferences are not supported by RE2 or AWS'],
  [/\(\?</, 'named groups differ between engines; use a plain group'],
  [/\(\?[a-zA-Z]/, 'inline flags such as (?i) are not supported by JavaScript'],
  [/[*+?}]\+/, 'possessive quantifiers are not supported'],
  [/\\p\{/, 'Unicode classes (\\p{...}) are not supported by AWS'],
];

/** Returns why the pattern is not portable or not valid, or undefined when it is fine. */
export function regexProblem(pattern: string): string | undefined {
  for (const [re, why] of NOT_PORTABLE) if (re.test(pattern)) return why;
  try {
    new RegExp(pattern, 'u');
  } catch (e) {
    return `not a valid regular expression: ${(e as Error).message.replace(/^Invalid regular expression: /, '')}`;
  }
  return undefined;
}

/** Compiles a spec regex with lbkit's semantics: it must match the whole input. */
export function compileWholeMatch(pattern: string, flags = ''): RegExp {
  return new RegExp(`^(?:${pattern})$`, flags);
}
