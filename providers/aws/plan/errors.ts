/** Errors of the AWS backend, with stable codes (see lib/spec/errors.ts). */
import { LbkitError } from '../../../lib/spec/errors';
import type { PlanIssue } from './types';

/** The spec fits the capability table but breaks an ELBv2 or WAFv2 limit once compiled (rules, condition values). */
export class AwsPlanError extends LbkitError {
  constructor(readonly issues: readonly PlanIssue[]) {
    super('LBKIT_AWS_LIMIT', `the spec exceeds AWS limits:\n${issues.map((i) => `  ${i.path}: ${i.message}`).join('\n')}`);
  }
}

/** A placement or binding prop is missing or does not fit the spec (names the prop and the spec path). */
export class AwsPlacementError extends LbkitError {
  constructor(message: string) {
    super('LBKIT_AWS_PLACEMENT', message);
  }
}
