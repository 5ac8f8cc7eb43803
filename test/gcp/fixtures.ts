/** Specs and props the GCP tests share. */
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { buildModel } from '../../lib/model/build';
import type { LoadBalancerModel } from '../../lib/model/types';
import type { LoadBalancerSpec } from '../../lib/spec/schema';
import { frontendsToPools } from '../support/specs';
import type { GcpLoadBalancerProps } from '../../providers/gcp/props';

export const PROJECT = 'acme-prod';
export const REGION = 'europe-west1';
export const NETWORK = 'projects/acme-prod/global/networks/main';
export const SUBNETWORK = 'projects/acme-prod/regions/europe-west1/subnetworks/apps';

/** An example spec (examples/specs), with overrides. */
export function example(file: string, overrides: Partial<LoadBalancerSpec> = {}): LoadBalancerModel {
  const spec = parse(readFileSync(`examples/specs/${file}`, 'utf8')) as LoadBalancerSpec;
  return buildModel({ ...spec, ...overrides });
}

/** web.yaml on GCP: rate limits count per backend service there, so the spec accepts that approximation. */
export const webModel = (overrides: Partial<LoadBalancerSpec> = {}) =>
  example('web.yaml', { allowNearest: ['gcp-alb-global:rate-limit.client-ip', 'gcp-alb-regional:rate-limit.client-ip'], ...overrides });

export const webBindings: GcpLoadBalancerProps['bindings'] = {
  web: {
    instanceGroups: {
      'web-b': { group: `projects/${PROJECT}/zones/europe-west1-b/instanceGroups/web-b`, namedPort: { name: 'web-b', zone: 'europe-west1-b' } },
      'web-c': { group: `projects/${PROJECT}/zones/europe-west1-c/instanceGroups/web-c`, capacity: { maxUtilization: 0.6 } },
    },
  },
  'web-canary': {
    networkEndpoints: {
      b: {
        zone: 'europe-west1-b',
        endpoints: [
          { ipAddress: '10.0.1.5', instance: 'canary-1' },
          { ipAddress: '10.0.1.6', port: 8081, instance: 'canary-2' },
        ],
      },
    },
  },
  api: { serverless: { run: { region: REGION, cloudRun: { service: 'api' } } } },
  static: { instanceGroups: { 'static-b': { group: `projects/${PROJECT}/zones/europe-west1-b/instanceGroups/static-b` } } },
};

export const webProps = (overrides: Partial<GcpLoadBalancerProps> = {}): GcpLoadBalancerProps => ({
  model: webModel(),
  project: PROJECT,
  network: NETWORK,
  certificates: { site: { kind: 'self-managed', certificate: '-----BEGIN CERTIFICATE-----site', privateKey: '-----BEGIN PRIVATE KEY-----site' } },
  bindings: webBindings,
  ...overrides,
});

/** Two http frontends on two pools: what the operations tests (alarms, protection) add their parts to. */
export const twoFrontends = (overrides: Partial<LoadBalancerSpec> = {}): LoadBalancerSpec => ({
  ...frontendsToPools('a', [
    ['web', 'http', 80, 'app', 8080],
    ['admin', 'http', 8080, 'ops', 9090],
  ]),
  ...overrides,
});

/** Props that place any model: every pool on an instance group, every certificate self-managed. */
export function placeAnything(model: LoadBalancerModel, overrides: Partial<GcpLoadBalancerProps> = {}): GcpLoadBalancerProps {
  return {
    model,
    project: PROJECT,
    region: REGION,
    network: NETWORK,
    subnetwork: SUBNETWORK,
    proxyOnlySubnet: { ipCidrRange: '10.129.0.0/23' },
    certificates: Object.fromEntries(
      model.certificates.map((c) => [c.name, { kind: 'self-managed' as const, certificate: `CERT ${c.name}`, privateKey: `KEY ${c.name}` }]),
    ),
    trustStores: Object.fromEntries(model.trustStores.map((t) => [t.name, { caCertificates: [`CA ${t.name}`] }])),
    notificationChannels: Object.fromEntries(
      model.alarms.flatMap((a) => (a.notify !== undefined ? [[a.notify, { channel: `projects/${PROJECT}/notificationChannels/${a.notify}` }]] : [])),
    ),
    bindings: Object.fromEntries(
      model.pools.map((p) => [
        p.name,
        {
          instanceGroups: {
            [`${p.name}-b`]: {
              group: `projects/${PROJECT}/zones/europe-west1-b/instanceGroups/${p.name}-b`,
              namedPort: { name: `${p.name}-b`, zone: 'europe-west1-b' },
            },
          },
        },
      ]),
    ),
    ...overrides,
  };
}

/** Pulumi's autonaming gives each resource a `name`; the mocks echo the logical name so references show in snapshots. */
export const autonamed = (_type: string, name: string, inputs: Record<string, unknown>): Record<string, unknown> => ({
  name: inputs.name ?? name,
  selfLink: `https://www.googleapis.com/compute/v1/${name}`,
  address: inputs.ipVersion === 'IPV6' ? '2001:db8::10' : '203.0.113.10',
});

/** Listeners with host names. https 443: a catch-all beside a host-named frontend with a rule; http 80: two host-named frontends, no catch-all (404). */
export const hostnamesSpec: LoadBalancerSpec = {
  name: 'sites',
  allowNearest: ['gcp-alb-global:frontend.hostnames'],
  certificates: [
    { name: 'main', domains: ['example.com'] },
    { name: 'shop', domains: ['shop.example.com'] },
  ],
  frontends: [
    { name: 'main', protocol: 'https', port: 443, tls: { certificate: 'main' }, defaultAction: { forward: { pool: 'web' } } },
    {
      name: 'shop',
      protocol: 'https',
      port: 443,
      hostnames: ['shop.example.com'],
      tls: { certificate: 'shop' },
      rules: [{ name: 'api', match: { paths: [{ prefix: '/api' }] }, action: { forward: { pool: 'api' } } }],
      defaultAction: { forward: { pool: 'shop' } },
    },
    { name: 'blog', protocol: 'http', port: 80, hostnames: ['blog.example.com'], defaultAction: { forward: { pool: 'web' } } },
    { name: 'docs', protocol: 'http', port: 80, hostnames: ['*.docs.example.com'], defaultAction: { forward: { pool: 'shop' } } },
  ],
  pools: ['web', 'shop', 'api'].map((name) => ({ name, protocol: 'http' as const, port: 8080 })),
};
