/**
 * Writes the spec's TypeScript declarations (lib/spec/types.generated.ts) from its JSON Schema, with each field's
 * description, constraints and default as JSDoc: types derived with `z.input` carry no documentation, so editors
 * showed none on hover. The schema in schema.ts stays the one source; run `npm run spec-types` after changing it
 * (test/spec/spec-types.test.ts fails while the committed file is stale, and test/spec/spec-types-equal.ts makes
 * tsc fail while the declarations and `z.input` differ).
 *
 * Not part of the build (tsconfig.build.json excludes it): only the script and the tests use it.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import type { Options } from 'prettier';
import * as estree from 'prettier/plugins/estree';
import * as typescript from 'prettier/plugins/typescript';
import { format } from 'prettier/standalone';
import { z } from 'zod';
import { specJsonSchema } from './json-schema';
import * as spec from './schema';

/** A JSON Schema node as `z.toJSONSchema` writes it. */
type Node = { [keyword: string]: unknown };

/**
 * The sub-schemas that get a named declaration (every other object type is written inline), with the doc of the
 * declaration when the schema itself has no description.
 */
const NAMED: ReadonlyArray<{ schema: z.ZodType; name: string; doc?: string; overlay?: boolean }> = [
  {
    schema: spec.loadBalancerSpecSchema,
    name: 'LoadBalancerSpec',
    doc: 'A load balancer spec as written (YAML, JSON or a TypeScript object): optional fields may be left out.',
  },
  {
    schema: spec.frontendSchema,
    name: 'FrontendSpec',
    doc: 'A frontend: where clients connect (protocol and port), its TLS, and how its requests are routed.',
  },
  { schema: spec.tlsSchema, name: 'TlsSpec', doc: 'TLS of an https or tls frontend.' },
  { schema: spec.ruleSchema, name: 'RuleSpec', doc: 'A routing rule of an http or https frontend: when it matches, its action applies.' },
  { schema: spec.ruleMatchSchema, name: 'RuleMatchSpec' },
  { schema: spec.pathMatchSchema, name: 'PathMatchSpec' },
  { schema: spec.headerMatchSchema, name: 'HeaderMatchSpec' },
  { schema: spec.queryMatchSchema, name: 'QueryMatchSpec' },
  { schema: spec.actionSchema, name: 'ActionSpec' },
  { schema: spec.forwardActionSchema, name: 'ForwardActionSpec', doc: 'Send the request to one pool.' },
  { schema: spec.weightedForwardActionSchema, name: 'WeightedForwardActionSpec', doc: 'Split requests between pools by weight.' },
  { schema: spec.redirectActionSchema, name: 'RedirectActionSpec', doc: "Answer with a redirect; every part left out keeps the request's own." },
  { schema: spec.fixedResponseActionSchema, name: 'FixedResponseActionSpec', doc: 'Answer with a fixed status code and body.' },
  { schema: spec.poolSchema, name: 'PoolSpec', doc: 'A pool of members (bound per backend, not in the spec) that frontends and rules send traffic to.' },
  { schema: spec.healthCheckSchema, name: 'HealthCheckSpec', doc: "Active health probes of a pool's members." },
  { schema: spec.passiveHealthCheckSchema, name: 'PassiveHealthCheckSpec', doc: 'Outlier ejection: members failing live traffic are taken out for a while.' },
  {
    schema: spec.sessionPersistenceSchema,
    name: 'SessionPersistenceSpec',
    doc: 'Which member a client sticks to: a load balancer cookie, an application cookie or the source address.',
  },
  { schema: spec.rateLimitSchema, name: 'RateLimitSpec', doc: 'A request rate limit per client (or per header value), per window.' },
  { schema: spec.alarmSchema, name: 'AlarmSpec', doc: "An alarm on one of the load balancer's metrics: threshold, periods and where it is reported." },
  { schema: spec.protectionSchema, name: 'ProtectionSpec' },
  // Used twice each (request and response headers; set and add): one declaration instead of two inlined copies.
  { schema: spec.headerModifierSchema, name: 'HeaderModifierSpec' },
  { schema: spec.headerFieldSchema, name: 'HeaderFieldSpec', doc: 'One header field: its name and value.' },
  { schema: spec.overlaySchema, name: 'TargetOverlaySpec', overlay: true },
  { schema: spec.namedPartialSchema, name: 'NamedPartialSpec', doc: 'A partial entry of an overlay list, matched by name to the spec entry it changes.' },
];

const OVERLAYS = new Set(NAMED.filter((n) => n.overlay).map((n) => n.name));
const TAG = 'x-lbkit-type';
const TAG_DOC = 'x-lbkit-type-doc';
const OUTPUT = join(__dirname, 'types.generated.ts');

