/**
 * L7 frontends to an Application Gateway v2: Standard_v2, or WAF_v2 when a frontend needs WAF rules (rate
 * limits, client restrictions). Routing follows routing.ts; this file names and wires the pieces.
 */
import { agwRedirectDestination } from '../capabilities';
import type { ModelScope } from '../../../lib/capabilities/features';
import type { RedirectAction } from '../../../lib/model/derived';
import type { ActionModel, CertificateModel, FrontendModel, HostMatch, PoolModel, RedirectStatus, RuleModel } from '../../../lib/model/types';
import { ipVersionsOf } from './lb';
import { childName, hostPart, versionSuffix } from './names';
import { planning, type PlanProblems } from './problems';
import { checkGatewayLimits } from './limits';
import { listenerPriorities } from './priorities';
import { frontendListenerHosts } from './listener-hosts';
import { planRewriteRuleSets } from './rewrites';
import { routeListener, type ListenerRouting } from './routing';
import type {
  AgwFrontendIpPlan,
  AgwProbePlan,
  AgwTarget,
  ApplicationGatewayPlan,
  BackendHttpSettingsPlan,
  HttpListenerPlan,
  IpVersion,
  RedirectPlan,
  RoutingRulePlan,
  SslPolicyPlan,
  SslProfilePlan,
  SubResourceRef,
  UrlPathMapPlan,
} from './types';
import { planWafPolicies, wafFrontends } from './waf';
import { protectedIps } from './ddos';
import { AZURE_DEFAULTS, written } from './written';

const REDIRECT_TYPES: Readonly<Record<RedirectStatus, RedirectPlan['redirectType']>> = {
  301: 'Permanent',
  302: 'Found',
  303: 'SeeOther',
  307: 'Temporary',
  // 308 is the capability table's nearest mapping: Application Gateway has no permanent method-keeping redirect.
  308: 'Permanent',
};

const ref = (collection: string, name: string): SubResourceRef => ({ collection, name });

export const TLS12_POLICY: SslPolicyPlan = { policyType: 'Predefined', policyName: 'AppGwSslPolicy20220101' };
export const TLS13_POLICY: SslPolicyPlan = { policyType: 'CustomV2', minProtocolVersion: 'TLSv1_3' };
const policyFor = (f: FrontendModel) => (f.tls?.minimumVersion === '1.3' ? TLS13_POLICY : TLS12_POLICY);

/**
 * The listener a redirect that keeps the client's host goes to (the gateway takes only its protocol and port):
 * the frontend's basic listener, or the listener of its first exact host name (a redirect cannot target a
 * wildcard listener, https://learn.microsoft.com/azure/application-gateway/multiple-site-overview).
 */
export function redirectListenerName(frontend: FrontendModel, version: IpVersion): string {
  const exact = frontend.hostnames?.find((h) => h.kind === 'exact');
  return childName(frontend.name, exact ? hostPart(exact) : '', versionSuffix(version));
}

/**
 * The Application Gateway of the scope's frontends (none without one). Problems go to `problems`; without it,
 * they throw AzurePlanError once the plan is done.
 */
export function planApplicationGateway(
  scope: ModelScope,
  prefix: string,
  wafManagedRules: boolean,
  problems?: PlanProblems,
): ApplicationGatewayPlan | undefined {
  if (!scope.frontends.length) return undefined;
  return planning(problems, 'azure-appgw', (found) => {
    const plan = layOut(scope, prefix, wafManagedRules, found);
    checkGatewayLimits(scope, plan, found);
    return plan;
  });
}

