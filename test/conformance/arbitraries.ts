/**
 * fast-check arbitraries for the differential test: specs within one target's native routing (profiles.ts: the
 * rows the target's column marks native: conditions, actions, redirect statuses, rule filters). Requests aimed at
 * a spec's rules are request-arbitraries.ts's.
 *
 * Every rule has its own outcome (its pools p<i>/q<i>, a redirect to '/r<i>' or a body 'r<i>'), so agreeing
 * on the outcome means agreeing on the rule.
 */
import fc from 'fast-check';
import type { ActionSpec, FrontendSpec, LoadBalancerSpec, RuleMatchSpec, RuleSpec } from '../../lib/spec/schema';
import { FILTERED_HEADERS } from './evaluators/request';
import { PROFILES, type Profile } from './profiles';
import { POOL_ROWS_ACCEPTED } from './scenarios/scenario';
import type { DifferentialTarget } from './support/compile';

// ---------------------------------------------------------------------------------------------------------
// Values, with requests that match them and requests that just miss them
// ---------------------------------------------------------------------------------------------------------

const HOSTS = ['example.com', 'api.example.com', 'www.example.com', 'a.b.example.com', 'example.org', '*.example.com', '*.b.example.com', '*.example.org'];
const PREFIXES = ['/', '/api', '/api/v1', '/static', '/a/b', '/x'];
const EXACTS = ['/', '/api', '/api/v1', '/x', '/index.html', '/a/b'];
/** Regexes (in every engine's common subset) with paths they match and paths that just miss. */
export const PATH_REGEXES: Readonly<Record<string, { hit: string[]; miss: string[] }>> = {
  '/v[0-9]+(/.*)?': { hit: ['/v1', '/v12/x', '/v3/'], miss: ['/v', '/vx/1', '/V1', '/a/v1'] },
  '/(a|b)/c': { hit: ['/a/c', '/b/c'], miss: ['/c/c', '/a/c/d', '/ab/c'] },
  '/files/[a-z]+\\.png': { hit: ['/files/cat.png'], miss: ['/files/cat.pngx', '/files/Cat.png', '/files/catXpng'] },
  '/api/.*': { hit: ['/api/', '/api/x/y'], miss: ['/api', '/apix/y'] },
};
const HEADER_NAMES = ['x-env', 'X-Canary', 'x-id'];
const HEADER_EXACT = ['prod', 'Beta', 'a.b', 'a*b'];
const HEADER_PREFIX = ['pro', 'Be', 'a*'];
export const HEADER_REGEXES: Readonly<Record<string, { hit: string[]; miss: string[] }>> = {
  'p[a-z]+': { hit: ['prod', 'pre'], miss: ['Prod', 'p1', 'prod!'] },
  '[0-9]{2,}': { hit: ['12', '999'], miss: ['1', '12a'] },
  'v[0-9]\\.[0-9]': { hit: ['v1.2'], miss: ['v1x2', 'V1.2', 'v1.23'] },
};
const QUERY_NAMES = ['debug', 'v', 'Mode'];
const QUERY_VALUES = ['1', 'On', 'a*b', 'x?y'];
export const METHODS = ['GET', 'POST', 'PUT', 'DELETE', 'PATCH'] as const;
/** CIDRs with an address inside and one outside (clients bind to these loopback addresses). */
export const CIDRS: Readonly<Record<string, { hit: string[]; miss: string[] }>> = {
  '127.0.0.0/24': { hit: ['127.0.0.1', '127.0.0.2'], miss: ['127.0.1.1'] },
  '127.0.1.0/24': { hit: ['127.0.1.1', '127.0.1.200'], miss: ['127.0.0.1', '127.0.2.1'] },
  '127.0.0.2/32': { hit: ['127.0.0.2'], miss: ['127.0.0.3', '127.0.0.1'] },
  '10.0.0.0/8': { hit: [], miss: ['127.0.0.1'] },
};
/** gRPC services and methods (case-sensitive identifiers). */
export const GRPC_SERVICES = ['shop.v1.Cart', 'shop.v1.Checkout', 'shop.v1.CartAdmin', 'Health'];
export const GRPC_METHODS = ['Get', 'AddItem', 'Get2'];
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

// ---------------------------------------------------------------------------------------------------------
// Rule filters (issue 16)
// ---------------------------------------------------------------------------------------------------------

type HeaderModifier = NonNullable<RuleSpec['requestHeaders']>;

/** Header modifiers over `names` (a name at most once across set, add and remove, as lbkit validates). */
export function headerModifierArb(names: readonly string[], values: readonly string[], removable: readonly string[]): fc.Arbitrary<HeaderModifier> {
  const header = fc.record({ name: fc.constantFrom(...names), value: fc.constantFrom(...values) });
  return fc
    .record({
      set: fc.uniqueArray(header, { maxLength: 2, selector: (h) => h.name.toLowerCase() }),
      add: fc.uniqueArray(header, { maxLength: 2, selector: (h) => h.name.toLowerCase() }),
      remove: fc.uniqueArray(fc.constantFrom(...removable), { maxLength: 2 }),
    })
    .map((m) => {
      const named = (name: string) => (h: { name: string }) => h.name.toLowerCase() === name.toLowerCase();
      const add = m.add.filter((a) => !m.set.some(named(a.name)));
      const remove = m.remove.filter((r) => !m.set.some(named(r)) && !add.some(named(r)));
      return { ...(m.set.length ? { set: m.set } : {}), ...(add.length ? { add } : {}), ...(remove.length ? { remove } : {}) };
    })
    .filter((m) => Object.keys(m).length > 0);
}

