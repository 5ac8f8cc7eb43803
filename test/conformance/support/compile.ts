/**
 * A model compiled for each L7 cloud target, as an evaluator of the compiled configuration.
 *
 * - `routingOf` (the differential test, hundreds of specs): each backend's own renderer writes the routing
 *   configuration, without the rest of the component: the AWS Pulumi renderer's `condition` and `action`
 *   (the listener rules @pulumi/aws receives), the GCP renderer's `renderUrlMaps` (URLMap / RegionUrlMap
 *   inputs) and the Azure renderer's `renderApplicationGateway` (the ApplicationGateway inputs), under Pulumi's
 *   mocks. A whole component per spec (a CDK synthesis, or every resource registered) costs 50-100 ms. Under
 *   jest even the GCP and Azure renderers alone cost 30-100 ms a spec, so `mirrorOnly` evaluates the plan as
 *   evaluators/plans.ts mirrors it, and the differential test holds that mirror equal to the renderer's output
 *   on one spec in ten.
 * - `renderedRoutings` (the corpus): the whole thing: the CDK construct's synthesized CloudFormation template,
 *   and each Pulumi component's registered resources.
 */
import type { CfnResource } from 'aws-cdk-lib';
import * as pulumi from '@pulumi/pulumi';
import { checkCapabilities } from '../../../providers';
import { buildModel } from '../../../lib/model/build';
import type { LoadBalancerModel } from '../../../lib/model/types';
import type { LoadBalancerSpec } from '../../../lib/spec/schema';
import { LoadBalancer as CdkLoadBalancer } from '../../../providers/aws/cdk';
import { planAws, type MemberBinding } from '../../../providers/aws/plan';
import { LoadBalancer as AwsPulumiLoadBalancer } from '../../../providers/aws/pulumi';
import { action, condition, transform } from '../../../providers/aws/pulumi/render';
import { LoadBalancer as AzureLoadBalancer } from '../../../providers/azure';
import { renderApplicationGateway } from '../../../providers/azure/application-gateway';
import { planAzure } from '../../../providers/azure/plan';
import type { ApplicationGatewayPlan } from '../../../providers/azure/plan/types';
import type { AzureLoadBalancerProps } from '../../../providers/azure/props';
import { compileForGcp, LoadBalancer as GcpLoadBalancer } from '../../../providers/gcp';
import type { GcpPlan } from '../../../providers/gcp/plan/types';
import { renderUrlMaps } from '../../../providers/gcp/render/frontends';
import { stackWithVpc, testApp } from '../../aws/support/cdk';
import { awsState, mockArn } from '../../aws/support/pulumi-aws';
import { autonamed, placeAnything } from '../../gcp/fixtures';
import { settle, valueOf, type PulumiRecorder } from '../../support/pulumi';
import { evaluateListener, forwardedBy as listenerForwarded, type ElbListener } from '../evaluators/aws-alb';
import { listenerFromTerraform, listenersFromPulumi, listenersFromTemplate } from '../evaluators/aws-sources';
import { azureOutcome, evaluateGateway, rewrittenBy, type ApplicationGateway } from '../evaluators/azure-appgw';
import { evaluateUrlMap, forwardedBy as urlMapForwarded, gcpOutcome, gcpRequest, type UrlMap } from '../evaluators/gcp-url-map';
import { byServedFrontend, gatewayOfPlan, listeningFrontendIp, urlMapOfPlan } from '../evaluators/plans';
import type { ConformanceRequest, Forwarded, Outcome } from '../evaluators/request';
import { rebuildJson } from '../../support/json';

export const L7_TARGETS = ['aws-alb', 'azure-appgw', 'gcp-alb-global', 'gcp-alb-regional'] as const;
export type L7Target = (typeof L7_TARGETS)[number];
/** The targets the differential test runs on: the cloud L7 targets, and the portable Gateway API (support/k8s.ts). */
export type DifferentialTarget = L7Target | 'k8s-gateway';

export type Evaluate = (req: ConformanceRequest) => Outcome;

/** Rows that decide where a request goes; the others (pool health, persistence, ...) never change it. */
const ROUTING_ROWS = /^(frontend|rule|action)\./;

