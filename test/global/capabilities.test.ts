/**
 * The global capability table, cell by cell: for every global target and every global feature, a spec that
 * uses the feature is judged exactly as the cell says (native: no finding; nearest: an error under strict, a
 * warning once opted in; unsupported: an error even when opted in). Every cell carries a mapping or a nearest
 * option, and every column's file cites its sources.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { GLOBAL_FEATURES } from '../../lib/capabilities/global-features';
import { judgeGlobal } from '../../lib/capabilities/global-check';
import { buildModel } from '../../lib/model/build';
import { buildGlobalModel } from '../../lib/model/global';
import type { GlobalSpec, RegionSpec } from '../../lib/spec/global-schema';
import { GLOBAL_TARGETS } from '../../providers/global/targets';

const LB = buildModel({
  name: 'web',
  frontends: [{ name: 'http', protocol: 'http', port: 80, defaultAction: { forward: { pool: 'web' } } }],
  pools: [{ name: 'web', protocol: 'http', port: 8080 }],
});
const region = (name: string, extra: Partial<RegionSpec> = {}): RegionSpec => ({
  name,
  loadBalancer: { specFile: 'web.yaml' },
  location: { continent: 'NA', country: 'US' },
  ...extra,
});
const base: GlobalSpec = {
  kind: 'global',
  name: 'g',
  hostNames: ['www.example.com'],
  zone: 'example.com',
  steering: { policy: 'latency' },
  regions: [region('a'), region('b')],
};

/** One spec per feature that uses it (and as little else as it can). */
const FIXTURES: Record<string, GlobalSpec> = {
  'global.delivery.dns': base,
  'global.delivery.anycast': { ...base, delivery: 'anycast' },
  'global.steering.single': { ...base, steering: undefined, regions: [region('a')] },
  'global.steering.latency': base,
  'global.steering.geo': {
    ...base,
    steering: { policy: 'geo', default: 'a' },
    regions: [region('a', { geo: { continents: ['NA'] } }), region('b', { geo: { continents: ['EU'] } })],
  },
  'global.steering.geo.country': { ...base, steering: { policy: 'geo', default: 'a' }, regions: [region('a'), region('b', { geo: { countries: ['DE'] } })] },
  'global.steering.geo.subdivision': {
    ...base,
    steering: { policy: 'geo', default: 'a' },
    regions: [region('a'), region('b', { geo: { subdivisions: ['US-CA'] } })],
  },
  'global.steering.failover': { ...base, steering: { policy: 'failover' }, regions: [region('a', { priority: 1 }), region('b', { priority: 2 })] },
  'global.steering.failover.multi-level': {
    ...base,
    steering: { policy: 'failover' },
    regions: [region('a', { priority: 1 }), region('b', { priority: 2 }), region('c', { priority: 3 })],
  },
  'global.steering.weighted': { ...base, steering: { policy: 'weighted' }, regions: [region('a', { weight: 3 }), region('b', { weight: 1 })] },
  'global.steering.weighted.zero': { ...base, steering: { policy: 'weighted' }, regions: [region('a', { weight: 1 }), region('b', { weight: 0 })] },
  'global.health.probe': { ...base, healthCheck: { path: '/healthz' } },
  'global.health.timeout': { ...base, healthCheck: { timeoutSeconds: 4 } },
  'global.health.asymmetric-thresholds': { ...base, healthCheck: { healthyThreshold: 2, unhealthyThreshold: 3 } },
  'global.health.evaluate-target-health': { ...base, healthCheck: { evaluateTargetHealth: true } },
  'global.health.probe-only': { ...base, healthCheck: { evaluateTargetHealth: false } },
  'global.ttl': { ...base, ttlSeconds: 30 },
  'global.all-unhealthy.fail-closed': { ...base, whenAllUnhealthy: 'fail-closed' },
  'global.hostnames.apex': { ...base, hostNames: ['example.com'] },
};

const modelOf = (spec: GlobalSpec, extra: Partial<GlobalSpec> = {}) =>
  buildGlobalModel({ ...spec, ...extra }, { loadBalancers: Object.fromEntries(spec.regions.map((r) => [r.name, LB])) });

