/** What the AWS backend's plan takes besides the model: how to lay the plan out, and the placement to check. */
import type { CompileOptions } from './compile';
import type { AwsPlacement } from './placement';

export interface PlanOptions extends CompileOptions {
  /**
   * Nearest mappings accepted for this deployment, in addition to the model's `allowNearest`
   * ('<feature>' or 'aws-alb:<feature>'). @default none
   */
  readonly allowNearest?: readonly string[];
  /** The placement to hold against the plan (a construct's props). @default none: no placement problems */
  readonly placement?: AwsPlacement;
}