function layOut(scope: ModelScope, prefix: string, wafManagedRules: boolean, problems: PlanProblems): ApplicationGatewayPlan {
  const name = `${prefix}-agw`;
  const internal = scope.model.scheme === 'internal';
  const versions = ipVersionsOf(scope);
  const https = scope.frontends.filter((f) => f.tls);
  const wafPolicies = planWafPolicies(scope, name, wafManagedRules, problems);
  const wafKeys = new Set(wafFrontends(scope).map((f) => f.name));

  // Internal gateways listen on private addresses; a v2 gateway still needs a public IP for its management
  // plane (private-only gateways are a preview), which gets no listener.
  // The management-plane address of an internal gateway is public too, so DDoS protection covers it as well.
  const publicIps = protectedIps(
    scope,
    (internal ? ['IPv4' as const] : versions).map((v) => ({ name: `${name}-${v.toLowerCase()}`, ipVersion: v })),
    problems,
  );
  const frontendIPConfigurations: AgwFrontendIpPlan[] = [
    ...publicIps.map((ip) => ({
      name: `public-${ip.ipVersion.toLowerCase()}`,
      kind: 'public' as const,
      ipVersion: ip.ipVersion,
      publicIp: ip.name,
      hasListeners: !internal,
    })),
    ...(internal ? versions.map((v) => ({ name: `private-${v.toLowerCase()}`, kind: 'private' as const, ipVersion: v, hasListeners: true })) : []),
  ];
  const listenerIp = (v: IpVersion) => ref('frontendIPConfigurations', `${internal ? 'private' : 'public'}-${v.toLowerCase()}`);

  // All https frontends at TLS 1.3: the gateway policy says so; otherwise the gateway keeps the 1.2 policy and
  // a frontend that differs (1.3, or mutual TLS) gets an SSL profile of its own.
  const gatewayPolicy = https.length && https.every((f) => f.tls?.minimumVersion === '1.3') ? TLS13_POLICY : TLS12_POLICY;
  const sslProfiles: SslProfilePlan[] = https
    .filter((f) => policyFor(f) !== gatewayPolicy || f.tls?.clientCertificateTrust)
    .map((f) => ({
      name: f.name,
      frontend: f.name,
      sslPolicy: policyFor(f),
      trustedClientCertificates: f.tls?.clientCertificateTrust ? [f.tls.clientCertificateTrust.trustStore] : [],
    }));

  const listeners: HttpListenerPlan[] = [];
  const routingRules: RoutingRulePlan[] = [];
  const urlPathMaps: UrlPathMapPlan[] = [];
  const redirects = new Map<string, RedirectPlan>();
  // A target the gateway cannot take is a problem and leaves its routing rule or path rule out.
  const redirectTarget = (f: FrontendModel, action: RedirectAction, where: string, owner: string, v: IpVersion): AgwTarget | undefined => {
    const redirect = redirectOf(scope, f, action, where, childName(f.name, owner, versionSuffix(v)), v, problems);
    if (!redirect) return undefined;
    redirects.set(redirect.name, redirect);
    return { kind: 'redirect', redirectConfiguration: ref('redirectConfigurations', redirect.name) };
  };
  const targetOf = (f: FrontendModel, action: ActionModel | undefined, where: string, owner: string, v: IpVersion): AgwTarget | undefined => {
    if (action?.type === 'forward') {
      return {
        kind: 'forward',
        pool: action.pool,
        backendAddressPool: ref('backendAddressPools', action.pool),
        backendHttpSettings: ref('backendHttpSettingsCollection', action.pool),
      };
    }
    if (action?.type === 'redirect') return redirectTarget(f, action, where, owner, v);
    // Weighted splits and fixed responses are unsupported on azure-appgw: the capability table refuses them.
    if (action)
      problems.refuse(
        where,
        `azure-appgw cannot compile a ${action.type} action: a routing rule forwards to one pool or redirects`,
        'forward to one pool or redirect',
      );
    return undefined;
  };
  const actionPath = (f: FrontendModel, rule: RuleModel | undefined) => (rule ? `${rule.path}.action` : `${f.path}.defaultAction`);
  const rewriteRuleSets = planRewriteRuleSets(scope);
  // Filters apply to forwarded requests only (validation), and a redirect takes no rewrite set.
  const rewriteOf = (f: FrontendModel, rule: RuleModel | undefined): SubResourceRef | undefined => {
    const set = rule && rule.action.type === 'forward' ? rewriteRuleSets.find((s) => s.frontend === f.name && s.rule === rule.id) : undefined;
    return set ? ref('rewriteRuleSets', set.name) : undefined;
  };

  for (const f of scope.frontends) {
    const { hosts, basic } = frontendListenerHosts(scope.frontends, f, sniHosts(scope, f));
    const listenerHosts: Array<HostMatch | undefined> = [...hosts, ...(basic ? [undefined] : [])];
    const routings: ListenerRouting[] = f.redirectHttpToHttps ? [] : listenerHosts.map((h) => routeListener(f, h, problems));
    for (const v of versions) {
      const listenerBase = {
        frontend: f.name,
        ipVersion: v,
        frontendIPConfiguration: listenerIp(v),
        frontendPort: ref('frontendPorts', `port-${f.port}`),
        protocol: f.tls ? ('Https' as const) : ('Http' as const),
        ...(sslProfiles.some((p) => p.frontend === f.name) ? { sslProfile: ref('sslProfiles', f.name) } : {}),
        ...(wafKeys.has(f.name) ? { firewallPolicy: f.name } : {}),
      };
      const addListener = (host: HostMatch | undefined): HttpListenerPlan => {
        const listener: HttpListenerPlan = {
          ...listenerBase,
          name: childName(f.name, host ? hostPart(host) : '', versionSuffix(v)),
          hostNames: host ? [host.value] : [],
          ...(f.tls
            ? { sslCertificate: ref('sslCertificates', certificateFor(scope.model.certificates, f, host)), requireServerNameIndication: host !== undefined }
            : {}),
        };
        listeners.push(listener);
        return listener;
      };
      if (f.redirectHttpToHttps) {
        const action = { type: 'redirect' as const, scheme: 'https' as const, port: f.redirectHttpToHttps.port, statusCode: f.redirectHttpToHttps.statusCode };
        const target = redirectTarget(f, action, `${f.path}.redirectHttpToHttps`, 'to-https', v);
        for (const host of listenerHosts) {
          const listener = addListener(host);
          if (target) routingRules.push({ name: listener.name, priority: 0, httpListener: ref('httpListeners', listener.name), ruleType: 'Basic', target });
        }
        continue;
      }
      for (const routing of routings) {
        const listener = addListener(routing.host);
        const fallback = targetOf(
          f,
          routing.fallback,
          actionPath(f, routing.fallbackRule),
          routing.fallbackRule ? `rule_${routing.fallbackRule.id}` : 'default',
          v,
        );
        if (!fallback) continue;
        const fallbackRewrite = rewriteOf(f, routing.fallbackRule);
        if (!routing.entries.length) {
          routingRules.push({
            name: listener.name,
            priority: 0,
            httpListener: ref('httpListeners', listener.name),
            ruleType: 'Basic',
            target: fallback,
            ...(fallbackRewrite ? { rewriteRuleSet: fallbackRewrite } : {}),
          });
          continue;
        }
        urlPathMaps.push({
          name: listener.name,
          pathRules: routing.entries.flatMap((e) => {
            const target = targetOf(f, e.rule.action, actionPath(f, e.rule), `rule_${e.rule.id}`, v);
            const rewriteRuleSet = rewriteOf(f, e.rule);
            return target
              ? [{ name: childName(listener.name, e.rule.id), rule: e.rule.id, paths: e.patterns, target, ...(rewriteRuleSet ? { rewriteRuleSet } : {}) }]
              : [];
          }),
          defaultTarget: fallback,
          ...(fallbackRewrite ? { defaultRewriteRuleSet: fallbackRewrite } : {}),
        });
        routingRules.push({
          name: listener.name,
          priority: 0,
          httpListener: ref('httpListeners', listener.name),
          ruleType: 'PathBasedRouting',
          urlPathMap: ref('urlPathMaps', listener.name),
        });
      }
    }
  }

  return {
    name,
    sku: wafPolicies.length ? 'WAF_v2' : 'Standard_v2',
    internal,
    ipVersions: versions,
    publicIps,
    frontendIPConfigurations,
    frontendPorts: [...new Set(scope.frontends.map((f) => f.port))].map((port) => ({ name: `port-${port}`, port })),
    sslCertificates: [...new Set(https.flatMap((f) => [f.tls!.certificate, ...f.tls!.additionalCertificates]))],
    sslPolicy: gatewayPolicy,
    sslProfiles,
    trustedClientCertificates: [...new Set(sslProfiles.flatMap((p) => p.trustedClientCertificates))],
    backendAddressPools: scope.pools.map((p) => ({ name: p.name, pool: p.name })),
    backendHttpSettings: scope.pools.map((p) => settingsOf(scope, p)),
    probes: scope.pools.map((p) => probeOf(scope, p)),
    httpListeners: listeners,
    redirectConfigurations: [...redirects.values()],
    urlPathMaps,
    requestRoutingRules: prioritized(routingRules, listeners),
    // Only the sets a routing rule, path rule or map default uses (a rule shadowed everywhere has none).
    rewriteRuleSets: rewriteRuleSets.filter((set) => usesRewriteSet(set.name, routingRules, urlPathMaps)),
    wafPolicies,
  };
}

