/**
 * The local reference proxy as the backend contract sees it (lib/backend.ts). Its plan is the model's scope
 * itself: the proxy executes the model. Start options are checked by LocalLoadBalancer.start, not here.
 */
import type { Backend } from '../../lib/backend';
import { judge, scopeOf } from '../../lib/capabilities/check';
import type { ModelScope } from '../../lib/capabilities/features';
import { describeLocal } from './describe';
import { LOCAL_TARGETS, type LocalTargetId } from './targets';

export const LOCAL_BACKEND: Backend<ModelScope, never, LocalTargetId> = {
  family: 'local',
  title: 'lbkit local reference proxy (lbkit/local)',
  targets: LOCAL_TARGETS,
  plan({ model, knownTargets }) {
    const capability = judge(
      model,
      LOCAL_TARGETS.map((def) => ({ def })),
      knownTargets,
    );
    return { plan: scopeOf(model, LOCAL_TARGETS[0]), problems: capability.problems, warnings: capability.warnings };
  },
  describe: (scope) => describeLocal(scope),
};
