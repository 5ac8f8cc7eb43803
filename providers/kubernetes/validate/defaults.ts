/**
 * Structural defaulting as an API server applies it before validation
 * (https://kubernetes.io/docs/tasks/extend-kubernetes/custom-resources/custom-resource-definitions/#defaulting):
 * a missing property with a `default` gets it, then defaulting continues inside, for objects, array items and
 * map values. The CEL rules of the Gateway API rely on it (a backendRef's kind defaults to Service).
 */
import type { StructuralSchema } from './crds';

const clone = <T>(v: T): T => (v === undefined ? v : (JSON.parse(JSON.stringify(v)) as T));

export function applyDefaults(value: unknown, schema: StructuralSchema | undefined): unknown {
  if (!schema || value === null || value === undefined) return value;
  if (Array.isArray(value)) return schema.items ? value.map((v) => applyDefaults(v, schema.items)) : value;
  if (typeof value !== 'object') return value;
  const out: Record<string, unknown> = { ...(value as Record<string, unknown>) };
  for (const [name, prop] of Object.entries(schema.properties ?? {})) {
    if (out[name] === undefined && prop.default !== undefined) out[name] = clone(prop.default);
    if (out[name] !== undefined) out[name] = applyDefaults(out[name], prop);
  }
  if (schema.additionalProperties && typeof schema.additionalProperties === 'object') {
    const extra = schema.additionalProperties;
    for (const name of Object.keys(out)) if (!schema.properties?.[name]) out[name] = applyDefaults(out[name], extra);
  }
  return out;
}
