/**
 * fast-check arbitraries for the differential test: specs within one target's native routing (the rows the
 * target's column marks native: conditions, actions, redirect statuses), and requests aimed at a spec's rules:
 * ones that satisfy a rule (matching), ones that miss a rule by one detail (near-miss: '/apix' for '/api',
 * 'example.com' for '*.example.com', a flipped case, a missing header), and unrelated ones (random).
 *
 * Every rule has its own outcome (its pools p<i>/q<i>, a redirect to '/r<i>' or a body 'r<i>'), so agreeing
 * on the outcome means agreeing on the rule.
 */
import fc from 'fast-check';
import type { ActionSpec, FrontendSpec, LoadBalancerSpec, RuleMatchSpec, RuleSpec } from '../../lib/spec/schema';
import type { ConformanceRequest } from './evaluators/request';
import { POOL_ROWS_ACCEPTED } from './scenarios/scenario';
import type { DifferentialTarget } from './support/compile';

/** What a target routes natively (its capability column), as the generator needs it. */
interface Profile {
  readonly pathKinds: readonly ('exact' | 'prefix' | 'regex')[];
  readonly headerKinds: readonly ('exact' | 'prefix' | 'regex' | 'present')[];
  readonly query: boolean;
  readonly methods: boolean;
  readonly source: boolean;
  readonly weighted: boolean;
  readonly fixed: boolean;
  readonly redirectCodes: readonly (301 | 302 | 303 | 307 | 308)[];
  /** Redirects without a host must land on a listener of the gateway, path unset or '/', query unset or ''. */
  readonly listenerRedirects: boolean;
  /** Redirects keep the port and cannot set a query other than '' (GCP). */
  readonly keepPortAndQuery: boolean;
  /** Redirects always keep the query: neither set nor stripped (Gateway API RequestRedirect has no query field). */
  readonly keepsQuery?: boolean;
  /** Header and query conditions may ask for exact case (`caseSensitive`, issue 16). */
  readonly caseSensitive: boolean;
  /** Query conditions only with exact case (GCP compares parameter names exactly). */
  readonly queryOnlyCaseSensitive?: boolean;
  /**
   * gRPC call conditions (rule.match.grpc): 'mixed' beside path rules (a path condition underneath: ALB path
   * patterns, GCP URL maps); 'only' in specs whose rules are all gRPC (a GRPCRoute frontend on the Gateway API).
   */
  readonly grpc?: 'mixed' | 'only';
}

/** GCP routes methods through the ':method' pseudo-header (compute v1 HttpHeaderMatch.headerName). */
const GCP: Profile = {
  pathKinds: ['exact', 'prefix', 'regex'],
  headerKinds: ['exact', 'prefix', 'regex', 'present'],
  query: true,
  methods: true,
  source: false,
  weighted: true,
  fixed: false,
  redirectCodes: [301, 302, 303, 307, 308],
  listenerRedirects: false,
  keepPortAndQuery: true,
  caseSensitive: true,
  queryOnlyCaseSensitive: true,
  grpc: 'mixed',
};
export const PROFILES: Readonly<Record<DifferentialTarget, Profile>> = {
  'aws-alb': {
    pathKinds: ['exact', 'prefix', 'regex'],
    headerKinds: ['exact', 'prefix', 'regex', 'present'],
    query: true,
    methods: true,
    source: true,
    weighted: true,
    fixed: true,
    redirectCodes: [301, 302],
    listenerRedirects: false,
    keepPortAndQuery: false,
    caseSensitive: false,
    grpc: 'mixed',
  },
  'azure-appgw': {
    pathKinds: [],
    headerKinds: [],
    query: false,
    methods: false,
    source: false,
    weighted: false,
    fixed: false,
    redirectCodes: [301, 302, 303, 307],
    listenerRedirects: true,
    keepPortAndQuery: false,
    caseSensitive: false,
  },
  'gcp-alb-global': GCP,
  'gcp-alb-regional': GCP,
  // The portable standard channel: header and query matches are nearest there (values compare case-sensitively).
  'k8s-gateway': {
    pathKinds: ['exact', 'prefix'],
    headerKinds: [],
    query: false,
    methods: true,
    source: false,
    weighted: true,
    fixed: false,
    redirectCodes: [301, 302, 303, 307, 308],
    listenerRedirects: false,
    keepPortAndQuery: false,
    keepsQuery: true,
    caseSensitive: false,
    grpc: 'only',
  },
};

