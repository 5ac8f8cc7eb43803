/** Hostile YAML for loader tests. */

/** A "billion laughs" document: 9 levels of 9 aliases each over a list of nine `leaf`s (9^9 values when expanded). */
export function aliasBomb(leaf: string): string {
  let text = `name: x\na: &a [${Array(9).fill(leaf).join(',')}]\n`;
  let previous = 'a';
  for (const n of 'bcdefghi') {
    text += `${n}: &${n} [${Array(9).fill(`*${previous}`).join(',')}]\n`;
    previous = n;
  }
  return text;
}
