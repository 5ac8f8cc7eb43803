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

type Planned = { plan: GlobalPlan; problems: Problem[] };
function wrap<P>(r: { plan: P; problems: Problem[] }, as: (plan: P) => GlobalPlan): Planned {
  return { plan: as(r.plan), problems: r.problems };
}
/** Each target's planner, its plan wrapped under the target's key of GlobalPlan. */
const PLANNERS: { readonly [T in GlobalTargetId]: (model: GlobalModel, options: object | undefined) => Planned } = {
  'aws-route53': (m, o) => wrap(planRoute53(m, o as Route53Options | undefined), (route53) => ({ target: 'aws-route53', route53 })),
  'aws-global-accelerator': (m, o) =>
    wrap(planGlobalAccelerator(m, o as AcceleratorOptions | undefined), (accelerator) => ({ target: 'aws-global-accelerator', accelerator })),
  'azure-traffic-manager': (m, o) =>
    wrap(planTrafficManager(m, o as TrafficManagerOptions | undefined), (trafficManager) => ({ target: 'azure-traffic-manager', trafficManager })),
  'azure-front-door': (m, o) => wrap(planFrontDoor(m, o as FrontDoorOptions | undefined), (frontDoor) => ({ target: 'azure-front-door', frontDoor })),
  'gcp-cloud-dns': (m, o) => wrap(planCloudDns(m, o as CloudDnsOptions | undefined), (cloudDns) => ({ target: 'gcp-cloud-dns', cloudDns })),
  'gcp-global': (m, o) => wrap(planGcpGlobal(m, o as GcpGlobalOptions | undefined), (gcpGlobal) => ({ target: 'gcp-global', gcpGlobal })),
};

/** Plans one global target: the capability judgement and the placement problems, every one of them. */
export function planGlobal(model: GlobalModel, target: GlobalTargetId, options?: object) {
  const def = GLOBAL_TARGETS.find((t) => t.id === target)!;
  const judged = judgeGlobal(model, def, GLOBAL_TARGET_IDS);
  const { plan, problems } = PLANNERS[target](model, options);
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
