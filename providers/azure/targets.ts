/** Azure's targets, each with its column of the capability table (capabilities.ts). */
import type { TargetDef } from '../../lib/backend';
import { AZURE_APPGW, AZURE_LB } from './capabilities';

export type AzureTargetId = 'azure-lb' | 'azure-appgw';

export const AZURE_TARGET_DEFS: readonly TargetDef<AzureTargetId>[] = [
  { id: 'azure-lb', title: 'Azure Load Balancer (Standard)', layer: 'l4', family: 'azure', column: AZURE_LB },
  { id: 'azure-appgw', title: 'Azure Application Gateway v2', layer: 'l7', family: 'azure', column: AZURE_APPGW },
];
