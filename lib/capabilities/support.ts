/** One cell of the capability table, and the value ranges a target accepts. */
import type { ModelScope } from './features';

/**
 * What a cell or a range rests on: the cloud's documentation page (URL, with the section when the page is long)
 * or the SDK type and field it reads (`@pulumi/aws 7.48 lb.TargetGroupArgs.slowStart`), and the day it was
 * last checked against it.
 */
export interface Source {
  readonly ref: string;
  /** YYYY-MM-DD. */
  readonly checked: string;
}

/** A source checked on `checked` (YYYY-MM-DD). */
export const cite = (ref: string, checked: string): Source => ({ ref, checked });

export type Support = (
  | { readonly level: 'native'; readonly mapping?: string }
  /** The target approximates the feature; `mapping` says how, and where the behaviour differs. */
  | { readonly level: 'nearest'; readonly mapping: string }
  /** The target cannot express it; `nearest` names the closest thing a user could do instead. */
  | { readonly level: 'unsupported'; readonly nearest: string }
) & {
  /** Where the grading comes from. */
  readonly source?: Source;
};

const sourced = <T extends object>(cell: T, source: Source | undefined): T => (source ? { ...cell, source } : cell);

export const native = (mapping?: string, source?: Source): Support =>
  sourced(mapping ? { level: 'native' as const, mapping } : { level: 'native' as const }, source);
export const nearest = (mapping: string, source?: Source): Support => sourced({ level: 'nearest' as const, mapping }, source);
export const unsupported = (nearestOption: string, source?: Source): Support => sourced({ level: 'unsupported' as const, nearest: nearestOption }, source);

/** A documented value range of a target, with its source. */
export interface RangeDoc {
  readonly accepted: string;
  readonly source?: Source;
}

/** A value outside what the target accepts: always an error (there is nothing to approximate). */
export interface RangeViolation {
  readonly path: string;
  /** The field's rule, e.g. 'intervalSeconds 5-300'. */
  readonly accepted: string;
  readonly message: string;
}

/** A target's column of the table: one cell per feature, plus its value ranges. */
export interface TargetColumn {
  /**
   * The family compiles a field the spec leaves out to this target's own default, so only what the spec writes
   * is judged (model.given). @default false: every field is judged, lbkit's defaults included
   */
  readonly nativeDefaults?: boolean;
  readonly support: Readonly<Record<string, Support>>;
  /** The accepted ranges by field, as `lbkit plan --explain` shows them: the rule alone, or with its source. */
  readonly ranges: Readonly<Record<string, string | RangeDoc>>;
  /** Values of the scope outside the accepted ranges. */
  readonly checkRanges: (scope: ModelScope) => RangeViolation[];
}

/** Helper for range checks: a violation when `value` is outside [min, max]. */
export function outside(path: string, field: string, value: number, min: number, max: number, unit = ''): RangeViolation | undefined {
  if (value >= min && value <= max) return undefined;
  return { path, accepted: `${field} ${min}-${max}${unit}`, message: `${field} ${value}${unit} is outside ${min}-${max}${unit}` };
}

/** Helper: a violation when `value` is not one of `allowed`. */
export function notOneOf<T>(path: string, field: string, value: T, allowed: readonly T[], unit = ''): RangeViolation | undefined {
  if (allowed.includes(value)) return undefined;
  return {
    path,
    accepted: `${field} one of ${allowed.join(', ')}${unit}`,
    message: `${field} ${String(value)}${unit} is not one of ${allowed.join(', ')}${unit}`,
  };
}

export function compact<T>(items: Array<T | undefined>): T[] {
  return items.filter((i): i is T => i !== undefined);
}
