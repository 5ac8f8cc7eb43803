/**
 * The registry of backends: one line per target family. Everything that works across targets (the CLI,
 * `checkCapabilities` by target id, `lbkit plan`) reads this list; nothing else names the families.
 */
import type { Backend, PlannedResource, TargetDef } from '../lib/backend';
import { checkTarget, scopeOf, assertReport, type CapabilityReport, type ScopeOptions } from '../lib/capabilities/check';
import type { ModelScope } from '../lib/capabilities/features';
import type { CapabilityDiagnostic } from '../lib/errors';
import type { LoadBalancerModel } from '../lib/model/types';
import { AWS_BACKEND } from './aws/backend';
import { AZURE_BACKEND } from './azure/backend';
import { GCP_BACKEND } from './gcp/backend';
import { KUBERNETES_BACKEND } from './kubernetes/backend';
import { LOCAL_BACKEND } from './local/backend';
// Global load balancing (kind: global) has targets of its own, over a GlobalModel (lib/global-backend.ts).
export { GLOBAL_BACKEND, GLOBAL_TARGET_IDS } from './global/backend';

export const BACKENDS = [AWS_BACKEND, AZURE_BACKEND, GCP_BACKEND, LOCAL_BACKEND, KUBERNETES_BACKEND] as const;

/** Every target id, in table order. */
export type TargetId = (typeof BACKENDS)[number]['targets'][number]['id'];

const DEFS: readonly TargetDef<TargetId>[] = BACKENDS.flatMap((b) => b.targets as readonly TargetDef<TargetId>[]);

export const TARGETS: readonly TargetId[] = DEFS.map((d) => d.id);

export const TARGET_INFO = Object.fromEntries(DEFS.map((d) => [d.id, d])) as Readonly<Record<TargetId, TargetDef<TargetId>>>;

/** The capability table: one column per target. */
export const CAPABILITIES = Object.fromEntries(DEFS.map((d) => [d.id, d.column])) as Readonly<Record<TargetId, TargetDef['column']>>;

export function isTarget(value: string): value is TargetId {
  return (TARGETS as readonly string[]).includes(value);
}

/** The family that provides a target. */
export function backendOf(target: TargetId): Backend<unknown, unknown, TargetId> {
  return BACKENDS.find((b) => (b.targets as readonly TargetDef[]).some((t) => t.id === target)) as unknown as Backend<unknown, unknown, TargetId>;
}

/** The part of the model a target compiles: frontends of its layer, the pools they reach, their rate limits. */
export function scopeFor(model: LoadBalancerModel, target: TargetId, options: ScopeOptions = {}): ModelScope {
  return scopeOf(model, TARGET_INFO[target], options);
}

/** The capability report of a model on one target: every feature it uses, with diagnostics under `strict`. */
export function checkCapabilities(model: LoadBalancerModel, target: TargetId, options: ScopeOptions = {}): CapabilityReport {
  return checkTarget(model, TARGET_INFO[target], TARGETS, options);
}

/** Throws CapabilityError when the report has errors; returns the warnings (nearest mappings accepted). */
export function assertCapabilities(model: LoadBalancerModel, target: TargetId, options: ScopeOptions = {}): readonly CapabilityDiagnostic[] {
  return assertReport(checkCapabilities(model, target, options));
}

/**
 * The resources a target gets for a model (`lbkit plan --target`). A spec the target cannot lay out at all
 * gets one row saying why, instead of failing.
 */
export function describeTarget(model: LoadBalancerModel, target: TargetId): PlannedResource[] {
  const backend = backendOf(target);
  const result = backend.plan({ model, target, knownTargets: TARGETS });
  if (result.plan === undefined) {
    return [{ type: 'plan', id: model.name, detail: `not compiled: ${result.problems.map((p) => p.message).join('; ')}` }];
  }
  return backend.describe(result.plan, target);
}