/**
 * Whether the target compiles the model and routes it natively (undefined), or why not; `acceptedNearest`: rows
 * whose nearest mapping the caller's requests never meet (the differential's plain-HTTP Host binding).
 */
export function unsupportedRouting(model: LoadBalancerModel, target: DifferentialTarget, acceptedNearest: readonly string[] = []): string | undefined {
  const report = checkCapabilities(model, target);
  if (report.errors.length) return report.errors.map((e) => `${e.path}: ${e.feature}`).join('; ');
  const approximated = report.used.filter((u) => u.level !== 'native' && ROUTING_ROWS.test(u.feature) && !acceptedNearest.includes(u.feature));
  return approximated.length ? `approximates ${approximated.map((u) => u.feature).join(', ')}` : undefined;
}

/** Mock outputs every component here needs: AWS ARNs, GCP names and addresses. */
export function conformanceState(type: string, name: string, inputs: Record<string, unknown>): Record<string, unknown> {
  return type.startsWith('gcp:') ? autonamed(type, name, inputs) : awsState(type, name);
}

const AZURE = {
  subscriptionId: '00000000-0000-0000-0000-000000000001',
  resourceGroupName: 'rg-conformance',
  location: 'westeurope',
  subnet: '/subscriptions/00000000-0000-0000-0000-000000000001/resourceGroups/rg-conformance/providers/Microsoft.Network/virtualNetworks/vnet/subnets/appgw',
} as const;

function azureProps(model: LoadBalancerModel): AzureLoadBalancerProps {
  return {
    model,
    subscriptionId: AZURE.subscriptionId,
    resourceGroupName: AZURE.resourceGroupName,
    location: AZURE.location,
    applicationGateway: {
      subnetId: AZURE.subnet,
      identityId: `${AZURE.subnet}/identity`,
      ...(model.scheme === 'internal' ? { privateIPAddress: '10.0.9.10', privateIPv6Address: 'fd00::10' } : {}),
    },
    certificates: Object.fromEntries(model.certificates.map((c) => [c.name, `https://kv.vault.azure.net/secrets/${c.name}`])),
    trustStores: Object.fromEntries(model.trustStores.map((t) => [t.name, 'Q0E='])),
    bindings: {},
  };
}

const frontendOf = (model: LoadBalancerModel, name: string) => model.frontends.find((f) => f.name === name)!;
const arrivalOf = (model: LoadBalancerModel, name: string) => {
  const f = frontendOf(model, name);
  return { scheme: f.protocol === 'https' ? ('https' as const) : ('http' as const), port: f.port };
};

function gcpEvaluator(model: LoadBalancerModel, plan: GcpPlan, maps: Readonly<Record<string, UrlMap>>, serviceId: (planId: string) => string): Evaluate {
  const pools = new Map(plan.backendServices.map((s) => [serviceId(s.id), s.pool]));
  const poolOf = (id: string) => {
    const pool = pools.get(id);
    if (pool === undefined) throw new Error(`the URL map routes to '${id}', which is no backend service of the plan`);
    return pool;
  };
  return (req) => {
    const map = maps[req.frontend];
    const outcome = gcpOutcome(evaluateUrlMap(map, gcpRequest(req)), req, arrivalOf(model, req.frontend), poolOf);
    return withForwarded(outcome, () => urlMapForwarded(map, req));
  };
}

function azureEvaluator(model: LoadBalancerModel, plan: ApplicationGatewayPlan, gateway: ApplicationGateway): Evaluate {
  const frontendIp = listeningFrontendIp(plan);
  return (req) => {
    const route = evaluateGateway(gateway, { port: frontendOf(model, req.frontend).port, frontendIPConfiguration: frontendIp }, req.host, req.path);
    return withForwarded(azureOutcome(gateway, route, req), () => (route?.kind === 'forward' ? rewrittenBy(gateway, route, req) : undefined));
  };
}

/** ALB: one listener per port, which the frontends of a port with host names share (their rules carry host conditions). */
const awsEvaluator =
  (model: LoadBalancerModel, listeners: Readonly<Record<string, ElbListener>>): Evaluate =>
  (req) => {
    const port = frontendOf(model, req.frontend).port;
    const listener = Object.values(listeners).find((l) => l.Port === port)!;
    return withForwarded(evaluateListener(listener, req), () => listenerForwarded(listener, req));
  };

