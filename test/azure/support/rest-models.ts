/**
 * The Azure network REST models as @azure/arm-network (v39, a dev dependency) declares them: every interface
 * with its properties (type, optional, read-only, documentation), every `KnownX` enum, read from the
 * package's .d.ts files with the TypeScript parser.
 *
 * v39 is generated from TypeSpec: it ships no runtime `Mappers` with InclusiveMaximum/Pattern constraints (the
 * autorest SDKs up to v34 did). What it keeps: the property names (with `properties` flattened, as
 * azure-native flattens them), which are required and read-only, the known enum values, and each property's
 * documentation, whose "Acceptable values are from 1 second to 86400 seconds" sentences carry the ranges
 * (parsed by `documentedRange`).
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import ts from 'typescript';

export interface RestProperty {
  readonly name: string;
  /** The declared type as written: 'number', 'string[]', 'ApplicationGatewayProbe', 'Record<string, string>'. */
  readonly type: string;
  readonly optional: boolean;
  readonly readonly: boolean;
  readonly doc: string;
}

export interface RestModels {
  readonly interfaces: ReadonlyMap<string, { readonly extends: readonly string[]; readonly properties: ReadonlyMap<string, RestProperty> }>;
  /** KnownX enum values by alias name X. */
  readonly enums: ReadonlyMap<string, readonly string[]>;
  /** String-literal union aliases (type X = "a" | "b"). */
  readonly unions: ReadonlyMap<string, readonly string[]>;
  readonly version: string;
}

const MODEL_FILES = ['models/common/models.d.ts', 'models/network/models.d.ts', 'models/models.d.ts'];

let cached: RestModels | undefined;

export function loadRestModels(): RestModels {
  if (cached) return cached;
  const pkg = require.resolve('@azure/arm-network/package.json');
  const root = join(dirname(pkg), 'dist', 'commonjs');
  const version = (JSON.parse(readFileSync(pkg, 'utf8')) as { version: string }).version;
  const interfaces = new Map<string, { extends: string[]; properties: Map<string, RestProperty> }>();
  const enums = new Map<string, string[]>();
  const unions = new Map<string, string[]>();
  for (const file of MODEL_FILES) {
    const text = readFileSync(join(root, file), 'utf8');
    const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true);
    for (const node of source.statements) {
      if (ts.isInterfaceDeclaration(node)) {
        const properties = new Map<string, RestProperty>();
        for (const m of node.members) {
          if (!ts.isPropertySignature(m) || !m.type) continue;
          const name = m.name.getText(source).replace(/^"|"$/g, '');
          const doc = ts
            .getJSDocCommentsAndTags(m)
            .map((d) => (typeof d.comment === 'string' ? d.comment : ''))
            .join(' ');
          properties.set(name, {
            name,
            type: m.type.getText(source),
            optional: !!m.questionToken,
            readonly: !!m.modifiers?.some((x) => x.kind === ts.SyntaxKind.ReadonlyKeyword),
            doc,
          });
        }
        const ext = (node.heritageClauses ?? []).flatMap((h) => h.types.map((t) => t.expression.getText(source)));
        interfaces.set(node.name.text, { extends: ext, properties });
      } else if (ts.isEnumDeclaration(node) && node.name.text.startsWith('Known')) {
        enums.set(
          node.name.text.slice('Known'.length),
          node.members.map((m) => (m.initializer && ts.isStringLiteral(m.initializer) ? m.initializer.text : m.name.getText(source))),
        );
      } else if (ts.isTypeAliasDeclaration(node) && ts.isUnionTypeNode(node.type)) {
        const literals = node.type.types.filter(ts.isLiteralTypeNode).map((t) => (ts.isStringLiteral(t.literal) ? t.literal.text : t.literal.getText(source)));
        if (literals.length === node.type.types.length) unions.set(node.name.text, literals);
      }
    }
  }
  cached = { interfaces, enums, unions, version };
  return cached;
}

/** Every property of an interface, its bases' included. */
const flattened = new WeakMap<RestModels, Map<string, Map<string, RestProperty>>>();
export function propertiesOf(models: RestModels, name: string): Map<string, RestProperty> {
  let byName = flattened.get(models);
  if (!byName) flattened.set(models, (byName = new Map()));
  const known = byName.get(name);
  if (known) return known;
  const out = collect(models, name);
  byName.set(name, out);
  return out;
}

function collect(models: RestModels, name: string): Map<string, RestProperty> {
  const model = models.interfaces.get(name);
  if (!model) return new Map();
  const out = new Map<string, RestProperty>();
  for (const base of model.extends) for (const [k, v] of propertiesOf(models, base)) out.set(k, v);
  for (const [k, v] of model.properties) out.set(k, v);
  return out;
}

/**
 * The numeric range a property's documentation states, if any: "Acceptable values are from 1 second to
 * 86400 seconds", "range from 1 to 65535", "between 4 and 30 minutes", "greater than or equal to 1", "the minimum
 * value is 5".
 */
export function documentedRange(doc: string): { min: number; max?: number; text: string } | undefined {
  const between =
    /(?:values? (?:are|is|can be set|range)?\s*(?:from|between)|ranges? from|can be set between|range of)\s+(\d+)(?:\s+\w+)?\s+(?:to|and)\s+(\d+)/i.exec(doc);
  if (between) return { min: Number(between[1]), max: Number(between[2]), text: between[0] };
  const atLeast = /(?:greater than or equal to|the minimum value is) (\d+)/i.exec(doc);
  if (atLeast) return { min: Number(atLeast[1]), text: atLeast[0] };
  return undefined;
}
