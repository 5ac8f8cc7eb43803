/**
 * `lbkit:azure:LoadBalancer`: one spec on Azure. L4 frontends become an Azure Load Balancer (Standard), L7
 * frontends an Application Gateway v2 (WAF_v2 when the spec has rate limits or client restrictions).
 *
 * Everything is checked before anything is registered, and every problem is reported in one error
 * (AZURE_BACKEND.plan, the same plan `lbkit plan` describes): the capability table for each target compiled
 * (CapabilityError), Azure's limits on the plan (AzurePlanError) and the props against the plan
 * (AzurePropsError); problems of several of these layers together throw InvalidInputError.
 */
import * as authorization from '@pulumi/azure-native/authorization';
import type * as network from '@pulumi/azure-native/network';
import * as pulumi from '@pulumi/pulumi';
import type { CapabilityDiagnostic } from '../../lib/capabilities/check';
import { problemsError, ProblemsError } from '../../lib/errors';
import { checkedInput } from '../../lib/input';
import type { LoadBalancerModel } from '../../lib/model/types';
import { TARGETS } from '../index';
import { renderApplicationGateway } from './application-gateway';
import { familyModel } from '../../lib/model/targets';
import { AZURE_BACKEND, AZURE_LAYERS } from './backend';
import { renderLoadBalancer } from './load-balancer';
import type { AzurePlan } from './plan/types';
import type { AzureLoadBalancerProps } from './props';
import type { RenderContext } from './render';
import { AZURE_TARGET_DEFS } from './targets';

export const AZURE_TARGETS = AZURE_TARGET_DEFS.map((t) => t.id);

export class LoadBalancer extends pulumi.ComponentResource {
  /** The model compiled (from props.spec, props.specFile or props.model). */
  public readonly model: LoadBalancerModel;
  /** The Azure shape compiled from the model. */
  public readonly plan: AzurePlan;
  /** Nearest mappings the spec accepted (also logged as Pulumi warnings). */
  public readonly warnings: readonly CapabilityDiagnostic[];
  public readonly loadBalancer?: network.LoadBalancer;
  public readonly applicationGateway?: network.ApplicationGateway;
  /** By key: 'gateway', or the frontend whose listeners use the policy. */
  public readonly wafPolicies: Readonly<Record<string, network.WebApplicationFirewallPolicy>>;
  public readonly loadBalancerId?: pulumi.Output<string>;
  public readonly applicationGatewayId?: pulumi.Output<string>;
  /** Addresses clients connect to: the load balancer's frontends, then the gateway's listening frontends. */
  public readonly frontendIpAddresses: pulumi.Output<string[]>;
  /**
   * Backend pool ids, for members that join from their side (NIC IP configurations, scale sets). Keys: the
   * Load Balancer's pools ('<pool>', '<pool>_ipv6') and the gateway's ('<pool>').
   */
  public readonly backendAddressPoolIds: Readonly<{
    loadBalancer: Record<string, pulumi.Output<string>>;
    applicationGateway: Record<string, pulumi.Output<string>>;
  }>;

  constructor(name: string, props: AzureLoadBalancerProps, opts?: pulumi.ComponentResourceOptions) {
    // Decided before anything registers (the component included): a spec or props Azure cannot take leave
    // nothing half-made behind.
    const { model, result } = azureChecked(props);
    if (!result.plan) throw problemsError(result.problems);
    super('lbkit:azure:LoadBalancer', name, {}, opts);
    this.model = model;
    this.plan = result.plan;
    this.warnings = result.warnings;
    for (const w of this.warnings) pulumi.log.warn(`${w.path}: ${w.message}`, this);

    // What each target compiles (its `targets:` override applied): the render and the tags read the plan's model.
    const compiled = familyModel(model, AZURE_LAYERS);
    const ctx: RenderContext = {
      parent: this,
      name,
      subscriptionId: props.subscriptionId ?? authorization.getClientConfigOutput({ parent: this }).subscriptionId,
      resourceGroupName: props.resourceGroupName,
      location: props.location,
      zones: props.zones,
      tags: { ...compiled.tags, ...props.tags },
    };
    const lb = this.plan.loadBalancer ? renderLoadBalancer(ctx, this.plan.loadBalancer, props, compiled) : undefined;
    const agw = this.plan.applicationGateway ? renderApplicationGateway(ctx, this.plan.applicationGateway, props, compiled) : undefined;

    this.loadBalancer = lb?.loadBalancer;
    this.applicationGateway = agw?.applicationGateway;
    this.wafPolicies = agw?.wafPolicies ?? {};
    this.loadBalancerId = lb?.loadBalancer.id;
    this.applicationGatewayId = agw?.applicationGateway.id;
    this.frontendIpAddresses = pulumi.all([lb?.frontendIpAddresses ?? [], agw?.frontendIpAddresses ?? []]).apply(([l4, l7]) => [...l4, ...l7]);
    this.backendAddressPoolIds = { loadBalancer: lb?.backendAddressPoolIds ?? {}, applicationGateway: agw?.backendAddressPoolIds ?? {} };
    this.registerOutputs({
      loadBalancerId: this.loadBalancerId,
      applicationGatewayId: this.applicationGatewayId,
      frontendIpAddresses: this.frontendIpAddresses,
      backendAddressPoolIds: this.backendAddressPoolIds,
      wafPolicyIds: Object.fromEntries(Object.entries(this.wafPolicies).map(([key, p]) => [key, p.id])),
    });
  }
}

/**
 * The model and plan of the props, or one error with every problem of the spec and of the plan of its sound
 * part (lib/input.ts `checkedInput`). Azure's props took `model` before `spec` and `specFile` joined it, and
 * callers read a missing or doubled input at `props.model` (AzurePropsError.prop): kept there.
 */
function azureChecked(props: AzureLoadBalancerProps): { model: LoadBalancerModel; result: ReturnType<typeof AZURE_BACKEND.plan> } {
  try {
    return checkedInput(props, 'LBKIT_AZURE_PROPS', (model) =>
      AZURE_BACKEND.plan({
        model,
        options: { namePrefix: props.namePrefix, wafManagedRules: props.applicationGateway?.wafManagedRules, placement: props },
        knownTargets: TARGETS,
      }),
    );
  } catch (e) {
    if (!(e instanceof ProblemsError) || e.code !== 'LBKIT_AZURE_PROPS') throw e;
    throw problemsError(e.problems.map((p) => (p.path === 'spec' ? { ...p, path: 'model' } : p)));
  }
}
