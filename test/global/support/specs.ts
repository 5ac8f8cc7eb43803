/**
 * The example global specs as the tests read them, and the GCP global deployments the deploy-validity test
 * renders: every Cloud DNS routing policy lbkit writes (plain record, geolocation, weighted round robin,
 * primary/backup) and the global external Application Load Balancer, each with IPv4 regions and with dualstack
 * regions (A, then A and AAAA record sets).
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { buildGlobalModel } from '../../../lib/model/global';
import { loadModel } from '../../../lib/model/build';
import type { GlobalModel } from '../../../lib/model/global-types';
import type { CloudDnsArgs, GcpGlobalArgs } from '../../../providers/global/pulumi';

export const SPECS = resolve(__dirname, '../../../examples/global');
export const readSpec = (file: string) => parseYaml(readFileSync(`${SPECS}/${file}`, 'utf8'));
/** The latency example delivered by anycast, every problem a warning: the input of an anycast component. */
export const latencyOverAnycast = () => ({ spec: { ...readSpec('global-latency.yaml'), delivery: 'anycast' }, baseDir: SPECS, strict: false });

const GCP: Record<string, string> = { main: 'europe-west1', 'us-east': 'us-east1', 'eu-west': 'europe-west1', 'ap-south': 'asia-south1' };
/** Documentation addresses (RFC 5737, RFC 3849) per region. */
const placement = (names: readonly string[]) =>
  Object.fromEntries(names.map((n, i) => [n, { gcpRegion: GCP[n], ipAddress: `203.0.113.${i + 10}`, ipv6Address: `2001:db8::${i + 10}` }]));

/** The global model of a spec object, every region running global-region.yaml, IPv4 or dualstack. */
export function globalModel(spec: object, family: 'ipv4' | 'dualstack'): GlobalModel {
  const lb = { ...loadModel(`${SPECS}/global-region.yaml`), ipAddressType: family };
  const names = (spec as { regions: Array<{ name: string }> }).regions.map((r) => r.name);
  return buildGlobalModel(spec, { baseDir: SPECS, loadBalancers: Object.fromEntries(names.map((n) => [n, lb])) });
}

const SLOW_PROBE = { path: '/', intervalSeconds: 30 };
const latency = readSpec('global-latency.yaml');
const failover = readSpec('global-failover.yaml');

/** Cloud DNS: one spec per routing policy; the health check probes every 30 s (its least interval with source regions). */
const CLOUD_DNS: ReadonlyArray<{ name: string; spec: object; allowNearest?: string[] }> = [
  { name: 'single', spec: readSpec('dns-one.yaml') },
  { name: 'geo', spec: { ...latency, healthCheck: SLOW_PROBE }, allowNearest: ['gcp-cloud-dns:global.steering.latency'] },
  {
    name: 'wrr',
    spec: {
      ...latency,
      steering: { policy: 'weighted' },
      healthCheck: SLOW_PROBE,
      regions: latency.regions.map((r: object, i: number) => ({ ...r, weight: [3, 1, 2][i] })),
    },
  },
  { name: 'primary-backup', spec: { ...failover, delivery: 'dns', healthCheck: SLOW_PROBE, regions: failover.regions.slice(0, 2) } },
];

export interface Deployment<A> {
  readonly name: string;
  readonly args: A;
}

export const cloudDnsDeployments = (): Array<Deployment<CloudDnsArgs>> =>
  CLOUD_DNS.flatMap(({ name, spec, allowNearest }) =>
    (['ipv4', 'dualstack'] as const).map((family) => {
      const model = globalModel(spec, family);
      return {
        name: `${name}-${family}`,
        args: {
          model,
          allowNearest,
          managedZone: 'example-com',
          regions: placement(model.regions.map((r) => r.name)),
          healthCheckSourceRegions: ['us-east4', 'europe-west2', 'asia-southeast1'],
        },
      };
    }),
  );

export const gcpGlobalDeployments = (): Array<Deployment<GcpGlobalArgs>> =>
  (['ipv4', 'dualstack'] as const).map((family) => {
    const model = globalModel({ ...latency, delivery: 'anycast' }, family);
    return {
      name: `anycast-${family}`,
      args: {
        model,
        strict: false,
        managedZone: 'example-com',
        regions: Object.fromEntries(model.regions.map((r) => [r.name, { backendGroup: `projects/p/regions/${GCP[r.name]}/instanceGroups/shop-${r.name}` }])),
      },
    };
  });