// ---------------------------------------------------------------------------------------------------------
// Values, with requests that match them and requests that just miss them
// ---------------------------------------------------------------------------------------------------------

const HOSTS = ['example.com', 'api.example.com', 'www.example.com', 'a.b.example.com', 'example.org', '*.example.com', '*.b.example.com', '*.example.org'];
const PREFIXES = ['/', '/api', '/api/v1', '/static', '/a/b', '/x'];
const EXACTS = ['/', '/api', '/api/v1', '/x', '/index.html', '/a/b'];
/** Regexes (in every engine's common subset) with paths they match and paths that just miss. */
const PATH_REGEXES: Readonly<Record<string, { hit: string[]; miss: string[] }>> = {
  '/v[0-9]+(/.*)?': { hit: ['/v1', '/v12/x', '/v3/'], miss: ['/v', '/vx/1', '/V1', '/a/v1'] },
  '/(a|b)/c': { hit: ['/a/c', '/b/c'], miss: ['/c/c', '/a/c/d', '/ab/c'] },
  '/files/[a-z]+\\.png': { hit: ['/files/cat.png'], miss: ['/files/cat.pngx', '/files/Cat.png', '/files/catXpng'] },
  '/api/.*': { hit: ['/api/', '/api/x/y'], miss: ['/api', '/apix/y'] },
};
const HEADER_NAMES = ['x-env', 'X-Canary', 'x-id'];
const HEADER_EXACT = ['prod', 'Beta', 'a.b', 'a*b'];
const HEADER_PREFIX = ['pro', 'Be', 'a*'];
const HEADER_REGEXES: Readonly<Record<string, { hit: string[]; miss: string[] }>> = {
  'p[a-z]+': { hit: ['prod', 'pre'], miss: ['Prod', 'p1', 'prod!'] },
  '[0-9]{2,}': { hit: ['12', '999'], miss: ['1', '12a'] },
  'v[0-9]\\.[0-9]': { hit: ['v1.2'], miss: ['v1x2', 'V1.2', 'v1.23'] },
};
const QUERY_NAMES = ['debug', 'v', 'Mode'];
const QUERY_VALUES = ['1', 'On', 'a*b', 'x?y'];
const METHODS = ['GET', 'POST', 'PUT', 'DELETE', 'PATCH'] as const;
/** CIDRs with an address inside and one outside (clients bind to these loopback addresses). */
const CIDRS: Readonly<Record<string, { hit: string[]; miss: string[] }>> = {
  '127.0.0.0/24': { hit: ['127.0.0.1', '127.0.0.2'], miss: ['127.0.1.1'] },
  '127.0.1.0/24': { hit: ['127.0.1.1', '127.0.1.200'], miss: ['127.0.0.1', '127.0.2.1'] },
  '127.0.0.2/32': { hit: ['127.0.0.2'], miss: ['127.0.0.3', '127.0.0.1'] },
  '10.0.0.0/8': { hit: [], miss: ['127.0.0.1'] },
};
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
/** gRPC services and methods (case-sensitive identifiers), and the content type that makes a request a gRPC call. */
const GRPC_SERVICES = ['shop.v1.Cart', 'shop.v1.Checkout', 'shop.v1.CartAdmin', 'Health'];
const GRPC_METHODS = ['Get', 'AddItem', 'Get2'];
const GRPC_HEADER: [string, string] = ['content-type', 'application/grpc'];
const RANDOM_QUERIES = ['', 'debug=1', 'DEBUG=on', 'v=', 'v=2', 'mode=a*b', 'Mode=axb', 'debug=1&v=2', 'x=y'];
const SOURCES = ['127.0.0.1', '127.0.0.2', '127.0.1.1', '127.0.2.1'];

// ---------------------------------------------------------------------------------------------------------
// Specs
// ---------------------------------------------------------------------------------------------------------

const some = <T>(values: readonly T[], max: number) => fc.uniqueArray(fc.constantFrom(...values), { minLength: 1, maxLength: max });

/** `arb` in about one case out of `1 + absent`, else undefined. */
const maybe = <T>(arb: fc.Arbitrary<T>, absent = 2): fc.Arbitrary<T | undefined> =>
  fc.oneof({ weight: absent, arbitrary: fc.constant(undefined) }, { weight: 1, arbitrary: arb });

type GrpcCall = NonNullable<RuleMatchSpec['grpc']>[number];
const grpcCallArb: fc.Arbitrary<GrpcCall> = fc
  .tuple(fc.constantFrom(...GRPC_SERVICES), fc.option(fc.constantFrom(...GRPC_METHODS), { nil: undefined }))
  .map(([service, method]) => (method === undefined ? { service } : { service, method }));
