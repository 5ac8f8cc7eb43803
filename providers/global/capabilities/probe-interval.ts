/** A written probe interval that the target takes as 10 or 30 s only (Route 53 RequestInterval, Traffic Manager intervalInSeconds). */
import { probeWritten } from '../../../lib/capabilities/global-features';
import type { RangeViolation } from '../../../lib/capabilities/support';
import type { GlobalModel } from '../../../lib/model/global-types';

export function tenOrThirtySeconds(m: GlobalModel, accepted: string): RangeViolation | undefined {
  const s = m.healthCheck.intervalSeconds;
  return probeWritten(m) && s !== 10 && s !== 30
    ? { path: 'healthCheck.intervalSeconds', accepted, message: `healthCheck.intervalSeconds ${s} s is neither 10 nor 30` }
    : undefined;
}
