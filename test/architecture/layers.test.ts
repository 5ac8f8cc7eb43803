/**
 * The layers, held by a scan of every source file's imports: spec -> model -> backend, the CLI on top.
 *
 * - lib/ (spec, model, capability engine, backend contract, errors) imports neither providers/ nor cli/, nor any
 *   cloud SDK: it knows no cloud.
 * - providers/<family>/ imports lib/ and its own folder; never cli/, never another family. Only the registry
 *   (providers/index.ts) names every family, and a family's components may read it (the list of target ids).
 * - cli/ and the package entry (index.ts) sit on top.
 * - No import cycles anywhere.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';

const ROOT = resolve(__dirname, '../..');
const SOURCES = ['index.ts', 'lib', 'providers', 'cli'];
const CLOUD_SDKS = /^(aws-cdk-lib|constructs|@pulumi\/)/;

function files(entry: string): string[] {
  const full = join(ROOT, entry);
  if (statSync(full).isFile()) return [entry];
  return readdirSync(full).flatMap((name) => files(join(entry, name)));
}

/** Every import of a file (static, re-export, require, import()), type-only ones included. */
export function importsOf(source: string): string[] {
  const specs = [
    ...source.matchAll(/^\s*(?:import|export)\s[^;]*?\sfrom\s+'([^']+)'/gms),
    ...source.matchAll(/^\s*import\s+'([^']+)'/gm),
    ...source.matchAll(/\brequire\(\s*'([^']+)'\s*\)/g),
    ...source.matchAll(/\bimport\(\s*'([^']+)'\s*\)/g),
  ];
  return specs.map((m) => m[1]);
}

/** A relative import resolved to a repository path ('lib/model/build.ts'), or undefined for packages. */
function resolveImport(from: string, spec: string): string | undefined {
  if (!spec.startsWith('.')) return undefined;
  const base = join(dirname(from), spec);
  for (const candidate of [`${base}.ts`, join(base, 'index.ts'), base]) {
    if (existsSync(join(ROOT, candidate)) && statSync(join(ROOT, candidate)).isFile()) return relative(ROOT, join(ROOT, candidate));
  }
  return undefined;
}

const familyOf = (file: string) => (file.startsWith('providers/') && file.split('/').length > 2 ? file.split('/')[1] : undefined);

/** The layering rule a file's import breaks, if any. */
export function violation(from: string, spec: string, to: string | undefined): string | undefined {
  if (from.startsWith('lib/')) {
    if (to?.startsWith('providers/') || to?.startsWith('cli/') || to === 'index.ts') return `lib/ imports ${to}`;
    if (!to && CLOUD_SDKS.test(spec)) return `lib/ imports the cloud SDK ${spec}`;
  }
  if (from.startsWith('providers/')) {
    if (to?.startsWith('cli/') || to === 'index.ts') return `providers/ imports ${to}`;
    const mine = familyOf(from);
    const theirs = to ? familyOf(to) : undefined;
    if (mine && theirs && mine !== theirs) return `family ${mine} imports family ${theirs} (${to})`;
    // The registry is read by components, never by what the registry itself loads.
    if (mine && to === 'providers/index.ts' && /\/(backend|targets|capabilities|describe)\.ts$|\/plan\//.test(from)) {
      return `${from} is loaded by the registry and imports it back`;
    }
  }
  return undefined;
}

function graph(): Map<string, string[]> {
  const edges = new Map<string, string[]>();
  for (const file of SOURCES.flatMap(files).filter((f) => f.endsWith('.ts'))) {
    const source = readFileSync(join(ROOT, file), 'utf8');
    edges.set(
      file,
      importsOf(source).map((spec) => resolveImport(file, spec) ?? `pkg:${spec}`),
    );
  }
  return edges;
}

function cycles(edges: Map<string, string[]>): string[][] {
  const found: string[][] = [];
  const state = new Map<string, 'open' | 'done'>();
  const stack: string[] = [];
  const visit = (file: string) => {
    state.set(file, 'open');
    stack.push(file);
    for (const next of edges.get(file) ?? []) {
      if (!edges.has(next)) continue;
      if (state.get(next) === 'open') found.push([...stack.slice(stack.indexOf(next)), next]);
      else if (!state.has(next)) visit(next);
    }
    stack.pop();
    state.set(file, 'done');
  };
  for (const file of edges.keys()) if (!state.has(file)) visit(file);
  return found;
}

test('every import respects the layers', () => {
  const edges = graph();
  expect(edges.size).toBeGreaterThan(100);
  const broken: string[] = [];
  for (const [from, targets] of edges) {
    const source = readFileSync(join(ROOT, from), 'utf8');
    importsOf(source).forEach((spec, i) => {
      const to = targets[i].startsWith('pkg:') ? undefined : targets[i];
      const why = violation(from, spec, to);
      if (why) broken.push(`${from}: ${why}`);
    });
  }
  expect(broken).toEqual([]);
});

test('no import cycles', () => {
  expect(cycles(graph()).map((c) => c.join(' -> '))).toEqual([]);
});

describe('the rules have teeth', () => {
  test.each([
    ['lib/model/build.ts', '../../providers/aws/plan', 'providers/aws/plan/index.ts', 'lib/ imports providers/aws/plan/index.ts'],
    ['lib/spec/load.ts', '../../cli/commands', 'cli/commands.ts', 'lib/ imports cli/commands.ts'],
    ['lib/model/build.ts', 'aws-cdk-lib', undefined, 'lib/ imports the cloud SDK aws-cdk-lib'],
    ['providers/local/demo.ts', '../../cli/commands', 'cli/commands.ts', 'providers/ imports cli/commands.ts'],
    ['providers/gcp/plan/index.ts', '../../aws/plan', 'providers/aws/plan/index.ts', 'family gcp imports family aws (providers/aws/plan/index.ts)'],
    ['providers/aws/backend.ts', '../index', 'providers/index.ts', 'providers/aws/backend.ts is loaded by the registry and imports it back'],
  ])('%s importing %s is refused', (from, spec, to, why) => {
    expect(violation(from, spec, to)).toBe(why);
  });

  test.each([
    ['cli/commands.ts', '../providers', 'providers/index.ts'],
    ['providers/aws/cdk/load-balancer.ts', '../../index', 'providers/index.ts'],
    ['providers/aws/plan/build.ts', '../../../lib/model/build', 'lib/model/build.ts'],
  ])('%s importing %s is allowed', (from, spec, to) => {
    expect(violation(from, spec, to)).toBeUndefined();
  });

  test('a planted cycle is found', () => {
    const edges = new Map([
      ['a.ts', ['b.ts']],
      ['b.ts', ['c.ts']],
      ['c.ts', ['a.ts']],
      ['d.ts', ['a.ts']],
    ]);
    expect(cycles(edges)).toEqual([['a.ts', 'b.ts', 'c.ts', 'a.ts']]);
  });
});
