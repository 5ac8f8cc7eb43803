/**
 * The CEL rules of a CRD (x-kubernetes-validations), evaluated as an API server does on a create
 * (https://kubernetes.io/docs/tasks/extend-kubernetes/custom-resources/custom-resource-definitions/#validation-rules):
 * `self` is the value at the rule's node; rules that read `oldSelf` are transition rules, which apply to updates
 * only, and are not evaluated. Property names that are CEL keywords are escaped ('namespace' -> '__namespace__'),
 * integers are CEL ints. The Kubernetes CEL libraries the CRDs use beyond standard CEL and the string extensions
 * are registered here: isIP (https://kubernetes.io/docs/reference/using-api/cel/#kubernetes-ip-address-library).
 */
import { isIP } from 'node:net';
import { Environment } from '@marcbachmann/cel-js';
import type { StructuralSchema } from './crds';

/** CEL reserved words a property name is escaped from (Kubernetes 'Escaping'). */
const RESERVED = new Set([
  'true',
  'false',
  'null',
  'in',
  'as',
  'break',
  'const',
  'continue',
  'else',
  'for',
  'function',
  'if',
  'import',
  'let',
  'loop',
  'package',
  'namespace',
  'return',
  'var',
  'void',
  'while',
]);

export function escapeProperty(name: string): string {
  if (RESERVED.has(name)) return `__${name}__`;
  return name.replace(/__/g, '__underscores__').replace(/\./g, '__dot__').replace(/-/g, '__dash__').replace(/\//g, '__slash__');
}

const env = new Environment({ unlistedVariablesAreDyn: true, homogeneousAggregateLiterals: false, enableOptionalTypes: true })
  .registerFunction('isIP(string): bool', (s: string) => isIP(s) !== 0)
  .registerFunction('lbkitHas(dyn, string): bool', (obj: unknown, field: string) =>
    obj instanceof Map ? obj.has(field) : obj !== null && typeof obj === 'object' && field in obj,
  );

/**
 * cel-js 8 accepts has() only on a field chain down to a variable ('has(self.a.b)'); CEL allows any operand
 * ('has(self.matches[0].path)', which the Gateway API CRDs use). Such calls become lbkitHas(operand, 'field'),
 * which tests the field's presence the same way.
 */
export function rewriteHas(rule: string): string {
  let out = '';
  let i = 0;
  while (i < rule.length) {
    const at = rule.indexOf('has(', i);
    if (at < 0 || (at > 0 && /[\w.]/.test(rule[at - 1]))) {
      if (at < 0) return out + rule.slice(i);
      out += rule.slice(i, at + 4);
      i = at + 4;
      continue;
    }
    let depth = 1;
    let j = at + 4;
    while (j < rule.length && depth > 0) {
      if (rule[j] === '(') depth++;
      else if (rule[j] === ')') depth--;
      j++;
    }
    const arg = rewriteHas(rule.slice(at + 4, j - 1));
    const m = /^(.*)\.(\w+)$/s.exec(arg.trim());
    out += rule.slice(i, at) + (m && m[1].includes('[') ? `lbkitHas(${m[1]}, '${m[2]}')` : `has(${arg})`);
    i = j;
  }
  return out;
}

/**
 * RE2's leading case-insensitive flag '(?i)' (the GRPCRoute CRD's service rule: r"""^(?i)\.?[a-z_]..."""), which
 * JavaScript regular expressions do not take inline: the pattern is rewritten to match both cases of every letter
 * ('a' -> '[aA]', a class 'a-z' -> 'a-zA-Z'), the same language. Escaped characters ('\d', '\.') are kept.
 */
export function foldCaseFlags(rule: string): string {
  return rule.replace(/r"""(.*?)"""/gs, (whole, body: string) => {
    const at = body.indexOf('(?i)');
    if (at < 0 || body.slice(0, at).replace('^', '') !== '') return whole;
    return `r"""${body.slice(0, at)}${caseFold(body.slice(at + 4))}"""`;
  });
}

function caseFold(pattern: string): string {
  let out = '';
  let inClass = false;
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i];
    if (c === '\\') {
      out += c + (pattern[i + 1] ?? '');
      i++;
    } else if (c === '[' && !inClass) {
      inClass = true;
      out += c;
    } else if (c === ']' && inClass) {
      inClass = false;
      out += c;
    } else if (/[a-zA-Z]/.test(c)) {
      const other = c === c.toLowerCase() ? c.toUpperCase() : c.toLowerCase();
      if (inClass && pattern[i + 1] === '-' && /[a-zA-Z]/.test(pattern[i + 2] ?? '')) {
        const to = pattern[i + 2];
        out += `${c}-${to}${other}-${to === to.toLowerCase() ? to.toUpperCase() : to.toLowerCase()}`;
        i += 2;
      } else out += inClass ? c + other : `[${c}${other}]`;
    } else out += c;
  }
  return out;
}