/** A forward outcome with what the member receives (rule filters, issue 16); other outcomes as they are. */
export function withForwarded(outcome: Outcome, forwarded: () => Forwarded | undefined): Outcome {
  if (outcome.kind !== 'forward') return outcome;
  const f = forwarded();
  return f ? { ...outcome, forwarded: f } : outcome;
}

let serial = 0;
/** A parent for renderers called without their component (they only read `parent` for resource options). */
class Harness extends pulumi.ComponentResource {
  constructor(name: string) {
    super('lbkit:conformance:Harness', name, {});
  }
}
let harness: Harness | undefined;

/**
 * A change to the compiled routing before it is evaluated: a planted mistake, to show that the tests catch it.
 * It receives each AWS listener, each GCP URL map or the Azure gateway, and returns the changed one.
 */
export type Tamper = <T>(routing: T) => T;

/** The routing fields a renderer wrote, and the same plan as evaluators/plans.ts mirrors it: equal when the mirror is faithful. */
export interface Mirror {
  readonly rendered: unknown;
  readonly mirrored: unknown;
}

export interface CompiledRouting {
  readonly evaluate: Evaluate;
  /** GCP and Azure, rendered: what the renderer wrote next to the plan's mirror. */
  readonly mirror?: Mirror;
}

export interface RoutingOptions {
  readonly tamper?: Tamper;
  /**
   * GCP and Azure: evaluate the plan as evaluators/plans.ts mirrors it, without the renderer (the differential
   * test renders one spec in ten for real and holds the mirror equal to it). AWS always uses its renderer's
   * functions, which need no Pulumi engine.
   */
  readonly mirrorOnly?: boolean;
}

const AZURE_PARENT = { subscriptionId: AZURE.subscriptionId, resourceGroupName: AZURE.resourceGroupName };

/** The routing a target's renderer writes for the model (throws when the target cannot compile it). */
export async function routingOf(target: L7Target, model: LoadBalancerModel, recorder: PulumiRecorder, options: RoutingOptions = {}): Promise<CompiledRouting> {
  const tamper: Tamper = options.tamper ?? ((r) => r);
  const prefix = `c${++serial}`;
  if (target === 'aws-alb') {
    const alb = planAws(model).loadBalancers.find((l) => l.kind === 'application')!;
    const byPool = (pool: string) => pool;
    return {
      evaluate: awsEvaluator(
        model,
        Object.fromEntries(
          alb.listeners.map((l) => [
            l.id,
            tamper(
              listenerFromTerraform(
                {
                  port: l.port,
                  protocol: l.protocol,
                  defaultActions: [action(l.defaultAction, byPool)],
                  rules: l.rules.map((r) => ({
                    priority: r.priority,
                    conditions: r.conditions.map(condition),
                    actions: [action(r.action, byPool)],
                    transforms: r.transforms?.map(transform),
                  })),
                },
                byPool,
              ),
            ),
          ]),
        ),
      ),
    };
  }
  if (target === 'azure-appgw') {
    const plan = planAzure(model).applicationGateway!;
    const mirrored = gatewayOfPlan(plan, AZURE_PARENT);
    if (options.mirrorOnly) return { evaluate: azureEvaluator(model, plan, tamper(mirrored)) };
    recorder.reset();
    harness ??= new Harness('conformance');
    const rendered = renderApplicationGateway(
      { parent: harness, name: prefix, ...AZURE_PARENT, location: AZURE.location, tags: {} },
      plan,
      azureProps(model),
      model,
    );
    await valueOf(rendered.applicationGateway.urn);
    const inputs = recorder.get('azure-native:network:ApplicationGateway', `${prefix}-agw`).inputs;
    return { evaluate: azureEvaluator(model, plan, tamper(inputs as unknown as ApplicationGateway)), mirror: { rendered: gatewayRouting(inputs), mirrored } };
  }
  const props = placeAnything(model, { global: target === 'gcp-alb-global' });
  const { plan } = compileForGcp(props);
  if (!plan.targets.some((t) => t.target === target)) throw new Error(`the model compiles to ${plan.targets.map((t) => t.target).join(', ')}, not ${target}`);
  const mirrored = byServedFrontend(plan.urlMaps, urlMapOfPlan);
  if (options.mirrorOnly) return { evaluate: gcpEvaluator(model, plan, mapValues(mirrored, tamper), (id) => id) };
  recorder.reset();
  const services = new Map(plan.backendServices.map((s) => [s.id, pulumi.output(s.id)]));
  const ids = renderUrlMaps(
    {
      plan,
      model,
      props,
      name: (id) => `${prefix}-${id}`,
      opts: () => ({}),
      common: { deletionPolicy: 'DELETE' },
      labels: {},
      region: props.region!,
    },
    services,
  );
  await Promise.all([...ids.values()].map((id) => valueOf(id)));
  const maps = byServedFrontend(plan.urlMaps, (u) => urlMapResource(recorder, `${prefix}-${u.id}`));
  return {
    evaluate: gcpEvaluator(model, plan, mapValues(maps, tamper), (id) => id),
    mirror: { rendered: mapValues(maps, (m) => urlMapRouting(m, (id) => id)), mirrored },
  };
}

