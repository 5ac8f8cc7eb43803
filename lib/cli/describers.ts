/**
 * The providers' resource describers for `lbkit plan`. Each is built on its provider's plan only (no CDK or
 * Pulumi import), so listing resources needs none of the optional peer dependencies.
 */
import type { TargetId } from '../capabilities/targets';
import { AWS_DESCRIBERS } from '../../providers/aws/describe';
import { AZURE_DESCRIBERS } from '../../providers/azure/describe';
import { GCP_DESCRIBERS } from '../../providers/gcp/describe';
import { registerDescriber, type ResourceDescriber } from './resources';

let registered = false;

export function registerProviderDescribers(): void {
  if (registered) return;
  registered = true;
  for (const describers of [AWS_DESCRIBERS, AZURE_DESCRIBERS, GCP_DESCRIBERS] as Array<Partial<Record<TargetId, ResourceDescriber>>>) {
    for (const [target, describe] of Object.entries(describers)) registerDescriber(target as TargetId, describe!);
  }
}
