/** What `lbkit plan --target <global target>` lists: the resources each global plan creates. */
import type { PlannedResource } from '../../lib/backend';
import type { GlobalPlan } from './plan/types';

export function describeGlobal(plan: GlobalPlan): PlannedResource[] {
  switch (plan.target) {
    case 'aws-route53':
      return [
        ...plan.route53.healthChecks.map((h) => ({
          type: 'AWS::Route53::HealthCheck',
          id: h.id,
          detail: `${h.type} :${h.port}${h.resourcePath ?? ''} every ${h.requestInterval} s, ${h.failureThreshold} failures, on region ${h.region}'s load balancer`,
        })),
        ...plan.route53.records.map((r) => ({
          type: 'AWS::Route53::RecordSet',
          id: r.id,
          detail: `${r.name} ${r.type} alias to ${r.region}${r.setIdentifier ? ` [${r.setIdentifier}]` : ''} ${routingText(r.routing)}${r.evaluateTargetHealth ? ', evaluate target health' : ''}`,
        })),
      ];
    case 'aws-global-accelerator':
      return [
        { type: 'AWS::GlobalAccelerator::Accelerator', id: 'Accelerator', detail: `${plan.accelerator.ipAddressType} anycast addresses` },
        { type: 'AWS::GlobalAccelerator::Listener', id: 'Listener', detail: `TCP ${plan.accelerator.listener.port}` },
        ...plan.accelerator.endpointGroups.map((g) => ({
          type: 'AWS::GlobalAccelerator::EndpointGroup',
          id: g.id,
          detail: `region ${g.region}: its load balancer, client IP preserved`,
        })),
        ...plan.accelerator.records.map((r) => ({ type: 'AWS::Route53::RecordSet', id: r.id, detail: `${r.name} ${r.type} alias to the accelerator` })),
      ];
    case 'azure-traffic-manager': {
      const tm = plan.trafficManager;
      return [
        {
          type: 'Microsoft.Network/trafficManagerProfiles',
          id: tm.profileName,
          detail: `${tm.routingMethod} routing, TTL ${tm.ttl} s, probe ${tm.monitor.protocol}:${tm.monitor.port}${tm.monitor.path ?? ''} every ${tm.monitor.intervalInSeconds} s`,
        },
        ...tm.endpoints.map((e) => ({
          type: 'Microsoft.Network/trafficManagerProfiles/externalEndpoints',
          id: e.name,
          detail: `region ${e.region}${e.priority ? `, priority ${e.priority}` : ''}${e.weight ? `, weight ${e.weight}` : ''}${e.geoMapping ? `, ${e.geoMapping.join(' ')}` : ''}`,
        })),
        ...tm.records.map((r) => ({
          type: r.kind === 'CNAME' ? 'Microsoft.Network/dnsZones/CNAME' : 'Microsoft.Network/dnsZones/A',
          id: r.id,
          detail: `${r.name} -> ${tm.relativeName}.trafficmanager.net${r.kind === 'alias-A' ? ' (alias)' : ''}`,
        })),
      ];
    }
    case 'azure-front-door': {
      const fd = plan.frontDoor;
      return [
        { type: 'Microsoft.Cdn/profiles', id: fd.profileName, detail: 'Standard_AzureFrontDoor' },
        { type: 'Microsoft.Cdn/profiles/afdEndpoints', id: fd.endpointName, detail: 'anycast endpoint' },
        {
          type: 'Microsoft.Cdn/profiles/originGroups',
          id: fd.originGroup.name,
          detail: `probe ${fd.originGroup.probe.protocol} ${fd.originGroup.probe.path} every ${fd.originGroup.probe.intervalInSeconds} s, ${fd.originGroup.successfulSamplesRequired} of ${fd.originGroup.sampleSize} samples, +${fd.originGroup.additionalLatencyInMilliseconds} ms`,
        },
        ...fd.origins.map((o) => ({
          type: 'Microsoft.Cdn/profiles/originGroups/origins',
          id: o.name,
          detail: `region ${o.region}, priority ${o.priority}, weight ${o.weight}`,
        })),
        { type: 'Microsoft.Cdn/profiles/afdEndpoints/routes', id: 'Route', detail: `/* -> ${fd.originGroup.name} (${fd.forwardingProtocol})` },
        ...fd.customDomains.map((d) => ({ type: 'Microsoft.Cdn/profiles/customDomains', id: d.id, detail: d.hostName })),
      ];
    }
    case 'gcp-global': {
      const g = plan.gcpGlobal;
      return [
        { type: 'compute.v1.globalAddress', id: `${g.name}-address`, detail: 'one anycast address' },
        {
          type: 'compute.v1.healthCheck',
          id: `${g.name}-hc`,
          detail: `${g.healthCheck.protocol}${g.healthCheck.path ? ` ${g.healthCheck.path}` : ''} every ${g.healthCheck.intervalSeconds} s on the members`,
        },
        {
          type: 'compute.v1.backendService',
          id: g.name,
          detail: `${g.protocol}, WATERFALL_BY_REGION, backends: ${g.backends.map((b) => `${b.region}${b.preferred ? ' (preferred)' : ''}`).join(', ')}`,
        },
        { type: 'compute.v1.urlMap', id: g.name, detail: `default: ${g.name}` },
        { type: g.protocol === 'HTTPS' ? 'compute.v1.targetHttpsProxy' : 'compute.v1.targetHttpProxy', id: g.name, detail: '' },
        { type: 'compute.v1.globalForwardingRule', id: g.name, detail: `${g.protocol} :${g.port} on the anycast address` },
        ...(g.ipVersions.includes('IPV6')
          ? [
              { type: 'compute.v1.globalAddress', id: `${g.name}-address-ipv6`, detail: 'one anycast IPv6 address' },
              { type: 'compute.v1.globalForwardingRule', id: `${g.name}-ipv6`, detail: `${g.protocol} :${g.port} on the IPv6 address` },
            ]
          : []),
        ...g.records.map((r) => ({ type: 'dns.v1.resourceRecordSet', id: r.id, detail: `${r.name} ${r.type} -> the anycast address, TTL ${r.ttl}` })),
      ];
    }
    case 'gcp-cloud-dns':
      return [
        ...(plan.cloudDns.healthCheck
          ? [
              {
                type: 'compute.v1.healthCheck',
                id: 'HealthCheck',
                detail: `${plan.cloudDns.healthCheck.protocol}:${plan.cloudDns.healthCheck.port} on the regions' addresses`,
              },
            ]
          : []),
        ...plan.cloudDns.records.map((r) => ({ type: 'dns.v1.resourceRecordSet', id: r.id, detail: `${r.name} ${r.type}, TTL ${r.ttl}, ${r.policy.kind}` })),
      ];
  }
}

function routingText(r: import('./plan/route53').Route53Routing): string {
  switch (r.policy) {
    case 'simple':
      return 'simple';
    case 'latency':
      return `latency (${r.region})`;
    case 'geo':
      return `geolocation ${r.subdivisionCode ? `${r.countryCode}-${r.subdivisionCode}` : (r.countryCode ?? r.continentCode)}`;
    case 'failover':
      return `failover ${r.failover}`;
    case 'weighted':
      return `weight ${r.weight}`;
  }
}
