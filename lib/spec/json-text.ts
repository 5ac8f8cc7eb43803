/**
 * One pass over JSON text, as a state machine (no recursion, so nesting cannot overflow the stack). It finds
 * what JSON.parse does not say or says without a position: the first syntax error with its offset, nesting
 * deeper than the limit, and duplicate keys (which JSON.parse silently resolves to the last). When asked, it
 * also records where given spec paths start, so that validation issues get a line and column.
 */
import { formatPath } from './errors';

export interface JsonTextProblem {
  readonly offset: number;
  readonly message: string;
  readonly fix: string;
}

interface Frame {
  readonly kind: 'object' | 'array';
  readonly path: string;
  index: number;
  key: string | undefined;
  readonly keys: Set<string> | undefined;
}

export interface ScanOptions {
  /** Deepest nesting allowed. */
  readonly maxDepth: number;
  /** Most values (scalars, lists and objects) allowed. */
  readonly maxValues: number;
  /** Spec paths (formatPath form) whose start offsets to record in `found`. */
  readonly paths?: ReadonlySet<string>;
}

export interface ScanResult {
  /** The first syntax error or nesting problem; the scan stops there. */
  readonly fatal?: JsonTextProblem;
  readonly duplicates: JsonTextProblem[];
  /** Offsets of the requested paths that exist: an object member's key, an array item's value. */
  readonly found: Map<string, number>;
}

const WHITESPACE = new Set([0x20, 0x09, 0x0a, 0x0d]);
const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;

export function scanJson(text: string, options: ScanOptions): ScanResult {
  const stack: Frame[] = [];
  const duplicates: JsonTextProblem[] = [];
  const found = new Map<string, number>();
  const paths = options.paths;
  const track = paths !== undefined && paths.size > 0;
  let i = 0;
  let values = 0;
  // What may come next: a value, an object key (or '}' right after '{'), ':', ',' or a closing bracket.
  let expect: 'value' | 'first-value' | 'key' | 'first-key' | 'colon' | 'after-value' = 'value';
  const fail = (offset: number, message: string, fix: string): ScanResult => ({ fatal: { offset, message, fix }, duplicates, found });
  const childPath = (frame: Frame | undefined): string => {
    if (!frame) return '';
    return frame.kind === 'array' ? `${frame.path}[${frame.index}]` : frame.path ? `${frame.path}.${frame.key}` : (frame.key as string);
  };

  while (true) {
    while (i < text.length && WHITESPACE.has(text.charCodeAt(i))) i++;
    if (i >= text.length) break;
    const c = text[i];
    const top = stack[stack.length - 1];
    // An empty array or object: it closes right where its first value or key would stand.
    if ((c === ']' && expect === 'first-value') || (c === '}' && expect === 'first-key')) {
      stack.pop();
      i++;
      expect = 'after-value';
      continue;
    }
    if (expect === 'value' || expect === 'first-value') {
      if (++values > options.maxValues) {
        return fail(
          i,
          `the document holds more than ${options.maxValues.toLocaleString('en-US')} values`,
          'split the spec; a load balancer spec holds far fewer values',
        );
      }
      if (track && top?.kind === 'array') {
        const path = childPath(top);
        if (paths.has(path)) found.set(path, i);
      }
      if (c === '{' || c === '[') {
        if (stack.length >= options.maxDepth) {
          return fail(i, `the document nests deeper than ${options.maxDepth} levels`, 'flatten it: a spec nests only a few levels (lists of objects)');
        }
        const path = track ? childPath(top) : '';
        stack.push({ kind: c === '{' ? 'object' : 'array', path, index: 0, key: undefined, keys: c === '{' ? new Set() : undefined });
        expect = c === '{' ? 'first-key' : 'first-value';
        i++;
        continue;
      }
      const end = scalarEnd(text, i);
      if (typeof end !== 'number') return fail(end.offset, end.message, end.fix);
      i = end;
      expect = 'after-value';
      continue;
    }
    if (expect === 'key' || expect === 'first-key') {
      if (c !== '"')
        return fail(
          i,
          expect === 'key' ? "expected a quoted property name after ','" : "expected a quoted property name or '}'",
          expect === 'key' ? "remove the trailing ',' (JSON allows none), or quote the name" : 'quote the property name with double quotes',
        );
      const end = stringEnd(text, i);
      if (typeof end !== 'number') return fail(end.offset, end.message, end.fix);
      const raw = text.slice(i + 1, end - 1);
      const key = raw.includes('\\') ? (JSON.parse(`"${raw}"`) as string) : raw;
      if (top.keys!.has(key)) {
        duplicates.push({
          offset: i,
          message: `duplicate key ${JSON.stringify(key.length > 60 ? `${key.slice(0, 60)}…` : key)} in this object`,
          fix: 'remove or rename one of them: JSON.parse would keep only the last',
        });
      } else top.keys!.add(key);
      top.key = track ? formatPath([key]) : key;
      if (track) {
        const path = childPath(top);
        if (paths.has(path)) found.set(path, i);
      }
      i = end;
      expect = 'colon';
      continue;
    }
    if (expect === 'colon') {
      if (c !== ':') return fail(i, "expected ':' after the property name", "add ':' between the name and its value");
      i++;
      expect = 'value';
      continue;
    }
    // after a value
    if (!top) return fail(i, 'unexpected text after the end of the document', 'remove it: a JSON file holds one value');
    if (c === ',') {
      i++;
      if (top.kind === 'array') {
        top.index++;
        expect = 'value';
      } else expect = 'key';
      continue;
    }
    if ((c === '}' && top.kind === 'object') || (c === ']' && top.kind === 'array')) {
      stack.pop();
      i++;
      expect = 'after-value';
      continue;
    }
    const closer = top.kind === 'object' ? '}' : ']';
    return fail(i, `expected ',' or '${closer}' after a value`, `add the missing ',' between values, or '${closer}' to close the ${top.kind}`);
  }
  if (stack.length || expect !== 'after-value') {
    return fail(
      text.length,
      'the document ends early',
      stack.length
        ? `close the open ${stack[stack.length - 1].kind} with '${stack[stack.length - 1].kind === 'object' ? '}' : ']'}'`
        : 'the file is empty: write the spec',
    );
  }
  return { duplicates, found };
}

