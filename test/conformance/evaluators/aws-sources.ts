/**
 * The listeners of a compiled AWS load balancer in the ELBv2 API shape that aws-alb.ts evaluates, from:
 * - a synthesized CloudFormation template (the CDK construct): AWS::ElasticLoadBalancingV2::Listener and
 *   ::ListenerRule resources, already in CloudFormation's property names; target groups are `{ Ref }`s;
 * - the resources the Pulumi component registered (@pulumi/aws inputs, the Terraform provider's shape:
 *   https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/lb_listener_rule): condition
 *   blocks host_header / path_pattern / http_header / query_string / http_request_method / source_ip, and
 *   action blocks forward / redirect / fixed_response, in camelCase; target groups are ARNs.
 * The translation is one of property names only; each side resolves its own references to pool names.
 */
import type { ElbAction, ElbCondition, ElbListener, ElbRule, ElbTransform } from './aws-alb';

type Json = Record<string, any>;

// ---------------------------------------------------------------------------------------------------------
// CloudFormation
// ---------------------------------------------------------------------------------------------------------

/** `{ Ref: id }` (or a literal ARN) -> the pool name; unknown references fail loudly. */
function poolOfRef(ref: unknown, targetGroups: Readonly<Record<string, string>>): string {
  const id = typeof ref === 'object' && ref !== null && 'Ref' in ref ? String((ref as Json).Ref) : String(ref);
  const pool = targetGroups[id];
  if (pool === undefined) throw new Error(`the template forwards to '${id}', which is no target group of the load balancer`);
  return pool;
}

function cfnActions(actions: readonly Json[], targetGroups: Readonly<Record<string, string>>): ElbAction[] {
  return actions.map(
    (a) =>
      ({
        ...a,
        ...(a.TargetGroupArn !== undefined ? { TargetGroupArn: poolOfRef(a.TargetGroupArn, targetGroups) } : {}),
        ...(a.ForwardConfig
          ? {
              ForwardConfig: {
                TargetGroups: a.ForwardConfig.TargetGroups.map((t: Json) => ({ TargetGroupArn: poolOfRef(t.TargetGroupArn, targetGroups), Weight: t.Weight })),
              },
            }
          : {}),
      }) as ElbAction,
  );
}

/**
 * Listeners by frontend name. `targetGroups` and `listeners` map logical ids to pool and frontend names (the
 * construct exposes which construct is which).
 */
export function listenersFromTemplate(
  template: Json,
  names: { readonly targetGroups: Readonly<Record<string, string>>; readonly listeners: Readonly<Record<string, string>> },
): Record<string, ElbListener> {
  const resources = Object.entries(template.Resources as Json);
  const rulesOf = (listenerId: string): ElbRule[] =>
    resources
      .filter(([, r]) => r.Type === 'AWS::ElasticLoadBalancingV2::ListenerRule' && r.Properties.ListenerArn?.Ref === listenerId)
      .map(([, r]) => ({
        Priority: Number(r.Properties.Priority),
        Conditions: r.Properties.Conditions as ElbCondition[],
        Actions: cfnActions(r.Properties.Actions, names.targetGroups),
        ...(r.Properties.Transforms ? { Transforms: r.Properties.Transforms as ElbTransform[] } : {}),
      }));
  return Object.fromEntries(
    resources
      .filter(([id, r]) => r.Type === 'AWS::ElasticLoadBalancingV2::Listener' && names.listeners[id] !== undefined)
      .map(([id, r]) => [
        names.listeners[id],
        {
          Port: Number(r.Properties.Port),
          Protocol: r.Properties.Protocol,
          DefaultActions: cfnActions(r.Properties.DefaultActions, names.targetGroups),
          Rules: rulesOf(id),
        },
      ]),
  );
}

// ---------------------------------------------------------------------------------------------------------
// Terraform / Pulumi
// ---------------------------------------------------------------------------------------------------------

const values = (block: Json) => ({
  ...(block.values !== undefined ? { Values: block.values } : {}),
  ...(block.regexValues !== undefined ? { RegexValues: block.regexValues } : {}),
});

/** One condition block of aws_lb_listener_rule. */
export function conditionFromTerraform(c: Json): ElbCondition {
  if (c.hostHeader) return { Field: 'host-header', HostHeaderConfig: values(c.hostHeader) };
  if (c.pathPattern) return { Field: 'path-pattern', PathPatternConfig: values(c.pathPattern) };
  if (c.httpHeader) return { Field: 'http-header', HttpHeaderConfig: { HttpHeaderName: c.httpHeader.httpHeaderName, ...values(c.httpHeader) } };
  if (c.queryStrings)
    return {
      Field: 'query-string',
      QueryStringConfig: { Values: c.queryStrings.map((q: Json) => ({ ...(q.key !== undefined ? { Key: q.key } : {}), Value: q.value })) },
    };
  if (c.httpRequestMethod) return { Field: 'http-request-method', HttpRequestMethodConfig: { Values: c.httpRequestMethod.values } };
  if (c.sourceIp) return { Field: 'source-ip', SourceIpConfig: { Values: c.sourceIp.values } };
  throw new Error(`unknown listener rule condition ${JSON.stringify(c)}`);
}

