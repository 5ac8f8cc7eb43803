/** The global targets as aws-cdk-lib constructs: Route 53 (DNS steering) and Global Accelerator (anycast). */
export { GlobalDns, type GlobalDnsProps, type Route53RegionProps } from './route53';
export { GlobalAccelerator, GLOBAL_ACCELERATOR_ZONE_ID, type GlobalAcceleratorProps, type AcceleratorRegionProps } from './global-accelerator';
