/** docs/kubernetes.md's mapping table is the capability columns, cell for cell. */
import { readFileSync } from 'node:fs';
import { FEATURES } from '../../lib/capabilities/features';
import { CAPABILITIES } from '../../providers';

const TARGETS = ['k8s-gateway', 'k8s-envoy-gateway', 'k8s-gke-gateway', 'k8s-service'] as const;
const SYMBOL = { native: '✓', nearest: '~', unsupported: '✗' } as const;

test('every row of the table in docs/kubernetes.md matches the columns', () => {
  const doc = readFileSync('docs/kubernetes.md', 'utf8');
  const rows = FEATURES.map(
    (f) =>
      `| \`${f.id}\` | ${TARGETS.map((t) => {
        const c = CAPABILITIES[t].support[f.id];
        const text = c.level === 'native' ? (c.mapping ?? '') : c.level === 'nearest' ? c.mapping : c.nearest;
        return `${SYMBOL[c.level]} ${text.replace(/\|/g, '\\|')}`;
      }).join(' | ')} |`,
  );
  expect(rows.filter((r) => !doc.includes(r))).toEqual([]);
});