const mapValues = <T, U>(o: Readonly<Record<string, T>>, f: (t: T) => U): Record<string, U> => Object.fromEntries(Object.entries(o).map(([k, v]) => [k, f(v)]));

function urlMapResource(recorder: PulumiRecorder, name: string): UrlMap {
  const found = recorder.resources.find((r) => r.name === name && /\/(uRLMap:URLMap|regionUrlMap:RegionUrlMap)$/.test(r.type));
  if (!found) throw new Error(`no URL map '${name}' was registered`);
  return found.inputs as unknown as UrlMap;
}

/** Where a compiled configuration comes from, and its evaluator. */
export interface RenderedRouting {
  readonly source: string;
  readonly evaluate: Evaluate;
  /** GCP and Azure: the routing fields the renderer wrote, and the plan as evaluators/plans.ts mirrors it. */
  readonly mirror?: { readonly rendered: unknown; readonly mirrored: unknown };
}

const pick = (o: Record<string, unknown>, keys: readonly string[]) => Object.fromEntries(keys.filter((k) => o[k] !== undefined).map((k) => [k, o[k]]));
const picks = (items: unknown, keys: readonly string[]) => ((items ?? []) as Record<string, unknown>[]).map((i) => pick(i, keys));
const DESTINATION = ['backendAddressPool', 'backendHttpSettings', 'redirectConfiguration', 'rewriteRuleSet'];

/** The gateway's routing fields: what gatewayOfPlan mirrors. */
function gatewayRouting(gw: Record<string, unknown>): unknown {
  return {
    frontendPorts: picks(gw.frontendPorts, ['name', 'port']),
    httpListeners: picks(gw.httpListeners, ['name', 'frontendIPConfiguration', 'frontendPort', 'protocol', 'hostNames']),
    redirectConfigurations: picks(gw.redirectConfigurations, ['name', 'redirectType', 'targetListener', 'targetUrl', 'includePath', 'includeQueryString']),
    urlPathMaps: ((gw.urlPathMaps ?? []) as Record<string, unknown>[]).map((m) => ({
      ...pick(m, ['name', 'defaultBackendAddressPool', 'defaultBackendHttpSettings', 'defaultRedirectConfiguration', 'defaultRewriteRuleSet']),
      pathRules: picks(m.pathRules, ['name', 'paths', ...DESTINATION]),
    })),
    requestRoutingRules: picks(gw.requestRoutingRules, ['name', 'priority', 'ruleType', 'httpListener', 'urlPathMap', ...DESTINATION]),
    ...pick(gw, ['rewriteRuleSets']),
  };
}

/** Fields the renderer sets to the API's own default (UrlMap reference: ignoreCase and invertMatch default to false). */
const API_DEFAULTS: Readonly<Record<string, unknown>> = { ignoreCase: false, invertMatch: false };

