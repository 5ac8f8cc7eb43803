/**
 * Which action an Application Load Balancer listener takes for a request, read from the listener and its
 * rules in the ELBv2 API shape (CloudFormation's property names: aws-sources.ts brings the CDK template and
 * the Pulumi resources to it). Written from AWS's documentation, not from lbkit's compiler:
 *
 * - https://docs.aws.amazon.com/elasticloadbalancing/latest/application/listener-rules.html: "Rules are
 *   evaluated in priority order, from the lowest value to the highest value. The default rule is evaluated
 *   last." A rule applies when all its conditions are met; a condition is met when one of its values matches.
 * - https://docs.aws.amazon.com/elasticloadbalancing/latest/application/rule-condition-types.html and the API
 *   reference (HostHeaderConditionConfig, PathPatternConditionConfig, HttpHeaderConditionConfig,
 *   QueryStringConditionConfig, HttpRequestMethodConditionConfig, SourceIpConditionConfig):
 *   - wildcards in values: '*' matches 0 or more characters, '?' exactly one; a value matches the whole field;
 *   - host-header: compared with the Host header, case-insensitively;
 *   - path-pattern: case-sensitive, "compared only to the path of the URL, not to its query parameters";
 *   - http-header: the header name and the compared strings are not case-sensitive; a missing header does not
 *     match; every occurrence of a repeated header is tried;
 *   - query-string: key/value pairs, case-insensitive, '\*' and '\?' escape the wildcards; "Any character can be
 *     percentage encoded", so parameters are compared decoded;
 *   - http-request-method: case-sensitive, no wildcards;
 *   - source-ip: CIDR blocks holding the connection's source address (not X-Forwarded-For).
 *   - RegexValues (host-header, path-pattern, http-header): a regular expression found in the field. The
 *     documentation does not say the match is anchored, so this evaluator searches (an anchored pattern then
 *     means the same under either reading, and an unanchored one that lbkit meant anchored disagrees).
 * - https://docs.aws.amazon.com/elasticloadbalancing/latest/application/rule-action-types.html: forward to one
 *   target group or to weighted target groups (weight 0 receives nothing); redirect with #{protocol}, #{host},
 *   #{port}, #{path} (the path without its leading '/'), #{query}; HTTP_301 / HTTP_302; fixed-response.
 * - https://docs.aws.amazon.com/elasticloadbalancing/latest/application/rule-transforms.html: a rule's transforms
 *   host-header-rewrite (on the Host header) and url-rewrite (on the path and query string, '?' between them)
 *   replace what the regex matches with the replacement ($n a capture); "If there is no pattern match, the
 *   original request is sent to the target". Headers and the response are not changed (ALB rules have no header
 *   actions).
 */
import { BlockList, isIPv6 } from 'node:net';
import { buildLocation, evaluatedForward, headerValues, hostName, type Arrival, type ConformanceRequest, type Forwarded, type Outcome } from './request';

export interface ElbValues {
  readonly Values?: readonly string[];
  readonly RegexValues?: readonly string[];
}

export interface ElbCondition {
  readonly Field: 'host-header' | 'path-pattern' | 'http-header' | 'query-string' | 'http-request-method' | 'source-ip';
  readonly HostHeaderConfig?: ElbValues;
  readonly PathPatternConfig?: ElbValues;
  readonly HttpHeaderConfig?: ElbValues & { readonly HttpHeaderName: string };
  readonly QueryStringConfig?: { readonly Values: readonly { readonly Key?: string; readonly Value: string }[] };
  readonly HttpRequestMethodConfig?: { readonly Values: readonly string[] };
  readonly SourceIpConfig?: { readonly Values: readonly string[] };
}