/** Offset after the scalar (string, number, true, false, null) at `i`, or the problem. */
function scalarEnd(text: string, i: number): number | JsonTextProblem {
  const c = text[i];
  if (c === '"') return stringEnd(text, i);
  for (const word of ['true', 'false', 'null']) if (text.startsWith(word, i)) return i + word.length;
  NUMBER.lastIndex = i;
  if (NUMBER.test(text)) return NUMBER.lastIndex;
  if (c === '}' || c === ']')
    return { offset: i, message: `expected a value before '${c}'`, fix: "remove the trailing ',' (JSON allows none), or write the value" };
  if (c === "'") return { offset: i, message: 'strings in JSON use double quotes', fix: 'replace the single quotes with double quotes' };
  if (c === '/') return { offset: i, message: 'JSON has no comments', fix: 'remove the comment, or write the spec in YAML' };
  return {
    offset: i,
    message: `unexpected character ${JSON.stringify(c)} where a value belongs`,
    fix: 'write a value: a quoted string, a number, true, false, null, an object or a list',
  };
}

/** Offset after the string starting at `i` (a '"'), or the problem. */
function stringEnd(text: string, i: number): number | JsonTextProblem {
  let j = i + 1;
  while (j < text.length) {
    const code = text.charCodeAt(j);
    if (code === 0x22) return j + 1;
    if (code < 0x20)
      return { offset: j, message: 'a control character (such as a line break or tab) inside a string', fix: 'write it as an escape: \\n, \\t or \\u00XX' };
    if (code === 0x5c) {
      const e = text[j + 1];
      if (e === 'u') {
        if (!/^[0-9a-fA-F]{4}$/.test(text.slice(j + 2, j + 6)))
          return { offset: j, message: 'a \\u escape needs four hex digits', fix: 'write it as \\u followed by four hex digits' };
        j += 6;
        continue;
      }
      if (e === undefined || !'"\\/bfnrt'.includes(e))
        return { offset: j, message: 'an invalid escape in a string', fix: 'use \\", \\\\, \\/, \\b, \\f, \\n, \\r, \\t or \\uXXXX' };
      j += 2;
      continue;
    }
    j++;
  }
  return { offset: i, message: 'a string is not closed', fix: 'add the closing double quote' };
}
