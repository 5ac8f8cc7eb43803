/**
 * Two renderings of one spec in one neutral shape, so that a test can hold them equal: the CloudFormation
 * template the CDK construct synthesizes, and the inputs the Pulumi component registers. Each side is mapped by
 * its own provider's property names (not by the plan), so a renderer that sets a value the other does not, or
 * spells it differently, shows up as a difference.
 *
 * The shape: load balancers by kind, listeners by port, rules by priority, target groups by pool, the security
 * groups and the web ACL; CloudFormation's own spelling (camelCase), references replaced by names
 * ('tg:<pool>', 'ipset:<id>').
 */
import { AWS_DEFAULTS } from '../../../providers/aws/plan/defaults';
import type { RecordedResource } from '../../support/pulumi';
import { withoutUndefined } from '../../support/json';

type Json = Record<string, any>;
/** 'HostHeaderConfig' -> 'hostHeaderConfig', 'IPSetReferenceStatement' -> 'ipSetReferenceStatement'. */
const camel = (k: string) => k.replace(/^[A-Z]+(?=[A-Z][a-z])|^[A-Z]+$|^[A-Z]/, (m) => m.toLowerCase());

/** CloudFormation PascalCase -> camelCase, recursively (keys of raw JSON fields too). */
export function camelCase(value: unknown): any {
  if (Array.isArray(value)) return value.map(camelCase);
  if (value && typeof value === 'object')
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k.includes('::') || k.includes('.') ? k : camel(k), camelCase(v)]));
  return value;
}

const sortBy = <T>(items: T[], key: (t: T) => string | number) => [...items].sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
const attributeMap = (list: Array<{ key: string; value: string }> | undefined) => Object.fromEntries((list ?? []).map((a) => [a.key, String(a.value)]));
const ruleSet = (rules: Json[]) => sortBy(rules, (r) => `${r.ipProtocol}/${String(r.fromPort).padStart(5, '0')}/${r.cidr}`);

export interface Neutral {
  loadBalancers: Json;
  listeners: Json;
  targetGroups: Json;
  securityGroups: Json;
  webAcl?: Json;
  /** Shield Advanced protections (resource and name). */
  shield: Json[];
  /** Dashboard bodies, parsed, references replaced by names. */
  dashboards: Json[];
}

// ---------------------------------------------------------------------------------------------------------
// CloudFormation (CDK)
// ---------------------------------------------------------------------------------------------------------

/**
 * `names` maps logical ids to names: 'tg:<pool>', 'ipset:<id>', 'lb:<kind>', 'listener:<port>', 'alarm:<name>';
 * `region` stands for the template's AWS::Region.
 */
