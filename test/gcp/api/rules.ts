/**
 * Cross-field rules the Compute API documents (each cites its text), over every resource a component registered.
 * Field names, types and enums are compute-schema.ts's; these are the rules between fields and resources.
 */
import type { RecordedResource } from '../../support/pulumi';
import type { Finding } from './compute-schema';
import { MONITORING_RULES } from './monitoring-rules';

type Inputs = Record<string, any>;
export interface RuleContext {
  readonly resources: readonly RecordedResource[];
  /** The resource an id (the mocks' `<name>-id`) or self link refers to. */
  byRef(ref: unknown): RecordedResource | undefined;
}

export interface ApiRule {
  readonly id: string;
  /** Where the rule is written down. */
  readonly source: string;
  readonly check: (r: RecordedResource, ctx: RuleContext) => Array<{ path: string; message: string }>;
}

const PROTO = '@google-cloud/compute 7.8.0 compute.proto (compute v1)';
const inp = (r: RecordedResource): Inputs => r.inputs as Inputs;
const isType = (r: RecordedResource, ...suffixes: string[]) => suffixes.some((s) => r.type.endsWith(`:${s}`));
const BACKEND_SERVICES = ['BackendService', 'RegionBackendService'];
const regional = (r: RecordedResource) => r.type.includes('/region');
const URL_MAPS = ['URLMap', 'RegionUrlMap'];
const set = (v: unknown): boolean => v !== undefined && v !== null;
const count = (o: Inputs, keys: string[]) => keys.filter((k) => set(o[k])).length;

/** The serverless NEG a backend's group points at, if it is one. */
const serverlessGroup = (ctx: RuleContext, group: unknown) => {
  const target = ctx.byRef(group);
  return target !== undefined && inp(target).networkEndpointType === 'SERVERLESS';
};
const backendsOf = (r: RecordedResource): Inputs[] => (inp(r).backends as Inputs[] | undefined) ?? [];
const httpProtocol = (p: unknown) => ['HTTP', 'HTTPS', 'HTTP2', 'H2C'].includes(p as string);

/** The subexpressions of a Cloud Armor expression: the terms joined by || and && (string literals left out). */
export function subexpressions(expression: string): number {
  const code = expression.replace(/'(?:[^'\\]|\\.)*'/g, '');
  return 1 + (code.match(/&&|\|\|/g) ?? []).length;
}

/** Every route rule, match rule and destination of a URL map, with its input path. */
function urlMapParts(u: Inputs) {
  const matchers = ((u.pathMatchers as Inputs[] | undefined) ?? []).map((pm, i) => ({ pm, at: `pathMatchers[${i}]` }));
  const routeRules = matchers.flatMap(({ pm, at }) =>
    ((pm.routeRules as Inputs[] | undefined) ?? []).map((rr, j) => ({ rr, at: `${at}.routeRules[${j}]`, matcher: at })),
  );
  const matchRules = routeRules.flatMap(({ rr, at }) => ((rr.matchRules as Inputs[] | undefined) ?? []).map((m, k) => ({ m, at: `${at}.matchRules[${k}]` })));
  return { matchers, routeRules, matchRules };
}

