/** The cdk8s Chart and the Pulumi component emit the plan's objects unchanged: the three outputs are held equal. */
import * as pulumi from '@pulumi/pulumi';
import { App, Testing } from 'cdk8s';
import { CapabilityError } from '../../lib/errors';
import { KubernetesLoadBalancerChart } from '../../providers/kubernetes/cdk8s';
import { compileKubernetes, type KubernetesProps } from '../../providers/kubernetes/compile';
import { objectKey, type K8sObject } from '../../providers/kubernetes/objects';
import { KubernetesLoadBalancer } from '../../providers/kubernetes/pulumi';
import { toYaml } from '../../providers/kubernetes/yaml';
import { parseAllDocuments } from 'yaml';
import { mockPulumi, settle, snapshotOf, valueOf } from '../support/pulumi';
import { ENVOY_WEB_NEAREST, exampleSpec } from './fixtures';

const recorder = mockPulumi();
beforeAll(() => {
  jest.spyOn(pulumi.log, 'warn').mockImplementation(async () => undefined);
});
beforeEach(() => recorder.reset());

/** JSON with keys sorted and undefined dropped: equal objects, equal text. */
const canonical = (v: unknown): unknown =>
  Array.isArray(v)
    ? v.map(canonical)
    : v && typeof v === 'object'
      ? Object.fromEntries(
          Object.entries(v)
            .filter(([, x]) => x !== undefined)
            .sort(([a], [b]) => a.localeCompare(b))
            .map(([k, x]) => [k, canonical(x)]),
        )
      : v;

const CASES: ReadonlyArray<[string, KubernetesProps]> = [
  [
    'web.yaml on k8s-envoy-gateway',
    { spec: exampleSpec('web.yaml', { allowNearest: ENVOY_WEB_NEAREST }), target: 'k8s-envoy-gateway', bindings: { static: { addresses: ['10.1.0.5'] } } },
  ],
  [
    'web.yaml on k8s-gke-gateway',
    { spec: exampleSpec('web.yaml', { rateLimits: [] }), target: 'k8s-gke-gateway', allowNearest: ['k8s-gke-gateway:pool.algorithm.round-robin'] },
  ],
  [
    'grpc.yaml on k8s-envoy-gateway (GRPCRoute)',
    { spec: exampleSpec('grpc.yaml'), target: 'k8s-envoy-gateway', bindings: { checkout: { addresses: ['10.1.0.7'] } } },
  ],
  [
    'udp.yaml on k8s-service with MetalLB',
    {
      spec: exampleSpec('udp.yaml'),
      target: 'k8s-service',
      strict: false,
      metallb: { addresses: ['192.168.10.0/24'] },
      bindings: { resolvers: { addresses: ['10.0.0.53'] } },
    },
  ],
];

/** The registered children's inputs, in the plan's order (Pulumi registers them asynchronously). */
function pulumiObjects(name: string, order: readonly K8sObject[]): unknown[] {
  const children = recorder.resources.filter((r) => r.parent === name).map((r) => r.inputs as unknown as K8sObject);
  return [...children].sort((a, b) => order.findIndex((o) => objectKey(o) === objectKey(a)) - order.findIndex((o) => objectKey(o) === objectKey(b)));
}

describe.each(CASES)('%s', (_title, props) => {
  const expected = compileKubernetes(props).plan.objects;

  test("the YAML renderer writes exactly the plan's objects", () => {
    expect(parseAllDocuments(toYaml(expected)).map((d) => d.toJS())).toEqual(JSON.parse(JSON.stringify(expected)));
  });

  test("the cdk8s Chart synthesizes exactly the plan's objects", () => {
    const chart = new KubernetesLoadBalancerChart(Testing.app(), 'lb', props);
    expect(canonical(Testing.synth(chart))).toEqual(canonical(expected));
  });

  test("the Pulumi component registers exactly the plan's objects, each parented to it, and its outputs", async () => {
    const component = new KubernetesLoadBalancer('lb', props);
    await settle(recorder, [component]);
    expect(canonical(pulumiObjects('lb', expected))).toEqual(canonical(expected));
    expect(recorder.resources.filter((r) => r.type !== 'lbkit:kubernetes:LoadBalancer').every((r) => r.parent === 'lb')).toBe(true);
    expect(Object.keys(await valueOf(component.objectNames))).toHaveLength(expected.length);
  });
});

test('Pulumi resource graph (snapshot)', async () => {
  const component = new KubernetesLoadBalancer('snap', CASES[0][1]);
  await settle(recorder, [component]);
  expect(snapshotOf(recorder)).toMatchSnapshot();
});

test('cdk8s manifest (snapshot)', () => {
  const app = new App({ outdir: 'cdk8s.out' });
  expect(Testing.synth(new KubernetesLoadBalancerChart(app, 'lb', CASES[1][1]))).toMatchSnapshot();
});

test('an input with a problem registers nothing: the error names every problem, and the construct path on cdk8s', () => {
  const props: KubernetesProps = { spec: exampleSpec('web.yaml'), target: 'k8s-gateway' };
  expect(() => new KubernetesLoadBalancer('bad', props)).toThrow(CapabilityError);
  expect(recorder.resources).toEqual([]);
  const app = Testing.app();
  expect(() => new KubernetesLoadBalancerChart(app, 'edge', props)).toThrow(/\n {2}in construct edge$/);
  expect(app.charts).toHaveLength(0);
});
