/**
 * A Pulumi program: the web example on GCP (a global external Application Load Balancer, EXTERNAL_MANAGED,
 * with Cloud Armor) and the internal PostgreSQL example (an internal passthrough Network Load Balancer),
 * each one `lbkit:gcp:LoadBalancer`, with managed instance groups as members.
 *
 *   pulumi stack init dev
 *   pulumi config set gcp:project <project>
 *   pulumi config set gcp:region europe-west1
 *   pulumi config set certificateMap //certificatemanager.googleapis.com/projects/<project>/locations/global/certificateMaps/<map>
 *   pulumi up
 *
 * web.yaml's certificate covers *.example.com, which compute-managed certificates cannot: the program uses a
 * Certificate Manager certificate map you create once (its entries name the hosts). In an application,
 * import the component from 'lbkit/gcp' and the spec helpers from 'lbkit'.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as compute from '@pulumi/gcp/compute';
import * as pulumi from '@pulumi/pulumi';
import { parse } from 'yaml';
import type { LoadBalancerSpec } from '../../lib/spec/schema';
import { LoadBalancer } from '../../providers/gcp';

const config = new pulumi.Config();
const region = new pulumi.Config('gcp').require('region');
const zone = `${region}-b`;
const specs = join(__dirname, '..', 'specs');

const network = new compute.Network('lbkit', { autoCreateSubnetworks: false });
const subnet = new compute.Subnetwork('members', { network: network.id, region, ipCidrRange: '10.20.1.0/24' });

/** A managed instance group serving `port` with files that answer the pool's health-check paths. */
function members(pool: string, port: number, paths: string[]): compute.InstanceGroupManager {
  const template = new compute.InstanceTemplate(pool, {
    machineType: 'e2-small',
    disks: [{ sourceImage: 'debian-cloud/debian-12', boot: true, autoDelete: true }],
    networkInterfaces: [{ subnetwork: subnet.id }],
    tags: ['lbkit-members'],
    metadataStartupScript: [
      'mkdir -p /srv && cd /srv',
      ...paths.map((p) => `mkdir -p "$(dirname ".${p}")" && echo ok > ".${p}"`),
      `nohup python3 -m http.server ${port} >/dev/null 2>&1 &`,
    ].join('\n'),
  });
  return new compute.InstanceGroupManager(pool, {
    zone,
    baseInstanceName: pool,
    targetSize: 2,
    versions: [{ instanceTemplate: template.selfLinkUnique }],
    // The pool's named port: proxies reach the members through it (lbkit names it after the pool).
    namedPorts: [{ name: pool, port }],
  });
}
const group = (igm: compute.InstanceGroupManager) => ({ instanceGroups: { [zone]: { group: igm.instanceGroup } } });

// web.yaml's rate limit counts per backend service on GCP (each of the 4 pools its frontend reaches gets
// 600 requests a minute per client): this deployment accepts that approximation by name.
const webSpec = parse(readFileSync(join(specs, 'web.yaml'), 'utf8')) as LoadBalancerSpec;
const web = new LoadBalancer('web', {
  spec: webSpec,
  allowNearest: ['gcp-alb-global:rate-limit.client-ip'],
  network: network.id,
  certificateMap: config.require('certificateMap'),
  firewall: { targetTags: ['lbkit-members'] },
  bindings: {
    web: group(members('web', 8080, ['/healthz'])),
    'web-canary': group(members('web-canary', 8080, ['/healthz'])),
    api: group(members('api', 9000, ['/health', '/v1/index.html'])),
    static: group(members('static', 8081, ['/healthz'])),
  },
});

// internal-tcp.yaml: clients inside the VPC reach the pgbouncer tier on 5432 (passthrough keeps the port).
const db = new LoadBalancer('orders-db', {
  specFile: join(specs, 'internal-tcp.yaml'),
  region,
  network: network.id,
  subnetwork: subnet.id,
  firewall: { targetTags: ['lbkit-members'], internalClientRanges: ['10.20.0.0/16'] },
  bindings: { pgbouncer: group(members('pgbouncer', 5432, [])) },
});

export const webAddress = web.ipAddress;
export const webUrlMaps = web.urlMaps;
export const webWarnings = web.warnings;
export const dbAddress = db.ipAddress;
