/**
 * `planAws`: the AWS plan of a model, or the error that lists every problem. A convenience on top of the
 * backend's plan (../backend.ts), which returns the problems instead of throwing them.
 */
import { problemsError } from '../../../lib/errors';
import type { LoadBalancerModel } from '../../../lib/model/types';
import { AWS_BACKEND } from '../backend';
import type { CompileOptions } from './compile';
import type { AwsPlacement } from './placement';
import type { AwsPlan } from './types';

export interface PlanOptions extends CompileOptions {
  /**
   * Nearest mappings accepted for this deployment, in addition to the model's `allowNearest`
   * ('<feature>' or 'aws-alb:<feature>'). @default none
   */
  readonly allowNearest?: readonly string[];
  /** The placement to hold against the plan (a construct's props). @default none: no placement problems */
  readonly placement?: AwsPlacement;
}

/**
 * Plans the AWS resources of a model. Throws the error that covers every problem: CapabilityError (capability
 * table), AwsPlanError (AWS limits), AwsPlacementError (placement), InvalidInputError when they are of several.
 */
export function planAws(model: LoadBalancerModel, options: PlanOptions = {}): AwsPlan {
  const { plan, problems } = AWS_BACKEND.plan({ model, options });
  if (problems.length || !plan) throw problemsError(problems);
  return plan;
}
