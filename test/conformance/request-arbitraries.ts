/**
 * fast-check arbitraries for the requests of the differential test, aimed at a spec's rules: ones that satisfy a
 * rule (matching), ones that miss a rule by one detail (near-miss: '/apix' for '/api', 'example.com' for
 * '*.example.com', a flipped case, a missing header), and unrelated ones (random).
 */
import fc from 'fast-check';
import type { LoadBalancerSpec, RuleMatchSpec } from '../../lib/spec/schema';
import { CIDRS, GRPC_METHODS, GRPC_SERVICES, HEADER_REGEXES, METHODS, PATH_REGEXES, specArb } from './arbitraries';
import type { ConformanceRequest } from './evaluators/request';
import { PROFILES } from './profiles';
import type { DifferentialTarget } from './support/compile';

/** Hosts, paths and queries of random requests, near the specs' values. */
const RANDOM_HOSTS = [
  'example.com',
  'api.example.com',
  'API.Example.com',
  'x.example.com',
  'a.b.example.com',
  'z.b.example.com',
  'b.example.com',
  'example.org',
  'shop.example.org',
  'other.net',
];
const RANDOM_PATHS = [
  '/',
  '/api',
  '/api/',
  '/api/v1',
  '/api/v1/x',
  '/apix',
  '/API',
  '/static/a.css',
  '/staticx',
  '/a/b',
  '/a/b/c',
  '/a/bc',
  '/x',
  '/x/',
  '/X',
  '/index.html',
  '/v2/x',
  '/v2',
  '/b/c',
  '/files/a.png',
];
/** The content type that makes a request a gRPC call. */
const GRPC_HEADER: [string, string] = ['content-type', 'application/grpc'];
const RANDOM_QUERIES = ['', 'debug=1', 'DEBUG=on', 'v=', 'v=2', 'mode=a*b', 'Mode=axb', 'debug=1&v=2', 'x=y'];
const SOURCES = ['127.0.0.1', '127.0.0.2', '127.0.1.1', '127.0.2.1'];

export type RequestKind = 'matching' | 'near-miss' | 'random';
export interface AimedRequest {
  readonly kind: RequestKind;
  readonly request: ConformanceRequest;
}

interface Parts {
  host: string;
  path: string;
  headers: Array<[string, string]>;
  query: string[];
  method: string;
  sourceIp: string;
}

/** Flips the case of some letters (where the semantics ignore case). */
const recase = (s: string) =>
  fc.constantFrom(
    s,
    s.toUpperCase(),
    s.replace(/^./, (c) => c.toUpperCase()),
  );

function hostHit(h: string): fc.Arbitrary<string> {
  return h.startsWith('*.') ? fc.constantFrom('a', 'z.y', 'shop').chain((label) => recase(`${label}${h.slice(1)}`)) : recase(h);
}

function pathHit(m: NonNullable<RuleMatchSpec['paths']>[number]): fc.Arbitrary<string> {
  if (m.exact !== undefined) return fc.constant(m.exact);
  if (m.prefix !== undefined) {
    const base = m.prefix === '/' ? '' : m.prefix.replace(/\/$/, '');
    return fc.constantFrom('', '/', '/x', '/x/y').map((rest) => `${base}${rest}` || '/');
  }
  return fc.constantFrom(...PATH_REGEXES[m.regex!].hit);
}

function headerHit(h: NonNullable<RuleMatchSpec['headers']>[number]): fc.Arbitrary<[string, string]> {
  // An exact-case value is hit as written (another case would miss it).
  const valueCase = (v: string) => (h.caseSensitive ? fc.constant(v) : recase(v));
  const value =
    h.exact !== undefined
      ? valueCase(h.exact)
      : h.prefix !== undefined
        ? valueCase(h.prefix).map((v) => `${v}tail`)
        : h.regex !== undefined
          ? fc.constantFrom(...HEADER_REGEXES[h.regex].hit)
          : fc.constantFrom('', 'yes');
  return fc.tuple(recase(h.name), value);
}

function queryHit(q: NonNullable<RuleMatchSpec['query']>[number]): fc.Arbitrary<string> {
  const asWritten = (v: string) => (q.caseSensitive ? fc.constant(v) : recase(v));
  return fc.tuple(asWritten(q.name), q.exact !== undefined ? asWritten(q.exact) : fc.constantFrom('', '1')).map(([n, v]) => `${n}=${v}`);
}

