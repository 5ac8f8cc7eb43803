/** cfn-lint's JSON findings, the findings proven to be its stale schema, and faults to plant in a template. */

export interface Finding {
  readonly Filename: string;
  readonly Level: 'Error' | 'Warning' | 'Informational';
  readonly Message: string;
  readonly Rule: { readonly Id: string };
  readonly Location: { readonly Path: readonly (string | number)[] };
}

/** A cfn-lint error that is its schema's age, not lbkit's fault, with the evidence. */
export interface StaleFinding {
  readonly evidence: string;
  readonly matches: (f: Finding, resourceType: string) => boolean;
}

/** Every cfn-lint 1.51 error over the examples and the generated specs that is not lbkit's fault (2026-12-02). */
export const STALE_SCHEMA_FINDINGS: readonly StaleFinding[] = [
  {
    evidence:
      'E3002 Tags on AWS::ElasticLoadBalancingV2::Listener and ::ListenerRule: ELBv2 CreateListener and CreateRule take Tags ' +
      '(API reference, and every SDK: CreateRuleInput.tags), and aws-cdk-lib 2.276, whose L1s are generated from the CloudFormation ' +
      "registry schemas, types CfnListener and CfnListenerRule as taggable with a 'tags' property (@see " +
      'aws-resource-elasticloadbalancingv2-listener.html#cfn-elasticloadbalancingv2-listener-tags, and -listenerrule-tags); ' +
      "cfn-lint 1.51's bundled schemas for the two resources have no Tags.",
    matches: (f, type) =>
      f.Rule.Id === 'E3002' &&
      /'Tags' was unexpected/.test(f.Message) &&
      f.Location.Path[f.Location.Path.length - 1] === 'Tags' &&
      (type === 'AWS::ElasticLoadBalancingV2::Listener' || type === 'AWS::ElasticLoadBalancingV2::ListenerRule'),
  },
];

/** Planted faults cfn-lint 1.51 does not see (its schemas have no such bound); lbkit's own checks refuse them. */
export const CFN_LINT_BLIND_SPOTS = ['a security group ingress port 70000', 'a weighted forward weight of 1000'];

type Template = { Resources: Record<string, { Type: string; Properties: Record<string, any> }> };

const firstOf = (t: Template, type: string) => Object.values(t.Resources).find((r) => r.Type === type)!;

