/**
 * The capability table: feature (rows, features.ts) x target (columns, one file per cloud in columns/)
 * -> native | nearest (naming the mapping) | unsupported (naming the nearest option), plus each target's
 * value ranges. `lbkit plan --target all` prints it for a spec.
 */
import { AWS_ALB, AWS_NLB } from './columns/aws';
import { AZURE_APPGW, AZURE_LB } from './columns/azure';
import { GCP_ALB_GLOBAL, GCP_ALB_REGIONAL, GCP_NLB_PASSTHROUGH, GCP_NLB_PROXY } from './columns/gcp';
import { LOCAL } from './columns/local';
import type { TargetColumn } from './support';
import type { TargetId } from './targets';

export const CAPABILITIES: Readonly<Record<TargetId, TargetColumn>> = {
  'aws-alb': AWS_ALB,
  'aws-nlb': AWS_NLB,
  'azure-lb': AZURE_LB,
  'azure-appgw': AZURE_APPGW,
  'gcp-alb-global': GCP_ALB_GLOBAL,
  'gcp-alb-regional': GCP_ALB_REGIONAL,
  'gcp-nlb-passthrough': GCP_NLB_PASSTHROUGH,
  'gcp-nlb-proxy': GCP_NLB_PROXY,
  local: LOCAL,
};
