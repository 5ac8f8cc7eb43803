/**
 * Placement of a global spec on a cloud: which zone holds the records and, per region, the deployed regional
 * load balancer. Values may be provider tokens or outputs (strings at plan time); the plan only checks that
 * every region has one and nothing else is named.
 */
import type { Problem } from '../../../lib/errors';
import type { GlobalModel } from '../../../lib/model/global-types';

/** A required placement value (a zone, a resource group) that was not given: one problem naming it. */
export function missingPlacement(value: unknown, path: string, message: string, fix: string): Problem[] {
  return value ? [] : [{ code: 'LBKIT_GLOBAL_PLACEMENT', path, message, fix }];
}

/** Problems of a per-region placement map: a missing region, an unknown one, a missing field. */
export function regionPlacementProblems<T extends object>(
  model: GlobalModel,
  regions: Readonly<Record<string, T>> | undefined,
  prop: string,
  required: readonly (keyof T & string)[],
  example: string,
): Problem[] {
  const problems: Problem[] = [];
  const names = model.regions.map((r) => r.name);
  for (const r of model.regions) {
    const given = regions?.[r.name];
    if (!given) {
      problems.push({
        code: 'LBKIT_GLOBAL_PLACEMENT',
        path: `${prop}.${r.name}`,
        message: `region '${r.name}' (${r.path}) has no placement`,
        fix: `add ${prop}['${r.name}']: ${example}`,
      });
      continue;
    }
    for (const key of required) {
      if ((given as Record<string, unknown>)[key] === undefined || (given as Record<string, unknown>)[key] === '') {
        problems.push({ code: 'LBKIT_GLOBAL_PLACEMENT', path: `${prop}.${r.name}.${key}`, message: `missing ${key}`, fix: `add ${key} (${example})` });
      }
    }
  }
  for (const name of Object.keys(regions ?? {})) {
    if (!names.includes(name))
      problems.push({
        code: 'LBKIT_GLOBAL_PLACEMENT',
        path: `${prop}.${name}`,
        message: `no region is named '${name}'`,
        fix: `use one of: ${names.join(', ')}`,
      });
  }
  return problems;
}

/** 'www.example.com' -> 'WwwExampleCom', for logical ids derived from host names. */
export function hostId(host: string): string {
  return host
    .split(/[.-]/)
    .filter(Boolean)
    .map((p) => p.charAt(0).toUpperCase() + p.slice(1))
    .join('');
}