function usesRewriteSet(name: string, routingRules: readonly RoutingRulePlan[], maps: readonly UrlPathMapPlan[]): boolean {
  const is = (r: SubResourceRef | undefined) => r?.name === name;
  return routingRules.some((r) => is(r.rewriteRuleSet)) || maps.some((m) => is(m.defaultRewriteRuleSet) || m.pathRules.some((p) => is(p.rewriteRuleSet)));
}

/**
 * Routing rules with their priorities (priorities.ts: from the listener's name, in a band by how specific its
 * host is, so evaluation order holds: exact hosts, wildcards longest first, any host), kept in listener order.
 */
function prioritized(rules: readonly RoutingRulePlan[], listeners: readonly HttpListenerPlan[]): RoutingRulePlan[] {
  const priorities = listenerPriorities(listeners.map((l) => ({ name: l.name, host: l.hostNames[0] ?? '' })));
  return rules.map((r) => ({ ...r, priority: priorities.get(r.httpListener.name)! }));
}

/**
 * SNI certificates (the nearest mapping): a listener per host name an additional certificate covers, so that
 * Application Gateway presents that certificate for it; those listeners route like the basic one.
 */
function sniHosts(scope: ModelScope, f: FrontendModel): HostMatch[] {
  if (!f.tls?.additionalCertificates.length) return [];
  return f.tls.additionalCertificates
    .flatMap((c) => scope.model.certificates.find((m) => m.name === c)?.domains ?? [])
    .map((d) => (d.startsWith('*.') ? { kind: 'wildcard' as const, suffix: d.slice(1), value: d } : { kind: 'exact' as const, value: d }));
}

