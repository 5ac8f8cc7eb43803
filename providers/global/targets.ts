/** The global targets, each with its column of the global capability table (capabilities/). */
import type { GlobalTargetDef } from '../../lib/capabilities/global-check';
import { AWS_GLOBAL_ACCELERATOR } from './capabilities/aws-global-accelerator';
import { AWS_ROUTE53 } from './capabilities/aws-route53';

export type GlobalTargetId = 'aws-route53' | 'aws-global-accelerator';

export const GLOBAL_TARGETS: readonly GlobalTargetDef<GlobalTargetId>[] = [
  { id: 'aws-route53', title: 'Amazon Route 53 (routing policies, health checks, ELB aliases)', delivery: 'dns', family: 'global', column: AWS_ROUTE53 },
  { id: 'aws-global-accelerator', title: 'AWS Global Accelerator (anycast)', delivery: 'anycast', family: 'global', column: AWS_GLOBAL_ACCELERATOR },
];
