/**
 * Every cell and every range of the Azure columns records what it rests on (a documentation page with its
 * section, or an SDK type and field) and the day it was checked; the check fails on a planted missing one.
 * Also the wrong cells issue 13 found: Azure Load Balancer's rule idle timeout is 4-100 minutes.
 */
import { FEATURES } from '../../lib/capabilities/features';
import { checkCapabilities } from '../../providers';
import { buildModel } from '../../lib/model/build';
import type { Source, TargetColumn } from '../../lib/capabilities/support';
import { AZURE_APPGW, AZURE_LB, LB_IDLE_MINUTES } from '../../providers/azure/capabilities';
import { l4Spec } from './helpers';
import { unsourced as withoutSource } from '../support/sources';

/** Cells and ranges of a column without a well-formed source, by name. */
function unsourced(column: TargetColumn): string[] {
  const ok = (s: Source | undefined) => !!s && s.ref.trim().length > 10 && /^\d{4}-\d{2}-\d{2}$/.test(s.checked) && !Number.isNaN(Date.parse(s.checked));
  return withoutSource(column, ok);
}

describe.each([
  ['azure-lb', AZURE_LB],
  ['azure-appgw', AZURE_APPGW],
] as const)('%s', (_target, column) => {
  test('every feature of the table has a cell, and every cell and range a source with its check date', () => {
    expect(FEATURES.map((f) => f.id).filter((id) => !column.support[id])).toEqual([]);
    expect(Object.keys(column.ranges).length).toBeGreaterThan(3);
    expect(unsourced(column)).toEqual([]);
  });

  test('the check catches a planted cell without a source, and a range without one', () => {
    const [id, cell] = Object.entries(column.support)[7];
    const { source: _dropped, ...bare } = cell;
    const field = Object.keys(column.ranges)[1];
    const planted: TargetColumn = { ...column, support: { ...column.support, [id]: bare }, ranges: { ...column.ranges, [field]: 'no source' } };
    expect(unsourced(planted)).toEqual([`cell ${id}`, `range ${field}`]);
    const undated: TargetColumn = { ...column, support: { ...column.support, [id]: { ...cell, source: { ref: cell.source!.ref, checked: 'lately' } } } };
    expect(unsourced(undated)).toEqual([`cell ${id}`]);
  });
});

describe('Azure Load Balancer rule idle timeout: 4-100 minutes (load-balancer-tcp-idle-timeout)', () => {
  const idle = (idleTimeoutSeconds: number) =>
    checkCapabilities(
      buildModel(l4Spec({ frontends: [{ name: 'pg', protocol: 'tcp', port: 5432, idleTimeoutSeconds, defaultAction: { forward: { pool: 'pg' } } }] })),
      'azure-lb',
    ).errors;

  test('the documented bounds', () => {
    expect(LB_IDLE_MINUTES).toEqual({ min: 4, max: 100 });
  });

  // The spec caps idleTimeoutSeconds at 4000 (lib/spec/schema.ts), so 100 minutes is not reachable from a spec.
  test.each([240, 1800, 1860, 3600, 3960])('%i s is accepted (main refused everything over 1800)', (seconds) => {
    expect(idle(seconds)).toEqual([]);
  });

  test.each([60, 180])('%i s is refused, naming 240-6000 s', (seconds) => {
    expect(
      idle(seconds)
        .map((e) => e.message)
        .join('\n'),
    ).toMatch(/outside 240-6000s/);
  });

  test('the range says minutes and cites the page', () => {
    const range = AZURE_LB.ranges.idleTimeoutSeconds;
    expect(typeof range === 'string' ? range : range.accepted).toMatch(/4-100 min/);
    expect(typeof range === 'string' ? '' : range.source?.ref).toMatch(/load-balancer-tcp-idle-timeout/);
    expect(AZURE_LB.support['frontend.idle-timeout'].level).toBe('native');
  });
});