test('every feature has a fixture that uses it, and every column has a cell for every feature', () => {
  expect(Object.keys(FIXTURES).sort()).toEqual(GLOBAL_FEATURES.map((f) => f.id).sort());
  for (const f of GLOBAL_FEATURES) expect(f.detect(modelOf(FIXTURES[f.id])).length).toBeGreaterThan(0);
  for (const t of GLOBAL_TARGETS) expect(Object.keys(t.column.support).sort()).toEqual(GLOBAL_FEATURES.map((f) => f.id).sort());
});

const cells = GLOBAL_TARGETS.flatMap((t) => GLOBAL_FEATURES.map((f) => [t.id, f.id] as const));
test.each(cells)('%s: %s is judged as its cell says', (target, feature) => {
  const def = GLOBAL_TARGETS.find((t) => t.id === target)!;
  const cell = def.column.support[feature];
  const mine = (j: ReturnType<typeof judgeGlobal>) => ({
    errors: j.problems.filter((p) => p.capability?.feature === feature).length,
    warnings: j.warnings.filter((w) => w.feature === feature).length,
  });
  const strict = judgeGlobal(modelOf(FIXTURES[feature]), def);
  expect(strict.used.find((u) => u.feature === feature)?.level).toBe(cell.level);
  const optedIn = judgeGlobal(modelOf(FIXTURES[feature], { allowNearest: [`${target}:${feature}`] }), def);
  if (cell.level === 'native') {
    expect(mine(strict)).toEqual({ errors: 0, warnings: 0 });
    expect(cell.mapping ?? '').not.toBe(undefined);
  } else if (cell.level === 'nearest') {
    expect(mine(strict).errors).toBeGreaterThan(0);
    expect(mine(optedIn)).toMatchObject({ errors: 0 });
    expect(mine(optedIn).warnings).toBeGreaterThan(0);
    expect(cell.mapping.length).toBeGreaterThan(10);
  } else {
    expect(mine(optedIn).errors).toBeGreaterThan(0);
    expect(cell.nearest.length).toBeGreaterThan(5);
  }
});

test('every column file cites a documentation URL for its cells', () => {
  for (const t of GLOBAL_TARGETS) {
    const source = readFileSync(join(__dirname, '../../providers/global/capabilities', `${t.id}.ts`), 'utf8');
    const sources = source.match(/SOURCE: https:\/\/\S+/g) ?? [];
    expect(sources.length).toBeGreaterThanOrEqual(5);
  }
});

test('ranges: Route 53 takes intervals of 10 or 30 s and US subdivisions only; Global Accelerator one port', () => {
  const r53 = GLOBAL_TARGETS.find((t) => t.id === 'aws-route53')!;
  expect(r53.column.checkRanges(modelOf(base, { healthCheck: { intervalSeconds: 15 } })).map((v) => v.path)).toEqual(['healthCheck.intervalSeconds']);
  expect(r53.column.checkRanges(modelOf(base, { healthCheck: { intervalSeconds: 30 } }))).toEqual([]);
  const geo = FIXTURES['global.steering.geo.subdivision'];
  expect(r53.column.checkRanges(modelOf({ ...geo, regions: [geo.regions[0], region('b', { geo: { subdivisions: ['DE-BY'] } })] })).map((v) => v.path)).toEqual([
    'regions[1].geo.subdivisions',
  ]);
  const ga = GLOBAL_TARGETS.find((t) => t.id === 'aws-global-accelerator')!;
  const lb443 = buildModel({
    name: 'web',
    frontends: [{ name: 'http', protocol: 'http', port: 8080, defaultAction: { forward: { pool: 'web' } } }],
    pools: [{ name: 'web', protocol: 'http', port: 8080 }],
  });
  const mixed = buildGlobalModel({ ...base, delivery: 'anycast' }, { loadBalancers: { a: LB, b: lb443 } });
  expect(ga.column.checkRanges(mixed).map((v) => v.message)).toEqual(["the regions' frontends listen on 80, 8080"]);
});