/**
 * The spec's JSON Schema with each named sub-schema's node tagged by its declaration name. It is checked to equal
 * `specJsonSchema()` once the tags are removed, so the declarations describe exactly the published schema.
 */
function taggedJsonSchema(): Node {
  const names = new Map<unknown, { name: string; doc?: string }>(NAMED.map((n) => [n.schema, n]));
  const tagged = z.toJSONSchema(spec.loadBalancerSpecSchema, {
    io: 'input',
    target: 'draft-2020-12',
    unrepresentable: 'throw',
    // Runs on each schema once its node is final, before wrappers (optional, meta) copy it, so a field using a
    // named schema carries the tag and the schema's own description under its field description.
    override: ({ zodSchema, jsonSchema }) => {
      const named = names.get(zodSchema);
      if (!named) return;
      const node = jsonSchema as Node;
      node[TAG] = named.name;
      node[TAG_DOC] = typeof node.description === 'string' ? node.description : (named.doc ?? '');
    },
  }) as Node;
  const published: Node = { ...specJsonSchema() };
  delete published.$id;
  delete published.title;
  if (!isDeepStrictEqual(untagged(tagged), published)) {
    throw new Error('the tagged JSON Schema differs from specJsonSchema(): the declarations would not describe the published schema');
  }
  return tagged;
}

function untagged(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(untagged);
  if (!value || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.entries(value)
      .filter(([k]) => k !== TAG && k !== TAG_DOC)
      .map(([k, v]) => [k, untagged(v)]),
  );
}

/**
 * The file's text: the declarations formatted with the repository's prettier settings, so formatting the sources
 * (`prettier --write .`) leaves the generated file as the generator writes it.
 */
export async function specTypeDeclarations(): Promise<string> {
  // prettier's standalone build: its main entry loads itself with a dynamic import, which jest does not run.
  const settings = JSON.parse(readFileSync(join(__dirname, '../../.prettierrc.json'), 'utf8')) as Options;
  return format(unformattedDeclarations(), { ...settings, parser: 'typescript', plugins: [estree, typescript] });
}

/** The declarations, ordered by first use from LoadBalancerSpec down. */
function unformattedDeclarations(): string {
  const root = taggedJsonSchema();
  const bodies = new Map<string, Node>();
  const queue: string[] = [];
  const render = new Renderer((name, node, path) => {
    const seen = bodies.get(name);
    if (!seen) {
      bodies.set(name, node);
      queue.push(name);
    } else if (!isDeepStrictEqual(shapeOf(seen), shapeOf(node))) {
      throw new Error(`${path}: ${name} appears with two different shapes; a named schema must be used unchanged`);
    }
  });
  const rootName = root[TAG] as string;
  bodies.set(rootName, root);
  queue.push(rootName);
  const out = [
    '// Generated by `npm run spec-types` (lib/spec/types-generator.ts) from the JSON Schema of lib/spec/schema.ts.',
    '// Do not edit: change the schema, then regenerate. test/spec/spec-types.test.ts fails while this file is stale.',
    '',
  ];
  for (let i = 0; i < queue.length; i++) {
    const name = queue[i];
    const node = bodies.get(name)!;
    const text = String(node[TAG_DOC] ?? '');
    const doc = [text, constraints(node, text)].filter(Boolean);
    // The overlay's fields are the spec's own: their docs are the spec's, which the overlay schema does not repeat.
    const borrowed = OVERLAYS.has(name) ? (root.properties as Record<string, Node>) : undefined;
    out.push(...jsdoc(splitDefault(doc.join(' ')), ''), `export type ${name} = ${render.type(node, name, '', true, borrowed)};`, '');
  }
  return out.join('\n');
}

/** A node without what a use site may change (its field description). */
function shapeOf(node: Node): unknown {
  const rest: Node = { ...node };
  delete rest.description;
  return untagged(rest);
}

/** Turns JSON Schema nodes into TypeScript type expressions; `onNamed` collects the named declarations it refers to. */
class Renderer {
  constructor(private readonly onNamed: (name: string, node: Node, path: string) => void) {}

