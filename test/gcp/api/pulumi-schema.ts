/**
 * Resources outside Compute (Cloud Monitoring alert policies and notification channels) have no message in
 * compute.proto; their schema here is @pulumi/gcp 9.37's own: the resource's Args interface
 * (monitoring/<resource>.d.ts) and the nested input types (types/input.d.ts, namespace monitoring), parsed with the
 * TypeScript compiler. The provider generates both from the Monitoring v3 API (their comments quote
 * https://cloud.google.com/monitoring/api/ref_v3/rest/v3/projects.alertPolicies), so the walker holds registered
 * inputs to: known field names, value types, required fields (not optional in the d.ts) and enum values (the d.ts
 * documents them as "Possible values are: `A`, `B`.").
 */
import { readFileSync } from 'node:fs';
import * as ts from 'typescript';
import { unsecret, type Finding } from './compute-schema';

const PULUMI_GCP = 'node_modules/@pulumi/gcp';

type TypeShape =
  | { readonly kind: 'string' | 'number' | 'boolean' | 'map' | 'any' }
  | { readonly kind: 'array'; readonly of: TypeShape }
  | { readonly kind: 'ref'; readonly name: string };

interface Property {
  readonly optional: boolean;
  readonly type: TypeShape;
  /** Enum values the comment lists, if any. */
  readonly values?: readonly string[];
}
type Interfaces = Map<string, Map<string, Property>>;

/** A property's type text as a shape: pulumi.Input<...> and `| undefined` are transparent. */
export function shapeOf(text: string): TypeShape {
  let t = text.replace(/\s+/g, ' ').trim();
  for (;;) {
    const before = t;
    t = t.replace(/ \| undefined$/, '').trim();
    const input = /^pulumi\.Input<(.*)>$/.exec(t);
    if (input) t = input[1].trim();
    if (t === before) break;
  }
  if (t.endsWith('[]')) return { kind: 'array', of: shapeOf(t.slice(0, -2)) };
  const ref = /^inputs\.\w+\.(\w+)$/.exec(t);
  if (ref) return { kind: 'ref', name: ref[1] };
  if (t === 'string' || t === 'number' || t === 'boolean') return { kind: t };
  if (t.startsWith('{ [key: string]:')) return { kind: 'map' };
  return { kind: 'any' };
}

function readInterfaces(text: string, into: Interfaces): void {
  const sf = ts.createSourceFile('types.d.ts', text, ts.ScriptTarget.Latest, true);
  const visit = (node: ts.Node) => {
    if (ts.isInterfaceDeclaration(node)) {
      const props = new Map<string, Property>();
      for (const m of node.members) {
        if (!ts.isPropertySignature(m) || !m.type) continue;
        const comment = text.slice(m.getFullStart(), m.getStart());
        const listed = /Possible values are: ([^\n]*)/.exec(comment)?.[1];
        const values = listed ? [...listed.matchAll(/`([^`]+)`/g)].map((x) => x[1]) : undefined;
        props.set(m.name.getText(sf), { optional: !!m.questionToken, type: shapeOf(m.type.getText(sf)), ...(values ? { values } : {}) });
      }
      into.set(node.name.text, props);
    }
    ts.forEachChild(node, visit);
  };
  visit(sf);
}

/** The Pulumi types of the non-Compute resources the component registers: the Args interface of each. */
export const PULUMI_MAPPINGS: Readonly<Record<string, { readonly file: string; readonly args: string }>> = {
  'gcp:monitoring/alertPolicy:AlertPolicy': { file: 'monitoring/alertPolicy.d.ts', args: 'AlertPolicyArgs' },
  'gcp:monitoring/notificationChannel:NotificationChannel': { file: 'monitoring/notificationChannel.d.ts', args: 'NotificationChannelArgs' },
};

let cached: Interfaces | undefined;
/** The monitoring namespace of types/input.d.ts (sliced out of the 6 MB file before parsing) and the mapped Args. */
export function pulumiInterfaces(): Interfaces {
  if (cached) return cached;
  const all: Interfaces = new Map();
  const inputs = readFileSync(`${PULUMI_GCP}/types/input.d.ts`, 'utf8');
  const start = inputs.indexOf('export declare namespace monitoring {');
  const end = inputs.indexOf('export declare namespace', start + 1);
  readInterfaces(inputs.slice(start, end), all);
  for (const { file } of Object.values(PULUMI_MAPPINGS)) readInterfaces(readFileSync(`${PULUMI_GCP}/${file}`, 'utf8'), all);
  cached = all;
  return all;
}

function checkValue(shape: TypeShape, property: Property | undefined, raw: unknown, path: string, out: Array<Omit<Finding, 'resource'>>): void {
  const v = unsecret(raw);
  if (v === undefined || v === null) return;
  const types = pulumiInterfaces();
  switch (shape.kind) {
    case 'array':
      if (!Array.isArray(v)) out.push({ path, rule: 'type', message: `a list; got ${JSON.stringify(v)}` });
      else v.forEach((x, i) => checkValue(shape.of, undefined, x, `${path}[${i}]`, out));
      return;
    case 'ref': {
      const iface = types.get(shape.name);
      if (!iface) out.push({ path, rule: 'unmapped', message: `no type ${shape.name} in @pulumi/gcp` });
      else if (typeof v !== 'object' || Array.isArray(v)) out.push({ path, rule: 'type', message: `a ${shape.name}; got ${JSON.stringify(v)}` });
      else walkInterface(shape.name, iface, v as Record<string, unknown>, path, out);
      return;
    }
    case 'map':
      if (typeof v !== 'object' || Array.isArray(v) || Object.values(v).some((x) => typeof unsecret(x) !== 'string'))
        out.push({ path, rule: 'type', message: `a map of strings; got ${JSON.stringify(v)}` });
      return;
    case 'any':
      return;
    default:
      if (typeof v !== shape.kind) out.push({ path, rule: 'type', message: `a ${shape.kind}; got ${JSON.stringify(v)}` });
      else if (property?.values && !property.values.includes(v as string))
        out.push({ path, rule: 'enum', message: `'${String(v)}' is not one of ${property.values.join(', ')}` });
  }
}

function walkInterface(name: string, iface: Map<string, Property>, inputs: Record<string, unknown>, prefix: string, out: Array<Omit<Finding, 'resource'>>) {
  const at = (k: string) => (prefix ? `${prefix}.${k}` : k);
  for (const [key, value] of Object.entries(inputs)) {
    if (value === undefined) continue;
    const property = iface.get(key);
    if (!property) out.push({ path: at(key), rule: 'field', message: `${name} has no field '${key}'` });
    else checkValue(property.type, property, value, at(key), out);
  }
  for (const [key, property] of iface) {
    if (!property.optional && (inputs[key] === undefined || inputs[key] === null))
      out.push({ path: at(key), rule: 'required', message: `${name}.${key} is required` });
  }
}

/** Field, type, required and enum findings of a registered non-Compute resource; undefined for a type not mapped here. */
export function pulumiSchemaFindings(type: string, resourceName: string, inputs: Record<string, unknown>): Finding[] | undefined {
  const mapping = PULUMI_MAPPINGS[type];
  if (!mapping) return undefined;
  const iface = pulumiInterfaces().get(mapping.args)!;
  const own = Object.fromEntries(Object.entries(inputs).filter(([k]) => k !== 'name'));
  const out: Array<Omit<Finding, 'resource'>> = [];
  walkInterface(mapping.args, iface, own, '', out);
  return out.map((f) => ({ resource: `${type}::${resourceName}`, ...f }));
}
