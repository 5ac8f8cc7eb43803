/**
 * The regular expressions a scope's rules carry, with their spec paths: each target's column holds them against
 * its own dialect and limits (providers/aws, gcp and local capabilities.ts; Azure Application Gateway has no regex conditions).
 */
import type { ModelScope } from './features';
import { re2Problem } from '../util/regex';
import type { RangeViolation } from './support';

export interface ScopeRegex {
  /** The spec path of the regex value, e.g. 'frontends[0].rules[1].match.paths[0].regex'. */
  readonly path: string;
  readonly pattern: string;
}

/** Every path and header regex of the scope's rules, once per spec path (most-specific fragments share one). */
export function scopeRegexes(scope: ModelScope): ScopeRegex[] {
  const found = new Map<string, string>();
  for (const f of scope.frontends) {
    for (const r of f.rules) {
      r.match.paths.forEach((p, i) => {
        if (p.kind === 'regex') found.set(`${r.path}.match.paths[${i}].regex`, p.value);
      });
      r.match.headers.forEach((h, i) => {
        if (h.kind === 'regex') found.set(`${r.path}.match.headers[${i}].regex`, h.value);
      });
    }
  }
  return [...found].map(([path, pattern]) => ({ path, pattern }));
}

/**
 * Regexes an RE2 engine refuses: RE2's syntax (https://github.com/google/re2/wiki/Syntax) and its implementation
 * limit of 1000 on counted repetition ('a{1001}', and nested counts whose product exceeds it), as re2js enforces them.
 */
export function re2Ranges(scope: ModelScope, engine: string): RangeViolation[] {
  return scopeRegexes(scope).flatMap(({ path, pattern }) => {
    const problem = re2Problem(pattern);
    return problem ? [{ path, accepted: `regexes in RE2 syntax, counted repetition at most 1000 (${engine})`, message: `regex '${pattern}': ${problem}` }] : [];
  });
}