type Program = ReturnType<typeof env.parse>;
const programs = new Map<string, Program | Error>();

function program(rule: string): Program | Error {
  let p = programs.get(rule);
  if (!p) {
    try {
      p = env.parse(rewriteHas(foldCaseFlags(rule)));
    } catch (e) {
      p = e as Error;
    }
    programs.set(rule, p);
  }
  return p;
}

/** A JSON value as CEL sees it under its schema. */
export function toCel(value: unknown, schema: StructuralSchema | undefined): unknown {
  if (typeof value === 'number') return Number.isInteger(value) && schema?.type !== 'number' ? BigInt(value) : value;
  if (Array.isArray(value)) return value.map((v) => toCel(v, schema?.items));
  if (value && typeof value === 'object') {
    const props = schema?.properties;
    return Object.fromEntries(
      Object.entries(value).map(([k, v]) => {
        const sub = props?.[k] ?? (typeof schema?.additionalProperties === 'object' ? schema.additionalProperties : undefined);
        return [props?.[k] ? escapeProperty(k) : k, toCel(v, sub)];
      }),
    );
  }
  return value;
}

export interface CelFinding {
  readonly path: string;
  readonly message: string;
}

export interface CelStats {
  evaluated: number;
  /** Transition rules (oldSelf), which apply to updates only. */
  transitionRules: number;
  /** Rules this evaluator cannot parse or run, with the reason: reported, never counted as passed. */
  unevaluated: string[];
}

export function newCelStats(): CelStats {
  return { evaluated: 0, transitionRules: 0, unevaluated: [] };
}

function join(path: string, part: string | number): string {
  return typeof part === 'number' ? `${path}[${part}]` : path ? `${path}.${part}` : part;
}

/** Every rule on the way down the value, with the schema alongside. */
export function checkCel(value: unknown, schema: StructuralSchema | undefined, path: string, stats: CelStats): CelFinding[] {
  if (!schema || value === undefined || value === null) return [];
  const findings: CelFinding[] = [];
  for (const rule of schema['x-kubernetes-validations'] ?? []) {
    if (/\boldSelf\b/.test(rule.rule)) {
      stats.transitionRules++;
      continue;
    }
    const p = program(rule.rule);
    if (p instanceof Error) {
      stats.unevaluated.push(`${rule.rule.slice(0, 80)}: ${p.message.split('\n')[0]}`);
      continue;
    }
    stats.evaluated++;
    let ok: unknown;
    try {
      ok = p({ self: toCel(value, schema) });
    } catch (e) {
      // An evaluation error (no such key, type mismatch) fails the rule on an API server too.
      ok = `error: ${(e as Error).message.split('\n')[0]}`;
    }
    if (ok !== true)
      findings.push({
        path: rule.fieldPath ? `${path}${rule.fieldPath}` : path,
        message: `${rule.message ?? `failed rule: ${rule.rule}`}${typeof ok === 'string' ? ` (${ok})` : ''}`,
      });
  }
  if (Array.isArray(value)) value.forEach((v, i) => findings.push(...checkCel(v, schema.items, join(path, i), stats)));
  else if (typeof value === 'object') {
    for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
      const sub = schema.properties?.[k] ?? (typeof schema.additionalProperties === 'object' ? schema.additionalProperties : undefined);
      findings.push(...checkCel(v, sub, join(path, k), stats));
    }
  }
  return findings;
}
