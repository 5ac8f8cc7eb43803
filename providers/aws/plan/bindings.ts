/**
 * Bindings: which members each pool has in this environment. Both renderers take `{ ips }`,
 * `{ instanceIds }` or `{ targetType }` (members attached later, e.g. by an ECS service or an Auto Scaling
 * group); the CDK construct also takes ELBv2 target objects. The target type follows from the binding.
 */
import type { Problem } from '../../../lib/errors';
import { closest } from '../../../lib/spec/errors';
import { parseIp } from '../../../lib/util/cidr';
import type { AwsPlan } from './types';

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

/** What bindings a renderer takes besides member bindings (the CDK construct: arrays of ELBv2 targets). */
export interface OtherBindings {
  /** True for a binding of the renderer's own kind, which it checks by its types. */
  readonly accepts: (binding: unknown) => boolean;
  /** The kinds, as the fix of a binding of no kind names them. */
  readonly kinds: string;
}

const MEMBER_KINDS = '{ ips }, { instanceIds } or { targetType }';

const INSTANCE_ID = /^i-(?:[0-9a-f]{8}|[0-9a-f]{17})$/;

export function isMemberBinding(value: unknown): value is MemberBinding {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && ('ips' in value || 'instanceIds' in value || 'targetType' in value);
}

const problem = (path: string, message: string, fix?: string): Problem => ({ code: 'LBKIT_AWS_PLACEMENT', path, message, ...(fix ? { fix } : {}) });

/**
 * Every binding problem: a pool the plan uses without a binding, a binding naming no such pool, and each
 * member that is not what its binding says.
 */
export function bindingProblems(plan: AwsPlan, bindings: Readonly<Record<string, unknown>>, other?: OtherBindings): Problem[] {
  const pools = plan.targetGroups.map((tg) => tg.pool);
  const problems: Problem[] = [];
  for (const name of Object.keys(bindings)) {
    if (pools.includes(name)) continue;
    const near = closest(name, pools);
    problems.push(
      problem(
        `bindings.${name}`,
        `no pool '${name}' is used by a frontend${near ? ` (did you mean '${near}'?)` : ''}`,
        `bind the pools the frontends use: ${pools.join(', ')}`,
      ),
    );
  }
  for (const tg of plan.targetGroups) {
    const binding = bindings[tg.pool];
    const at = `bindings.${tg.pool}`;
    if (binding === undefined) {
      problems.push(
        problem(
          at,
          `pool '${tg.pool}' (${tg.path}) has no binding`,
          `give its members ({ ips } or { instanceIds }) or { targetType: 'ip' | 'instance' } to register them later`,
        ),
      );
    } else if (isMemberBinding(binding)) {
      problems.push(...memberProblems(binding, at));
    } else if (!other?.accepts(binding)) {
      problems.push(problem(at, `give ${other ? other.kinds : MEMBER_KINDS}`));
    }
  }
  return problems;
}

function memberProblems(binding: MemberBinding, at: string): Problem[] {
  if ('ips' in binding) {
    return binding.ips.flatMap((ip, i) =>
      parseIp(ip) && !ip.includes('/')
        ? []
        : [problem(`${at}.ips[${i}]`, `'${ip}' is not an IP address`, 'give an IPv4 or IPv6 address, without a prefix length')],
    );
  }
  if ('instanceIds' in binding) {
    return binding.instanceIds.flatMap((id, i) =>
      INSTANCE_ID.test(id) ? [] : [problem(`${at}.instanceIds[${i}]`, `'${id}' is not an EC2 instance id`, 'an instance id is i- and 8 or 17 hex digits')],
    );
  }
  if (binding.targetType !== 'ip' && binding.targetType !== 'instance') {
    return [problem(`${at}.targetType`, `must be 'ip' or 'instance', not '${String(binding.targetType)}'`)];
  }
  return [];
}

/** The target type and members of a binding that bindingProblems found nothing wrong with. */
export function resolveBinding(binding: MemberBinding): ResolvedBinding {
  if ('ips' in binding) return { targetType: 'ip', members: [...binding.ips] };
  if ('instanceIds' in binding) return { targetType: 'instance', members: [...binding.instanceIds] };
  return { targetType: binding.targetType, members: [] };
}

/** A stable id for a member: its address or instance id, with the characters ids cannot hold replaced. */
export function memberId(member: string): string {
  return member.replace(/[^A-Za-z0-9-]/g, '-');
}
