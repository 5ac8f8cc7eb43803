/** The Azure family as the backend contract sees it (lib/backend.ts): no Pulumi import. */
import type { Backend } from '../../lib/backend';
import { judge } from '../../lib/capabilities/check';
import type { Problem } from '../../lib/errors';
import { familyModel, type FamilyLayers } from '../../lib/model/targets';
import { describeAzure } from './describe';
import { checkPlacement } from './placement';
import { planAzureTargets } from './plan';
import type { AzurePlan, AzurePlanOptions } from './plan/types';
import type { AzurePlacementProps } from './props';
import { AZURE_TARGET_DEFS, type AzureTargetId } from './targets';

/** What the Azure plan takes besides the model: naming, WAF options and, from the component, the placement. */
export interface AzureBackendOptions extends AzurePlanOptions {
  /** The component's placement and bindings, checked against the plan. @default none (`lbkit plan` checks no placement) */
  readonly placement?: AzurePlacementProps;
}

/** The targets of Azure's layers: the Application Gateway's model for L7 frontends, the Load Balancer's for L4 ones. */
export const AZURE_LAYERS: FamilyLayers = { l7: 'azure-appgw', l4: 'azure-lb' };

export const AZURE_BACKEND: Backend<AzurePlan, AzureBackendOptions, AzureTargetId> = {
  family: 'azure',
  title: 'Microsoft Azure (Load Balancer, Application Gateway)',
  targets: AZURE_TARGET_DEFS,
  /**
   * Every problem at once: the capability table on each target planned, Azure's limits on the plan, and the
   * placement when it is given. A shape the table refuses is the table's problem (with its fix); the plan
   * repeats it only when the table let it through. The plan is left out when a part of it could not be laid out.
   */
  plan({ model, target, options, knownTargets }) {
    const targets = AZURE_TARGET_DEFS.filter((def) => target === undefined || def.id === target);
    // The table judges each target on its own model (checkTarget applies the override) and sees every override key.
    const capability = judge(
      model,
      targets.map((def) => ({ def })),
      knownTargets,
    );
    const compiled = familyModel(model, AZURE_LAYERS, target);
    const planning = planAzureTargets(
      compiled,
      options,
      targets.map((def) => def.id),
    );
    // A bad allowNearest entry refuses no shape.
    const refusedByTable = new Set(capability.problems.filter((p) => p.capability?.level !== 'config').map((p) => p.target));
    const planProblems: Problem[] = targets.flatMap(({ id }) => {
      const found = planning.problems[id];
      return [...found.limits, ...(refusedByTable.has(id) ? [] : found.refused)];
    });
    const placement = options?.placement ? checkPlacement(options.placement, compiled, planning.plan) : [];
    const complete = targets.every(({ id }) => !planning.problems[id].all.length);
    return {
      ...(complete ? { plan: planning.plan } : {}),
      problems: [...capability.problems, ...planProblems, ...placement],
      warnings: capability.warnings,
    };
  },
  describe: describeAzure,
};
