/**
 * A YAML spec: parsed by the `yaml` package into a document (every syntax error reported, each with its
 * position), then turned into plain data here rather than by `toJS`, so that
 * - alias and merge-key expansion count every value they copy against SPEC_LIMITS.values (an alias bomb
 *   stops after the limit, in milliseconds, as a spec error at the alias),
 * - nesting is bounded by SPEC_LIMITS.depth (a self-referencing alias stops there too),
 * - an alias without an anchor, a non-scalar key or a YAML-only type (a timestamp, binary) is a spec error
 *   with a position rather than an exception,
 * - keys become own properties whatever their name (`__proto__` never reaches a prototype; the validator
 *   then refuses it by name).
 */
import { isAlias, isMap, isScalar, isSeq, LineCounter, parseDocument, visit, type Alias, type Document, type Node, type YAMLError } from 'yaml';
import { SpecLoadError, type SpecIssue } from '../errors';
import { reported, shorten } from './errors';
import { SPEC_LIMITS } from './limits';
import { pathParts, type Locator } from './paths';

/** Thrown inside the conversion to stop it at the first limit reached. */
class LimitReached {
  constructor(readonly issue: SpecIssue) {}
}

export function parseYamlSpec(text: string, file?: string): { data: unknown; locate: Locator } {
  const lines = new LineCounter();
  // uniqueKeys is off because the package compares each key with every earlier one (110,000 keys: 88 s);
  // YamlToData finds duplicate keys with a set instead.
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false, uniqueKeys: false });
  const at = (offset: number | undefined) => {
    if (offset === undefined) return {};
    const pos = lines.linePos(offset);
    return { line: pos.line, column: pos.col };
  };
  if (doc.errors.length) throw new SpecLoadError(reported(doc.errors.map((e) => syntaxIssue(e, at(e.pos[0])))), file);
  const converter = new YamlToData(doc, at);
  let data: unknown;
  try {
    data = converter.value(doc.contents as Node | null, 0);
  } catch (e) {
    if (e instanceof LimitReached) throw new SpecLoadError(reported([...converter.issues, e.issue]), file);
    throw e;
  }
  if (converter.issues.length) throw new SpecLoadError(reported(converter.issues), file);
  return { data, locate: (path) => locate(doc, lines, path) };
}

/** What the yaml package reports, made into an issue with a fix. */
function syntaxIssue(e: YAMLError, where: { line?: number; column?: number }): SpecIssue {
  let message = e.message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, '');
  let fix = FIXES[e.code] ?? 'check the YAML syntax on this line: indentation, quotes and brackets';
  if (/call stack/i.test(message)) {
    message = 'the document nests too deeply for the YAML parser';
    fix = `flatten it: a spec nests only a few levels (at most ${SPEC_LIMITS.depth})`;
  }
  return { path: '', message: message.length > 200 ? `${message.slice(0, 200)}…` : message, fix, ...where };
}

const FIXES: Readonly<Record<string, string>> = {
  DUPLICATE_KEY: 'remove or rename one of the keys',
  BAD_INDENT: 'indent this line like the other entries of its list or object (with spaces)',
  TAB_AS_INDENT: 'indent with spaces, not tabs',
  MISSING_CHAR: 'add the missing closing quote or bracket',
  MULTIPLE_DOCS: "keep one document per file (remove the second '---')",
  MULTILINE_IMPLICIT_KEY: "put the key on one line, followed by ':'",
  BLOCK_AS_IMPLICIT_KEY: "end the key with ':' before its value",
  UNEXPECTED_TOKEN: 'remove the character or quote the value',
  BAD_ALIAS: 'an alias is * followed by the name of an anchor (&name) set above it',
  BAD_SCALAR_START: 'quote the value',
  KEY_OVER_1024_CHARS: 'shorten the key',
};

class YamlToData {
  readonly issues: SpecIssue[] = [];
  private values = 0;
  /** The outermost alias being expanded, where a "too many values" error points. */
  private expanding: Alias | undefined;
  /** Each alias's anchored node: the last node with that anchor before the alias, as YAML defines it. */
  private readonly targets = new Map<Alias, Node | undefined>();

  constructor(
    doc: Document,
    private readonly at: (offset: number | undefined) => { line?: number; column?: number },
  ) {
    const anchors = new Map<string, Node>();
    visit(doc, {
      Node: (_key, node) => {
        if (isAlias(node)) this.targets.set(node, anchors.get(node.source));
        else if (node.anchor) anchors.set(node.anchor, node);
      },
    });
  }