  type(node: Node, path: string, indent: string, declaring = false, borrowed?: Record<string, Node>): string {
    const named = node[TAG];
    if (typeof named === 'string' && !declaring) {
      this.onNamed(named, node, path);
      return named;
    }
    if ('const' in node) return literal(node.const, path);
    if (Array.isArray(node.enum)) return node.enum.map((v) => literal(v, path)).join(' | ');
    const union = node.anyOf ?? node.oneOf;
    if (Array.isArray(union)) return union.map((member, i) => this.type(member as Node, `${path}|${i}`, indent)).join(' | ');
    // A string with two patterns has them under allOf beside its type: constraints, not an intersection.
    if (Array.isArray(node.allOf) && node.type === undefined)
      return node.allOf.map((member, i) => `(${this.type(member as Node, `${path}&${i}`, indent)})`).join(' & ');
    if (Array.isArray(node.type)) return node.type.map((t) => this.type({ ...node, type: t }, path, indent)).join(' | ');
    switch (node.type) {
      case 'string':
        return 'string';
      case 'number':
      case 'integer':
        return 'number';
      case 'boolean':
        return 'boolean';
      case 'null':
        return 'null';
      case 'array': {
        const items = node.items as Node;
        const item = this.type(items, `${path}[]`, indent);
        return isUnion(items) ? `(${item})[]` : `${item}[]`;
      }
      case 'object':
        return this.object(node, path, indent, borrowed);
      case undefined:
        if (Object.keys(untagged(node) as Node).filter((k) => k !== 'description').length === 0) return 'unknown';
    }
    throw new Error(`${path}: no TypeScript type for the JSON Schema node ${JSON.stringify(node).slice(0, 200)}; extend lib/spec/types-generator.ts`);
  }

  private object(node: Node, path: string, indent: string, borrowed?: Record<string, Node>): string {
    const inner = `${indent}  `;
    const required = new Set((node.required as string[] | undefined) ?? []);
    const lines: string[] = [];
    for (const [key, child] of Object.entries((node.properties as Record<string, Node> | undefined) ?? {})) {
      const original = borrowed?.[key];
      lines.push(...jsdoc(original && child.description === undefined ? overlayFieldDoc(key, original) : fieldDoc(child), inner));
      const optional = !required.has(key);
      const type = this.type(child, `${path}.${key}`, inner);
      lines.push(`${inner}${propertyName(key)}${optional ? '?' : ''}: ${type}${optional ? ' | undefined' : ''};`);
    }
    const additional = node.additionalProperties;
    if (additional !== undefined && additional !== false) {
      const keys = node.propertyNames as Node | undefined;
      const keyDoc = keys ? constraints(keys) : '';
      if (keyDoc) lines.push(...jsdoc([`Keys: ${decapitalize(keyDoc)}`], inner));
      lines.push(`${inner}[key: string]: ${additional === true ? 'unknown' : this.type(additional as Node, `${path}.*`, inner)};`);
    }
    if (lines.length === 0) return 'Record<string, never>';
    return `{\n${lines.join('\n')}\n${indent}}`;
  }
}

function isUnion(node: Node): boolean {
  if (typeof node[TAG] === 'string') return false;
  return Array.isArray(node.anyOf) || Array.isArray(node.oneOf) || Array.isArray(node.type) || (Array.isArray(node.enum) && node.enum.length > 1);
}

/** The doc of a field: its description (or, for a named type, the type's), its constraints, then `@default`. */
function fieldDoc(node: Node): string[] {
  const own = parseDefault(typeof node.description === 'string' ? node.description : '');
  const named = typeof node[TAG] === 'string';
  const ofType = named ? parseDefault(String(node[TAG_DOC] ?? '')) : { description: '' };
  const description = own.description || ofType.description;
  const byDefault = own.byDefault ?? ofType.byDefault ?? ('default' in node ? JSON.stringify(node.default) : undefined);
  const doc = [description, named ? '' : constraints(node, description), byDefault === undefined ? '' : `@default ${byDefault}`].filter(Boolean);
  // A field that is only an enum or a constant still gets a line, so every field shows something on hover.
  if (doc.length === 0 && Array.isArray(node.enum)) return [`One of: ${node.enum.join(', ')}.`];
  if (doc.length === 0 && 'const' in node) return [`Always ${code(String(node.const))} for this kind.`];
  return doc;
}

function parseDefault(text: string): { description: string; byDefault?: string } {
  const at = text.search(/(^|\s)@default\s/);
  if (at < 0) return { description: text.trim() };
  return {
    description: text.slice(0, at).trim(),
    byDefault: text
      .slice(at)
      .trim()
      .replace(/^@default\s+/, ''),
  };
}

function splitDefault(text: string): string[] {
  const { description, byDefault } = parseDefault(text);
  return [description, byDefault === undefined ? '' : `@default ${byDefault}`].filter(Boolean);
}

