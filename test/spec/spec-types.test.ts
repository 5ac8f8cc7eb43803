/**
 * The spec's declared types (lib/spec/types.generated.ts, written from the JSON Schema with docs) are current and
 * are the types zod derives: the generated file equals a fresh generation (jest), and each declared type is
 * identical to `z.input` of its schema (tsc: `npm test` type-checks this file first).
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import ts from 'typescript';
import type { z } from 'zod';
import type * as schema from '../../lib/spec/schema';
import type * as declared from '../../lib/spec/types.generated';
import { specTypeDeclarations } from '../../lib/spec/types-generator';

/** true only when A and B are the same type (not merely assignable: an optional field missing on one side fails). */
type Same<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;

/** Each declared type and the input type of the schema it is generated from. */
type Pairs = {
  LoadBalancerSpec: [declared.LoadBalancerSpec, z.input<typeof schema.loadBalancerSpecSchema>];
  FrontendSpec: [declared.FrontendSpec, z.input<typeof schema.frontendSchema>];
  TlsSpec: [declared.TlsSpec, z.input<typeof schema.tlsSchema>];
  RuleSpec: [declared.RuleSpec, z.input<typeof schema.ruleSchema>];
  RuleMatchSpec: [declared.RuleMatchSpec, z.input<typeof schema.ruleMatchSchema>];
  PathMatchSpec: [declared.PathMatchSpec, z.input<typeof schema.pathMatchSchema>];
  HeaderMatchSpec: [declared.HeaderMatchSpec, z.input<typeof schema.headerMatchSchema>];
  QueryMatchSpec: [declared.QueryMatchSpec, z.input<typeof schema.queryMatchSchema>];
  ActionSpec: [declared.ActionSpec, z.input<typeof schema.actionSchema>];
  ForwardActionSpec: [declared.ForwardActionSpec, z.input<typeof schema.forwardActionSchema>];
  WeightedForwardActionSpec: [declared.WeightedForwardActionSpec, z.input<typeof schema.weightedForwardActionSchema>];
  RedirectActionSpec: [declared.RedirectActionSpec, z.input<typeof schema.redirectActionSchema>];
  FixedResponseActionSpec: [declared.FixedResponseActionSpec, z.input<typeof schema.fixedResponseActionSchema>];
  PoolSpec: [declared.PoolSpec, z.input<typeof schema.poolSchema>];
  HealthCheckSpec: [declared.HealthCheckSpec, z.input<typeof schema.healthCheckSchema>];
  PassiveHealthCheckSpec: [declared.PassiveHealthCheckSpec, z.input<typeof schema.passiveHealthCheckSchema>];
  SessionPersistenceSpec: [declared.SessionPersistenceSpec, z.input<typeof schema.sessionPersistenceSchema>];
  RateLimitSpec: [declared.RateLimitSpec, z.input<typeof schema.rateLimitSchema>];
  AlarmSpec: [declared.AlarmSpec, z.input<typeof schema.alarmSchema>];
  ProtectionSpec: [declared.ProtectionSpec, z.input<typeof schema.protectionSchema>];
  TargetOverlaySpec: [declared.TargetOverlaySpec, z.input<typeof schema.overlaySchema>];
  HeaderModifierSpec: [declared.HeaderModifierSpec, z.input<typeof schema.headerModifierSchema>];
  HeaderFieldSpec: [declared.HeaderFieldSpec, z.input<typeof schema.headerFieldSchema>];
  NamedPartialSpec: [declared.NamedPartialSpec, z.input<typeof schema.namedPartialSchema>];
};

// A property typed `false` here fails to compile: that declared type differs from z.input (run `npm run spec-types`).
const identical: { [K in keyof Pairs]: Same<Pairs[K][0], Pairs[K][1]> } = {
  LoadBalancerSpec: true,
  FrontendSpec: true,
  TlsSpec: true,
  RuleSpec: true,
  RuleMatchSpec: true,
  PathMatchSpec: true,
  HeaderMatchSpec: true,
  QueryMatchSpec: true,
  ActionSpec: true,
  ForwardActionSpec: true,
  WeightedForwardActionSpec: true,
  RedirectActionSpec: true,
  FixedResponseActionSpec: true,
  PoolSpec: true,
  HealthCheckSpec: true,
  PassiveHealthCheckSpec: true,
  SessionPersistenceSpec: true,
  RateLimitSpec: true,
  AlarmSpec: true,
  ProtectionSpec: true,
  TargetOverlaySpec: true,
  HeaderModifierSpec: true,
  HeaderFieldSpec: true,
  NamedPartialSpec: true,
};

