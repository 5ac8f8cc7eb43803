/**
 * Every code snippet in README.md is checked by the suite: TypeScript snippets are type-checked with the
 * compiler API (their `lbkit/...` imports rewritten to the sources the package's exports point at), YAML specs
 * are validated with lbkit's loader. A snippet marked `<!-- fragment: why -->` on the line before its fence is
 * only a part of a file and is skipped, with its reason.
 */
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import * as ts from 'typescript';
import { specIssues } from '../../lib/spec/load';
import { parseSpecText } from '../../lib/spec/load';

interface Snippet {
  readonly lang: string;
  readonly line: number;
  readonly code: string;
  /** The reason, when the snippet is marked as a fragment. */
  readonly fragment?: string;
}

const README = readFileSync('README.md', 'utf8');

function snippets(text: string): Snippet[] {
  const lines = text.split('\n');
  const out: Snippet[] = [];
  for (let i = 0; i < lines.length; i++) {
    const open = /^```(\w+)\s*$/.exec(lines[i]);
    if (!open) continue;
    const end = lines.indexOf('```', i + 1);
    const fragment = /^<!-- fragment: (.+) -->$/.exec(lines[i - 1] ?? '')?.[1];
    out.push({ lang: open[1], line: i + 1, code: lines.slice(i + 1, end).join('\n'), ...(fragment ? { fragment } : {}) });
    i = end;
  }
  return out;
}

/** 'lbkit' and 'lbkit/<sub>' to the source file the package's exports map points at (dist/x.d.ts -> x.ts). */
function sourceOf(specifier: string): string {
  const exports = JSON.parse(readFileSync('package.json', 'utf8')).exports as Record<string, { types: string }>;
  const key = specifier === 'lbkit' ? '.' : `./${specifier.slice('lbkit/'.length)}`;
  const types = exports[key]?.types;
  if (!types) throw new Error(`README imports ${specifier}, which package.json does not export`);
  return resolve(types.replace(/^\.\/dist\//, '').replace(/\.d\.ts$/, '.ts'));
}

const all = snippets(README);
const typescript = all.filter((s) => s.lang === 'ts');
const yaml = all.filter((s) => s.lang === 'yaml');

test('README has TypeScript and YAML snippets, and every fragment says why it is one', () => {
  expect(typescript.length).toBeGreaterThanOrEqual(8);
  expect(yaml.length).toBeGreaterThanOrEqual(1);
  for (const s of all.filter((x) => x.fragment !== undefined)) expect(s.fragment!.length).toBeGreaterThan(10);
});

test('every TypeScript snippet type-checks against the sources', () => {
  // Inside the repository, so that packages (aws-cdk-lib, @pulumi/*, yaml) resolve from its node_modules.
  const dir = resolve('test/readme', `.snippets-${process.pid}`);
  mkdirSync(dir, { recursive: true });
  try {
    const files = typescript
      .filter((s) => s.fragment === undefined)
      .map((s) => {
        const file = join(dir, `readme-line-${s.line}.ts`);
        const code = s.code.replace(/from '(lbkit(?:\/[\w/-]+)?)'/g, (_, spec: string) => {
          const target = relative(dirname(file), sourceOf(spec)).replace(/\.ts$/, '');
          return `from '${target.startsWith('.') ? target : `./${target}`}'`;
        });
        // Each snippet is a module of its own (top-level await, no clashes between snippets).
        writeFileSync(file, `${code}\nexport {};\n`);
        return file;
      });
    const config = ts.getParsedCommandLineOfConfigFile('tsconfig.json', {}, { ...ts.sys, onUnRecoverableConfigFileDiagnostic: () => undefined })!;
    const program = ts.createProgram(files, {
      ...config.options,
      noEmit: true,
      // Snippets show calls whose results a reader would use: unused names are not mistakes there.
      noUnusedLocals: false,
      noUnusedParameters: false,
      // Top-level await, as in a Pulumi program or an ES module script.
      module: ts.ModuleKind.ES2022,
    });
    const diagnostics = ts
      .getPreEmitDiagnostics(program)
      .filter((d) => d.file && files.includes(resolve(d.file.fileName)))
      .map((d) => {
        const { line } = d.file!.getLineAndCharacterOfPosition(d.start ?? 0);
        const readmeLine = Number(/readme-line-(\d+)/.exec(d.file!.fileName)![1]) + line + 1;
        return `README.md:${readmeLine}: ${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`;
      });
    expect(diagnostics).toEqual([]);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}, 600_000);

describe('YAML snippets', () => {
  for (const s of yaml) {
    const title = `README.md:${s.line}${s.fragment ? ` is a fragment (${s.fragment})` : ' is a valid spec'}`;
    (s.fragment ? test.skip : test)(title, () => {
      const { data, locateMany } = parseSpecText(s.code, 'README.yaml');
      expect(specIssues(data, { locateMany })).toEqual([]);
    });
  }
});
