/**
 * The corpus format: a spec, requests, and what each request must get, on the local proxy and on every cloud
 * target that routes the spec natively. A scenario names the targets it expects to run on, so that a change
 * of the capability table that silently drops one shows up; `unsettled` lists targets whose documentation
 * does not settle a request of the scenario (they are skipped for it, and the reason is kept).
 */
import type { ActionSpec, FrontendSpec, LoadBalancerSpec, RuleSpec } from '../../../lib/spec/schema';
import { canonicalLocation, type ConformanceRequest, type Outcome } from '../evaluators/request';
import type { L7Target } from '../support/compile';

export interface ScenarioRequest {
  readonly send: ConformanceRequest;
  readonly expect: Outcome;
}

export interface Scenario {
  readonly name: string;
  /** What the scenario shows. */
  readonly about: string;
  readonly spec: LoadBalancerSpec;
  /** The cloud targets that route the spec natively (the capability check must agree). */
  readonly targets: readonly L7Target[];
  readonly requests: readonly ScenarioRequest[];
  /** Targets skipped for this scenario, and why. */
  readonly unsettled?: Partial<Record<L7Target, string>>;
}

/**
 * Pool settings outside routing that no one setting makes native everywhere: Application Gateway has no
 * healthy threshold and neither fail-open nor fail-closed exactly; ALB wants thresholds of 2 or more. The
 * corpus and the differential accept Application Gateway's nearest mappings for these two pool rows.
 */
export const POOL_ROWS_ACCEPTED = [
  'azure-appgw:pool.health.healthy-threshold',
  'azure-appgw:pool.fail-open',
  // The portable Gateway API has no pool settings: the implementation's defaults stand in for lbkit's (docs/kubernetes.md).
  'k8s-gateway:pool.algorithm.round-robin',
  'k8s-gateway:pool.health.http',
  'k8s-gateway:pool.health.healthy-threshold',
  'k8s-gateway:pool.draining',
  'k8s-gateway:pool.fail-open',
] as const;

/** The pools an action forwards to. */
const poolsOf = (action: ActionSpec | undefined): string[] =>
  action?.forward ? [action.forward.pool] : (action?.weightedForward?.pools.map((p) => p.pool) ?? []);

/**
 * A spec: the given frontends, a certificate for https frontends, and an http pool for every pool the frontends
 * forward to (ports 8080 up, in the order the frontends use them: each one's default action first, then its rules).
 */
export function lbSpec(frontends: FrontendSpec[], extra: Partial<LoadBalancerSpec> = {}): LoadBalancerSpec {
  const pools = new Set(frontends.flatMap((f) => [f.defaultAction, ...(f.rules ?? []).map((r) => r.action)].flatMap(poolsOf)));
  return {
    name: 'corpus',
    certificates: [{ name: 'site', domains: ['example.com', '*.example.com'] }],
    frontends,
    pools: [...pools].map((name, i) => ({ name, protocol: 'http' as const, port: 8080 + i })),
    allowNearest: [...POOL_ROWS_ACCEPTED],
    ...extra,
  };
}

/** An http frontend 'web' on port 80 with rules and a default forward to 'web'. */
export function httpFrontend(rules: RuleSpec[], extra: Partial<FrontendSpec> = {}): FrontendSpec {
  return { name: 'web', protocol: 'http', port: 80, rules, defaultAction: { forward: { pool: 'web' } }, ...extra };
}

/** An https frontend 'secure' on port 443 (certificate 'site'). */
export function httpsFrontend(rules: RuleSpec[], extra: Partial<FrontendSpec> = {}): FrontendSpec {
  return { name: 'secure', protocol: 'https', port: 443, tls: { certificate: 'site' }, rules, defaultAction: { forward: { pool: 'web' } }, ...extra };
}

/** A spec of one http frontend 'web' (see httpFrontend) with these rules. */
export const webSpec = (rules: RuleSpec[], frontend: Partial<FrontendSpec> = {}): LoadBalancerSpec => lbSpec([httpFrontend(rules, frontend)]);

/** Header or query conditions that all must hold: each name has exactly its value. */
export const allExact = (values: Readonly<Record<string, string>>) => Object.entries(values).map(([name, exact]) => ({ name, exact }));

export const rule = (name: string, match: RuleSpec['match'], action: ActionSpec): RuleSpec => ({ name, match, action });
export const forwardRule = (name: string, match: RuleSpec['match'], pool: string): RuleSpec => rule(name, match, { forward: { pool } });

type Send = Partial<Omit<ConformanceRequest, 'path' | 'query' | 'headers'>> & { readonly headers?: ReadonlyArray<readonly [string, string]> };

/**
 * A request: its target, '/path?query' or '//host/path?query' (a network-path reference: that Host), or
 * options with a `target` ('/' when left out). Defaults: GET, Host example.com, from 127.0.0.1.
 */
export type RequestSpec = string | (Send & { readonly target?: string });

function send(frontend: string, request: RequestSpec): ConformanceRequest {
  const { target = '/', ...options } = typeof request === 'string' ? { target: request } : request;
  const [, host = 'example.com', path, query = ''] = /^(?:\/\/([^/]+))?([^?]*)(?:\?(.*))?$/.exec(target)!;
  return { frontend, method: 'GET', host, headers: [], sourceIp: '127.0.0.1', ...options, path, query };
}

export const forward = (...pools: string[]): Outcome => ({ kind: 'forward', pools: [...pools].sort() });
export const redirect = (status: number, location: string): Outcome => ({ kind: 'redirect', status, location: canonicalLocation(location) });
export const fixed = (status: number, body: string, contentType = 'text/plain'): Outcome => ({ kind: 'fixed', status, contentType, body });

/** Requests to one frontend, grouped by the outcome each must get: [outcome, ...requests]. */
export function requests(frontend: string, groups: ReadonlyArray<readonly [Outcome, ...RequestSpec[]]>): ScenarioRequest[] {
  return groups.flatMap(([expect, ...sent]) => sent.map((request) => ({ send: send(frontend, request), expect })));
}
