/** Spec paths such as `frontends[0].rules[2].action`: their parts, prefixes, and locators from paths to positions. */
import { formatPath } from './errors';

export interface Position {
  readonly line: number;
  readonly column: number;
}

/** Where a spec path is in the source text. */
export type Locator = (path: string) => Position | undefined;
/** Where many spec paths are, at once (one pass over the text for JSON). */
export type ManyLocator = (paths: readonly string[]) => Array<Position | undefined>;

/** The parts of a path: names and list indexes. */
export function pathParts(path: string): Array<string | number> {
  return path.match(/[^.[\]]+/g)?.map((p) => (/^\d+$/.test(p) ? Number(p) : p)) ?? [];
}

/** Every prefix of a path, shortest first, ending with the path itself ('' is the document). */
export function pathPrefixes(path: string): string[] {
  const parts = pathParts(path);
  const out = [''];
  for (let k = 1; k <= parts.length; k++) out.push(formatPath(parts.slice(0, k)));
  return out;
}