export const RULES: readonly ApiRule[] = [
  {
    id: 'port-name-serverless',
    source: `${PROTO} BackendService.portName ("This parameter has no meaning if the backends are NEGs"); the API refuses it: "Port name is not supported for a backend service with Serverless network endpoint groups"`,
    check: (r, ctx) =>
      isType(r, ...BACKEND_SERVICES) && set(inp(r).portName) && backendsOf(r).some((b) => serverlessGroup(ctx, b.group))
        ? [{ path: 'portName', message: 'portName on a backend service with serverless NEGs' }]
        : [],
  },
  {
    id: 'balancing-mode',
    source: `${PROTO} Backend.balancingMode; https://cloud.google.com/load-balancing/docs/backend-service#balancing-mode (serverless NEGs take no balancing mode or capacity; passthrough backends use CONNECTION; UTILIZATION needs instance groups; HTTP(S) services do not take CONNECTION)`,
    check: (r, ctx) => {
      if (!isType(r, ...BACKEND_SERVICES)) return [];
      const scheme = inp(r).loadBalancingScheme;
      return backendsOf(r).flatMap((b, i) => {
        const at = `backends[${i}]`;
        const mode = b.balancingMode;
        const group = ctx.byRef(b.group);
        const neg = group !== undefined && set(inp(group).networkEndpointType);
        if (serverlessGroup(ctx, b.group)) {
          return ['balancingMode', 'capacityScaler', 'maxUtilization', 'maxRatePerEndpoint', 'maxConnectionsPerEndpoint']
            .filter((k) => set(b[k]))
            .map((k) => ({ path: `${at}.${k}`, message: `${k} on a serverless NEG backend` }));
        }
        const out: Array<{ path: string; message: string }> = [];
        if ((scheme === 'EXTERNAL' || scheme === 'INTERNAL') && set(mode) && mode !== 'CONNECTION')
          out.push({ path: `${at}.balancingMode`, message: `${scheme} passthrough backends use CONNECTION, not ${mode}` });
        if (mode === 'UTILIZATION' && neg) out.push({ path: `${at}.balancingMode`, message: 'UTILIZATION on a network endpoint group (instance groups only)' });
        if (mode === 'CONNECTION' && httpProtocol(inp(r).protocol))
          out.push({ path: `${at}.balancingMode`, message: `CONNECTION on a ${inp(r).protocol} backend service` });
        if (mode === 'RATE' && !httpProtocol(inp(r).protocol))
          out.push({ path: `${at}.balancingMode`, message: `RATE on a ${inp(r).protocol} backend service` });
        if (set(b.maxUtilization) && mode !== 'UTILIZATION') out.push({ path: `${at}.maxUtilization`, message: 'maxUtilization without UTILIZATION' });
        if (set(b.maxRatePerEndpoint) && mode !== 'RATE') out.push({ path: `${at}.maxRatePerEndpoint`, message: 'maxRatePerEndpoint without RATE' });
        return out;
      });
    },
  },
  {
    id: 'consistent-hash-scope',
    source: `${PROTO} BackendService.consistentHash ("only applicable when localityLbPolicy is set to MAGLEV or RING_HASH ... applicable to either: a regional backend service with the service protocol set to HTTP, HTTPS, HTTP2 or H2C, and load_balancing_scheme set to INTERNAL_MANAGED; a global backend service with the load_balancing_scheme set to INTERNAL_SELF_MANAGED")`,
    check: (r) => {
      if (!isType(r, ...BACKEND_SERVICES) || !set(inp(r).consistentHash)) return [];
      const scheme = inp(r).loadBalancingScheme;
      const ok = regional(r) ? scheme === 'INTERNAL_MANAGED' && httpProtocol(inp(r).protocol) : scheme === 'INTERNAL_SELF_MANAGED';
      const policy = inp(r).localityLbPolicy;
      return [
        ...(ok ? [] : [{ path: 'consistentHash', message: `consistentHash on a ${regional(r) ? 'regional' : 'global'} ${scheme} backend service` }]),
        ...(policy === 'MAGLEV' || policy === 'RING_HASH'
          ? []
          : [{ path: 'consistentHash', message: `consistentHash with localityLbPolicy ${policy ?? 'unset'}` }]),
      ];
    },
  },
  {
    id: 'locality-policy-scope',
    source: `${PROTO} BackendService.localityLbPolicy ("applicable to either: a regional backend service ... INTERNAL_MANAGED; a global backend service with the load_balancing_scheme set to INTERNAL_SELF_MANAGED, INTERNAL_MANAGED, or EXTERNAL_MANAGED"); @pulumi/gcp 9.37 RegionBackendServiceArgs.localityLbPolicy (regional EXTERNAL: MAGLEV and WEIGHTED_MAGLEV only)`,
    check: (r) => {
      const policy = inp(r).localityLbPolicy;
      if (!isType(r, ...BACKEND_SERVICES) || !set(policy)) return [];
      const scheme = inp(r).loadBalancingScheme;
      const ok = regional(r)
        ? (scheme === 'INTERNAL_MANAGED' && httpProtocol(inp(r).protocol)) || (scheme === 'EXTERNAL' && ['MAGLEV', 'WEIGHTED_MAGLEV'].includes(policy))
        : ['INTERNAL_SELF_MANAGED', 'INTERNAL_MANAGED', 'EXTERNAL_MANAGED'].includes(scheme);
      return ok
        ? []
        : [{ path: 'localityLbPolicy', message: `localityLbPolicy ${policy} on a ${regional(r) ? 'regional' : 'global'} ${scheme} backend service` }];
    },
  },
  {
    id: 'outlier-detection-scope',
    source: `${PROTO} BackendService.outlierDetection ("a global backend service with the loadBalancingScheme set to INTERNAL_SELF_MANAGED or EXTERNAL_MANAGED; a regional backend service with the service protocol set to HTTP, HTTPS, HTTP2 or H2C, and loadBalancingScheme set to INTERNAL_MANAGED or EXTERNAL_MANAGED. Not supported for Serverless NEGs")`,
    check: (r, ctx) => {
      if (!isType(r, ...BACKEND_SERVICES) || !set(inp(r).outlierDetection)) return [];
      const scheme = inp(r).loadBalancingScheme;
      const ok = regional(r)
        ? ['INTERNAL_MANAGED', 'EXTERNAL_MANAGED'].includes(scheme) &&
          httpProtocol(inp(r).protocol) &&
          !backendsOf(r).some((b) => serverlessGroup(ctx, b.group))
        : ['INTERNAL_SELF_MANAGED', 'EXTERNAL_MANAGED'].includes(scheme);
      return ok ? [] : [{ path: 'outlierDetection', message: `outlierDetection on this ${regional(r) ? 'regional' : 'global'} ${scheme} backend service` }];
    },
  },
  {
    id: 'affinity-cookie-ttl',
    source: `${PROTO} BackendService.affinityCookieTtlSec ("requires GENERATED_COOKIE or HTTP_COOKIE session affinity ... The maximum allowed value is two weeks (1,209,600)")`,
    check: (r) => {
      const ttl = inp(r).affinityCookieTtlSec;
      if (!isType(r, ...BACKEND_SERVICES) || !set(ttl)) return [];
      if (ttl < 0 || ttl > 1_209_600) return [{ path: 'affinityCookieTtlSec', message: `${ttl} is outside 0-1209600` }];
      return ttl > 0 && !['GENERATED_COOKIE', 'HTTP_COOKIE'].includes(inp(r).sessionAffinity)
        ? [{ path: 'affinityCookieTtlSec', message: `a cookie lifetime with sessionAffinity ${inp(r).sessionAffinity}` }]
        : [];
    },
  },
  {
    id: 'connection-tracking-scope',
    source: `${PROTO} BackendService.connectionTrackingPolicy ("only available for external passthrough Network Load Balancers and internal passthrough Network Load Balancers"); BackendServiceConnectionTrackingPolicy.idleTimeoutSec (internal: 10 minutes to 16 hours)`,
    check: (r) => {
      const policy = inp(r).connectionTrackingPolicy as Inputs | undefined;
      if (!isType(r, ...BACKEND_SERVICES) || !policy) return [];
      const scheme = inp(r).loadBalancingScheme;
      if (scheme !== 'EXTERNAL' && scheme !== 'INTERNAL')
        return [{ path: 'connectionTrackingPolicy', message: `connectionTrackingPolicy on a ${scheme} backend service` }];
      const idle = policy.idleTimeoutSec;
      return scheme === 'INTERNAL' && set(idle) && (idle < 600 || idle > 57_600)
        ? [{ path: 'connectionTrackingPolicy.idleTimeoutSec', message: `${idle} s is outside 600-57600 (internal passthrough)` }]
        : [];
    },
  },
  {
    id: 'route-rule-priority',
    source: `${PROTO} HttpRouteRule.priority ("You cannot configure two or more routeRules with the same priority. Priority for each rule must be set to a number from 0 to 2147483647 inclusive")`,
    check: (r) => {
      if (!isType(r, ...URL_MAPS)) return [];
      const { routeRules } = urlMapParts(inp(r));
      const seen = new Map<string, string>();
      return routeRules.flatMap(({ rr, at, matcher }) => {
        const p = rr.priority;
        if (!Number.isInteger(p) || p < 0 || p > 2147483647) return [{ path: `${at}.priority`, message: `priority ${p} is outside 0-2147483647` }];
        const key = `${matcher}/${p}`;
        if (seen.has(key)) return [{ path: `${at}.priority`, message: `priority ${p} is also held by ${seen.get(key)}` }];
        seen.set(key, at);
        return [];
      });
    },
  },
  {
    id: 'url-map-shape',
    source: `${PROTO} PathMatcher.routeRules ("you can set only one of pathRules or routeRules"), HttpRouteRuleMatch ("Only one of prefixMatch, fullPathMatch, regexMatch or path_template_match"; prefixMatch "must begin with a /", 1-1024 characters; fullPathMatch 1-1024), HttpHeaderMatch ("Only one of exactMatch, prefixMatch, suffixMatch, regexMatch, presentMatch or rangeMatch must be set"), HttpQueryParameterMatch (one of exactMatch, presentMatch, regexMatch), WeightedBackendService.weight (0-1000), HostRule.pathMatcher (names a path matcher), UrlMap (one default: defaultService, defaultRouteAction or defaultUrlRedirect)`,
    check: (r) => {
      if (!isType(r, ...URL_MAPS)) return [];
      const u = inp(r);
      const { matchers, routeRules, matchRules } = urlMapParts(u);
      const names = new Set(matchers.map(({ pm }) => pm.name));
      const out: Array<{ path: string; message: string }> = [];
      const oneDefault = (o: Inputs, at: string) => {
        const n = count(o, ['defaultService', 'defaultRouteAction', 'defaultUrlRedirect']);
        if (n !== 1) out.push({ path: at || 'default', message: `${n} defaults (exactly one of defaultService, defaultRouteAction, defaultUrlRedirect)` });
      };
      oneDefault(u, '');
      ((u.hostRules as Inputs[] | undefined) ?? []).forEach((h, i) => {
        if (!names.has(h.pathMatcher)) out.push({ path: `hostRules[${i}].pathMatcher`, message: `no path matcher '${h.pathMatcher}'` });
      });
      for (const { pm, at } of matchers) {
        oneDefault(pm, at);
        if (set(pm.pathRules) && set(pm.routeRules)) out.push({ path: at, message: 'both pathRules and routeRules' });
      }
      for (const { rr, at } of routeRules) {
        // "Only one of urlRedirect, service or routeAction.weightedBackendService can be set"; a routeAction without
        // weighted services (URL rewrite, timeout, retries) may sit beside service ("If routeAction is also specified,
        // advanced routing actions, such as URL rewrites, take effect before sending the request to the backend").
        const weighted = ((rr.routeAction?.weightedBackendServices as unknown[] | undefined) ?? []).length > 0;
        const n = count(rr, ['service', 'urlRedirect']) + (weighted ? 1 : 0);
        if (n !== 1) out.push({ path: at, message: `${n} destinations (one of service, urlRedirect, routeAction.weightedBackendServices)` });
        if (set(rr.urlRedirect) && set(rr.routeAction)) out.push({ path: at, message: 'a routeAction beside urlRedirect' });
        for (const [k, w] of ((rr.routeAction?.weightedBackendServices as Inputs[] | undefined) ?? []).entries()) {
          if (!Number.isInteger(w.weight) || w.weight < 0 || w.weight > 1000)
            out.push({ path: `${at}.routeAction.weightedBackendServices[${k}].weight`, message: `weight ${w.weight} is outside 0-1000` });
        }
      }
      for (const { m, at } of matchRules) {
        const n = count(m, ['prefixMatch', 'fullPathMatch', 'regexMatch', 'pathTemplateMatch']);
        if (n !== 1) out.push({ path: at, message: `${n} path matches (exactly one of prefixMatch, fullPathMatch, regexMatch, pathTemplateMatch)` });
        for (const k of ['prefixMatch', 'fullPathMatch']) {
          const v = m[k];
          if (set(v) && (typeof v !== 'string' || v.length < 1 || v.length > 1024 || !v.startsWith('/')))
            out.push({ path: `${at}.${k}`, message: `${k} '${v}' must start with '/' and have 1-1024 characters` });
        }
        ((m.headerMatches as Inputs[] | undefined) ?? []).forEach((h, k) => {
          const c = count(h, ['exactMatch', 'prefixMatch', 'suffixMatch', 'regexMatch', 'presentMatch', 'rangeMatch']);
          if (c !== 1) out.push({ path: `${at}.headerMatches[${k}]`, message: `${c} header matches (exactly one)` });
          if (!h.headerName) out.push({ path: `${at}.headerMatches[${k}].headerName`, message: 'headerName is required' });
        });
        ((m.queryParameterMatches as Inputs[] | undefined) ?? []).forEach((q, k) => {
          if (count(q, ['exactMatch', 'regexMatch', 'presentMatch']) !== 1)
            out.push({ path: `${at}.queryParameterMatches[${k}]`, message: 'exactly one of exactMatch, regexMatch, presentMatch' });
        });
      }
      return out;
    },
  },
  {
    id: 'regex-scope',
    source: `${PROTO} HttpRouteRuleMatch.regexMatch and HttpHeaderMatch.regexMatch ("Regular expressions can only be used when the loadBalancingScheme is set to INTERNAL_SELF_MANAGED, EXTERNAL_MANAGED (regional scope) or INTERNAL_MANAGED")`,
    check: (r) => {
      // Global URL maps lbkit builds serve EXTERNAL_MANAGED; regional ones EXTERNAL_MANAGED or INTERNAL_MANAGED (both allowed).
      if (!isType(r, 'URLMap')) return [];
      return urlMapParts(inp(r)).matchRules.flatMap(({ m, at }) => [
        ...(set(m.regexMatch) ? [{ path: `${at}.regexMatch`, message: 'regexMatch on a global EXTERNAL_MANAGED URL map' }] : []),
        ...((m.headerMatches as Inputs[] | undefined) ?? []).flatMap((h, k) =>
          set(h.regexMatch) ? [{ path: `${at}.headerMatches[${k}].regexMatch`, message: 'regexMatch on a global EXTERNAL_MANAGED URL map' }] : [],
        ),
      ]);
    },
  },
  {
    id: 'forwarding-rule-shape',
    source: `${PROTO} ForwardingRule.sourceIpRanges ("up to 64 source IP ranges, and this field can only be used with a regional forwarding rule whose scheme is EXTERNAL"), ForwardingRule.ports / portRange (ports for passthrough, at most 5; portRange for proxies), ForwardingRule.allowGlobalAccess (internal schemes)`,
    check: (r) => {
      if (!isType(r, 'ForwardingRule', 'GlobalForwardingRule')) return [];
      const f = inp(r);
      const scheme = f.loadBalancingScheme;
      const out: Array<{ path: string; message: string }> = [];
      if (set(f.sourceIpRanges) && (scheme !== 'EXTERNAL' || (!regional(r) && r.type.includes('global')) || (f.sourceIpRanges as unknown[]).length > 64))
        out.push({ path: 'sourceIpRanges', message: `sourceIpRanges on a ${scheme} forwarding rule, or more than 64` });
      if (set(f.ports) && set(f.portRange)) out.push({ path: 'ports', message: 'both ports and portRange' });
      if (set(f.ports) && (!['EXTERNAL', 'INTERNAL'].includes(scheme) || (f.ports as unknown[]).length > 5))
        out.push({ path: 'ports', message: `ports on a ${scheme} forwarding rule, or more than 5` });
      if (set(f.allowGlobalAccess) && !['INTERNAL', 'INTERNAL_MANAGED'].includes(scheme))
        out.push({ path: 'allowGlobalAccess', message: `allowGlobalAccess on a ${scheme} forwarding rule` });
      if (count(f, ['target', 'backendService']) !== 1) out.push({ path: 'target', message: 'exactly one of target and backendService' });
      return out;
    },
  },
  {
    id: 'proxy-shape',
    source: `${PROTO} TargetHttpProxy.httpKeepAliveTimeoutSec ("the minimum allowed value is 5 seconds and the maximum allowed value is 1200 seconds"), TargetHttpsProxy.sslCertificates ("At least one SSL certificate must be specified"; at most 15, https://cloud.google.com/load-balancing/docs/quotas) or certificateMap`,
    check: (r) => {
      if (!isType(r, 'TargetHttpProxy', 'RegionTargetHttpProxy', 'TargetHttpsProxy', 'RegionTargetHttpsProxy', 'TargetSSLProxy')) return [];
      const p = inp(r);
      const out: Array<{ path: string; message: string }> = [];
      const keepAlive = p.httpKeepAliveTimeoutSec;
      if (set(keepAlive) && (keepAlive < 5 || keepAlive > 1200)) out.push({ path: 'httpKeepAliveTimeoutSec', message: `${keepAlive} is outside 5-1200` });
      if (isType(r, 'TargetHttpsProxy', 'RegionTargetHttpsProxy', 'TargetSSLProxy')) {
        const certs = (p.sslCertificates as unknown[] | undefined)?.length ?? 0;
        if (certs > 0 === set(p.certificateMap) || certs > 15)
          out.push({
            path: 'sslCertificates',
            message: `${certs} certificates${set(p.certificateMap) ? ' and a certificate map' : ''} (1-15, or a certificate map)`,
          });
      }
      return out;
    },
  },
  {
    id: 'health-check-shape',
    source: `${PROTO} HealthCheck (one of tcpHealthCheck, sslHealthCheck, httpHealthCheck, httpsHealthCheck, http2HealthCheck, grpcHealthCheck); @pulumi/gcp 9.37 HealthCheckArgs.timeoutSec ("It is invalid for timeoutSec to have greater value than checkIntervalSec")`,
    check: (r) => {
      if (!isType(r, 'HealthCheck', 'RegionHealthCheck')) return [];
      const h = inp(r);
      const out: Array<{ path: string; message: string }> = [];
      if (count(h, ['tcpHealthCheck', 'sslHealthCheck', 'httpHealthCheck', 'httpsHealthCheck', 'http2HealthCheck', 'grpcHealthCheck']) !== 1)
        out.push({ path: '', message: 'exactly one protocol health check' });
      if (set(h.timeoutSec) && set(h.checkIntervalSec) && h.timeoutSec > h.checkIntervalSec)
        out.push({ path: 'timeoutSec', message: `timeoutSec ${h.timeoutSec} > checkIntervalSec ${h.checkIntervalSec}` });
      return out;
    },
  },
  {
    id: 'security-policy-shape',
    source: `${PROTO} SecurityPolicy.rules (priorities unique; the default rule at 2147483647, added by GCP when no rules are given), SecurityPolicyRule.rateLimitOptions (with action throttle or rate_based_ban); https://cloud.google.com/armor/docs/rate-limiting-overview (intervalSec 10, 30, 60, 120, 180, 240, 300, 600, 900, 1200, 1800, 2700, 3600)`,
    check: (r) => {
      if (!isType(r, 'SecurityPolicy', 'RegionSecurityPolicy')) return [];
      const rules = (inp(r).rules as Inputs[] | undefined) ?? [];
      const out: Array<{ path: string; message: string }> = [];
      const priorities = rules.map((x) => x.priority);
      // "If no rules are provided when creating a security policy, a default rule with action "allow" will be added."
      if (rules.length && !priorities.includes(2147483647)) out.push({ path: 'rules', message: 'no default rule at priority 2147483647' });
      priorities.forEach((p, i) => {
        if (priorities.indexOf(p) !== i) out.push({ path: `rules[${i}].priority`, message: `priority ${p} twice` });
      });
      rules.forEach((x, i) => {
        if (set(x.rateLimitOptions) !== ['throttle', 'rate_based_ban'].includes(x.action))
          out.push({ path: `rules[${i}].rateLimitOptions`, message: `rateLimitOptions with action ${x.action}` });
        const interval = x.rateLimitOptions?.rateLimitThreshold?.intervalSec;
        if (set(interval) && ![10, 30, 60, 120, 180, 240, 300, 600, 900, 1200, 1800, 2700, 3600].includes(interval))
          out.push({ path: `rules[${i}].rateLimitOptions.rateLimitThreshold.intervalSec`, message: `intervalSec ${interval}` });
      });
      return out;
    },
  },
  {
    id: 'security-policy-match',
    source: `${PROTO} SecurityPolicyRuleMatcherConfig.src_ip_ranges ("Maximum number of src_ip_ranges allowed is 10"), SecurityPolicyAdaptiveProtectionConfigLayer7DdosDefenseConfig.enable ("only supported in Global Security Policies of type CLOUD_ARMOR"); https://cloud.google.com/armor/docs/rules-language-reference ("an expression with up to five subexpressions")`,
    check: (r) => {
      if (!isType(r, 'SecurityPolicy', 'RegionSecurityPolicy')) return [];
      const out: Array<{ path: string; message: string }> = [];
      if (regional(r) && set(inp(r).adaptiveProtectionConfig))
        out.push({ path: 'adaptiveProtectionConfig', message: 'Adaptive Protection on a regional policy' });
      ((inp(r).rules as Inputs[] | undefined) ?? []).forEach((x, i) => {
        const ranges = x.match?.config?.srcIpRanges as unknown[] | undefined;
        if (ranges && ranges.length > 10) out.push({ path: `rules[${i}].match.config.srcIpRanges`, message: `${ranges.length} ranges` });
        const expression = x.match?.expr?.expression;
        const terms = typeof expression === 'string' ? subexpressions(expression) : 0;
        if (terms > 5) out.push({ path: `rules[${i}].match.expr.expression`, message: `${terms} subexpressions` });
      });
      return out;
    },
  },
  {
    id: 'neg-shape',
    source: `${PROTO} NetworkEndpointGroup.defaultPort (not for GCE_VM_IP), NetworkEndpointGroup.cloudRun / cloudFunction / appEngine ("Only one of cloudRun, appEngine or cloudFunction may be set") for SERVERLESS`,
    check: (r) => {
      if (!isType(r, 'NetworkEndpointGroup', 'RegionNetworkEndpointGroup')) return [];
      const n = inp(r);
      const out: Array<{ path: string; message: string }> = [];
      if (n.networkEndpointType === 'GCE_VM_IP' && set(n.defaultPort)) out.push({ path: 'defaultPort', message: 'defaultPort on a GCE_VM_IP NEG' });
      if (n.networkEndpointType === 'SERVERLESS' && count(n, ['cloudRun', 'cloudFunction', 'appEngine']) !== 1)
        out.push({ path: '', message: 'exactly one of cloudRun, cloudFunction, appEngine' });
      return out;
    },
  },
  {
    id: 'duration',
    source: `${PROTO} Duration ("nanos ... must be from 0 to 999,999,999"; seconds non-negative for these fields)`,
    check: (r) => {
      const out: Array<{ path: string; message: string }> = [];
      const visit = (v: unknown, path: string) => {
        if (Array.isArray(v)) v.forEach((x, i) => visit(x, `${path}[${i}]`));
        else if (v && typeof v === 'object') {
          const o = v as Inputs;
          if (
            Object.keys(o).length &&
            Object.keys(o).every((k) => k === 'seconds' || k === 'nanos') &&
            (o.seconds < 0 || (set(o.nanos) && (o.nanos < 0 || o.nanos > 999_999_999)))
          )
            out.push({ path, message: `duration ${JSON.stringify(o)}` });
          for (const [k, x] of Object.entries(o)) visit(x, path ? `${path}.${k}` : k);
        }
      };
      if (r.type.startsWith('gcp:compute/')) visit(inp(r), '');
      return out;
    },
  },
];

/** Findings of every rule on every resource. */
export function ruleFindings(resources: readonly RecordedResource[]): Finding[] {
  const byId = new Map<string, RecordedResource>();
  for (const r of resources) {
    byId.set(`${r.name}-id`, r);
    byId.set(`https://www.googleapis.com/compute/v1/${r.name}`, r);
  }
  const ctx: RuleContext = { resources, byRef: (ref) => (typeof ref === 'string' ? byId.get(ref) : undefined) };
  return resources.flatMap((r) =>
    [...RULES, ...MONITORING_RULES].flatMap((rule) => rule.check(r, ctx).map((f) => ({ resource: `${r.type}::${r.name}`, rule: rule.id, ...f }))),
  );
}
