/**
 * fast-check arbitraries for specs: `anySpec` generates structurally valid specs whose references,
 * protocols and values are sometimes wrong (so both models and SpecValidationErrors come out), and
 * `mutated` breaks a spec's structure in one random place (for schema agreement tests).
 */
import fc from 'fast-check';
import type { LoadBalancerSpec } from '../../lib/spec/schema';

const NAMES = ['web', 'api', 'static', 'canary', 'a', 'b'] as const;
export const nameArb = fc.constantFrom(...NAMES);
const hostArb = fc.constantFrom('example.com', 'api.example.com', '*.example.com', 'a.b.example.com', 'EXAMPLE.org');
const pathValueArb = fc.constantFrom('/', '/api', '/api/v1', '/static', '/a/b', '/x/');

const pathMatchArb = fc.oneof(
  pathValueArb.map((v) => ({ prefix: v })),
  pathValueArb.map((v) => ({ exact: v })),
  fc.constantFrom('/v[0-9]+/.*', '/(a|b)/c', '/bad(').map((v) => ({ regex: v })),
);
const headerMatchArb = fc
  .record({ name: fc.constantFrom('x-canary', 'X-Env', 'accept'), kind: fc.constantFrom('exact', 'prefix', 'present') })
  .map(({ name, kind }) => (kind === 'present' ? { name, present: true as const } : { name, [kind]: 'yes' }));
const queryMatchArb = fc
  .record({ name: fc.constantFrom('debug', 'v'), present: fc.boolean() })
  .map(({ name, present }) => (present ? { name, present: true as const } : { name, exact: '1' }));

const matchArb = fc.record(
  {
    hosts: fc.option(fc.array(hostArb, { minLength: 1, maxLength: 2 }), { nil: undefined }),
    paths: fc.option(fc.array(pathMatchArb, { minLength: 1, maxLength: 2 }), { nil: undefined }),
    headers: fc.option(fc.array(headerMatchArb, { minLength: 1, maxLength: 2 }), { nil: undefined }),
    query: fc.option(fc.array(queryMatchArb, { minLength: 1, maxLength: 1 }), { nil: undefined }),
    methods: fc.option(fc.subarray(['GET', 'POST', 'PUT'] as const, { minLength: 1 }), { nil: undefined }),
    sourceCidrs: fc.option(fc.constantFrom(['10.0.0.0/8'], ['192.168.1.0/24', '::1/128'], ['10.0.0.1/8'], ['300.0.0.0/8']), { nil: undefined }),
  },
  { requiredKeys: [] },
);

const actionArb = fc.oneof(
  nameArb.map((pool) => ({ forward: { pool } })),
  fc
    .array(fc.record({ pool: nameArb, weight: fc.integer({ min: 0, max: 1000 }) }), { minLength: 1, maxLength: 3 })
    .map((pools) => ({ weightedForward: { pools } })),
  fc.record({ path: fc.constantFrom('/', '/new'), statusCode: fc.constantFrom(301 as const, 302 as const, 308 as const) }).map((redirect) => ({ redirect })),
  fc.record({ statusCode: fc.constantFrom(200, 404, 503), body: fc.constantFrom('ok', '') }).map((fixedResponse) => ({ fixedResponse })),
);

const frontendArb = fc.record(
  {
    name: nameArb,
    protocol: fc.constantFrom('http' as const, 'https' as const, 'tcp' as const, 'tls' as const, 'udp' as const),
    port: fc.constantFrom(80, 443, 8080, 53),
    tls: fc.option(fc.constant({ certificate: 'site' }), { nil: undefined }),
    redirectHttpToHttps: fc.option(fc.boolean(), { nil: undefined }),
    ruleOrder: fc.option(fc.constantFrom('first-match' as const, 'most-specific' as const), { nil: undefined }),
    rules: fc.option(
      fc.array(fc.record({ name: nameArb, match: fc.option(matchArb, { nil: undefined }), action: actionArb }, { requiredKeys: ['name', 'action'] }), {
        maxLength: 4,
      }),
      { nil: undefined },
    ),
    defaultAction: fc.option(actionArb, { nil: undefined }),
  },
  { requiredKeys: ['name', 'protocol', 'port'] },
);

