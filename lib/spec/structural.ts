/** Turns zod's structural issues into SpecIssues with a path, a plain message and a fix. */
import type { z } from 'zod';
import { formatPath, shorten } from './errors';
import { type SpecIssue } from '../errors';
import { Suggester } from './suggest';
import { sessionPersistenceSchema } from './schema';

/** Accepted values of each discriminated union's tag, by the field that holds the union. */
const DISCRIMINATED: Readonly<Record<string, readonly string[]>> = {
  sessionPersistence: sessionPersistenceSchema.options.map((o) => o.shape.type.value),
};

type ZodIssue = z.core.$ZodIssue;

export function structuralIssues(issues: readonly ZodIssue[], knownFields: ReadonlySet<string>, input: unknown): SpecIssue[] {
  const out: SpecIssue[] = [];
  for (const issue of issues) out.push(...describe(issue, knownFields, input));
  return out;
}

function valueAt(root: unknown, path: readonly PropertyKey[]): unknown {
  let v: unknown = root;
  for (const p of path) {
    if (v === null || typeof v !== 'object') return undefined;
    v = (v as Record<PropertyKey, unknown>)[p];
  }
  return v;
}

function kindOf(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'a list';
  if (typeof v === 'object') return 'an object';
  if (typeof v === 'string') return `the string "${shorten(v).replace(/"/g, '\\"')}"`;
  return `${typeof v} ${String(v)}`;
}

let fieldSuggester: { fields: ReadonlySet<string>; suggester: Suggester } | undefined;

function suggestField(key: string, knownFields: ReadonlySet<string>): string | undefined {
  if (fieldSuggester?.fields !== knownFields) fieldSuggester = { fields: knownFields, suggester: new Suggester(knownFields) };
  return fieldSuggester.suggester.closest(key);
}

function describe(issue: ZodIssue, knownFields: ReadonlySet<string>, input: unknown): SpecIssue[] {
  const path = formatPath(issue.path);
  const value = valueAt(input, issue.path);
  switch (issue.code) {
    case 'unrecognized_keys':
      return issue.keys.map((key) => {
        const suggestion = suggestField(key, knownFields);
        return {
          path: formatPath([...issue.path, key]),
          message: `unknown field '${shorten(key)}'`,
          fix: suggestion ? `did you mean '${suggestion}'?` : 'remove it (see `lbkit schema` for the fields this object takes)',
        };
      });
    case 'invalid_type': {
      if (value === undefined) {
        const field = issue.path[issue.path.length - 1];
        return [{ path, message: `missing required field '${String(field)}'`, fix: `add '${String(field)}' (${issue.expected})` }];
      }
      const expected = issue.expected === 'int' ? 'a whole number' : issue.expected === 'array' ? 'a list' : issue.expected;
      return [{ path, message: `expected ${expected}, got ${kindOf(value)}`, fix: `write ${expected} here` }];
    }
    case 'invalid_value':
      return [
        {
          path,
          message: `${kindOf(value)} is not allowed`,
          fix: `use one of: ${issue.values.map((v) => JSON.stringify(v)).join(', ')}`,
        },
      ];
    case 'too_small':
    case 'too_big': {
      const small = issue.code === 'too_small';
      const bound = small ? (issue as { minimum: number | bigint }).minimum : (issue as { maximum: number | bigint }).maximum;
      const origin = (issue as { origin?: string }).origin;
      const what = origin === 'array' ? `${bound} entr${Number(bound) === 1 ? 'y' : 'ies'}` : origin === 'string' ? `${bound} characters` : String(bound);
      return [
        {
          path,
          message: `${small ? 'needs at least' : 'allows at most'} ${what}${origin === 'number' ? `, got ${String(value)}` : ''}`,
          fix: origin === 'array' ? (small ? 'add entries or remove the field' : 'remove entries') : `use a value ${small ? '>=' : '<='} ${bound}`,
        },
      ];
    }
    case 'invalid_format': {
      const rule = issue.message && !issue.message.startsWith('Invalid') ? issue.message : `has the wrong form (${issue.format})`;
      const last = issue.path[issue.path.length - 1];
      const fix =
        typeof value === 'string' && (last === 'name' || String(last).endsWith('pool'))
          ? `use a name such as '${slug(value)}'`
          : 'see `lbkit schema` for the expected form';
      return [{ path, message: `${kindOf(value)} does not fit: ${rule}`, fix }];
    }
    case 'invalid_union': {
      const union = issue as z.core.$ZodIssueInvalidUnion & { note?: string; discriminator?: string };
      if (union.discriminator) {
        const at = issue.path[issue.path.length - 1] === union.discriminator ? issue.path : [...issue.path, union.discriminator];
        return [
          {
            path: formatPath(at),
            message: `unknown ${union.discriminator} ${quoted(valueAt(input, at))}`,
            fix: `use one of: ${(DISCRIMINATED[String(at[at.length - 2])] ?? unionOptions(union)).join(', ')}`,
          },
        ];
      }
      // The branch that got furthest (its issues are not about the value's own type) explains best.
      const branches = union.errors.filter(
        (b) => !b.some((i) => i.code === 'invalid_type' && i.path.length === 0) && !b.some((i) => i.code === 'invalid_value' && i.path.length === 0),
      );
      if (branches.length > 0) {
        const best = branches.reduce((a, b) => (b.length < a.length ? b : a));
        return best.flatMap((i) => describe({ ...i, path: [...issue.path, ...i.path] } as ZodIssue, knownFields, input));
      }
      return [{ path, message: `${kindOf(value)} is not one of the accepted forms`, fix: 'see `lbkit schema` for the forms this field takes' }];
    }
    default:
      return [{ path, message: issue.message, fix: fixFor(issue.message) }];
  }
}

/** A value as a message quotes it: JSON, shortened. */
function quoted(v: unknown): string {
  return typeof v === 'string' ? `"${shorten(v)}"` : shorten(String(JSON.stringify(v)));
}

/** A valid name close to what was written: lower-case, other characters turned into '-'. */
function slug(text: string): string {
  const s = text
    .toLowerCase()
    .replace(/[^a-z0-9-]+/g, '-')
    .replace(/^[^a-z]+/, '')
    .replace(/-+$/, '')
    .slice(0, 32);
  return s || 'name';
}

/** The literal values a discriminated union accepts (from its branches' issues). */
function unionOptions(union: z.core.$ZodIssueInvalidUnion): string[] {
  const values = union.errors.flat().flatMap((i) => (i.code === 'invalid_value' ? i.values.map(String) : []));
  return values.length ? [...new Set(values)] : ['see `lbkit schema`'];
}

function fixFor(message: string): string | undefined {
  if (message.startsWith('needs exactly one of')) return `keep exactly one of ${message.slice('needs exactly one of: '.length)}`;
  if (message.startsWith('must be')) return `write a value that ${message}`.replace('that must be', 'that is');
  return undefined;
}