export function fromTemplate(template: Json, names: Readonly<Record<string, string>>, region = 'AWS::Region'): Neutral {
  const resources = Object.entries(template.Resources as Json).map(([id, r]) => ({ id, type: r.Type as string, props: r.Properties as Json }));
  const of = (type: string) => resources.filter((r) => r.type === `AWS::ElasticLoadBalancingV2::${type}`);
  const deref = (v: unknown): unknown => {
    if (Array.isArray(v)) return v.map(deref);
    if (v && typeof v === 'object') {
      const o = v as Json;
      if (o.Ref && names[o.Ref]) return names[o.Ref];
      if (o['Fn::GetAtt'] && names[o['Fn::GetAtt'][0]]) return names[o['Fn::GetAtt'][0]];
      return Object.fromEntries(Object.entries(o).map(([k, x]) => [k, deref(x)]));
    }
    return v;
  };
  const props = (p: Json) => camelCase(deref(p)) as Json;
  const listenerCerts = of('ListenerCertificate').map((c) => props(c.props));
  const loadBalancers = Object.fromEntries(
    of('LoadBalancer').map((r) => {
      const p = props(r.props);
      const attributes = attributeMap(p.loadBalancerAttributes);
      delete attributes['access_logs.s3.bucket'];
      return [p.type, { scheme: p.scheme, ipAddressType: p.ipAddressType, subnets: p.subnets, securityGroups: p.securityGroups, attributes, tags: p.tags }];
    }),
  );
  const listeners = Object.fromEntries(
    of('Listener').map((r) => {
      const p = props(r.props);
      const rules = of('ListenerRule')
        .map((x) => props(x.props))
        .filter((x) => x.listenerArn === names[r.id]);
      return [
        String(p.port),
        {
          loadBalancer: p.loadBalancerArn,
          protocol: p.protocol,
          sslPolicy: p.sslPolicy,
          alpnPolicy: p.alpnPolicy?.[0],
          certificates: [
            ...(p.certificates ?? []).map((c: Json) => c.certificateArn),
            ...listenerCerts.filter((c) => c.listenerArn === names[r.id]).flatMap((c) => c.certificates.map((x: Json) => x.certificateArn)),
          ],
          mutualAuthentication: p.mutualAuthentication,
          attributes: attributeMap(p.listenerAttributes),
          defaultActions: p.defaultActions,
          tags: p.tags,
          rules: sortBy(rules, (x) => x.priority).map((x) => ({ priority: x.priority, conditions: x.conditions, actions: x.actions, tags: x.tags })),
        },
      ];
    }),
  );
  const targetGroups = Object.fromEntries(
    of('TargetGroup').map((r) => {
      const p = props(r.props);
      // A threshold or an HTTP probe's path the template leaves out is AWS's own, which the Pulumi side writes.
      const aws = p.protocol === 'HTTP' || p.protocol === 'HTTPS' ? AWS_DEFAULTS.albHealthCheck : AWS_DEFAULTS.nlbHealthCheck;
      const httpProbe = p.healthCheckProtocol !== 'TCP' && p.protocolVersion !== 'GRPC';
      return [
        names[r.id],
        {
          protocol: p.protocol,
          port: p.port,
          targetType: p.targetType,
          vpcId: p.vpcId,
          healthCheck: {
            enabled: p.healthCheckEnabled,
            protocol: p.healthCheckProtocol,
            port: p.healthCheckPort,
            path: p.healthCheckPath ?? (httpProbe ? aws.path : undefined),
            interval: p.healthCheckIntervalSeconds,
            timeout: p.healthCheckTimeoutSeconds,
            healthyThreshold: p.healthyThresholdCount ?? aws.healthyThreshold,
            unhealthyThreshold: p.unhealthyThresholdCount ?? aws.unhealthyThreshold,
            matcher: p.matcher?.httpCode,
          },
          attributes: attributeMap(p.targetGroupAttributes),
          targets: sortBy(
            (p.targets ?? []).map((t: Json) => `${t.id}:${t.port}`),
            (t: string) => t,
          ),
          tags: p.tags,
        },
      ];
    }),
  );
  const securityGroups = Object.fromEntries(
    resources
      .filter((r) => r.type === 'AWS::EC2::SecurityGroup')
      .map((r) => {
        const p = props(r.props);
        const rule = (x: Json) => ({
          ipProtocol: x.ipProtocol,
          fromPort: x.fromPort,
          toPort: x.toPort,
          cidr: x.cidrIp ?? x.cidrIpv6,
          description: x.description,
        });
        return [
          names[r.id],
          {
            description: p.groupDescription,
            vpcId: p.vpcId,
            ingress: ruleSet((p.securityGroupIngress ?? []).map(rule)),
            egress: ruleSet((p.securityGroupEgress ?? []).map(rule)),
            tags: p.tags,
          },
        ];
      }),
  );
  const acl = resources.find((r) => r.type === 'AWS::WAFv2::WebACL');
  const webAcl =
    acl &&
    (() => {
      const p = props(acl.props);
      const ipSets: Json[] = resources.filter((r) => r.type === 'AWS::WAFv2::IPSet').map((r) => ({ name: names[r.id], ...props(r.props) }));
      const association = resources.filter((r) => r.type === 'AWS::WAFv2::WebACLAssociation').map((r) => props(r.props));
      return {
        scope: p.scope,
        defaultAction: p.defaultAction,
        visibilityConfig: p.visibilityConfig,
        rules: p.rules,
        tags: p.tags,
        ipSets: sortBy(
          ipSets.map((s) => ({ name: s.name, scope: s.scope, ipAddressVersion: s.ipAddressVersion, addresses: s.addresses, tags: s.tags })),
          (s) => s.name,
        ),
        associations: association.map((a) => ({ resourceArn: a.resourceArn, webAclArn: a.webACLArn })),
      };
    })();
  const shield = resources.filter((r) => r.type === 'AWS::Shield::Protection').map((r) => props(r.props));
  // A dashboard body is a Fn::Join of JSON text and references: each reference becomes its name, then the JSON is read.
  const text = (v: Json): string => (v.Ref === 'AWS::Region' ? region : v['Fn::GetAtt'] ? (names[v['Fn::GetAtt'][0]] ?? JSON.stringify(v)) : JSON.stringify(v));
  const dashboards = resources
    .filter((r) => r.type === 'AWS::CloudWatch::Dashboard')
    .map((r) => {
      const body = r.props.DashboardBody as string | Json;
      const [sep, parts] = typeof body === 'string' ? ['', [body]] : (body['Fn::Join'] as [string, Array<string | Json>]);
      return JSON.parse(parts.map((p) => (typeof p === 'string' ? p : text(p))).join(sep)) as Json;
    });
  return { loadBalancers, listeners, targetGroups, securityGroups, ...(webAcl ? { webAcl } : {}), shield, dashboards };
}

