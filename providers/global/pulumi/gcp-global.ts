/**
 * `lbkit:global:GcpGlobal` (target gcp-global): a global external Application Load Balancer over the regions'
 * backend groups: a global address, a health check on the members, a backend service with one backend per
 * region (the primary PREFERRED under failover steering), a URL map, a target proxy, a global forwarding rule,
 * and Cloud DNS A records to the address.
 */
import * as compute from '@pulumi/gcp/compute';
import * as dns from '@pulumi/gcp/dns';
import * as pulumi from '@pulumi/pulumi';
import type { GlobalSpecInput } from '../../../lib/global-backend';
import { GlobalComponent } from './component';
import { planComponent } from './plan';
import { placeholder, placeholderRegions } from './placeholders';
import type { GcpGlobalPlan } from '../plan/gcp-global';
import { healthCheckInputs } from './health-check';

export interface GcpGlobalRegionArgs {
  /** The instance group or NEG self-link of the region's members. */
  readonly backendGroup: pulumi.Input<string>;
}

export interface GcpGlobalArgs extends GlobalSpecInput {
  readonly project?: pulumi.Input<string>;
  readonly managedZone: pulumi.Input<string>;
  readonly regions: Readonly<Record<string, GcpGlobalRegionArgs>>;
  /** SSL certificates of the HTTPS proxy (https frontends). @default none (an https frontend is then a problem) */
  readonly sslCertificates?: pulumi.Input<string>[];
}

export class GcpGlobal extends GlobalComponent<GcpGlobalPlan> {
  readonly address: compute.GlobalAddress;
  readonly backendService: compute.BackendService;
  readonly forwardingRule: compute.GlobalForwardingRule;
  /** The IPv6 address and its forwarding rule, when every region is dualstack. */
  readonly ipv6?: { readonly address: compute.GlobalAddress; readonly forwardingRule: compute.GlobalForwardingRule };

  constructor(name: string, args: GcpGlobalArgs, opts?: pulumi.ComponentResourceOptions) {
    const { plan, warnings, problems } = planComponent(args, 'gcp-global', {
      managedZone: placeholder(args.managedZone),
      regions: placeholderRegions(args.regions, ['backendGroup']),
    });
    if (plan.protocol === 'HTTPS' && !args.sslCertificates?.length) {
      problems.push({
        code: 'LBKIT_GLOBAL_PLACEMENT',
        path: 'sslCertificates',
        message: 'the regions answer on https: the proxy needs certificates',
        fix: 'add sslCertificates: [certificate.id]',
      });
    }
    super('lbkit:global:GcpGlobal', name, { plan, warnings, problems }, opts);
    const parent = { parent: this };
    const project = args.project ? { project: args.project } : {};
    this.address = new compute.GlobalAddress(`${name}-address`, { ...project }, parent);
    const healthCheck = new compute.HealthCheck(
      `${name}-hc`,
      { ...project, ...healthCheckInputs(plan.healthCheck, { portSpecification: 'USE_SERVING_PORT' }) },
      parent,
    );
    this.backendService = new compute.BackendService(
      name,
      {
        ...project,
        protocol: plan.protocol,
        loadBalancingScheme: 'EXTERNAL_MANAGED',
        healthChecks: healthCheck.id,
        backends: plan.backends.map((b) => ({
          group: args.regions[b.region].backendGroup,
          balancingMode: 'UTILIZATION',
          ...(b.preferred ? { preference: 'PREFERRED' } : {}),
        })),
      },
      parent,
    );
    const urlMap = new compute.URLMap(name, { ...project, defaultService: this.backendService.id }, parent);
    const proxy =
      plan.protocol === 'HTTPS'
        ? new compute.TargetHttpsProxy(name, { ...project, urlMap: urlMap.id, sslCertificates: args.sslCertificates }, parent)
        : new compute.TargetHttpProxy(name, { ...project, urlMap: urlMap.id }, parent);
    const rule = (id: string, address: compute.GlobalAddress) =>
      new compute.GlobalForwardingRule(
        id,
        { ...project, ipAddress: address.address, portRange: String(plan.port), target: proxy.id, loadBalancingScheme: 'EXTERNAL_MANAGED' },
        parent,
      );
    this.forwardingRule = rule(name, this.address);
    if (plan.ipVersions.includes('IPV6')) {
      // One forwarding rule per address: IPv6 clients connect to the IPv6 address, through the same proxy.
      const address = new compute.GlobalAddress(`${name}-address-ipv6`, { ...project, ipVersion: 'IPV6' }, parent);
      this.ipv6 = { address, forwardingRule: rule(`${name}-ipv6`, address) };
    }
    for (const r of plan.records) {
      const address = r.type === 'AAAA' ? this.ipv6!.address : this.address;
      new dns.RecordSet(
        `${name}-${r.id}`,
        { ...project, managedZone: args.managedZone, name: r.name, type: r.type, ttl: r.ttl, rrdatas: [address.address] },
        parent,
      );
    }
    this.registerOutputs({ address: this.address.address });
  }
}