/** Target groups are named by the pool they serve (the adapters resolve ARNs and references). */
export interface ElbAction {
  readonly Type: 'forward' | 'redirect' | 'fixed-response';
  readonly TargetGroupArn?: string;
  readonly ForwardConfig?: { readonly TargetGroups: readonly { readonly TargetGroupArn: string; readonly Weight?: number }[] };
  readonly RedirectConfig?: {
    readonly Protocol?: string;
    readonly Host?: string;
    readonly Port?: string;
    readonly Path?: string;
    readonly Query?: string;
    readonly StatusCode: 'HTTP_301' | 'HTTP_302';
  };
  readonly FixedResponseConfig?: { readonly StatusCode: string; readonly ContentType?: string; readonly MessageBody?: string };
}

/** A rule transform in CloudFormation's shape (TransformProperty): one rewrite per transform. */
export interface ElbTransform {
  readonly Type: 'host-header-rewrite' | 'url-rewrite';
  readonly HostHeaderRewriteConfig?: { readonly Rewrites: readonly ElbRewrite[] };
  readonly UrlRewriteConfig?: { readonly Rewrites: readonly ElbRewrite[] };
}
export interface ElbRewrite {
  readonly Regex: string;
  readonly Replace: string;
}

export interface ElbRule {
  readonly Priority: number;
  readonly Conditions: readonly ElbCondition[];
  readonly Actions: readonly ElbAction[];
  readonly Transforms?: readonly ElbTransform[];
}

export interface ElbListener {
  readonly Port: number;
  readonly Protocol: 'HTTP' | 'HTTPS';
  readonly DefaultActions: readonly ElbAction[];
  readonly Rules: readonly ElbRule[];
}

/** A value with '*' and '?' wildcards, matched against the whole input; `escapes`: '\*' and '\?' are literal. */
function wildcard(pattern: string, caseInsensitive: boolean, escapes = false): RegExp {
  let body = '';
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i];
    if (escapes && c === '\\' && (pattern[i + 1] === '*' || pattern[i + 1] === '?')) body += `\\${pattern[++i]}`;
    else if (c === '*') body += '[\\s\\S]*';
    else if (c === '?') body += '[\\s\\S]';
    else body += c.replace(/[\\^$.|+()[\]{}]/g, '\\$&');
  }
  return new RegExp(`^${body}$`, caseInsensitive ? 'i' : '');
}

function valuesMatch(config: ElbValues | undefined, inputs: readonly string[], caseInsensitive: boolean): boolean {
  if (!config) return false;
  return inputs.some(
    (input) => (config.Values ?? []).some((v) => wildcard(v, caseInsensitive).test(input)) || (config.RegexValues ?? []).some((r) => new RegExp(r).test(input)),
  );
}

function decode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

function queryMatches(pairs: readonly { readonly Key?: string; readonly Value: string }[], query: string): boolean {
  const params = query
    .split('&')
    .filter((p) => p)
    .map((p) => {
      const eq = p.indexOf('=');
      return eq < 0 ? { key: undefined, value: decode(p) } : { key: decode(p.slice(0, eq)), value: decode(p.slice(eq + 1)) };
    });
  return pairs.some((pair) =>
    params.some(
      (p) => (pair.Key === undefined || (p.key !== undefined && wildcard(pair.Key, true, true).test(p.key))) && wildcard(pair.Value, true, true).test(p.value),
    ),
  );
}

function sourceMatches(cidrs: readonly string[], ip: string): boolean {
  const list = new BlockList();
  for (const cidr of cidrs) {
    const [address, prefix] = cidr.split('/');
    list.addSubnet(address, Number(prefix), isIPv6(address) ? 'ipv6' : 'ipv4');
  }
  return list.check(ip, isIPv6(ip) ? 'ipv6' : 'ipv4');
}

export function conditionHolds(c: ElbCondition, req: ConformanceRequest): boolean {
  switch (c.Field) {
    case 'host-header':
      return valuesMatch(c.HostHeaderConfig, [req.host], true);
    case 'path-pattern':
      return valuesMatch(c.PathPatternConfig, [req.path], false);
    case 'http-header':
      return valuesMatch(
        c.HttpHeaderConfig,
        headerValues(req, c.HttpHeaderConfig!.HttpHeaderName).map((v) => v.trim()),
        true,
      );
    case 'query-string':
      return queryMatches(c.QueryStringConfig!.Values, req.query);
    case 'http-request-method':
      return c.HttpRequestMethodConfig!.Values.includes(req.method);
    case 'source-ip':
      return sourceMatches(c.SourceIpConfig!.Values, req.sourceIp);
  }
}