// ---------------------------------------------------------------------------------------------------------
// Pulumi (@pulumi/aws inputs)
// ---------------------------------------------------------------------------------------------------------

const tagList = (tags: Record<string, string> | undefined) =>
  tags && Object.keys(tags).length ? Object.entries(tags).map(([key, value]) => ({ key, value })) : undefined;

/** Pulumi's action shape -> CloudFormation's. */
function cfnAction(a: Json): Json {
  if (a.type === 'forward' && a.targetGroupArn) return { type: 'forward', targetGroupArn: a.targetGroupArn };
  if (a.type === 'forward') {
    return {
      type: 'forward',
      forwardConfig: {
        targetGroups: a.forward.targetGroups.map((t: Json) => ({ targetGroupArn: t.arn, weight: t.weight })),
        ...(a.forward.stickiness
          ? { targetGroupStickinessConfig: { enabled: a.forward.stickiness.enabled, durationSeconds: a.forward.stickiness.duration } }
          : {}),
      },
    };
  }
  if (a.type === 'redirect') return { type: 'redirect', redirectConfig: a.redirect };
  return { type: 'fixed-response', fixedResponseConfig: a.fixedResponse };
}

/** Pulumi's condition shape -> CloudFormation's. */
function cfnCondition(c: Json): Json {
  if (c.hostHeader) return { field: 'host-header', hostHeaderConfig: c.hostHeader };
  if (c.pathPattern) return { field: 'path-pattern', pathPatternConfig: c.pathPattern };
  if (c.httpHeader) return { field: 'http-header', httpHeaderConfig: c.httpHeader };
  if (c.queryStrings) return { field: 'query-string', queryStringConfig: { values: c.queryStrings } };
  if (c.httpRequestMethod) return { field: 'http-request-method', httpRequestMethodConfig: c.httpRequestMethod };
  return { field: 'source-ip', sourceIpConfig: c.sourceIp };
}

