import { readFileSync } from 'node:fs';
import * as compute from '@pulumi/gcp/compute';
import * as pulumi from '@pulumi/pulumi';
import { parse } from 'yaml';
import { LoadBalancer } from '../../../providers/gcp/index';

const network = new compute.Network('shop', { autoCreateSubnetworks: false });
const spec = parse(readFileSync('web.yaml', 'utf8'));
// Managed instance groups the program (or another stack) made; here looked up by id.
const webGroup = compute.InstanceGroupManager.get('web', 'projects/acme/zones/europe-west1-b/instanceGroupManagers/web');
const staticGroup = compute.InstanceGroupManager.get('static', 'projects/acme/zones/europe-west1-b/instanceGroupManagers/static');

const web = new LoadBalancer('web', {
  // Cloud Armor counts per backend service: accepted for this deployment.
  spec: { ...spec, allowNearest: ['gcp-alb-global:rate-limit.client-ip'] },
  network: network.id,
  certificateMap: new pulumi.Config().require('certificateMap'),
  firewall: { targetTags: ['web-members'] },
  bindings: {
    // Managed instance groups with the named port <pool> = pool port.
    web: { instanceGroups: { b: { group: webGroup.instanceGroup } } },
    'web-canary': { networkEndpoints: { b: { zone: 'europe-west1-b', endpoints: [{ ipAddress: '10.20.1.5', instance: 'canary-1' }] } } },
    api: { serverless: { run: { region: 'europe-west1', cloudRun: { service: 'api' } } } },
    static: { instanceGroups: { b: { group: staticGroup.instanceGroup } } },
  },
});

export const address = web.ipAddress;
export {};