/** A gRPC call to a random service and method: POST '/<service>/<method>', content-type application/grpc. */
const grpcCallParts = (base: Parts): fc.Arbitrary<Parts> =>
  fc
    .tuple(fc.constantFrom(...GRPC_SERVICES, 'shop.v1.cart', 'shop.v1'), fc.constantFrom(...GRPC_METHODS, 'get'))
    .map(([svc, m]) => asGrpcCall(base, `/${svc}/${m}`));

/** The parts as a gRPC call to `path`: POST (unless a method condition wants another) with the gRPC content type. */
const asGrpcCall = (base: Parts, path: string, method = 'POST'): Parts => ({
  ...base,
  path,
  method,
  headers: [...base.headers.filter(([n]) => n.toLowerCase() !== 'content-type'), GRPC_HEADER],
});

/**
 * Random parts; `grpcCalls` 'all': every request is a gRPC call (a spec routing gRPC alone), 'some': one in four
 * (a profile routing gRPC beside paths), 'none'.
 */
function randomParts(target: DifferentialTarget, grpcCalls: 'all' | 'some' | 'none' = 'none'): fc.Arbitrary<Parts> {
  const any = plainRandomParts(target);
  if (grpcCalls === 'none') return any;
  const calls = any.chain(grpcCallParts);
  return grpcCalls === 'all' ? calls : fc.oneof({ weight: 3, arbitrary: any }, { weight: 1, arbitrary: calls });
}

function plainRandomParts(target: DifferentialTarget): fc.Arbitrary<Parts> {
  const p = PROFILES[target];
  return fc.record({
    host: fc.constantFrom(...RANDOM_HOSTS),
    path: fc.constantFrom(...RANDOM_PATHS),
    headers: fc
      .subarray(
        [
          ['x-env', 'prod'],
          ['X-Canary', ''],
          ['x-id', '12'],
          ['x-env', 'Beta'],
        ] as Array<[string, string]>,
        { maxLength: 2 },
      )
      .map((hs) => hs.filter((h, i) => hs.findIndex((o) => o[0].toLowerCase() === h[0].toLowerCase()) === i)),
    query: fc.constantFrom(...RANDOM_QUERIES).map((q) => (q ? [q] : [])),
    method: p.methods ? fc.constantFrom(...METHODS) : fc.constant('GET'),
    sourceIp: p.source ? fc.constantFrom(...SOURCES) : fc.constant('127.0.0.1'),
  });
}

/** Parts that satisfy every condition of `match`, starting from random ones. */
function hitParts(target: DifferentialTarget, match: RuleMatchSpec, grpcCalls: 'all' | 'some' | 'none' = 'none'): fc.Arbitrary<Parts> {
  return fc
    .record({
      base: randomParts(target, grpcCalls),
      call: match.grpc ? fc.tuple(fc.constantFrom(...match.grpc), fc.constantFrom(...GRPC_METHODS)) : fc.constant(undefined),
      host: match.hosts ? fc.constantFrom(...match.hosts).chain(hostHit) : fc.constant(undefined),
      path: match.paths ? fc.constantFrom(...match.paths).chain(pathHit) : fc.constant(undefined),
      headers: match.headers ? fc.tuple(...match.headers.map(headerHit)) : fc.constant(undefined),
      query: match.query ? fc.tuple(...match.query.map(queryHit)) : fc.constant(undefined),
      method: match.methods ? fc.constantFrom(...match.methods) : fc.constant(undefined),
      // '10.0.0.0/8' has no loopback address inside: such a rule is only ever missed.
      sourceIp: match.sourceCidrs?.some((c) => CIDRS[c].hit.length)
        ? fc.constantFrom(...match.sourceCidrs.flatMap((c) => CIDRS[c].hit))
        : fc.constant(undefined),
    })
    .map(({ base, call, ...hit }) => {
      const parts: Parts = {
        host: hit.host ?? base.host,
        path: hit.path ?? base.path,
        headers: hit.headers ? [...hit.headers] : base.headers,
        query: hit.query ?? [],
        method: hit.method ?? (match.methods ? base.method : base.method === 'POST' ? 'POST' : 'GET'),
        sourceIp: hit.sourceIp ?? (match.sourceCidrs ? base.sourceIp : '127.0.0.1'),
      };
      // A gRPC condition is hit by a call to its service (and method, when it names one).
      const method = match.methods ? parts.method : 'POST';
      if (call) return asGrpcCall(parts, `/${call[0].service}/${call[0].method ?? call[1]}`, method);
      return grpcCalls === 'all' ? asGrpcCall(parts, base.path, method) : parts;
    });
}