/** Target-group arguments -> ELBv2 attributes, as the Terraform provider behind @pulumi/aws writes them. */
function tgAttributes(i: Json): Record<string, string> {
  const s = i.stickiness;
  const out: Record<string, string> = {};
  if (i.deregistrationDelay !== undefined) out['deregistration_delay.timeout_seconds'] = String(i.deregistrationDelay);
  if (i.connectionTermination !== undefined) out['deregistration_delay.connection_termination.enabled'] = String(i.connectionTermination);
  if (i.slowStart !== undefined) out['slow_start.duration_seconds'] = String(i.slowStart);
  if (i.loadBalancingAlgorithmType !== undefined) out['load_balancing.algorithm.type'] = i.loadBalancingAlgorithmType;
  if (i.loadBalancingAnomalyMitigation !== undefined) out['load_balancing.algorithm.anomaly_mitigation'] = i.loadBalancingAnomalyMitigation;
  // aws-cdk-lib writes an ALB target group's stickiness.enabled false (AWS's default) when it has none.
  if (!s && (i.protocol === 'HTTP' || i.protocol === 'HTTPS')) out['stickiness.enabled'] = 'false';
  if (s) {
    out['stickiness.enabled'] = String(s.enabled);
    out['stickiness.type'] = s.type;
    if (s.cookieDuration !== undefined) out[`stickiness.${s.type}.duration_seconds`] = String(s.cookieDuration);
    if (s.cookieName !== undefined) out['stickiness.app_cookie.cookie_name'] = s.cookieName;
  }
  return out;
}