const poolArb = fc.record(
  {
    name: nameArb,
    protocol: fc.constantFrom('http' as const, 'https' as const, 'tcp' as const, 'tls' as const, 'udp' as const),
    port: fc.integer({ min: 1, max: 65535 }),
    algorithm: fc.option(fc.constantFrom('round-robin' as const, 'ip-hash' as const, 'least-connections' as const), { nil: undefined }),
    healthCheck: fc.option(
      fc.record(
        {
          protocol: fc.option(fc.constantFrom('tcp' as const, 'http' as const), { nil: undefined }),
          intervalSeconds: fc.option(fc.integer({ min: 1, max: 300 }), { nil: undefined }),
          timeoutSeconds: fc.option(fc.integer({ min: 1, max: 120 }), { nil: undefined }),
          successCodes: fc.option(fc.constantFrom('200', '200-299', '299-200'), { nil: undefined }),
        },
        { requiredKeys: [] },
      ),
      { nil: undefined },
    ),
    sessionPersistence: fc.option(fc.constantFrom({ type: 'lb-cookie' as const }, { type: 'source-ip' as const }), { nil: undefined }),
  },
  { requiredKeys: ['name', 'protocol', 'port'] },
);

/** Structurally valid specs, often semantically wrong. Undefined optional fields are removed (as JSON would). */
export const anySpec: fc.Arbitrary<LoadBalancerSpec> = fc
  .record(
    {
      name: nameArb,
      certificates: fc.option(fc.constant([{ name: 'site' }]), { nil: undefined }),
      frontends: fc.array(frontendArb, { minLength: 1, maxLength: 3 }),
      pools: fc.option(fc.array(poolArb, { maxLength: 3 }), { nil: undefined }),
      rateLimits: fc.option(
        fc.array(fc.record({ name: nameArb, limit: fc.integer({ min: 1, max: 1000 }), windowSeconds: fc.constantFrom(1, 60) }), { maxLength: 1 }),
        { nil: undefined },
      ),
    },
    { requiredKeys: ['name', 'frontends'] },
  )
  .map((s) => JSON.parse(JSON.stringify(s)) as LoadBalancerSpec);

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };

/** Every [path, value] of a JSON value. */
function locations(value: Json, path: (string | number)[] = []): Array<[(string | number)[], Json]> {
  const here: Array<[(string | number)[], Json]> = [[path, value]];
  if (Array.isArray(value)) return here.concat(value.flatMap((v, i) => locations(v, [...path, i])));
  if (value && typeof value === 'object') return here.concat(Object.entries(value).flatMap(([k, v]) => locations(v, [...path, k])));
  return here;
}

const replacementArb: fc.Arbitrary<Json | 'DELETE' | 'UNKNOWN_KEY'> = fc.oneof(
  fc.constantFrom<Json | 'DELETE' | 'UNKNOWN_KEY'>('DELETE', 'UNKNOWN_KEY', null, true, 0, -1, 1.5, 70000, '', 'x', 'UPPER', [], {}),
);

/** A spec with one value replaced, deleted, or an unknown key added somewhere. */
export const mutatedSpec: fc.Arbitrary<unknown> = fc.tuple(anySpec, fc.nat(), replacementArb).map(([spec, pick, replacement]) => {
  const copy = JSON.parse(JSON.stringify(spec)) as Json;
  const all = locations(copy);
  const [path] = all[pick % all.length];
  if (path.length === 0) return replacement === 'DELETE' || replacement === 'UNKNOWN_KEY' ? { ...(copy as object), surprise: 1 } : replacement;
  const parent = path.slice(0, -1).reduce<Json>((v, k) => (v as Record<string | number, Json>)[k], copy) as Record<string | number, Json>;
  const key = path[path.length - 1];
  if (replacement === 'DELETE') {
    if (Array.isArray(parent)) parent.splice(key as number, 1);
    else delete parent[key];
  } else if (replacement === 'UNKNOWN_KEY') {
    const target = parent[key];
    if (target && typeof target === 'object' && !Array.isArray(target)) (target as Record<string, Json>).surprise = 1;
    else parent[key] = { surprise: 1 };
  } else parent[key] = replacement;
  return copy;
});

