/**
 * lbkit/azure: the spec on Azure with @pulumi/azure-native. L4 frontends become an Azure Load Balancer
 * (Standard), L7 frontends an Application Gateway v2 (WAF_v2 with a WAF policy when the spec has rate limits).
 */
export { LoadBalancer, AZURE_TARGETS } from './load-balancer-component';
export type { AzureLoadBalancerProps, AzurePlacementProps, AzureLoadBalancerPlacement, AzureApplicationGatewayPlacement, AzurePoolBinding } from './props';
export { AzurePropsError, AzurePlanError } from '../../lib/errors';
export { planAzure } from './plan';
export type * from './plan/types';
export { describeAzure } from './describe';
export { AZURE_BACKEND, type AzureBackendOptions } from './backend';
export { AZURE_TARGET_DEFS, type AzureTargetId } from './targets';
export { parentId, subResourceId, type ParentResource, type NetworkParentType } from './ids';
