/** The AWS family as the backend contract sees it (lib/backend.ts): no aws-cdk-lib or Pulumi import. */
import type { Backend } from '../../lib/backend';
import { judge } from '../../lib/capabilities/check';
import type { Problem } from '../../lib/errors';
import { judgedAs } from '../../lib/input';
import { familyModel, type FamilyLayers } from '../../lib/model/targets';
import { describeAws } from './describe';
import type { PlanOptions } from './plan/options';
import { compileAws } from './plan/compile';
import { placementProblems } from './plan/placement';
import type { AwsPlan } from './plan/types';
import { AWS_TARGETS, type AwsTargetId } from './targets';

/** The targets of AWS's layers: the ALB's model for L7 frontends, the NLB's for L4 ones when both are planned. */
const AWS_LAYERS: FamilyLayers = { l7: 'aws-alb', l4: 'aws-nlb' };

export const AWS_BACKEND: Backend<AwsPlan, PlanOptions, AwsTargetId> = {
  family: 'aws',
  title: 'Amazon Web Services (ELBv2, WAFv2)',
  targets: AWS_TARGETS,
  /**
   * Capability (the ALB's column for L7 frontends, the NLB's for L4 ones, each on its own `targets:` override),
   * the AWS limits of the compiled plan, and the placement when `options` has one. The plan is always made: a capability problem does not keep
   * ELBv2 terms from being computed, so `lbkit plan` can list them.
   */
  plan({ model, target, options = {}, knownTargets }) {
    const judged = judgedAs(model, { allowNearest: options.allowNearest });
    const targets = AWS_TARGETS.filter((def) => target === undefined || def.id === target);
    const capability = judge(
      judged,
      targets.map((def) => ({ def })),
      knownTargets,
    );
    // The table judged each target on its own model (checkTarget applies the override); the plan compiles them.
    const plan = compileAws(familyModel(judged, AWS_LAYERS, target), options, capability.warnings);
    const limits = plan.issues.map((i): Problem => ({ code: 'LBKIT_AWS_LIMIT', ...i }));
    const placement = options.placement ? placementProblems(plan, options.placement) : [];
    return { plan, problems: [...capability.problems, ...limits, ...placement], warnings: capability.warnings };
  },
  describe: (plan, target) => describeAws(plan, target === 'aws-alb' ? 'application' : 'network'),
};
