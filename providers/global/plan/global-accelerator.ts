/**
 * The aws-global-accelerator plan: an accelerator, one TCP listener on the regions' shared frontend port,
 * one endpoint group per region (id from the region name) holding its load balancer, and Route 53 alias
 * records for the host names.
 */
import type { Problem } from '../../../lib/errors';
import type { GlobalModel } from '../../../lib/model/global-types';
import { missingPlacement, regionPlacementProblems } from './placement';
import { everyRegionDualstack, recordId, recordTypes, type RecordType } from './records';

export interface AcceleratorRegionPlacement {
  readonly awsRegion: string;
  /** The load balancer's ARN (the endpoint id). */
  readonly loadBalancerArn: string;
}

export interface AcceleratorOptions {
  /** The Route 53 hosted zone for the host names' alias records. */
  readonly hostedZoneId?: string;
  readonly regions?: Readonly<Record<string, AcceleratorRegionPlacement>>;
}

export interface AcceleratorPlan {
  readonly name: string;
  readonly ipAddressType: 'IPV4' | 'DUAL_STACK';
  readonly listener: { readonly id: 'Listener'; readonly protocol: 'TCP'; readonly port: number };
  readonly endpointGroups: ReadonlyArray<{
    readonly id: string;
    readonly region: string;
    readonly trafficDialPercentage: 100;
    readonly clientIpPreservation: boolean;
  }>;
  readonly records: ReadonlyArray<{ readonly id: string; readonly name: string; readonly type: RecordType }>;
  readonly tags: Readonly<Record<string, string>>;
}

export function planGlobalAccelerator(model: GlobalModel, options?: AcceleratorOptions): { plan: AcceleratorPlan; problems: Problem[] } {
  const problems: Problem[] = options
    ? [
        ...missingPlacement(options.hostedZoneId, 'hostedZoneId', `missing the hosted zone that holds '${model.zone}'`, "add hostedZoneId: 'Z...'"),
        ...regionPlacementProblems(
          model,
          options.regions,
          'regions',
          ['awsRegion', 'loadBalancerArn'],
          "{ awsRegion: 'us-east-1', loadBalancerArn: alb.loadBalancerArn }",
        ),
      ]
    : [];
  const first = model.regions[0];
  const port = first.loadBalancer.frontends.find((f) => f.name === first.frontend)!.port;
  return {
    plan: {
      name: model.name,
      ipAddressType: everyRegionDualstack(model) ? 'DUAL_STACK' : 'IPV4',
      listener: { id: 'Listener', protocol: 'TCP', port },
      // Client IP preservation: members see the client's address, as behind the regional load balancer alone.
      // SOURCE: https://docs.aws.amazon.com/global-accelerator/latest/dg/preserve-client-ip-address.html
      endpointGroups: model.regions.map((r) => ({ id: `EndpointGroup${r.id}`, region: r.name, trafficDialPercentage: 100, clientIpPreservation: true })),
      records: model.hostNames.flatMap((h) => recordTypes(model).map((type) => ({ id: recordId(h, type), name: `${h}.`, type }))),
      tags: model.tags,
    },
    problems,
  };
}
