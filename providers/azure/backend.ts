/** The Azure family as the backend contract sees it (lib/backend.ts): no Pulumi import. */
import type { Backend } from '../../lib/backend';
import { judge } from '../../lib/capabilities/check';
import { LbkitError } from '../../lib/errors';
import { describeAzure } from './describe';
import { planAzure } from './plan';
import type { AzurePlan, AzurePlanOptions } from './plan/types';
import { AZURE_TARGET_DEFS, type AzureTargetId } from './targets';

export const AZURE_BACKEND: Backend<AzurePlan, AzurePlanOptions, AzureTargetId> = {
  family: 'azure',
  title: 'Microsoft Azure (Load Balancer, Application Gateway)',
  targets: AZURE_TARGET_DEFS,
  plan({ model, options, knownTargets }) {
    const capability = judge(model, AZURE_TARGET_DEFS.map((def) => ({ def })), knownTargets);
    try {
      return { plan: planAzure(model, options), problems: capability.problems, warnings: capability.warnings };
    } catch (e) {
      // A spec the table refuses may have no Azure shape at all.
      if (!(e instanceof LbkitError)) throw e;
      return { problems: [...capability.problems, { code: 'LBKIT_AZURE_PLAN', path: '', message: e.message }], warnings: capability.warnings };
    }
  },
  describe: describeAzure,
};