const grpcCallsArb = fc.uniqueArray(grpcCallArb, { minLength: 1, maxLength: 2, selector: (c) => `${c.service}/${c.method ?? ''}` });

/** Rules of a gRPC-only spec: hosts and gRPC calls (what a GRPCRoute matches on besides headers). */
const grpcOnlyMatchArb: fc.Arbitrary<RuleMatchSpec> = fc
  .record({ hosts: maybe(some(HOSTS, 2), 1), grpc: maybe(grpcCallsArb, 1) })
  .map((m) => clean(m) as RuleMatchSpec);

function matchArb(p: Profile): fc.Arbitrary<RuleMatchSpec> {
  const path = () =>
    fc
      .constantFrom(...p.pathKinds)
      .chain((kind) =>
        kind === 'regex'
          ? fc.constantFrom(...Object.keys(PATH_REGEXES)).map((regex) => ({ regex }))
          : fc.constantFrom(...(kind === 'exact' ? EXACTS : PREFIXES)).map((v) => ({ [kind]: v })),
      );
  type Header = NonNullable<RuleMatchSpec['headers']>[number];
  const header = () =>
    fc.tuple(fc.constantFrom(...HEADER_NAMES), fc.constantFrom(...p.headerKinds)).chain(([name, kind]): fc.Arbitrary<Header> => {
      if (kind === 'present') return fc.constant({ name, present: true as const });
      const values = kind === 'exact' ? HEADER_EXACT : kind === 'prefix' ? HEADER_PREFIX : Object.keys(HEADER_REGEXES);
      const exactCase = p.caseSensitive && kind !== 'regex' ? fc.boolean() : fc.constant(false);
      return fc.tuple(fc.constantFrom(...values), exactCase).map(([v, cs]) => ({ name, [kind]: v, ...(cs ? { caseSensitive: true } : {}) }) as Header);
    });
  const queryCase = p.queryOnlyCaseSensitive ? fc.constant(true) : p.caseSensitive ? fc.boolean() : fc.constant(false);
  const query = fc
    .tuple(fc.constantFrom(...QUERY_NAMES), fc.option(fc.constantFrom(...QUERY_VALUES), { nil: undefined }), queryCase)
    .map(([name, exact, cs]) => ({ ...(exact === undefined ? { name, present: true as const } : { name, exact }), ...(cs ? { caseSensitive: true } : {}) }));
  const none = fc.constant(undefined);
  return fc
    .record({
      hosts: maybe(some(HOSTS, 2), 1),
      paths: p.pathKinds.length ? maybe(fc.uniqueArray(path(), { minLength: 1, maxLength: 2, selector: (x) => JSON.stringify(x) }), 1) : none,
      headers: p.headerKinds.length ? maybe(fc.uniqueArray(header(), { minLength: 1, maxLength: 2, selector: (h) => h.name.toLowerCase() })) : none,
      query: p.query ? maybe(fc.tuple(query).map((q) => [...q])) : none,
      methods: p.methods ? maybe(some(METHODS, 2), 3) : none,
      sourceCidrs: p.source ? maybe(some(Object.keys(CIDRS), 2), 3) : none,
      // A rule gives grpc or paths, not both: gRPC calls take the place of its paths.
      grpc: p.grpc === 'mixed' ? maybe(grpcCallsArb) : none,
    })
    .map(({ grpc, ...m }) => clean(grpc ? { ...m, paths: undefined, grpc } : m) as RuleMatchSpec);
}

/** An action before it is given its rule's names (pools p<tag>/q<tag>, '/r<tag>'), so that shrinking keeps it whole. */
type ActionShape =
  | { readonly kind: 'forward' }
  | { readonly kind: 'weighted'; readonly a: number; readonly b: number; readonly stick: boolean }
  | { readonly kind: 'fixed'; readonly statusCode: number; readonly contentType: 'text/plain' | 'application/json' | 'text/html' }
  | {
      readonly kind: 'redirect';
      readonly host: boolean;
      readonly https: boolean;
      readonly query: 'keep' | 'strip' | 'set';
      readonly port: boolean;
      readonly statusCode: 301 | 302 | 303 | 307 | 308;
    }
  /** Application Gateway: to a fixed URL (a host), or to a listener of the gateway. */
  | {
      readonly kind: 'gateway-redirect';
      readonly toUrl: boolean;
      readonly path: boolean;
      readonly scheme: 'same' | 'http' | 'https';
      readonly strip: boolean;
      readonly statusCode: 301 | 302 | 303 | 307 | 308;
    };

