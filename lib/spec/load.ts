/**
 * Reading a spec from a TypeScript object, a YAML file or a JSON file, and validating it. Both file formats
 * go through the YAML parser (YAML 1.2 reads JSON), so every issue gets a line and column.
 */
import { readFileSync } from 'node:fs';
import { isAbsolute, resolve } from 'node:path';
import { isMap, isSeq, LineCounter, parseDocument, type Document, type Node } from 'yaml';
import { SpecLoadError, SpecValidationError, type SpecIssue } from '../errors';
import { loadBalancerSpecSchema, type LoadBalancerSpec } from './schema';
import { semanticIssues } from './semantic';
import { structuralIssues } from './structural';
import { knownFieldNames } from './json-schema';

/** Where a spec path is in the source text. */
export type Locator = (path: string) => { line: number; column: number } | undefined;

export interface ValidateOptions {
  /** The file the spec came from, for messages. */
  readonly file?: string;
  /** Maps issue paths to source positions. */
  readonly locate?: Locator;
}

/** Every problem in the spec (structural first; semantic only when the structure is sound). Empty when valid. */
export function specIssues(input: unknown, options: ValidateOptions = {}): SpecIssue[] {
  const parsed = loadBalancerSpecSchema.safeParse(input);
  const issues = parsed.success
    ? semanticIssues(parsed.data as LoadBalancerSpec)
    : structuralIssues(parsed.error.issues, knownFieldNames(), input);
  const locate = options.locate;
  return locate ? issues.map((i) => ({ ...i, ...locate(i.path) })) : issues;
}

/** Validates a spec object; returns it typed, or throws SpecValidationError listing every problem. */
export function validateSpec(input: unknown, options: ValidateOptions = {}): LoadBalancerSpec {
  const issues = specIssues(input, options);
  if (issues.length) throw new SpecValidationError(issues, options.file);
  return input as LoadBalancerSpec;
}

/** Parses YAML or JSON text into a spec object and a locator; throws SpecLoadError on a syntax error. */
export function parseSpecText(text: string, file?: string): { data: unknown; locate: Locator } {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  if (doc.errors.length) {
    const e = doc.errors[0];
    const pos = lineCounter.linePos(e.pos[0]);
    throw new SpecLoadError(`${file ?? 'spec'}:${pos.line}:${pos.col}: ${e.message.split('\n')[0]}`, file, pos.line, pos.col);
  }
  const data = doc.toJS({ maxAliasCount: 100 });
  return { data, locate: (path) => locate(doc, lineCounter, path) };
}

function locate(doc: Document, lines: LineCounter, path: string): { line: number; column: number } | undefined {
  const parts = path.match(/[^.[\]]+/g)?.map((p) => (/^\d+$/.test(p) ? Number(p) : p)) ?? [];
  // Walk down as far as the path exists: a missing field points at the object that lacks it.
  let node: Node | null | undefined = doc.contents as Node | null;
  let found: Node | null | undefined = node;
  for (const part of parts) {
    if (isMap(node)) {
      const pair = node.items.find((p) => (p.key as { value?: unknown } | null)?.value === part);
      if (!pair) break;
      // Point at the key: it is where a reader looks for the field, present or wrongly typed.
      found = (pair.key as Node) ?? found;
      node = pair.value as Node | null;
    } else if (isSeq(node) && typeof part === 'number') {
      node = node.items[part] as Node | null;
      if (!node) break;
      found = node;
    } else break;
  }
  const offset = found?.range?.[0];
  if (offset === undefined) return undefined;
  const pos = lines.linePos(offset);
  return { line: pos.line, column: pos.col };
}

/** Reads and validates a spec file (.yaml, .yml or .json). */
export function loadSpecFile(path: string): LoadBalancerSpec {
  const file = isAbsolute(path) ? path : resolve(path);
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    throw new SpecLoadError(`cannot read ${path}: ${(e as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (e as Error).message}`, path);
  }
  const { data, locate: locator } = parseSpecText(text, path);
  return validateSpec(data, { file: path, locate: locator });
}
