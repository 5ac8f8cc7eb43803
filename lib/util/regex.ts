/**
 * Regular expressions in the spec must mean the same on every engine that runs them: RE2 (the local proxy, through
 * re2js, and GCP URL maps), AWS's listener-rule engine and JavaScript-family parsers. This accepts the common
 * subset and rejects, with a reason, what one of them lacks.
 *
 * The local proxy matches with re2js, a pure JavaScript port of RE2: matching takes time linear in the input, so a
 * pattern such as '(a+)+b' cannot be made to backtrack by a hostile path or header value (a backtracking engine
 * takes seconds at 30 characters and doubles with each one more).
 */
import { RE2JS } from 're2js';

/** Constructs some engine lacks, found in the pattern with escapes masked (so '\\(?=' or '\\++' are literals). */
const NOT_PORTABLE: ReadonlyArray<[RegExp, string]> = [
  [/\(\?[=!]/, 'lookahead (?= or (?! is not supported by RE2 or AWS'],
  [/\(\?<[=!]/, 'lookbehind (?<= or (?<! is not supported by RE2 or AWS'],
  [/\(\?P?</, 'named groups differ between engines; use a plain group'],
  [/\(\?>/, 'atomic groups (?>...) are not supported by RE2 or AWS'],
  [/\(\?[a-zA-Z]/, 'inline flags such as (?i) are not supported by JavaScript'],
  [/[*+?}]\+/, 'possessive quantifiers are not supported'],
  [/\[\[:/, 'POSIX classes such as [[:alpha:]] are RE2 syntax that JavaScript reads differently; write [a-zA-Z]'],
];

/** Escapes some engine lacks, found in the pattern's escape sequences. */
const NOT_PORTABLE_ESCAPES: ReadonlyArray<[RegExp, string]> = [
  [/^\\[1-9]/, 'backreferences (\\1) are not supported by RE2 or AWS'],
  [/^\\k/, 'named backreferences are not supported by RE2 or AWS'],
  [/^\\[pP]/, 'Unicode classes (\\p{...}) are not supported by AWS'],
];

/** The pattern with every escape sequence (a backslash and the character after it) masked out. */
function maskEscapes(pattern: string): string {
  return pattern.replace(/\\[\s\S]/g, '\0\0');
}

/** RE2's implementation limit on counted repetition (https://github.com/google/re2/wiki/Syntax). */
export const RE2_MAX_REPEAT = 1000;

/** Why RE2 refuses the pattern (re2js's parser, RE2's syntax and limits), or undefined when it compiles. */
export function re2Problem(pattern: string): string | undefined {
  try {
    RE2JS.compile(pattern);
    return undefined;
  } catch (e) {
    const message = (e as Error).message.replace(/^error parsing regexp: /, '');
    const why = /repeat count/.test(message) ? `${message} (RE2 allows at most ${RE2_MAX_REPEAT} repetitions, nested counts multiplied)` : message;
    return `not a valid regular expression in RE2 syntax: ${why}`;
  }
}

/** Returns why the pattern is not portable or not valid, or undefined when it is fine. */
export function regexProblem(pattern: string): string | undefined {
  for (const escape of pattern.match(/\\[\s\S]/g) ?? []) {
    for (const [re, why] of NOT_PORTABLE_ESCAPES) if (re.test(escape)) return why;
  }
  const masked = maskEscapes(pattern);
  for (const [re, why] of NOT_PORTABLE) if (re.test(masked)) return why;
  const re2 = re2Problem(pattern);
  if (re2) return re2;
  // What RE2 parses but JavaScript does not (\z, \Q...\E, \x{41}, a lone '{' or ']') is engine-specific syntax.
  try {
    new RegExp(pattern, 'u');
  } catch (e) {
    return `not a valid regular expression in JavaScript syntax: ${(e as Error).message.replace(/^Invalid regular expression: /, '')}`;
  }
  return undefined;
}

/** A compiled spec regex with lbkit's semantics: it must match the whole input. Linear time (RE2). */
export interface WholeMatch {
  readonly test: (input: string) => boolean;
}

/** Compiles a spec regex (already validated by regexProblem) for whole-input matching with RE2. */
export function compileWholeMatch(pattern: string): WholeMatch {
  const re = RE2JS.compile(pattern);
  return { test: (input) => re.matches(input) };
}
