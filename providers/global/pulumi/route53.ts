/**
 * `lbkit:global:Route53`: a global spec on Route 53 as a Pulumi component (target aws-route53): the same plan
 * as the CDK construct, rendered with @pulumi/aws; every problem reported before anything is registered.
 */
import * as route53 from '@pulumi/aws/route53';
import * as pulumi from '@pulumi/pulumi';
import type { GlobalSpecInput } from '../../../lib/global-backend';
import { GlobalComponent } from './component';
import { planComponent } from './plan';
import { placeholder, placeholderRegions } from './placeholders';
import type { Route53Plan } from '../plan/route53';

export interface Route53RegionArgs {
  /** The AWS region the load balancer runs in (a plain string: latency records are laid out from it). */
  readonly awsRegion: string;
  readonly dnsName: pulumi.Input<string>;
  /** The load balancer's canonical hosted zone id (`lb.zoneId`). */
  readonly canonicalHostedZoneId: pulumi.Input<string>;
}

export interface Route53Args extends GlobalSpecInput {
  readonly hostedZoneId: pulumi.Input<string>;
  readonly regions: Readonly<Record<string, Route53RegionArgs>>;
}

export class Route53 extends GlobalComponent<Route53Plan> {
  readonly healthChecks: Readonly<Record<string, route53.HealthCheck>>;
  readonly records: Readonly<Record<string, route53.Record>>;

  constructor(name: string, args: Route53Args, opts?: pulumi.ComponentResourceOptions) {
    const { plan, warnings, problems } = planComponent(args, 'aws-route53', {
      hostedZoneId: placeholder(args.hostedZoneId),
      regions: placeholderRegions(args.regions, ['dnsName', 'canonicalHostedZoneId']),
    });
    super('lbkit:global:Route53', name, { plan, warnings, problems }, opts);
    for (const w of warnings) void pulumi.log.warn(`${w.path}: ${w.message}`, this);
    const parent = { parent: this };
    const healthChecks: Record<string, route53.HealthCheck> = {};
    for (const h of plan.healthChecks) {
      healthChecks[h.region] = new route53.HealthCheck(
        `${name}-${h.region}`,
        {
          type: h.type,
          fqdn: args.regions[h.region].dnsName,
          port: h.port,
          ...(h.resourcePath ? { resourcePath: h.resourcePath } : {}),
          requestInterval: h.requestInterval,
          failureThreshold: h.failureThreshold,
          ...(h.type === 'HTTPS' ? { enableSni: true } : {}),
          tags: { ...plan.tags, Name: `${plan.name}-${h.region}` },
        },
        parent,
      );
    }
    const records: Record<string, route53.Record> = {};
    for (const r of plan.records) {
      const routing = r.routing;
      const region = args.regions[r.region];
      records[r.id] = new route53.Record(
        `${name}-${r.id}`,
        {
          zoneId: args.hostedZoneId,
          name: r.name.replace(/\.$/, ''),
          type: r.type,
          aliases: [{ name: region.dnsName, zoneId: region.canonicalHostedZoneId, evaluateTargetHealth: r.evaluateTargetHealth }],
          ...(r.setIdentifier ? { setIdentifier: r.setIdentifier } : {}),
          ...(r.healthCheck ? { healthCheckId: healthChecks[r.region].id } : {}),
          ...(routing.policy === 'latency' ? { latencyRoutingPolicies: [{ region: routing.region }] } : {}),
          ...(routing.policy === 'failover' ? { failoverRoutingPolicies: [{ type: routing.failover }] } : {}),
          ...(routing.policy === 'weighted' ? { weightedRoutingPolicies: [{ weight: routing.weight }] } : {}),
          ...(routing.policy === 'geo'
            ? {
                geolocationRoutingPolicies: [
                  {
                    ...(routing.continentCode ? { continent: routing.continentCode } : {}),
                    ...(routing.countryCode ? { country: routing.countryCode } : {}),
                    ...(routing.subdivisionCode ? { subdivision: routing.subdivisionCode } : {}),
                  },
                ],
              }
            : {}),
        },
        parent,
      );
    }
    this.healthChecks = healthChecks;
    this.records = records;
    this.registerOutputs({ records: Object.keys(records), healthChecks: Object.keys(healthChecks) });
  }
}
