/** Commands contributed by backends. Each loads its module only when its command runs. */
import type { CommandPlugin } from './main';

export const PLUGINS: readonly CommandPlugin[] = [];
