/** Every cell and every range of the GCP columns says what it rests on (a page or an API field) and when it was checked. */
import type { TargetColumn } from '../../lib/capabilities/support';
import { FEATURES } from '../../lib/capabilities/features';
import { GCP_ALB_GLOBAL, GCP_ALB_REGIONAL, GCP_NLB_PASSTHROUGH, GCP_NLB_PROXY } from '../../providers/gcp/capabilities';
import { unsourced as withoutSource } from '../support/sources';

const COLUMNS: Record<string, TargetColumn> = {
  'gcp-alb-global': GCP_ALB_GLOBAL,
  'gcp-alb-regional': GCP_ALB_REGIONAL,
  'gcp-nlb-passthrough': GCP_NLB_PASSTHROUGH,
  'gcp-nlb-proxy': GCP_NLB_PROXY,
};

const validSource = (s: { ref: string; checked: string } | undefined): boolean =>
  s !== undefined &&
  /(https:\/\/cloud\.google\.com\/|compute\.proto|@pulumi\/gcp )/.test(s.ref) &&
  /^\d{4}-\d{2}-\d{2}$/.test(s.checked) &&
  !Number.isNaN(Date.parse(s.checked));

/** The cells and ranges of a column without a valid source, as 'cell <feature>' / 'range <field>'. */
function unsourced(column: TargetColumn): string[] {
  return withoutSource(column, validSource);
}

test.each(Object.keys(COLUMNS))('%s: every cell and range has a source and a check date', (target) => {
  const column = COLUMNS[target];
  expect(Object.keys(column.support).sort()).toEqual(FEATURES.map((f) => f.id).sort());
  expect(unsourced(column)).toEqual([]);
});

test('the check fails on a planted missing source, a planted bare range and a planted bad date', () => {
  const { source: _dropped, ...bare } = GCP_ALB_GLOBAL.support['rule.match.method'];
  const planted: TargetColumn = {
    ...GCP_ALB_GLOBAL,
    support: {
      ...GCP_ALB_GLOBAL.support,
      'rule.match.method': bare as never,
      'pool.draining': { ...GCP_ALB_GLOBAL.support['pool.draining'], source: { ref: 'https://cloud.google.com/x', checked: 'soon' } },
    },
    ranges: { ...GCP_ALB_GLOBAL.ranges, weights: '0-1000' },
  };
  expect(unsourced(planted).sort()).toEqual(['cell pool.draining', 'cell rule.match.method', 'range weights']);
});
