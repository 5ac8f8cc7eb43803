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

/** What an evaluator is given: the model, each region's health, the client's latencies and place, the weighted draw. */
interface Evaluation {
  readonly model: GlobalModel;
  readonly up: (region: string) => boolean;
  readonly latency: Record<string, number>;
  readonly client?: { readonly continent: (typeof CONTINENTS)[number]; readonly country?: string };
  readonly draw: number;
}

/**
 * One row per target: the policies held equal (with the most regions the target's native cell takes), the
 * least weight (1 where weight 0 is not native), whether the spec is delivered by anycast, and the evaluator's
 * answer on the compiled plan.
 */
const TARGET_ROWS: ReadonlyArray<{
  readonly target: string;
  readonly policies: ReadonlyArray<readonly ['latency' | 'geo' | 'failover' | 'weighted', number]>;
  readonly minWeight?: number;
  readonly anycast?: boolean;
  /** gcp-global: the evaluator answers with at least one healthy region (the last is kept up). */
  readonly lastRegionUp?: boolean;
  readonly answer: (e: Evaluation) => string | undefined;
}> = [
  {
    target: 'aws-route53',
    policies: [
      ['latency', 4],
      ['geo', 4],
      ['failover', 2],
      ['weighted', 4],
    ],
    answer: ({ model, up, latency, client, draw }) =>
      route53Answer(planRoute53(model).plan, 'www.example.com', { ...client, latencyMs: latency }, (rec) => up(rec.region), draw),
  },
  {
    target: 'aws-global-accelerator',
    policies: [['latency', 4]],
    anycast: true,
    answer: ({ model, up, latency }) => acceleratorAnswer(planGlobalAccelerator(model).plan, latency, up),
  },
  {
    // Weights 1-1000 only (weight 0 is unsupported there); Priority takes any number of levels.
    target: 'azure-traffic-manager',
    policies: [
      ['latency', 4],
      ['failover', 4],
      ['weighted', 4],
    ],
    minWeight: 1,
    answer: ({ model, up, latency, draw }) => trafficManagerAnswer(planTrafficManager(model).plan, latency, up, draw),
  },
  {
    target: 'gcp-cloud-dns',
    policies: [
      ['failover', 2],
      ['weighted', 4],
    ],
    minWeight: 1,
    answer: ({ model, up, draw }) => cloudDnsAnswer(planCloudDns(model).plan, 'www.example.com', up, draw),
  },
  {
    target: 'azure-front-door',
    policies: [
      ['latency', 4],
      ['failover', 4],
    ],
    anycast: true,
    answer: ({ model, up, latency }) => frontDoorAnswer(planFrontDoor(model).plan, latency, up),
  },
  {
    target: 'gcp-global',
    policies: [['latency', 4]],
    anycast: true,
    lastRegionUp: true,
    answer: ({ model, up, latency }) => gcpGlobalAnswer(planGcpGlobal(model).plan, latency, up),
  },
];

describe.each(TARGET_ROWS.map((row) => [row.target, row] as const))('%s evaluator = lbkit steering', (_target, row) => {
  const def = GLOBAL_TARGETS.find((t) => t.id === row.target)!;
  test.each(row.policies.map(([policy, maxRegions]) => [`${policy}${row.anycast ? ' over anycast' : ''}`, policy, maxRegions] as const))(
    '%s',
    (_name, policy, maxRegions) => {
      fc.assert(
        fc.property(caseArb(policy, maxRegions, row.minWeight ?? 0), ({ spec, client, health, draw }) => {
          const model = modelOf(row.anycast ? { ...spec, delivery: 'anycast' } : spec);
          expect(judgeGlobal(model, def).problems).toEqual([]); // within the native column
          const last = model.regions[model.regions.length - 1].name;
          const up = (region: string) => health[model.regions.findIndex((r) => r.name === region)] || (row.lastRegionUp === true && region === last);
          const steeringClient = client ? { location: client } : {};
          const latency = Object.fromEntries(model.regions.map((r) => [r.name, latencyMs(steeringClient, r)]));
          expect(row.answer({ model, up, latency, client, draw })).toBe(steer(model, steeringClient, (r) => up(r.name), draw).region?.name);
        }),
        { seed: SEED, numRuns: RUNS },
      );
    },
  );
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
