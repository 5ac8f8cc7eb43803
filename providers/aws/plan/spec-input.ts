/** The spec as the construct and the component take it: an object, or a YAML/JSON file. */
import { buildModel, loadModel } from '../../../lib/model/build';
import type { LoadBalancerModel } from '../../../lib/model/types';
import type { LoadBalancerSpec } from '../../../lib/spec/schema';
import { AwsPlacementError } from '../../../lib/errors';

export interface SpecInput {
  /** The spec as an object (TypeScript, or parsed YAML/JSON). Exactly one of spec and specFile. */
  readonly spec?: LoadBalancerSpec;
  /** A spec file (.yaml, .yml or .json), relative to the working directory. Exactly one of spec and specFile. */
  readonly specFile?: string;
}

/** Validates the spec and builds its model; throws SpecValidationError naming every problem's path. */
export function loadSpecInput(input: SpecInput): LoadBalancerModel {
  if ((input.spec === undefined) === (input.specFile === undefined)) {
    throw new AwsPlacementError('give exactly one of spec (an object) and specFile (a YAML or JSON file)');
  }
  return input.spec !== undefined ? buildModel(input.spec) : loadModel(input.specFile!);
}
