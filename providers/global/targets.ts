/** The global targets, each with its column of the global capability table (capabilities/). */
import type { GlobalTargetDef } from '../../lib/capabilities/global-check';
import { AWS_GLOBAL_ACCELERATOR } from './capabilities/aws-global-accelerator';
import { AWS_ROUTE53 } from './capabilities/aws-route53';
import { AZURE_FRONT_DOOR } from './capabilities/azure-front-door';
import { AZURE_TRAFFIC_MANAGER } from './capabilities/azure-traffic-manager';
import { GCP_CLOUD_DNS } from './capabilities/gcp-cloud-dns';
import { GCP_GLOBAL } from './capabilities/gcp-global';

export type GlobalTargetId = 'aws-route53' | 'aws-global-accelerator' | 'azure-traffic-manager' | 'azure-front-door' | 'gcp-cloud-dns' | 'gcp-global';

export const GLOBAL_TARGETS: readonly GlobalTargetDef<GlobalTargetId>[] = [
  { id: 'aws-route53', title: 'Amazon Route 53 (routing policies, health checks, ELB aliases)', delivery: 'dns', family: 'global', column: AWS_ROUTE53 },
  { id: 'aws-global-accelerator', title: 'AWS Global Accelerator (anycast)', delivery: 'anycast', family: 'global', column: AWS_GLOBAL_ACCELERATOR },
  { id: 'azure-traffic-manager', title: 'Azure Traffic Manager (DNS)', delivery: 'dns', family: 'global', column: AZURE_TRAFFIC_MANAGER },
  { id: 'azure-front-door', title: 'Azure Front Door Standard (anycast, L7)', delivery: 'anycast', family: 'global', column: AZURE_FRONT_DOOR },
  { id: 'gcp-cloud-dns', title: 'Google Cloud DNS routing policies with health-checked targets', delivery: 'dns', family: 'global', column: GCP_CLOUD_DNS },
  {
    id: 'gcp-global',
    title: 'Google Cloud global external Application Load Balancer over regional backends',
    delivery: 'anycast',
    family: 'global',
    column: GCP_GLOBAL,
  },
];
