/**
 * Values the Gateway targets accept, from the Gateway API v1.6.1 and Envoy Gateway v1.9.0 CRDs
 * (../shared/reference/k8s-crds): HTTPRoute spec.rules maxItems 16, rules[].matches maxItems 64 and at most 128
 * matches per route (CEL), spec.hostnames maxItems 16, Gateway spec.listeners maxItems 64, HTTPPathMatch values
 * (CEL: no '//', '/./', '/../', '%2f', '#', characters [-A-Za-z0-9/._~!$&'()*+,;=:@] or %XX), RequestRedirect
 * (no query field: the query is kept), local rate-limit units Second, Minute, Hour, Day.
 */
import type { ModelScope } from '../../lib/capabilities/features';
import { compact, type RangeViolation } from '../../lib/capabilities/support';
import type { ActionModel, FrontendModel, PoolModel, RuleModel } from '../../lib/model/types';
import { actionPools, redirectDestination } from '../../lib/model/derived';
import { grpcRanges } from './grpc-ranges';
import { hostRoutes, routeMatches } from './plan/host-routes';
import { orderConflicts } from './plan/precedence';
import { poolPolicyKey } from './plan/pool-policy';

/** Which Gateway column: the portable standard channel, Envoy Gateway, or GKE. */
export type GatewayFlavour = 'portable' | 'envoy' | 'gke';

const violation = (path: string, accepted: string, message: string): RangeViolation => ({ path, accepted, message });

