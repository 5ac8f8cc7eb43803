/**
 * A CRD's structural schema as a JSON Schema for ajv (a well-kept validator), with the API server's field
 * validation added: unknown fields are findings (kubectl --validate=strict), int-or-string accepts both.
 * The x-kubernetes-* keywords that ajv does not know are dropped here; cel.ts and lists.ts check what they mean.
 */
import Ajv, { type ErrorObject, type ValidateFunction } from 'ajv';
import type { StructuralSchema } from './crds';

type Json = Record<string, unknown>;

function toJsonSchema(s: StructuralSchema): Json {
  const out: Json = {};
  for (const [k, v] of Object.entries(s)) {
    if (k.startsWith('x-kubernetes-') || k === 'format' || k === 'description' || k === 'default') continue;
    if (k === 'properties') out.properties = Object.fromEntries(Object.entries(v as Record<string, StructuralSchema>).map(([n, p]) => [n, toJsonSchema(p)]));
    else if (k === 'items') out.items = toJsonSchema(v as StructuralSchema);
    else if (k === 'additionalProperties') out.additionalProperties = typeof v === 'boolean' ? v : toJsonSchema(v as StructuralSchema);
    else out[k] = v;
  }
  if (s['x-kubernetes-int-or-string']) {
    delete out.type;
    out.anyOf = [{ type: 'integer' }, { type: 'string' }];
  }
  if (s['x-kubernetes-embedded-resource']) out.required = [...new Set([...(s.required ?? []), 'apiVersion', 'kind'])];
  if (s.properties && s.additionalProperties === undefined && !s['x-kubernetes-preserve-unknown-fields']) out.additionalProperties = false;
  if (s.nullable && typeof out.type === 'string') out.type = [out.type, 'null'];
  delete out.nullable;
  return out;
}

const ajv = new Ajv({ allErrors: true, strict: false, validateFormats: false });
const compiled = new WeakMap<StructuralSchema, ValidateFunction>();

export function schemaValidator(schema: StructuralSchema): ValidateFunction {
  let v = compiled.get(schema);
  if (!v) {
    v = ajv.compile(toJsonSchema(schema));
    compiled.set(schema, v);
  }
  return v;
}

/** '/spec/rules/0/matches' -> 'spec.rules[0].matches'. */
export function fieldPath(instancePath: string): string {
  return instancePath
    .split('/')
    .filter(Boolean)
    .map((p) => p.replace(/~1/g, '/').replace(/~0/g, '~'))
    .reduce((acc, p) => (/^\d+$/.test(p) ? `${acc}[${p}]` : acc ? `${acc}.${p}` : p), '');
}

export function describeSchemaError(e: ErrorObject): { path: string; message: string } {
  const path = fieldPath(e.instancePath);
  if (e.keyword === 'additionalProperties')
    return { path: path ? `${path}.${String(e.params.additionalProperty)}` : String(e.params.additionalProperty), message: 'unknown field' };
  if (e.keyword === 'enum') return { path, message: `must be one of ${(e.params.allowedValues as unknown[]).join(', ')}` };
  return { path, message: e.message ?? e.keyword };
}
