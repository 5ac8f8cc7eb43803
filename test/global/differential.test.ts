/**
 * The global steering decision (lib/model/global-steer.ts, which the local emulation executes) held equal to
 * each cloud's evaluator (test/conformance/evaluators/global/), written from the cloud's documentation and run
 * on the compiled plan, over generated global specs, clients and health states within the target's native
 * features. Seeded: LBKIT_GLOBAL_SEED replays a run.
 */
import fc from 'fast-check';
import { judgeGlobal } from '../../lib/capabilities/global-check';
import { buildModel } from '../../lib/model/build';
import { buildGlobalModel } from '../../lib/model/global';
import { latencyMs, steer } from '../../lib/model/global-steer';
import type { GlobalModel } from '../../lib/model/global-types';
import type { GlobalSpec, RegionSpec } from '../../lib/spec/global-schema';
import { GLOBAL_TARGETS } from '../../providers/global/targets';
import { planGlobalAccelerator } from '../../providers/global/plan/global-accelerator';
import { planRoute53 } from '../../providers/global/plan/route53';
import { acceleratorAnswer } from '../conformance/evaluators/global/aws-global-accelerator';
import { trafficManagerAnswer } from '../conformance/evaluators/global/azure-traffic-manager';
import { cloudDnsAnswer } from '../conformance/evaluators/global/gcp-cloud-dns';
import { frontDoorAnswer } from '../conformance/evaluators/global/azure-front-door';
import { planFrontDoor } from '../../providers/global/plan/front-door';
import { gcpGlobalAnswer } from '../conformance/evaluators/global/gcp-global';
import { planGcpGlobal } from '../../providers/global/plan/gcp-global';
import { planTrafficManager } from '../../providers/global/plan/traffic-manager';
import { planCloudDns } from '../../providers/global/plan/cloud-dns';
import { route53Answer } from '../conformance/evaluators/global/aws-route53';

const SEED = Number(process.env.LBKIT_GLOBAL_SEED ?? 18);
const RUNS = 400;
const LB = buildModel({
  name: 'web',
  frontends: [{ name: 'http', protocol: 'http', port: 80, defaultAction: { forward: { pool: 'web' } } }],
  pools: [{ name: 'web', protocol: 'http', port: 8080 }],
});
const CONTINENTS = ['NA', 'EU', 'AS', 'SA'] as const;
const COUNTRIES: Record<string, string[]> = { NA: ['US', 'CA'], EU: ['DE', 'FR', 'IE'], AS: ['IN', 'JP'], SA: ['BR'] };
const placeArb = fc.constantFrom(...CONTINENTS).chain((continent) =>
  fc.record({
    continent: fc.constant(continent),
    country: fc.option(fc.constantFrom(...COUNTRIES[continent]), { nil: undefined }),
  }),
);
const names = ['us-east', 'eu-west', 'ap-south', 'sa-east'];

/** A global spec with 1-4 regions under one policy; geo places are unique across regions. */
function specArb(policy: 'latency' | 'geo' | 'failover' | 'weighted', maxRegions: number, minWeight = 0): fc.Arbitrary<GlobalSpec> {
  return fc.integer({ min: 2, max: maxRegions }).chain((n) =>
    fc
      .record({
        locations: fc.array(placeArb, { minLength: n, maxLength: n }),
        weights: fc.array(fc.integer({ min: minWeight, max: 5 }), { minLength: n, maxLength: n }),
        geo: fc.shuffledSubarray([...CONTINENTS, 'DE', 'US', 'IN', 'FR'], { minLength: 0, maxLength: 6 }),
        owners: fc.array(fc.integer({ min: 0, max: n - 1 }), { minLength: 8, maxLength: 8 }),
        defaultRegion: fc.integer({ min: 0, max: n - 1 }),
      })
      .map(({ locations, weights, geo, owners, defaultRegion }) => {
        const regions: RegionSpec[] = locations
          .map((location, i) => {
            const mine = geo.filter((_, j) => owners[j] === i);
            return {
              name: names[i],
              loadBalancer: { specFile: 'web.yaml' },
              location,
              ...(policy === 'failover' ? { priority: i + 1 } : {}),
              ...(policy === 'weighted' ? { weight: weights[i] } : {}),
              ...(policy === 'geo' && mine.length
                ? {
                    geo: {
                      continents: mine.filter((p) => (CONTINENTS as readonly string[]).includes(p)) as Array<(typeof CONTINENTS)[number]>,
                      countries: mine.filter((p) => !(CONTINENTS as readonly string[]).includes(p)),
                    },
                  }
                : {}),
            };
          })
          .map((r) =>
            r.geo && !r.geo.continents?.length
              ? { ...r, geo: { countries: r.geo.countries } }
              : r.geo && !r.geo.countries?.length
                ? { ...r, geo: { continents: r.geo.continents } }
                : r,
          );
        if (policy === 'weighted' && regions.every((r) => r.weight === 0)) regions[0] = { ...regions[0], weight: 1 };
        return {
          kind: 'global',
          name: 'g',
          hostNames: ['www.example.com'],
          zone: 'example.com',
          steering: policy === 'geo' ? { policy, default: names[defaultRegion] } : { policy },
          regions,
        } as GlobalSpec;
      }),
  );
}

