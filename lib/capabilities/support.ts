/** One cell of the capability table, and the value ranges a target accepts. */
import type { ModelScope } from './features';

export type Support =
  | { readonly level: 'native'; readonly mapping?: string }
  /** The target approximates the feature; `mapping` says how, and where the behaviour differs. */
  | { readonly level: 'nearest'; readonly mapping: string }
  /** The target cannot express it; `nearest` names the closest thing a user could do instead. */
  | { readonly level: 'unsupported'; readonly nearest: string };

export const native = (mapping?: string): Support => (mapping ? { level: 'native', mapping } : { level: 'native' });
export const nearest = (mapping: string): Support => ({ level: 'nearest', mapping });
export const unsupported = (nearestOption: string): Support => ({ level: 'unsupported', nearest: nearestOption });

/** A value outside what the target accepts: always an error (there is nothing to approximate). */
export interface RangeViolation {
  readonly path: string;
  /** The field's rule, e.g. 'intervalSeconds 5-300'. */
  readonly accepted: string;
  readonly message: string;
}

/** A target's column of the table: one cell per feature, plus its value ranges. */
export interface TargetColumn {
  readonly support: Readonly<Record<string, Support>>;
  /** Human-readable accepted ranges, for `lbkit plan`. */
  readonly ranges: Readonly<Record<string, string>>;
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
  return { path, accepted: `${field} one of ${allowed.join(', ')}${unit}`, message: `${field} ${String(value)}${unit} is not one of ${allowed.join(', ')}${unit}` };
}

export function compact<T>(items: Array<T | undefined>): T[] {
  return items.filter((i): i is T => i !== undefined);
}
