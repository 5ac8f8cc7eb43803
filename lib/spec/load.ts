/**
 * Reading a spec from a TypeScript object, a YAML file or a JSON file, and validating it. Files are read with
 * a byte cap (limits.ts) and must be UTF-8; JSON goes to JSON.parse (yaml-data.ts is for YAML only), and both
 * formats keep positions, so every issue gets a line and column. Validation returns the schema's parsed
 * result, never the input object, so nothing the schema did not accept reaches the model.
 */
import { SpecValidationError, type SpecIssue } from '../errors';
import { parseJsonSpec } from './json-data';
import { knownFieldNames } from './json-schema';
import { SPEC_LIMITS } from './limits';
import type { Locator, ManyLocator, Position } from './paths';
import { decodeSpecText, readSpecBytes, tooLarge } from './read';
import { applyOverlay } from './overlay';
import { loadBalancerSpecSchema, type LoadBalancerSpec } from './schema';
import { semanticIssues } from './semantic';
import { operationsIssues } from './operations-semantic';
import { shapeIssues } from './shape';
import { structuralIssues } from './structural';
import { parseYamlSpec } from './yaml-data';

export type { Locator, ManyLocator, Position };

export interface ValidateOptions {
  /** The file the spec came from, for messages. */
  readonly file?: string;
  /** Maps issue paths to source positions. */
  readonly locate?: Locator;
  /** Maps many issue paths at once; preferred over `locate` when both are given. */
  readonly locateMany?: ManyLocator;
}

type Checked = { issues: SpecIssue[]; spec?: LoadBalancerSpec };

function check(input: unknown): Checked {
  const shape = shapeIssues(input);
  // Depth and size problems stop here: the schema would walk all of it.
  if (shape.fatal) return { issues: [...shape.keys, shape.fatal] };
  const parsed = loadBalancerSpecSchema.safeParse(input);
  if (!parsed.success) {
    const special = new Set(shape.keys.map((i) => i.path));
    return { issues: [...shape.keys, ...structuralIssues(parsed.error.issues, knownFieldNames(), input).filter((i) => !special.has(i.path))] };
  }
  const spec = parsed.data as LoadBalancerSpec;
  return { issues: [...shape.keys, ...semanticIssues(spec), ...operationsIssues(spec), ...overlayIssues(spec)], spec };
}

/**
 * Every target's merged spec is validated like the spec itself; a problem is reported at the override
 * (`targets.<target>`, so it has the override's line) naming the merged field.
 */
function overlayIssues(spec: LoadBalancerSpec): SpecIssue[] {
  return Object.entries(spec.targets ?? {}).flatMap(([target, overlay]) =>
    check(applyOverlay(spec as Record<string, unknown>, overlay as Record<string, unknown>)).issues.map((i) => ({
      path: `targets.${target}`,
      message: `with this override, ${i.path || '(spec)'}: ${i.message}`,
      ...(i.fix ? { fix: i.fix } : {}),
    })),
  );
}

function located(issues: SpecIssue[], options: ValidateOptions): SpecIssue[] {
  if (!issues.length) return issues;
  const { locate, locateMany } = options;
  if (locateMany) {
    const positions = locateMany(issues.map((i) => i.path));
    return issues.map((issue, k) => ({ ...issue, ...positions[k] }));
  }
  return locate ? issues.map((i) => ({ ...i, ...locate(i.path) })) : issues;
}

/** Every problem in the spec (structural first; semantic only when the structure is sound). Empty when valid. */
export function specIssues(input: unknown, options: ValidateOptions = {}): SpecIssue[] {
  return located(check(input).issues, options);
}

/** Validates a spec object; returns the validated copy, typed, or throws SpecValidationError listing every problem. */
export function validateSpec(input: unknown, options: ValidateOptions = {}): LoadBalancerSpec {
  const { issues, spec } = check(input);
  if (issues.length || !spec) throw new SpecValidationError(located(issues, options), options.file);
  return spec;
}

/** Whether text is JSON: by the file's extension, or (without one) by its first character. */
function isJson(text: string, file: string | undefined): boolean {
  if (file && /\.json$/i.test(file)) return true;
  if (file && /\.ya?ml$/i.test(file)) return false;
  const first = text.match(/^\s*(\S)/)?.[1];
  return first === '{' || first === '[';
}

/** Parses YAML or JSON text into a spec object and locators; throws SpecLoadError for every syntax or size problem. */
export function parseSpecText(source: string, file?: string): { data: unknown; locate: Locator; locateMany: ManyLocator } {
  // A byte order mark is not part of the document (JSON.parse would refuse it); positions stay those of the editor.
  const text = source.startsWith('\ufeff') ? source.slice(1) : source;
  const json = isJson(text, file);
  const limit = json ? SPEC_LIMITS.jsonBytes : SPEC_LIMITS.yamlBytes;
  if (text.length > limit || Buffer.byteLength(text) > limit) throw tooLarge(file, limit);
  if (json) {
    try {
      const { data, locateMany } = parseJsonSpec(text, file);
      return { data, locate: (path) => locateMany([path])[0], locateMany };
    } catch (e) {
      // Sniffed, not named .json: it may be YAML in flow style ({name: x}), which the YAML parser reads.
      const named = file !== undefined && /\.json$/i.test(file);
      if (named || Buffer.byteLength(text) > SPEC_LIMITS.yamlBytes) throw e;
    }
  }
  const { data, locate } = parseYamlSpec(text, file);
  return { data, locate, locateMany: (paths) => paths.map(locate) };
}

/** Reads and validates a spec file (.yaml, .yml or .json). */
export function loadSpecFile(path: string): LoadBalancerSpec {
  // The cap of the file's format, or the larger one when the extension does not say (JSON is then sniffed).
  const limit = /\.json$/i.test(path)
    ? SPEC_LIMITS.jsonBytes
    : /\.ya?ml$/i.test(path)
      ? SPEC_LIMITS.yamlBytes
      : Math.max(SPEC_LIMITS.jsonBytes, SPEC_LIMITS.yamlBytes);
  const bytes = readSpecBytes(path, limit);
  const text = decodeSpecText(bytes, path);
  const { data, locateMany } = parseSpecText(text, path);
  return validateSpec(data, { file: path, locateMany });
}
