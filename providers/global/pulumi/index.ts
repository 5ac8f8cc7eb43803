/** The global targets as Pulumi components. */
export { Route53, type Route53Args, type Route53RegionArgs } from './route53';
export { GlobalAccelerator, type GlobalAcceleratorArgs, type AcceleratorRegionArgs } from './global-accelerator';
export { TrafficManager, type TrafficManagerArgs, type TrafficManagerRegionArgs } from './traffic-manager';
export { CloudDns, type CloudDnsArgs, type CloudDnsRegionArgs } from './cloud-dns';
export { FrontDoor, type FrontDoorArgs, type FrontDoorRegionArgs } from './front-door';
export { GcpGlobal, type GcpGlobalArgs, type GcpGlobalRegionArgs } from './gcp-global';
