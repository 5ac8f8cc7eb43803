/** The AWS family as the backend contract sees it (lib/backend.ts): no aws-cdk-lib or Pulumi import. */
import type { Backend } from '../../lib/backend';
import { judge } from '../../lib/capabilities/check';
import { describeAws } from './describe';
import { planAws, type AwsPlan, type PlanOptions } from './plan';
import { AWS_TARGETS, type AwsTargetId } from './targets';

export const AWS_BACKEND: Backend<AwsPlan, PlanOptions, AwsTargetId> = {
  family: 'aws',
  title: 'Amazon Web Services (ELBv2, WAFv2)',
  targets: AWS_TARGETS,
  plan({ model, options, knownTargets }) {
    const allowNearest = options?.allowNearest ?? [];
    const judged = allowNearest.length ? { ...model, allowNearest: [...model.allowNearest, ...allowNearest] } : model;
    const plan = planAws(judged, { ...options, collectIssues: true });
    const capability = judge(judged, AWS_TARGETS.map((def) => ({ def })), knownTargets);
    return {
      plan: { ...plan, warnings: capability.warnings },
      problems: [...capability.problems, ...plan.issues.map((i) => ({ code: 'LBKIT_AWS_LIMIT' as const, ...i }))],
      warnings: capability.warnings,
    };
  },
  describe: (plan, target) => describeAws(plan, target === 'aws-alb' ? 'application' : 'network'),
};
