/** The local reference proxy's one target, with its column of the capability table (capabilities.ts). */
import type { TargetDef } from '../../lib/backend';
import { LOCAL } from './capabilities';

export type LocalTargetId = 'local';

export const LOCAL_TARGETS: readonly TargetDef<LocalTargetId>[] = [
  { id: 'local', title: 'lbkit local reference proxy', layer: 'both', family: 'local', column: LOCAL },
];
