/** The global spec: validation (every problem at once, with path and fix), the model (defaults, ids) and steering. */
import { readdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { SpecValidationError } from '../../lib/errors';
import { buildGlobalModel, globalModelFromText, loadGlobalModel } from '../../lib/model/global';
import { steer, preference } from '../../lib/model/global-steer';
import { globalSpecIssues, globalJsonSchema } from '../../lib/spec/global-load';
import type { GlobalSpec } from '../../lib/spec/global-schema';

const SPECS = resolve(__dirname, '../../examples/global');
const base = (extra: Partial<GlobalSpec> = {}): GlobalSpec => ({
  kind: 'global',
  name: 'shop',
  hostNames: ['www.example.com'],
  zone: 'example.com',
  steering: { policy: 'latency' },
  regions: [
    { name: 'us-east', loadBalancer: { specFile: 'global-region.yaml' }, location: { continent: 'NA', country: 'US' } },
    { name: 'eu-west', loadBalancer: { specFile: 'global-region.yaml' }, location: { continent: 'EU', country: 'IE' } },
  ],
  ...extra,
});

test('the examples load', () => {
  for (const f of ['global-latency', 'global-geo', 'global-failover', 'dns-one']) {
    const m = loadGlobalModel(`${SPECS}/${f}.yaml`);
    expect(m.regions.length).toBeGreaterThan(0);
    expect(m.regions.every((r) => r.frontend === 'http')).toBe(true);
  }
});

test('structural problems are all reported, each with path and fix', () => {
  const issues = globalSpecIssues({
    ...base(),
    delivery: 'carrier-pigeon',
    ttlSeconds: -1,
    regions: [{ name: 'US', loadBalancer: {}, location: { continent: 'XX' }, wieght: 2 }],
  });
  const paths = issues.map((i) => i.path).sort();
  expect(paths).toEqual(
    expect.arrayContaining([
      'delivery',
      'ttlSeconds',
      'regions[0].name',
      'regions[0].loadBalancer.specFile',
      'regions[0].location.continent',
      'regions[0].wieght',
    ]),
  );
  expect(issues.every((i) => i.fix)).toBe(true);
  expect(issues.find((i) => i.path === 'regions[0].wieght')?.fix).toContain("'weight'");
});

test('cross-field problems are all reported at once', () => {
  const issues = globalSpecIssues(
    base({
      hostNames: ['www.example.org', 'www.example.org'],
      steering: { policy: 'geo', default: 'mars' },
      regions: [
        { name: 'a', loadBalancer: { specFile: 'x.yaml' }, location: { continent: 'EU' }, priority: 1, geo: { countries: ['DE'] } },
        { name: 'a', loadBalancer: { specFile: 'x.yaml' }, location: { continent: 'EU' } },
        { name: 'b', loadBalancer: { specFile: 'x.yaml' }, location: { continent: 'EU' }, geo: { countries: ['DE'] } },
      ],
      healthCheck: { protocol: 'tcp', path: '/x', intervalSeconds: 5, timeoutSeconds: 5 },
    }),
  );
  expect(issues.map((i) => i.path)).toEqual(
    expect.arrayContaining([
      'hostNames[0]',
      'hostNames[1]',
      'regions[1].name',
      'steering.default',
      'regions[0].priority',
      'regions[2].geo',
      'healthCheck.timeoutSeconds',
      'healthCheck.path',
    ]),
  );
  expect(issues.every((i) => i.fix)).toBe(true);
});

test('several regions need steering; failover needs unique priorities; weighted needs a positive weight', () => {
  expect(globalSpecIssues(base({ steering: undefined })).map((i) => i.path)).toEqual(['steering']);
  const failover = globalSpecIssues(base({ steering: { policy: 'failover' }, regions: base().regions.map((r) => ({ ...r, priority: 1 })) }));
  expect(failover.map((i) => i.path)).toEqual(['regions[1].priority']);
  const weighted = globalSpecIssues(base({ steering: { policy: 'weighted' }, regions: base().regions.map((r) => ({ ...r, weight: 0 })) }));
  expect(weighted.map((i) => i.path)).toEqual(['regions']);
});

test("problems of a region's load balancer spec are reported under the region, with the line of the global file", () => {
  const text = [
    'kind: global',
    'name: shop',
    'hostNames: [www.example.com]',
    'zone: example.com',
    'steering: { policy: latency }',
    'regions:',
    '  - name: a',
    '    loadBalancer: { specFile: missing.yaml }',
    '    location: { continent: EU }',
    '  - name: b',
    '    loadBalancer: { specFile: global-region.yaml, frontend: https }',
    '    location: { continent: NA }',
  ].join('\n');
  let error: SpecValidationError | undefined;
  try {
    globalModelFromText(text, { baseDir: SPECS, file: 'g.yaml' });
  } catch (e) {
    error = e as SpecValidationError;
  }
  expect(error).toBeInstanceOf(SpecValidationError);
  expect(error!.issues.map((i) => i.path)).toEqual(['regions[0].loadBalancer.specFile', 'regions[1].loadBalancer.frontend']);
  expect(error!.issues[1].fix).toBe('use one of: http');
});

test('defaults and ids: ids come from region names only, so adding a region renames nothing', () => {
  const m = buildGlobalModel(base(), { baseDir: SPECS });
  expect(m).toMatchObject({ delivery: 'dns', ttlSeconds: 60, whenAllUnhealthy: 'fail-open', strict: true });
  expect(m.healthCheck).toEqual({ path: '/', intervalSeconds: 30, timeoutSeconds: 5, healthyThreshold: 3, unhealthyThreshold: 3, evaluateTargetHealth: true });
  expect(m.regions.map((r) => r.id)).toEqual(['UsEast', 'EuWest']);
  expect(m.regions[0].probe).toEqual({ protocol: 'http', port: 80, path: '/' });
  const more = buildGlobalModel(
    base({ regions: [{ name: 'ap-south', loadBalancer: { specFile: 'global-region.yaml' }, location: { continent: 'AS' } }, ...base().regions] }),
    { baseDir: SPECS },
  );
  expect(more.regions.map((r) => r.id)).toEqual(['ApSouth', 'UsEast', 'EuWest']);
  expect(m.written.size).toBe(0);
});

test('the JSON Schema is generated from the same zod schema', () => {
  const schema = globalJsonSchema() as { properties: Record<string, unknown>; required: string[] };
  expect(Object.keys(schema.properties)).toEqual(expect.arrayContaining(['kind', 'hostNames', 'zone', 'delivery', 'steering', 'regions', 'whenAllUnhealthy']));
  expect(schema.required).toEqual(expect.arrayContaining(['kind', 'name', 'hostNames', 'zone', 'regions']));
});

describe('steering', () => {
  const geo = loadGlobalModel(`${SPECS}/global-geo.yaml`);
  const all = () => true;
  test('geo: subdivision/country before continent before default; unhealthy falls back along that order', () => {
    expect(preference(geo, { location: { continent: 'EU', country: 'DE' } }).map((r) => r.name)).toEqual(['eu-central', 'eu-west', 'us-east']);
    expect(preference(geo, {}).map((r) => r.name)).toEqual(['us-east']);
    expect(steer(geo, { location: { continent: 'EU', country: 'DE' } }, (r) => r.name !== 'eu-central').region?.name).toBe('eu-west');
    expect(steer(geo, { location: { continent: 'EU', country: 'DE' } }, () => false)).toEqual({ failedOpen: false });
  });
  test('latency: the nearest healthy region; fail-open answers the nearest of all', () => {
    const lat = loadGlobalModel(`${SPECS}/global-latency.yaml`);
    const client = { location: { continent: 'EU' as const, country: 'FR' } };
    expect(steer(lat, client, all).region?.name).toBe('eu-west');
    expect(steer(lat, client, (r) => r.name !== 'eu-west').region?.name).toBe('us-east');
    expect(steer(lat, { ...client, latencyMs: { 'ap-south': 1 } }, all).region?.name).toBe('ap-south');
    expect(steer(lat, client, () => false)).toMatchObject({ failedOpen: true, region: { name: 'eu-west' } });
  });
  test('weighted: in proportion to weight among healthy regions; weight 0 only when nothing else is healthy', () => {
    const w = buildGlobalModel(
      base({
        steering: { policy: 'weighted' },
        regions: [
          { ...base().regions[0], weight: 3 },
          { ...base().regions[1], weight: 1 },
          { name: 'spare', loadBalancer: { specFile: 'global-region.yaml' }, location: { continent: 'AS' }, weight: 0 },
        ],
      }),
      { baseDir: SPECS },
    );
    const pick = (draw: number, healthy = all as (r: { name: string }) => boolean) => steer(w, {}, healthy, draw).region?.name;
    expect([0, 0.5, 0.74, 0.75, 0.99].map((d) => pick(d))).toEqual(['us-east', 'us-east', 'us-east', 'eu-west', 'eu-west']);
    expect(pick(0.9, (r) => r.name === 'spare')).toBe('spare');
    expect(pick(0.1, (r) => r.name !== 'us-east')).toBe('eu-west');
  });
});

test('the global examples point editors at the committed global schema, and it is up to date', () => {
  for (const file of readdirSync(SPECS).filter((f) => f.endsWith('.yaml'))) {
    const text = readFileSync(`${SPECS}/${file}`, 'utf8');
    const schema = /^kind: global$/m.test(text) ? 'lbkit-global.schema.json' : 'lbkit.schema.json';
    expect({ file, line: text.split('\n')[0] }).toEqual({ file, line: `# yaml-language-server: $schema=../../schema/${schema}` });
  }
  // Regenerate with globalJsonSchema() (lib/spec/global-load.ts) when this fails.
  expect(JSON.parse(readFileSync('schema/lbkit-global.schema.json', 'utf8'))).toEqual(JSON.parse(JSON.stringify(globalJsonSchema())));
});