/**
 * Coherent specs: references resolve and protocols fit, so most of them are valid. Used where a property
 * needs real models (and by the fidelity tests as a starting point).
 */
export const coherentSpec: fc.Arbitrary<LoadBalancerSpec> = fc
  .uniqueArray(fc.constantFrom('web', 'api', 'static', 'canary'), { minLength: 1, maxLength: 4 })
  .chain((poolNames) => {
    const poolRef = fc.constantFrom(...poolNames);
    const action = fc.oneof(
      { weight: 4, arbitrary: poolRef.map((pool) => ({ forward: { pool } })) },
      {
        weight: 1,
        arbitrary: fc
          .uniqueArray(poolRef, { minLength: 1, maxLength: poolNames.length })
          .chain((pools) =>
            fc
              .tuple(...pools.map(() => fc.integer({ min: 1, max: 100 })))
              .map((weights) => ({ weightedForward: { pools: pools.map((pool, i) => ({ pool, weight: weights[i] })) } })),
          ),
      },
      { weight: 1, arbitrary: fc.constantFrom({ redirect: { path: '/moved' } }, { fixedResponse: { statusCode: 404, body: 'nope' } }) },
    );
    const validMatch = fc.record(
      {
        hosts: fc.option(fc.array(fc.constantFrom('example.com', 'api.example.com', '*.example.com'), { minLength: 1, maxLength: 2 }), { nil: undefined }),
        paths: fc.option(
          fc.array(
            fc.oneof(
              pathValueArb.map((v) => ({ prefix: v })),
              pathValueArb.map((v) => ({ exact: v })),
              fc.constant({ regex: '/v[0-9]+/.*' }),
            ),
            { minLength: 1, maxLength: 2 },
          ),
          { nil: undefined },
        ),
        headers: fc.option(fc.array(headerMatchArb, { minLength: 1, maxLength: 2 }), { nil: undefined }),
        query: fc.option(fc.array(queryMatchArb, { minLength: 1, maxLength: 1 }), { nil: undefined }),
        methods: fc.option(fc.subarray(['GET', 'POST'] as const, { minLength: 1 }), { nil: undefined }),
      },
      { requiredKeys: [] },
    );
    const rules = fc
      .uniqueArray(fc.constantFrom('r1', 'r2', 'r3', 'r4', 'r5'), { maxLength: 5 })
      .chain((names) => fc.tuple(...names.map((name) => fc.record({ name: fc.constant(name), match: validMatch, action }))));
    return fc.record({
      name: fc.constant('gen'),
      certificates: fc.constant([{ name: 'site' }]),
      frontends: fc
        .tuple(rules, action, fc.constantFrom('first-match' as const, 'most-specific' as const), fc.boolean())
        .map(([rs, defaultAction, ruleOrder, redirect]) => [
          { name: 'https', protocol: 'https' as const, port: 443, tls: { certificate: 'site' }, ruleOrder, rules: rs, defaultAction },
          ...(redirect ? [{ name: 'http', protocol: 'http' as const, port: 80, redirectHttpToHttps: true }] : []),
        ]),
      pools: fc.constant(poolNames.map((name, i) => ({ name, protocol: 'http' as const, port: 8080 + i }))),
    });
  })
  .map((s) => JSON.parse(JSON.stringify(s)) as LoadBalancerSpec);
