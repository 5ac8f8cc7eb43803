/**
 * Packs lbkit as `npm publish` would (`npm pack`, which builds dist/ through `prepack`) into a temporary folder and
 * extracts it into a consumer project's node_modules, with the package's dependencies and peer dependencies linked
 * from this checkout: what a user gets from `npm install lbkit`, without the network.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, renameSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

export const REPO = join(__dirname, '../..');

export interface PackedFile {
  path: string;
  size: number;
}

export interface Packed {
  /** The consumer project: node_modules/lbkit is the extracted package. */
  project: string;
  /** The extracted package. */
  packageDir: string;
  /** What `npm pack --json` lists, paths relative to the package. */
  files: PackedFile[];
  /** The packed package.json. */
  manifest: Record<string, unknown>;
}

/** npm pack's JSON: one entry per packed package. */
interface PackReport {
  filename: string;
  files: PackedFile[];
}

/** Packs and extracts, or says why it could not (npm missing, the build failing): the caller skips then. */
export function packLbkit(): Packed | { skipped: string } {
  const project = mkdtempSync(join(tmpdir(), 'lbkit-pack-'));
  let report: PackReport;
  try {
    const stdout = execFileSync('npm', ['pack', '--json', '--pack-destination', project], {
      cwd: REPO,
      encoding: 'utf8',
      timeout: 300_000,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, npm_config_loglevel: 'error' },
    });
    // The build's output (prepack) comes first on stdout; npm's JSON array starts on a line of its own.
    report = (JSON.parse(stdout.slice(stdout.search(/^\[\s*\{/m))) as PackReport[])[0];
  } catch (error) {
    const err = error as { message: string; stderr?: string };
    return { skipped: `npm pack failed, so the package checks are skipped: ${(err.stderr || err.message).trim().slice(-2000)}` };
  }
  const modules = join(project, 'node_modules');
  mkdirSync(modules);
  execFileSync('tar', ['xzf', join(project, report.filename), '-C', modules]);
  const packageDir = join(modules, 'lbkit');
  renameSync(join(modules, 'package'), packageDir);
  const manifest = JSON.parse(readFileSync(join(packageDir, 'package.json'), 'utf8')) as Record<string, unknown>;
  // Only what the package declares (and @types/node, which a TypeScript user of Node has): a declaration file
  // importing anything else fails to resolve, as it would for a user.
  const declared = ['dependencies', 'peerDependencies'].flatMap((k) => Object.keys((manifest[k] as Record<string, string>) ?? {}));
  for (const name of [...declared, '@types/node']) {
    const link = join(modules, name);
    mkdirSync(dirname(link), { recursive: true });
    symlinkSync(join(REPO, 'node_modules', name), link, 'dir');
  }
  return { project, packageDir, files: report.files, manifest };
}
