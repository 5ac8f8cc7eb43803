/**
 * `lbkit:gcp:LoadBalancer`: one lbkit spec on GCP. L7 frontends become a modern Application Load Balancer
 * (global external, regional external or internal; EXTERNAL_MANAGED or INTERNAL_MANAGED, never classic), L4
 * frontends passthrough or proxy Network Load Balancers, rate limits Cloud Armor throttle rules.
 *
 * Everything is decided synchronously in the constructor (model, plan, capability and placement checks), so
 * a spec GCP cannot express fails at `new LoadBalancer(...)` with a typed error, never inside Pulumi's engine.
 */
import * as pulumi from '@pulumi/pulumi';
import { problemsError, type CapabilityDiagnostic } from '../../lib/errors';
import { checkedInput } from '../../lib/input';
import type { LoadBalancerModel } from '../../lib/model/types';
import { TARGETS } from '../index';
import { GCP_BACKEND, gcpModel } from './backend';
import type { Flavor, GcpPlan } from './plan/types';
import type { GcpLoadBalancerProps } from './props';
import { renderAlertPolicies } from './render/alerts';
import { renderNetworkDdos } from './render/network-ddos';
import { renderBackendServices, renderBinding, renderHealthChecks, renderSecurityPolicies } from './render/backends';
import type { RenderContext } from './render/context';
import { renderAddresses, renderCertificates, renderForwardingRules, renderProxies, renderTlsPolicies, renderUrlMaps } from './render/frontends';
import { renderFirewalls, renderProxyOnlySubnet } from './render/network';
import { resourceNameWarnings } from './placement';

const record = (map: ReadonlyMap<string, pulumi.Output<string>>): Record<string, pulumi.Output<string>> => Object.fromEntries(map);

/**
 * Model, plan, capability check (strict unless opted in) and placement check, through `GCP_BACKEND.plan`.
 * Throws one error with every problem: the spec's, and capability and placement of its sound part
 * (SpecValidationError, CapabilityError or GcpPlacementError when they are all of one kind, else
 * InvalidInputError; SpecLoadError for a file that cannot be parsed); returns the plan and the warnings of
 * accepted approximations.
 */
export function compileForGcp(props: GcpLoadBalancerProps): { model: LoadBalancerModel; plan: GcpPlan; warnings: readonly CapabilityDiagnostic[] } {
  const { model, result } = checkedInput(props, 'LBKIT_GCP_PLACEMENT', (m) => GCP_BACKEND.plan({ model: m, options: props, knownTargets: TARGETS }));
  const { plan, problems, warnings } = result;
  if (!plan) throw problemsError(problems);
  // What the plan compiled: each frontend and pool as its target's override (`targets:`) has it.
  return { model: gcpModel(model, props), plan, warnings };
}

export class LoadBalancer extends pulumi.ComponentResource {
  /** The model compiled: the spec's, with each GCP target's override (`targets:`) applied to what that target compiles. */
  readonly model: LoadBalancerModel;
  /** What was built, as plain data (the same plan `lbkit plan` describes). */
  readonly plan: GcpPlan;
  /** Accepted approximations (nearest mappings opted into) and GCP differences the bindings imply (also logged as Pulumi warnings). */
  readonly warnings: readonly CapabilityDiagnostic[];
  /** The first frontend address (the Application Load Balancer's IPv4 address when there is one). */
  readonly ipAddress: pulumi.Output<string>;
  /** Every address by plan id (`ip-alb-global-v4`, `ip-passthrough-regional-v6`, ...). */
  readonly ipAddresses: Readonly<Record<string, pulumi.Output<string>>>;
  /** URL map ids by L7 frontend name. */
  readonly urlMaps: Readonly<Record<string, pulumi.Output<string>>>;
  /** Backend service ids by plan id (`bs-<pool>`, `bs-l4-<frontend>`). */
  readonly backendServices: Readonly<Record<string, pulumi.Output<string>>>;
  /** Forwarding rule ids by plan id (`fr-<frontend>-v4`). */
  readonly forwardingRules: Readonly<Record<string, pulumi.Output<string>>>;
  /** Cloud Armor policy self links by plan id (`armor-<frontend>`; `armor-network` for advanced network DDoS protection). */
  readonly securityPolicies: Readonly<Record<string, pulumi.Output<string>>>;
  /** Cloud Monitoring alert policy names (projects/<p>/alertPolicies/<id>) by plan id (`alert-<alarm>`). */
  readonly alertPolicies: Readonly<Record<string, pulumi.Output<string>>>;
  /**
   * The URL maps' route-rule priorities by frontend and rule id: pass them back as the `routePriorities` prop
   * on the next deployment so that no rule's priority changes when rules are inserted, removed or reordered.
   */
  readonly routePriorities: Readonly<Record<string, Readonly<Record<string, number>>>>;

