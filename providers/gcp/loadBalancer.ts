/**
 * `lbkit:gcp:LoadBalancer`: one lbkit spec on GCP. L7 frontends become a modern Application Load Balancer
 * (global external, regional external or internal; EXTERNAL_MANAGED or INTERNAL_MANAGED, never classic), L4
 * frontends passthrough or proxy Network Load Balancers, rate limits Cloud Armor throttle rules.
 *
 * Everything is decided synchronously in the constructor (model, plan, capability and placement checks), so
 * a spec GCP cannot express fails at `new LoadBalancer(...)` with a typed error, never inside Pulumi's engine.
 */
import * as pulumi from '@pulumi/pulumi';
import { judge } from '../../lib/capabilities/check';
import { buildModel, loadModel } from '../../lib/model/build';
import type { LoadBalancerModel } from '../../lib/model/types';
import { GcpPlacementError, problemsError } from '../../lib/errors';
import { TARGETS } from '../index';
import { GCP_TARGETS } from './targets';
import { planGcp } from './plan';
import type { Flavor, GcpPlan } from './plan/types';
import type { GcpLoadBalancerProps } from './props';
import { renderBackendServices, renderBinding, renderHealthChecks, renderSecurityPolicies } from './render/backends';
import type { RenderContext } from './render/context';
import { renderAddresses, renderCertificates, renderForwardingRules, renderProxies, renderTlsPolicies, renderUrlMaps } from './render/frontends';
import { renderFirewalls, renderProxyOnlySubnet } from './render/network';
import { longestResourceId, validatePlacement } from './validate';

/** GCP names have at most 63 characters; Pulumi's autonaming appends '-' and 7 random characters. */
const MAX_LOGICAL_NAME = 55;

const record = (map: ReadonlyMap<string, pulumi.Output<string>>): Record<string, pulumi.Output<string>> => Object.fromEntries(map);

/**
 * Model, plan, capability check (strict unless opted in) and placement check. Throws SpecValidationError,
 * CapabilityError or GcpPlacementError; returns the plan and the warnings of accepted approximations.
 */
export function compileForGcp(props: GcpLoadBalancerProps): { model: LoadBalancerModel; plan: GcpPlan; warnings: string[] } {
  const given = [props.spec, props.specFile, props.model].filter((x) => x !== undefined).length;
  if (given !== 1) throw new GcpPlacementError([{ prop: 'spec', message: 'lbkit:gcp:LoadBalancer: give exactly one of spec, specFile and model' }]);
  const model = props.model ?? (props.specFile !== undefined ? loadModel(props.specFile) : buildModel(props.spec));
  const plan = planGcp(model, {
    global: props.global ?? model.scheme === 'external',
    ...(props.networkLoadBalancers ? { networkLoadBalancers: props.networkLoadBalancers } : {}),
    ...(props.firewall?.internalClientRanges ? { internalClientRanges: props.firewall.internalClientRanges } : {}),
  });
  const capability = judge(model, plan.targets.map(({ target, frontends }) => ({ def: GCP_TARGETS.find((t) => t.id === target)!, frontends })), TARGETS);
  if (capability.problems.length) throw problemsError(capability.problems);
  const accepted = capability.warnings.map((d) => `${d.path}: ${d.message}`);
  return { model, plan, warnings: [...accepted, ...validatePlacement(model, plan, props)] };
}

export class LoadBalancer extends pulumi.ComponentResource {
  /** The model compiled. */
  readonly model: LoadBalancerModel;
  /** What was built, as plain data (the same plan `lbkit plan` describes). */
  readonly plan: GcpPlan;
  /** Accepted approximations (nearest mappings opted into) and GCP differences the bindings imply. */
  readonly warnings: readonly string[];
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
  /** Cloud Armor policy self links by plan id (`armor-<frontend>`). */
  readonly securityPolicies: Readonly<Record<string, pulumi.Output<string>>>;

  constructor(name: string, props: GcpLoadBalancerProps, opts?: pulumi.ComponentResourceOptions) {
    // Decided before anything registers: a spec GCP cannot express leaves no half-made component behind.
    const compiled = compileForGcp(props);
    const { model, plan } = compiled;
    const longest = `${name}-${longestResourceId(plan)}`;
    const warnings = longest.length > MAX_LOGICAL_NAME
      ? [...compiled.warnings, `resource name '${longest}' has ${longest.length} characters: with Pulumi's 8-character suffix it may exceed GCP's 63; use a shorter component, pool or frontend name`]
      : compiled.warnings;
    super('lbkit:gcp:LoadBalancer', name, {}, opts);
    for (const w of warnings) void pulumi.log.warn(w, this);
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
    const serverlessPools = new Set(Object.entries(props.bindings).filter(([, b]) => 'serverless' in b).map(([pool]) => pool));
    const healthChecks = renderHealthChecks(ctx, serverlessPools);
    const entries = new Map([...new Set(plan.backendServices.map((s) => s.pool))].map((poolName) => {
      const pool = model.pools.find((p) => p.name === poolName)!;
      const flavors = new Set<Flavor>(plan.backendServices.filter((s) => s.pool === poolName).map((s) => s.flavor));
      return [poolName, renderBinding(ctx, pool, props.bindings[poolName], flavors)];
    }));
    const securityPolicies = renderSecurityPolicies(ctx);
    const services = renderBackendServices(ctx, entries, { healthChecks, securityPolicies, serverlessPools });
    const urlMaps = renderUrlMaps(ctx, services);
    const certificates = renderCertificates(ctx);
    const { ssl, mtls } = renderTlsPolicies(ctx);
    const proxies = renderProxies(ctx, { urlMaps, services, certificates, ssl, mtls });
    const addresses = renderAddresses(ctx);
    const forwardingRules = renderForwardingRules(ctx, { addresses, proxies, services }, proxyOnlySubnet);
    renderFirewalls(ctx);

    this.ipAddresses = Object.fromEntries([...addresses].map(([id, a]) => [id, a.address]));
    this.ipAddress = [...addresses.values()][0].address;
    this.urlMaps = Object.fromEntries(plan.urlMaps.map((u) => [u.frontend, urlMaps.get(u.id)!]));
    this.backendServices = record(services);
    this.forwardingRules = record(forwardingRules);
    this.securityPolicies = record(securityPolicies);
    this.registerOutputs({
      ipAddress: this.ipAddress,
      ipAddresses: this.ipAddresses,
      urlMaps: this.urlMaps,
      backendServices: this.backendServices,
      forwardingRules: this.forwardingRules,
      securityPolicies: this.securityPolicies,
      warnings: this.warnings,
    });
  }
}