function actionShapeArb(p: Profile): fc.Arbitrary<ActionShape> {
  const statusCode = fc.constantFrom(...p.redirectCodes);
  const redirect: fc.Arbitrary<ActionShape> = p.listenerRedirects
    ? fc.record({
        kind: fc.constant('gateway-redirect' as const),
        toUrl: fc.boolean(),
        path: fc.boolean(),
        scheme: fc.constantFrom('same' as const, 'http' as const, 'https' as const),
        strip: fc.boolean(),
        statusCode,
      })
    : fc.record({
        kind: fc.constant('redirect' as const),
        host: fc.boolean(),
        https: fc.boolean(),
        query: fc.constantFrom('keep' as const, 'strip' as const, 'set' as const),
        port: fc.boolean(),
        statusCode,
      });
  const options: fc.Arbitrary<ActionShape>[] = [fc.constant({ kind: 'forward' as const }), redirect];
  if (p.weighted)
    options.push(
      fc.record({ kind: fc.constant('weighted' as const), a: fc.integer({ min: 0, max: 100 }), b: fc.integer({ min: 1, max: 100 }), stick: fc.boolean() }),
    );
  if (p.fixed)
    options.push(
      fc.record({
        kind: fc.constant('fixed' as const),
        statusCode: fc.constantFrom(200, 404, 418, 503),
        contentType: fc.constantFrom('text/plain' as const, 'application/json' as const, 'text/html' as const),
      }),
    );
  return fc.oneof(...options);
}

/** Forward and weighted forward only. */
function forwardShapeArb(p: Profile): fc.Arbitrary<ActionShape> {
  const forward = fc.constant<ActionShape>({ kind: 'forward' });
  if (!p.weighted) return forward;
  return fc.oneof(
    forward,
    fc.record({ kind: fc.constant('weighted' as const), a: fc.integer({ min: 0, max: 100 }), b: fc.integer({ min: 1, max: 100 }), stick: fc.constant(false) }),
  );
}

const other = (scheme: 'http' | 'https'): 'http' | 'https' => (scheme === 'http' ? 'https' : 'http');

function actionOf(shape: ActionShape, tag: string, from: 'http' | 'https', p: Profile): ActionSpec {
  switch (shape.kind) {
    case 'forward':
      return { forward: { pool: tag === 'd' ? 'dflt' : `p${tag}` } };
    case 'weighted':
      return {
        weightedForward: {
          pools: [
            { pool: `p${tag}`, weight: shape.a },
            { pool: `q${tag}`, weight: shape.b },
          ],
          ...(shape.stick && p.fixed ? { stickinessSeconds: 60 } : {}),
        },
      };
    case 'fixed':
      return { fixedResponse: { statusCode: shape.statusCode, contentType: shape.contentType, body: `r${tag}` } };
    case 'redirect':
      return {
        redirect: clean({
          path: `/r${tag}`,
          host: shape.host ? 'moved.example.net' : undefined,
          // Never https -> http (ALB and GCP refuse it); GCP keeps the port and can only strip the query.
          scheme: shape.https && from === 'http' ? ('https' as const) : undefined,
          query: p.keepsQuery ? undefined : shape.query === 'strip' ? '' : shape.query === 'set' && !p.keepPortAndQuery ? `from=r${tag}` : undefined,
          port: shape.port && !p.keepPortAndQuery ? 8443 : undefined,
          statusCode: shape.statusCode,
        }),
      };
    case 'gateway-redirect':
      return {
        redirect: clean<NonNullable<ActionSpec['redirect']>>(
          shape.toUrl
            ? {
                host: 'moved.example.net',
                path: shape.path ? `/r${tag}` : undefined,
                scheme: shape.scheme === 'same' ? undefined : shape.scheme,
                statusCode: shape.statusCode,
              }
            : { scheme: other(from), path: shape.path ? '/' : undefined, query: shape.strip ? '' : undefined, statusCode: shape.statusCode },
        ),
      };
  }
}

const clean = <T extends object>(o: T): T => JSON.parse(JSON.stringify(o)) as T;

