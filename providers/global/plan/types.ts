/** The plan of one global target, as the family's backend returns it (plain data). */
import type { CloudDnsPlan } from './cloud-dns';
import type { FrontDoorPlan } from './front-door';
import type { GcpGlobalPlan } from './gcp-global';
import type { AcceleratorPlan } from './global-accelerator';
import type { Route53Plan } from './route53';
import type { TrafficManagerPlan } from './traffic-manager';

export type GlobalPlan =
  | { readonly target: 'aws-route53'; readonly route53: Route53Plan }
  | { readonly target: 'aws-global-accelerator'; readonly accelerator: AcceleratorPlan }
  | { readonly target: 'azure-traffic-manager'; readonly trafficManager: TrafficManagerPlan }
  | { readonly target: 'azure-front-door'; readonly frontDoor: FrontDoorPlan }
  | { readonly target: 'gcp-cloud-dns'; readonly cloudDns: CloudDnsPlan }
  | { readonly target: 'gcp-global'; readonly gcpGlobal: GcpGlobalPlan };
