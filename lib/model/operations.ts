/**
 * The operations part of the model: alarms and protection, with lbkit's defaults applied (defaults.ts).
 * Backends read these; the local proxy evaluates the alarms over its own metrics and enforces the IP lists.
 */
import type { AlarmSpec, LoadBalancerSpec, ProtectionSpec } from '../spec/schema';
import { normalizeCidr } from '../util/cidr';
import { DEFAULTS } from './defaults';
import type { AlarmModel, FrontendModel, ProtectionModel } from './types';

export function alarmModels(spec: LoadBalancerSpec): AlarmModel[] {
  return (spec.alarms ?? []).map((a: AlarmSpec, i): AlarmModel => ({
    name: a.name,
    path: `alarms[${i}]`,
    metric: a.metric,
    threshold: a.threshold,
    comparison: a.metric === 'healthy-members' ? 'below' : 'above',
    ...(a.metric === 'latency' ? { percentile: a.percentile ?? DEFAULTS.alarm.percentile } : {}),
    ...(a.pool !== undefined ? { pool: a.pool } : {}),
    periodSeconds: a.periodSeconds ?? DEFAULTS.alarm.periodSeconds,
    evaluationPeriods: a.evaluationPeriods ?? DEFAULTS.alarm.evaluationPeriods,
    ...(a.notify !== undefined ? { notify: a.notify } : {}),
  }));
}

/** Protection covers the frontends it names, or every http/https frontend. */
export function protectionModel(p: ProtectionSpec, frontends: readonly FrontendModel[]): ProtectionModel {
  return {
    path: 'protection',
    frontends: p.frontends ?? frontends.filter((f) => f.layer === 'l7').map((f) => f.name),
    ...(p.managedRules ? { managedRules: { level: p.managedRules.level, mode: p.managedRules.mode ?? DEFAULTS.protection.managedRulesMode } } : {}),
    ipAllow: (p.ipAllow ?? []).map(normalizeCidr),
    ipDeny: (p.ipDeny ?? []).map(normalizeCidr),
    ...(p.geo ? { geo: p.geo.allow ? { mode: 'allow' as const, countries: p.geo.allow } : { mode: 'deny' as const, countries: p.geo.deny! } } : {}),
    ddos: p.ddos ?? DEFAULTS.protection.ddos,
  };
}
