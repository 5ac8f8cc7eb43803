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
import { applyOverlay, type OverlayDirectiveIssue } from './overlay';
import { loadBalancerSpecSchema, type LoadBalancerSpec } from './schema';
import { semanticIssues } from './semantic';
import { operationsIssues } from './operations-semantic';
import { shapeIssues } from './shape';
import { structuralIssues } from './structural';
import { parseYamlSpec } from './yaml-data';
import { Salvager, type Sound } from './salvage';

export type { Locator, ManyLocator, Position, Sound };

export interface ValidateOptions {
  /** The file the spec came from, for messages. */
  readonly file?: string;
  /** Maps issue paths to source positions. */
  readonly locate?: Locator;
  /** Maps many issue paths at once; preferred over `locate` when both are given. */
  readonly locateMany?: ManyLocator;
}

type Checked = {
  issues: SpecIssue[];
  /** The spec, when it has no problem. */
  spec?: LoadBalancerSpec;
  /** The part that passes every check (salvage.ts), computed on demand: only a model needs it. */
  sound: () => Sound | undefined;
};

const crossFieldIssues = (spec: LoadBalancerSpec): SpecIssue[] => [...semanticIssues(spec), ...operationsIssues(spec), ...overlayIssues(spec)];

/**
 * Structural problems, then the cross-field ones of everything structurally sound (the values that failed the
 * schema left out, salvage.ts), so that one run lists both.
 */
function check(input: unknown): Checked {
  const shape = shapeIssues(input);
  // Depth and size problems stop here: the schema would walk all of it.
  if (shape.fatal) return { issues: [...shape.keys, shape.fatal], sound: () => undefined };
  const parsed = loadBalancerSpecSchema.safeParse(input);
  if (parsed.success) {
    const spec = parsed.data as LoadBalancerSpec;
    const issues = [...shape.keys, ...crossFieldIssues(spec)];
    if (!issues.length) return { issues, spec, sound: () => ({ spec, toInput: (path) => path }) };
    return { issues, spec, sound: () => new Salvager(input).sound([], crossFieldIssues) };
  }
  const special = new Set(shape.keys.map((i) => i.path));
  const structural = structuralIssues(parsed.error.issues, knownFieldNames(), input).filter((i) => !special.has(i.path));
  const salvager = new Salvager(input);
  const part = salvager.sound(parsed.error.issues);
  const cross = part
    ? crossFieldIssues(part.spec)
        .map((i) => ({ ...i, path: part.toInput(i.path) }))
        .filter((i) => !followsFromRemoval(i, salvager))
    : [];
  return { issues: [...shape.keys, ...structural, ...cross], sound: () => (part ? salvager.sound([], crossFieldIssues) : undefined) };
}

/**
 * Whether a cross-field issue of the sound part only follows from what was left out: it concerns a value that
 * failed the schema (a default stood in for it) or an object that lost one, or calls a left-out entry unknown.
 */
function followsFromRemoval(issue: SpecIssue, salvager: Salvager): boolean {
  if (salvager.touchesRemoval(issue.path)) return true;
  if (!/\bunknown\b|\bhas no\b/.test(issue.message)) return false;
  return [...issue.message.matchAll(/'([^']*)'/g)].some((m) => salvager.removedNames.has(m[1]));
}

/**
 * Every target's merged spec is validated like the spec itself; a problem is reported at the override
 * (`targets.<target>`, so it has the override's line) naming the merged field.
 */
function overlayIssues(spec: LoadBalancerSpec): SpecIssue[] {
  return Object.entries(spec.targets ?? {}).flatMap(([target, overlay]) => {
    const directives: OverlayDirectiveIssue[] = [];
    const merged = applyOverlay(spec as Record<string, unknown>, overlay as Record<string, unknown>, directives);
    return [
      ...directives.map((d) => ({ ...d, path: `targets.${target}.${d.path}` })),
      ...check(merged).issues.map((i) => ({
        path: `targets.${target}`,
        message: `with this override, ${i.path || '(spec)'}: ${i.message}`,
        ...(i.fix ? { fix: i.fix } : {}),
      })),
    ];
  });
}

/** Issues (or problems) with the source position of their paths, when the options can locate them. */
export function located<T extends { readonly path: string }>(issues: T[], options: ValidateOptions): T[] {
  if (!issues.length) return issues;
  const { locate, locateMany } = options;
  if (locateMany) {
    const positions = locateMany(issues.map((i) => i.path));
    return issues.map((issue, k) => ({ ...issue, ...positions[k] }));
  }
  return locate ? issues.map((i) => ({ ...i, ...locate(i.path) })) : issues;
}

/** Every problem in the spec: structural, and cross-field on everything structurally sound. Empty when valid. */
export function specIssues(input: unknown, options: ValidateOptions = {}): SpecIssue[] {
  return located(check(input).issues, options);
}

/** What inspectSpec finds: every problem, and what later layers (model, capability, placement) can still check. */
export interface SpecReport {
  /** Every structural and cross-field problem, with its position when the spec came from text. */
  readonly issues: SpecIssue[];
  /** The spec, when it has no problem. */
  readonly spec?: LoadBalancerSpec;
  /** The part of the spec that passes every check, with the map of its paths to the input's; undefined when none is left. */
  readonly sound: () => Sound | undefined;
  /** How the input was read (file and locators), to place later problems. */
  readonly options: ValidateOptions;
}

/** Every problem of a spec object, never thrown, and its sound part for the layers after it. */
export function inspectSpec(input: unknown, options: ValidateOptions = {}): SpecReport {
  const { issues, spec, sound } = check(input);
  return { issues: located(issues, options), ...(issues.length ? {} : { spec }), sound, options };
}

/** Reads a spec file and inspects it; a file that cannot be read or parsed throws SpecLoadError. */
export function inspectSpecFile(path: string): SpecReport {
  const { data, locateMany } = readSpecFile(path);
  return inspectSpec(data, { file: path, locateMany });
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

/** Reads a spec file (.yaml, .yml or .json) into data and a locator; throws SpecLoadError. */
function readSpecFile(path: string): { data: unknown; locateMany: ManyLocator } {
  // The cap of the file's format, or the larger one when the extension does not say (JSON is then sniffed).
  const limit = /\.json$/i.test(path)
    ? SPEC_LIMITS.jsonBytes
    : /\.ya?ml$/i.test(path)
      ? SPEC_LIMITS.yamlBytes
      : Math.max(SPEC_LIMITS.jsonBytes, SPEC_LIMITS.yamlBytes);
  const bytes = readSpecBytes(path, limit);
  const text = decodeSpecText(bytes, path);
  const { data, locateMany } = parseSpecText(text, path);
  return { data, locateMany };
}

/** Reads and validates a spec file (.yaml, .yml or .json). */
export function loadSpecFile(path: string): LoadBalancerSpec {
  const { data, locateMany } = readSpecFile(path);
  return validateSpec(data, { file: path, locateMany });
}