const modelOf = (spec: GlobalSpec): GlobalModel => buildGlobalModel(spec, { loadBalancers: Object.fromEntries(spec.regions.map((r) => [r.name, LB])) });
const caseArb = (policy: Parameters<typeof specArb>[0], maxRegions: number, minWeight = 0) =>
  fc.record({
    spec: specArb(policy, maxRegions, minWeight),
    client: fc.option(placeArb, { nil: undefined }),
    health: fc.array(fc.boolean(), { minLength: 4, maxLength: 4 }),
    draw: fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }),
  });

describe('aws-route53 evaluator = lbkit steering', () => {
  const def = GLOBAL_TARGETS.find((t) => t.id === 'aws-route53')!;
  test.each([
    ['latency', 4],
    ['geo', 4],
    ['failover', 2],
    ['weighted', 4],
  ] as const)('%s', (policy, maxRegions) => {
    fc.assert(
      fc.property(caseArb(policy, maxRegions), ({ spec, client, health, draw }) => {
        const model = modelOf(spec);
        expect(judgeGlobal(model, def).problems).toEqual([]); // within the native column
        const { plan } = planRoute53(model);
        const up = (region: string) => health[model.regions.findIndex((r) => r.name === region)];
        const steeringClient = client ? { location: client } : {};
        const latency = Object.fromEntries(model.regions.map((r) => [r.name, latencyMs(steeringClient, r)]));
        const expected = steer(model, steeringClient, (r) => up(r.name), draw).region?.name;
        const actual = route53Answer(plan, 'www.example.com', { ...client, latencyMs: latency }, (rec) => up(rec.region), draw);
        expect(actual).toBe(expected);
      }),
      { seed: SEED, numRuns: RUNS },
    );
  });
});

describe('aws-global-accelerator evaluator = lbkit steering', () => {
  const def = GLOBAL_TARGETS.find((t) => t.id === 'aws-global-accelerator')!;
  test('latency over anycast', () => {
    fc.assert(
      fc.property(caseArb('latency', 4), ({ spec, client, health }) => {
        const model = modelOf({ ...spec, delivery: 'anycast' });
        expect(judgeGlobal(model, def).problems).toEqual([]);
        const { plan } = planGlobalAccelerator(model);
        const up = (region: string) => health[model.regions.findIndex((r) => r.name === region)];
        const steeringClient = client ? { location: client } : {};
        const latency = Object.fromEntries(model.regions.map((r) => [r.name, latencyMs(steeringClient, r)]));
        expect(acceleratorAnswer(plan, latency, up)).toBe(steer(model, steeringClient, (r) => up(r.name)).region?.name);
      }),
      { seed: SEED, numRuns: RUNS },
    );
  });
});

describe('azure-traffic-manager evaluator = lbkit steering', () => {
  const def = GLOBAL_TARGETS.find((t) => t.id === 'azure-traffic-manager')!;
  // Weights 1-1000 only (weight 0 is unsupported there); Priority takes any number of levels.
  test.each([
    ['latency', 4],
    ['failover', 4],
    ['weighted', 4],
  ] as const)('%s', (policy, maxRegions) => {
    fc.assert(
      fc.property(caseArb(policy, maxRegions, 1), ({ spec, client, health, draw }) => {
        const model = modelOf(spec);
        expect(judgeGlobal(model, def).problems).toEqual([]);
        const { plan } = planTrafficManager(model);
        const up = (region: string) => health[model.regions.findIndex((r) => r.name === region)];
        const steeringClient = client ? { location: client } : {};
        const latency = Object.fromEntries(model.regions.map((r) => [r.name, latencyMs(steeringClient, r)]));
        expect(trafficManagerAnswer(plan, latency, up, draw)).toBe(steer(model, steeringClient, (r) => up(r.name), draw).region?.name);
      }),
      { seed: SEED, numRuns: RUNS },
    );
  });
});

