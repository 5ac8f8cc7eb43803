/** The global family as the global backend contract sees it (lib/global-backend.ts): no CDK or Pulumi import. */
import { judgeGlobal } from '../../lib/capabilities/global-check';
import type { Problem } from '../../lib/errors';
import type { GlobalBackend } from '../../lib/global-backend';
import type { GlobalModel } from '../../lib/model/global-types';
import { describeGlobal } from './describe';
import { planCloudDns, type CloudDnsOptions } from './plan/cloud-dns';
import { planFrontDoor, type FrontDoorOptions } from './plan/front-door';
import { planGcpGlobal, type GcpGlobalOptions } from './plan/gcp-global';
import type { GlobalPlan } from './plan/types';
import { planGlobalAccelerator, type AcceleratorOptions } from './plan/global-accelerator';
import { planRoute53, type Route53Options } from './plan/route53';
import { planTrafficManager, type TrafficManagerOptions } from './plan/traffic-manager';
import { GLOBAL_TARGETS, type GlobalTargetId } from './targets';

export type { GlobalPlan } from './plan/types';

export type GlobalOptions =
  | ({ readonly target: 'aws-route53' } & Route53Options)
  | ({ readonly target: 'aws-global-accelerator' } & AcceleratorOptions)
  | ({ readonly target: 'azure-traffic-manager' } & TrafficManagerOptions)
  | ({ readonly target: 'azure-front-door' } & FrontDoorOptions)
  | ({ readonly target: 'gcp-cloud-dns' } & CloudDnsOptions)
  | ({ readonly target: 'gcp-global' } & GcpGlobalOptions);

export const GLOBAL_TARGET_IDS: readonly GlobalTargetId[] = GLOBAL_TARGETS.map((t) => t.id);

function planOf(model: GlobalModel, target: GlobalTargetId, options: object | undefined): { plan: GlobalPlan; problems: Problem[] } {
  switch (target) {
    case 'aws-route53': {
      const r = planRoute53(model, options as Route53Options | undefined);
      return { plan: { target, route53: r.plan }, problems: r.problems };
    }
    case 'aws-global-accelerator': {
      const r = planGlobalAccelerator(model, options as AcceleratorOptions | undefined);
      return { plan: { target, accelerator: r.plan }, problems: r.problems };
    }
    case 'azure-traffic-manager': {
      const r = planTrafficManager(model, options as TrafficManagerOptions | undefined);
      return { plan: { target, trafficManager: r.plan }, problems: r.problems };
    }
    case 'azure-front-door': {
      const r = planFrontDoor(model, options as FrontDoorOptions | undefined);
      return { plan: { target, frontDoor: r.plan }, problems: r.problems };
    }
    case 'gcp-cloud-dns': {
      const r = planCloudDns(model, options as CloudDnsOptions | undefined);
      return { plan: { target, cloudDns: r.plan }, problems: r.problems };
    }
    case 'gcp-global': {
      const r = planGcpGlobal(model, options as GcpGlobalOptions | undefined);
      return { plan: { target, gcpGlobal: r.plan }, problems: r.problems };
    }
  }
}

/** Plans one global target: the capability judgement and the placement problems, every one of them. */
export function planGlobal(model: GlobalModel, target: GlobalTargetId, options?: object) {
  const def = GLOBAL_TARGETS.find((t) => t.id === target)!;
  const judged = judgeGlobal(model, def, GLOBAL_TARGET_IDS);
  const { plan, problems } = planOf(model, target, options);
  return { plan, problems: [...judged.problems, ...problems], warnings: judged.warnings };
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
