/**
 * `GlobalDns`: a global spec on Route 53 as an aws-cdk-lib construct (target aws-route53). Renders the plan
 * (../plan/route53.ts) with the L1 resources, so every property the plan sets is visible in the template, and
 * exposes each one. Every problem (spec, capability, placement) is reported at once, before anything is
 * created, with the construct path.
 */
import { Annotations, Tags } from 'aws-cdk-lib';
import type * as elbv2 from 'aws-cdk-lib/aws-elasticloadbalancingv2';
import * as route53 from 'aws-cdk-lib/aws-route53';
import { Construct } from 'constructs';
import { problemsError, type CapabilityDiagnostic } from '../../../lib/errors';
import type { GlobalSpecInput } from '../../../lib/global-backend';
import { planGlobal } from '../backend';
import type { Route53Plan, Route53RegionPlacement } from '../plan/route53';
import { globalModelAt, zoneProblems } from './input';

/** A region's load balancer: an ELBv2 construct (or import), or its DNS name and canonical hosted zone id. */
export type Route53RegionProps = { readonly awsRegion: string; readonly loadBalancer: elbv2.ILoadBalancerV2 } | Route53RegionPlacement;

export interface GlobalDnsProps extends GlobalSpecInput {
  /** The hosted zone that holds the spec's `zone`. */
  readonly hostedZone: route53.IHostedZone;
  /** Each region's deployed load balancer, by region name. */
  readonly regions: Readonly<Record<string, Route53RegionProps>>;
}

function placementOf(r: Route53RegionProps): Route53RegionPlacement {
  return 'loadBalancer' in r
    ? { awsRegion: r.awsRegion, dnsName: r.loadBalancer.loadBalancerDnsName, canonicalHostedZoneId: r.loadBalancer.loadBalancerCanonicalHostedZoneId }
    : r;
}

export class GlobalDns extends Construct {
  readonly plan: Route53Plan;
  readonly warnings: readonly CapabilityDiagnostic[];
  /** Health checks by region name. */
  readonly healthChecks: Readonly<Record<string, route53.CfnHealthCheck>>;
  /** Record sets by logical id (Record<Host><Region>[<Geo>][Aaaa]). */
  readonly records: Readonly<Record<string, route53.CfnRecordSet>>;

  constructor(scope: Construct, id: string, props: GlobalDnsProps) {
    super(scope, id);
    const model = globalModelAt(this, props);
    const regions = Object.fromEntries(Object.entries(props.regions ?? {}).map(([k, v]) => [k, placementOf(v)]));
    const result = planGlobal(model, 'aws-route53', { hostedZoneId: props.hostedZone?.hostedZoneId, regions });
    const problems = [...result.problems, ...zoneProblems(props.hostedZone, model.zone)];
    if (problems.length) throw problemsError(problems).at(this.node.path);
    const plan = (result.plan as { route53: Route53Plan }).route53;
    this.plan = plan;
    this.warnings = result.warnings;
    for (const w of result.warnings) Annotations.of(this).addWarningV2(`@lbkit/global:${w.feature}`, `${w.path}: ${w.message}`);

    const healthChecks: Record<string, route53.CfnHealthCheck> = {};
    for (const h of plan.healthChecks) {
      healthChecks[h.region] = new route53.CfnHealthCheck(this, h.id, {
        healthCheckConfig: {
          type: h.type,
          fullyQualifiedDomainName: regions[h.region].dnsName,
          port: h.port,
          ...(h.resourcePath ? { resourcePath: h.resourcePath } : {}),
          requestInterval: h.requestInterval,
          failureThreshold: h.failureThreshold,
          ...(h.type === 'HTTPS' ? { enableSni: true } : {}),
        },
        healthCheckTags: [{ key: 'Name', value: `${plan.name}-${h.region}` }],
      });
    }
    const records: Record<string, route53.CfnRecordSet> = {};
    for (const r of plan.records) {
      const routing = r.routing;
      records[r.id] = new route53.CfnRecordSet(this, r.id, {
        hostedZoneId: props.hostedZone.hostedZoneId,
        name: r.name,
        type: r.type,
        aliasTarget: {
          dnsName: regions[r.region].dnsName,
          hostedZoneId: regions[r.region].canonicalHostedZoneId,
          evaluateTargetHealth: r.evaluateTargetHealth,
        },
        ...(r.setIdentifier ? { setIdentifier: r.setIdentifier } : {}),
        ...(r.healthCheck ? { healthCheckId: healthChecks[r.region].attrHealthCheckId } : {}),
        ...(routing.policy === 'latency' ? { region: routing.region } : {}),
        ...(routing.policy === 'failover' ? { failover: routing.failover } : {}),
        ...(routing.policy === 'weighted' ? { weight: routing.weight } : {}),
        ...(routing.policy === 'geo'
          ? {
              geoLocation: {
                ...(routing.continentCode ? { continentCode: routing.continentCode } : {}),
                ...(routing.countryCode ? { countryCode: routing.countryCode } : {}),
                ...(routing.subdivisionCode ? { subdivisionCode: routing.subdivisionCode } : {}),
              },
            }
          : {}),
      });
    }
    this.healthChecks = healthChecks;
    this.records = records;
    for (const [k, v] of Object.entries(plan.tags)) Tags.of(this).add(k, v);
  }
}
