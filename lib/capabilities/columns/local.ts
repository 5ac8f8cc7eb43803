/** The local reference proxy executes the model itself: every feature is native by definition. */
import { FEATURES } from '../features';
import { native, type TargetColumn } from '../support';

export const LOCAL: TargetColumn = {
  support: Object.fromEntries(FEATURES.map((f) => [f.id, native()])),
  ranges: {},
  checkRanges: () => [],
};