/** The URL map's routing fields, API defaults left out, the backend services' resource ids back to plan ids. */
function urlMapRouting(map: UrlMap, planId: (id: string) => string): unknown {
  return rebuildJson(
    pick(map as Record<string, unknown>, ['hostRules', 'pathMatchers', 'defaultService', 'defaultRouteAction', 'defaultUrlRedirect']),
    (entries, walk) =>
      entries
        .filter(([k, x]) => !(k in API_DEFAULTS && API_DEFAULTS[k] === x))
        .map(([k, x]) => [k, k === 'service' || k === 'defaultService' || k === 'backendService' ? planId(String(x)) : walk(x)]),
  );
}

/** The whole components: the synthesized CloudFormation template and the Pulumi resources. */
export async function renderedRoutings(target: L7Target, spec: LoadBalancerSpec, recorder: PulumiRecorder): Promise<RenderedRouting[]> {
  const model = buildModel(spec);
  const name = `s${++serial}`;
  recorder.reset();
  if (target === 'aws-alb') {
    const bindings = Object.fromEntries(model.pools.filter((p) => p.usedBy.length).map((p) => [p.name, { targetType: 'ip' } as MemberBinding]));
    const certificates = Object.fromEntries(model.certificates.map((c) => [c.name, `arn:aws:acm:eu-west-1:123456789012:certificate/${c.name}`]));
    const app = testApp();
    const { stack, vpc } = stackWithVpc(app, name);
    const construct = new CdkLoadBalancer(stack, 'Lb', { spec, vpc, bindings, certificates });
    const logicalId = (c: { node: { defaultChild?: unknown } }) => stack.getLogicalId(c.node.defaultChild as CfnResource);
    const template = app.synth().getStackByName(name).template;
    const fromTemplate = listenersFromTemplate(template, {
      targetGroups: Object.fromEntries(Object.entries(construct.targetGroups).map(([pool, tg]) => [logicalId(tg), pool])),
      listeners: Object.fromEntries(Object.entries(construct.listeners).map(([frontend, l]) => [logicalId(l), frontend])),
    });
    const component = new AwsPulumiLoadBalancer(name, { spec, vpcId: 'vpc-1', subnetIds: ['subnet-1', 'subnet-2'], bindings, certificates });
    await settle(recorder, [component]);
    return [
      { source: 'aws-alb (CloudFormation from the CDK construct)', evaluate: awsEvaluator(model, fromTemplate) },
      { source: 'aws-alb (@pulumi/aws resources)', evaluate: awsEvaluator(model, listenersFromPulumi(recorder.resources, name, mockArn)) },
    ];
  }
  if (target === 'azure-appgw') {
    const component = new AzureLoadBalancer(name, azureProps(model));
    await settle(recorder, [component]);
    const inputs = recorder.get('azure-native:network:ApplicationGateway', `${name}-agw`).inputs;
    const plan = component.plan.applicationGateway!;
    return [
      {
        source: 'azure-appgw (@pulumi/azure-native ApplicationGateway)',
        evaluate: azureEvaluator(model, plan, inputs as unknown as ApplicationGateway),
        mirror: { rendered: gatewayRouting(inputs), mirrored: gatewayOfPlan(plan, AZURE_PARENT) },
      },
    ];
  }
  const component = new GcpLoadBalancer(name, placeAnything(model, { global: target === 'gcp-alb-global' }));
  await settle(recorder, [component]);
  if (!component.plan.targets.some((t) => t.target === target))
    throw new Error(`the model compiles to ${component.plan.targets.map((t) => t.target).join(', ')}, not ${target}`);
  const maps = byServedFrontend(component.plan.urlMaps, (u) => urlMapResource(recorder, `${name}-${u.id}`));
  // The mocks give every resource the id '<logical name>-id'.
  const planId = (id: string) => id.replace(new RegExp(`^${name}-(.*)-id$`), '$1');
  return [
    {
      source: `${target} (@pulumi/gcp URL map)`,
      evaluate: gcpEvaluator(model, component.plan, maps, (id) => `${name}-${id}-id`),
      mirror: {
        rendered: mapValues(maps, (m) => urlMapRouting(m, planId)),
        mirrored: byServedFrontend(component.plan.urlMaps, urlMapOfPlan),
      },
    },
  ];
}
