/** The global family as the global backend contract sees it (lib/global-backend.ts): no CDK or Pulumi import. */
import { judgeGlobal } from '../../lib/capabilities/global-check';
import type { GlobalBackend } from '../../lib/global-backend';
import { describeGlobal } from './describe';
import { planGlobalAccelerator, type AcceleratorOptions, type AcceleratorPlan } from './plan/global-accelerator';
import { planRoute53, type Route53Options, type Route53Plan } from './plan/route53';
import { GLOBAL_TARGETS, type GlobalTargetId } from './targets';

export type GlobalPlan =
  | { readonly target: 'aws-route53'; readonly route53: Route53Plan }
  | { readonly target: 'aws-global-accelerator'; readonly accelerator: AcceleratorPlan };

export type GlobalOptions =
  | ({ readonly target: 'aws-route53' } & Route53Options)
  | ({ readonly target: 'aws-global-accelerator' } & AcceleratorOptions);

export const GLOBAL_TARGET_IDS: readonly GlobalTargetId[] = GLOBAL_TARGETS.map((t) => t.id);

/** Plans one global target: the capability judgement and the placement problems, every one of them. */
export function planGlobal(model: import('../../lib/model/global-types').GlobalModel, target: GlobalTargetId, options?: Omit<GlobalOptions, 'target'>) {
  const def = GLOBAL_TARGETS.find((t) => t.id === target)!;
  const judged = judgeGlobal(model, def, GLOBAL_TARGET_IDS);
  if (target === 'aws-route53') {
    const { plan, problems } = planRoute53(model, options as Route53Options | undefined);
    return { plan: { target, route53: plan } as GlobalPlan, problems: [...judged.problems, ...problems], warnings: judged.warnings };
  }
  const { plan, problems } = planGlobalAccelerator(model, options as AcceleratorOptions | undefined);
  return { plan: { target, accelerator: plan } as GlobalPlan, problems: [...judged.problems, ...problems], warnings: judged.warnings };
}

export const GLOBAL_BACKEND: GlobalBackend<GlobalPlan, GlobalOptions, GlobalTargetId> = {
  family: 'global',
  title: 'Global load balancing (DNS steering and anycast across regions)',
  targets: GLOBAL_TARGETS,
  plan({ model, options }) {
    return planGlobal(model, options?.target ?? 'aws-route53', options);
  },
  describe: (plan) => describeGlobal(plan),
};
