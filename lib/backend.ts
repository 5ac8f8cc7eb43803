/**
 * The backend contract: what every target family (providers/<family>/) exports, as one object, so that the
 * CLI, the capability engine and the constructs treat every backend the same way. Adding a backend is one
 * folder that exports a `Backend` and one line in providers/index.ts.
 *
 * Nothing here knows a cloud: the families bring their targets, their capability columns (with sources and
 * ranges), their plan and their description of it.
 */
import type { TargetColumn } from './capabilities/support';
import type { CapabilityDiagnostic, Problem } from './errors';
import type { LoadBalancerModel } from './model/types';
import type { LoadBalancerSpec } from './spec/schema';

/** One target: a thing a model compiles to (a cloud product, or the local proxy). */
export interface TargetInfo<Id extends string = string> {
  readonly id: Id;
  readonly title: string;
  /** Frontends of this layer compile to this target; `both` serves all. */
  readonly layer: 'l4' | 'l7' | 'both';
  /** The family that provides it (`aws`, `azure`, `gcp`, `local`). */
  readonly family: string;
}

/** A target with its column of the capability table. */
export interface TargetDef<Id extends string = string> extends TargetInfo<Id> {
  readonly column: TargetColumn;
}

/** A resource a plan creates, as `lbkit plan` lists it. */
export interface PlannedResource {
  /** The provider's resource type, e.g. 'AWS::ElasticLoadBalancingV2::Listener'. */
  readonly type: string;
  /** Stable logical id, derived from names. */
  readonly id: string;
  /** One line on what it does. */
  readonly detail: string;
}

/** What a family's plan returns: the plan (when one could be made) and every problem, never thrown. */
export interface PlanResult<Plan> {
  /** Undefined only when a problem keeps the plan from being made at all. */
  readonly plan?: Plan;
  /** Every problem: capability (for every target concerned), limits and quotas, placement when it was given. */
  readonly problems: readonly Problem[];
  /** Accepted approximations (nearest mappings opted into) and other non-fatal findings. */
  readonly warnings: readonly CapabilityDiagnostic[];
}

/** What a family's plan is computed from. */
export interface PlanScope<Options = unknown, Id extends string = string> {
  readonly model: LoadBalancerModel;
  /**
   * Plan as this one target gets it (`lbkit plan --target`), for families where the target is a choice of
   * placement (GCP global or regional). Absent: the family's targets as `options` place them.
   */
  readonly target?: Id;
  /** The family's options and placement (a construct's props); absent for `lbkit plan`, which checks no placement. */
  readonly options?: Options;
  /**
   * Every registered target id (providers/index.ts), so that an allowNearest entry naming an unknown target is
   * reported. @default none: target prefixes are not checked
   */
  readonly knownTargets?: readonly string[];
}

/**
 * What every target family's backend is, over its own scope (the model it plans) and its own target
 * definitions: the load balancer families below, and the global family (lib/global-backend.ts).
 */
export interface FamilyBackend<Plan, Scope, Def, Id extends string> {
  /** `aws`, `azure`, `gcp`, `local`, `global`. */
  readonly family: string;
  readonly title: string;
  /** Its targets, each with its capability column. */
  readonly targets: readonly Def[];
  /** The plan of a model and every problem; never throws for a problem of the input. */
  plan(scope: Scope): PlanResult<Plan>;
  /** The resources one target of the plan creates, for `lbkit plan`. */
  describe(plan: Plan, target: Id): PlannedResource[];
}

/** One target family. `Plan` is its plain-data plan (no CDK or Pulumi objects), `Options` its placement. */
export type Backend<Plan = unknown, Options = unknown, Id extends string = string> = FamilyBackend<Plan, PlanScope<Options, Id>, TargetDef<Id>, Id>;

/**
 * The input every construct, component and the local proxy take: exactly one of `spec`, `specFile` and
 * `model`, plus how strictly the capability table judges it.
 */
export interface SpecInput {
  /** The spec as an object (TypeScript, or parsed YAML/JSON). Exactly one of spec, specFile and model. */
  readonly spec?: LoadBalancerSpec;
  /** A spec file (.yaml, .yml or .json), relative to the working directory. Exactly one of spec, specFile and model. */
  readonly specFile?: string;
  /** A model already built (`buildModel`, `loadModel`). Exactly one of spec, specFile and model. */
  readonly model?: LoadBalancerModel;
  /**
   * Judge the spec strictly: a nearest or unsupported feature the spec uses is an error. Overrides the spec's own
   * `strict`.
   * @default the spec's `strict` (true unless it says otherwise)
   */
  readonly strict?: boolean;
  /**
   * Nearest mappings accepted for this deployment ('<feature>' or '<target>:<feature>'), added to the spec's
   * `allowNearest`.
   * @default none
   */
  readonly allowNearest?: readonly string[];
}
