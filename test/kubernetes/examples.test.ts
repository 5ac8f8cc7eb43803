/** examples/kubernetes: the Envoy Gateway cdk8s app and the MetalLB Pulumi program build, and their objects pass the CRDs. */
import * as pulumi from '@pulumi/pulumi';
import { Testing } from 'cdk8s';
import type { K8sObject } from '../../providers/kubernetes/objects';
import { checkObjects } from '../../providers/kubernetes/validate/check';
import { loadCrds } from '../../providers/kubernetes/validate/crds';
import { mockPulumi, settle } from '../support/pulumi';
import { CRD_DIR } from './fixtures';

const recorder = mockPulumi();
beforeAll(() => {
  jest.spyOn(pulumi.log, 'warn').mockImplementation(async () => undefined);
});

test('examples/kubernetes/envoy-gateway.ts: the chart holds the web example in namespace shop, valid for the CRDs', () => {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { webChart } = require('../../examples/kubernetes/envoy-gateway') as typeof import('../../examples/kubernetes/envoy-gateway');
  const objects = Testing.synth(webChart(Testing.app())) as K8sObject[];
  expect(objects.map((o) => o.kind)).toEqual(
    expect.arrayContaining(['Gateway', 'HTTPRoute', 'BackendTrafficPolicy', 'ReferenceGrant', 'Service', 'EndpointSlice']),
  );
  expect(objects.filter((o) => o.kind !== 'ReferenceGrant').every((o) => o.metadata.namespace === 'shop')).toBe(true);
  if (!CRD_DIR) return console.log('CRD check skipped: no CRD folder (../shared/reference/k8s-crds, or set LBKIT_K8S_CRDS)');
  expect(checkObjects(objects, loadCrds(CRD_DIR)).findings).toEqual([]);
});

test('examples/kubernetes/metallb.ts: two components, each with an IPAddressPool, an L2Advertisement and its Services', async () => {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const program = require('../../examples/kubernetes/metallb') as typeof import('../../examples/kubernetes/metallb');
  await settle(recorder, [program.postgres, program.dns]);
  for (const c of [program.postgres, program.dns]) {
    expect(c.plan.objects.map((o) => o.kind)).toEqual(expect.arrayContaining(['IPAddressPool', 'L2Advertisement', 'Service']));
    if (CRD_DIR) expect(checkObjects(c.plan.objects, loadCrds(CRD_DIR)).findings).toEqual([]);
  }
  expect(
    recorder
      .ofType('kubernetes:core/v1:Service')
      .map((r) => r.name)
      .sort(),
  ).toEqual(['dns-service-dns-dns', 'orders-db-service-orders-db-postgres']);
});
