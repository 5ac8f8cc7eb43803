/**
 * What every global Pulumi component shares: it throws every problem of its plan before it registers
 * anything (so a failed spec leaves no half-made component), then keeps the plan and its warnings.
 */
import * as pulumi from '@pulumi/pulumi';
import { problemsError, type CapabilityDiagnostic, type Problem } from '../../../lib/errors';

export interface PlannedComponent<P> {
  readonly plan: P;
  readonly warnings: readonly CapabilityDiagnostic[];
  readonly problems: Problem[];
}

export abstract class GlobalComponent<P> extends pulumi.ComponentResource {
  readonly plan: P;
  readonly warnings: readonly CapabilityDiagnostic[];

  protected constructor(type: string, name: string, planned: PlannedComponent<P>, opts?: pulumi.ComponentResourceOptions) {
    if (planned.problems.length) throw problemsError(planned.problems);
    super(type, name, {}, opts);
    this.plan = planned.plan;
    this.warnings = planned.warnings;
  }
}

/** One child resource per plan item, under the item's key (its region, its record id), as a component exposes them. */
export function keyedBy<T, R>(items: readonly T[], key: (item: T) => string, make: (item: T) => R): Record<string, R> {
  return Object.fromEntries(items.map((item) => [key(item), make(item)]));
}
