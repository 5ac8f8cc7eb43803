/**
 * Capability claims: every `native` cell of a cloud target's column (lib/capabilities/columns) is a claim that
 * the target emits the feature as such. The registry holds, per `target:feature`, a minimal spec using the
 * feature and an assertion on what the backend compiled (the plan's fields, named as the cloud names the
 * property, or the rendered resources). claims.test.ts fails when a native cell has no entry, and when an
 * entry's spec does not use the feature natively.
 */
import type { FrontendSpec, LoadBalancerSpec, PoolSpec, RuleSpec } from '../../../lib/spec/schema';

export interface Claim<C> {
  /** A minimal spec that uses the feature (on this target, natively). */
  readonly spec: LoadBalancerSpec;
  /** Asserts the property the target emits for the feature. */
  readonly check: (compiled: C) => void | Promise<void>;
}

/** Claims by `target:feature`. */
export type Claims<C> = Readonly<Record<string, Claim<C>>>;

export interface SpecParts {
  readonly frontend?: Partial<FrontendSpec>;
  readonly pool?: Partial<PoolSpec>;
  readonly spec?: Partial<LoadBalancerSpec>;
}

/** Certificates 'site' (for `siteDomain`) and 'alt' (for alt.example.com). */
const certificates = (siteDomain: string): LoadBalancerSpec['certificates'] => [
  { name: 'site', domains: [siteDomain] },
  { name: 'alt', domains: ['alt.example.com'] },
];

/** `base` with its one frontend and its first pool overridden by the parts, then the spec's own fields. */
function withParts(base: LoadBalancerSpec, { frontend = {}, pool = {}, spec = {} }: SpecParts): LoadBalancerSpec {
  const [first, ...others] = base.pools ?? [];
  return { ...base, frontends: [{ ...base.frontends[0], ...frontend } as FrontendSpec], pools: [{ ...first, ...pool } as PoolSpec, ...others], ...spec };
}

/** One http frontend 'web' on 80 forwarding to pool 'app' (and a second pool 'other'); parts override. */
export function l7(parts: SpecParts = {}): LoadBalancerSpec {
  return withParts(
    {
      name: 'claim',
      certificates: certificates('example.com'),
      trustStores: [{ name: 'ca' }],
      frontends: [{ name: 'web', protocol: 'http', port: 80, defaultAction: { forward: { pool: 'app' } } }],
      pools: [
        { name: 'app', protocol: 'http', port: 8080 },
        { name: 'other', protocol: 'http', port: 8081 },
      ],
    },
    parts,
  );
}

/** Http frontends 'web' (as in l7) and `name` on `port`, forwarding to pool 'other'; parts override. */
export function l7TwoFrontends(name: string, port: number, parts: SpecParts = {}): LoadBalancerSpec {
  const second: FrontendSpec = { name, protocol: 'http', port, defaultAction: { forward: { pool: 'other' } } };
  return l7({ ...parts, spec: { frontends: [...l7().frontends, second], ...parts.spec } });
}

/** An https frontend 'web' on 443 (certificate 'site'). */
export function l7Https(tls: Partial<NonNullable<FrontendSpec['tls']>> = {}, parts: SpecParts = {}): LoadBalancerSpec {
  return l7({ ...parts, frontend: { protocol: 'https', port: 443, tls: { certificate: 'site', ...tls }, ...parts.frontend } });
}

/** One rule 'r' with this match and action on the http frontend. */
export function l7Rule(match: RuleSpec['match'], action: RuleSpec['action'] = { forward: { pool: 'other' } }, parts: SpecParts = {}): LoadBalancerSpec {
  return l7({ ...parts, frontend: { rules: [{ name: 'r', ...(match ? { match } : {}), action }], ...parts.frontend } });
}

/** An http frontend 'web' on 80 that redirects to the https frontend 'tls' on 443 (certificate 'site', to pool 'app'); parts override. */
export function l7HttpToHttps(parts: SpecParts = {}): LoadBalancerSpec {
  return l7({
    ...parts,
    spec: {
      frontends: [
        { name: 'web', protocol: 'http', port: 80, redirectHttpToHttps: true },
        { name: 'tls', protocol: 'https', port: 443, tls: { certificate: 'site' }, defaultAction: { forward: { pool: 'app' } } },
      ],
      ...parts.spec,
    },
  });
}

/** Rules 'short' (/a to 'app') then 'long' (/a/b to 'other') under most-specific order: 'long' must come first; parts override. */
export function l7MostSpecific(parts: SpecParts = {}): LoadBalancerSpec {
  return l7({
    ...parts,
    frontend: {
      ruleOrder: 'most-specific',
      rules: [
        { name: 'short', match: { paths: [{ prefix: '/a' }] }, action: { forward: { pool: 'app' } } },
        { name: 'long', match: { paths: [{ prefix: '/a/b' }] }, action: { forward: { pool: 'other' } } },
      ],
      ...parts.frontend,
    },
  });
}

/** Rule 'r' splits 3:1 between 'app' and 'other'; parts override. */
export function l7Weighted(parts: SpecParts = {}): LoadBalancerSpec {
  return l7Rule(
    undefined,
    {
      weightedForward: {
        pools: [
          { pool: 'app', weight: 3 },
          { pool: 'other', weight: 1 },
        ],
      },
    },
    parts,
  );
}

/** One tcp frontend 'db' on 5432 forwarding to pool 'db' on 5432; parts override. */
export function l4(parts: SpecParts = {}): LoadBalancerSpec {
  return withParts(
    {
      name: 'claim',
      certificates: certificates('db.example.com'),
      frontends: [{ name: 'db', protocol: 'tcp', port: 5432, defaultAction: { forward: { pool: 'db' } } }],
      pools: [{ name: 'db', protocol: 'tcp', port: 5432 }],
    },
    parts,
  );
}

/** A tls frontend 'db' on 5433 (certificate 'site') to the tcp pool. */
export function l4Tls(tls: Partial<NonNullable<FrontendSpec['tls']>> = {}, parts: SpecParts = {}): LoadBalancerSpec {
  return l4({ ...parts, frontend: { protocol: 'tls', port: 5433, tls: { certificate: 'site', ...tls }, ...parts.frontend } });
}

/** A udp frontend 'dns' on 53 to a udp pool (udp pools need an explicit probe). */
export function l4Udp(parts: SpecParts = {}): LoadBalancerSpec {
  return l4({
    ...parts,
    frontend: { name: 'dns', protocol: 'udp', port: 53, defaultAction: { forward: { pool: 'dns' } }, ...parts.frontend },
    pool: { name: 'dns', protocol: 'udp', port: 53, healthCheck: { protocol: 'tcp', port: 53 }, ...parts.pool },
  });
}

/** Prefixes every key of a per-feature table with the target. */
export function forTarget<C>(target: string, claims: Readonly<Record<string, Claim<C>>>): Claims<C> {
  return Object.fromEntries(Object.entries(claims).map(([feature, claim]) => [`${target}:${feature}`, claim]));
}
