/** Per-target overrides (`targets:`) and judging only what the spec writes (`given`, nativeDefaults). */
import type { TargetDef } from '../../lib/backend';
import { checkTarget } from '../../lib/capabilities/check';
import { native, type TargetColumn } from '../../lib/capabilities/support';
import { FEATURES } from '../../lib/capabilities/features';
import { SpecValidationError } from '../../lib/errors';
import { buildModel, layeredModel, modelFor } from '../../lib/model';
import { applyOverlay } from '../../lib/spec/overlay';
import type { LoadBalancerSpec } from '../../lib/spec/schema';
import { checkCapabilities } from '../../providers';
import { thrown } from '../support/thrown';
import { weighted } from '../support/specs';

const base = (): LoadBalancerSpec => ({
  name: 'shop',
  frontends: [
    {
      name: 'web',
      protocol: 'http',
      port: 80,
      rules: [{ name: 'api', match: { paths: [{ prefix: '/api' }] }, action: { forward: { pool: 'api' } } }],
      defaultAction: weighted({ app: 80, canary: 20 }),
    },
  ],
  pools: [
    { name: 'app', protocol: 'http', port: 8080, healthCheck: { path: '/healthz' } },
    { name: 'canary', protocol: 'http', port: 8080 },
    { name: 'api', protocol: 'http', port: 9000 },
  ],
});

describe('applyOverlay', () => {
  test('named lists merge by name, objects merge, null removes, actions are replaced, new names are appended', () => {
    const merged = applyOverlay(base() as Record<string, unknown>, {
      frontends: [
        {
          name: 'web',
          idleTimeoutSeconds: 120,
          defaultAction: { forward: { pool: 'app' } },
          rules: [{ name: 'api', action: { fixedResponse: { statusCode: 503 } } }],
        },
      ],
      pools: [
        { name: 'app', healthCheck: { intervalSeconds: 30, path: null } },
        { name: 'extra', protocol: 'http', port: 1 },
      ],
    }) as unknown as LoadBalancerSpec;
    const web = merged.frontends[0];
    expect(web.idleTimeoutSeconds).toBe(120);
    expect(web.defaultAction).toEqual({ forward: { pool: 'app' } });
    expect(web.rules![0]).toEqual({ name: 'api', match: { paths: [{ prefix: '/api' }] }, action: { fixedResponse: { statusCode: 503 } } });
    expect(merged.pools![0].healthCheck).toEqual({ intervalSeconds: 30 });
    expect(merged.pools!.map((p) => p.name)).toEqual(['app', 'canary', 'api', 'extra']);
    expect(base().frontends[0].defaultAction).toHaveProperty('weightedForward');
  });

  test('$patch: delete removes the named item, in nested named lists too; a directive it cannot carry out is reported', () => {
    const issues: unknown[] = [];
    const merged = applyOverlay(
      base() as Record<string, unknown>,
      {
        frontends: [{ name: 'web', rules: [{ name: 'api', $patch: 'delete' }] }],
        pools: [
          { name: 'api', $patch: 'delete' },
          { name: 'ghost', $patch: 'delete' },
          { name: 'app', $patch: 'replace' },
        ],
      },
      issues as never,
    ) as unknown as LoadBalancerSpec;
    expect(merged.frontends[0].rules).toEqual([]);
    expect(merged.pools!.map((p) => p.name)).toEqual(['app', 'canary']);
    expect(issues).toEqual([
      { path: 'pools[1]', message: "nothing named 'ghost' to delete", fix: 'name an item of the spec, or remove this entry' },
      { path: 'pools[2].$patch', message: "'replace' is not a directive", fix: 'write $patch: delete' },
    ]);
  });

  test('a target that cannot have an alarm deletes it; the others keep it; an unknown name is a spec problem at the override', () => {
    const spec = {
      ...base(),
      alarms: [{ name: 'slow', metric: 'latency', threshold: 500, notify: 'ops' }],
      targets: { 'azure-appgw': { alarms: [{ name: 'slow', $patch: 'delete' }] }, 'gcp-alb-global': { alarms: [{ name: 'fast', $patch: 'delete' }] } },
    };
    expect((thrown(() => buildModel(spec)) as Error).message).toContain("targets.gcp-alb-global.alarms[0]: nothing named 'fast' to delete");
    const { targets: _t, ...ok } = spec;
    const model = buildModel({ ...ok, targets: { 'azure-appgw': spec.targets['azure-appgw'] } });
    expect(modelFor(model, 'azure-appgw').alarms).toEqual([]);
    expect(modelFor(model, 'aws-alb').alarms.map((a) => a.name)).toEqual(['slow']);
  });
});

