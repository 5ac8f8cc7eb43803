/**
 * The one way the CDK construct and the Pulumi component get their plan: the input contract (lib/input.ts),
 * then the backend's plan with the placement, so that they and `lbkit plan` report the same problems.
 */
import type { SpecInput } from '../../lib/backend';
import { problemsError, type CapabilityDiagnostic } from '../../lib/errors';
import { checkedInput } from '../../lib/input';
import { TARGETS } from '../index';
import { AWS_BACKEND } from './backend';
import type { CompileOptions } from './plan/compile';
import type { AwsPlacement } from './plan/placement';
import type { AwsPlan } from './plan/types';

/** A construct's or component's input: the spec, how strictly to judge it, and how to lay the plan out. */
export interface AwsInput extends SpecInput, CompileOptions {
  /**
   * A CloudWatch dashboard of the load balancers' key metrics, members per pool, the web ACL's requests and every
   * alarm. Off by default: beyond an account's first three, each dashboard is billed monthly
   * (https://aws.amazon.com/cloudwatch/pricing/).
   * @default false
   */
  readonly dashboard?: boolean;
}

export interface Validated {
  readonly plan: AwsPlan;
  /** The approximations the spec accepted (nearest mappings). */
  readonly warnings: readonly CapabilityDiagnostic[];
}

/**
 * The plan of an input placed as `placement` says, or the error that lists every problem: the spec's, then
 * capability (ALB and NLB), AWS limits and placement of everything in the spec that is sound, together.
 */
export function validatedPlan(input: AwsInput, placement: AwsPlacement): Validated {
  const { result } = checkedInput(input, 'LBKIT_AWS_PLACEMENT', (model) =>
    AWS_BACKEND.plan({
      model,
      knownTargets: TARGETS,
      options: {
        targetCidrs: input.targetCidrs,
        maxRulesPerLoadBalancer: input.maxRulesPerLoadBalancer,
        priorities: input.priorities,
        maxRulesPerSecurityGroup: input.maxRulesPerSecurityGroup,
        maxWebAclCapacity: input.maxWebAclCapacity,
        placement,
      },
    }),
  );
  const { plan, problems, warnings } = result;
  if (!plan) throw problemsError(problems);
  return { plan, warnings };
}
