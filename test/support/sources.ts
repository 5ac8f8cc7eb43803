/** The source check every family's capability columns go through: which cells and ranges lack a valid source. */
import type { Source, TargetColumn } from '../../lib/capabilities/support';

/** The cells and ranges of a column whose source `valid` rejects, as 'cell <feature>' / 'range <field>'. */
export function unsourced(column: TargetColumn, valid: (source: Source | undefined) => boolean): string[] {
  return [
    ...Object.entries(column.support)
      .filter(([, cell]) => !valid(cell.source))
      .map(([id]) => `cell ${id}`),
    ...Object.entries(column.ranges)
      .filter(([, r]) => typeof r === 'string' || !valid(r.source))
      .map(([field]) => `range ${field}`),
  ];
}