  value(node: Node | null | undefined, depth: number): unknown {
    if (++this.values > SPEC_LIMITS.values) {
      throw new LimitReached({
        path: '',
        ...this.at((this.expanding ?? node)?.range?.[0]),
        message: `the document expands to more than ${SPEC_LIMITS.values.toLocaleString('en-US')} values${this.targets.size ? ' (aliases and merge keys copy what they refer to)' : ''}`,
        fix: 'use fewer aliases or merge keys, or split the spec; a load balancer spec holds far fewer values',
      });
    }
    if (node === null || node === undefined) return null;
    if (isAlias(node)) return this.alias(node, depth);
    if (depth >= SPEC_LIMITS.depth && (isMap(node) || isSeq(node))) {
      throw new LimitReached({
        path: '',
        ...this.at(node.range?.[0]),
        message: `the document nests deeper than ${SPEC_LIMITS.depth} levels${this.targets.size ? ' (an alias may refer to its own anchor)' : ''}`,
        fix: 'flatten it: a spec nests only a few levels',
      });
    }
    if (isSeq(node)) return node.items.map((item) => this.value(item as Node | null, depth + 1));
    if (isMap(node)) return this.map(node.items as Array<{ key: unknown; value: unknown }>, depth);
    if (isScalar(node)) {
      const v = node.value;
      if (v === null || typeof v === 'string' || typeof v === 'boolean' || (typeof v === 'number' && Number.isFinite(v))) return v;
      const what =
        typeof v === 'number'
          ? 'an infinite or NaN number'
          : typeof v === 'bigint'
            ? 'a number too large'
            : `a YAML ${node.tag ?? 'value'} with no JSON equivalent`;
      this.issues.push({
        path: '',
        ...this.at(node.range?.[0]),
        message: `${what} is not a spec value`,
        fix: 'write a plain number, or quote the value to make it a string',
      });
      return null;
    }
    this.issues.push({
      path: '',
      ...this.at((node as Node).range?.[0]),
      message: 'this YAML construct is not a spec value',
      fix: 'write a plain value, list or object',
    });
    return null;
  }

  private alias(node: Alias, depth: number): unknown {
    const target = this.targets.get(node);
    if (!target) {
      this.issues.push({
        path: '',
        ...this.at(node.range?.[0]),
        message: `alias '*${shorten(node.source)}' has no anchor before it`,
        fix: `set the anchor &${shorten(node.source)} on a value above this line, or write the value here`,
      });
      return null;
    }
    const outermost = this.expanding === undefined;
    if (outermost) this.expanding = node;
    try {
      return this.value(target, depth);
    } finally {
      if (outermost) this.expanding = undefined;
    }
  }

  private map(pairs: ReadonlyArray<{ key: unknown; value: unknown }>, depth: number): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    const explicit = new Set<string>();
    const define = (key: string, value: unknown) => Object.defineProperty(out, key, { value, writable: true, enumerable: true, configurable: true });
    for (const pair of pairs) {
      const keyNode = pair.key as Node | null;
      if (isScalar(keyNode) && typeof keyNode.value === 'symbol') {
        // A merge key (YAML 1.1 '<<'): copies the keys of the map(s) it names that are not set explicitly.
        for (const source of this.mergeSources(pair.value as Node | null)) {
          const merged = this.value(source, depth);
          if (merged === null) continue; // an alias without anchor, already reported
          if (typeof merged !== 'object' || Array.isArray(merged)) {
            this.issues.push({
              path: '',
              ...this.at(source.range?.[0]),
              message: 'a merge key (<<) takes a map or a list of maps',
              fix: 'refer to an anchored map, such as <<: *defaults',
            });
            continue;
          }
          for (const [k, v] of Object.entries(merged)) if (!Object.prototype.hasOwnProperty.call(out, k)) define(k, v);
        }
        continue;
      }
      const key = this.key(keyNode);
      if (key === undefined) continue;
      if (explicit.has(key)) {
        this.issues.push({
          path: '',
          ...this.at(keyNode?.range?.[0]),
          message: `Map keys must be unique: '${shorten(key)}' is set twice in this map`,
          fix: 'remove or rename one of the keys',
        });
        continue;
      }
      explicit.add(key);
      define(key, this.value(pair.value as Node | null, depth + 1));
    }
    return out;
  }

  private mergeSources(value: Node | null): Node[] {
    const resolved = isAlias(value) ? this.targets.get(value) : value;
    if (isSeq(resolved)) return resolved.items.filter((n): n is Node => !!n);
    return value ? [value] : [];
  }

  private key(node: Node | null): string | undefined {
    const resolved = isAlias(node) ? this.targets.get(node) : node;
    if (resolved === null || resolved === undefined) return '';
    if (isScalar(resolved)) {
      const v = resolved.value;
      if (v === null || typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') return v === null ? '' : String(v);
    }
    this.issues.push({
      path: '',
      ...this.at(node?.range?.[0]),
      message: 'a key must be a plain value (a name), not a list or object',
      fix: 'write the key as a plain name',
    });
    return undefined;
  }
}

function locate(doc: Document, lines: LineCounter, path: string): { line: number; column: number } | undefined {
  // Walk down as far as the path exists: a missing field points at the object that lacks it.
  let node: Node | null | undefined = doc.contents as Node | null;
  let found: Node | null | undefined = node;
  for (const part of pathParts(path)) {
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
