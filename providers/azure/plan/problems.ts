/**
 * What keeps an Azure plan from being deployed, gathered while planning instead of thrown at the first, so
 * that the backend (AZURE_BACKEND.plan) reports every problem of a spec at once.
 *
 * Two kinds, kept apart because they are reported differently:
 * - limits: Azure refuses a shape the capability table accepts (a WAF policy with too many custom rules, two
 *   custom rules of one name). Always reported.
 * - refused: a shape the capability table already refuses for the target (a weighted split, a regex path).
 *   The plan cannot lay it out either; the backend reports these only when the capability check of the same
 *   target found nothing, since the capability problem names the feature and the fix.
 */
import { problemsError, type Problem } from '../../../lib/errors';
import type { AzureTargetId } from '../targets';

export class PlanProblems {
  readonly limits: Problem[] = [];
  readonly refused: Problem[] = [];
  private readonly seen = new Set<string>();

  constructor(readonly target: AzureTargetId) {}

  /** A limit of Azure the compiled spec breaks. */
  limit(path: string, message: string, fix: string): void {
    this.add(this.limits, { code: 'LBKIT_AZURE_PLAN', path, message, fix, target: this.target });
  }

  /** A shape the capability table refuses on this target, met by the plan. */
  refuse(path: string, message: string, fix: string): void {
    this.add(this.refused, { code: 'LBKIT_AZURE_PLAN', path, message, fix, target: this.target });
  }

  get all(): Problem[] {
    return [...this.limits, ...this.refused];
  }

  // One spec item is planned once per listener and IP version: report it once.
  private add(into: Problem[], problem: Problem): void {
    const key = `${problem.path}\n${problem.message}`;
    if (this.seen.has(key)) return;
    this.seen.add(key);
    into.push(problem);
  }
}

/**
 * Runs one planner with the caller's collector, or, called alone (tests, `planAzure`), with its own, throwing
 * AzurePlanError with every problem once planning is done.
 */
export function planning<T>(given: PlanProblems | undefined, target: AzureTargetId, plan: (problems: PlanProblems) => T): T {
  const problems = given ?? new PlanProblems(target);
  const result = plan(problems);
  if (!given && problems.all.length) throw problemsError(problems.all);
  return result;
}
