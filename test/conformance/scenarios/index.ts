/** The scenario corpus: every scenario, run by corpus.test.ts. */
import { ACTION_SCENARIOS } from './actions';
import { CONDITION_SCENARIOS } from './conditions';
import { HOST_SCENARIOS } from './hosts';
import { PATH_SCENARIOS } from './paths';
import type { Scenario } from './scenario';

export const SCENARIOS: readonly Scenario[] = [...PATH_SCENARIOS, ...HOST_SCENARIOS, ...CONDITION_SCENARIOS, ...ACTION_SCENARIOS];
export type { Scenario } from './scenario';