  constructor(name: string, props: GcpLoadBalancerProps, opts?: pulumi.ComponentResourceOptions) {
    // Decided before anything registers: a spec GCP cannot express leaves no half-made component behind.
    const compiled = compileForGcp(props);
    const { model, plan } = compiled;
    const warnings = [...compiled.warnings, ...resourceNameWarnings(name, plan)];
    super('lbkit:gcp:LoadBalancer', name, {}, opts);
    for (const w of warnings) void pulumi.log.warn(w.path ? `${w.path}: ${w.message}` : w.message, this);
    this.model = model;
    this.plan = plan;
    this.warnings = warnings;

    const ctx: RenderContext = {
      plan,
      model,
      props,
      name: (id) => `${name}-${id}`,
      opts: (dependsOn) => ({ parent: this, ...(dependsOn ? { dependsOn } : {}) }),
      common: { ...(props.project !== undefined ? { project: props.project } : {}), deletionPolicy: model.deletionProtection ? 'PREVENT' : 'DELETE' },
      labels: { ...model.tags },
      region: props.region!,
    };

    const proxyOnlySubnet = renderProxyOnlySubnet(ctx);
    const serverlessPools = new Set(
      Object.entries(props.bindings)
        .filter(([, b]) => 'serverless' in b)
        .map(([pool]) => pool),
    );
    const healthChecks = renderHealthChecks(ctx, serverlessPools);
    const entries = new Map(
      [...new Set(plan.backendServices.map((s) => s.pool))].map((poolName) => {
        const pool = model.pools.find((p) => p.name === poolName)!;
        const flavors = new Set<Flavor>(plan.backendServices.filter((s) => s.pool === poolName).map((s) => s.flavor));
        return [poolName, renderBinding(ctx, pool, props.bindings[poolName], flavors)];
      }),
    );
    const securityPolicies = renderSecurityPolicies(ctx);
    const networkDdos = renderNetworkDdos(ctx);
    if (networkDdos) securityPolicies.set(plan.networkDdos!.id, networkDdos);
    const services = renderBackendServices(ctx, entries, { healthChecks, securityPolicies, serverlessPools });
    const urlMaps = renderUrlMaps(ctx, services);
    const certificates = renderCertificates(ctx);
    const { ssl, mtls } = renderTlsPolicies(ctx);
    const proxies = renderProxies(ctx, { urlMaps, services, certificates, ssl, mtls });
    const addresses = renderAddresses(ctx);
    const forwardingRules = renderForwardingRules(ctx, { addresses, proxies, services }, proxyOnlySubnet);
    renderFirewalls(ctx);
    const alertPolicies = renderAlertPolicies(ctx, { urlMaps, services, securityPolicies });

    this.ipAddresses = Object.fromEntries([...addresses].map(([id, a]) => [id, a.address]));
    this.ipAddress = [...addresses.values()][0].address;
    // Frontends sharing a port (listeners with host names) share their URL map.
    const served = (u: GcpPlan['urlMaps'][number]) => [{ frontend: u.frontend, priorities: u.priorities }, ...(u.sharedWith ?? [])];
    this.urlMaps = Object.fromEntries(plan.urlMaps.flatMap((u) => served(u).map((x) => [x.frontend, urlMaps.get(u.id)!])));
    this.backendServices = record(services);
    this.forwardingRules = record(forwardingRules);
    this.securityPolicies = record(securityPolicies);
    this.alertPolicies = record(alertPolicies);
    this.routePriorities = Object.fromEntries(plan.urlMaps.flatMap((u) => served(u).flatMap((x) => (x.priorities ? [[x.frontend, x.priorities]] : []))));
    this.registerOutputs({
      routePriorities: this.routePriorities,
      ipAddress: this.ipAddress,
      ipAddresses: this.ipAddresses,
      urlMaps: this.urlMaps,
      backendServices: this.backendServices,
      forwardingRules: this.forwardingRules,
      securityPolicies: this.securityPolicies,
      alertPolicies: this.alertPolicies,
      warnings: this.warnings,
    });
  }
}