/** TLS name coverage: 'a.example.com' covers itself; '*.example.com' covers one more label (and itself). */
function covers(domain: string, host: HostMatch): boolean {
  if (domain === host.value) return true;
  if (!domain.startsWith('*.') || host.kind !== 'exact') return false;
  const label = host.value.slice(0, host.value.length - (domain.length - 1));
  return host.value.endsWith(domain.slice(1)) && label.length > 0 && !label.includes('.');
}

/** The listener's certificate: the first of the frontend's certificates that covers its host, else the main one. */
export function certificateFor(certificates: readonly CertificateModel[], f: FrontendModel, host: HostMatch | undefined): string {
  const tls = f.tls!;
  if (!host) return tls.certificate;
  const candidates = [tls.certificate, ...tls.additionalCertificates];
  return candidates.find((c) => certificates.find((m) => m.name === c)?.domains.some((d) => covers(d, host))) ?? tls.certificate;
}

/** The redirect configuration of a redirect at spec path `where`; undefined (and a problem) when it has no target. */
function redirectOf(
  scope: ModelScope,
  f: FrontendModel,
  a: RedirectAction,
  where: string,
  name: string,
  v: IpVersion,
  problems: PlanProblems,
): RedirectPlan | undefined {
  const { scheme, port, isDefaultPort, frontend } = agwRedirectDestination(scope, f, a);
  const common = { name, redirectType: REDIRECT_TYPES[a.statusCode], includePath: a.path === undefined, includeQueryString: a.query === undefined };
  if (a.host !== undefined) {
    // A fixed URL; Application Gateway appends the request's path when includePath is set.
    const query = a.query ? `?${a.query}` : '';
    return { ...common, targetUrl: `${scheme}://${a.host}${isDefaultPort ? '' : `:${port}`}${a.path ?? ''}${query}` };
  }
  // Keeping the client's host takes a redirect to a listener: the basic listener of the frontend serving
  // that scheme and port. The capability table's ranges refuse a redirect without one, and a path or query.
  if (!frontend) {
    problems.refuse(
      where,
      `no ${scheme} frontend on port ${port} to redirect to: a redirect that keeps the client's host goes to a listener of this gateway`,
      `name a host in the redirect, or add a ${scheme} frontend on port ${port}`,
    );
    return undefined;
  }
  return { ...common, targetListener: ref('httpListeners', redirectListenerName(frontend, v)) };
}

