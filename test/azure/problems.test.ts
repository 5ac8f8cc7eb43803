/**
 * Every problem at once: the component and AZURE_BACKEND.plan report capability, plan-limit and placement
 * problems together, before anything registers; the input contract (spec | specFile | model, strict).
 */
import { thrown } from '../support/thrown';
import * as pulumi from '@pulumi/pulumi';
import { mockPulumi, settle } from '../support/pulumi';

const recorder = mockPulumi();

import { AzurePlanError, AzurePropsError, CapabilityError, InvalidInputError, type ProblemsError } from '../../lib/errors';
import { buildModel } from '../../lib/model/build';
import type { LoadBalancerSpec } from '../../lib/spec/schema';
import { TARGETS } from '../../providers';
import { AZURE_BACKEND, LoadBalancer, planAzure, type AzureLoadBalancerProps } from '../../providers/azure';
import { exampleModel, exampleSpec, GATEWAY_SUBNET, httpPool, l4Spec, l7Spec, RESOURCE_GROUP, SUBSCRIPTION } from './helpers';
import { mtlsFrontend } from '../support/mtls';

const base = { resourceGroupName: RESOURCE_GROUP, location: 'westeurope', subscriptionId: SUBSCRIPTION };

let warn: jest.SpyInstance;
beforeAll(() => {
  warn = jest.spyOn(pulumi.log, 'warn').mockImplementation(async () => undefined);
});
afterAll(() => warn.mockRestore());

/** What constructing the component throws, and that nothing was registered for it. */
async function failure(name: string, props: AzureLoadBalancerProps): Promise<ProblemsError> {
  recorder.reset();
  const error = thrown(() => new LoadBalancer(name, props));
  await settle(recorder, []);
  expect(recorder.resources.filter((r) => r.name.startsWith(name))).toEqual([]);
  expect(error).toBeDefined();
  return error as ProblemsError;
}

/** Both layers, internal, https with mutual TLS: a spec that asks much of the placement. */
const mixedInternal = (): LoadBalancerSpec => ({
  ...l7Spec(),
  name: 'mixed',
  scheme: 'internal',
  certificates: [{ name: 'site', domains: ['shop.example.com'] }],
  trustStores: [{ name: 'clients' }],
  frontends: [mtlsFrontend('web', 'app'), ...l4Spec().frontends],
  pools: [httpPool('app'), ...l4Spec().pools!],
  allowNearest: ['azure-appgw:pool.fail-closed', 'azure-lb:pool.health.tcp'],
});

test('a broken placement reports every problem in one AzurePropsError, in the order of the props', async () => {
  const e = await failure('broken', {
    ...base,
    spec: mixedInternal(),
    certificates: {},
    bindings: { nope: { ipAddresses: ['10.0.0.1'] }, pg: { fqdns: ['db.example.com'], ipAddresses: ['10.0.0.2'] }, app: { ipv6Addresses: ['fd00::1'] } },
  });
  expect(e).toBeInstanceOf(AzurePropsError);
  expect(e.problems.map((p) => p.path)).toEqual([
    'loadBalancer.subnetId',
    'applicationGateway.subnetId',
    'applicationGateway.privateIPAddress',
    'applicationGateway.identityId',
    'certificates.site',
    'trustStores.clients',
    'bindings.nope',
    'bindings.pg.fqdns',
    'bindings.pg.virtualNetworkId',
    'bindings.app.ipv6Addresses',
  ]);
  expect((e as AzurePropsError).prop).toBe('loadBalancer.subnetId');
  for (const p of e.problems) expect(e.message).toContain(`${p.path}: ${p.message}`);
  expect(e.problems[0].fix).toMatch(/loadBalancer\.subnetId/);
});

test('problems of several layers (capability, Azure limit, placement) come together in one InvalidInputError', async () => {
  const e = await failure('layers', {
    ...base,
    spec: {
      ...l7Spec(),
      // Without its opt-in, fail-closed (a 502, not a 503) is a strict capability error on azure-appgw.
      allowNearest: ['azure-appgw:rate-limit.client-ip'],
      // 'a-1' and 'a1' both become the WAF custom rule name 'A1'.
      rateLimits: [
        { name: 'a-1', limit: 5, windowSeconds: 60 },
        { name: 'a1', limit: 6, windowSeconds: 60 },
      ],
    },
    bindings: { nope: { ipAddresses: ['10.0.0.1'] } },
  });
  expect(e).toBeInstanceOf(InvalidInputError);
  expect(e.code).toBe('LBKIT_INVALID_INPUT');
  expect(e.problems.map((p) => [p.code, p.path])).toEqual([
    ['LBKIT_CAPABILITY', 'pools[0].whenAllUnhealthy'],
    ['LBKIT_AZURE_PLAN', 'rateLimits[1].name'],
    ['LBKIT_AZURE_PROPS', 'applicationGateway.subnetId'],
    ['LBKIT_AZURE_PROPS', 'bindings.nope'],
  ]);
  expect(e.problems[1]).toMatchObject({
    target: 'azure-appgw',
    message: expect.stringContaining("two WAF custom rules the name 'A1'"),
    fix: expect.stringContaining("'a-1' or 'a1'"),
  });
});

