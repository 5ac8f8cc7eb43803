/** URL maps, certificates, SSL and mTLS policies, target proxies, addresses and forwarding rules. */
import * as pulumi from '@pulumi/pulumi';
import * as compute from '@pulumi/gcp/compute';
import * as certificatemanager from '@pulumi/gcp/certificatemanager';
import * as networksecurity from '@pulumi/gcp/networksecurity';
import type { MatchRulePlan, RouteRulePlan, RouteTarget, UrlMapPlan } from '../plan/types';
import { globalOrRegional, lookup, type RenderContext } from './context';

type Ids = ReadonlyMap<string, pulumi.Output<string>>;

function routeRuleTarget(t: RouteTarget, services: Ids) {
  switch (t.kind) {
    case 'service':
      return { service: lookup(services, t.backendService) };
    case 'weighted':
      return { routeAction: { weightedBackendServices: t.services.map((s) => ({ backendService: lookup(services, s.backendService), weight: s.weight })) } };
    case 'redirect':
      return { urlRedirect: { ...t.redirect } };
    case 'not-found':
      // HttpRouteAction.faultInjectionPolicy.abort of every request: the backend service beside it is never reached.
      return {
        routeAction: {
          weightedBackendServices: [{ backendService: lookup(services, t.backendService), weight: 100 }],
          faultInjectionPolicy: { abort: { httpStatus: 404, percentage: 100 } },
        },
      };
    case 'unsupported':
      throw new Error(`lbkit gcp renderer: ${t.what} reached the renderer (the capability check should have rejected it)`);
  }
}

/** The same target as a URL-map or path-matcher default. */
function defaultTarget(t: RouteTarget, services: Ids) {
  const r = routeRuleTarget(t, services);
  if ('service' in r) return { defaultService: r.service };
  if ('routeAction' in r) return { defaultRouteAction: r.routeAction };
  return { defaultUrlRedirect: r.urlRedirect };
}

function matchRule(m: MatchRulePlan) {
  return {
    ...(m.prefixMatch !== undefined ? { prefixMatch: m.prefixMatch } : {}),
    ...(m.fullPathMatch !== undefined ? { fullPathMatch: m.fullPathMatch } : {}),
    ...(m.regexMatch !== undefined ? { regexMatch: m.regexMatch } : {}),
    // Paths compare with exact case in lbkit unless the spec says caseSensitive: false.
    ignoreCase: m.ignoreCase === true,
    headerMatches: m.headerMatches.map((h) => ({ ...h, invertMatch: false })),
    queryParameterMatches: m.queryParameterMatches.map((q) => ({ ...q })),
  };
}

/** A Duration of whole seconds (compute v1 Duration: seconds is an int64, a string in @pulumi/gcp). */
const duration = (seconds: number) => ({ seconds: `${seconds}` });

/** The rule's filters that live in routeAction (issue 16): URL rewrite, timeout and retry policy; undefined when none. */
function filterAction(r: RouteRulePlan) {
  const urlRewrite = {
    ...(r.hostRewrite !== undefined ? { hostRewrite: r.hostRewrite } : {}),
    ...(r.pathPrefixRewrite !== undefined ? { pathPrefixRewrite: r.pathPrefixRewrite } : {}),
  };
  const action = {
    ...(Object.keys(urlRewrite).length ? { urlRewrite } : {}),
    ...(r.timeoutSec !== undefined ? { timeout: duration(r.timeoutSec) } : {}),
    ...(r.retryPolicy
      ? {
          retryPolicy: {
            numRetries: r.retryPolicy.numRetries,
            ...(r.retryPolicy.perTryTimeoutSec !== undefined ? { perTryTimeout: duration(r.retryPolicy.perTryTimeoutSec) } : {}),
            retryConditions: [...r.retryPolicy.retryConditions],
          },
        }
      : {}),
  };
  return Object.keys(action).length ? action : undefined;
}

