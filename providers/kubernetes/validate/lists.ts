/**
 * List semantics an API server enforces from x-kubernetes-list-type: 'set' items are unique, 'map' items are unique
 * by their x-kubernetes-list-map-keys (https://kubernetes.io/docs/reference/using-api/server-side-apply/#merge-strategy).
 */
import type { StructuralSchema } from './crds';

export interface ListFinding {
  readonly path: string;
  readonly message: string;
}

export function checkLists(value: unknown, schema: StructuralSchema | undefined, path: string): ListFinding[] {
  if (!schema || value === null || value === undefined || typeof value !== 'object') return [];
  const out: ListFinding[] = [];
  if (Array.isArray(value)) {
    const type = schema['x-kubernetes-list-type'];
    const keys = schema['x-kubernetes-list-map-keys'] ?? [];
    if (type === 'set' || type === 'map') {
      const seen = new Map<string, number>();
      value.forEach((item, i) => {
        const k = JSON.stringify(type === 'map' ? keys.map((key) => (item as Record<string, unknown>)?.[key] ?? null) : item);
        if (seen.has(k))
          out.push({
            path: `${path}[${i}]`,
            message: `duplicate of ${path}[${seen.get(k)}] (list-type ${type}${type === 'map' ? ` keyed by ${keys.join(', ')}` : ''})`,
          });
        else seen.set(k, i);
      });
    }
    value.forEach((v, i) => out.push(...checkLists(v, schema.items, `${path}[${i}]`)));
    return out;
  }
  for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
    const sub = schema.properties?.[k] ?? (typeof schema.additionalProperties === 'object' ? schema.additionalProperties : undefined);
    out.push(...checkLists(v, sub, path ? `${path}.${k}` : k));
  }
  return out;
}