describe('AZURE_BACKEND.plan: the plan and every problem, never thrown', () => {
  test('a spec the table refuses: the capability problems only, once each, and no plan', () => {
    const model = exampleModel('web.yaml');
    const result = AZURE_BACKEND.plan({ model, knownTargets: TARGETS });
    expect(result.plan).toBeUndefined();
    expect(result.problems.length).toBeGreaterThan(0);
    expect(result.problems.every((p) => p.code === 'LBKIT_CAPABILITY')).toBe(true);
    expect(new Set(result.problems.map((p) => `${p.target} ${p.path} ${p.message}`)).size).toBe(result.problems.length);
    expect(result.problems.map((p) => p.capability?.feature)).toContain('action.weighted-forward');
  });

  test('planned alone (no capability check), the same spec throws AzurePlanError naming the shape and its path', () => {
    const error = thrown(() => planAzure(exampleModel('web.yaml')));
    expect(error).toBeInstanceOf(AzurePlanError);
    expect((error as AzurePlanError).problems).toEqual([
      {
        code: 'LBKIT_AZURE_PLAN',
        path: 'frontends[0].defaultAction',
        target: 'azure-appgw',
        message: expect.stringContaining('weighted-forward'),
        fix: 'forward to one pool or redirect',
      },
    ]);
  });

  test('one target: only its part is judged and planned', () => {
    const model = buildModel({ ...mixedInternal(), scheme: 'external' });
    const lb = AZURE_BACKEND.plan({ model, target: 'azure-lb', knownTargets: TARGETS });
    expect(lb.problems).toEqual([]);
    expect(Object.keys(lb.plan!)).toEqual(['loadBalancer']);
    const both = AZURE_BACKEND.plan({ model, knownTargets: TARGETS });
    expect(Object.keys(both.plan!)).toEqual(['loadBalancer', 'applicationGateway']);
  });

  test('placement is checked only when given (lbkit plan gives none)', () => {
    const model = buildModel(l7Spec());
    expect(AZURE_BACKEND.plan({ model }).problems).toEqual([]);
    expect(AZURE_BACKEND.plan({ model, options: { placement: {} } }).problems.map((p) => p.path)).toEqual(['applicationGateway.subnetId']);
  });
});

describe('the input contract', () => {
  test('a typed spec compiles like its model', async () => {
    recorder.reset();
    const component = new LoadBalancer('typed', { ...base, spec: l7Spec(), applicationGateway: { subnetId: GATEWAY_SUBNET } });
    await settle(recorder, [component]);
    expect(component.model).toEqual(buildModel(l7Spec()));
    expect(recorder.resources.map((r) => r.type)).toContain('azure-native:network:ApplicationGateway');
  });

  test('two inputs at once: one AzurePropsError at props.model', async () => {
    const e = await failure('doubled', { ...base, spec: l7Spec(), model: buildModel(l7Spec()) });
    expect(e).toBeInstanceOf(AzurePropsError);
    expect((e as AzurePropsError).prop).toBe('model');
    expect(e.message).toContain('got 2');
  });

  test('strict: false accepts the nearest mappings the spec did not opt into, as warnings', async () => {
    const spec = exampleSpec('internal-tcp.yaml');
    await expect(failure('strict', { ...base, spec, loadBalancer: { subnetId: GATEWAY_SUBNET } })).resolves.toBeInstanceOf(CapabilityError);
    recorder.reset();
    const component = new LoadBalancer('lenient', { ...base, spec, strict: false, loadBalancer: { subnetId: GATEWAY_SUBNET } });
    await settle(recorder, [component]);
    expect(component.warnings.map((w) => w.feature)).toEqual(['pool.health.tcp', 'pool.draining']);
  });
});