/** A spec for one target: frontend 'web' (http 80 or https 443) with rules, and the other scheme on 'alt'. */
export function specArb(target: DifferentialTarget): fc.Arbitrary<LoadBalancerSpec> {
  const p = PROFILES[target];
  // 'only': one spec in three routes gRPC calls alone, with the actions a GRPCRoute has (forward, weighted forward).
  const grpcOnly = p.grpc === 'only' ? fc.oneof({ weight: 2, arbitrary: fc.constant(false) }, { weight: 1, arbitrary: fc.constant(true) }) : fc.constant(false);
  const forwards: Profile = { ...p, redirectCodes: [] };
  return grpcOnly
    .chain((only) =>
      fc.record({
        protocol: fc.constantFrom('http' as const, 'https' as const),
        ruleOrder: fc.constantFrom('first-match' as const, 'most-specific' as const),
        altRedirects: fc.boolean(),
        rules: fc.array(fc.record({ match: only ? grpcOnlyMatchArb : matchArb(p), action: only ? forwardShapeArb(forwards) : actionShapeArb(p) }), {
          maxLength: 6,
        }),
        defaultAction: only ? forwardShapeArb(forwards) : actionShapeArb(p),
      }),
    )
    .map(({ protocol, ruleOrder, altRedirects, rules, defaultAction }): LoadBalancerSpec => {
      const web: FrontendSpec = {
        name: 'web',
        protocol,
        port: protocol === 'http' ? 80 : 443,
        ...(protocol === 'https' ? { tls: { certificate: 'site' } } : {}),
        ruleOrder,
        rules: rules.map((r, i): RuleSpec => ({ name: `r${i}`, match: r.match, action: actionOf(r.action, String(i), protocol, p) })),
        defaultAction: actionOf(defaultAction, 'd', protocol, p),
      };
      const alt: FrontendSpec =
        protocol === 'https' && altRedirects
          ? { name: 'alt', protocol: 'http', port: 80, redirectHttpToHttps: true }
          : {
              name: 'alt',
              protocol: other(protocol),
              port: protocol === 'http' ? 443 : 80,
              ...(protocol === 'http' ? { tls: { certificate: 'site' } } : {}),
              defaultAction: { forward: { pool: 'dflt' } },
            };
      const pools = [...new Set([web, alt].flatMap((f) => [f.defaultAction, ...(f.rules ?? []).map((r) => r.action)]).flatMap(poolsOf))];
      return clean({
        name: 'diff',
        certificates: [{ name: 'site', domains: ['example.com', '*.example.com'] }],
        frontends: [web, alt],
        pools: pools.map((name) => ({ name, protocol: 'http' as const, port: 8080 })),
        allowNearest: [...POOL_ROWS_ACCEPTED],
      });
    });
}

function poolsOf(a: ActionSpec | undefined): string[] {
  if (a?.forward) return [a.forward.pool];
  if (a?.weightedForward) return a.weightedForward.pools.map((x) => x.pool);
  return [];
}

// ---------------------------------------------------------------------------------------------------------
// Requests
// ---------------------------------------------------------------------------------------------------------

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

/** `count` requests to frontend 'web' of the spec: about half matching a rule, a quarter near misses, a quarter random. */
export function requestsArb(target: DifferentialTarget, spec: LoadBalancerSpec, count: number): fc.Arbitrary<AimedRequest[]> {
  const rules = spec.frontends[0].rules ?? [];
  // A frontend routing gRPC alone (a GRPCRoute on the Gateway API) takes gRPC calls only: a GRPCRoute matches gRPC requests.
  const grpc = PROFILES[target].grpc;
  const calls = grpc === 'only' && rules.some((r) => r.match?.grpc) ? 'all' : grpc ? 'some' : 'none';
  const random = randomParts(target, calls).map((p): AimedRequest => ({ kind: 'random', request: toRequest(p) }));
  if (!rules.length) return fc.array(random, { minLength: count, maxLength: count });
  const rule = fc.constantFrom(...rules.map((r) => r.match ?? {}));
  const matching = rule.chain((m) => hitParts(target, m, calls)).map((p): AimedRequest => ({ kind: 'matching', request: toRequest(p) }));
  const nearMiss = rule
    .chain((m) => hitParts(target, m, calls).chain((p) => miss(m, p, calls)))
    .map((p): AimedRequest => ({ kind: 'near-miss', request: toRequest(p) }));
  return fc.array(fc.oneof({ weight: 2, arbitrary: matching }, { weight: 1, arbitrary: nearMiss }, { weight: 1, arbitrary: random }), {
    minLength: count,
    maxLength: count,
  });
}
