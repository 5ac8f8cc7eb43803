/**
 * The local proxy's modules import each other without a circle (type-only imports count too): each file
 * can be read, and tested, knowing only what it imports.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';

const ROOT = resolve(__dirname, '../../providers/local');
const IMPORT = /(?:^|\n)\s*(?:import|export)\s[^;]*?\sfrom\s+'(\.[^']+)'/g;

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? sources(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : [],
  );
}

function imports(file: string): string[] {
  const out: string[] = [];
  for (const m of readFileSync(file, 'utf8').matchAll(IMPORT)) {
    const target = resolve(dirname(file), m[1]);
    const found = [`${target}.ts`, join(target, 'index.ts')].find((f) => existsSync(f));
    if (found && found.startsWith(ROOT)) out.push(found);
  }
  return out;
}

/** Strongly connected components with more than one file (Tarjan). */
function circles(graph: Map<string, string[]>): string[][] {
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const out: string[][] = [];
  const visit = (v: string) => {
    index.set(v, index.size);
    low.set(v, index.get(v)!);
    stack.push(v);
    onStack.add(v);
    for (const w of graph.get(v) ?? []) {
      if (!index.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, index.get(w)!));
    }
    if (low.get(v) === index.get(v)) {
      const component: string[] = [];
      for (let w = stack.pop()!; ; w = stack.pop()!) {
        onStack.delete(w);
        component.push(relative(ROOT, w));
        if (w === v) break;
      }
      if (component.length > 1) out.push(component.sort());
    }
  };
  for (const v of graph.keys()) if (!index.has(v)) visit(v);
  return out;
}

test('no import circle in providers/local', () => {
  const graph = new Map(sources(ROOT).map((f) => [f, imports(f)]));
  expect(graph.size).toBeGreaterThan(40);
  // The scan sees imports: the frontend imports the transaction, which imports the decision.
  expect(graph.get(join(ROOT, 'http/frontend.ts'))).toContain(join(ROOT, 'http/transaction.ts'));
  expect(circles(graph)).toEqual([]);
});

test('the scan finds a planted circle', () => {
  const a = join(ROOT, 'a.ts');
  const b = join(ROOT, 'b.ts');
  expect(
    circles(
      new Map([
        [a, [b]],
        [b, [a]],
      ]),
    ),
  ).toEqual([['a.ts', 'b.ts']]);
});
