/** Range checks that several global targets share, each target giving its own documented limit. */
import { probeWritten } from '../../../lib/capabilities/global-features';
import type { RangeViolation } from '../../../lib/capabilities/support';
import type { GlobalModel } from '../../../lib/model/global-types';

/** A written probe interval that the target takes as 10 or 30 s only (Route 53 RequestInterval, Traffic Manager intervalInSeconds). */
export function tenOrThirtySeconds(m: GlobalModel, accepted: string): RangeViolation | undefined {
  const s = m.healthCheck.intervalSeconds;
  return probeWritten(m) && s !== 10 && s !== 30
    ? { path: 'healthCheck.intervalSeconds', accepted, message: `healthCheck.intervalSeconds ${s} s is neither 10 nor 30` }
    : undefined;
}

/** More regions than the target holds (one endpoint or endpoint group per region). */
export function atMostRegions(m: GlobalModel, max: number, accepted: string): RangeViolation | undefined {
  return m.regions.length > max ? { path: 'regions', accepted, message: `${m.regions.length} regions` } : undefined;
}

/**
 * A setting the target holds once for all regions (one listener, one monitor config): every region must give it the
 * same value. `says` words the distinct values, joined with ', '.
 */
export function sameForEveryRegion(
  m: GlobalModel,
  path: string,
  accepted: string,
  valueOf: (region: GlobalModel['regions'][number]) => string | number,
  says: (values: string) => string,
): RangeViolation | undefined {
  const values = [...new Set(m.regions.map(valueOf))];
  return values.length > 1 ? { path, accepted, message: says(values.join(', ')) } : undefined;
}