describe('gcp-cloud-dns evaluator = lbkit steering', () => {
  const def = GLOBAL_TARGETS.find((t) => t.id === 'gcp-cloud-dns')!;
  test.each([
    ['failover', 2],
    ['weighted', 4],
  ] as const)('%s', (policy, maxRegions) => {
    fc.assert(
      fc.property(caseArb(policy, maxRegions, 1), ({ spec, client, health, draw }) => {
        const model = modelOf(spec);
        expect(judgeGlobal(model, def).problems).toEqual([]);
        const { plan } = planCloudDns(model);
        const up = (region: string) => health[model.regions.findIndex((r) => r.name === region)];
        const steeringClient = client ? { location: client } : {};
        expect(cloudDnsAnswer(plan, 'www.example.com', up, draw)).toBe(steer(model, steeringClient, (r) => up(r.name), draw).region?.name);
      }),
      { seed: SEED, numRuns: RUNS },
    );
  });
});

describe('azure-front-door evaluator = lbkit steering', () => {
  const def = GLOBAL_TARGETS.find((t) => t.id === 'azure-front-door')!;
  test.each([
    ['latency', 4],
    ['failover', 4],
  ] as const)('%s over anycast', (policy, maxRegions) => {
    fc.assert(
      fc.property(caseArb(policy, maxRegions), ({ spec, client, health }) => {
        const model = modelOf({ ...spec, delivery: 'anycast' });
        expect(judgeGlobal(model, def).problems).toEqual([]);
        const { plan } = planFrontDoor(model);
        const up = (region: string) => health[model.regions.findIndex((r) => r.name === region)];
        const steeringClient = client ? { location: client } : {};
        const latency = Object.fromEntries(model.regions.map((r) => [r.name, latencyMs(steeringClient, r)]));
        expect(frontDoorAnswer(plan, latency, up)).toBe(steer(model, steeringClient, (r) => up(r.name)).region?.name);
      }),
      { seed: SEED, numRuns: RUNS },
    );
  });
});

describe('gcp-global evaluator = lbkit steering', () => {
  const def = GLOBAL_TARGETS.find((t) => t.id === 'gcp-global')!;
  test('latency over anycast, with at least one healthy region', () => {
    fc.assert(
      fc.property(caseArb('latency', 4), ({ spec, client, health }) => {
        const model = modelOf({ ...spec, delivery: 'anycast' });
        expect(judgeGlobal(model, def).problems).toEqual([]);
        const { plan } = planGcpGlobal(model);
        const up = (region: string) => health[model.regions.findIndex((r) => r.name === region)] || region === model.regions[model.regions.length - 1].name;
        const steeringClient = client ? { location: client } : {};
        const latency = Object.fromEntries(model.regions.map((r) => [r.name, latencyMs(steeringClient, r)]));
        expect(gcpGlobalAnswer(plan, latency, up)).toBe(steer(model, steeringClient, (r) => up(r.name)).region?.name);
      }),
      { seed: SEED, numRuns: RUNS },
    );
  });
});

test('the evaluators have teeth: a planted wrong order is caught', () => {
  const model = modelOf({
    kind: 'global',
    name: 'g',
    hostNames: ['www.example.com'],
    zone: 'example.com',
    steering: { policy: 'failover' },
    regions: [
      { name: 'us-east', loadBalancer: { specFile: 'x' }, location: { continent: 'NA' }, priority: 2 },
      { name: 'eu-west', loadBalancer: { specFile: 'x' }, location: { continent: 'EU' }, priority: 1 },
    ],
  });
  const { plan } = planRoute53(model);
  const swapped = {
    ...plan,
    records: plan.records.map((r) => ({
      ...r,
      routing: { policy: 'failover' as const, failover: r.region === 'us-east' ? ('PRIMARY' as const) : ('SECONDARY' as const) },
    })),
  };
  expect(route53Answer(plan, 'www.example.com', { latencyMs: {} }, () => true, 0)).toBe(steer(model, {}, () => true).region?.name);
  expect(route53Answer(swapped, 'www.example.com', { latencyMs: {} }, () => true, 0)).not.toBe(steer(model, {}, () => true).region?.name);
});
