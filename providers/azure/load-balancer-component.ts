/**
 * `lbkit:azure:LoadBalancer`: one spec on Azure. L4 frontends become an Azure Load Balancer (Standard), L7
 * frontends an Application Gateway v2 (WAF_v2 when the spec has rate limits or client restrictions).
 *
 * Everything is checked before anything is created: the capability table for each target compiled (strict:
 * nearest or unsupported features throw CapabilityError), then the props against the plan (AzurePropsError).
 */
import * as authorization from '@pulumi/azure-native/authorization';
import type * as network from '@pulumi/azure-native/network';
import * as pulumi from '@pulumi/pulumi';
import { judge, type CapabilityDiagnostic } from '../../lib/capabilities/check';
import { problemsError } from '../../lib/errors';
import { TARGETS } from '../index';
import type { LoadBalancerModel } from '../../lib/model/types';
import { renderApplicationGateway } from './application-gateway';
import { renderLoadBalancer } from './load-balancer';
import { planAzure } from './plan';
import type { AzurePlan } from './plan/types';
import { modelOf, validateProps, type AzureLoadBalancerProps } from './props';
import type { RenderContext } from './render';
import { AZURE_TARGET_DEFS } from './targets';

export const AZURE_TARGETS = AZURE_TARGET_DEFS.map((t) => t.id);

export class LoadBalancer extends pulumi.ComponentResource {
  /** The model compiled (from props.model or props.specFile). */
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
  public readonly backendAddressPoolIds: Readonly<{ loadBalancer: Record<string, pulumi.Output<string>>; applicationGateway: Record<string, pulumi.Output<string>> }>;

  constructor(name: string, props: AzureLoadBalancerProps, opts?: pulumi.ComponentResourceOptions) {
    super('lbkit:azure:LoadBalancer', name, {}, opts);
    const model = modelOf(props);
    this.model = model;
    const capability = judge(model, AZURE_TARGET_DEFS.map((def) => ({ def })), TARGETS);
    if (capability.problems.length) throw problemsError(capability.problems);
    this.warnings = capability.warnings;
    this.plan = planAzure(model, { namePrefix: props.namePrefix, wafManagedRules: props.applicationGateway?.wafManagedRules });
    validateProps(props, model, this.plan);
    for (const w of this.warnings) pulumi.log.warn(`${w.path}: ${w.message}`, this);

    const ctx: RenderContext = {
      parent: this,
      name,
      subscriptionId: props.subscriptionId ?? authorization.getClientConfigOutput({ parent: this }).subscriptionId,
      resourceGroupName: props.resourceGroupName,
      location: props.location,
      zones: props.zones,
      tags: { ...model.tags, ...props.tags },
    };
    const lb = this.plan.loadBalancer ? renderLoadBalancer(ctx, this.plan.loadBalancer, props, model) : undefined;
    const agw = this.plan.applicationGateway ? renderApplicationGateway(ctx, this.plan.applicationGateway, props, model) : undefined;

    this.loadBalancer = lb?.loadBalancer;
    this.applicationGateway = agw?.applicationGateway;
    this.wafPolicies = agw?.wafPolicies ?? {};
    this.loadBalancerId = lb?.loadBalancer.id;
    this.applicationGatewayId = agw?.applicationGateway.id;
    this.frontendIpAddresses = pulumi
      .all([lb?.frontendIpAddresses ?? [], agw?.frontendIpAddresses ?? []])
      .apply(([l4, l7]) => [...l4, ...l7]);
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