/** Faults lbkit must never emit, each planted in its own copy of a synthesized template (the web example). */
export function plantedFaults(base: Template): Array<{ name: string; template: Template }> {
  const plant = (name: string, change: (t: Template) => void) => {
    const template = JSON.parse(JSON.stringify(base)) as Template;
    change(template);
    return { name, template };
  };
  return [
    plant('an invalid listener protocol', (t) => {
      firstOf(t, 'AWS::ElasticLoadBalancingV2::Listener').Properties.Protocol = 'HTTPX';
    }),
    plant('a rule priority of 0', (t) => {
      firstOf(t, 'AWS::ElasticLoadBalancingV2::ListenerRule').Properties.Priority = 0;
    }),
    plant('a rule priority above 50000', (t) => {
      firstOf(t, 'AWS::ElasticLoadBalancingV2::ListenerRule').Properties.Priority = 50001;
    }),
    plant('a rule without Conditions (required)', (t) => {
      delete firstOf(t, 'AWS::ElasticLoadBalancingV2::ListenerRule').Properties.Conditions;
    }),
    plant('a listener without DefaultActions (required)', (t) => {
      delete firstOf(t, 'AWS::ElasticLoadBalancingV2::Listener').Properties.DefaultActions;
    }),
    plant('a repeated path-pattern value', (t) => {
      const rule = firstOf(t, 'AWS::ElasticLoadBalancingV2::ListenerRule').Properties;
      rule.Conditions = [{ Field: 'path-pattern', PathPatternConfig: { Values: ['/docs', '/docs'] } }];
    }),
    plant('a rule transform of an unknown type', (t) => {
      firstOf(t, 'AWS::ElasticLoadBalancingV2::ListenerRule').Properties.Transforms = [
        { Type: 'path-rewrite', UrlRewriteConfig: { Rewrites: [{ Regex: '^/a', Replace: '/b' }] } },
      ];
    }),
    plant('a redirect status HTTP_307', (t) => {
      const rule = Object.values(t.Resources).find(
        (r) => r.Type === 'AWS::ElasticLoadBalancingV2::ListenerRule' && r.Properties.Actions?.[0]?.Type === 'redirect',
      )!;
      rule.Properties.Actions[0].RedirectConfig.StatusCode = 'HTTP_307';
    }),
    plant('a health-check interval of 400 s', (t) => {
      firstOf(t, 'AWS::ElasticLoadBalancingV2::TargetGroup').Properties.HealthCheckIntervalSeconds = 400;
    }),
    plant('a target group protocol UDPX', (t) => {
      firstOf(t, 'AWS::ElasticLoadBalancingV2::TargetGroup').Properties.Protocol = 'UDPX';
    }),
    plant('a load balancer type "classic"', (t) => {
      firstOf(t, 'AWS::ElasticLoadBalancingV2::LoadBalancer').Properties.Type = 'classic';
    }),
    plant('a WAF rate limit of 5 (below 10)', (t) => {
      firstOf(t, 'AWS::WAFv2::WebACL').Properties.Rules[0].Statement.RateBasedStatement.Limit = 5;
    }),
    plant('a WAF evaluation window of 90 s', (t) => {
      firstOf(t, 'AWS::WAFv2::WebACL').Properties.Rules[0].Statement.RateBasedStatement.EvaluationWindowSec = 90;
    }),
    plant('a security group ingress port 70000', (t) => {
      const sg = Object.values(t.Resources).find((r) => r.Type === 'AWS::EC2::SecurityGroup' && r.Properties.SecurityGroupIngress)!;
      sg.Properties.SecurityGroupIngress[0].FromPort = 70000;
      sg.Properties.SecurityGroupIngress[0].ToPort = 70000;
    }),
    plant('a weighted forward weight of 1000', (t) => {
      const listener = Object.values(t.Resources).find(
        (r) => r.Type === 'AWS::ElasticLoadBalancingV2::Listener' && r.Properties.DefaultActions?.[0]?.ForwardConfig,
      )!;
      listener.Properties.DefaultActions[0].ForwardConfig.TargetGroups[0].Weight = 1000;
    }),
  ];
}

/** Faults in the operations resources (web ACL protection rules, IP sets, alarms, dashboard), planted in the ops example. */
export function plantedOperationsFaults(base: Template): Array<{ name: string; template: Template }> {
  const plant = (name: string, change: (t: Template) => void) => {
    const template = JSON.parse(JSON.stringify(base)) as Template;
    change(template);
    return { name, template };
  };
  // cfn-lint 1.51 does not see a GeoMatchStatement without CountryCodes (tried 2026-12-02): not planted.
  const ruleWith = (t: Template, statement: string) =>
    (firstOf(t, 'AWS::WAFv2::WebACL').Properties.Rules as Array<{ Statement: Record<string, any> }>).find((r) => r.Statement[statement])!;
  return [
    plant('a managed rule group without VendorName (required)', (t) => {
      delete ruleWith(t, 'ManagedRuleGroupStatement').Statement.ManagedRuleGroupStatement.VendorName;
    }),
    plant('an IP set of address version IPV5', (t) => {
      firstOf(t, 'AWS::WAFv2::IPSet').Properties.IPAddressVersion = 'IPV5';
    }),
    plant('a WAF alarm with statistic Total', (t) => {
      const alarm = Object.values(t.Resources).find((r) => r.Type === 'AWS::CloudWatch::Alarm' && r.Properties.Namespace === 'AWS/WAFV2')!;
      alarm.Properties.Statistic = 'Total';
    }),
    plant('a dashboard without DashboardBody (required)', (t) => {
      delete firstOf(t, 'AWS::CloudWatch::Dashboard').Properties.DashboardBody;
    }),
  ];
}