/** The rule that takes the request (undefined: the default actions). */
export function matchingRule(listener: ElbListener, req: ConformanceRequest): ElbRule | undefined {
  return [...listener.Rules].sort((a, b) => a.Priority - b.Priority).find((r) => r.Conditions.every((c) => conditionHolds(c, req)));
}

function redirectTarget(cfg: NonNullable<ElbAction['RedirectConfig']>, req: ConformanceRequest, arrival: Arrival): string {
  const host = hostName(req.host);
  const fill = (text: string) =>
    text
      .replace(/#\{protocol\}/g, arrival.scheme)
      .replace(/#\{host\}/g, host)
      .replace(/#\{port\}/g, String(arrival.port))
      .replace(/#\{path\}/g, req.path.replace(/^\//, ''))
      .replace(/#\{query\}/g, req.query);
  return buildLocation(
    fill(cfg.Protocol ?? '#{protocol}'),
    fill(cfg.Host ?? '#{host}'),
    fill(cfg.Port ?? '#{port}'),
    fill(cfg.Path ?? '/#{path}'),
    fill(cfg.Query ?? '#{query}'),
  );
}

export function actionOutcome(actions: readonly ElbAction[], req: ConformanceRequest, arrival: Arrival): Outcome {
  // The last action performs (authentication actions, which lbkit never emits, would come first).
  const a = actions[actions.length - 1];
  switch (a.Type) {
    case 'forward': {
      const groups = a.ForwardConfig ? a.ForwardConfig.TargetGroups.filter((t) => (t.Weight ?? 1) > 0).map((t) => t.TargetGroupArn) : [a.TargetGroupArn!];
      return { kind: 'forward', pools: [...groups].sort() };
    }
    case 'redirect':
      return { kind: 'redirect', status: a.RedirectConfig!.StatusCode === 'HTTP_301' ? 301 : 302, location: redirectTarget(a.RedirectConfig!, req, arrival) };
    case 'fixed-response': {
      const f = a.FixedResponseConfig!;
      return { kind: 'fixed', status: Number(f.StatusCode), contentType: f.ContentType ?? 'text/plain', body: f.MessageBody ?? '' };
    }
  }
}

/** One rewrite: what the regex matches replaced; no match, the input unchanged. */
function rewrite(rewrites: readonly ElbRewrite[] | undefined, input: string): string {
  const r = rewrites?.[0];
  if (!r) return input;
  const regex = new RegExp(r.Regex);
  return regex.test(input) ? input.replace(regex, r.Replace) : input;
}

/** The request as the target receives it after the rule's transforms: its path and Host (headers are unchanged). */
function transformed(rule: ElbRule | undefined, req: ConformanceRequest) {
  const of = (type: ElbTransform['Type']) => rule?.Transforms?.find((t) => t.Type === type);
  const url = rewrite(of('url-rewrite')?.UrlRewriteConfig?.Rewrites, `${req.path}${req.query ? `?${req.query}` : ''}`);
  return { path: url.split('?')[0], host: rewrite(of('host-header-rewrite')?.HostHeaderRewriteConfig?.Rewrites, req.host), headers: req.headers };
}

/** What the listener does with the request. */
export function evaluateListener(listener: ElbListener, req: ConformanceRequest): Outcome {
  const arrival: Arrival = { scheme: listener.Protocol === 'HTTPS' ? 'https' : 'http', port: listener.Port };
  const rule = matchingRule(listener, req);
  return actionOutcome(rule ? rule.Actions : listener.DefaultActions, req, arrival);
}

/** What the target receives of a forwarded request and what the client gets of its response (the listener's choice). */
export function forwardedBy(listener: ElbListener, req: ConformanceRequest): Forwarded {
  return evaluatedForward(transformed(matchingRule(listener, req), req));
}