/** One action block of aws_lb_listener / aws_lb_listener_rule; `poolOf` resolves a target group ARN. */
export function actionFromTerraform(a: Json, poolOf: (arn: string) => string): ElbAction {
  switch (a.type) {
    case 'forward':
      return a.forward
        ? { Type: 'forward', ForwardConfig: { TargetGroups: a.forward.targetGroups.map((t: Json) => ({ TargetGroupArn: poolOf(t.arn), Weight: t.weight })) } }
        : { Type: 'forward', TargetGroupArn: poolOf(a.targetGroupArn) };
    case 'redirect': {
      const r = a.redirect;
      return { Type: 'redirect', RedirectConfig: { Protocol: r.protocol, Host: r.host, Port: r.port, Path: r.path, Query: r.query, StatusCode: r.statusCode } };
    }
    case 'fixed-response': {
      const f = a.fixedResponse;
      return { Type: 'fixed-response', FixedResponseConfig: { StatusCode: f.statusCode, ContentType: f.contentType, MessageBody: f.messageBody } };
    }
    default:
      throw new Error(`unknown listener action ${JSON.stringify(a)}`);
  }
}

/** One transforms block of aws_lb_listener_rule (a single rewrite per block). */
export function transformFromTerraform(t: Json): ElbTransform {
  const rewrites = (config: Json) => ({ Rewrites: [{ Regex: config.rewrite.regex, Replace: config.rewrite.replace }] });
  return t.type === 'host-header-rewrite'
    ? { Type: t.type, HostHeaderRewriteConfig: rewrites(t.hostHeaderRewriteConfig) }
    : { Type: t.type, UrlRewriteConfig: rewrites(t.urlRewriteConfig) };
}

export interface TerraformListener {
  readonly port: number;
  readonly protocol: string;
  readonly defaultActions: readonly Json[];
  readonly rules: ReadonlyArray<{
    readonly priority: number;
    readonly conditions: readonly Json[];
    readonly actions: readonly Json[];
    readonly transforms?: readonly Json[];
  }>;
}

export function listenerFromTerraform(l: TerraformListener, poolOf: (arn: string) => string): ElbListener {
  return {
    Port: l.port,
    Protocol: l.protocol as 'HTTP' | 'HTTPS',
    DefaultActions: l.defaultActions.map((a) => actionFromTerraform(a, poolOf)),
    Rules: l.rules.map((r) => ({
      Priority: r.priority,
      Conditions: r.conditions.map(conditionFromTerraform),
      Actions: r.actions.map((a) => actionFromTerraform(a, poolOf)),
      ...(r.transforms ? { Transforms: r.transforms.map(transformFromTerraform) } : {}),
    })),
  };
}

interface Registered {
  readonly type: string;
  readonly name: string;
  readonly inputs: Json;
}

/**
 * Listeners by frontend name from the resources a `lbkit:aws:LoadBalancer` named `component` registered.
 * `arnOf(type, name)` is the ARN the Pulumi mocks gave a resource.
 */
export function listenersFromPulumi(
  resources: readonly Registered[],
  component: string,
  arnOf: (type: string, name: string) => string,
): Record<string, ElbListener> {
  const pools = new Map(
    resources.filter((r) => r.type === 'aws:lb/targetGroup:TargetGroup').map((r) => [arnOf(r.type, r.name), r.name.slice(component.length + 1)]),
  );
  const poolOf = (arn: string) => {
    const pool = pools.get(arn);
    if (pool === undefined) throw new Error(`a listener forwards to '${arn}', which is no target group of '${component}'`);
    return pool;
  };
  const rules = resources.filter((r) => r.type === 'aws:lb/listenerRule:ListenerRule');
  return Object.fromEntries(
    resources
      .filter((r) => r.type === 'aws:lb/listener:Listener')
      .map((l) => {
        const arn = arnOf(l.type, l.name);
        return [
          l.name.slice(component.length + 1),
          listenerFromTerraform(
            {
              port: l.inputs.port,
              protocol: l.inputs.protocol,
              defaultActions: l.inputs.defaultActions,
              rules: rules
                .filter((r) => r.inputs.listenerArn === arn)
                .map((r) => ({ priority: r.inputs.priority, conditions: r.inputs.conditions, actions: r.inputs.actions, transforms: r.inputs.transforms })),
            },
            poolOf,
          ),
        ];
      }),
  );
}