/** One condition of `match`, changed so that it just fails (when it can). */
function miss(match: RuleMatchSpec, parts: Parts, grpcCalls: 'all' | 'some' | 'none' = 'none'): fc.Arbitrary<Parts> {
  const options: fc.Arbitrary<Parts>[] = [];
  if (match.grpc) {
    // Another method, a longer service name, the service in other case; beside paths also the bare service path.
    const misses = match.grpc.flatMap((c) => [
      ...(c.method ? [`/${c.service}/${c.method}x`] : []),
      `/${c.service}x/${c.method ?? 'Get'}`,
      `/${c.service.toLowerCase() === c.service ? c.service.toUpperCase() : c.service.toLowerCase()}/${c.method ?? 'Get'}`,
      ...(grpcCalls === 'all' ? [] : [`/${c.service}`, `/${c.service}x`]),
    ]);
    options.push(
      fc
        .constantFrom(...misses)
        .map((path) => (grpcCalls === 'all' || path.split('/').length === 3 ? asGrpcCall(parts, path, parts.method) : { ...parts, path })),
    );
  }
  if (match.hosts) options.push(fc.constantFrom(...match.hosts).map((h) => ({ ...parts, host: h.startsWith('*.') ? h.slice(2) : `x${h}` })));
  if (match.paths) {
    options.push(
      fc
        .constantFrom(...match.paths)
        .chain((m) => (m.regex !== undefined ? fc.constantFrom(...PATH_REGEXES[m.regex].miss) : fc.constantFrom(...pathMisses((m.exact ?? m.prefix)!))))
        .map((path) => ({ ...parts, path })),
    );
  }
  if (match.headers) {
    options.push(
      fc
        .constantFrom(...match.headers)
        .chain((h) => {
          const drop = parts.headers.filter(([n]) => n.toLowerCase() !== h.name.toLowerCase());
          if (h.present) return fc.constant(drop);
          const value =
            h.regex !== undefined ? fc.constantFrom(...HEADER_REGEXES[h.regex].miss) : fc.constant(h.exact !== undefined ? `${h.exact}x` : `x${h.prefix}`);
          return value.map((v) => [...drop, [h.name, v] as [string, string]]);
        })
        .map((headers) => ({ ...parts, headers })),
    );
  }
  if (match.query)
    options.push(fc.constant({ ...parts, query: match.query.map((q) => (q.exact !== undefined ? `${q.name}=${q.exact}x` : `other=${q.name}`)) }));
  // Exact case: the value (or query name) in another case just misses.
  const swapCase = (v: string) => [...v].map((c) => (c === c.toLowerCase() ? c.toUpperCase() : c.toLowerCase())).join('');
  const exactCaseHeaders = (match.headers ?? []).filter((h) => h.caseSensitive && (h.exact ?? h.prefix));
  if (exactCaseHeaders.length) {
    options.push(
      fc.constantFrom(...exactCaseHeaders).map((h) => ({
        ...parts,
        headers: [...parts.headers.filter(([n]) => n.toLowerCase() !== h.name.toLowerCase()), [h.name, swapCase((h.exact ?? h.prefix)!)] as [string, string]],
      })),
    );
  }
  if (match.query?.some((q) => q.caseSensitive)) {
    options.push(fc.constant({ ...parts, query: match.query.map((q) => `${q.caseSensitive ? swapCase(q.name) : q.name}=${q.exact ?? ''}`) }));
  }
  if (match.methods) options.push(fc.constantFrom(...METHODS.filter((m) => !match.methods!.includes(m))).map((method) => ({ ...parts, method })));
  if (match.sourceCidrs) {
    const outside = SOURCES.filter((ip) => !match.sourceCidrs!.some((c) => CIDRS[c].hit.includes(ip)));
    if (outside.length) options.push(fc.constantFrom(...outside).map((sourceIp) => ({ ...parts, sourceIp })));
  }
  return options.length ? fc.oneof(...options) : fc.constant(parts);
}

