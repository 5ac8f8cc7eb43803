/**
 * The azure-front-door plan: a Standard profile, one endpoint, one origin group (probe, load balancing) with
 * one origin per region (named after the region), one route for the host names, and a custom domain per host
 * name.
 */
import type { Problem } from '../../../lib/errors';
import type { GlobalModel } from '../../../lib/model/global-types';
import { hostId, missingPlacement, regionPlacementProblems } from './placement';

export interface FrontDoorRegionPlacement {
  /** The regional load balancer's public host name (or IP) as the origin. */
  readonly hostName: string;
}

export interface FrontDoorOptions {
  readonly resourceGroupName?: string;
  readonly regions?: Readonly<Record<string, FrontDoorRegionPlacement>>;
}

export interface FrontDoorPlan {
  readonly profileName: string;
  readonly endpointName: string;
  readonly originGroup: {
    readonly name: 'regions';
    readonly probe: { readonly protocol: 'Http' | 'Https'; readonly path: string; readonly intervalInSeconds: number; readonly requestType: 'GET' };
    readonly sampleSize: number;
    readonly successfulSamplesRequired: number;
    readonly additionalLatencyInMilliseconds: number;
  };
  readonly origins: ReadonlyArray<{
    readonly name: string;
    readonly region: string;
    readonly httpPort: number;
    readonly httpsPort: number;
    readonly priority: number;
    readonly weight: number;
  }>;
  readonly forwardingProtocol: 'HttpOnly' | 'HttpsOnly';
  readonly customDomains: ReadonlyArray<{ readonly id: string; readonly hostName: string; readonly relativeName: string }>;
  readonly tags: Readonly<Record<string, string>>;
}

export function planFrontDoor(model: GlobalModel, options?: FrontDoorOptions): { plan: FrontDoorPlan; problems: Problem[] } {
  const problems: Problem[] = options
    ? [
        ...missingPlacement(
          options.resourceGroupName,
          'resourceGroupName',
          'missing the resource group of the Front Door profile',
          "add resourceGroupName: 'rg-global'",
        ),
        ...regionPlacementProblems(model, options.regions, 'regions', ['hostName'], '{ hostName: publicIp.dnsSettings.fqdn }'),
      ]
    : [];
  const hc = model.healthCheck;
  const first = model.regions[0];
  const https = first.probe.protocol === 'https';
  // lbkit's thresholds as a sample window: unhealthy after `unhealthyThreshold` failures out of the window.
  const sampleSize = Math.max(hc.unhealthyThreshold, hc.healthyThreshold);
  return {
    plan: {
      profileName: model.name,
      endpointName: model.name,
      originGroup: {
        name: 'regions',
        probe: { protocol: https ? 'Https' : 'Http', path: first.probe.path ?? '/', intervalInSeconds: hc.intervalSeconds, requestType: 'GET' },
        sampleSize,
        successfulSamplesRequired: Math.max(1, sampleSize - hc.unhealthyThreshold + 1),
        additionalLatencyInMilliseconds: model.steering.policy === 'weighted' ? 1000 : 0,
      },
      origins: model.regions.map((r) => {
        const port = r.loadBalancer.frontends.find((f) => f.name === r.frontend)!.port;
        return {
          name: r.name,
          region: r.name,
          httpPort: r.probe.protocol === 'https' ? 80 : port,
          httpsPort: r.probe.protocol === 'https' ? port : 443,
          priority: r.priority ?? 1,
          weight: r.weight ?? 1000,
        };
      }),
      forwardingProtocol: https ? 'HttpsOnly' : 'HttpOnly',
      customDomains: model.hostNames.map((h) => ({
        id: `Domain${hostId(h)}`,
        hostName: h,
        relativeName: h === model.zone ? '@' : h.slice(0, -(model.zone.length + 1)),
      })),
      tags: model.tags,
    },
    problems,
  };
}
