/** The JSON Schema of the spec, generated from the same zod schema that validates at run time. */
import { z } from 'zod';
import { loadBalancerSpecSchema } from './schema';

export const SCHEMA_ID = 'https://lbkit.dev/schema/lbkit.schema.json';

let cached: Record<string, unknown> | undefined;

/** JSON Schema (draft 2020-12) of what a spec file may contain. */
export function specJsonSchema(): Record<string, unknown> {
  cached ??= {
    ...z.toJSONSchema(loadBalancerSpecSchema, { io: 'input', target: 'draft-2020-12', unrepresentable: 'throw' }),
    $id: SCHEMA_ID,
    title: 'lbkit LoadBalancer spec',
  };
  return cached;
}

let fields: Set<string> | undefined;

/** Every field name the spec uses anywhere, for "did you mean" hints on unknown fields. */
export function knownFieldNames(): ReadonlySet<string> {
  if (!fields) {
    const found = new Set<string>();
    const walk = (node: unknown): void => {
      if (Array.isArray(node)) node.forEach(walk);
      else if (node && typeof node === 'object') {
        const props = (node as { properties?: Record<string, unknown> }).properties;
        if (props && typeof props === 'object') for (const k of Object.keys(props)) found.add(k);
        Object.values(node).forEach(walk);
      }
    };
    walk(specJsonSchema());
    fields = found;
  }
  return fields;
}
