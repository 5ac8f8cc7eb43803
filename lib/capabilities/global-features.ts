/**
 * The global feature rows: what a global model (lib/model/global-types.ts) uses and where. Each global
 * target's column (providers/global/<target>/capabilities.ts) has one cell per row. A field the user left out
 * takes the target's own default and is never judged (SEMANTICS.md section 8): rows for optional settings
 * look at `model.written`.
 */
import type { GlobalModel } from '../model/global-types';

export interface GlobalFeature {
  readonly id: string;
  readonly description: string;
  /** Where the model uses it (spec paths); empty: not used. */
  readonly detect: (model: GlobalModel) => string[];
}

const when = (cond: boolean, path: string) => (cond ? [path] : []);

/** The probe settings the user wrote (evaluateTargetHealth aside, which is no probe setting): the global.health.probe row. */
export const writtenProbeSettings = (m: GlobalModel): string[] =>
  [...m.written].filter((k) => k.startsWith('healthCheck.') && k !== 'healthCheck.evaluateTargetHealth');
/** Whether the user wrote any probe setting: ranges of a probe apply only then (an unwritten probe takes the target's default). */
export const probeWritten = (m: GlobalModel): boolean => writtenProbeSettings(m).length > 0;
const policy = (m: GlobalModel, p: string) => m.steering.policy === p;

export const GLOBAL_FEATURES: readonly GlobalFeature[] = [
  { id: 'global.delivery.dns', description: 'the name resolves to the chosen region (DNS steering)', detect: (m) => when(m.delivery === 'dns', 'delivery') },
  {
    id: 'global.delivery.anycast',
    description: 'one global address; the edge picks the region per connection',
    detect: (m) => when(m.delivery === 'anycast', 'delivery'),
  },
  { id: 'global.steering.single', description: 'one region, a plain record (DNS for one load balancer)', detect: (m) => when(policy(m, 'single'), 'regions') },
  { id: 'global.steering.latency', description: 'the nearest healthy region answers', detect: (m) => when(policy(m, 'latency'), 'steering.policy') },
  {
    id: 'global.steering.geo',
    description: "the region matching the client's place answers, else the default",
    detect: (m) => when(policy(m, 'geo'), 'steering.policy'),
  },
  {
    id: 'global.steering.geo.country',
    description: 'geo steering by country',
    detect: (m) => m.regions.filter((r) => policy(m, 'geo') && r.geo.countries.length).map((r) => `${r.path}.geo.countries`),
  },
  {
    id: 'global.steering.geo.subdivision',
    description: 'geo steering by subdivision (state, province)',
    detect: (m) => m.regions.filter((r) => policy(m, 'geo') && r.geo.subdivisions.length).map((r) => `${r.path}.geo.subdivisions`),
  },
  {
    id: 'global.steering.failover',
    description: 'the healthy region with the lowest priority answers',
    detect: (m) => when(policy(m, 'failover'), 'steering.policy'),
  },
  {
    id: 'global.steering.failover.multi-level',
    description: 'failover across more than two priorities',
    detect: (m) => when(policy(m, 'failover') && m.regions.length > 2, 'regions'),
  },
  {
    id: 'global.steering.weighted',
    description: 'regions drawn in proportion to their weights',
    detect: (m) => when(policy(m, 'weighted'), 'steering.policy'),
  },
  {
    id: 'global.steering.weighted.zero',
    description: 'a region of weight 0 (answers only when no weighted region is healthy)',
    detect: (m) => m.regions.filter((r) => policy(m, 'weighted') && r.weight === 0).map((r) => `${r.path}.weight`),
  },
  {
    id: 'global.health.probe',
    description: 'a probe of the region through its frontend, with the given protocol, interval, timeout and thresholds',
    detect: writtenProbeSettings,
  },
  {
    id: 'global.health.timeout',
    description: 'how long a probe waits for an answer',
    detect: (m) => when(m.written.has('healthCheck.timeoutSeconds'), 'healthCheck.timeoutSeconds'),
  },
  {
    id: 'global.health.asymmetric-thresholds',
    description: 'a healthyThreshold different from unhealthyThreshold',
    detect: (m) =>
      when(
        (m.written.has('healthCheck.healthyThreshold') || m.written.has('healthCheck.unhealthyThreshold')) &&
          m.healthCheck.healthyThreshold !== m.healthCheck.unhealthyThreshold,
        'healthCheck.healthyThreshold',
      ),
  },
  {
    id: 'global.health.evaluate-target-health',
    description: 'a region is unhealthy while a pool behind its frontend has no healthy member',
    detect: (m) => when(m.written.has('healthCheck.evaluateTargetHealth') && m.healthCheck.evaluateTargetHealth, 'healthCheck.evaluateTargetHealth'),
  },
  {
    id: 'global.health.probe-only',
    description: "region health from the probe alone, ignoring the load balancer's member health",
    detect: (m) => when(m.written.has('healthCheck.evaluateTargetHealth') && !m.healthCheck.evaluateTargetHealth, 'healthCheck.evaluateTargetHealth'),
  },
  { id: 'global.ttl', description: 'how long resolvers cache an answer', detect: (m) => when(m.written.has('ttlSeconds'), 'ttlSeconds') },
  {
    id: 'global.all-unhealthy.fail-closed',
    description: 'no address when every region is unhealthy',
    detect: (m) => when(m.whenAllUnhealthy === 'fail-closed' && m.written.has('whenAllUnhealthy'), 'whenAllUnhealthy'),
  },
  {
    id: 'global.hostnames.apex',
    description: 'a host name at the zone apex (example.com itself)',
    detect: (m) => m.hostNames.flatMap((h, i) => when(h === m.zone, `hostNames[${i}]`)),
  },
];

export const GLOBAL_FEATURE_IDS: ReadonlySet<string> = new Set(GLOBAL_FEATURES.map((f) => f.id));