/** The JSON Schema constraints of one node in words: ranges, lengths, patterns, entry counts, "exactly one of". */
function constraints(node: Node, description = ''): string {
  const parts: string[] = [];
  const range = (lowest: unknown, highest: unknown, unit: string): string | undefined => {
    // zod writes the safe-integer bounds of .int() when no bound is given: they are no constraint worth reading.
    const min = lowest === -Number.MAX_SAFE_INTEGER ? undefined : lowest;
    const max = highest === Number.MAX_SAFE_INTEGER ? undefined : highest;
    if (typeof min === 'number' && typeof max === 'number') return min === max ? `exactly ${min}${unit}` : `${min} to ${max}${unit}`;
    if (typeof min === 'number') return `at least ${min}${unit}`;
    if (typeof max === 'number') return `at most ${max}${unit}`;
    return undefined;
  };
  if (node.type === 'integer' || node.type === 'number') {
    const r = [range(node.minimum, node.maximum, ''), num(node.exclusiveMinimum, 'above'), num(node.exclusiveMaximum, 'below')].filter(Boolean);
    parts.push(`${node.type === 'integer' ? 'An integer' : 'A number'}${r.length ? `, ${r.join(', ')}` : ''}.`);
  }
  if (typeof node.format === 'string') parts.push(`Format: ${node.format}.`);
  const length = range(node.minLength, node.maxLength, ' characters');
  if (length) parts.push(`${capitalize(length)}.`);
  const patterns = [node, ...((node.allOf as Node[] | undefined) ?? [])].map((n) => n.pattern).filter((p) => typeof p === 'string');
  if (patterns.length) parts.push(`Matches ${patterns.map((p) => code(p)).join(' and ')}.`);
  if (node.type === 'array') {
    const entries = range(node.minItems, node.maxItems, ' entries');
    if (entries) parts.push(`${capitalize(entries)}.`);
    const items = node.items as Node;
    const each = typeof items[TAG] === 'string' ? '' : constraints(items);
    if (each) parts.push(`Each entry: ${decapitalize(each)}`);
  }
  if (node.type === 'object') {
    const required = (node.required as string[] | undefined) ?? [];
    const optional = Object.keys((node.properties as Node | undefined) ?? {}).filter((k) => !required.includes(k));
    if (node.minProperties === node.maxProperties && node.maxProperties === required.length + 1 && optional.length > 1) {
      if (!/exactly one of/i.test(description)) parts.push(`Exactly one of: ${optional.join(', ')}.`);
    } else if (node.additionalProperties !== false && typeof node.maxProperties === 'number') {
      parts.push(`At most ${node.maxProperties} entries.`);
    }
  }
  return parts.join(' ');
}

/** The doc of an overlay field: the spec field it changes, with that field's description. */
function overlayFieldDoc(key: string, original: Node): string[] {
  const { description } = parseDefault(typeof original.description === 'string' ? original.description : '');
  return [`\`${key}\` on this target, merged into the spec's (see \`targets\`).${description ? ` ${description}` : ''}`];
}

function decapitalize(text: string): string {
  return text.charAt(0).toLowerCase() + text.slice(1);
}

function num(value: unknown, word: string): string | undefined {
  return typeof value === 'number' ? `${word} ${value}` : undefined;
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** Inline code in the doc's Markdown; a pattern holding a backtick needs a double-backtick span. */
function code(text: string): string {
  return text.includes('`') ? `\`\` ${text} \`\`` : `\`${text}\``;
}

function jsdoc(lines: string[], indent: string): string[] {
  if (lines.length === 0) return [];
  // '*/' would end the comment early.
  const safe = lines.map((l) => l.replace(/\*\//g, '*\\/'));
  if (safe.length === 1) return [`${indent}/** ${safe[0]} */`];
  return [`${indent}/**`, ...safe.map((l) => `${indent} * ${l}`), `${indent} */`];
}

function literal(value: unknown, path: string): string {
  if (typeof value === 'string') return `'${value.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
  if (typeof value === 'number' || typeof value === 'boolean' || value === null) return String(value);
  throw new Error(`${path}: no TypeScript literal for ${JSON.stringify(value)}`);
}

function propertyName(key: string): string {
  return /^[A-Za-z_$][A-Za-z0-9_$]*$/.test(key) ? key : literal(key, key);
}

/** `npm run spec-types`: rewrite the declarations file. */
export async function writeSpecTypes(file = OUTPUT): Promise<string> {
  writeFileSync(file, await specTypeDeclarations());
  return file;
}

if (require.main === module) {
  writeSpecTypes().then(
    (file) => console.log(`wrote ${file}`),
    (error: unknown) => {
      console.error(error);
      process.exitCode = 1;
    },
  );
}
