/** Spec builders the tests of several targets share. */
import type { ActionSpec, FrontendSpec, LoadBalancerSpec, RuleSpec } from '../../lib/spec/schema';

/** One frontend and its own pool: [frontend, protocol, port, pool, pool port]; the pool speaks the frontend's protocol. */
export type FrontendToPool = readonly [frontend: string, protocol: 'http' | 'tcp', port: number, pool: string, poolPort: number];

/** A spec whose frontends each forward to their own pool. */
export function frontendsToPools(name: string, pairs: readonly FrontendToPool[]): LoadBalancerSpec {
  return {
    name,
    frontends: pairs.map(([frontend, protocol, port, pool]) => ({ name: frontend, protocol, port, defaultAction: { forward: { pool } } })),
    pools: pairs.map(([, protocol, , pool, poolPort]) => ({ name: pool, protocol, port: poolPort })),
  };
}

/** The web (http) and database (tcp) frontends the operations tests (alarms, protection) run on. */
export const WEB_AND_DB: readonly FrontendToPool[] = [
  ['web', 'http', 80, 'app', 8080],
  ['db', 'tcp', 5432, 'pg', 5432],
];

/** A weighted forward action: pool -> weight, in the order written; `stickinessSeconds` pins a client to its pool. */
export function weighted(weights: Readonly<Record<string, number>>, stickinessSeconds?: number): ActionSpec {
  const pools = Object.entries(weights).map(([pool, weight]) => ({ pool, weight }));
  return { weightedForward: stickinessSeconds === undefined ? { pools } : { pools, stickinessSeconds } };
}

/**
 * A spec of one http frontend 'web' on port 80: its rules, then a default forward to the first pool; the pools speak
 * http on `poolPort`. `frontend` changes or adds frontend fields (a name, a rule order).
 */
export function httpRulesSpec(
  name: string,
  rules: RuleSpec[],
  { pools = ['app'], poolPort = 8080, frontend = {} }: { pools?: readonly string[]; poolPort?: number; frontend?: Partial<FrontendSpec> } = {},
): LoadBalancerSpec {
  return {
    name,
    frontends: [{ name: 'web', protocol: 'http', port: 80, rules, defaultAction: { forward: { pool: pools[0] } }, ...frontend }],
    pools: pools.map((pool) => ({ name: pool, protocol: 'http', port: poolPort })),
  };
}
