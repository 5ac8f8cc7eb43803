/** Every cell and every range of the AWS columns names its source and the day it was checked (issue 13). */
import type { TargetColumn } from '../../lib/capabilities/support';
import { AWS_ALB, AWS_NLB } from '../../providers/aws/capabilities';
import { CHECKED } from '../../providers/aws/sources';

/** What lacks a source in a column: 'support <id>' or 'range <name>'. */
function unsourced(column: TargetColumn): string[] {
  const cells = Object.entries(column.support)
    .filter(([, cell]) => !cell.source?.ref || !/^\d{4}-\d{2}-\d{2}$/.test(cell.source.checked))
    .map(([id]) => `support ${id}`);
  const ranges = Object.entries(column.ranges)
    .filter(([, range]) => typeof range === 'string' || !range.source?.ref)
    .map(([name]) => `range ${name}`);
  return [...cells, ...ranges];
}

describe.each([
  ['aws-alb', AWS_ALB],
  ['aws-nlb', AWS_NLB],
] as const)('%s', (_name, column) => {
  test('every cell and range has a source and a check date', () => {
    expect(unsourced(column)).toEqual([]);
    expect(Object.keys(column.support).length).toBeGreaterThan(60);
  });

  test("sources are pages or SDK types, checked on the AWS columns' date", () => {
    for (const cell of Object.values(column.support)) {
      expect(cell.source!.ref).toMatch(/^https:\/\/(docs\.aws\.amazon\.com|aws\.amazon\.com)\//);
      expect(cell.source!.checked).toBe(CHECKED);
    }
  });
});

test('the check has teeth: a planted cell or range without a source is named', () => {
  const planted: TargetColumn = {
    ...AWS_ALB,
    support: { ...AWS_ALB.support, 'pool.draining': { level: 'native' } },
    ranges: { ...AWS_ALB.ranges, 'healthCheck.intervalSeconds': '5-300' },
  };
  expect(unsourced(planted)).toEqual(['support pool.draining', 'range healthCheck.intervalSeconds']);
});

test('re-verified cells (issue 13): WAF limit from 10, NLB weighted forward, WAF rate counting nearest', () => {
  expect(AWS_ALB.ranges['rateLimits.limit']).toMatchObject({ accepted: '10-2000000000' });
  expect(AWS_NLB.support['action.weighted-forward'].level).toBe('native');
  expect(AWS_ALB.support['rate-limit.client-ip'].level).toBe('nearest');
  expect(AWS_ALB.support['rate-limit.header'].level).toBe('nearest');
});