// The check can fail: a declaration missing one optional field, or with it required, is not the same type.
// @ts-expect-error drainingSeconds is missing
const missingField: Same<Omit<declared.PoolSpec, 'drainingSeconds'>, z.input<typeof schema.poolSchema>> = true;
// @ts-expect-error port is made optional
const loosenedField: Same<Omit<declared.PoolSpec, 'port'> & { port?: number }, z.input<typeof schema.poolSchema>> = true;

describe('the generated spec types', () => {
  const file = join(__dirname, '../../lib/spec/types.generated.ts');

  test('lib/spec/types.generated.ts is current (regenerate with `npm run spec-types` when this fails)', async () => {
    expect(readFileSync(file, 'utf8')).toBe(await specTypeDeclarations());
  });

  test('every declared type is compared with its schema above', () => {
    const exported = [...readFileSync(file, 'utf8').matchAll(/^export type (\w+) =/gm)].map((m) => m[1]);
    expect(exported.sort()).toEqual(Object.keys(identical).sort());
    expect([missingField, loosenedField]).toEqual([true, true]);
  });

  test('every field has a doc comment, and defaults are @default tags', () => {
    const lines = readFileSync(file, 'utf8').split('\n');
    const undocumented = lines
      .map((line, i) => ({ line, before: lines[i - 1] ?? '' }))
      .filter(({ line }) => /^\s+[$\w]+\??: /.test(line))
      .filter(({ before }) => !/\*\/\s*$/.test(before))
      .map(({ line }) => line.trim());
    expect(undocumented).toEqual([]);
    expect(readFileSync(file, 'utf8')).not.toMatch(/[^\n*] @default /);
  });

  test("an editor shows a field's description, constraints and default on hover", () => {
    const consumer = join(__dirname, 'hover-consumer.ts');
    const text = [
      "import type { LoadBalancerSpec } from '../../lib/spec/schema';",
      "export const spec: LoadBalancerSpec = { name: 'web', frontends: [{ name: 'http', protocol: 'http', port: 80, idleTimeoutSeconds: 30 }],",
      "  pools: [{ name: 'web', protocol: 'http', port: 8080, healthCheck: { timeoutSeconds: 2 } }] };",
    ].join('\n');
    const options: ts.CompilerOptions = {
      strict: true,
      module: ts.ModuleKind.CommonJS,
      moduleResolution: ts.ModuleResolutionKind.Node10,
      skipLibCheck: true,
      types: [],
    };
    const service = ts.createLanguageService({
      getScriptFileNames: () => [consumer],
      getScriptVersion: () => '1',
      getScriptSnapshot: (f) =>
        f === consumer ? ts.ScriptSnapshot.fromString(text) : existsSync(f) ? ts.ScriptSnapshot.fromString(readFileSync(f, 'utf8')) : undefined,
      getCurrentDirectory: () => __dirname,
      getCompilationSettings: () => options,
      getDefaultLibFileName: ts.getDefaultLibFilePath,
      fileExists: (f) => f === consumer || ts.sys.fileExists(f),
      readFile: (f) => (f === consumer ? text : ts.sys.readFile(f)),
    });
    const hover = (field: string) => {
      const info = service.getQuickInfoAtPosition(consumer, text.indexOf(field) + 1);
      return { doc: ts.displayPartsToString(info?.documentation), tags: info?.tags?.map((t) => `@${t.name} ${ts.displayPartsToString(t.text)}`) };
    };
    expect(service.getSemanticDiagnostics(consumer)).toEqual([]);
    expect(hover('idleTimeoutSeconds')).toEqual({ doc: 'An integer, 1 to 4000.', tags: ['@default 60'] });
    expect(hover('timeoutSeconds: 2')).toEqual({ doc: 'Must be below intervalSeconds.\nAn integer, 1 to 120.', tags: ['@default 5'] });
  });
});
