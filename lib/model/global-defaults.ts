/**
 * Every default of the global spec (lib/spec/global-schema.ts documents them with `@default`); only the global
 * model (global.ts) applies them. Kept beside defaults.ts, the LoadBalancer spec's, as its own concept.
 */
export const GLOBAL_DEFAULTS = {
  delivery: 'dns',
  /** 60 s: Route 53's console default for a record and within every cloud's range (Traffic Manager 0-2147483647, Cloud DNS 0-...). */
  ttlSeconds: 60,
  whenAllUnhealthy: 'fail-open',
  strict: true,
  weight: 1,
  healthCheck: {
    path: '/',
    /** 30 s: Route 53's standard interval (10 s is its "fast" one) and Traffic Manager's default. */
    intervalSeconds: 30,
    timeoutSeconds: 5,
    healthyThreshold: 3,
    unhealthyThreshold: 3,
    evaluateTargetHealth: true,
  },
  /**
   * The local emulation's latency between a client and a region when the client does not give one, by the most
   * specific place they share (lib/model/global-steer.ts). Only the order matters to steering.
   */
  emulatedLatencyMs: { subdivision: 5, country: 10, continent: 30, elsewhere: 150 },
} as const;
