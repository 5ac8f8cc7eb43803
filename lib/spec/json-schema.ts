/** The JSON Schema of the spec, generated from the same zod schema that validates at run time. */
import { z } from 'zod';
import { loadBalancerSpecSchema } from './schema';

export const SCHEMA_ID = 'https://lbkit.dev/schema/lbkit.schema.json';

/** JSON Schema (draft 2020-12) of a zod schema's input, with its id and title. */
export function jsonSchemaOf(schema: z.ZodType, id: string, title: string): Record<string, unknown> {
  return { ...z.toJSONSchema(schema, { io: 'input', target: 'draft-2020-12', unrepresentable: 'throw' }), $id: id, title };
}

/** Every property name anywhere in a JSON Schema, for "did you mean" hints on unknown fields. */
export function propertyNamesOf(schema: unknown): Set<string> {
  const found = new Set<string>();
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) node.forEach(walk);
    else if (node && typeof node === 'object') {
      const props = (node as { properties?: Record<string, unknown> }).properties;
      if (props && typeof props === 'object') for (const k of Object.keys(props)) found.add(k);
      Object.values(node).forEach(walk);
    }
  };
  walk(schema);
  return found;
}

let cached: Record<string, unknown> | undefined;

/** JSON Schema (draft 2020-12) of what a spec file may contain. */
export function specJsonSchema(): Record<string, unknown> {
  cached ??= jsonSchemaOf(loadBalancerSpecSchema, SCHEMA_ID, 'lbkit LoadBalancer spec');
  return cached;
}

let fields: Set<string> | undefined;

/** Every field name the spec uses anywhere, for "did you mean" hints on unknown fields. */
export function knownFieldNames(): ReadonlySet<string> {
  fields ??= propertyNamesOf(specJsonSchema());
  return fields;
}
