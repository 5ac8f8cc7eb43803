/** The jest example of docs/global.md, as written there, so that the page stays true. */
import { readFileSync } from 'node:fs';
import { useBackends } from '../../providers/local/jest';
import { useLocalGlobal } from '../../providers/local/global/jest';

const members = useBackends(['us-east-1', 'eu-west-1', 'ap-south-1']);
const global = useLocalGlobal('examples/global/global-latency.yaml', () => ({
  bindings: { 'us-east': { web: [members()[0].address] }, 'eu-west': { web: [members()[1].address] }, 'ap-south': { web: [members()[2].address] } },
  timeScale: 0.1,
}));
test('Europe is answered by eu-west', async () => {
  const res = await global().client('eu-west-client').get('www.example.com');
  expect(res.backend).toBe('eu-west-1');
});

test('docs/global.md shows this test verbatim', () => {
  const doc = readFileSync('docs/global.md', 'utf8');
  const start = doc.indexOf('```ts\n', doc.indexOf('From jest')) + '```ts\n'.length;
  const shown = doc.slice(start, doc.indexOf('```', start)).trim();
  const self = readFileSync(__filename, 'utf8');
  const body = self.slice(self.indexOf('const members'), self.indexOf("\ntest('docs/global.md")).trim();
  expect(shown).toBe(body);
});