/** A route rule: its target, plus the rule's headerAction, URL rewrite, timeout and retry policy (issue 16). */
function routeRule(r: RouteRulePlan, services: Ids) {
  const target = routeRuleTarget(r.target, services);
  const filters = filterAction(r);
  // A routeAction may sit beside `service`; with a weighted split the filters join its routeAction.
  const withRewrite = filters
    ? 'routeAction' in target
      ? { ...target, routeAction: { ...target.routeAction, ...filters } }
      : { ...target, routeAction: filters }
    : target;
  return {
    priority: r.priority,
    matchRules: r.matchRules.map(matchRule),
    ...withRewrite,
    ...(r.headerAction
      ? {
          // @pulumi/gcp names the API's list fields in the plural (requestHeadersToAdd -> requestHeadersToAdds).
          headerAction: {
            requestHeadersToAdds: r.headerAction.requestHeadersToAdd.map((h) => ({ ...h })),
            requestHeadersToRemoves: [...r.headerAction.requestHeadersToRemove],
            responseHeadersToAdds: r.headerAction.responseHeadersToAdd.map((h) => ({ ...h })),
            responseHeadersToRemoves: [...r.headerAction.responseHeadersToRemove],
          },
        }
      : {}),
  };
}

function urlMapArgs(ctx: RenderContext, u: UrlMapPlan, services: Ids) {
  return {
    ...ctx.common,
    description: `lbkit: routing of frontend ${u.frontend}`,
    hostRules: u.hostRules.map((h) => ({ hosts: [...h.hosts], pathMatcher: h.pathMatcher })),
    pathMatchers: u.pathMatchers.map((pm) => ({
      name: pm.name,
      ...defaultTarget(pm.default, services),
      routeRules: pm.routeRules.map((r) => routeRule(r, services)),
    })),
    ...defaultTarget(u.default, services),
  };
}

export function renderUrlMaps(ctx: RenderContext, services: Ids): Map<string, pulumi.Output<string>> {
  const out = new Map<string, pulumi.Output<string>>();
  for (const u of ctx.plan.urlMaps) {
    const args = urlMapArgs(ctx, u, services);
    out.set(u.id, globalOrRegional(ctx, u, args, { global: compute.URLMap, regional: compute.RegionUrlMap }).id);
  }
  return out;
}

/** Certificates by `<name>` (global) or `<name>@regional`, created once each. */
export function renderCertificates(ctx: RenderContext): Map<string, pulumi.Output<string>> {
  const out = new Map<string, pulumi.Output<string>>();
  if (ctx.props.certificateMap !== undefined) return out;
  for (const { name, regional } of ctx.plan.certificates) {
    const key = regional ? `${name}@regional` : name;
    if (out.has(key)) continue;
    const cert = ctx.props.certificates?.[name] ?? { kind: 'managed' as const };
    const id = `cert-${name}${regional ? '-regional' : ''}`;
    const description = `lbkit: certificate ${name}`;
    if (cert.kind === 'existing') {
      out.set(key, pulumi.output(cert.sslCertificate));
    } else if (cert.kind === 'self-managed') {
      const args = { ...ctx.common, description, certificate: cert.certificate, privateKey: pulumi.secret(cert.privateKey) };
      out.set(key, globalOrRegional(ctx, { id, regional }, args, { global: compute.SSLCertificate, regional: compute.RegionSslCertificate }).id);
    } else {
      const domains = ctx.model.certificates.find((c) => c.name === name)!.domains;
      out.set(
        key,
        new compute.ManagedSslCertificate(ctx.name(id), { ...ctx.common, description, type: 'MANAGED', managed: { domains: [...domains] } }, ctx.opts()).id,
      );
    }
  }
  return out;
}

