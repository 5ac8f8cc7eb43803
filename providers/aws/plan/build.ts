/**
 * `planAws`: the AWS plan of a model, or the error that lists every problem. A convenience on top of the
 * backend's plan (../backend.ts), which returns the problems instead of throwing them.
 */
import { problemsError } from '../../../lib/errors';
import type { LoadBalancerModel } from '../../../lib/model/types';
import { AWS_BACKEND } from '../backend';
import type { PlanOptions } from './options';
import type { AwsPlan } from './types';

/**
 * Plans the AWS resources of a model. Throws the error that covers every problem: CapabilityError (capability
 * table), AwsPlanError (AWS limits), AwsPlacementError (placement), InvalidInputError when they are of several.
 */
export function planAws(model: LoadBalancerModel, options: PlanOptions = {}): AwsPlan {
  const { plan, problems } = AWS_BACKEND.plan({ model, options });
  if (problems.length || !plan) throw problemsError(problems);
  return plan;
}
