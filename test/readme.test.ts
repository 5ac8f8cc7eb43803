/** README.md stays true: its offline test is the one lbkit runs, its commands exist, its links resolve. */
import { existsSync, readFileSync } from 'node:fs';

const readme = readFileSync('README.md', 'utf8');

function codeBlockAfter(heading: string): string {
  const at = readme.indexOf(heading);
  const start = readme.indexOf('```ts\n', at) + '```ts\n'.length;
  return readme.slice(start, readme.indexOf('```', start));
}

describe('README.md', () => {
  test('starts with the two commands: run the demo, run the tests', () => {
    const first = readme.slice(readme.indexOf('```sh'), readme.indexOf('```', readme.indexOf('```sh') + 5));
    expect(first).toContain('npm ci && npm start');
    expect(first).toContain('npm test');
    const pkg = JSON.parse(readFileSync('package.json', 'utf8'));
    expect(pkg.scripts.start).toBe('node bin/lbkit.js emulate --demo');
    expect(pkg.scripts.test).toBeDefined();
  });

  test('the offline jest example is the test in test/local/readme.test.ts (only the import differs)', () => {
    const shown = codeBlockAfter('## Test your load balancer offline').replace(/^\/\/ web\.test\.ts\n/, '');
    const tested = readFileSync('test/local/readme.test.ts', 'utf8');
    const body = (text: string) => text.slice(text.indexOf("describe('web load balancer'")).trim();
    expect(body(tested)).toBe(body(shown));
    expect(shown).toContain("from 'lbkit/local'");
  });

  test('every relative link points at a file', () => {
    const links = [...readme.matchAll(/\]\(((?!https?:)[^)#]+)\)/g)].map((m) => m[1]);
    expect(links.length).toBeGreaterThan(3);
    for (const link of links) expect({ link, exists: existsSync(link) }).toEqual({ link, exists: true });
  });

  test('every example file it names exists', () => {
    for (const file of readme.match(/(?:examples|docs)\/[\w./-]+\.(?:ts|yaml|md)/g) ?? []) {
      expect({ file, exists: existsSync(file) }).toEqual({ file, exists: true });
    }
  });
});
