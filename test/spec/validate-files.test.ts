/**
 * Issue 15, the spec loader: `lbkit validate a b c` reports every file, whatever is wrong with one of them;
 * hostile files are spec errors (exit 1), never "unexpected error" (exit 70).
 */
import { aliasBomb } from '../support/yaml-bombs';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { validateCommand } from '../../cli/commands';

const dir = mkdtempSync(join(tmpdir(), 'lbkit-validate-'));
const write = (name: string, content: string) => {
  const file = join(dir, name);
  writeFileSync(file, content);
  return file;
};

const VALID = 'name: x\nfrontends: [{name: h, protocol: http, port: 80, defaultAction: {fixedResponse: {statusCode: 200}}}]\n';

function run(files: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = validateCommand(files, { out: (t) => out.push(t), err: (t) => err.push(t) });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

describe('lbkit validate with several files', () => {
  test('goes on after an alias bomb, an undefined alias, a syntax error, /dev/zero and a missing file', () => {
    const bomb = aliasBomb('1');
    const files = [
      write('bomb.yaml', bomb),
      write('undefined.yaml', 'name: x\nfrontends: *nope\n'),
      write('syntax.yaml', 'name: [x\n'),
      '/dev/zero',
      join(dir, 'missing.yaml'),
      write('proto.json', '{"name": "x", "tags": {"__proto__": {}}, "frontends": []}'),
      write('valid.yaml', VALID),
    ];
    const { code, out, err } = run(files);
    expect(code).toBe(1);
    expect(out).toContain(`✓ ${files[6]}: valid (1 frontend, 0 pools)`);
    for (const file of files.slice(0, 6)) expect(err).toContain(`✗ ${file}`);
    expect(err).not.toMatch(/unexpected error/);
    expect(err).toMatch(/bomb.yaml:7:23: the document expands to more than 500,000 values/);
    expect(err).toMatch(/undefined.yaml:2:12: alias '\*nope' has no anchor before it\n {4}fix: /);
    expect(err).toMatch(/\/dev\/zero: the spec is larger than 4 MiB/);
    expect(err).toMatch(/proto.json:1:24 tags.__proto__: '__proto__' is not allowed as a key/);
  }, 20_000);
});