/** Paths next to a path value: one more character, another case, one more segment, one less character. */
function pathMisses(value: string): string[] {
  if (value === '/') return ['/x', '/X/'];
  const v = value.replace(/\/$/, '');
  return [...new Set([`${v}x`, `${v}/`, v.toUpperCase(), v.slice(0, -1) || '/x'])];
}

const toRequest = (p: Parts): ConformanceRequest => ({
  frontend: 'web',
  method: p.method,
  host: p.host,
  path: p.path,
  query: p.query.join('&'),
  headers: p.headers,
  sourceIp: p.sourceIp,
});

/**
 * A spec and `count` requests aimed at it. The requests come from a seed and the spec (not from a chained
 * arbitrary), so that when fast-check shrinks a failing spec the requests stay aimed at what is left of it.
 */
export function caseArb(target: DifferentialTarget, count: number): fc.Arbitrary<{ spec: LoadBalancerSpec; requests: AimedRequest[] }> {
  return fc
    .tuple(specArb(target), fc.integer({ min: 0, max: 2 ** 31 - 1 }))
    .map(([spec, seed]) => ({ spec, requests: fc.sample(requestsArb(target, spec, count), { seed, numRuns: 1 })[0] }));
}

/**
 * `count` requests to frontend 'web''s port: about half matching a rule, a quarter near misses, a quarter random;
 * with frontends with host names on the port, one in five aimed at those instead.
 */
export function requestsArb(target: DifferentialTarget, spec: LoadBalancerSpec, count: number): fc.Arbitrary<AimedRequest[]> {
  const web = webRequestArb(target, spec);
  const named = namedRequestArb(target, spec);
  const one = named ? fc.oneof({ weight: 4, arbitrary: web }, { weight: 1, arbitrary: named }) : web;
  return fc.array(one, { minLength: count, maxLength: count });
}

/**
 * A request aimed at a frontend with host names sharing 'web''s port (sent to 'web''s port: the Host binds it): a
 * Host one of their names takes (matching), or one just outside (near-miss: the wildcard's own suffix, one more
 * character); undefined when the spec has none.
 */
function namedRequestArb(target: DifferentialTarget, spec: LoadBalancerSpec): fc.Arbitrary<AimedRequest> | undefined {
  const hostnames = spec.frontends.filter((f) => f.port === spec.frontends[0].port && f.hostnames?.length).flatMap((f) => f.hostnames!);
  if (!hostnames.length) return undefined;
  const name = fc.constantFrom(...hostnames);
  const missed = (h: string) => (h.startsWith('*.') ? h.slice(2) : `x${h}`);
  return fc.oneof(
    fc.tuple(randomParts(target), name.chain(hostHit)).map(([p, host]): AimedRequest => ({ kind: 'matching', request: toRequest({ ...p, host }) })),
    fc.tuple(randomParts(target), name.map(missed)).map(([p, host]): AimedRequest => ({ kind: 'near-miss', request: toRequest({ ...p, host }) })),
  );
}

/** A request aimed at 'web''s rules: matching one (weight 2), just missing one (1), or random (1). */
function webRequestArb(target: DifferentialTarget, spec: LoadBalancerSpec): fc.Arbitrary<AimedRequest> {
  const rules = spec.frontends[0].rules ?? [];
  // A frontend routing gRPC alone (a GRPCRoute on the Gateway API) takes gRPC calls only: a GRPCRoute matches gRPC requests.
  const grpc = PROFILES[target].grpc;
  const calls = grpc === 'only' && rules.some((r) => r.match?.grpc) ? 'all' : grpc ? 'some' : 'none';
  const random = randomParts(target, calls).map((p): AimedRequest => ({ kind: 'random', request: toRequest(p) }));
  if (!rules.length) return random;
  const rule = fc.constantFrom(...rules.map((r) => r.match ?? {}));
  const matching = rule.chain((m) => hitParts(target, m, calls)).map((p): AimedRequest => ({ kind: 'matching', request: toRequest(p) }));
  const nearMiss = rule
    .chain((m) => hitParts(target, m, calls).chain((p) => miss(m, p, calls)))
    .map((p): AimedRequest => ({ kind: 'near-miss', request: toRequest(p) }));
  return fc.oneof({ weight: 2, arbitrary: matching }, { weight: 1, arbitrary: nearMiss }, { weight: 1, arbitrary: random });
}