export function renderTlsPolicies(ctx: RenderContext): { ssl: Map<string, pulumi.Output<string>>; mtls: Map<string, pulumi.Output<string>> } {
  const ssl = new Map<string, pulumi.Output<string>>();
  for (const p of ctx.plan.sslPolicies) {
    const args = { ...ctx.common, description: 'lbkit: TLS versions and ciphers', profile: p.profile, minTlsVersion: p.minTlsVersion };
    ssl.set(p.id, globalOrRegional(ctx, p, args, { global: compute.SSLPolicy, regional: compute.RegionSslPolicy }).id);
  }
  const trustConfigs = new Map<string, pulumi.Output<string>>();
  const mtls = new Map<string, pulumi.Output<string>>();
  for (const p of ctx.plan.mtlsPolicies) {
    if (!trustConfigs.has(p.trustStore)) {
      const store = ctx.props.trustStores![p.trustStore];
      trustConfigs.set(
        p.trustStore,
        'trustConfig' in store
          ? pulumi.output(store.trustConfig)
          : new certificatemanager.TrustConfig(
              ctx.name(`trust-${p.trustStore}`),
              {
                ...ctx.common,
                location: 'global',
                description: `lbkit: trust store ${p.trustStore}`,
                labels: ctx.labels,
                trustStores: [{ trustAnchors: store.caCertificates.map((pem) => ({ pemCertificate: pem })) }],
              },
              ctx.opts(),
            ).id,
      );
    }
    const policy = new networksecurity.ServerTlsPolicy(
      ctx.name(p.id),
      {
        ...ctx.common,
        location: 'global',
        description: 'lbkit: client certificates',
        labels: ctx.labels,
        allowOpen: false,
        mtlsPolicy: { clientValidationMode: p.clientValidationMode, clientValidationTrustConfig: lookup(trustConfigs, p.trustStore) },
      },
      ctx.opts(),
    );
    mtls.set(p.id, policy.id);
  }
  return { ssl, mtls };
}

export interface ProxyRefs {
  readonly urlMaps: Ids;
  readonly services: Ids;
  readonly certificates: Ids;
  readonly ssl: Ids;
  readonly mtls: Ids;
}

/** The proxy's keep-alive when the spec wrote the idle timeout; unset, GCP's own (610 s global, 600 s regional). */
const keepAlive = (seconds: number | undefined) => (seconds !== undefined ? { httpKeepAliveTimeoutSec: seconds } : {});

export function renderProxies(ctx: RenderContext, refs: ProxyRefs): Map<string, pulumi.Output<string>> {
  const out = new Map<string, pulumi.Output<string>>();
  const certs = (names: readonly string[], regional: boolean) =>
    ctx.props.certificateMap !== undefined
      ? { certificateMap: ctx.props.certificateMap }
      : { sslCertificates: names.map((n) => lookup(refs.certificates, regional ? `${n}@regional` : n)) };
  for (const p of ctx.plan.proxies) {
    const description = `lbkit: frontend ${p.frontend}`;
    let id: pulumi.Output<string>;
    switch (p.kind) {
      case 'http': {
        const args = { ...ctx.common, description, urlMap: lookup(refs.urlMaps, p.urlMap), ...keepAlive(p.keepAliveSec) };
        id = globalOrRegional(ctx, p, args, { global: compute.TargetHttpProxy, regional: compute.RegionTargetHttpProxy }).id;
        break;
      }
      case 'https': {
        const args = {
          ...ctx.common,
          description,
          urlMap: lookup(refs.urlMaps, p.urlMap),
          ...keepAlive(p.keepAliveSec),
          sslPolicy: lookup(refs.ssl, p.sslPolicy),
          ...(p.mtlsPolicy ? { serverTlsPolicy: lookup(refs.mtls, p.mtlsPolicy) } : {}),
        };
        id = (
          p.regional
            ? new compute.RegionTargetHttpsProxy(ctx.name(p.id), { ...args, ...certs(p.certificates, true), region: ctx.region }, ctx.opts())
            : new compute.TargetHttpsProxy(
                ctx.name(p.id),
                { ...args, ...certs(p.certificates, false), quicOverride: 'DISABLE', tlsEarlyData: 'DISABLED' },
                ctx.opts(),
              )
        ).id;
        break;
      }
      case 'tcp': {
        const args = { ...ctx.common, description, backendService: lookup(refs.services, p.backendService), proxyHeader: 'NONE' };
        id = globalOrRegional(ctx, p, args, { global: compute.TargetTCPProxy, regional: compute.RegionTargetTcpProxy }).id;
        break;
      }
      case 'ssl':
        id = new compute.TargetSSLProxy(
          ctx.name(p.id),
          {
            ...ctx.common,
            description,
            backendService: lookup(refs.services, p.backendService),
            proxyHeader: 'NONE',
            sslPolicy: lookup(refs.ssl, p.sslPolicy),
            ...certs(p.certificates, false),
          },
          ctx.opts(),
        ).id;
        break;
    }
    out.set(p.id, id);
  }
  return out;
}

