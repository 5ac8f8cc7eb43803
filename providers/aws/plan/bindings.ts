/**
 * Bindings: which members each pool has in this environment. Both renderers take `{ ips }`,
 * `{ instanceIds }` or `{ targetType }` (members attached later, e.g. by an ECS service or an Auto Scaling
 * group); the CDK construct also takes ELBv2 target objects. The target type follows from the binding.
 */
import { closest } from '../../../lib/spec/errors';
import { parseIp } from '../../../lib/util/cidr';
import { AwsPlacementError } from '../../../lib/errors';
import type { AwsPlan, TargetGroupPlan } from './types';

export type MemberBinding =
  | { readonly ips: readonly string[] }
  | { readonly instanceIds: readonly string[] }
  /** No members yet: they are registered later, outside lbkit. */
  | { readonly targetType: 'ip' | 'instance' };

export interface ResolvedBinding {
  readonly targetType: 'ip' | 'instance';
  /** Instance ids or IP addresses; members listen on the pool's port. */
  readonly members: readonly string[];
}

const INSTANCE_ID = /^i-(?:[0-9a-f]{8}|[0-9a-f]{17})$/;

export function isMemberBinding(value: unknown): value is MemberBinding {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && ('ips' in value || 'instanceIds' in value || 'targetType' in value);
}

/** Checks that every pool the plan uses is bound and that no binding names an unknown pool. */
export function checkBindingNames(plan: AwsPlan, bindings: Readonly<Record<string, unknown>>): void {
  const pools = plan.targetGroups.map((tg) => tg.pool);
  for (const name of Object.keys(bindings)) {
    if (!pools.includes(name)) {
      const near = closest(name, pools);
      throw new AwsPlacementError(`bindings.${name}: no pool '${name}' is used by a frontend${near ? ` (did you mean '${near}'?)` : ''}; pools: ${pools.join(', ')}`);
    }
  }
  for (const tg of plan.targetGroups) {
    if (bindings[tg.pool] === undefined) {
      throw new AwsPlacementError(`bindings.${tg.pool}: pool '${tg.pool}' (${tg.path}) has no binding; give its members ({ ips } or { instanceIds }) or { targetType: 'ip' | 'instance' } to register them later`);
    }
  }
}

export function resolveBinding(tg: TargetGroupPlan, binding: MemberBinding): ResolvedBinding {
  const at = `bindings.${tg.pool}`;
  if ('ips' in binding) {
    binding.ips.forEach((ip, i) => {
      if (!parseIp(ip) || ip.includes('/')) throw new AwsPlacementError(`${at}.ips[${i}]: '${ip}' is not an IP address`);
    });
    return { targetType: 'ip', members: [...binding.ips] };
  }
  if ('instanceIds' in binding) {
    binding.instanceIds.forEach((id, i) => {
      if (!INSTANCE_ID.test(id)) throw new AwsPlacementError(`${at}.instanceIds[${i}]: '${id}' is not an EC2 instance id (i- and 8 or 17 hex digits)`);
    });
    return { targetType: 'instance', members: [...binding.instanceIds] };
  }
  if (binding.targetType !== 'ip' && binding.targetType !== 'instance') {
    throw new AwsPlacementError(`${at}.targetType: must be 'ip' or 'instance', not '${String(binding.targetType)}'`);
  }
  return { targetType: binding.targetType, members: [] };
}

/** A stable id for a member: its address or instance id, with the characters ids cannot hold replaced. */
export function memberId(member: string): string {
  return member.replace(/[^A-Za-z0-9-]/g, '-');
}
