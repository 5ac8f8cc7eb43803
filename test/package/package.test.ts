/**
 * The package as published: `npm pack` (which builds dist/ through `prepack`) into a temporary folder, then its
 * contents are checked (no source map without its source, README's links inside the package, bin and every export
 * present, nothing stale in dist/, no install-time scripts) and a small consumer is type-checked against the
 * extracted copy under node10, node16 and bundler module resolution.
 *
 * Skipped, with the reason, when `npm pack` fails (no npm on the PATH, a build failure that typecheck reports).
 */
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { posix } from 'node:path';
import { join } from 'node:path';
import { compileConsumer, type Resolution } from './consumer';
import { packLbkit, REPO, type Packed } from './pack';

const packed = packLbkit();
if ('skipped' in packed) console.warn(packed.skipped);
const describePacked = 'skipped' in packed ? describe.skip : describe;
const pkg = packed as Packed;
afterAll(() => {
  if (pkg.project) rmSync(pkg.project, { recursive: true, force: true });
});

describePacked('the packed package', () => {
  const paths = new Set(pkg.files?.map((f) => f.path));

  test('lists its files (for the record)', () => {
    console.log(`npm pack: ${paths.size} files\n${[...paths].sort().join('\n')}`);
    expect(paths.size).toBeGreaterThan(0);
  });

  test('ships no source map without the sources it points at', () => {
    const dangling: string[] = [];
    for (const map of [...paths].filter((p) => p.endsWith('.map'))) {
      const { sources = [], sourcesContent = [], sourceRoot = '' } = JSON.parse(readFileSync(join(pkg.packageDir, map), 'utf8'));
      sources.forEach((source: string, i: number) => {
        const target = posix.normalize(posix.join(posix.dirname(map), sourceRoot, source));
        if (!paths.has(target) && typeof sourcesContent[i] !== 'string') dangling.push(`${map} -> ${target}`);
      });
    }
    expect(dangling).toEqual([]);
  });

  test("README's relative links point into the package", () => {
    const readme = readFileSync(join(pkg.packageDir, 'README.md'), 'utf8');
    const links = [...readme.matchAll(/\]\(([^)\s]+)(?:\s+"[^"]*")?\)/g)].map((m) => m[1]);
    const relative = links.filter((l) => !/^[a-z][a-z0-9+.-]*:/i.test(l) && !l.startsWith('#')).map((l) => l.replace(/#.*$/, ''));
    expect(relative.length).toBeGreaterThan(0);
    const missing = relative.filter((l) => {
      const target = posix.normalize(l);
      return !paths.has(target) && ![...paths].some((p) => p.startsWith(target.endsWith('/') ? target : `${target}/`));
    });
    expect(missing).toEqual([]);
  });

  test('holds its bin, main, types, every export and every typesVersions target', () => {
    const m = pkg.manifest as {
      bin: Record<string, string>;
      main: string;
      types: string;
      exports: unknown;
      typesVersions: Record<string, Record<string, string[]>>;
    };
    const targets: string[] = [...Object.values(m.bin), m.main, m.types];
    const walk = (node: unknown): void => {
      if (typeof node === 'string') targets.push(node);
      else if (node && typeof node === 'object') Object.values(node).forEach(walk);
    };
    walk(m.exports);
    Object.values(m.typesVersions).forEach((mapping) => Object.values(mapping).forEach((t) => targets.push(...t)));
    expect(targets.length).toBeGreaterThan(15);
    expect(targets.map((t) => posix.normalize(t)).filter((t) => !paths.has(t))).toEqual([]);
    // Every subpath export has its typesVersions entry, so node10 resolution finds its types.
    const subpaths = Object.keys(m.exports as object)
      .filter((k) => k !== '.' && k !== './package.json')
      .map((k) => k.slice(2));
    expect(Object.keys(m.typesVersions['*']).sort()).toEqual(subpaths.sort());
  });

  test('dist/ holds only what the sources compile to', () => {
    const stale = [...paths]
      .filter((p) => p.startsWith('dist/') && /\.(js|d\.ts)$/.test(p))
      .filter((p) => !existsSync(join(REPO, p.slice('dist/'.length).replace(/(\.d\.ts|\.js)$/, '.ts'))));
    expect(stale).toEqual([]);
  });

  test('has no install-time scripts, which npm 11 lists as unreviewed for tarball, file and git installs', () => {
    // npm 11.16+ warns about a dependency's preinstall, install, postinstall, and (outside the registry) prepare
    // scripts not covered by the project's allowScripts: https://github.com/npm/cli/pull/9360
    const scripts = (pkg.manifest.scripts ?? {}) as Record<string, string>;
    expect(Object.keys(scripts).filter((s) => ['preinstall', 'install', 'postinstall', 'prepare'].includes(s))).toEqual([]);
  });
});

describePacked('a TypeScript consumer of the packed package', () => {
  const expected = {
    lbkit: 'dist/index.d.ts',
    'lbkit/aws-cdk': 'dist/providers/aws/cdk/index.d.ts',
    'lbkit/aws-pulumi': 'dist/providers/aws/pulumi/index.d.ts',
    'lbkit/azure': 'dist/providers/azure/index.d.ts',
    'lbkit/gcp': 'dist/providers/gcp/index.d.ts',
    'lbkit/local': 'dist/providers/local/index.d.ts',
    'lbkit/global': 'dist/providers/global/index.d.ts',
    'lbkit/global/aws-cdk': 'dist/providers/global/cdk/index.d.ts',
    'lbkit/global/pulumi': 'dist/providers/global/pulumi/index.d.ts',
    'lbkit/local/global': 'dist/providers/local/global/index.d.ts',
    'lbkit/schema.json': 'dist/schema/lbkit.schema.json',
  };

  test.each<Resolution>(['node10', 'node16', 'bundler'])(
    'compiles with "moduleResolution": "%s"',
    (resolution) => {
      const result = compileConsumer(pkg.project, pkg.packageDir, resolution);
      expect(result).toEqual({ errors: [], resolved: expected });
    },
    120_000,
  );
});