/** Addresses by plan id: the resource (for `id`) and the IP address (for outputs). */
export function renderAddresses(ctx: RenderContext): Map<string, { id: pulumi.Output<string>; address: pulumi.Output<string> }> {
  const out = new Map<string, { id: pulumi.Output<string>; address: pulumi.Output<string> }>();
  for (const a of ctx.plan.addresses) {
    const description = `lbkit: ${a.flavor} frontends (${a.ipVersion})`;
    const resource = !a.regional
      ? new compute.GlobalAddress(
          ctx.name(a.id),
          { ...ctx.common, description, addressType: 'EXTERNAL', ipVersion: a.ipVersion, labels: ctx.labels },
          ctx.opts(),
        )
      : new compute.Address(
          ctx.name(a.id),
          {
            ...ctx.common,
            description,
            region: ctx.region,
            ipVersion: a.ipVersion,
            labels: ctx.labels,
            ...(a.internal
              ? { addressType: 'INTERNAL', subnetwork: ctx.props.subnetwork!, purpose: a.shared ? 'SHARED_LOADBALANCER_VIP' : 'GCE_ENDPOINT' }
              : {
                  addressType: 'EXTERNAL',
                  networkTier: 'PREMIUM',
                  ...(a.ipVersion === 'IPV6' ? { ipv6EndpointType: 'NETLB', subnetwork: ctx.props.subnetwork! } : {}),
                }),
          },
          ctx.opts(),
        );
    out.set(a.id, { id: resource.id, address: resource.address });
  }
  return out;
}

export function renderForwardingRules(
  ctx: RenderContext,
  refs: { addresses: ReadonlyMap<string, { id: pulumi.Output<string> }>; proxies: Ids; services: Ids },
  proxyOnlySubnet: pulumi.Resource | undefined,
): Map<string, pulumi.Output<string>> {
  const out = new Map<string, pulumi.Output<string>>();
  for (const r of ctx.plan.forwardingRules) {
    const description = `lbkit: frontend ${r.frontend} (${r.ipVersion})`;
    const ipAddress = lookup(refs.addresses, r.address).id;
    if (!r.regional) {
      // Global forwarding rules always reach a proxy (Application or proxy Network Load Balancer).
      const proxy = 'proxy' in r.target ? lookup(refs.proxies, r.target.proxy) : lookup(refs.services, r.target.backendService);
      const rule = new compute.GlobalForwardingRule(
        ctx.name(r.id),
        {
          ...ctx.common,
          description,
          ipAddress,
          ipProtocol: r.ipProtocol,
          portRange: `${r.port}`,
          loadBalancingScheme: r.scheme,
          networkTier: 'PREMIUM',
          labels: ctx.labels,
          target: proxy,
        },
        ctx.opts(),
      );
      out.set(r.id, rule.id);
      continue;
    }
    const target = 'proxy' in r.target ? { target: lookup(refs.proxies, r.target.proxy) } : { backendService: lookup(refs.services, r.target.backendService) };
    const managed = r.scheme === 'EXTERNAL_MANAGED' || r.scheme === 'INTERNAL_MANAGED';
    const rule = new compute.ForwardingRule(
      ctx.name(r.id),
      {
        ...ctx.common,
        description,
        region: ctx.region,
        ipAddress,
        ipProtocol: r.ipProtocol,
        labels: ctx.labels,
        loadBalancingScheme: r.scheme,
        ...(r.flavor === 'passthrough' ? { ports: [`${r.port}`] } : { portRange: `${r.port}` }),
        ...(r.internal ? { network: ctx.props.network!, subnetwork: ctx.props.subnetwork!, allowGlobalAccess: false } : { networkTier: 'PREMIUM' }),
        ...(managed && !r.internal ? { network: ctx.props.network! } : {}),
        ...(!r.internal && r.ipVersion === 'IPV6' && r.flavor === 'passthrough' ? { subnetwork: ctx.props.subnetwork! } : {}),
        ...(r.sourceIpRanges ? { sourceIpRanges: [...r.sourceIpRanges] } : {}),
        ...target,
      },
      ctx.opts(managed && proxyOnlySubnet ? [proxyOnlySubnet] : undefined),
    );
    out.set(r.id, rule.id);
  }
  return out;
}