describe('targets: one spec, what must differ per target', () => {
  const spec = (): LoadBalancerSpec => ({
    ...base(),
    targets: { 'azure-appgw': { frontends: [{ name: 'web', defaultAction: { forward: { pool: 'app' } } }] } },
  });

  test('the override gives its target its own model; other targets keep the spec', () => {
    const model = buildModel(spec());
    expect(modelFor(model, 'azure-appgw').frontends[0].defaultAction).toEqual({ type: 'forward', pool: 'app' });
    expect(modelFor(model, 'aws-alb')).toBe(model);
    expect(model.frontends[0].defaultAction?.type).toBe('weighted-forward');
  });

  test('the capability check judges each target on its own model', () => {
    const model = buildModel(spec());
    expect(checkCapabilities(buildModel(base()), 'azure-appgw').errors.map((e) => e.feature)).toContain('action.weighted-forward');
    expect(checkCapabilities(model, 'azure-appgw').errors.map((e) => e.feature)).not.toContain('action.weighted-forward');
    expect(checkCapabilities(model, 'aws-alb').used.map((u) => u.feature)).toContain('action.weighted-forward');
  });

  test('an override that breaks the spec is a spec problem at the override, naming the merged field', () => {
    const broken = { ...base(), targets: { 'gcp-alb-global': { frontends: [{ name: 'web', defaultAction: { forward: { pool: 'nope' } } }] } } };
    const error = thrown(() => buildModel(broken));
    expect(error).toBeInstanceOf(SpecValidationError);
    expect((error as SpecValidationError).issues).toEqual([
      expect.objectContaining({
        path: 'targets.gcp-alb-global',
        message: expect.stringMatching(/^with this override, frontends\[0\]\.defaultAction\.forward\.pool: unknown pool 'nope'/),
      }),
    ]);
  });

  test('an override naming no known target is a capability config error', () => {
    const model = buildModel({ ...base(), targets: { 'azure-agw': { frontends: [{ name: 'web', idleTimeoutSeconds: 30 }] } } });
    expect(checkCapabilities(model, 'aws-alb').errors).toEqual([expect.objectContaining({ path: 'targets.azure-agw', level: 'config' })]);
  });

  test('layeredModel: L7 frontends from the L7 target, L4 frontends from the L4 target', () => {
    const mixed: LoadBalancerSpec = {
      ...base(),
      frontends: [...base().frontends, { name: 'db', protocol: 'tcp', port: 5432, defaultAction: { forward: { pool: 'pg' } } }],
      pools: [...base().pools!, { name: 'pg', protocol: 'tcp', port: 5432 }],
      targets: {
        'aws-alb': { frontends: [{ name: 'web', idleTimeoutSeconds: 120 }] },
        'aws-nlb': { frontends: [{ name: 'db', idleTimeoutSeconds: 350 }], pools: [{ name: 'pg', drainingSeconds: 10 }] },
      },
    };
    const model = layeredModel(buildModel(mixed), { l7: 'aws-alb', l4: 'aws-nlb' });
    expect(model.frontends.map((f) => [f.name, f.idleTimeoutSeconds])).toEqual([
      ['web', 120],
      ['db', 350],
    ]);
    expect(model.pools.find((p) => p.name === 'pg')!.drainingSeconds).toBe(10);
  });
});

describe('given: a target with native defaults judges only what the spec writes', () => {
  const column = (nativeDefaults: boolean): TargetColumn => ({
    support: Object.fromEntries(FEATURES.map((f) => [f.id, native()])),
    ranges: {},
    nativeDefaults,
    checkRanges: (scope) =>
      scope.frontends.map((f) => ({
        path: `${f.path}.idleTimeoutSeconds`,
        accepted: 'idleTimeoutSeconds 240-1800s',
        message: `idle ${f.idleTimeoutSeconds}s`,
      })),
  });
  const def = (nativeDefaults: boolean): TargetDef => ({ id: 'test-l7', title: 'a test target', layer: 'l7', family: 'test', column: column(nativeDefaults) });

  test('an omitted field is never a range error on such a target; a written one is', () => {
    expect(buildModel(base()).given!.has('frontends[0].idleTimeoutSeconds')).toBe(false);
    expect(checkTarget(buildModel(base()), def(true)).errors).toEqual([]);
    const written = buildModel({ ...base(), frontends: [{ ...base().frontends[0], idleTimeoutSeconds: 60 }] });
    expect(written.given!.has('frontends[0].idleTimeoutSeconds')).toBe(true);
    expect(checkTarget(written, def(true)).errors.map((e) => e.path)).toEqual(['frontends[0].idleTimeoutSeconds']);
  });

  test('a target without native defaults judges lbkit defaults too', () => {
    expect(checkTarget(buildModel(base()), def(false)).errors.map((e) => e.path)).toEqual(['frontends[0].idleTimeoutSeconds']);
  });
});

describe('semantic traps', () => {
  test('session persistence behind a weighted split without group stickiness is a warning with its fix', () => {
    const spec = base();
    spec.pools![0] = { ...spec.pools![0], sessionPersistence: { type: 'lb-cookie' } };
    const warnings = buildModel(spec).warnings.filter((w) => w.code === 'split-without-stickiness');
    expect(warnings).toEqual([
      {
        code: 'split-without-stickiness',
        path: 'frontends[0].defaultAction.weightedForward',
        message: "pool 'app' (lb-cookie) keeps clients on a member, but this split picks a pool per request, so a client moves between its pools",
        fix: 'set stickinessSeconds on the split (group stickiness), or remove sessionPersistence from its pools',
      },
    ]);
    const sticky = base();
    sticky.pools![0] = spec.pools![0];
    sticky.frontends[0] = {
      ...sticky.frontends[0],
      defaultAction: weighted({ app: 80, canary: 20 }, 600),
    };
    expect(buildModel(sticky).warnings.filter((w) => w.code === 'split-without-stickiness')).toEqual([]);
  });
});
