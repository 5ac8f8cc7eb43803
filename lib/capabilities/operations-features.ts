/**
 * Feature rows of operations: an alarm per metric, and each kind of protection. An alarm belongs to the target
 * that compiles its pool, or (without a pool) to every target that serves a frontend of the kind it watches;
 * protection belongs to the targets that serve a protected frontend.
 */
import type { AlarmMetric, AlarmModel, FrontendModel, LoadBalancerModel, PoolModel } from '../model/types';
import { ALARM_METRICS } from '../spec/schema';

/** The parts of features.ts's ModelScope these rows read (declared here: features.ts imports this file). */
interface ModelScope {
  readonly model: LoadBalancerModel;
  readonly frontends: readonly FrontendModel[];
  readonly pools: readonly PoolModel[];
}
interface FeatureUse {
  readonly path: string;
}
interface FeatureDef {
  readonly id: string;
  readonly description: string;
  readonly detect: (scope: ModelScope) => FeatureUse[];
}

const HTTP_METRICS: ReadonlySet<AlarmMetric> = new Set(['5xx-count', '5xx-ratio', 'latency', 'rate-limited']);

const DESCRIPTIONS: Readonly<Record<AlarmMetric, string>> = {
  '5xx-count': 'alarm on the count of 5xx answers',
  '5xx-ratio': 'alarm on the ratio of 5xx answers to all answers',
  latency: 'alarm on a latency percentile',
  'unhealthy-members': "alarm on a pool's unhealthy members",
  'healthy-members': 'alarm on too few (or zero) healthy members of a pool',
  'rejected-connections': 'alarm on rejected connections',
  'rate-limited': 'alarm on requests refused by rate limits or protection',
};

/** Whether the target compiling `scope` carries the alarm. */
export function alarmInScope(alarm: AlarmModel, scope: ModelScope): boolean {
  if (alarm.pool !== undefined) return scope.pools.some((p) => p.name === alarm.pool);
  if (HTTP_METRICS.has(alarm.metric)) return scope.frontends.some((f) => f.layer === 'l7');
  return scope.frontends.length > 0;
}

const alarm = (metric: AlarmMetric): FeatureDef => ({
  id: `alarm.${metric}`,
  description: DESCRIPTIONS[metric],
  detect: (s) => s.model.alarms.filter((a) => a.metric === metric && alarmInScope(a, s)).map((a): FeatureUse => ({ path: `${a.path}.metric` })),
});

const protectedHere = (s: ModelScope): boolean => !!s.model.protection && s.frontends.some((f) => s.model.protection!.frontends.includes(f.name));
const protection = (id: string, description: string, field: (p: NonNullable<ModelScope['model']['protection']>) => string | undefined): FeatureDef => ({
  id,
  description,
  detect: (s) => {
    if (!protectedHere(s)) return [];
    const path = field(s.model.protection!);
    return path ? [{ path }] : [];
  },
});

export const OPERATIONS_FEATURES: readonly FeatureDef[] = [
  ...ALARM_METRICS.map(alarm),
  protection('protection.managed-rules', 'a vendor-maintained (managed) rule set', (p) => (p.managedRules ? 'protection.managedRules' : undefined)),
  protection('protection.ip-allow', 'an IP allow list answered with 403', (p) => (p.ipAllow.length ? 'protection.ipAllow' : undefined)),
  protection('protection.ip-deny', 'an IP deny list answered with 403', (p) => (p.ipDeny.length ? 'protection.ipDeny' : undefined)),
  protection('protection.geo', 'a country restriction', (p) => (p.geo ? 'protection.geo' : undefined)),
  protection('protection.ddos-advanced', 'the advanced (paid, tuned) DDoS protection tier', (p) => (p.ddos === 'advanced' ? 'protection.ddos' : undefined)),
];