/** The filters of a forwarding rule, before they meet its match (a prefix rewrite needs prefix conditions). */
interface FilterShape {
  readonly requestHeaders?: HeaderModifier;
  readonly responseHeaders?: HeaderModifier;
  readonly host?: string;
  readonly path?: { readonly full: string } | { readonly prefix: string };
}

/** The filters the profile marks native, each in about half the cases (the request's headers meet them: x-env, x-id). */
function filtersArb(p: Profile): fc.Arbitrary<FilterShape | undefined> {
  const f = p.filters;
  const modifier = headerModifierArb([...FILTERED_HEADERS, 'X-Env'], ['1', 'a,b', 'v'], FILTERED_HEADERS);
  const none = fc.constant(undefined);
  const paths = [
    ...(f.rewritePathFull ? [{ full: '/fixed' }, { full: '/new/home' }] : []),
    ...(f.rewritePathPrefix ? [{ prefix: '/v2' }, { prefix: '/' }, { prefix: '/v2/' }] : []),
  ];
  const shape = fc.record({
    requestHeaders: f.requestHeaders ? maybe(modifier, 1) : none,
    responseHeaders: f.responseHeaders ? maybe(modifier, 1) : none,
    host: f.rewriteHost ? maybe(fc.constant('internal.example.com'), 1) : none,
    path: paths.length ? maybe(fc.constantFrom(...paths), 1) : none,
  });
  return Object.values(f).some(Boolean) ? maybe(shape, 1) : none;
}

/** The rule's filter fields: none on redirects and fixed responses, a prefix rewrite only over prefix conditions. */
function filtersOf(shape: FilterShape | undefined, match: RuleMatchSpec, action: ActionSpec): Partial<RuleSpec> {
  if (!shape || !(action.forward || action.weightedForward)) return {};
  const prefixes = !!match.paths?.length && match.paths.every((m) => m.prefix !== undefined);
  const path = shape.path && ('full' in shape.path || prefixes) ? shape.path : undefined;
  const rewrite = shape.host !== undefined || path ? { ...(shape.host !== undefined ? { host: shape.host } : {}), ...(path ? { path } : {}) } : undefined;
  return clean({ requestHeaders: shape.requestHeaders, responseHeaders: shape.responseHeaders, rewrite });
}

/**
 * Frontends with host names that share 'web''s port (plain HTTP), each forwarding to a pool of its name: an exact
 * name, a wildcard beside one of 'web''s rule hosts, a wildcard and an exact name together. 'web' has none: it
 * takes every Host the others do not (a port always binds a Host, so no request meets a 404 of its own).
 */
export const NAMED_FRONTENDS: ReadonlyArray<{ readonly name: string; readonly hostnames: readonly string[] }> = [
  { name: 'api', hostnames: ['api.example.com'] },
  { name: 'shop', hostnames: ['*.example.org'] },
  { name: 'deep', hostnames: ['*.b.example.com', 'www.example.com'] },
];

const namedFrontend = (f: (typeof NAMED_FRONTENDS)[number]): FrontendSpec => ({
  name: f.name,
  protocol: 'http',
  port: 80,
  hostnames: [...f.hostnames],
  defaultAction: { forward: { pool: f.name } },
});

/**
 * A spec for one target: frontend 'web' (http 80 or https 443) with rules, the other scheme on 'alt', and on http
 * sometimes frontends with host names on 'web''s port (NAMED_FRONTENDS).
 */
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
        named: p.hostnames && !only ? maybe(fc.subarray([...NAMED_FRONTENDS], { minLength: 1 }), 1) : fc.constant(undefined),
        rules: fc.array(
          fc.record({
            match: only ? grpcOnlyMatchArb : matchArb(p),
            action: only ? forwardShapeArb(forwards) : actionShapeArb(p),
            filters: only ? fc.constant(undefined) : filtersArb(p),
          }),
          { maxLength: 6 },
        ),
        defaultAction: only ? forwardShapeArb(forwards) : actionShapeArb(p),
      }),
    )
    .map(({ protocol, ruleOrder, altRedirects, named, rules, defaultAction }): LoadBalancerSpec => {
      const web: FrontendSpec = {
        name: 'web',
        protocol,
        port: protocol === 'http' ? 80 : 443,
        ...(protocol === 'https' ? { tls: { certificate: 'site' } } : {}),
        ruleOrder,
        rules: rules.map((r, i): RuleSpec => {
          const action = actionOf(r.action, String(i), protocol, p);
          return { name: `r${i}`, match: r.match, action, ...filtersOf(r.filters, r.match, action) };
        }),
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
      // Plain HTTP only: binding by Host alone (with TLS, a Host naming another frontend than the server name is a 421).
      const sharing = protocol === 'http' ? (named ?? []).map(namedFrontend) : [];
      const frontends = [web, alt, ...sharing];
      const pools = [...new Set(frontends.flatMap((f) => [f.defaultAction, ...(f.rules ?? []).map((r) => r.action)]).flatMap(poolsOf))];
      return clean({
        name: 'diff',
        certificates: [{ name: 'site', domains: ['example.com', '*.example.com'] }],
        frontends,
        pools: pools.map((name) => ({ name, protocol: 'http' as const, port: 8080 })),
        // frontend.hostnames: nearest on the clouds in SNI alone (profiles.ts bindsHostNames), which plain HTTP never meets.
        allowNearest: [...POOL_ROWS_ACCEPTED, ...(sharing.length ? ['frontend.hostnames'] : [])],
      });
    });
}

function poolsOf(a: ActionSpec | undefined): string[] {
  if (a?.forward) return [a.forward.pool];
  if (a?.weightedForward) return a.weightedForward.pools.map((x) => x.pool);
  return [];
}