/** HTTPRoute path values the CRD's CEL rules admit (Exact and PathPrefix). */
const PATH_VALUE = /^(?:[-A-Za-z0-9/._~!$&'()*+,;=:@]|%[0-9a-fA-F]{2})+$/;
function pathValueProblem(value: string): string | undefined {
  if (!PATH_VALUE.test(value)) return "characters outside [-A-Za-z0-9/._~!$&'()*+,;=:@] and %XX";
  for (const bad of ['//', '/./', '/../', '%2f', '%2F', '#']) if (value.includes(bad)) return `'${bad}'`;
  if (value.endsWith('/..') || value.endsWith('/.')) return "a trailing '/.' or '/..'";
  return undefined;
}

/**
 * A prefix replacement under the root prefix '/': Gateway API ignores the prefix's trailing '/', so '/' becomes
 * '<replacement>/' where lbkit gives '<replacement>', and Envoy's prefix_rewrite joins without a '/' ('/x' + 'a' =
 * '/xa', envoyproxy/envoy#26055 and Envoy Gateway's workaround for '/' replacements only). Refused unless the
 * replacement is '/' (which changes nothing).
 */
function rootPrefixRanges(r: RuleModel): RangeViolation[] {
  const replacement =
    r.filters?.rewrite?.path?.kind === 'prefix' ? r.filters.rewrite.path.value : r.action.type === 'redirect' ? r.action.pathPrefix : undefined;
  if (replacement === undefined || replacement.replace(/\/+$/, '') === '') return [];
  const i = r.match.paths.findIndex((p) => p.kind === 'prefix' && p.value === '/');
  if (i < 0) return [];
  return [
    violation(
      `${r.path}.match.paths[${i}]`,
      "prefix replacements (rewrite.path.prefix, redirect.pathPrefix) under prefixes other than '/'",
      `prefix '/' with replacement '${replacement}' is read differently by Gateway implementations; rewrite.path.full or a narrower prefix expresses it`,
    ),
  ];
}

/** HTTPHeaderFilter set, add and remove: maxItems 16 each, header values minLength 1 (HTTPHeader.value). */
function modifierRanges(r: RuleModel): RangeViolation[] {
  const out: RangeViolation[] = [];
  for (const field of ['requestHeaders', 'responseHeaders'] as const) {
    const m = r.filters?.[field];
    if (!m) continue;
    for (const list of ['set', 'add', 'remove'] as const) {
      if (m[list].length > 16)
        out.push(violation(`${r.path}.${field}.${list}`, `at most 16 headers per list (${list} maxItems 16)`, `${m[list].length} headers in ${list}`));
    }
    for (const list of ['set', 'add'] as const) {
      const i = m[list].findIndex((h) => h.value === '');
      if (i >= 0)
        out.push(
          violation(`${r.path}.${field}.${list}[${i}].value`, 'header values of at least one character (HTTPHeader value minLength 1)', 'the value is empty'),
        );
    }
  }
  return out;
}

export const LOCAL_RATE_UNITS: Readonly<Record<number, string>> = { 1: 'Second', 60: 'Minute', 3600: 'Hour', 86400: 'Day' };

/**
 * GKE's conformance reports (kubernetes-sigs/gateway-api conformance/reports/v1.1.0/gke-gateway) list
 * HTTPRoutePortRedirect as unsupported and HTTPRouteSchemeRedirect as supported: a redirect can only go to its
 * scheme's well-known port, which RequestRedirect expresses by leaving the port out.
 */
function gkeRedirectPorts(frontends: readonly FrontendModel[]): RangeViolation[] {
  return frontends.flatMap((f) =>
    // A rule appears in the route of each of its hosts: one problem per rule.
    [...new Map(hostRoutes(f).flatMap((route) => route.entries.map((e) => [e.path, e] as const))).values()].flatMap((e) => {
      if (e.action.type !== 'redirect') return [];
      const dest = redirectDestination(f, e.action);
      return dest.isDefaultPort
        ? []
        : [
            violation(
              e.path,
              "redirects to the scheme's well-known port, 80 for http and 443 for https (GKE does not implement HTTPRoutePortRedirect)",
              `the redirect goes to ${dest.scheme} port ${dest.port}`,
            ),
          ];
    }),
  );
}

function frontendRanges(f: FrontendModel): RangeViolation[] {
  const out: RangeViolation[] = [];
  for (const route of hostRoutes(f)) {
    const where = route.host ? `host '${route.host.value}'` : 'requests of any host';
    if (route.entries.length > 16) {
      out.push(
        violation(
          f.path,
          'at most 16 rules per host and frontend (HTTPRoute spec.rules maxItems 16, with the default action)',
          `frontend '${f.name}' has ${route.entries.length} rules for ${where}`,
        ),
      );
    }
    const matchCount = route.entries.reduce((n, e) => n + routeMatches(e.match).length, 0);
    if (matchCount > 128)
      out.push(
        violation(f.path, 'at most 128 matches per HTTPRoute (paths x methods of its rules)', `frontend '${f.name}' needs ${matchCount} matches for ${where}`),
      );
    for (const e of route.entries) {
      const n = routeMatches(e.match).length;
      if (n > 64) out.push(violation(`${e.path}.match`, 'at most 64 matches per rule (paths x methods)', `rule needs ${n} matches`));
    }
    // Every route holds all rules of its host (host-routes.ts), so Gateway precedence within the route decides: the
    // model's order (first-match as written, or most-specific as sorted) must be one it keeps.
    for (const c of orderConflicts(route.entries)) {
      out.push(
        violation(
          c.later.path,
          'rule order that Gateway API precedence within one host keeps (path length, method, header and query counts)',
          `for ${where}, Gateway API precedence would pick rule '${c.later.name}' before the earlier, overlapping rule '${c.earlier.name}'${f.ruleOrder === 'first-match' ? '; move it first, or set ruleOrder: most-specific' : '; give the earlier rule a path at least as specific, or split the frontend'}`,
        ),
      );
    }
  }
  // HTTPRouteMatch headers and queryParams are lists keyed by name (x-kubernetes-list-type map): one condition per name.
  for (const r of f.rules) {
    for (const [field, names] of [
      ['headers', r.match.headers.map((h) => h.name.toLowerCase())],
      ['query', r.match.query.map((q) => q.name)],
    ] as const) {
      const dup = names.findIndex((n, i) => names.indexOf(n) !== i);
      if (dup >= 0)
        out.push(
          violation(
            `${r.path}.match.${field}[${dup}]`,
            `one ${field === 'headers' ? 'header' : 'query'} condition per name (HTTPRoute ${field === 'headers' ? 'headers' : 'queryParams'} are keyed by name)`,
            `'${names[dup]}' has two conditions`,
          ),
        );
    }
  }
  f.rules.forEach((r) =>
    r.match.paths.forEach((p, i) => {
      if (p.kind === 'regex') return;
      const problem = pathValueProblem(p.value);
      if (problem)
        out.push(
          violation(
            `${r.path}.match.paths[${i}]`,
            'HTTPRoute path values without //, /./, /../, %2f, # and with URL path characters only',
            `path '${p.value}' has ${problem}`,
          ),
        );
    }),
  );
  out.push(...f.rules.flatMap(modifierRanges), ...f.rules.flatMap(rootPrefixRanges));
  const actions: Array<[ActionModel, string]> = [
    ...f.rules.map((r): [ActionModel, string] => [r.action, `${r.path}.action`]),
    ...(f.defaultAction ? [[f.defaultAction, `${f.path}.defaultAction`] as [ActionModel, string]] : []),
  ];
  for (const [a, path] of actions) {
    if (a.type === 'redirect' && a.query !== undefined)
      out.push(
        violation(
          `${path}.redirect.query`,
          'redirects that keep the query (RequestRedirect has no query field)',
          `redirect query '${a.query}' cannot be expressed`,
        ),
      );
    if (a.type === 'redirect' && a.path !== undefined) {
      const problem = pathValueProblem(a.path);
      if (problem) out.push(violation(`${path}.redirect.path`, 'redirect paths of URL path characters', `redirect path '${a.path}' has ${problem}`));
    }
  }
  return out;
}

/** Envoy Gateway attaches one BackendTrafficPolicy per route rule: the pools of one weighted split must share their settings. */
function weightedPolicyRanges(scope: ModelScope): RangeViolation[] {
  const pools = new Map<string, PoolModel>(scope.pools.map((p) => [p.name, p]));
  return scope.frontends.flatMap((f) =>
    [
      ...f.rules.map((r) => [r.action, `${r.path}.action`] as const),
      ...(f.defaultAction ? [[f.defaultAction, `${f.path}.defaultAction`] as const] : []),
    ].flatMap(([a, path]) => {
      if (a.type !== 'weighted-forward') return [];
      const keys = new Set(actionPools(a).map((p) => poolPolicyKey(pools.get(p)!)));
      return keys.size > 1
        ? [
            violation(
              path,
              'pools of one weighted split with equal algorithm, health, persistence and slow start (one BackendTrafficPolicy per route rule)',
              `the pools ${actionPools(a).join(', ')} differ in their settings`,
            ),
          ]
        : [];
    }),
  );
}

export function gatewayRanges(scope: ModelScope, flavour: GatewayFlavour): RangeViolation[] {
  const l7 = scope.frontends.filter((f) => f.layer === 'l7');
  return [
    ...compact([
      scope.frontends.length > 64
        ? violation('frontends', 'at most 64 frontends (Gateway spec.listeners maxItems 64)', `${scope.frontends.length} frontends`)
        : undefined,
    ]),
    ...l7.flatMap(frontendRanges),
    // TLSRoute spec.hostnames is required: the frontend's certificates must name domains.
    ...scope.frontends
      .filter((f) => f.protocol === 'tls')
      .flatMap((f) => {
        const names = f.tls ? [f.tls.certificate, ...f.tls.additionalCertificates] : [];
        const domains = names.flatMap((n) => scope.model.certificates.find((c) => c.name === n)?.domains ?? []);
        return domains.length
          ? []
          : [
              violation(
                `${f.path}.tls.certificate`,
                'tls frontends whose certificates list domains (they become the TLSRoute hostnames)',
                `frontend '${f.name}': certificate '${names[0]}' lists no domains`,
              ),
            ];
      }),
    // GKE Gateway has no GRPCRoute: its gRPC cells are refused instead (capabilities-grpc.ts).
    ...(flavour === 'gke' ? gkeRedirectPorts(l7) : grpcRanges(scope)),
    ...(flavour === 'envoy'
      ? [
          ...weightedPolicyRanges(scope),
          ...scope.rateLimits.flatMap((r) =>
            compact([
              LOCAL_RATE_UNITS[r.windowSeconds] === undefined
                ? violation(
                    `${r.path}.windowSeconds`,
                    'windowSeconds 1, 60, 3600 or 86400 (local rate limit unit Second, Minute, Hour, Day)',
                    `windowSeconds ${r.windowSeconds} is no local rate-limit unit`,
                  )
                : undefined,
            ]),
          ),
        ]
      : []),
    ...(flavour === 'gke'
      ? scope.pools.flatMap((p) =>
          compact([
            p.healthCheck.intervalSeconds > 300
              ? violation(
                  `${p.path}.healthCheck.intervalSeconds`,
                  'healthCheck.intervalSeconds 1-300 (HealthCheckPolicy checkIntervalSec)',
                  `${p.healthCheck.intervalSeconds}s is above 300`,
                )
              : undefined,
          ]),
        )
      : []),
  ];
}
