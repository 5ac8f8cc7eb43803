/**
 * What every global Pulumi component does before it registers anything: its model, and the plan of its
 * target with every problem (capability and placement; the component adds its own before it throws them all).
 */
import type { CapabilityDiagnostic, Problem } from '../../../lib/errors';
import type { GlobalSpecInput } from '../../../lib/global-backend';
import { globalModelOf } from '../../../lib/global-input';
import type { GlobalModel } from '../../../lib/model/global-types';
import { planGlobal } from '../backend';
import type { GlobalPlan } from '../plan/types';
import type { GlobalTargetId } from '../targets';

type Wrapped<T extends GlobalTargetId> = Omit<Extract<GlobalPlan, { target: T }>, 'target'>;
/** A target's own plan (Route53Plan for aws-route53, ...). */
export type TargetPlan<T extends GlobalTargetId> = Wrapped<T>[keyof Wrapped<T>];

export function planComponent<T extends GlobalTargetId>(
  args: GlobalSpecInput,
  target: T,
  placement: object,
): { model: GlobalModel; plan: TargetPlan<T>; warnings: readonly CapabilityDiagnostic[]; problems: Problem[] } {
  const model = globalModelOf(args, 'LBKIT_GLOBAL_PLACEMENT');
  const result = planGlobal(model, target, placement);
  const [plan] = Object.entries(result.plan)
    .filter(([key]) => key !== 'target')
    .map(([, value]) => value as TargetPlan<T>);
  return { model, plan, warnings: result.warnings, problems: [...result.problems] };
}