/** `nameOf` maps an ARN (or id) the mocks produced to the same names fromTemplate uses. */
export function fromPulumi(resources: readonly RecordedResource[], nameOf: (value: string) => string | undefined): Neutral {
  const deref = (v: unknown): unknown => clean(v, (x) => (typeof x === 'string' ? (nameOf(x) ?? x) : x));
  const of = (type: string) => resources.filter((r) => r.type === type).map((r) => ({ name: r.name, inputs: deref(r.inputs) as Json }));
  const loadBalancers = Object.fromEntries(
    of('aws:lb/loadBalancer:LoadBalancer').map(({ inputs: i }) => {
      // aws-cdk-lib always writes deletion protection; left out, it is AWS's own (off).
      const attributes: Record<string, string> = { 'deletion_protection.enabled': String(i.enableDeletionProtection ?? false) };
      if (i.idleTimeout !== undefined) attributes['idle_timeout.timeout_seconds'] = String(i.idleTimeout);
      if (i.enableHttp2 !== undefined) attributes['routing.http2.enabled'] = String(i.enableHttp2);
      if (i.dropInvalidHeaderFields !== undefined) attributes['routing.http.drop_invalid_header_fields.enabled'] = String(i.dropInvalidHeaderFields);
      if (i.enableCrossZoneLoadBalancing !== undefined) attributes['load_balancing.cross_zone.enabled'] = String(i.enableCrossZoneLoadBalancing);
      if (i.accessLogs) {
        attributes['access_logs.s3.enabled'] = String(i.accessLogs.enabled);
        attributes['access_logs.s3.prefix'] = i.accessLogs.prefix;
      }
      return [
        i.loadBalancerType,
        {
          scheme: i.internal ? 'internal' : 'internet-facing',
          ipAddressType: i.ipAddressType,
          subnets: i.subnets,
          securityGroups: i.securityGroups,
          attributes,
          tags: tagList(i.tags),
        },
      ];
    }),
  );
  const certs = of('aws:lb/listenerCertificate:ListenerCertificate');
  const rules = of('aws:lb/listenerRule:ListenerRule');
  const listeners = Object.fromEntries(
    of('aws:lb/listener:Listener').map(({ name, inputs: i }) => {
      const self = nameOf(`listener:${name}`);
      return [
        String(i.port),
        {
          loadBalancer: i.loadBalancerArn,
          protocol: i.protocol,
          sslPolicy: i.sslPolicy,
          alpnPolicy: i.alpnPolicy,
          certificates: [
            ...(i.certificateArn ? [i.certificateArn] : []),
            ...certs.filter((c) => c.inputs.listenerArn === self).map((c) => c.inputs.certificateArn),
          ],
          mutualAuthentication: i.mutualAuthentication,
          attributes: i.tcpIdleTimeoutSeconds !== undefined ? { 'tcp.idle_timeout.seconds': String(i.tcpIdleTimeoutSeconds) } : {},
          defaultActions: i.defaultActions.map(cfnAction),
          tags: tagList(i.tags),
          rules: sortBy(
            rules.filter((r) => r.inputs.listenerArn === self),
            (r) => r.inputs.priority,
          ).map((r) => ({
            priority: r.inputs.priority,
            conditions: r.inputs.conditions.map(cfnCondition),
            actions: r.inputs.actions.map(cfnAction),
            tags: tagList(r.inputs.tags),
          })),
        },
      ];
    }),
  );
  const attachments = of('aws:lb/targetGroupAttachment:TargetGroupAttachment');
  const targetGroups = Object.fromEntries(
    of('aws:lb/targetGroup:TargetGroup').map(({ name, inputs: i }) => {
      const self = nameOf(`tg:${name}`)!;
      const hc = i.healthCheck;
      return [
        self,
        {
          protocol: i.protocol,
          port: i.port,
          targetType: i.targetType,
          vpcId: i.vpcId,
          healthCheck: {
            enabled: hc.enabled,
            protocol: hc.protocol,
            port: hc.port,
            path: hc.path,
            interval: hc.interval,
            timeout: hc.timeout,
            healthyThreshold: hc.healthyThreshold,
            unhealthyThreshold: hc.unhealthyThreshold,
            matcher: hc.matcher,
          },
          attributes: tgAttributes(i),
          targets: sortBy(
            attachments.filter((a) => a.inputs.targetGroupArn === self).map((a) => `${a.inputs.targetId}:${a.inputs.port}`),
            (t) => t,
          ),
          tags: tagList(i.tags),
        },
      ];
    }),
  );
  const securityGroups = Object.fromEntries(
    of('aws:ec2/securityGroup:SecurityGroup').map(({ name, inputs: i }) => {
      const rule = (x: Json) => ({
        ipProtocol: x.protocol,
        fromPort: x.fromPort,
        toPort: x.toPort,
        cidr: (x.cidrBlocks ?? x.ipv6CidrBlocks)[0],
        description: x.description,
      });
      return [
        nameOf(`sg:${name}`),
        { description: i.description, vpcId: i.vpcId, ingress: ruleSet(i.ingress.map(rule)), egress: ruleSet(i.egress.map(rule)), tags: tagList(i.tags) },
      ];
    }),
  );
  const [acl] = of('aws:wafv2/webAcl:WebAcl');
  const webAcl = acl && {
    scope: acl.inputs.scope,
    defaultAction: acl.inputs.defaultAction,
    visibilityConfig: acl.inputs.visibilityConfig,
    rules: acl.inputs.rules,
    tags: tagList(acl.inputs.tags),
    ipSets: sortBy(
      of('aws:wafv2/ipSet:IpSet').map(({ name, inputs: s }) => ({
        name: nameOf(`ipset:${name}`),
        scope: s.scope,
        ipAddressVersion: s.ipAddressVersion,
        addresses: s.addresses,
        tags: tagList(s.tags),
      })),
      (s) => String(s.name),
    ),
    associations: of('aws:wafv2/webAclAssociation:WebAclAssociation').map(({ inputs: a }) => ({ resourceArn: a.resourceArn, webAclArn: a.webAclArn })),
  };
  const shield = of('aws:shield/protection:Protection').map(({ inputs: p }) => ({ name: p.name, resourceArn: p.resourceArn, tags: tagList(p.tags) }));
  const dashboards = of('aws:cloudwatch/dashboard:Dashboard').map(({ inputs: d }) => deref(JSON.parse(d.dashboardBody as string)) as Json);
  return { loadBalancers, listeners, targetGroups, securityGroups, ...(webAcl ? { webAcl } : {}), shield, dashboards };
}

/** Drops undefined fields, so that "not set" compares equal on both sides; `leaf` maps every other value. */
export const clean = withoutUndefined;
