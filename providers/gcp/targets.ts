/** GCP's targets, each with its column of the capability table (capabilities.ts). */
import type { TargetDef } from '../../lib/backend';
import { GCP_ALB_GLOBAL, GCP_ALB_REGIONAL, GCP_NLB_PASSTHROUGH, GCP_NLB_PROXY } from './capabilities';

export type GcpTargetId = 'gcp-alb-global' | 'gcp-alb-regional' | 'gcp-nlb-passthrough' | 'gcp-nlb-proxy';

export const GCP_TARGETS: readonly TargetDef<GcpTargetId>[] = [
  { id: 'gcp-alb-global', title: 'GCP global external Application Load Balancer', layer: 'l7', family: 'gcp', column: GCP_ALB_GLOBAL },
  { id: 'gcp-alb-regional', title: 'GCP regional (external or internal) Application Load Balancer', layer: 'l7', family: 'gcp', column: GCP_ALB_REGIONAL },
  { id: 'gcp-nlb-passthrough', title: 'GCP passthrough Network Load Balancer', layer: 'l4', family: 'gcp', column: GCP_NLB_PASSTHROUGH },
  { id: 'gcp-nlb-proxy', title: 'GCP proxy Network Load Balancer', layer: 'l4', family: 'gcp', column: GCP_NLB_PROXY },
];
