/** Native claims of GCP protection (Cloud Armor) and the rate-limited alarm, asserted on the plan of the ALB targets. */
import type { GcpPlan } from '../../../providers/gcp/plan/types';
import { l7, type Claim } from './claim';

type C = Claim<{ readonly plan: GcpPlan }>;
type Parts = Parameters<typeof l7>[0];
const claim = (spec: Parts, check: (c: { readonly plan: GcpPlan }) => void): C => ({ spec: l7(spec), check });
const rules = (c: { readonly plan: GcpPlan }) => c.plan.securityPolicies[0].rules;
const expressions = (c: { readonly plan: GcpPlan }) => rules(c).flatMap((r) => ('expression' in r.match ? [r.match.expression] : []));

export function armorClaims(regional: boolean): Record<string, C> {
  return {
    'protection.managed-rules': claim({ spec: { protection: { managedRules: { level: 'baseline' } } } }, (c) => {
      expect(expressions(c)).toContain("evaluatePreconfiguredWaf('sqli-v33-stable', {'sensitivity': 1})");
      expect(c.plan.backendServices[0].securityPolicy).toBe(c.plan.securityPolicies[0].id);
    }),
    'protection.ip-allow': claim({ spec: { protection: { ipAllow: ['10.0.0.0/8'] } } }, (c) => {
      expect(rules(c)[0]).toMatchObject({ action: 'deny(403)', match: { expression: "!inIpRange(origin.ip, '10.0.0.0/8')" } });
    }),
    'protection.ip-deny': claim({ spec: { protection: { ipDeny: ['203.0.113.0/24'] } } }, (c) => {
      expect(rules(c)[0]).toMatchObject({ action: 'deny(403)', match: { srcIpRanges: ['203.0.113.0/24'] } });
    }),
    'protection.geo': claim({ spec: { protection: { geo: { deny: ['KP'] } } } }, (c) => {
      expect(rules(c)[0]).toMatchObject({ action: 'deny(403)', match: { expression: "origin.region_code == 'KP'" } });
    }),
    ...(regional
      ? {}
      : {
          'protection.ddos-advanced': claim({ spec: { protection: { ddos: 'advanced' } } }, (c) => {
            expect(c.plan.securityPolicies[0].adaptiveProtection).toBe(true);
          }),
          'alarm.rate-limited': claim(
            { spec: { protection: { ipDeny: ['203.0.113.0/24'] }, alarms: [{ name: 'refused', metric: 'rate-limited', threshold: 10 }] } },
            (c) => {
              const [a] = c.plan.alertPolicies;
              expect([a.series.metricType, a.series.labels, a.securityPolicies]).toEqual([
                'networksecurity.googleapis.com/https/request_count',
                ['metric.labels.blocked = true'],
                [c.plan.securityPolicies[0].id],
              ]);
            },
          ),
        }),
  };
}