function settingsOf(scope: ModelScope, p: PoolModel): BackendHttpSettingsPlan {
  const users = scope.frontends.filter((f) => p.usedBy.includes(f.name));
  const timed = users.filter((f) => written(scope.model, `${f.path}.idleTimeoutSeconds`));
  return {
    name: p.name,
    pool: p.name,
    port: p.port,
    protocol: p.protocol === 'https' ? 'Https' : 'Http',
    cookieBasedAffinity: p.sessionPersistence?.type === 'lb-cookie' ? 'Enabled' : 'Disabled',
    ...(p.sessionPersistence?.type === 'lb-cookie' ? { affinityCookieName: 'ApplicationGatewayAffinity' } : {}),
    // Off, Application Gateway still drains for 30 s; the capability check rejects drainingSeconds 0. Left out,
    // draining stays off, Azure's own default (https://learn.microsoft.com/azure/application-gateway/configuration-http-settings).
    connectionDraining:
      p.drainingSeconds > 0 && written(scope.model, `${p.path}.drainingSeconds`)
        ? { enabled: true, drainTimeoutInSec: p.drainingSeconds }
        : { enabled: false, drainTimeoutInSec: 30 },
    // The nearest to the frontends' idle timeout: how long the gateway waits for the member's response; when no
    // frontend writes one, Azure's own 20 s.
    requestTimeout: timed.length ? Math.max(...timed.map((f) => f.idleTimeoutSeconds), 1) : AZURE_DEFAULTS.agwRequestTimeout,
    probe: ref('probes', p.name),
  };
}

function probeOf(scope: ModelScope, p: PoolModel): AgwProbePlan {
  const hc = p.healthCheck;
  // A field the spec left out keeps the value of Application Gateway's own default probe.
  const given = (field: 'intervalSeconds' | 'timeoutSeconds' | 'unhealthyThreshold') => written(scope.model, `${p.path}.healthCheck.${field}`);
  return {
    name: p.name,
    pool: p.name,
    protocol: hc.protocol === 'https' ? 'Https' : 'Http',
    path: hc.path ?? '/',
    port: hc.port,
    interval: given('intervalSeconds') ? hc.intervalSeconds : AZURE_DEFAULTS.agwProbe.interval,
    timeout: given('timeoutSeconds') ? hc.timeoutSeconds : AZURE_DEFAULTS.agwProbe.timeout,
    unhealthyThreshold: given('unhealthyThreshold') ? hc.unhealthyThreshold : AZURE_DEFAULTS.agwProbe.unhealthyThreshold,
    statusCodes: hc.successRanges.map(([low, high]) => (low === high ? `${low}` : `${low}-${high}`)),
  };
}
