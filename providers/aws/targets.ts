/** AWS's targets, each with its column of the capability table (capabilities.ts). */
import type { TargetDef } from '../../lib/backend';
import { AWS_ALB, AWS_NLB } from './capabilities';

export type AwsTargetId = 'aws-alb' | 'aws-nlb';

export const AWS_TARGETS: readonly TargetDef<AwsTargetId>[] = [
  { id: 'aws-alb', title: 'AWS Application Load Balancer', layer: 'l7', family: 'aws', column: AWS_ALB },
  { id: 'aws-nlb', title: 'AWS Network Load Balancer', layer: 'l4', family: 'aws', column: AWS_NLB },
];
